"""Checks for app.py (a WSGI application). usage: check_app.py hello|echo|protocol"""
import io
import json
import os
import random
import sys
import urllib.parse
import warnings
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

from taplib import Tap, describe

warnings.simplefilter("error")  # wsgiref.validate warnings become failures


class Stream:
    """A wsgi.input that also holds the bytes of a following request."""

    def __init__(self, body, junk=b"GET /next HTTP/1.1\r\n\r\n"):
        self.data = body + junk
        self.pos = 0
        self.sizeless = False

    def read(self, size=-1):
        if size is None or size < 0:
            self.sizeless = True
            size = len(self.data) - self.pos
        chunk = self.data[self.pos:self.pos + size]
        self.pos += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)


def call(app, method, path, query="", body=None, content_length=None, use_validator=True, stream=None):
    env = {"REQUEST_METHOD": method, "SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": query}
    if body is not None:
        env["CONTENT_LENGTH"] = str(len(body)) if content_length is None else content_length
        env["CONTENT_TYPE"] = "application/json"
        env["wsgi.input"] = stream or io.BytesIO(body)
    elif content_length is not None:
        env["CONTENT_LENGTH"] = content_length
    setup_testing_defaults(env)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers
        return lambda data: None

    target = validator(app) if use_validator else app
    result = target(env, start_response)
    try:
        chunks = list(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    if "status" not in seen:
        raise AssertionError("start_response was never called")
    if not all(isinstance(c, bytes) for c in chunks):
        raise AssertionError(f"the app must return bytes, it returned {chunks!r}")
    return seen["status"], list(seen["headers"]), b"".join(chunks)


def header(headers, name):
    for k, v in headers:
        if k.lower() == name.lower():
            return v
    return None


def describe(method, path, query=""):
    return f"{method} {path}" + (f"?{query}" if query else "")


def expect(app, method, path, query="", status=None, ctype=None, body=None, **kw):
    def run():
        try:
            got_status, headers, got_body = call(app, method, path, query, **kw)
        except AssertionError as exc:
            return f"{describe(method, path, query)}: the WSGI validator or the check rejected the response: {exc}"
        where = describe(method, path, query)
        if status and got_status != status:
            return f"{where}: expected status {status!r}, got {got_status!r}"
        if ctype and header(headers, "Content-Type") != ctype:
            return f"{where}: expected Content-Type {ctype!r}, got {header(headers, 'Content-Type')!r}"
        if body is not None:
            if isinstance(body, dict):
                try:
                    parsed = json.loads(got_body)
                except ValueError:
                    return f"{where}: expected the JSON body {json.dumps(body)}, got {got_body!r}"
                if parsed != body:
                    return f"{where}: expected the JSON body {json.dumps(body)}, got {got_body!r}"
            elif got_body != body:
                return f"{where}: expected body {body!r}, got {got_body!r}"
        cl = header(headers, "Content-Length")
        if cl != str(len(got_body)):
            return f"{where}: Content-Length must be the body's length in bytes, {len(got_body)}; got {cl!r}"
        return None
    return run


TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


def hello(tap, mod):
    app = mod.application
    tap.test("GET /hello says Hello, world!", expect(app, "GET", "/hello", status="200 OK", ctype=TEXT, body=b"Hello, world!"))
    tap.test("GET /hello?name=Ada", expect(app, "GET", "/hello", "name=Ada", status="200 OK", ctype=TEXT, body=b"Hello, Ada!"))
    tap.test("name is percent-decoded: Zo%C3%AB", expect(app, "GET", "/hello", "name=Zo%C3%AB", status="200 OK",
                                                          body="Hello, Zoë!".encode()))
    tap.test("'+' in the query string is a space", expect(app, "GET", "/hello", "lang=en&name=Ada+L", body=b"Hello, Ada L!"))
    tap.test("an empty name falls back to world", expect(app, "GET", "/hello", "name=", body=b"Hello, world!"))
    tap.test("random names (new every run) are decoded and greeted", random_names(app))


def fresh_rng():
    """Seeded at check time: the random requests cannot be known in advance."""
    return random.Random(int.from_bytes(os.urandom(8), "big"))


ALPHABET = "abcXYZ019 +&=%/?#äöüé€😀"


def random_names(app):
    def run():
        rng = fresh_rng()
        for _ in range(15):
            name = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 10)))
            extra = rng.choice(["", "lang=en&", "x=1&"])
            query = extra + urllib.parse.urlencode({"name": name})
            err = expect(app, "GET", "/hello", query, status="200 OK", ctype=TEXT,
                         body=f"Hello, {name}!".encode())()
            if err:
                return err
    return run


def random_objects(app):
    def run():
        rng = fresh_rng()
        for _ in range(10):
            obj = {"".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6))):
                   rng.choice([rng.randint(-1000, 1000), "".join(rng.choice(ALPHABET) for _ in range(5)),
                               [1, "x", None], {"k": True}, 1.5]) for _ in range(rng.randint(0, 4))}
            raw = json.dumps(obj, ensure_ascii=rng.random() < 0.5).encode()
            err = _echo(app, raw, {"received": obj, "length": len(raw)})()
            if err:
                return err
    return run


