"""Checks for caching.py. Usage: check_caching.py etag|if-none-match|if-modified-since|cache-control|edge"""
import email.utils
import hashlib
import os
import random
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short, describe  # noqa: E402

# The learner's module runs in a child process (tests/isolate.py); respond() is called
# through _inside.respond, which rebuilds last_modified there. The body, its ETag, the
# modification time, the other tags and the paths are new in every run.
RNG = random.SystemRandom()
WORDS = ["alpha", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper", "kelp",
         "lumen", "maple", "nectar", "onyx", "pebble", "quartz", "raven", "sierra", "tundra", "umber", "vale"]


def word():
    return RNG.choice(WORDS) + str(RNG.randrange(10, 1000))


def hexdigits(n):
    return "".join(RNG.choice("0123456789abcdef") for _ in range(n))


CHILD = []
LM = datetime(2015, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=RNG.randrange(15 * 365 * 86400))
LM_TEXT = email.utils.format_datetime(LM, usegmt=True)
BODY = f"<h1>Hello, {word()}</h1>".encode()


def etag_of(body):
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


ETAG = etag_of(BODY)


def want_headers(status, body=BODY, path="/index.html", cc="no-cache", lm=LM):
    h = {"ETag": etag_of(body), "Last-Modified": email.utils.format_datetime(lm, usegmt=True), "Cache-Control": cc}
    if status == 200:
        h["Content-Length"] = str(len(body))
    return h


def expect(mod, method, req, status, *, body=BODY, lm=LM, path="/index.html", cc="no-cache", why=""):
    label = f"respond({method!r}, {short(req, 200)}, {short(body, 60)}, <{lm.isoformat()}>, {path!r})"
    got = call(CHILD[0].helper, "respond", method, req, body, lm.isoformat(), path, label=label)
    if not (type(got) is tuple and len(got) == 3):
        raise Fail(f"{label} returned {describe(got)}; expected a tuple (status, headers, body)")
    g_status, g_headers, g_body = got
    if g_status != status:
        raise Fail(f"{label} returned status {g_status!r}; expected {status}" + (f" ({why})" if why else ""))
    w_headers = want_headers(status, body, path, cc, lm)
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
            raise Fail(f"make_etag({short(body, 60)}) returned {describe(got)}; expected {etag_of(body)!r} "
                       "(the first 16 hex digits of the SHA-256, in double quotes)")

    tap.test("make_etag(b'hello') is the quoted SHA-256 prefix", lambda: (exact(b"hello"), exact(BODY)))
    tap.test("make_etag of an empty and of a binary body", lambda: (
        exact(b""), exact(bytes(RNG.randrange(256) for _ in range(RNG.randrange(100, 300))))))

    def different():
        a, b = word().encode(), word().encode() + b"!"
        if call(mod.make_etag, a) == call(mod.make_etag, b):
            raise Fail(f"make_etag({a!r}) == make_etag({b!r})")
        exact(a)
        exact(b)
    tap.test("different bodies get different tags", different)
    tap.test("a plain GET returns 200 with ETag, Last-Modified, Cache-Control, Content-Length",
             lambda: expect(mod, "GET", {}, 200))


def run_if_none_match(tap, mod):
    tap.test("the current ETag gives 304 and no body",
             lambda: expect(mod, "GET", {"If-None-Match": ETAG}, 304))
    tap.test("another ETag gives 200 with the body",
             lambda: expect(mod, "GET", {"If-None-Match": f'"{hexdigits(16)}"'}, 200))
    tap.test("the header name is case-insensitive",
             lambda: expect(mod, "GET", {"if-none-match": ETAG}, 304))
    tap.test("a list of tags matches if any tag matches",
             lambda: expect(mod, "GET", {"If-None-Match": f'"{hexdigits(4)}", {ETAG} ,"{word()}"'}, 304))
    tap.test("weak comparison: W/ on the request's tag still matches",
             lambda: expect(mod, "GET", {"If-None-Match": "W/" + ETAG}, 304))
    tap.test("'*' matches any current representation",
             lambda: expect(mod, "GET", {"If-None-Match": "*"}, 304))
    tap.test("HEAD gets the GET headers with an empty body",
             lambda: expect(mod, "HEAD", {"If-None-Match": f'"{word()}"'}, 200))
    tap.test("HEAD with a matching ETag gives 304",
             lambda: expect(mod, "HEAD", {"IF-NONE-MATCH": ETAG}, 304))


def http_date(dt):
    return email.utils.format_datetime(dt, usegmt=True)


