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

# The learner's process may use what rewrites code or bases in the standard
# library (asyncio, hence unittest.mock, sets __code__; typing.NamedTuple sets
# __bases__) and may rewrite its own functions, but never the checker's.
cat >work/modern.py <<'PY'
import sys
import typing
import unittest.mock
class Case(typing.NamedTuple):
    word: str
    count: int = 1
def case(): return Case("a").count + 1
def mocked():
    m = unittest.mock.Mock(side_effect=[3, 4])
    m(); return m()
def own_code():
    def f(): return 1
    f.__code__ = (lambda: 2).__code__
    return f()
class Mine:
    def name(self): return "mine"
class Yours(Mine):
    pass
def attack(what):
    main = sys.modules["__main__"]   # the checker's code in this process
    class Evil:
        def __eq__(self, other): return True
    try:
        if what == "code":
            main._child_main.__code__ = (lambda: None).__code__
        elif what == "bases":
            main.Conn.__bases__ = (Evil,)
        elif what == "class":
            e = Evil(); e.__class__ = main.by_ref
        elif what == "own-bases":
            Yours.__bases__ = (Evil,)
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    return "allowed"
PY
cat >work/guard.py <<'PY'
import sys
sys.path.insert(0, "tests")
from taplib import Tap
tap = Tap(6)
mod = tap.load("modern")
tap.ok(mod.case() == 2 and mod.mocked() == 4, "typing.NamedTuple and unittest.mock work")
tap.ok(mod.own_code() == 2, "the learner may rewrite their own function's code")
tap.ok(mod.attack("own-bases") == "allowed", "and their own class's bases", mod.attack("own-bases"))
for what in ("code", "bases", "class"):
    said = mod.attack(what)
    tap.ok(said.startswith("PermissionError") and "checker" in said, f"the checker's {what} is refused", said)
tap.finish()
PY
(cd work && "$PY" guard.py) >out.txt 2>err.txt || { cat out.txt err.txt; die "the learner's process guard is wrong"; }

# The learner's process cannot get around the guard to read the checker's
# files (tests/ holds the checks, their data and often a reference): not by
# walking objects with gc to rewrite the hook's closure, not from a
# sub-interpreter (it has no hook), not with a code object built by hand,
# not with a compiled module shipped in the submission. asyncio, which
# sets a flag on code objects at import, still works.
echo 'ANSWER = 42' >work/tests/secret_data.py
cat >work/escape.py <<'PY'
import sys
def attack(what):
    try:
        if what == "open":
            return open("tests/secret_data.py").read()
        if what == "gc":
            import gc
            for o in gc.get_objects():
                if type(o).__name__ == "function" and o.__name__ == "hook" and o.__closure__:
                    for c in o.__closure__:
                        if isinstance(c.cell_contents, (tuple, frozenset)):
                            c.cell_contents = type(c.cell_contents)()
            return open("tests/secret_data.py").read()
        if what == "subinterpreter":
            import _xxsubinterpreters as si
            si.run_string(si.create(), "open('tests/secret_data.py').read()")
            return "ran"
        if what == "code":
            f = lambda: 1
            return str(f.__code__.replace(co_code=f.__code__.co_code))
        if what == "native":
            import native_reader  # noqa: F401
            return "loaded"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    return "allowed"
def coroutines():
    import asyncio
    async def f():
        return 3
    return asyncio.run(f())
PY
attacks="open gc subinterpreter code"
if command -v cc >/dev/null; then
	# no Python headers needed: the constructor runs when the module is loaded
	printf '%s\n' '#include <fcntl.h>' '#include <unistd.h>' \
		'__attribute__((constructor)) static void grab(void) { char b[64]; int fd = open("tests/secret_data.py", O_RDONLY); if (fd >= 0 && read(fd, b, sizeof b) > 0) _exit(42); }' \
		'void PyInit_native_reader(void) {}' >native.c
	cc -shared -fPIC -o work/native_reader.so native.c && attacks="$attacks native"
fi
cat >work/escape_check.py <<PY
import sys
sys.path.insert(0, "tests")
from taplib import Tap
attacks = "$attacks".split()
tap = Tap(len(attacks) + 1)
mod = tap.load("escape")
tap.ok(mod.coroutines() == 3, "asyncio works under the guard")
for what in attacks:
    said = mod.attack(what)
    tap.ok(said.startswith("PermissionError") and "42" not in said, f"{what}: the checker's files stay closed", said)
tap.finish()
PY
(cd work && "$PY" escape_check.py) >out.txt 2>err.txt || { cat out.txt err.txt; die "the learner's process read the checker's files"; }
expect_eq "$(echo $attacks | wc -w)" "$(grep -c '^ok .*stay closed' out.txt)" "attacks refused"
