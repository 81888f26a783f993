"""Checks for caching.py. Usage: check_caching.py etag|if-none-match|if-modified-since|cache-control|edge"""
import email.utils
import hashlib
import os
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short  # noqa: E402

LM = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
LM_TEXT = "Wed, 01 May 2024 12:00:00 GMT"
BODY = b"<h1>Hello, cache</h1>"


def etag_of(body):
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


ETAG = etag_of(BODY)


def want_headers(status, body=BODY, path="/index.html", cc="no-cache"):
    h = {"ETag": etag_of(body), "Last-Modified": LM_TEXT, "Cache-Control": cc}
    if status == 200:
        h["Content-Length"] = str(len(body))
    return h


def expect(mod, method, req, status, *, body=BODY, lm=LM, path="/index.html", cc="no-cache", why=""):
    label = f"respond({method!r}, {short(req, 200)}, {short(body, 60)}, <{lm.isoformat()}>, {path!r})"
    got = call(mod.respond, method, req, body, lm, path, label=label)
    if not (isinstance(got, tuple) and len(got) == 3):
        raise Fail(f"{label} returned {short(got)}; expected a tuple (status, headers, body)")
    g_status, g_headers, g_body = got
    if g_status != status:
        raise Fail(f"{label} returned status {g_status!r}; expected {status}" + (f" ({why})" if why else ""))
    w_headers = want_headers(status, body, path, cc)
    if status == 304:
        w_body = b""
    else:
        w_body = b"" if method == "HEAD" else body
    if g_headers != w_headers:
        raise Fail(f"{label} returned the headers\n  {short(g_headers, 500)}\nexpected\n  {w_headers!r}")
    if g_body != w_body:
        raise Fail(f"{label} returned the body {short(g_body)}; expected {w_body!r}")


def run_etag(tap, mod):
    def exact(body):
        got = call(mod.make_etag, body, label=f"make_etag({short(body, 60)})")
        if got != etag_of(body):
            raise Fail(f"make_etag({short(body, 60)}) returned {short(got)}; expected {etag_of(body)!r} "
                       "(the first 16 hex digits of the SHA-256, in double quotes)")

    tap.test("make_etag(b'hello') is the quoted SHA-256 prefix", lambda: exact(b"hello"))
    tap.test("make_etag of an empty and of a binary body", lambda: (exact(b""), exact(bytes(range(256)))))
    tap.test("different bodies get different tags", lambda: (
        None if call(mod.make_etag, b"a") != call(mod.make_etag, b"b")
        else (_ for _ in ()).throw(Fail("make_etag(b'a') == make_etag(b'b')"))))
    tap.test("a plain GET returns 200 with ETag, Last-Modified, Cache-Control, Content-Length",
             lambda: expect(mod, "GET", {}, 200))


def run_if_none_match(tap, mod):
    tap.test("the current ETag gives 304 and no body",
             lambda: expect(mod, "GET", {"If-None-Match": ETAG}, 304))
    tap.test("another ETag gives 200 with the body",
             lambda: expect(mod, "GET", {"If-None-Match": '"0000000000000000"'}, 200))
    tap.test("the header name is case-insensitive",
             lambda: expect(mod, "GET", {"if-none-match": ETAG}, 304))
    tap.test("a list of tags matches if any tag matches",
             lambda: expect(mod, "GET", {"If-None-Match": f'"aaaa", {ETAG} ,"bbbb"'}, 304))
    tap.test("weak comparison: W/ on the request's tag still matches",
             lambda: expect(mod, "GET", {"If-None-Match": "W/" + ETAG}, 304))
    tap.test("'*' matches any current representation",
             lambda: expect(mod, "GET", {"If-None-Match": "*"}, 304))
    tap.test("HEAD gets the GET headers with an empty body",
             lambda: expect(mod, "HEAD", {"If-None-Match": '"nope"'}, 200))
    tap.test("HEAD with a matching ETag gives 304",
             lambda: expect(mod, "HEAD", {"IF-NONE-MATCH": ETAG}, 304))


def http_date(dt):
    return email.utils.format_datetime(dt, usegmt=True)