def echo(tap, mod):
    app = mod.application
    payload = json.dumps({"user": "ada", "tags": ["x", "é"]}).encode()
    tap.test("POST /echo returns what was sent and its length",
              _echo(app, payload, {"received": {"user": "ada", "tags": ["x", "é"]}, "length": len(payload)}))

    def exact_read():
        raw = b'{"a": 1}'
        stream = Stream(raw)
        try:
            status, headers, body = call(app, "POST", "/echo", body=raw, stream=stream, use_validator=False)
        except Exception as exc:
            return f"POST /echo raised {type(exc).__name__}: {exc}"
        if stream.sizeless:
            return ("wsgi.input.read() was called without a size: read exactly CONTENT_LENGTH bytes; "
                    "on a real server the stream holds the next request's bytes (or blocks)")
        if status != "200 OK" or json.loads(body) != {"received": {"a": 1}, "length": 8}:
            return f"expected 200 and {{'received': {{'a': 1}}, 'length': 8}}, got {status!r} {body!r}"
    tap.test("reads exactly CONTENT_LENGTH bytes from wsgi.input", exact_read)
    tap.test("random JSON objects (new every run) come back with their length", random_objects(app))
    tap.test("invalid JSON gives 400", bad_case(app, b'{"a": ', "invalid JSON"))
    tap.test("a JSON list (not an object) gives 400", bad_case(app, b"[1, 2]", "a list"))
    tap.test("invalid UTF-8 gives 400", bad_case(app, b'{"a": "\xff"}', "invalid UTF-8"))
    tap.test("no CONTENT_LENGTH means an empty body: 400", bad_case(app, None, "no body"))
    tap.test("CONTENT_LENGTH 'abc' gives 400", bad_case(app, b"{}", "CONTENT_LENGTH abc", content_length="abc",
                                                          use_validator=False))


def _echo(app, payload, want):
    def run():
        try:
            status, headers, body = call(app, "POST", "/echo", body=payload)
        except AssertionError as exc:
            return f"POST /echo: the WSGI validator or the check rejected the response: {exc}"
        if status != "200 OK":
            return f"POST /echo with {payload!r}: expected 200 OK, got {status!r} {body!r}"
        if header(headers, "Content-Type") != JSON:
            return f"expected Content-Type application/json, got {header(headers, 'Content-Type')!r}"
        try:
            got = json.loads(body)
        except ValueError:
            return f"the body is not JSON: {body!r}"
        if got != want:
            return f"expected {json.dumps(want, ensure_ascii=False)}, got {body.decode(errors='replace')}"
        if header(headers, "Content-Length") != str(len(body)):
            return f"Content-Length {header(headers, 'Content-Length')!r} is not the body's byte length {len(body)}"
    return run


def bad_case(app, raw, what, content_length=None, use_validator=True):
    def run():
        try:
            if raw is None:
                status, headers, body = call(app, "POST", "/echo", content_length=content_length)
            else:
                status, headers, body = call(app, "POST", "/echo", body=raw, content_length=content_length,
                                             use_validator=use_validator)
        except AssertionError as exc:
            return f"POST /echo ({what}): the WSGI validator or the check rejected the response: {exc}"
        if status != "400 Bad Request":
            return f"POST /echo ({what}, body {raw!r}): expected '400 Bad Request', got {status!r} {body!r}"
        try:
            got = json.loads(body)
        except ValueError:
            got = body
        if got != {"error": "invalid JSON"} or header(headers, "Content-Type") != JSON:
            return (f"expected application/json body {{\"error\": \"invalid JSON\"}}, got "
                    f"{header(headers, 'Content-Type')!r} {body!r}")
    return run


def protocol(tap, mod):
    app = mod.application
    tap.test("unknown path gives 404", expect(app, "GET", "/nope", status="404 Not Found", ctype=TEXT))
    tap.test("/hello/ (trailing slash) gives 404", expect(app, "GET", "/hello/", status="404 Not Found"))

    def not_allowed(method, path, allow):
        def run():
            try:
                status, headers, body = call(app, method, path, body=b"{}" if method != "GET" else None)
            except AssertionError as exc:
                return f"{method} {path}: the WSGI validator rejected the response: {exc}"
            if status != "405 Method Not Allowed":
                return f"{method} {path}: expected '405 Method Not Allowed', got {status!r}"
            if header(headers, "Allow") != allow:
                return f"{method} {path}: expected the header Allow: {allow}, got {header(headers, 'Allow')!r}"
            if header(headers, "Content-Length") != str(len(body)):
                return f"{method} {path}: Content-Length does not match the body"
        return run
    tap.test("POST /hello gives 405 with Allow: GET", not_allowed("POST", "/hello", "GET"))
    tap.test("GET /echo gives 405 with Allow: POST", not_allowed("GET", "/echo", "POST"))
    tap.test("Content-Length counts bytes: name=%E2%82%AC%E2%82%AC",
              expect(app, "GET", "/hello", "name=%E2%82%AC%E2%82%AC", status="200 OK", body="Hello, €€!".encode()))
    tap.test("a UTF-8 JSON body passes the validator and comes back intact",
              _echo(app, '{"city": "Zürich"}'.encode(), {"received": {"city": "Zürich"}, "length": 19}))


GROUPS = {"hello": (6, hello), "echo": (8, echo), "protocol": (6, protocol)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    mod = tap.load("app")
    if not callable(getattr(mod, "application", None)):
        tap.fail_rest("app.py defines no callable named application")
        tap.finish()
    try:
        fn(tap, mod)
    except Exception as exc:
        tap.fail_rest(f"{type(exc).__name__}: {exc}")
    tap.finish()
