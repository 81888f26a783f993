"""Run the learner's code in a child process; the checker keeps the verdict.

The check script (the parent) never imports the learner's module. It starts
`python3 tests/isolate.py --child` (the child), which imports the module and
serves requests over two pipes. Whatever the learner's code does at import or
call time (exit early, print fake TAP, monkey-patch hmac, time or the
checker's helpers, return objects whose __eq__ always says True), it happens
in the child: the parent alone prints the TAP stream and judges plain data.

Parent:
    child = Child("users")               # the child imports ./users.py on first use
    mod = child.module                   # mod.login(conn, "a", "b") runs in the child
    with child.budget(1.5, "too slow"):  # CPU budget of the child for the calls inside
        ...
    child.helper("name", *args)          # a function of the helper module, run in the child

Values cross as data: None, bool, int, float, str, bytes, bytearray, list,
tuple, dict, set, frozenset, Decimal and Fraction, rebuilt with their exact built-in types (a
str subclass arrives as a plain str holding the same characters, and so do
the standard library's containers: an OrderedDict arrives as a dict).
Exceptions keep their class names and bases. Any other object stays where it
was made and the other side gets a proxy: the checker can pass a database
connection or a fake clock into the learner's code, and the learner's
objects (a cache, a router) are called through proxies. A proxy's class
carries the name of the learner's class, so messages name the learner's own
type.

An instance of a learner's class built on a container (class
LRUCache(OrderedDict), class Row(tuple), a namedtuple) keeps its type and
every method: the checker gets a _Container, a real instance of the built-in
container holding a snapshot of the contents (so ==, isinstance and json
work on the data, and the learner's __eq__ is never asked), whose every
method call (get, put, __getitem__, __len__, __iter__, ...) runs the
learner's own method in the learner's process. The snapshot is taken again
after the learner's process has run anything, before it is compared or
shown. Lists, dicts and sets passed as
arguments are copied back after the call, so a function that fills a session
dict works as it would in one process. A proxy of a learner object equals
nothing but itself.

The child refuses (with an audit hook that cannot be removed) to read the
checker's files under tests/ or /proc, to start processes, to load ctypes,
to trace, or to rewrite the code, class or bases of the checker's own functions
and classes (the learner's own, and the standard library's, are theirs to change).
It also refuses what would get around the hook: walking every object with gc (the
hook's closure could be rewritten), a sub-interpreter (it has no hook), building a
code object by hand (unchecked bytecode), and native modules from anywhere but the
interpreter's own directories.
"""
import base64
import builtins
import decimal
import fractions
import json
import os
import select
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_MESSAGE = 64 * 1024 * 1024
_TOKENS = [0]  # every Conn gets its own number: a mirror or proxy belongs to one connection
# names the learner's process may read on the checker's objects, besides public ones
_DUNDERS = frozenset(("__iter__", "__next__", "__len__", "__getitem__", "__setitem__", "__delitem__",
                      "__contains__", "__enter__", "__exit__", "__eq__", "__ne__", "__hash__", "__bool__",
                      "__str__", "__repr__", "__lt__", "__le__", "__gt__", "__ge__"))


def missing(name, cwd=None):
    """Why the submission's file `name` cannot be read, for a learner: not there at all, or a
    symbolic link, which the runner copies as a link and never follows (so it points nowhere
    inside the check)."""
    path = os.path.join(cwd or os.getcwd(), name)
    if os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return (f"{name} is a symbolic link (to {target!r}), and symbolic links in a submission are "
                f"not followed: submit the file itself, not a link to it")
    if os.path.isdir(path):
        return f"{name} is a directory: your submission must contain the file {name}"
    return f"{name} not found: your submission must contain the file {name}"


class by_ref:
    """Wrap a list, dict or set of the checker's to pass it by reference instead of as a copy.

    The learner's code then gets a proxy: `log.append(line)` made long after
    the call that received `log` still lands in the checker's list."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj


class ChildError(Exception):
    """The learner's process died, hung, broke the protocol or ran out of budget."""


class TooSlow(ChildError):
    """The learner's code used more CPU (or wall-clock) time than its budget."""


class _Mirror:
    """Mixin of the classes that stand for the other side's exception classes."""


def _mirror_str(self):
    msg = self.__dict__.get("_rm")
    return msg if type(msg) is str else BaseException.__str__(self)


def _where_from_tb(tb, cwd, tests):
    """The last traceback frame in the learner's files, as 'file.py:line'."""
    import traceback

    found = None
    for frame in traceback.extract_tb(tb):
        path = os.path.abspath(frame.filename)
        if path.startswith(cwd + os.sep) and not path.startswith(tests + os.sep) and os.path.isfile(path):
            found = f"{os.path.relpath(path, cwd)}:{frame.lineno}"
    return found


class _Memo:
    """Containers in the order they were encoded (the decoder numbers them the same way)."""

    def __init__(self, objs=()):
        self.idx = {}
        self.objs = []
        for o in objs:
            self.add(o)

    def add(self, o):
        self.idx.setdefault(id(o), len(self.objs))
        self.objs.append(o)


