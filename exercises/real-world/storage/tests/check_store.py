"""Checks for store.py. python3 tests/check_store.py GROUP"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, show  # noqa: E402


def new_db():
    return os.path.join(tempfile.mkdtemp(prefix="store-"), "links.db")


class Runaway(BaseException):
    """Stops a shorten() that never gives up, even if it catches Exception."""


def guard(fn):
    try:
        fn()
    except Runaway as e:
        raise Fail(str(e))


class Codes:
    """An injectable random_code that returns the given codes in order and records its calls."""

    def __init__(self, *codes):
        self.codes = list(codes)
        self.calls = []

    def __call__(self, length):
        self.calls.append(length)
        if len(self.calls) > 50:
            raise Runaway("random_code was called more than 50 times for one shorten(): stop after 10 attempts")
        return self.codes[min(len(self.calls), len(self.codes)) - 1]


def expect_raises(exc, fn, desc):
    try:
        got = fn()
    except exc:
        return
    except Exception as e:
        raise Fail(f"{desc}: expected {exc.__name__}, got {type(e).__name__}: {e}")
    raise Fail(f"{desc}: expected {exc.__name__}, but it returned {show(got)}")


def group_create_resolve(mod):
    def default_code():
        s = mod.UrlStore(new_db())
        c = s.shorten("https://example.com/docs")
        if not isinstance(c, str) or not re.fullmatch(r"[A-Za-z0-9]{6}", c):
            raise Fail(f"shorten() must return a 6-character code of letters and digits by default, got {show(c)}")
        got = s.resolve(c)
        if got != "https://example.com/docs":
            raise Fail(f"resolve({c!r}) must return 'https://example.com/docs', got {show(got)}")

    def distinct():
        s = mod.UrlStore(new_db())
        urls = [f"https://example.com/page/{i}" for i in range(20)]
        codes = [s.shorten(u) for u in urls]
        if len(set(codes)) != 20:
            raise Fail(f"20 different URLs must get 20 different codes, got {len(set(codes))} distinct codes")
        wrong = [(c, u, s.resolve(c)) for c, u in zip(codes, urls) if s.resolve(c) != u]
        if wrong:
            raise Fail(f"codes resolve to the wrong URL: {wrong[:3]}")

    def length():
        s = mod.UrlStore(new_db(), code_length=9)
        c = s.shorten("https://example.com/")
        if not isinstance(c, str) or len(c) != 9:
            raise Fail(f"UrlStore(path, code_length=9).shorten(...) must return a 9-character code, got {show(c)}")

    def unknown():
        s = mod.UrlStore(new_db())
        s.shorten("https://example.com/")
        for code in ("nope42", "", "NOPE42"):
            got = s.resolve(code)
            if got is not None:
                raise Fail(f"resolve({code!r}) of an unknown code must return None, got {show(got)}")

    def same_url():
        codes = Codes("aaaaaa", "bbbbbb")
        s = mod.UrlStore(new_db(), random_code=codes)
        a = s.shorten("https://example.com/x")
        b = s.shorten("https://example.com/x")
        if a != b or len(codes.calls) != 1:
            raise Fail(f"shortening the same URL twice must return the same code without a new one; got {a!r} then "
                       f"{b!r}, random_code called {len(codes.calls)} times")

    return [("default codes are 6 letters or digits and resolve", default_code),
            ("different URLs get different codes", distinct),
            ("code_length is respected", length),
            ("unknown codes resolve to None", unknown),
            ("the same URL gets the same code", same_url)]


BAD_URLS = ["", "example.com", "ftp://example.com/file", "javascript:alert(1)", "mailto:a@example.com",
            "http://", "http:///path", "https://exa mple.com/", "https://example.com/\n", "http://[::1",
            "https://example.com/" + "a" * 2029, None, 42, b"https://example.com"]
GOOD_URLS = ["https://example.com", "http://localhost:8080/a?b=c#d", "HTTPS://EXAMPLE.COM/X",
             "https://example.com/" + "a" * 2028, "http://127.0.0.1/", "https://user@example.com/p"]


def group_validation(mod):
    def bad(u):
        s = mod.UrlStore(new_db())
        expect_raises(mod.InvalidURL, lambda: s.shorten(u), f"shorten({show(u, 60)})")

    def good():
        s = mod.UrlStore(new_db())
        for u in GOOD_URLS:
            c = s.shorten(u)
            if s.resolve(c) != u:
                raise Fail(f"the valid URL {show(u, 60)} must be stored unchanged and resolve")

    def hierarchy():
        if not issubclass(mod.InvalidURL, ValueError) or not issubclass(mod.InvalidCode, ValueError):
            raise Fail("InvalidURL and InvalidCode must be subclasses of ValueError")

    return ([(f"rejects {show(u, 50)}", lambda u=u: bad(u)) for u in BAD_URLS]
            + [("accepts valid http and https URLs of up to 2048 characters", good),
               ("InvalidURL and InvalidCode are ValueErrors", hierarchy)])


BAD_CODES = ["ab", "a" * 33, "has space", "a/b", "é-code", "semi;colon", "api", "API", "health", "static", 123]


def group_custom(mod):
    def works():
        s = mod.UrlStore(new_db())
        for code in ("promo", "Sale_2024-x", "a" * 32, "abc"):
            got = s.shorten(f"https://example.com/{code}", code)
            if got != code or s.resolve(code) != f"https://example.com/{code}":
                raise Fail(f"shorten(url, {code!r}) must return {code!r} and the code must resolve; got {show(got)}")

    def invalid(code):
        s = mod.UrlStore(new_db())
        expect_raises(mod.InvalidCode, lambda: s.shorten("https://example.com/", code), f"shorten(url, {code!r})")

    def taken():
        s = mod.UrlStore(new_db())
        s.shorten("https://example.com/a", "promo")
        expect_raises(mod.CodeTaken, lambda: s.shorten("https://example.com/b", "promo"),
                      "a second shorten(other_url, 'promo')")
        if s.resolve("promo") != "https://example.com/a":
            raise Fail("after the refused shorten, 'promo' must still resolve to the first URL")

    def case_sensitive():
        s = mod.UrlStore(new_db())
        s.shorten("https://example.com/lower", "promo")
        s.shorten("https://example.com/upper", "Promo")
        if s.resolve("promo") != "https://example.com/lower" or s.resolve("Promo") != "https://example.com/upper":
            raise Fail("codes are case-sensitive: 'promo' and 'Promo' must be two different links")

    return ([("valid custom codes are used as given", works)]
            + [(f"rejects the custom code {c!r}", lambda c=c: invalid(c)) for c in BAD_CODES]
            + [("a taken code raises CodeTaken", taken), ("codes are case-sensitive", case_sensitive)])


def group_collisions(mod):
    def retry():
        codes = Codes("aaaaaa", "aaaaaa", "bbbbbb")
        s = mod.UrlStore(new_db(), random_code=codes)
        a = s.shorten("https://example.com/1")
        b = s.shorten("https://example.com/2")
        if (a, b) != ("aaaaaa", "bbbbbb"):
            raise Fail(f"random_code returns aaaaaa, aaaaaa, bbbbbb: expected codes 'aaaaaa' then 'bbbbbb' "
                       f"(retry on collision), got {a!r} and {b!r}")
        if s.resolve("aaaaaa") != "https://example.com/1":
            raise Fail(f"the colliding code must not overwrite the first link; 'aaaaaa' now resolves to {show(s.resolve('aaaaaa'))}")

    def custom_collision():
        codes = Codes("zzzzzz", "cccccc")
        s = mod.UrlStore(new_db(), random_code=codes)
        s.shorten("https://example.com/custom", "zzzzzz")
        c = s.shorten("https://example.com/auto")
        if c != "cccccc" or s.resolve("zzzzzz") != "https://example.com/custom":
            raise Fail(f"a random code equal to a custom code must be retried: expected 'cccccc', got {c!r}; "
                       f"'zzzzzz' resolves to {show(s.resolve('zzzzzz'))}")

    def gives_up():
        codes = Codes("aaaaaa")
        s = mod.UrlStore(new_db(), random_code=codes)
        s.shorten("https://example.com/1")
        codes.calls.clear()
        expect_raises(RuntimeError, lambda: s.shorten("https://example.com/2"),
                      "random_code always returns a taken code")
        if len(codes.calls) != 10:
            raise Fail(f"expected exactly 10 attempts before RuntimeError, random_code was called {len(codes.calls)} times")

    def length_passed():
        codes = Codes("abcdefgh")
        s = mod.UrlStore(new_db(), code_length=8, random_code=codes)
        s.shorten("https://example.com/")
        if codes.calls != [8]:
            raise Fail(f"random_code must be called with code_length (8), got calls {codes.calls}")

    return [("a collision is retried with a new code", retry),
            ("random codes never overwrite custom codes", custom_collision),
            ("RuntimeError after 10 colliding attempts", gives_up),
            ("random_code receives code_length", length_passed)]


CHILD = r"""
import json, sys
sys.path.insert(0, '.')
import store
s = store.UrlStore(sys.argv[1])
out = {}
for op in json.loads(sys.argv[2]):
    try:
        if op[0] == 'shorten':
            out[op[3]] = s.shorten(*op[1:3]) if op[2] else s.shorten(op[1])
        elif op[0] == 'resolve':
            out[op[2]] = s.resolve(op[1])
        elif op[0] == 'stats':
            out[op[2]] = s.stats(op[1])
    except Exception as e:
        out[op[-1]] = type(e).__name__
