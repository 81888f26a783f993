"""Checks for store.py. python3 tests/check_store.py GROUP

store.py runs in a child process (taplib/isolate.py); a "restart" is a new
child process on the same database file. URLs, codes and counts are made at
random at check time, so answers copied from this file cannot pass.
"""
import os
import random
import re
import string
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isolate import Child  # noqa: E402
from taplib import Fail, Tap, short, describe  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))


def rand_word(n=None, alphabet=string.ascii_lowercase + string.digits):
    return "".join(RNG.choice(alphabet) for _ in range(n or RNG.randint(3, 10)))


def rand_url():
    host = RNG.choice(["example.com", "example.org", "shop.example.net", "localhost:8080", "127.0.0.1"])
    return f"{RNG.choice(['https', 'http'])}://{host}/{rand_word()}/{rand_word()}?q={rand_word()}"


def rand_code():
    """A valid custom code that is not a reserved word."""
    while True:
        code = rand_word(RNG.randint(3, 12), string.ascii_letters + string.digits + "_-")
        if code.lower() not in ("api", "health", "static", "promo", "abc"):
            return code


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
        if len(self.calls) > 100:  # it catches Runaway and goes on: stop its process
            from taplib import ChildError, child
            child().stop()
            raise ChildError("random_code was called more than 100 times for one shorten(): stop after 10 attempts")
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
    raise Fail(f"{desc}: expected {exc.__name__}, but it returned {describe(got)}")


def group_create_resolve(mod):
    def default_code():
        s = mod.UrlStore(new_db())
        url = rand_url()
        c = s.shorten(url)
        if not isinstance(c, str) or not re.fullmatch(r"[A-Za-z0-9]{6}", c):
            raise Fail(f"shorten() must return a 6-character code of letters and digits by default, got {describe(c)}")
        got = s.resolve(c)
        if got != url:
            raise Fail(f"resolve({c!r}) must return {url!r}, got {describe(got)}")

    def distinct():
        s = mod.UrlStore(new_db())
        urls = list({rand_url() for _ in range(20)})
        codes = [s.shorten(u) for u in urls]
        if len(set(codes)) != len(urls):
            raise Fail(f"{len(urls)} different URLs must get as many different codes, got {len(set(codes))} distinct codes")
        wrong = [(c, u, s.resolve(c)) for c, u in zip(codes, urls) if s.resolve(c) != u]
        if wrong:
            raise Fail(f"codes resolve to the wrong URL: {wrong[:3]}")

    def length():
        n = RNG.randint(7, 12)
        s = mod.UrlStore(new_db(), code_length=n)
        c = s.shorten(rand_url())
        if not isinstance(c, str) or len(c) != n:
            raise Fail(f"UrlStore(path, code_length={n}).shorten(...) must return a {n}-character code, got {describe(c)}")

    def unknown():
        s = mod.UrlStore(new_db())
        s.shorten("https://example.com/")
        for code in ("nope42", "", "NOPE42"):
            got = s.resolve(code)
            if got is not None:
                raise Fail(f"resolve({code!r}) of an unknown code must return None, got {describe(got)}")

    def same_url():
        codes = Codes(rand_word(6), rand_word(6))
        s = mod.UrlStore(new_db(), random_code=codes)
        url = rand_url()
        a = s.shorten(url)
        b = s.shorten(url)
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
        expect_raises(mod.InvalidURL, lambda: s.shorten(u), f"shorten({short(u, 60)})")

    def good():
        s = mod.UrlStore(new_db())
        for u in GOOD_URLS:
            c = s.shorten(u)
            if s.resolve(c) != u:
                raise Fail(f"the valid URL {short(u, 60)} must be stored unchanged and resolve")

    def hierarchy():
        if not issubclass(mod.InvalidURL, ValueError) or not issubclass(mod.InvalidCode, ValueError):
            raise Fail("InvalidURL and InvalidCode must be subclasses of ValueError")

    return ([(f"rejects {short(u, 50)}", lambda u=u: bad(u)) for u in BAD_URLS]
            + [("accepts valid http and https URLs of up to 2048 characters", good),
               ("InvalidURL and InvalidCode are ValueErrors", hierarchy)])


BAD_CODES = ["ab", "a" * 33, "has space", "a/b", "é-code", "semi;colon", "api", "API", "health", "static", 123]