def run_if_modified_since(tap, mod):
    tap.test("a date equal to Last-Modified gives 304",
             lambda: expect(mod, "GET", {"If-Modified-Since": LM_TEXT}, 304))
    tap.test("a later date gives 304",
             lambda: expect(mod, "GET", {"If-Modified-Since": http_date(LM + timedelta(days=3))}, 304))
    tap.test("an earlier date gives 200",
             lambda: expect(mod, "GET", {"if-modified-since": http_date(LM - timedelta(seconds=1))}, 200))
    tap.test("microseconds of last_modified are dropped before comparing",
             lambda: expect(mod, "GET", {"If-Modified-Since": LM_TEXT}, 304, lm=LM.replace(microsecond=999999)))
    tap.test("an unparsable date is ignored (200)",
             lambda: expect(mod, "GET", {"If-Modified-Since": "yesterday, probably"}, 200))
    tap.test("If-Modified-Since is ignored when If-None-Match is present",
             lambda: expect(mod, "GET", {"If-None-Match": '"other"', "If-Modified-Since": LM_TEXT}, 200,
                            why="a non-matching If-None-Match decides: the date is not consulted"))


CC_CASES = [
    ("/assets/app.3f9a2c1b.js", "public, max-age=31536000, immutable"),
    ("/assets/img/logo.0123456789abcdef.png", "public, max-age=31536000, immutable"),
    ("/assets/app.js", "public, max-age=3600"),
    ("/assets/app.3f9a2c1.js", "public, max-age=3600"),
    ("/assets/app.3F9A2C1B.js", "public, max-age=3600"),
    ("/api/orders/42", "no-store"),
    ("/", "no-cache"),
    ("/about.html", "no-cache"),
    ("/static/app.3f9a2c1b.js", "no-cache"),
    ("/apiary/index.html", "no-cache"),
]


def run_cache_control(tap, mod):
    def case(path, want):
        got = call(mod.cache_control_for, path, label=f"cache_control_for({path!r})")
        if got != want:
            raise Fail(f"cache_control_for({path!r}) returned {short(got)}; expected {want!r}")

    for path, want in CC_CASES:
        tap.test(f"{path} -> {want}", lambda p=path, w=want: case(p, w))
    tap.test("respond uses the policy for its path",
             lambda: expect(mod, "GET", {}, 200, path="/api/orders/42", cc="no-store"))


def run_edge(tap, mod):
    tap.test("a comma inside an entity tag is part of the tag", lambda: (
        expect(mod, "GET", {"If-None-Match": f'"a,{ETAG[1:]}'}, 200,
               why='"a,<etag>" is one tag, not two'),
        expect(mod, "GET", {"If-None-Match": f'"x,y", {ETAG}'}, 304)))
    tap.test("W/ on both sides, and garbage entries, are handled", lambda: (
        expect(mod, "GET", {"If-None-Match": "W/" + ETAG + ", garbage"}, 304),
        expect(mod, "GET", {"If-None-Match": ETAG[1:-1]}, 200, why="an unquoted value is not an entity tag")))
    tap.test("POST, PUT and DELETE get 405 with Allow", lambda: [
        (lambda got: None if got == (405, {"Allow": "GET, HEAD"}, b"") else
         (_ for _ in ()).throw(Fail(f"respond({m!r}, ...) returned {short(got, 300)}; "
                                    "expected (405, {'Allow': 'GET, HEAD'}, b'')"))
         )(call(mod.respond, m, {}, BODY, LM, "/x", label=f"respond({m!r}, ...)"))
        for m in ("POST", "PUT", "DELETE")])
    tap.test("a date without a zone (-0000) counts as UTC", lambda: expect(
        mod, "GET", {"If-Modified-Since": "Wed, 01 May 2024 12:00:00 -0000"}, 304))
    tap.test("an empty body and an empty If-None-Match", lambda: (
        expect(mod, "GET", {"If-None-Match": ""}, 200, body=b""),
        expect(mod, "GET", {"If-None-Match": etag_of(b"")}, 304, body=b"")))


MODES = {"etag": (4, run_etag), "if-none-match": (8, run_if_none_match), "if-modified-since": (6, run_if_modified_since),
         "cache-control": (len(CC_CASES) + 1, run_cache_control), "edge": (5, run_edge)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_caching.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("caching")
    if mod is not None and tap.need(mod, "make_etag", "cache_control_for", "respond"):
        fn(tap, mod)
    tap.finish()


main()
