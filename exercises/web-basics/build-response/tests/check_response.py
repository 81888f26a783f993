"""Checks for httpresponse.py. Usage: check_response.py status-line|framing|injection|redirects|exact"""
import http
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short, describe  # noqa: E402

# The learner's module runs in a child process (tests/isolate.py): only plain bytes
# come back. Codes, names, values, bodies and locations are new in every run.
RNG = random.SystemRandom()
WORDS = ["alpha", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper", "kelp",
         "lumen", "maple", "nectar", "onyx", "pebble", "quartz", "raven", "sierra", "tundra", "umber", "vale"]
KNOWN = [s.value for s in http.HTTPStatus if 200 <= s.value <= 599 and s.value not in (204, 304)]
UNKNOWN = [c for c in range(200, 600) if c not in {s.value for s in http.HTTPStatus}]


def word():
    return RNG.choice(WORDS) + str(RNG.randrange(10, 1000))


def phrase(status):
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def build(mod, *args, **kwargs):
    label = "build_response(" + ", ".join([short(a, 120) for a in args] +
                                          [f"{k}={short(v, 120)}" for k, v in kwargs.items()]) + ")"
    got = call(mod.build_response, *args, label=label, **kwargs)
    if type(got) not in (bytes, bytearray):
        raise Fail(f"{label} returned {describe(got)}; expected bytes")
    return label, bytes(got)


def expect(mod, want, *args, **kwargs):
    label, got = build(mod, *args, **kwargs)
    if got != want:
        raise Fail(f"{label} returned\n  {got!r}\nexpected\n  {want!r}")


def expect_value_error(mod, why, *args, **kwargs):
    name = kwargs.pop("_fn", "build_response")
    fn = getattr(mod, name)
    label = f"{name}(" + ", ".join([short(a, 120) for a in args] +
                                          [f"{k}={short(v, 120)}" for k, v in kwargs.items()]) + ")"
    try:
        got = fn(*args, **kwargs)
    except ValueError:
        return
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"{label} raised {type(exc).__name__}: {exc}; expected ValueError ({why})") from None
    raise Fail(f"{label} returned {short(got, 300)}; expected ValueError ({why})")


def bare(status):
    return f"HTTP/1.1 {status} {phrase(status)}\r\nContent-Length: 0\r\n\r\n".encode()


def run_status_line(tap, mod):
    page = f"<h1>{word()}</h1>".encode()
    ctype = RNG.choice(["text/html", "text/html; charset=utf-8", "application/xhtml+xml"])
    tap.test("200 with a header and a body", lambda: expect(
        mod, f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(page)}\r\n\r\n".encode() + page,
        200, [("Content-Type", ctype)], page))
    tap.test("reason phrases come from http.HTTPStatus (404, 503, and two more)", lambda: [
        expect(mod, bare(s), s) for s in [404, 503] + RNG.sample(KNOWN, 2)])
    tap.test("less common codes: 201, 418, 429", lambda: [expect(mod, bare(s), s) for s in (201, 418, 429)])
    tap.test("an unregistered code gets the phrase Unknown", lambda: [
        expect(mod, bare(s), s) for s in [599] + RNG.sample(UNKNOWN, 2)])
    tap.test("status codes outside 100-599 raise ValueError", lambda: [
        expect_value_error(mod, "status must be an int from 100 to 599", s)
        for s in (99, 600, 0, -200, RNG.randrange(600, 10000), RNG.randrange(-999, 100))])
    tap.test("non-int statuses raise ValueError", lambda: [
        expect_value_error(mod, "status must be an int", s) for s in ("200", True, 200.0)])


