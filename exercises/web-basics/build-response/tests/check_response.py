"""Checks for httpresponse.py. Usage: check_response.py status-line|framing|injection|redirects|exact"""
import http
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short  # noqa: E402


def build(mod, *args, **kwargs):
    label = "build_response(" + ", ".join([short(a, 120) for a in args] +
                                          [f"{k}={short(v, 120)}" for k, v in kwargs.items()]) + ")"
    got = call(mod.build_response, *args, label=label, **kwargs)
    if not isinstance(got, (bytes, bytearray)):
        raise Fail(f"{label} returned {short(got)}; expected bytes")
    return label, bytes(got)


def expect(mod, want, *args, **kwargs):
    label, got = build(mod, *args, **kwargs)
    if got != want:
        raise Fail(f"{label} returned\n  {got!r}\nexpected\n  {want!r}")


def expect_value_error(mod, why, *args, **kwargs):
    fn = kwargs.pop("_fn", mod.build_response)
    label = f"{fn.__name__}(" + ", ".join([short(a, 120) for a in args] +
                                          [f"{k}={short(v, 120)}" for k, v in kwargs.items()]) + ")"
    try:
        got = fn(*args, **kwargs)
    except ValueError:
        return
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"{label} raised {type(exc).__name__}: {exc}; expected ValueError ({why})") from None
    raise Fail(f"{label} returned {short(got, 300)}; expected ValueError ({why})")


