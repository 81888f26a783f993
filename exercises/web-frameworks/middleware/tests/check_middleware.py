"""Checks for middleware.py. usage: check_middleware.py compose|pieces|app"""
import os
import random
import sys

from taplib import Tap, describe
from isolate import by_ref  # the learner keeps `log` and appends to it later: pass the list itself

SECRET = "db password is hunter2"


def req(method="GET", path="/", headers=None):
    return {"method": method, "path": path, "headers": dict(headers or {})}


def tracer(name, trace):
    def middleware(next_handler):
        def handle(request):
            trace.append(name + ":in")
            resp = next_handler(request)
            trace.append(name + ":out")
            return resp
        return handle
    return middleware


def compose_checks(tap, m):
    def order():
        trace = []

        def handler(request):
            trace.append("handler")
            return (200, {}, "ok")
        app = m.compose(handler, tracer("a", trace), tracer("b", trace), tracer("c", trace))
        resp = app(req())
        want = ["a:in", "b:in", "c:in", "handler", "c:out", "b:out", "a:out"]
        if trace != want:
            return f"compose(h, a, b, c): expected the calls {want}\ngot {trace}"
        if tuple(resp) != (200, {}, "ok"):
            return f"expected the handler's response (200, {{}}, 'ok') to come back, got {resp!r}"
    tap.test("compose(h, a, b, c): a is outermost, c innermost", order)

    def alone():
        app = m.compose(lambda r: (204, {"X": "1"}, ""))
        got = app(req())
        if tuple(got) != (204, {"X": "1"}, ""):
            return f"compose(h)(request): expected (204, {{'X': '1'}}, ''), got {describe(got)}"
    tap.test("compose(h) with no middleware behaves like h", alone)

    def passes_request():
        seen = []

        def tag(next_handler):
            def handle(request):
                request["tag"] = "set-by-middleware"
                return next_handler(request)
            return handle
        app = m.compose(lambda r: (seen.append(r.get("tag")) or (200, {}, "x")), tag)
        app(req())
        if seen != ["set-by-middleware"]:
            return f"the handler should see what an outer middleware put in the request, got {seen!r}"
    tap.test("the request flows through the middleware to the handler", passes_request)

    def short_circuit():
        called = []

        def deny(next_handler):
            return lambda request: (403, {}, "no")
        app = m.compose(lambda r: called.append(1) or (200, {}, ""), deny)
        got = app(req())
        if tuple(got) != (403, {}, "no") or called:
            return f"a middleware that answers itself must stop the chain; got {describe(got)}, handler called {len(called)} time(s)"
    tap.test("a middleware can answer without calling the next handler", short_circuit)


def pieces_checks(tap, m):
    def logs():
        log = []
        app = m.logging_middleware(by_ref(log))(lambda r: (201, {}, "made"))
        got = app(req("POST", "/items"))
        if tuple(got) != (201, {}, "made"):
            return f"logging must not change the response, got {describe(got)}"
        if log != ["POST /items -> 201"]:
            return f"expected log == ['POST /items -> 201'], got {log!r}"
    tap.test("logging_middleware appends 'POST /items -> 201'", logs)

    tokens = {"t0k3n": "ada", "other": "bob"}

    def auth_case(headers, desc):
        def run():
            called = []
            app = m.auth_middleware(tokens)(lambda r: called.append(r) or (200, {}, "secret data"))
            got = app(req(headers=headers))
            if called:
                return f"with headers {headers!r} the handler must not be called, but it was"
            if tuple(got) != (401, {"WWW-Authenticate": "Bearer"}, "Unauthorized"):
                return f"with headers {headers!r} expected (401, {{'WWW-Authenticate': 'Bearer'}}, 'Unauthorized'), got {describe(got)}"
        tap.test(f"auth rejects {desc}", run)
    auth_case({}, "a request without Authorization")
    auth_case({"Authorization": "Bearer nope"}, "an unknown token")
    auth_case({"Authorization": "Basic t0k3n"}, "another scheme (Basic)")
    auth_case({"Authorization": "Bearer "}, "an empty token")

    def accepts():
        called = []
        app = m.auth_middleware(tokens)(lambda r: called.append(r.get("user")) or (200, {}, "hello"))
        got = app(req(headers={"Authorization": "Bearer other"}))
        if called != ["bob"] or tuple(got) != (200, {}, "hello"):
            return f"expected the handler to run once with request['user'] == 'bob' and its response returned; handler saw users {called!r}, response {got!r}"
    tap.test("auth accepts 'Bearer other' and sets request['user'] = 'bob'", accepts)

    def random_tokens():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))  # new every run
        chars = "abcdefXYZ0123456789-_."
        table = {"".join(rng.choice(chars) for _ in range(rng.randint(4, 12))): f"user{i}" for i in range(5)}
        known = list(table)
        for _ in range(30):
            token = rng.choice(known) if rng.random() < 0.5 else "".join(rng.choice(chars) for _ in range(8))
            scheme = rng.choice(["Bearer", "Bearer", "Basic", "Token"])
            headers = {"Authorization": f"{scheme} {token}"} if rng.random() < 0.9 else {}
            called = []
            app = m.auth_middleware(table)(lambda r: called.append(r.get("user")) or (200, {}, "ok"))
            got = app(req("GET", "/r", headers))
            ok = bool(headers) and scheme == "Bearer" and token in table
            if ok and (called != [table[token]] or tuple(got) != (200, {}, "ok")):
                return (f"tokens {table!r}, headers {headers!r}: expected the handler to run with "
                        f"request['user'] == {table[token]!r}; it saw {called!r} and the response was {got!r}")
            if not ok and (called or tuple(got) != (401, {"WWW-Authenticate": "Bearer"}, "Unauthorized")):
                return (f"tokens {table!r}, headers {headers!r}: expected the 401 response without calling the "
                        f"handler; got {describe(got)}, handler called {len(called)} time(s)")
    tap.test("random tokens and headers (new every run)", random_tokens)

    def boom(request):
        raise RuntimeError(SECRET)

    def error_500():
        got = m.error_middleware(boom)(req())
        if tuple(got) != (500, {"Content-Type": "text/plain"}, "Internal Server Error"):
            return f"expected (500, {{'Content-Type': 'text/plain'}}, 'Internal Server Error'), got {describe(got)}"
    tap.test("error_middleware turns an exception into a 500 response", error_500)

    def no_leak():
        got = m.error_middleware(boom)(req())
        text = repr(got)
        for bad in ("hunter2", "Traceback", "RuntimeError", "line "):
            if bad in text:
                return f"the 500 response leaks {bad!r}: {text[:300]}"
    tap.test("the 500 response leaks no message, type or traceback", no_leak)

    def passthrough():
        resp = (404, {"X-Y": "z"}, "not here")
        got = m.error_middleware(lambda r: resp)(req())
        if tuple(got) != resp:
            return f"a normal response must pass through unchanged: expected {resp!r}, got {describe(got)}"
    tap.test("error_middleware passes normal responses through", passthrough)