s.close()
print(json.dumps(out))
"""


def child(db, ops):
    p = subprocess.run([sys.executable, "-c", CHILD, db, json.dumps(ops)], capture_output=True, text=True, timeout=20)
    if p.returncode != 0:
        raise Fail(f"running store.py in a new process failed:\n{p.stderr.strip()[-800:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def group_persistence(mod):
    db = new_db()
    state = {}

    def first():
        out = child(db, [["shorten", "https://example.com/auto", None, "auto"],
                         ["shorten", "https://example.com/custom", "promo", "custom"],
                         ["resolve", "promo", "r1"], ["resolve", "promo", "r2"]])
        if out.get("custom") != "promo" or out.get("r1") != "https://example.com/custom":
            raise Fail(f"process 1 could not create and resolve links: {out}")
        state.update(out)

    def second():
        code = state.get("auto")
        out = child(db, [["resolve", code, "auto"], ["resolve", "promo", "custom"], ["stats", "promo", "stats"]])
        if out.get("auto") != "https://example.com/auto" or out.get("custom") != "https://example.com/custom":
            raise Fail(f"after a restart (a new process on the same file) the links must still resolve; got {out}")
        st = out.get("stats") or {}
        if st.get("hits") != 3:
            raise Fail(f"hits must survive a restart: 2 resolves in process 1 and 1 in process 2, so stats('promo') "
                       f"must have hits 3; got {out.get('stats')}")

    def third():
        out = child(db, [["shorten", "https://example.com/auto", None, "again"],
                         ["shorten", "https://example.com/other", "promo", "taken"]])
        if out.get("again") != state.get("auto"):
            raise Fail(f"after a restart, shortening a known URL must return its existing code {state.get('auto')!r}, "
                       f"got {out.get('again')!r}")
        if out.get("taken") != "CodeTaken":
            raise Fail(f"after a restart, the custom code 'promo' must still be taken (CodeTaken), got {out.get('taken')!r}")

    return [("process 1 creates links", first),
            ("process 2 resolves them and sees the hits", second),
            ("process 3 still knows URLs and taken codes", third)]


def group_hits(mod):
    def counting():
        s = mod.UrlStore(new_db())
        c = s.shorten("https://example.com/")
        st = s.stats(c)
        if st != {"code": c, "url": "https://example.com/", "hits": 0}:
            raise Fail(f"a new link: expected stats {{'code': {c!r}, 'url': 'https://example.com/', 'hits': 0}}, got {show(st)}")
        for _ in range(3):
            s.resolve(c)
        s.stats(c)
        st = s.stats(c)
        if not isinstance(st, dict) or st.get("hits") != 3:
            raise Fail(f"after 3 resolves (stats calls do not count) expected hits 3, got {show(st)}")

    def unknown():
        s = mod.UrlStore(new_db())
        s.resolve("nope42")
        if s.stats("nope42") is not None:
            raise Fail(f"stats of an unknown code must be None, got {show(s.stats('nope42'))}")

    return [("resolve counts hits, stats does not", counting), ("stats of an unknown code is None", unknown)]


TRICKY = ["https://example.com/it's", "https://example.com/?q=');DROP%20TABLE%20links;--", 'https://example.com/"quoted"',
          "https://example.com/caf%C3%A9", "https://例え.jp/パス", "https://example.com/a\\b"]


def group_tricky(mod):
    def one(u):
        s = mod.UrlStore(new_db())
        c = s.shorten(u)
        if s.resolve(c) != u:
            raise Fail(f"{u!r} must be stored unchanged; resolve gave {show(s.resolve(c))}")
        if s.shorten(u) != c:
            raise Fail(f"shortening {u!r} again must find the existing code {c!r}")
        c2 = s.shorten("https://example.com/other")
        if s.resolve(c2) != "https://example.com/other":
            raise Fail("after storing a URL with quotes, other links must still work")

    return [(f"stores {u!r} safely", lambda u=u: one(u)) for u in TRICKY]


GROUPS = {"create-resolve": group_create_resolve, "validation": group_validation, "custom-codes": group_custom,
          "collisions": group_collisions, "persistence": group_persistence, "hits": group_hits,
          "tricky-urls": group_tricky}


def main():
    builder = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in builder(None)])
    mod = t.load("store")
    for _, fn in builder(mod):
        t.case(lambda fn=fn: guard(fn))
    t.done()


main()