def text_response(status, body, headers=()):
    data = body.encode()
    lines = [f"HTTP/1.1 {status} {phrase(status)}"] + [f"{n}: {v}" for n, v in headers]
    if not any(n.lower() == "content-type" for n, _ in headers):
        lines.append("Content-Type: text/plain; charset=utf-8")
    lines.append(f"Content-Length: {len(data)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


def run_framing(tap, mod):
    w = word()
    tap.test("a str body is UTF-8 and gets a text/plain Content-Type", lambda: (
        expect(mod, text_response(404, "caf\u00e9"), 404, body="caf\u00e9"),
        expect(mod, text_response(404, f"caf\u00e9 {w}"), 404, body=f"caf\u00e9 {w}")))
    snow = RNG.choice("\u2603\u00e9\u00df\u20ac\U0001f600") * RNG.randrange(1, 6) + f" {w}"
    tap.test("Content-Length counts bytes, not characters", lambda: expect(
        mod, text_response(200, snow), 200, None, snow))
    ct = RNG.choice(["content-type", "CONTENT-TYPE", "Content-type"])
    js = f'{{"{w}": {RNG.randrange(1000)}}}'
    tap.test("a caller's Content-Type (any case) is not duplicated", lambda: expect(
        mod, text_response(200, js, [(ct, "application/json")]), 200, {ct: "application/json"}, js))
    tap.test("204 and 304 have no Content-Length and no body", lambda: (
        expect(mod, b"HTTP/1.1 204 No Content\r\n\r\n", 204),
        expect(mod, b'HTTP/1.1 304 Not Modified\r\nETag: "abc"\r\n\r\n', 304, {"ETag": '"abc"'}),
        expect(mod, b"HTTP/1.1 100 Continue\r\n\r\n", 100)))
    tap.test("a body on a 204 or 304 raises ValueError", lambda: (
        expect_value_error(mod, "204 has no body", 204, None, b"x"),
        expect_value_error(mod, "304 has no body", 304, None, "x")))
    tap.test("HEAD: the GET headers, Content-Length included, and no body", lambda: expect(
        mod, text_response(200, f"hello {w}")[:-len(f"hello {w}")], 200, body=f"hello {w}", head=True))
    tap.test("the caller may not set Content-Length or Transfer-Encoding", lambda: (
        expect_value_error(mod, "framing belongs to build_response", 200, {"Content-Length": "3"}, b"abc"),
        expect_value_error(mod, "framing belongs to build_response", 200, [("transfer-encoding", "chunked")], b"a")))
    pairs = [("Set-Cookie", f"a={word()}"), (f"X-{word()}", str(RNG.randrange(99))), ("Set-Cookie", f"c={word()}")]
    tap.test("headers keep their order; a list may repeat a name", lambda: expect(
        mod, ("HTTP/1.1 200 OK\r\n" + "".join(f"{n}: {v}\r\n" for n, v in pairs) + "Content-Length: 0\r\n\r\n").encode(),
        200, pairs))


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
    name, value = f"X-{word()}", f"{word()}\t{word()} {word()}"
    tap.test("tabs and spaces inside values are allowed", lambda: expect(
        mod, f"HTTP/1.1 200 OK\r\n{name}: {value}\r\nContent-Length: 0\r\n\r\n".encode(), 200, {name: value}))


def run_redirects(tap, mod):
    def redir(location, permanent, keep, status, reason):
        label = f"redirect({location!r}, permanent={permanent}, keep_method={keep})"
        got = call(mod.redirect, location, permanent=permanent, keep_method=keep, label=label)
        body = f"Redirecting to {location}\n".encode()
        want = (f"HTTP/1.1 {status} {reason}\r\nLocation: {location}\r\n"
                f"Content-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        if got != want:
            raise Fail(f"{label} returned\n  {got!r}\nexpected\n  {want!r}")

    tap.test("permanent, method may change: 301",
             lambda: redir(f"https://{word()}.example/", True, False, 301, "Moved Permanently"))
    tap.test("permanent, method kept: 308", lambda: redir(f"/v2/{word()}", True, True, 308, "Permanent Redirect"))
    tap.test("temporary, method may change: 302",
             lambda: redir(f"/login?next=%2F{word()}", False, False, 302, "Found"))
    tap.test("temporary, method kept: 307", lambda: redir(f"/{word()}-elsewhere", False, True, 307, "Temporary Redirect"))
    tap.test("a Location with CRLF raises ValueError", lambda: expect_value_error(
        mod, "header injection through the redirect target", "/x\r\nSet-Cookie: s=1",
        _fn="redirect", permanent=False, keep_method=False))


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
    rng = random.Random(RNG.randrange(2 ** 32))  # new responses every run
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
    tap = Tap(plan)  # the plan is out before any of the learner's code runs
    child = tap.start("httpresponse", ["build_response", "redirect"])
    if child is not None:
        fn(tap, child.module)
    tap.finish()


main()