def app_checks(tap, m):
    tokens = {"good": "ada"}
    auth = {"Authorization": "Bearer good"}

    def make():
        log, calls = [], []

        def handler(request):
            calls.append(request.get("user"))
            if request["path"] == "/boom":
                raise ValueError(SECRET)
            return (200, {"Content-Type": "text/plain"}, "hello " + request["user"])
        return m.build_app(handler, by_ref(log), tokens), log, calls

    def ok_path():
        app, log, calls = make()
        got = app(req("GET", "/hi", auth))
        if tuple(got) != (200, {"Content-Type": "text/plain"}, "hello ada"):
            return f"expected (200, {{'Content-Type': 'text/plain'}}, 'hello ada'), got {describe(got)}"
        if log != ["GET /hi -> 200"]:
            return f"expected log ['GET /hi -> 200'], got {log!r}"
    tap.test("an authenticated request reaches the handler and is logged once", ok_path)

    def unauth():
        app, log, calls = make()
        got = app(req("DELETE", "/hi", {}))
        if calls:
            return "the handler ran for an unauthenticated request"
        if got[0] != 401:
            return f"expected a 401 response, got {describe(got)}"
        if log != ["DELETE /hi -> 401"]:
            return f"a rejected request must be logged with its 401: expected ['DELETE /hi -> 401'], got {log!r}"
    tap.test("a rejected request is logged as 401 and never reaches the handler", unauth)

    def crash():
        app, log, calls = make()
        try:
            got = app(req("GET", "/boom", auth))
        except Exception as exc:
            return f"the exception escaped the app: {type(exc).__name__}"
        if got[0] != 500 or "hunter2" in repr(got):
            return f"expected a 500 response that leaks nothing, got {describe(got)}"
        if log != ["GET /boom -> 500"]:
            return f"a failing request must be logged with the status the client gets: expected ['GET /boom -> 500'], got {log!r}"
    tap.test("a crashing handler gives a 500 that is logged as 500", crash)

    def auth_crash():
        class DownTokenStore:
            """A token store that is down: every lookup raises, whichever one auth uses."""
            def _down(self, *a, **k):
                raise ConnectionError("token store is down")
            __contains__ = __getitem__ = get = __iter__ = __len__ = keys = items = values = _down
        log = []
        app = m.build_app(lambda r: (200, {}, "x"), by_ref(log), DownTokenStore())
        try:
            got = app(req("GET", "/x", auth))
        except Exception as exc:
            return (f"an exception raised inside auth (the token store is down: {type(exc).__name__}) escaped "
                    f"the app; error handling must wrap auth too")
        if got[0] != 500 or log != ["GET /x -> 500"]:
            return f"expected a 500 logged as 'GET /x -> 500', got {describe(got)} and log {log!r}"
    tap.test("an exception inside auth (a token store that is down) also becomes a logged 500", auth_crash)

    def many():
        app, log, calls = make()
        app(req("GET", "/a", auth))
        app(req("GET", "/b", {}))
        app(req("POST", "/boom", auth))
        want = ["GET /a -> 200", "GET /b -> 401", "POST /boom -> 500"]
        if log != want:
            return f"expected one line per request {want}, got {log!r}"
    tap.test("three requests give exactly three log lines", many)


GROUPS = {"compose": (4, compose_checks), "pieces": (10, pieces_checks), "app": (5, app_checks)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    mod = tap.load("middleware")
    try:
        fn(tap, mod)
    except Exception as exc:
        tap.fail_rest(f"{type(exc).__name__}: {exc}")
    tap.finish()
