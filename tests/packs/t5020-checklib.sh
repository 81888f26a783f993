# The shared check library (checklib/) keeps the learner's types and says
# plainly what differs: an instance of a subclass of a built-in container
# keeps its methods across the process boundary, messages name the learner's
# own class and a value's type, a symlink is named as one, and a TAP
# description can never carry a directive a learner's value smuggled in.
set -u
. "$LIB"
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
mkdir -p work/tests && cp "$ROOT"/checklib/*.py work/tests/
cat >work/lru.py <<'PY'
from collections import OrderedDict, namedtuple
class LRUCache(OrderedDict):
    def __init__(self, capacity):
        super().__init__()
        self.capacity = capacity
    def get(self, key, default=None):
        if key not in self:
            return default
        self.move_to_end(key)
        return self[key]
    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.capacity:
            self.popitem(last=False)
    def __eq__(self, other):
        return True          # a lie the checker must never believe
class Bag(list):
    def total(self):
        return sum(self)
Point = namedtuple("Point", "x y")
class Thing:
    pass
def bag(): return Bag([1, 2, 3])
def point(): return Point(1, 2)
def thing(): return Thing()
PY
ln -s /nonexistent/answer.txt work/answer.txt
cat >work/check.py <<'PY'
import sys
sys.path.insert(0, "tests")
from taplib import Tap, describe, missing, short
tap = Tap(7)
mod = tap.load("lru")
c = mod.LRUCache(2)
c.put("a", 1); c.put("b", 2); c.get("a"); c.put("c", 3)
tap.ok(type(c).__name__ == "LRUCache" and c.get("b", -1) == -1 and list(c) == ["a", "c"], "subclass keeps methods",
       f"{type(c).__name__} {list(c)}")
tap.ok(c == {"a": 1, "c": 3} and c != {"a": 1}, "compared by contents, not by the learner's __eq__")
b, p = mod.bag(), mod.point()
tap.ok(b.total() == 6 and b == [1, 2, 3] and p == (1, 2) and p.x == 1 and {p: 1}[(1, 2)] == 1, "list subclass, namedtuple")
t = mod.thing()
tap.ok(type(t).__name__ == "Thing" and short(t) == "<Thing object>", "the learner's type name", short(t))
tap.ok(describe(4900.0) == "4900.0 (float)" and describe(4900) == "4900 (int)", "types in messages")
tap.ok("symbolic link" in missing("answer.txt") and "not found" in missing("nothing.txt"), "symlinks named")
tap.ok(True, "value 1 # TODO \\ not a directive")
tap.finish()
PY
(cd work && "$PY" check.py) >out.txt 2>err.txt || { cat out.txt err.txt; die "the checklib checks failed"; }
expect_grep '^ok 7 - value 1 \\# TODO \\\\ not a directive$' out.txt
"$RR" --version >/dev/null 2>&1 || true

# The guard in the learner's process refuses tampering with the checker's own
# classes, never ordinary Python: typing.NamedTuple (which sets __bases__
# itself) and a learner's object changing its own __class__ work.
mkdir -p guard/tests && cp "$ROOT"/checklib/*.py guard/tests/
cat >guard/shapes.py <<'PY'
import sys
from typing import NamedTuple
class Var(NamedTuple):
    env: str
    default: int = 0
class Closed:
    def step(self):
        self.__class__ = Opened
        return "opened"
class Opened(Closed):
    pass
def named():
    return Var("PORT", 8000)._replace(default=1)
def state():
    s = Closed()
    return s.step(), type(s).__name__
def _try(fn):
    try:
        fn()
    except PermissionError as exc:
        return str(exc)
    return "allowed"
def tamper():
    checker = sys.modules["__main__"]            # isolate.py in the learner's process
    class Mine: pass
    class Liar(Exception): pass
    conn = next(o for o in __import__("gc").get_objects() if type(o).__name__ == "Conn")
    return [_try(lambda: setattr(conn, "__class__", Mine)),
            _try(lambda: setattr(Liar, "__bases__", (checker.ChildError,))),
            _try(lambda: setattr(checker.ChildError, "__module__", "shapes")),
            _try(lambda: setattr(tamper, "__code__", named.__code__))]
PY
cat >guard/check.py <<'PY'
import sys
sys.path.insert(0, "tests")
from taplib import Tap
tap = Tap(3)
mod = tap.load("shapes")
tap.ok(mod.named() == ("PORT", 1), "typing.NamedTuple works in the learner's process")
tap.ok(mod.state() == ["opened", "Opened"] or mod.state() == ("opened", "Opened"), "a learner's object may change its own class")
got = mod.tamper()
tap.ok(all(m != "allowed" for m in got) and "the checker's class Conn" in got[0], "tampering with the checker is refused", repr(got))
tap.finish()
PY
(cd guard && "$PY" check.py) >gout.txt 2>gerr.txt || { cat gout.txt gerr.txt; die "the guard checks failed"; }
