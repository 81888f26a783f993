"""Checks for token_hs256.py. usage: check_token.py sign|reject|alg|timing"""
import base64
import hashlib
import hmac
import json
import os
import random
import sys

from taplib import Tap, child, describe

SECRET = b"correct horse battery staple"


def enc(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def dec(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def jpart(obj):
    return enc(json.dumps(obj).encode())


def forge(header, payload, secret=SECRET, digest=hashlib.sha256, raw_header=None):
    h = raw_header if raw_header is not None else jpart(header)
    p = jpart(payload) if not isinstance(payload, str) else payload
    sig = enc(hmac.new(secret, f"{h}.{p}".encode(), digest).digest())
    return f"{h}.{p}.{sig}"


HS256 = {"alg": "HS256", "typ": "JWT"}


def rejects(mod, token, now, why):
    def run():
        try:
            got = mod.verify(token, SECRET, now)
        except mod.TokenError:
            return None
        except Exception as exc:
            return f"{why}: expected TokenError, got {type(exc).__name__}: {exc}\ntoken: {token[:120]}"
        return f"{why}: expected TokenError, but verify returned {describe(got)}\ntoken: {token[:120]}"
    return run


def sign_checks(tap, mod):
    claims = {"sub": "ada", "role": "editor"}
    token = mod.sign(claims, SECRET, 1_700_000_000, 300)

    def shape():
        if type(token) is not str or token.count(".") != 2:
            return f"expected a str with three dot-separated parts, got {token!r}"
        if "=" in token or "+" in token or "/" in token:
            return f"base64url without padding uses neither '=', '+' nor '/': {token!r}"
    tap.test("sign returns header.payload.signature in unpadded base64url", shape)

    def header():
        h = json.loads(dec(token.split(".")[0]))
        if h.get("alg") != "HS256" or h.get("typ") != "JWT":
            return f"expected the header {{'alg': 'HS256', 'typ': 'JWT'}}, got {h!r}"
    tap.test("the header is {alg: HS256, typ: JWT}", header)

    def payload():
        p = json.loads(dec(token.split(".")[1]))
        want = {"sub": "ada", "role": "editor", "iat": 1_700_000_000, "exp": 1_700_000_300}
        if p != want:
            return f"expected the payload {want!r}, got {p!r}"
    tap.test("the payload holds the claims, iat = now and exp = now + ttl", payload)

    def signature():
        h, p, s = token.split(".")
        want = hmac.new(SECRET, f"{h}.{p}".encode(), hashlib.sha256).digest()
        if dec(s) != want:
            return "the signature is not HMAC-SHA256(secret, header_part + '.' + payload_part)"
    tap.test("the signature is HMAC-SHA256 over 'header.payload'", signature)

    def unchanged():
        c = {"sub": "bob"}
        mod.sign(c, SECRET, 10, 5)
        if c != {"sub": "bob"}:
            return f"sign must not modify the claims it is given; they became {c!r}"
    tap.test("sign does not modify the caller's claims", unchanged)

    def roundtrip():
        got = mod.verify(token, SECRET, 1_700_000_100)
        want = {"sub": "ada", "role": "editor", "iat": 1_700_000_000, "exp": 1_700_000_300}
        if got != want:
            return f"verify(sign(...)) expected {want!r}, got {describe(got)}"
    tap.test("verify accepts a token made by sign", roundtrip)

    def foreign():
        t = forge(HS256, {"sub": "x", "exp": 2000, "iat": 1000, "n": [1, 2]})
        got = mod.verify(t, SECRET, 1999)
        if got != {"sub": "x", "exp": 2000, "iat": 1000, "n": [1, 2]}:
            return f"verify must accept any correctly signed HS256 token (other JSON spacing, key order); got {describe(got)}"
    tap.test("verify accepts a valid token made by another library, one second before exp", foreign)
    tap.test("random claims, secrets and times (new every run) sign and verify", random_checks(mod))


def reject_checks(tap, mod):
    good = forge(HS256, {"sub": "ada", "role": "user", "iat": 1000, "exp": 2000})
    h, p, s = good.split(".")
    tampered = f"{h}.{jpart({'sub': 'ada', 'role': 'admin', 'iat': 1000, 'exp': 2000})}.{s}"
    tap.test("a changed payload (role: admin) with the old signature", rejects(mod, tampered, 1500, "tampered payload"))
    tap.test("a token signed with another secret",
              rejects(mod, forge(HS256, {"sub": "ada", "exp": 2000}, secret=b"guess"), 1500, "wrong secret"))
    tap.test("expired exactly at now == exp", rejects(mod, good, 2000, "now == exp"))
    tap.test("expired long ago", rejects(mod, good, 999_999, "now > exp"))
    tap.test("two parts", rejects(mod, f"{h}.{p}", 1500, "two parts"))
    tap.test("four parts", rejects(mod, good + ".x", 1500, "four parts"))
    tap.test("garbage that is not base64url", rejects(mod, "!!.@@.##", 1500, "garbage"))
    tap.test("a header that is not JSON", rejects(mod, forge(None, {"exp": 2000}, raw_header=enc(b"nope")), 1500, "header not JSON"))
    tap.test("a payload that is a JSON list", rejects(mod, forge(HS256, [1, 2, 3]), 1500, "payload is a list"))
    tap.test("a payload without exp", rejects(mod, forge(HS256, {"sub": "ada"}), 1500, "no exp"))
    tap.test("exp that is a string", rejects(mod, forge(HS256, {"sub": "ada", "exp": "9999999999"}), 1500, "exp is a string"))
    tap.test("an empty string", rejects(mod, "", 1500, "empty token"))


def alg_checks(tap, mod):
    payload = {"sub": "mallory", "role": "admin", "iat": 1000, "exp": 2000}
    none_token = f"{jpart({'alg': 'none', 'typ': 'JWT'})}.{jpart(payload)}."
    tap.test("alg none with an empty signature", rejects(mod, none_token, 1500, "alg: none"))
    tap.test("alg None (capitalised) with an empty signature",
              rejects(mod, f"{jpart({'alg': 'None'})}.{jpart(payload)}.", 1500, "alg: None"))
    tap.test("alg HS512 with a valid HMAC-SHA512 signature",
              rejects(mod, forge({"alg": "HS512", "typ": "JWT"}, payload, digest=hashlib.sha512), 1500, "alg: HS512"))
    tap.test("alg 'hs256' (lower case) with a valid signature",
              rejects(mod, forge({"alg": "hs256", "typ": "JWT"}, payload), 1500, "alg: hs256"))
    tap.test("no alg at all, valid signature", rejects(mod, forge({"typ": "JWT"}, payload), 1500, "missing alg"))
    tap.test("alg RS256 signed with HMAC (key confusion)",
              rejects(mod, forge({"alg": "RS256", "typ": "JWT"}, payload), 1500, "alg: RS256"))


def spied(token, lie_for=None):
    (kind, value), compares = child().helper("verify_spied", token, SECRET, 1500, lie_for)
    if kind == "raised" and not isinstance(value, child().module.TokenError):
        raise value
    return kind == "ok", compares


def timing_checks(tap, mod):
    good = forge(HS256, {"sub": "ada", "iat": 1000, "exp": 2000})
    h, p, s = good.split(".")
    bad_sig = enc(bytes(32))

    def uses_compare_digest(token, expect_ok):
        def run():
            ok, compares = spied(token)
            if ok != expect_ok:
                return f"verify {'rejected' if expect_ok else 'accepted'} the token; expected the opposite"
            if not compares:
                return ("hmac.compare_digest was never called: comparing signatures with == or != "
                        "returns faster the earlier the first wrong byte is, which leaks the signature byte by byte")
        return run
    tap.test("a valid signature is checked with hmac.compare_digest", uses_compare_digest(good, True))
    tap.test("a forged signature is checked with hmac.compare_digest", uses_compare_digest(f"{h}.{p}.{bad_sig}", False))

    def compares_signature():
        _ok, compares = spied(f"{h}.{p}.{bad_sig}")
        real = hmac.new(SECRET, f"{h}.{p}".encode(), hashlib.sha256).digest()
        forms = {real, enc(real), enc(real).encode(), bytes(32), bad_sig, bad_sig.encode()}
        if not any(a in forms and b in forms for a, b in compares):
            return f"compare_digest was called, but not with the expected and the given signature: {compares!r}"[:400]
    tap.test("compare_digest compares the expected with the given signature", compares_signature)

    def follows_compare_digest():
        real = hmac.new(SECRET, f"{h}.{p}".encode(), hashlib.sha256).digest()
        for token, given in ((good, real), (f"{h}.{p}.{bad_sig}", bytes(32))):
            forms = [real, enc(real), enc(real).encode(), given, enc(given), enc(given).encode()]
            ok, compares = spied(token, lie_for=forms)
            truth = given == real
            if compares and ok == truth:
                return (f"with a compare_digest that answered {not truth} for the signature, verify "
                        f"{'accepted' if ok else 'rejected'} the token anyway: the answer of compare_digest "
                        "must decide (an == or != next to it still leaks the timing)")
    tap.test("verify follows the answer of compare_digest", follows_compare_digest)


def random_claims(rng):
    words = ["ada", "bob", "admin", "user", "ä€", "x y", "", "a.b", "=+/"]
    claims = {}
    for _ in range(rng.randint(1, 5)):
        key = rng.choice(["sub", "role", "name", "scope", "n", "tags", "org"]) + str(rng.randint(0, 9))
        claims[key] = rng.choice([rng.choice(words), rng.randint(-10**6, 10**6), [rng.choice(words), 1],
                                  {"k": rng.choice(words)}, True, None])
    return claims


def random_checks(mod):
    """sign and verify with claims, secrets and times made at check time."""
    def run():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))
        for _ in range(10):
            claims = random_claims(rng)
            secret = bytes(rng.randrange(256) for _ in range(rng.randint(8, 40)))
            now, ttl = rng.randint(10**6, 2 * 10**9), rng.randint(1, 10**5)
            label = f"sign({claims!r}, {secret!r}, {now}, {ttl})"
            token = mod.sign(claims, secret, now, ttl)
            if type(token) is not str or token.count(".") != 2:
                return f"{label} returned {token!r}; expected header.payload.signature"
            h, p, s = token.split(".")
            try:
                header, payload, sig = json.loads(dec(h)), json.loads(dec(p)), dec(s)
            except ValueError as exc:
                return f"{label} returned {token!r}, which does not decode: {exc}"
            want = dict(claims, iat=now, exp=now + ttl)
            if header != HS256 or payload != want:
                return f"{label} gave the header {header!r} and payload {payload!r}; expected {HS256!r} and {want!r}"
            if sig != hmac.new(secret, f"{h}.{p}".encode(), hashlib.sha256).digest():
                return f"{label}: the signature is not HMAC-SHA256(secret, header_part + '.' + payload_part)"
            other = forge(HS256, want, secret=secret)
            for t, at in ((token, now + ttl - 1), (other, now)):
                got = mod.verify(t, secret, at)
                if got != want:
                    return f"verify({t[:80]}..., {secret!r}, {at}) returned {describe(got)}; expected {want!r}"
            bad = s[:-2] + ("AA" if s[-2:] != "AA" else "BB")
            err = rejects(mod, f"{h}.{p}.{bad}", now, "a changed signature")()
            if err:
                return err
            err = rejects(mod, token, now + ttl, "now == exp")()
            if err:
                return err
    return run


GROUPS = {"sign": (8, sign_checks), "reject": (12, reject_checks), "alg": (6, alg_checks), "timing": (4, timing_checks)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    mod = tap.load("token_hs256", helpers="_inside.py")
    if not isinstance(getattr(mod, "TokenError", None), type):
        tap.fail_rest("token_hs256.py must define the TokenError exception class")
        tap.finish()
    try:
        fn(tap, mod)
    except Exception as exc:
        tap.fail_rest(f"{type(exc).__name__}: {exc}")
    tap.finish()