def run_if_modified_since(tap, mod):
    tap.test("a date equal to Last-Modified gives 304",
             lambda: expect(mod, "GET", {"If-Modified-Since": LM_TEXT}, 304))
    tap.test("a later date gives 304",
             lambda: expect(mod, "GET", {"If-Modified-Since": http_date(LM + timedelta(seconds=RNG.randrange(1, 10 ** 7)))}, 304))
    tap.test("an earlier date gives 200",
             lambda: (expect(mod, "GET", {"if-modified-since": http_date(LM - timedelta(seconds=1))}, 200),
                      expect(mod, "GET", {"If-Modified-Since": http_date(LM - timedelta(seconds=RNG.randrange(2, 10 ** 7)))}, 200)))
    tap.test("microseconds of last_modified are dropped before comparing",
             lambda: expect(mod, "GET", {"If-Modified-Since": LM_TEXT}, 304, lm=LM.replace(microsecond=999999)))
    tap.test("an unparsable date is ignored (200)",
             lambda: expect(mod, "GET", {"If-Modified-Since": "yesterday, probably"}, 200))
    tap.test("If-Modified-Since is ignored when If-None-Match is present",
             lambda: expect(mod, "GET", {"If-None-Match": f'"{word()}"', "If-Modified-Since": LM_TEXT}, 200,
                            why="a non-matching If-None-Match decides: the date is not consulted"))


YEAR, HOUR = "public, max-age=31536000, immutable", "public, max-age=3600"
EXT = ["js", "css", "png", "svg", "woff2", "map"]


def fp(lo=8, hi=20):
    return hexdigits(RNG.randrange(lo, hi))


# (path shown, a random path of the same kind made at check time, the expected value)
CC_CASES = [
    ("/assets/app.3f9a2c1b.js", lambda: f"/assets/{word()}.{fp()}.{RNG.choice(EXT)}", YEAR),
    ("/assets/img/logo.0123456789abcdef.png", lambda: f"/assets/{word()}/{word()}.{fp()}.{RNG.choice(EXT)}", YEAR),
    ("/assets/app.js", lambda: f"/assets/{word()}.{RNG.choice(EXT)}", HOUR),
    ("/assets/app.3f9a2c1.js", lambda: f"/assets/{word()}.{fp(1, 8)}.{RNG.choice(EXT)}", HOUR),
    ("/assets/app.3F9A2C1B.js", lambda: f"/assets/{word()}.{fp().upper()}Z.{RNG.choice(EXT)}", HOUR),
    ("/api/orders/42", lambda: f"/api/{word()}/{RNG.randrange(10 ** 6)}", "no-store"),
    ("/", lambda: f"/{word()}/", "no-cache"),
    ("/about.html", lambda: f"/{word()}.html", "no-cache"),
    ("/static/app.3f9a2c1b.js", lambda: f"/{word()}/{word()}.{fp()}.{RNG.choice(EXT)}", "no-cache"),
    ("/apiary/index.html", lambda: f"/api{word()}/{word()}.html", "no-cache"),
]


def run_cache_control(tap, mod):
    def case(path, want):
        got = call(mod.cache_control_for, path, label=f"cache_control_for({path!r})")
        if got != want:
            raise Fail(f"cache_control_for({path!r}) returned {describe(got)}; expected {want!r}")

    for path, more, want in CC_CASES:
        tap.test(f"{path} (and a random path like it) -> {want}",
                 lambda p=path, m=more, w=want: (case(p, w), case(m(), w)))
    tap.test("respond uses the policy for its path", lambda: (
        expect(mod, "GET", {}, 200, path=f"/api/{word()}/{RNG.randrange(99)}", cc="no-store"),
        expect(mod, "GET", {}, 200, path=f"/assets/{word()}.{fp()}.js", cc=YEAR)))


def run_edge(tap, mod):
    tap.test("a comma inside an entity tag is part of the tag", lambda: (
        expect(mod, "GET", {"If-None-Match": f'"a,{ETAG[1:]}'}, 200,
               why='"a,<etag>" is one tag, not two'),
        expect(mod, "GET", {"If-None-Match": f'"x,y", {ETAG}'}, 304)))
    tap.test("W/ on both sides, and garbage entries, are handled", lambda: (
        expect(mod, "GET", {"If-None-Match": "W/" + ETAG + ", garbage"}, 304),
        expect(mod, "GET", {"If-None-Match": ETAG[1:-1]}, 200, why="an unquoted value is not an entity tag")))
    def not_allowed(method):
        got = call(CHILD[0].helper, "respond", method, {}, BODY, LM.isoformat(), "/x", label=f"respond({method!r}, ...)")
        if got != (405, {"Allow": "GET, HEAD"}, b""):
            raise Fail(f"respond({method!r}, ...) returned {short(got, 300)}; "
                       "expected (405, {'Allow': 'GET, HEAD'}, b'') (every method but GET and HEAD)")

    # a method made up at check time too: the rule is "anything but GET and HEAD", not a list
    tap.test("POST, PUT, DELETE, PATCH, OPTIONS and any other method get 405 with Allow", lambda: [
        not_allowed(m) for m in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", word().upper())])
    tap.test("a date without a zone (-0000) counts as UTC", lambda: (
        expect(mod, "GET", {"If-Modified-Since": LM_TEXT.replace("GMT", "-0000")}, 304),
        expect(mod, "GET", {"If-Modified-Since": http_date(LM - timedelta(seconds=1)).replace("GMT", "-0000")}, 200)))
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
    tap = Tap(plan)  # the plan is out before any of the learner's code runs
    child = tap.start("caching", ["make_etag", "cache_control_for", "respond"], helpers="_inside.py")
    if child is not None:
        CHILD.append(child)
        fn(tap, child.module)
    tap.finish()


main()