class Conn:
    """One end of the pipe pair: encodes, decodes, sends requests and serves them."""

    def __init__(self, side, rfd, wfd, cwd, tests, owner=None):
        self.side = side          # "p" (checker) or "c" (learner's process)
        self.rfd, self.wfd = rfd, wfd
        self.cwd, self.tests = cwd, tests
        self.owner = owner        # parent only: the Child, for budgets
        self.buf = b""
        self.objs = {}            # id -> object of ours the other side holds
        self.ids = {}             # id(object) -> id
        self.next_id = 1
        self.proxies = {}         # other side's id -> proxy (one proxy per object)
        self.mirrors = {}         # other side's class id -> mirror class
        self.dead = None          # why this connection cannot be used any more
        self.depth = 0
        self.gen = 0              # requests sent so far: a container snapshot older than this may be stale
        _TOKENS[0] += 1
        self.token = _TOKENS[0]

    # ---------------------------------------------------------------- encoding
    def _own(self, x):
        n = self.ids.get(id(x))
        if n is None or self.objs.get(n) is not x:
            n = self.next_id
            self.next_id += 1
            self.objs[n] = x
            self.ids[id(x)] = n
        return n

    def _class(self, c):
        cdict = type.__dict__["__dict__"].__get__(c)
        rr = cdict.get("_rr")
        if type(rr) is tuple and rr[0] != self.side and rr[2] == self.token:
            return {"t": "ref", "s": rr[0], "i": rr[1]}
        name = type.__dict__["__name__"].__get__(c)
        modname = type.__dict__["__module__"].__get__(c)
        if modname == "builtins" and getattr(builtins, name, None) is c:
            return {"t": "builtin", "n": name}
        qual = type.__dict__["__qualname__"].__get__(c)
        if type(modname) is str and modname in getattr(sys, "stdlib_module_names", ()) and modname in sys.modules:
            obj = sys.modules[modname]
            for part in qual.split("."):
                obj = getattr(obj, part, None)
            if obj is c:
                return {"t": "global", "m": modname, "n": qual}
        if issubclass(c, BaseException):
            bases = [self._class(b) for b in type.__dict__["__bases__"].__get__(c) if issubclass(b, BaseException)]
            return {"t": "xcls", "s": self.side, "i": self._own(c), "n": str(name), "b": bases}
        return {"t": "ref", "s": self.side, "i": self._own(c), "ty": "class", "r": f"<class {name}>", "c": True}

    def encode(self, x, memo):
        """x as JSON-able data; memo is a _Memo shared with the decoder's numbering."""
        t = type(x)
        if x is None or t is bool or t is str:
            return x
        if t is int:
            return x if -(1 << 1000) < x < (1 << 1000) else {"t": "bigint", "v": hex(x)}
        if t is float:
            return x if x == x and x not in (float("inf"), float("-inf")) else {"t": "float", "v": repr(x)}
        if issubclass(t, _Proxy) and object.__getattribute__(x, "_conn") is self:
            return {"t": "ref", "s": object.__getattribute__(x, "_s"), "i": object.__getattribute__(x, "_i")}
        if issubclass(t, _Proxy):  # another connection's proxy: pass it on as an object of ours
            return {"t": "ref", "s": self.side, "i": self._own(x), "ty": object.__getattribute__(x, "_ty"),
                    "r": "", "c": callable(x)}
        if t is by_ref:
            x = x.obj
            return {"t": "ref", "s": self.side, "i": self._own(x), "ty": str(type(x).__name__), "r": "",
                    "c": callable(x)}
        if issubclass(t, type):
            return self._class(x)
        if issubclass(t, BaseException):
            return self._exception(x)
        if issubclass(t, decimal.Decimal):
            return {"t": "decimal", "v": decimal.Decimal.__str__(x)}
        if issubclass(t, fractions.Fraction):
            return {"t": "fraction", "v": [self.encode(fractions.Fraction.numerator.fget(x), memo),
                                           self.encode(fractions.Fraction.denominator.fget(x), memo)]}
        if issubclass(t, _Container) and object.__getattribute__(x, "_conn") is self:
            return {"t": "ref", "s": object.__getattribute__(x, "_s"), "i": object.__getattribute__(x, "_i")}
        if self.side == "c" and issubclass(t, _CONTAINERS) and t not in _CONTAINERS and not _stdlib_class(t):
            return self._container(x, t)
        if issubclass(t, (list, dict, tuple, set, frozenset, bytes, bytearray, str, int, float)):
            if id(x) in memo.idx:
                return {"t": "memo", "i": memo.idx[id(x)]}
            if issubclass(t, str):
                return str.__getitem__(x, slice(None))
            if issubclass(t, int):
                return self.encode(int.__index__(x), memo)
            if issubclass(t, float):
                return self.encode(float.__mul__(x, 1.0), memo)
            if issubclass(t, (bytes, bytearray)):
                tag = "bytes" if issubclass(t, bytes) else "bytearray"
                return {"t": tag, "v": base64.b64encode(bytes(memoryview(x))).decode("ascii")}
            memo.add(x)
            if issubclass(t, list):
                return [self.encode(i, memo) for i in list(list.__iter__(x))]
            if issubclass(t, dict):
                return {"t": "dict", "v": [[self.encode(k, memo), self.encode(v, memo)]
                                           for k, v in _dict_items(x)]}
            if issubclass(t, tuple):
                return {"t": "tuple", "v": [self.encode(i, memo) for i in tuple.__iter__(x)]}
            if issubclass(t, set):
                return {"t": "set", "v": [self.encode(i, memo) for i in list(set.__iter__(x))]}
            return {"t": "frozenset", "v": [self.encode(i, memo) for i in frozenset.__iter__(x)]}
        n = self._own(x)
        r = ""
        if self.side == "c":
            try:
                r = repr(x)
                r = r if type(r) is str else ""
            except BaseException:  # noqa: B902 - a learner's __repr__ may raise anything
                r = ""
        return {"t": "ref", "s": self.side, "i": n, "ty": str(type.__dict__["__name__"].__get__(t)),
                "r": r[:200], "c": callable(x)}

    def _container(self, x, t):
        """A learner's instance of a container subclass: a reference, with a snapshot of its
        contents read with the built-in type's own methods (the learner's are not called)."""
        base = next(b for b in t.__mro__ if b in _CONTAINERS)
        return {"t": "cont", "s": self.side, "i": self._own(x), "ty": str(type.__dict__["__name__"].__get__(t)),
                "b": base.__name__, "v": self.snapshot(x)}

    def snapshot(self, x):
        """x's contents as plain data of its built-in base type (a new memo: the snapshot is apart)."""
        base = next(b for b in type(x).__mro__ if b in _CONTAINERS)
        memo = _Memo([x])
        if base is dict:
            return [[self.encode(k, memo), self.encode(v, memo)] for k, v in _dict_items(x)]
        if base is bytearray:
            return base64.b64encode(bytes(memoryview(x))).decode("ascii")
        return [self.encode(i, memo) for i in list(base.__iter__(x))]

    def _exception(self, x):
        xdict = BaseException.__dict__["__dict__"].__get__(x)
        rr = xdict.get("_rr")
        if type(rr) is tuple and rr[0] != self.side and rr[2] == self.token:
            return {"t": "ref", "s": rr[0], "i": rr[1]}
        try:
            msg = str(x)
        except BaseException:  # noqa: B902 - a learner's __str__ may raise anything
            msg = None
        if type(msg) is not str:
            msg = f"<{type(x).__name__}>"
        args = []
        raw = BaseException.__dict__["args"].__get__(x)
        for a in raw if type(raw) is tuple else ():
            try:
                args.append(self.encode(a, _Memo()))
            except BaseException:  # noqa: B902
                args.append("<unencodable>")
        where = _where_from_tb(x.__traceback__, self.cwd, self.tests) if self.side == "c" else None
        if self.side == "c" and issubclass(type(x), SyntaxError) and type(x.filename) is str:
            where = f"{os.path.basename(x.filename)}:{x.lineno}"
        return {"t": "exc", "s": self.side, "i": self._own(x), "cls": self._class(type(x)),
                "a": args, "m": msg[:2000], "w": where}

    # ---------------------------------------------------------------- decoding
    def decode(self, d, memo):
        """memo: list of containers in encoding order."""
        if d is None or type(d) in (bool, int, float, str):
            return d
        if type(d) is list:
            out = []
            memo.append(out)
            for i in d:
                out.append(self.decode(i, memo))
            return out
        t = d["t"]
        if t == "memo":
            return memo[d["i"]]
        if t == "dict":
            out = {}
            memo.append(out)
            for k, v in d["v"]:
                k = self.decode(k, memo)
                out[k] = self.decode(v, memo)
            return out
        if t in ("tuple", "set", "frozenset"):
            slot = len(memo)
            memo.append(None)
            items = [self.decode(i, memo) for i in d["v"]]
            out = {"tuple": tuple, "set": set, "frozenset": frozenset}[t](items)
            memo[slot] = out
            return out
        if t == "bytes":
            return base64.b64decode(d["v"])
        if t == "bytearray":
            return bytearray(base64.b64decode(d["v"]))
        if t == "decimal":
            return decimal.Decimal(d["v"])
        if t == "fraction":
            return fractions.Fraction(self.decode(d["v"][0], []), self.decode(d["v"][1], []))
        if t == "bigint":
            return int(d["v"], 16)
        if t == "float":
            return float(d["v"])
        if t == "builtin":
            c = getattr(builtins, d["n"], None)
            if not isinstance(c, type):
                raise ChildError(f"unknown built-in {d['n']!r}")
            return c
        if t == "global":
            if d["m"] not in getattr(sys, "stdlib_module_names", ()):
                raise ChildError(f"refusing to import {d['m']!r}")
            import importlib

            obj = importlib.import_module(d["m"])
            for part in d["n"].split("."):
                obj = getattr(obj, part)
            return obj
        if t == "xcls":
            if d["s"] == self.side:
                return self.objs[d["i"]]
            c = self.mirrors.get(d["i"])
            if c is None:
                bases = tuple(self._safe_base(self.decode(b, [])) for b in d["b"]) or (Exception,)
                ns = {"_rr": (d["s"], d["i"], self.token), "__str__": _mirror_str,
                      "__module__": "learner" if d["s"] == "c" else "checker"}
                try:
                    c = type(str(d["n"]), bases + (_Mirror,), ns)
                except TypeError:  # incompatible layouts: keep the first base only
                    c = type(str(d["n"]), (bases[0], _Mirror), ns)
                self.mirrors[d["i"]] = c
            return c
        if t == "exc":
            if d["s"] == self.side:
                return self.objs[d["i"]]
            cls = self._safe_base(self.decode(d["cls"], []))
            args = tuple(self.decode(a, []) for a in d["a"])
            e = None
            if not issubclass(cls, _Mirror):  # a built-in class: build it properly (SyntaxError's msg...)
                try:
                    e = cls(*args)
                except Exception:  # noqa: BLE001
                    e = None
            if e is None:
                try:
                    e = cls.__new__(cls)
                except Exception:  # noqa: BLE001
                    cls = self._safe_base(Exception)
                    e = cls.__new__(cls)
                e.args = args
            e.__dict__.update(_rm=d["m"], _rr=(d["s"], d["i"], self.token), _rw=d.get("w"))
            return e
        if t == "plain" and self.side == "p":  # a snapshot (op "snapshot"): _Container takes it apart
            return _Plain(d["v"])
        if t == "cont":
            if d["s"] == self.side:
                return self.objs[d["i"]]
            p = self.proxies.get(d["i"])
            if p is None:
                p = _Container.make(self, d)
                self.proxies[d["i"]] = p
            else:
                _Container.fill(p, d["v"])
            return p
        if t == "ref":
            if d["s"] == self.side:
                try:
                    return self.objs[d["i"]]
                except KeyError:
                    raise ChildError("reference to an unknown object") from None
            p = self.proxies.get(d["i"])
            if p is None:
                if self.side == "p":
                    cls = _named(_CallableProxy if d.get("c") else _Proxy, str(d.get("ty", "object")))
                else:
                    cls = _CCallableProxy if d.get("c") else _CProxy
                p = cls.__new__(cls)
                for k, v in (("_conn", self), ("_s", d["s"]), ("_i", d["i"]),
                             ("_ty", str(d.get("ty", "object"))), ("_r", str(d.get("r", "")))):
                    object.__setattr__(p, k, v)
                self.proxies[d["i"]] = p
            return p
        raise ChildError(f"bad message part {t!r}")

    def _safe_base(self, c):
        """A class usable as a base; on the checker's side, the learner's SystemExit and
        KeyboardInterrupt become plain Exceptions so they cannot stop the checker."""
        if not isinstance(c, type) or not issubclass(c, BaseException):
            return Exception
        if self.side == "p" and c in (SystemExit, KeyboardInterrupt, GeneratorExit):
            key = ("builtin", c.__name__)
            m = self.mirrors.get(key)
            if m is None:
                m = type(c.__name__, (Exception, _Mirror), {"__str__": _mirror_str, "__module__": "learner"})
                self.mirrors[key] = m
            return m
        return c

    # ---------------------------------------------------------------- transport
    def send(self, msg):
        data = json.dumps(msg, separators=(",", ":")).encode("utf-8", "surrogatepass") + b"\n"
        view = memoryview(data)
        while view:
            try:
                n = os.write(self.wfd, view)
            except OSError as exc:
                if self.side == "c":
                    os._exit(0)
                self.dead = self.dead or f"the learner's process is gone ({exc.strerror})"
                raise ChildError(self.dead) from None
            view = view[n:]

    def recv(self):
        while b"\n" not in self.buf:
            if self.side == "p":
                ready, _, _ = select.select([self.rfd], [], [], 0.02)
                if not ready:
                    self.owner._monitor()
                    continue
            try:
                chunk = os.read(self.rfd, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                if self.side == "c":
                    os._exit(0)
                self.dead = self.dead or self.owner._death()
                raise ChildError(self.dead)
            self.buf += chunk
            if len(self.buf) > MAX_MESSAGE:
                self.dead = "the learner's process sent more than 64 MiB at once"
                raise ChildError(self.dead)
        line, _, self.buf = self.buf.partition(b"\n")
        try:
            msg = json.loads(line.decode("utf-8", "surrogatepass"))
        except ValueError:
            self.dead = ("the learner's process wrote something that is not a reply: "
                         + repr(line[:80].decode("utf-8", "replace")))
            raise ChildError(self.dead) from None
        if type(msg) is not dict:
            self.dead = "the learner's process sent a malformed reply"
            raise ChildError(self.dead)
        return msg

    def request(self, msg, sync=()):
        """Send a request; serve the other side's requests until the reply comes.

        sync: the containers encoded in msg, in memo order, to update from the reply."""
        if self.dead:
            raise ChildError(self.dead)
        self.depth += 1
        self.gen += 1
        try:
            if self.depth == 1 and self.owner is not None:
                self.owner._begin()
            self.send(msg)
            while True:
                reply = self.recv()
                if "op" in reply:
                    self.serve(reply)
                    continue
                break
        finally:
            self.depth -= 1
            if self.depth == 0 and self.owner is not None:
                self.owner._end()
        memo = list(sync)
        try:
            for k, state in reply.get("sync", []):
                self._apply(memo, k, state)
            if "e" not in reply:
                return self.decode(reply.get("r"), memo)
            exc = self.decode(reply["e"], memo)
            if not isinstance(exc, BaseException):
                raise ValueError("not an exception")
        except (KeyError, TypeError, IndexError, ValueError, AttributeError) as err:
            self.dead = f"malformed reply from the learner's process ({type(err).__name__}: {err})"
            if self.side == "p":
                self.owner.stop()
            raise ChildError(self.dead) from None
        raise exc

    def _apply(self, memo, k, state):
        """Update the requester's container k in place from the callee's shallow state."""
        target = memo[k]
        if type(target) is list and type(state) is list:
            target[:] = [self.decode(i, memo) for i in state]
        elif type(target) in (dict, set) and type(state) is dict:
            items = state["v"]
            if type(target) is dict:
                new = {}
                for kk, vv in items:
                    kk = self.decode(kk, memo)
                    new[kk] = self.decode(vv, memo)
                target.clear()
                target.update(new)
            else:
                new = [self.decode(i, memo) for i in items]
                target.clear()
                target.update(new)

    def _shallow(self, x, memo):
        """x's own items; containers the requester holds are sent as memo references."""
        if type(x) is list:
            return [self.encode(i, memo) for i in x]
        if type(x) is dict:
            return {"t": "dict", "v": [[self.encode(k, memo), self.encode(v, memo)] for k, v in x.items()]}
        return {"t": "set", "v": [self.encode(i, memo) for i in x]}

    def serve(self, req):
        """Run one request from the other side and send the reply."""
        memo_list = []
        try:
            op = req["op"]
            if op == "call":
                f = self.decode(req["f"], memo_list)
                args = self.decode(req["a"], memo_list)
                kwargs = self.decode(req["k"], memo_list)
                if self.side == "p" and not self._may_call(f):
                    raise PermissionError("the checker's object cannot be called")
                if type(args) is not list or type(kwargs) is not dict:
                    raise TypeError("bad call")
                result = f(*args, **kwargs)
            elif op == "getattr":
                obj = self.decode(req["o"], memo_list)
                name = req["n"]
                if self.side == "p":
                    result = self._checker_getattr(obj, name)
                else:
                    result = getattr(obj, name)
            elif op == "setattr":
                obj = self.decode(req["o"], memo_list)
                value = self.decode(req["v"], memo_list)
                if self.side == "p" and not getattr(type(obj), "_remote_settable", False):
                    raise AttributeError(f"the checker's {type(obj).__name__} object is read-only")
                setattr(obj, req["n"], value)
                result = None
            elif op == "snapshot":
                obj = self.decode(req["o"], memo_list)
                if self.side != "c" or not isinstance(obj, _CONTAINERS):
                    raise ChildError("bad snapshot request")
                self.send({"r": {"t": "plain", "v": self.snapshot(obj)}})
                return
            elif op == "import":
                result = self.do_import(req["m"])
            else:
                raise ChildError(f"unknown request {op!r}")
        except BaseException as exc:  # noqa: B902 - anything the code raised goes back
            if self.side == "p" and isinstance(exc, ChildError) and self.dead:
                raise
            try:
                memo = _Memo(memo_list)
                reply = {"sync": self._sync(memo_list, memo), "e": self.encode(exc, memo)}
            except BaseException:  # noqa: B902 - e.g. nested too deeply
                reply = {"e": self.encode(ValueError(f"{type(exc).__name__} could not be sent back"), _Memo())}
        else:
            try:
                memo = _Memo(memo_list)
                reply = {"sync": self._sync(memo_list, memo), "r": self.encode(result, memo)}
            except BaseException as exc:  # noqa: B902 - e.g. nested too deeply
                reply = {"e": self.encode(ValueError(
                    f"the returned value could not be sent back ({type(exc).__name__})"), _Memo())}
        self.send(reply)

    @staticmethod
    def _safe(fn, default):
        try:
            return fn()
        except RecursionError:
            return default

    def _may_call(self, f):
        return not isinstance(f, type) or getattr(f, "_remote_callable", False)

    def _checker_getattr(self, obj, name):
        if type(name) is not str or (name.startswith("_") and name not in _DUNDERS):
            raise AttributeError(f"the checker's object has no public attribute {name!r}")
        value = getattr(obj, name)
        if type(value).__name__ == "module" or isinstance(value, type) and not issubclass(value, BaseException):
            raise AttributeError(f"the checker's attribute {name!r} is not available")
        return value

    def _sync(self, memo_list, memo):
        return [[k, self._shallow(c, memo)] for k, c in enumerate(memo_list) if type(c) in (list, dict, set)]

    def do_import(self, name):
        raise ChildError("only the learner's process imports modules")

    # ---------------------------------------------------------------- calls
    def call(self, f, args, kwargs):
        memo = _Memo()
        msg = {"op": "call", "f": self.encode(f, memo)}
        msg["a"] = self.encode(list(args), memo)
        msg["k"] = self.encode(dict(kwargs), memo)
        return self.request(msg, sync=memo.objs)


# ---------------------------------------------------------------- containers
_CONTAINERS = (dict, list, tuple, set, frozenset, bytearray)


def _stdlib_class(t):
    """True for the standard library's classes (OrderedDict, defaultdict, Counter...): sent as data."""
    mod = type.__dict__["__module__"].__get__(t)
    return type(mod) is str and mod.partition(".")[0] in getattr(sys, "stdlib_module_names", ())


def _dict_items(x):
    """x's items in its own order, read without calling any method the learner wrote."""
    import collections

    if isinstance(x, collections.OrderedDict):
        return list(collections.OrderedDict.items(x))
    return list(dict.items(x))


_NAMED = {}


def _named(base, name):
    """A subclass of base named after the learner's class, so messages never show ours."""
    key = (base, name)
    cls = _NAMED.get(key)
    if cls is None:
        cls = _NAMED[key] = type(name, (base,), {"__slots__": (), "__module__": "learner"})
    return cls


class _Container:
    """Mixin of the checker's copies of the learner's container objects (see the module's docstring).

    The instance is a real dict/list/tuple/... holding a snapshot of the contents; every
    method call runs in the learner's process on the learner's object."""

    _forward = ()

    @staticmethod
    def make(conn, d):
        base = {c.__name__: c for c in _CONTAINERS}.get(d["b"])
        if base is None:
            raise ChildError(f"bad container base {d['b']!r}")
        cls = _CONTAINER_CLASSES.get((base, d["ty"]))
        if cls is None:
            ns = {"__module__": "learner", "_base": base}
            for name in _forwarded_names(base):
                ns[name] = _forwarder(name)
            # a tuple or frozenset (a namedtuple...) stays usable as a key, by its contents
            ns["__hash__"] = (lambda self, b=base: b.__hash__(self)) if base in (tuple, frozenset) else None
            cls = _CONTAINER_CLASSES[(base, d["ty"])] = type(str(d["ty"]), (_Container, base), ns)
        data = _Container._data(conn, base, d["v"])
        p = base.__new__(cls, data) if base in (tuple, frozenset) else base.__new__(cls)
        object.__setattr__(p, "_conn", conn)
        object.__setattr__(p, "_s", d["s"])
        object.__setattr__(p, "_i", d["i"])
        object.__setattr__(p, "_gen", conn.gen)
        if base not in (tuple, frozenset):
            _Container.fill(p, d["v"])
        return p

    @staticmethod
    def _data(conn, base, v):
        if base is dict:
            memo = []
            return {conn.decode(k, memo): conn.decode(val, memo) for k, val in v}
        if base is bytearray:
            return bytearray(base64.b64decode(v))
        return [conn.decode(i, []) for i in v]

    @staticmethod
    def fill(p, v):
        """Replace the snapshot (tuples and frozensets are immutable: their contents stay)."""
        base = type(p)._base
        conn = object.__getattribute__(p, "_conn")
        data = _Container._data(conn, base, v)
        if base is dict:
            dict.clear(p)
            dict.update(p, data)
        elif base is list:
            list.__setitem__(p, slice(None), data)
        elif base is set:
            set.clear(p)
            set.update(p, data)
        elif base is bytearray:
            bytearray.__setitem__(p, slice(None), data)
        object.__setattr__(p, "_gen", conn.gen)

    def _fresh(self):
        """Take the snapshot again if the learner's process ran anything since it was taken."""
        conn = object.__getattribute__(self, "_conn")
        if object.__getattribute__(self, "_gen") != conn.gen:
            reply = conn.request({"op": "snapshot", "o": _ref(self)})
            if type(reply) is not _Plain:
                raise ChildError("malformed snapshot from the learner's process")
            _Container.fill(self, reply.v)
        return self

    def _fresh_if_alive(self):
        try:
            self._fresh()
        except ChildError:
            pass  # shown as last seen

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return object.__getattribute__(self, "_conn").request({"op": "getattr", "o": _ref(self), "n": name})

    def __setattr__(self, name, value):
        conn = object.__getattribute__(self, "_conn")
        memo = _Memo()
        conn.request({"op": "setattr", "o": _ref(self), "n": name, "v": conn.encode(value, memo)}, memo.objs)

    def __eq__(self, other):
        # compared by the contents, read with the built-in type's own code: a learner's
        # __eq__ that always says True is never asked
        self._fresh()
        if isinstance(other, _Container):
            other._fresh()
        return type(self)._base.__eq__(self, other)

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __repr__(self):
        self._fresh_if_alive()
        return f"{type(self).__name__}({type(self)._base.__repr__(self)})"

    __str__ = __repr__

    def __reduce_ex__(self, protocol):
        self._fresh()
        return (type(self)._base, (type(self)._base(self),))


_CONTAINER_CLASSES = {}


class _Plain:
    """A container snapshot in transit (see Conn.snapshot)."""

    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


def _forwarded_names(base):
    """The methods of base that run in the learner's process: every public one, and the
    dunders that read or change the contents."""
    names = {n for n in dir(base) if not n.startswith("_")}
    names |= {"__len__", "__iter__", "__reversed__", "__contains__", "__getitem__", "__setitem__",
              "__delitem__", "__iadd__", "__ior__", "__isub__", "__iand__", "__ixor__", "__imul__",
              "__add__", "__or__", "__sub__", "__and__", "__xor__", "__mul__",
              "__lt__", "__le__", "__gt__", "__ge__", "__bool__"}
    return sorted(n for n in names if hasattr(base, n) or n == "__bool__")


def _forwarder(name):
    def method(self, *args, **kwargs):
        conn = object.__getattribute__(self, "_conn")
        try:
            f = conn.request({"op": "getattr", "o": _ref(self), "n": name})
        except AttributeError:
            if name == "__bool__":
                return len(self) > 0
            raise
        return conn.call(f, args, kwargs)

    method.__name__ = name
    return method


# ---------------------------------------------------------------- proxies
def _ref(p):
    return {"t": "ref", "s": object.__getattribute__(p, "_s"), "i": object.__getattribute__(p, "_i")}


class _Proxy:
    """The checker's handle on one of the learner's objects. Equal only to itself."""

    __slots__ = ("_conn", "_s", "_i", "_ty", "_r", "__weakref__")

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return object.__getattribute__(self, "_conn").request({"op": "getattr", "o": _ref(self), "n": name})

    def __setattr__(self, name, value):
        conn = object.__getattribute__(self, "_conn")
        memo = _Memo()
        conn.request({"op": "setattr", "o": _ref(self), "n": name, "v": conn.encode(value, memo)}, memo.objs)

    def _dunder(self, name, *args):
        conn = object.__getattribute__(self, "_conn")
        try:
            method = conn.request({"op": "getattr", "o": _ref(self), "n": name})
        except AttributeError:
            raise TypeError(f"{object.__getattribute__(self, '_ty')} object has no {name}") from None
        return conn.call(method, args, {})

    def __repr__(self):
        r = object.__getattribute__(self, "_r")
        ty = object.__getattribute__(self, "_ty")
        return r if r and len(r) < 200 else f"<{ty} object>"

    def __len__(self):
        n = self._dunder("__len__")
        if type(n) is not int:
            raise TypeError("__len__ did not return an int")
        return n

    def __iter__(self):
        return self._dunder("__iter__")

    def __next__(self):
        return self._dunder("__next__")

    def __contains__(self, item):
        return self._dunder("__contains__", item) is True

    def __getitem__(self, key):
        return self._dunder("__getitem__", key)

    def __setitem__(self, key, value):
        return self._dunder("__setitem__", key, value)

    def __delitem__(self, key):
        return self._dunder("__delitem__", key)

    def __enter__(self):
        return self._dunder("__enter__")

    def __exit__(self, *exc):
        return self._dunder("__exit__", *exc)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __hash__(self):
        return id(self)

    def __bool__(self):
        return True


class _CallableProxy(_Proxy):
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return object.__getattribute__(self, "_conn").call(self, args, kwargs)


class _CProxy(_Proxy):
    """The learner's handle on one of the checker's objects: forwards everything."""

    __slots__ = ()

    def __eq__(self, other):
        return self._dunder("__eq__", other)

    def __ne__(self, other):
        return self._dunder("__ne__", other)

    def __hash__(self):
        return self._dunder("__hash__")

    def __bool__(self):
        try:
            return bool(self._dunder("__bool__"))
        except TypeError:
            try:
                return bool(self._dunder("__len__"))
            except TypeError:
                return True

    def __str__(self):
        return self._dunder("__str__")

    def __repr__(self):
        return self._dunder("__repr__")


class _CCallableProxy(_CProxy):
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return object.__getattribute__(self, "_conn").call(self, args, kwargs)


# ---------------------------------------------------------------- parent side
def _cpu_of(pid):
    """CPU seconds (user + system) used so far by process pid, or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rindex(b")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _ModuleProxy:
    """The learner's module: attribute access goes to the current child process."""

    def __init__(self, child):
        object.__setattr__(self, "_child", child)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return object.__getattribute__(self, "_child")._module_attr(name)

    def __setattr__(self, name, value):
        raise AttributeError("the checker does not change the learner's module")

    def __repr__(self):
        return f"<module {object.__getattribute__(self, '_child').name}>"


_PARENT_GUARD = []


def _guard_parent():
    """The checker never loads sqlite extensions or ctypes, whoever asks (a proxy call could)."""
    if _PARENT_GUARD:
        return
    _PARENT_GUARD.append(True)
    blocked = frozenset(("sqlite3.enable_load_extension", "sqlite3.load_extension", "ctypes.dlopen",
                         "os.system", "os.exec", "os.posix_spawn", "os.fork"))

    def hook(event, _args, blocked=blocked):
        if event in blocked:
            raise PermissionError(f"{event} is not allowed in the checker")

    sys.addaudithook(hook)


_CHILDREN = []


def _stop_all():
    for c in _CHILDREN:
        c.stop()


class Child:
    """The learner's process. See the module docstring."""

    def __init__(self, name, helpers=None, budget=2.0, max_restarts=30, cwd=None, protect=None):
        self.name = name                 # the learner's module to import, or None for none
        self.helpers = helpers           # path of a module in tests/ the child loads before the learner's
        self.default_budget = budget
        self.cwd = cwd or os.getcwd()
        self.tests = protect or os.path.join(self.cwd, "tests")  # the directory the child may not read
        self.proc = None
        self.conn = None
        self.mod = None
        self.helper_mod = None
        self.import_error = None
        self.restarts = max_restarts
        self._limit = None               # [start cpu, seconds, message, wall deadline]
        self._auto = False
        self.module = _ModuleProxy(self)
        _guard_parent()
        if not _CHILDREN:
            import atexit

            atexit.register(_stop_all)
        _CHILDREN.append(self)

    # -- process
    def start(self):
        """(Re)start the child and import the module. Returns None or the import error as text."""
        self.stop()
        if self.name and not os.path.isfile(os.path.join(self.cwd, self.name + ".py")):
            self.import_error = missing(self.name + ".py", self.cwd)
            return self.import_error
        if self.restarts <= 0:
            self.import_error = "your code crashed or ran out of time too often; the remaining tests are not run"
            return self.import_error
        self.restarts -= 1
        env = {k: v for k, v in os.environ.items() if not k.startswith("ROADMAP_")}
        args = [sys.executable, "-B", "-s", os.path.join(HERE, "isolate.py"), "--child", self.tests]
        if self.helpers:
            args.append(os.path.join(HERE, self.helpers))
        self.proc = subprocess.Popen(args, cwd=self.cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=None, close_fds=True)
        self.conn = Conn("p", self.proc.stdout.fileno(), self.proc.stdin.fileno(), self.cwd, self.tests,
                         owner=self)
        try:
            with self.budget(10.0, f"importing {self.name}.py took more than 10 s of CPU time"):
                self.mod, self.helper_mod = self.conn.request({"op": "import", "m": self.name})
        except ChildError as exc:
            self.import_error = f"importing {self.name}.py failed: {exc}"
            self.stop()
            return self.import_error
        except Exception as exc:  # noqa: BLE001 - the import raised: report it like Python would
            where = exc.__dict__.get("_rw")
            at = f" (at {where})" if where else ""
            self.import_error = f"importing {self.name}.py failed: {type(exc).__name__}: {exc}{at}"
            self.stop()
            return self.import_error
        self.import_error = None
        return None

    def stop(self):
        if self.proc is not None:
            try:
                self.proc.kill()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            for f in (self.proc.stdin, self.proc.stdout):
                try:
                    f.close()
                except OSError:
                    pass
        if self.conn is not None and not self.conn.dead:
            self.conn.dead = "the learner's process was stopped"
        self.proc = None

    def alive(self):
        return self.proc is not None and self.conn is not None and not self.conn.dead and self.proc.poll() is None

    def ensure(self):
        """Start the child if it is not running. Raises ChildError if the module cannot be imported."""
        if not self.alive():
            err = self.start()
            if err:
                raise ChildError(err)

    def _module_attr(self, name):
        self.ensure()
        return self.conn.request({"op": "getattr", "o": _ref_of(self.mod), "n": name})

    def helper(self, name, *args, **kwargs):
        """Call function NAME of the helper module inside the learner's process."""
        self.ensure()
        fn = self.conn.request({"op": "getattr", "o": _ref_of(self.helper_mod), "n": name})
        return fn(*args, **kwargs)

    def _death(self):
        code = self.proc.poll() if self.proc is not None else None
        if code is None and self.proc is not None:
            try:
                code = self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
        if code is None:
            return "the learner's process stopped answering"
        if code < 0:
            import signal

            try:
                sig = signal.Signals(-code).name
            except ValueError:
                sig = f"signal {-code}"
            return f"your code's process was killed by {sig}"
        return f"your code ended the process (exit status {code}) instead of returning"

    # -- limits
    class _Budget:
        def __init__(self, child, seconds, message):
            self.child, self.seconds, self.message = child, seconds, message

        def __enter__(self):
            c = self.child
            self.saved = c._limit
            if self.saved is None or self.saved[4]:
                c._limit = [None, self.seconds, self.message, None, False]
            return self

        def __exit__(self, *exc):
            self.child._limit = self.saved
            return False

    def budget(self, seconds, message=None):
        """Limit the CPU time the learner's process may use inside the block."""
        return Child._Budget(self, seconds, message)

    def cpu(self):
        """CPU seconds the learner's process has used so far."""
        return (_cpu_of(self.proc.pid) or 0.0) if self.proc is not None else 0.0

    def _begin(self):
        if self._limit is None:
            self._limit = [None, self.default_budget, None, None, True]
        if self._limit[0] is None:
            self._limit[0] = self.cpu()
            self._limit[3] = time.monotonic() + max(10.0, 4 * self._limit[1] + 5)

    def _end(self):
        if self._limit is not None and self._limit[4]:
            self._limit = None

    def _monitor(self):
        if self._limit is None or self.proc is None or self._limit[0] is None:
            return
        start, seconds, message, wall, _auto = self._limit
        used = self.cpu() - start
        late = time.monotonic() > wall
        if used > seconds or late:
            self.stop()
            text = message or f"your code used more than {seconds:g} s of CPU time and was stopped"
            if late and used <= seconds:
                text = (message or "your code did not return") + " (it waited instead of returning)"
            self.conn.dead = text
            raise TooSlow(text)


def _ref_of(obj):
    return _ref(obj) if isinstance(obj, _Proxy) else None


# ---------------------------------------------------------------- child side
def _child_main():
    tests = os.path.realpath(sys.argv[2])
    helper_path = sys.argv[3] if len(sys.argv) > 3 else None
    req_fd, rep_fd = os.dup(0), os.dup(1)
    # the learner's prints, even os.write(1, ...), go to stderr; stdin reads nothing
    os.dup2(2, 1)
    r, w = os.pipe()
    os.close(w)
    os.dup2(r, 0)
    os.close(r)
    sys.stdout = sys.stderr
    sys.stdin = open(0, "r", closefd=False)
    cwd = os.getcwd()
    sys.path[:] = [cwd] + [p for p in sys.path[1:] if os.path.realpath(p or ".") != tests]
    import importlib
    import importlib.util
    import traceback  # noqa: F401 - loaded before the guard

    helper_mod = None
    if helper_path:
        spec = importlib.util.spec_from_file_location("_child_helpers", helper_path)
        helper_mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(helper_mod)
    _install_guard(tests, cwd)
    conn = Conn("c", req_fd, rep_fd, cwd, tests)

    def do_import(name):
        module = importlib.import_module(name) if name else None
        if helper_mod is not None and hasattr(helper_mod, "after_import"):
            helper_mod.after_import(module)
        return (module, helper_mod)

    conn.do_import = do_import
    while True:
        conn.serve(conn.recv())


def _install_guard(tests, cwd):
    """Keep the learner's code away from the checker's files and from other processes.

    An audit hook cannot be removed. It refuses: touching anything under tests/
    or /proc (symlinks resolved); starting processes; ctypes; tracing;
    rewriting the code, class or bases of the checker's own functions and classes."""
    import posix
    import stat as stat_mod
    import types

    blocked_events = frozenset((
        "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
        "os.forkpty", "pty.spawn", "ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata", "ctypes.call_function",
        "sys.settrace", "sys.setprofile", "os.symlink", "os.link", "os.chdir", "os.fchdir", "os.kill",
        "os.killpg", "signal.pthread_kill", "sys._current_frames",
        "sqlite3.enable_load_extension", "sqlite3.load_extension", "os.chroot",
        # Walking every object reaches this hook's closure, whose cells can be rewritten to
        # let tests/ through; a new interpreter starts without the hook; a forged code
        # object runs unchecked bytecode (memory access, then native code).
        "gc.get_objects", "gc.get_referrers", "gc.get_referents", "cpython.PyInterpreterState_New",
    ))
    # ... except types.coroutine, which only sets a flag on a compiled function's code
    # (asyncio uses it at import).
    coroutine_code = types.coroutine.__code__
    getframe = sys._getframe
    blocked_modules = frozenset((
        "_posixsubprocess", "ctypes", "_ctypes", "_xxsubinterpreters", "_xxinterpchannels",
        "_interpreters", "_interpchannels", "_interpqueues", "_testcapi", "_testinternalcapi",
        "_testmultiphase", "_testsinglephase", "_testbuffer", "_testclinic", "_testimportmultiple",
    ))
    # Native code is loaded only from the interpreter's own directories: a compiled module in
    # the submission would open tests/ without any audit event.
    import sysconfig
    native_dirs = []
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        d = sysconfig.get_paths().get(key)
        if d:
            native_dirs.append(os.path.realpath(d) + "/")
    native_dirs += [os.path.realpath(d) + "/" for d in sys.path
                    if d.startswith(("/usr/lib/python3", "/usr/local/lib/python3"))]
    native_dirs = tuple(native_dirs)
    import importlib.machinery
    native_suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    path_events = frozenset(("open", "os.listdir", "os.scandir", "shutil.copyfile", "os.rename", "os.truncate",
                             "os.chmod", "os.chown", "os.utime", "os.remove", "os.rmdir", "os.mkdir",
                             "sqlite3.connect", "glob.glob", "os.chflags", "shutil.copytree", "os.walk",
                             "os.listxattr", "os.getxattr"))
    prefixes = (tests + "/", "/proc/", "/dev/fd/")
    exact = frozenset((tests, "/proc", "/dev/fd"))
    lstat, readlink, S_ISLNK = posix.lstat, posix.readlink, stat_mod.S_ISLNK
    str_startswith, str_split, str_join, str_decode = str.startswith, str.split, str.join, bytes.decode
    list_append, list_pop = list.append, list.pop
    str_, bytes_, int_, tuple_ = str, bytes, int, tuple
    PermissionError_, OSError_ = PermissionError, OSError
    frozenset_contains = frozenset.__contains__
    type_ = type

    def resolve(path):
        if type_(path) is bytes_:
            path = str_decode(path, "utf-8", "surrogateescape")
        elif type_(path) is not str_:
            try:
                path = posix.fspath(path)
            except Exception:  # noqa: BLE001
                return None
            if type_(path) is bytes_:
                path = str_decode(path, "utf-8", "surrogateescape")
            if type_(path) is not str_:
                return None
        if not str_startswith(path, "/"):
            path = cwd + "/" + path
        todo = str_split(path, "/")
        todo.reverse()
        parts = []
        hops = 0
        while todo:
            part = list_pop(todo)
            if part in ("", "."):
                continue
            if part == "..":
                if parts:
                    list_pop(parts)
                continue
            here = "/" + str_join("/", parts + [part])
            try:
                mode = lstat(here).st_mode
            except OSError_:
                list_append(parts, part)
                continue
            if S_ISLNK(mode):
                hops += 1
                if hops > 40:
                    return "/proc"
                target = readlink(here)
                if str_startswith(target, "/"):
                    parts = []
                rest = str_split(target, "/")
                rest.reverse()
                todo.extend(rest)
                continue
            list_append(parts, part)
        return "/" + str_join("/", parts)

    # Rewriting __code__, __class__ or __bases__ is refused only on the checker's own functions
    # and classes (their code lives under tests/): the standard library does it to its own
    # (asyncio, hence unittest.mock, sets __code__; typing.NamedTuple sets __bases__).
    function_ = types.FunctionType
    function_code = function_.__dict__["__code__"].__get__
    function_name = function_.__dict__["__qualname__"].__get__
    type_mro, type_dict = type.__dict__["__mro__"].__get__, type.__dict__["__dict__"].__get__
    wrapped = (staticmethod, classmethod, property)

    def checker_code(code):
        if type_(code) is not types.CodeType:
            return False
        p = resolve(code.co_filename)
        return p is not None and (p == tests or str_startswith(p, tests + "/"))

    def checker_class(cls):
        if type_(cls) is tuple_:  # the new __bases__
            return any(checker_class(c) for c in cls)
        if not isinstance(cls, type):
            return False
        for c in type_mro(cls):
            for v in type_dict(c).values():
                if type_(v) in wrapped:
                    v = getattr(v, "__func__", None) or getattr(v, "fget", None)
                if type_(v) is function_ and checker_code(function_code(v)):
                    return True
        return False

    def hook(event, args):
        if frozenset_contains(blocked_events, event):
            raise PermissionError_(f"{event} is not allowed in this exercise")
        if event == "code.__new__" and getframe(1).f_code is not coroutine_code:
            raise PermissionError_("building a code object is not allowed in this exercise")
        if event == "import" and args and frozenset_contains(blocked_modules, args[0]):
            raise PermissionError_(f"importing {args[0]} is not allowed in this exercise")
        if event == "import" and len(args) > 1 and type_(args[1]) is str_ and args[1].endswith(native_suffixes):
            p = resolve(args[1])
            if p is None or not any(str_startswith(p, d) for d in native_dirs):
                raise PermissionError_(f"loading native code from {args[1]!r} is not allowed in this exercise")
        if event == "object.__setattr__" and len(args) > 2 and args[1] in ("__code__", "__class__", "__bases__"):
            what = args[1]
            if what == "__code__" and type_(args[0]) is function_ and checker_code(function_code(args[0])):
                raise PermissionError_(f"changing the __code__ of the checker's {function_name(args[0])}() "
                                       f"is not allowed in this exercise")
            if what != "__code__" and (checker_class(type_(args[0]) if what == "__class__" else args[0])
                                       or checker_class(args[2])):
                raise PermissionError_(f"changing the {what} of the checker's objects is not allowed "
                                       f"in this exercise")
        if frozenset_contains(path_events, event) and args and type_(args[0]) is not int_:
            p = resolve(args[0])
            if p is None:
                return
            if p in exact or any(str_startswith(p, x) for x in prefixes):
                raise PermissionError_(f"your code may not touch {args[0]!r}")
        if event in ("os.rename", "shutil.copyfile") and len(args) > 1 and type_(args[1]) is not int_:
            p = resolve(args[1])
            if p is not None and (p in exact or any(str_startswith(p, x) for x in prefixes)):
                raise PermissionError_(f"your code may not touch {args[1]!r}")

    sys.addaudithook(hook)


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[1] == "--child":
    _child_main()