def group_custom(mod):
    def works():
        s = mod.UrlStore(new_db())
        for code in ("promo", "Sale_2024-x", "a" * 32, "abc", rand_code(), rand_code()):
            url = rand_url()
            got = s.shorten(url, code)
            if got != code or s.resolve(code) != url:
                raise Fail(f"shorten(url, {code!r}) must return {code!r} and the code must resolve; got {describe(got)}")

    def invalid(code):
        s = mod.UrlStore(new_db())
        expect_raises(mod.InvalidCode, lambda: s.shorten("https://example.com/", code), f"shorten(url, {code!r})")

    def taken():
        s = mod.UrlStore(new_db())
        code, first, second = rand_code(), rand_url(), rand_url()
        s.shorten(first, code)
        expect_raises(mod.CodeTaken, lambda: s.shorten(second, code),
                      f"a second shorten(other_url, {code!r})")
        if s.resolve(code) != first:
            raise Fail(f"after the refused shorten, {code!r} must still resolve to the first URL {first!r}")

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
        x, y = rand_word(6), rand_word(6)
        u1, u2 = rand_url(), rand_url()
        codes = Codes(x, x, y)
        s = mod.UrlStore(new_db(), random_code=codes)
        a = s.shorten(u1)
        b = s.shorten(u2)
        if (a, b) != (x, y):
            raise Fail(f"random_code returns {x}, {x}, {y}: expected codes {x!r} then {y!r} "
                       f"(retry on collision), got {a!r} and {b!r}")
        if s.resolve(x) != u1:
            raise Fail(f"the colliding code must not overwrite the first link; {x!r} now resolves to {short(s.resolve(x))}")

    def custom_collision():
        codes = Codes("zzzzzz", "cccccc")
        s = mod.UrlStore(new_db(), random_code=codes)
        s.shorten("https://example.com/custom", "zzzzzz")
        c = s.shorten("https://example.com/auto")
        if c != "cccccc" or s.resolve("zzzzzz") != "https://example.com/custom":
            raise Fail(f"a random code equal to a custom code must be retried: expected 'cccccc', got {c!r}; "
                       f"'zzzzzz' resolves to {short(s.resolve('zzzzzz'))}")

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


def new_process(db, ops):
    """Run ops on a UrlStore(db) in a new process of its own (a restart): {label: result or exception name}."""
    proc = Child("store")
    err = proc.start()
    if err:
        raise Fail(err)
    try:
        mod = proc.module
        s = mod.UrlStore(db)
        out = {}
        for op in ops:
            try:
                if op[0] == "shorten":
                    out[op[3]] = s.shorten(op[1], op[2]) if op[2] else s.shorten(op[1])
                elif op[0] == "resolve":
                    out[op[2]] = s.resolve(op[1])
                elif op[0] == "stats":
                    out[op[2]] = s.stats(op[1])
            except Exception as e:  # noqa: BLE001 - the learner's exception, by name
                out[op[-1]] = type(e).__name__
        s.close()
        return out
    finally:
        proc.stop()


def group_persistence(mod):
    db = new_db()
    state = {}
    auto_url, custom_url, other_url, code = rand_url(), rand_url(), rand_url(), rand_code()
    n1, n2 = RNG.randint(1, 4), RNG.randint(1, 3)

    def first():
        out = new_process(db, [["shorten", auto_url, None, "auto"], ["shorten", custom_url, code, "custom"]]
                          + [["resolve", code, f"r{i}"] for i in range(n1)])
        if out.get("custom") != code or out.get("r0") != custom_url:
            raise Fail(f"process 1 could not create and resolve links: {out}")
        state.update(out)

    def second():
        auto = state.get("auto")
        out = new_process(db, [["resolve", auto, "auto"]] + [["resolve", code, f"r{i}"] for i in range(n2)]
                          + [["stats", code, "stats"]])
        if out.get("auto") != auto_url or out.get("r0") != custom_url:
            raise Fail(f"after a restart (a new process on the same file) the links must still resolve; got {out}")
        st = out.get("stats")
        want = {"code": code, "url": custom_url, "hits": n1 + n2}
        if st != want:
            raise Fail(f"hits must survive a restart: {n1} resolves in process 1 and {n2} in process 2, so "
                       f"stats({code!r}) must be {want}; got {describe(st)}")

    def third():
        out = new_process(db, [["shorten", auto_url, None, "again"], ["shorten", other_url, code, "taken"]])
        if out.get("again") != state.get("auto"):
            raise Fail(f"after a restart, shortening a known URL must return its existing code {state.get('auto')!r}, "
                       f"got {out.get('again')!r}")
        if out.get("taken") != "CodeTaken":
            raise Fail(f"after a restart, the custom code {code!r} must still be taken (CodeTaken), got {out.get('taken')!r}")

    return [("process 1 creates links", first),
            ("process 2 resolves them and sees the hits", second),
            ("process 3 still knows URLs and taken codes", third)]


def group_hits(mod):
    def counting():
        s = mod.UrlStore(new_db())
        url = rand_url()
        c = s.shorten(url)
        st = s.stats(c)
        if st != {"code": c, "url": url, "hits": 0}:
            raise Fail(f"a new link: expected stats {{'code': {c!r}, 'url': {url!r}, 'hits': 0}}, got {describe(st)}")
        n = RNG.randint(2, 7)
        for _ in range(n):
            s.resolve(c)
        s.stats(c)
        st = s.stats(c)
        if st != {"code": c, "url": url, "hits": n}:
            raise Fail(f"after {n} resolves (stats calls do not count) expected hits {n}, got {describe(st)}")

    def unknown():
        s = mod.UrlStore(new_db())
        s.resolve("nope42")
        if s.stats("nope42") is not None:
            raise Fail(f"stats of an unknown code must be None, got {short(s.stats('nope42'))}")

    return [("resolve counts hits, stats does not", counting), ("stats of an unknown code is None", unknown)]


TRICKY = ["https://example.com/it's", "https://example.com/?q=');DROP%20TABLE%20links;--", 'https://example.com/"quoted"',
          "https://example.com/caf%C3%A9", "https://例え.jp/パス", "https://example.com/a\\b"]


def group_tricky(mod):
    def one(u):
        s = mod.UrlStore(new_db())
        c = s.shorten(u)
        if s.resolve(c) != u:
            raise Fail(f"{u!r} must be stored unchanged; resolve gave {short(s.resolve(c))}")
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
    t.finish()


main()