def run_status_line(tap, mod):
    tap.test("200 with a header and a body", lambda: expect(
        mod, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\n<h1>Hi</h1>",
        200, [("Content-Type", "text/html")], b"<h1>Hi</h1>"))
    tap.test("reason phrases come from http.HTTPStatus (404, 503)", lambda: (
        expect(mod, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 404),
        expect(mod, b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", 503)))
    tap.test("less common codes: 201, 418, 429", lambda: (
        expect(mod, b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 201),
        expect(mod, b"HTTP/1.1 418 I'm a Teapot\r\nContent-Length: 0\r\n\r\n", 418),
        expect(mod, b"HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n", 429)))
    tap.test("an unregistered code gets the phrase Unknown", lambda: expect(
        mod, b"HTTP/1.1 599 Unknown\r\nContent-Length: 0\r\n\r\n", 599))
    tap.test("status codes outside 100-599 raise ValueError", lambda: [
        expect_value_error(mod, "status must be an int from 100 to 599", s) for s in (99, 600, 0, -200)])
    tap.test("non-int statuses raise ValueError", lambda: [
        expect_value_error(mod, "status must be an int", s) for s in ("200", True, 200.0)])


def run_framing(tap, mod):
    tap.test("a str body is UTF-8 and gets a text/plain Content-Type", lambda: expect(
        mod, b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\ncaf\xc3\xa9",
        404, body="caf\u00e9"))
    tap.test("Content-Length counts bytes, not characters", lambda: expect(
        mod, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 8\r\n\r\n\xe2\x98\x83 snow",
        200, None, "\u2603 snow"))
    tap.test("a caller's Content-Type (any case) is not duplicated", lambda: expect(
        mod, b'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 2\r\n\r\n{}',
        200, {"content-type": "application/json"}, "{}"))
    tap.test("204 and 304 have no Content-Length and no body", lambda: (
        expect(mod, b"HTTP/1.1 204 No Content\r\n\r\n", 204),
        expect(mod, b'HTTP/1.1 304 Not Modified\r\nETag: "abc"\r\n\r\n', 304, {"ETag": '"abc"'}),
        expect(mod, b"HTTP/1.1 100 Continue\r\n\r\n", 100)))
    tap.test("a body on a 204 or 304 raises ValueError", lambda: (
        expect_value_error(mod, "204 has no body", 204, None, b"x"),
        expect_value_error(mod, "304 has no body", 304, None, "x")))
    tap.test("HEAD: the GET headers, Content-Length included, and no body", lambda: expect(
        mod, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\n",
        200, body="hello", head=True))
    tap.test("the caller may not set Content-Length or Transfer-Encoding", lambda: (
        expect_value_error(mod, "framing belongs to build_response", 200, {"Content-Length": "3"}, b"abc"),
        expect_value_error(mod, "framing belongs to build_response", 200, [("transfer-encoding", "chunked")], b"a")))
    tap.test("headers keep their order; a list may repeat a name", lambda: expect(
        mod, b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-B: 2\r\nSet-Cookie: c=3\r\nContent-Length: 0\r\n\r\n",
        200, [("Set-Cookie", "a=1"), ("X-B", "2"), ("Set-Cookie", "c=3")]))


def run_injection(tap, mod):
    tap.test("CRLF in a header value raises ValueError (response splitting)", lambda: expect_value_error(
        mod, "CR/LF would start a new header", 200, {"X-Name": "a\r\nSet-Cookie: admin=1"}))
    tap.test("a bare LF or CR in a value raises ValueError", lambda: (
        expect_value_error(mod, "LF in a value", 200, {"X-A": "a\nb"}),
        expect_value_error(mod, "CR in a value", 200, {"X-A": "a\rb"})))
    tap.test("NUL and other control characters raise ValueError", lambda: (
        expect_value_error(mod, "NUL in a value", 200, {"X-A": "a\x00b"}),
        expect_value_error(mod, "ESC in a value", 200, {"X-A": "\x1b[31m"})))
    tap.test("non-ASCII header values raise ValueError", lambda: expect_value_error(
        mod, "header values are ASCII here", 200, {"X-A": "caf\u00e9"}))
    tap.test("invalid header names raise ValueError", lambda: [
        expect_value_error(mod, "names are tokens", 200, {n: "v"}) for n in ("X A", "X:A", "", "X\r\nY", "Caf\u00e9")])
    tap.test("tabs and spaces inside values are allowed", lambda: expect(
        mod, b"HTTP/1.1 200 OK\r\nX-A: a\tb c\r\nContent-Length: 0\r\n\r\n", 200, {"X-A": "a\tb c"}))


def run_redirects(tap, mod):
    def redir(location, permanent, keep, status, reason):
        label = f"redirect({location!r}, permanent={permanent}, keep_method={keep})"
        got = call(mod.redirect, location, permanent=permanent, keep_method=keep, label=label)
        body = f"Redirecting to {location}\n".encode()
        want = (f"HTTP/1.1 {status} {reason}\r\nLocation: {location}\r\n"
                f"Content-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        if got != want:
            raise Fail(f"{label} returned\n  {got!r}\nexpected\n  {want!r}")

    tap.test("permanent, method may change: 301", lambda: redir("https://example.com/", True, False, 301, "Moved Permanently"))
    tap.test("permanent, method kept: 308", lambda: redir("/v2/orders", True, True, 308, "Permanent Redirect"))
    tap.test("temporary, method may change: 302", lambda: redir("/login?next=%2Fcart", False, False, 302, "Found"))
    tap.test("temporary, method kept: 307", lambda: redir("/upload-elsewhere", False, True, 307, "Temporary Redirect"))
    tap.test("a Location with CRLF raises ValueError", lambda: expect_value_error(
        mod, "header injection through the redirect target", "/x\r\nSet-Cookie: s=1",
        _fn=mod.redirect, permanent=False, keep_method=False))


def reference(status, headers=None, body=b"", head=False):
    pairs = list(headers.items() if isinstance(headers, dict) else headers or [])
    text = isinstance(body, str)
    if text:
        body = body.encode()
    bodyless = status < 200 or status in (204, 304)
    if not bodyless:
        if text and not any(n.lower() == "content-type" for n, _ in pairs):
            pairs.append(("Content-Type", "text/plain; charset=utf-8"))
        pairs.append(("Content-Length", str(len(body))))
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    wire = ("\r\n".join([f"HTTP/1.1 {status} {reason}"] + [f"{n}: {v}" for n, v in pairs]) + "\r\n\r\n").encode()
    return wire if head or bodyless else wire + body


def run_exact(tap, mod):
    rng = random.Random(77)
    codes = [100, 101, 200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 409, 410,
             412, 415, 422, 429, 500, 501, 502, 503, 504, 520, 299, 499]

    def many():
        for _ in range(400):
            status = rng.choice(codes)
            headers = [(rng.choice(["X-A", "Cache-Control", "ETag", "Vary", "content-type", "Link"]),
                        "".join(rng.choice("abc =;,\"/\t-") for _ in range(rng.randrange(0, 12))))
                       for _ in range(rng.randrange(0, 4))]
            bodyless = status < 200 or status in (204, 304)
            body = b"" if bodyless else rng.choice([b"", b"x" * rng.randrange(50), "\u00e9\u2603" * rng.randrange(5)])
            head = rng.random() < 0.3
            as_dict = rng.random() < 0.3 and len({n for n, _ in headers}) == len(headers)
            h = dict(headers) if as_dict else headers
            expect(mod, reference(status, h, body, head), status, h, body, head=head)

    def never_split():
        for bad in ("\r\n", "\n", "\r", "\x00", "\x7f", "\x85", "\u2028"):
            expect_value_error(mod, f"{bad!r} in a header value", 302, {"Location": f"/a{bad}b"})

    tap.test("400 random responses are byte-for-byte right", many)
    tap.test("no control or line-separator character gets into a header", never_split)
    tap.test("an empty dict and an empty list mean no headers", lambda: (
        expect(mod, b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, {}),
        expect(mod, b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, [])))


MODES = {"status-line": (6, run_status_line), "framing": (8, run_framing), "injection": (6, run_injection),
         "redirects": (5, run_redirects), "exact": (3, run_exact)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_response.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("httpresponse")
    if mod is not None and tap.need(mod, "build_response", "redirect"):
        fn(tap, mod)
    tap.finish()


main()
