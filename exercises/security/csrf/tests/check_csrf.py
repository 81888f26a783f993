"""Checks for csrf.py. Usage: check_csrf.py issue|unpredictable|verify|constant-time|hostile"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, child, short, describe  # noqa: E402

URLSAFE = re.compile(r"^[A-Za-z0-9_-]+$")


def issue(mod, session):
    token = call(mod.issue_token, session, label=f"issue_token({short(session)})")
    if not isinstance(token, str):
        raise Fail(f"issue_token must return a str, got {describe(token)}")
    return token


def rotate(mod, session):
    token = call(mod.rotate_token, session, label="rotate_token(session)")
    if not isinstance(token, str):
        raise Fail(f"rotate_token must return a str, got {describe(token)}")
    return token


def verify(mod, session, method, headers, form):
    label = f"verify_request(session, {method!r}, {short(headers)}, {short(form)})"
    got = call(mod.verify_request, session, method, headers, form, label=label)
    if type(got) is not bool:
        raise Fail(f"{label} must return True or False, got {describe(got)}")
    return label, got


def expect_verify(mod, session, method, headers, form, want, why=""):
    label, got = verify(mod, session, method, headers, form)
    if got != want:
        raise Fail(f"expected {label} to return {want}, got {got}" + (f"\n{why}" if why else ""))


# ---------------------------------------------------------------- issue

def t_shape(mod):
    session = {}
    token = issue(mod, session)
    if len(token) < 32:
        raise Fail(f"issue_token returned {token!r} ({len(token)} characters); expected at least 32")
    if not URLSAFE.match(token):
        raise Fail(f"issue_token returned {token!r}; expected only the characters A-Z a-z 0-9 - _")


def t_stored(mod):
    session = {"user_id": 7}
    token = issue(mod, session)
    if session.get("csrf_token") != token:
        raise Fail(f"after issue_token, session['csrf_token'] should be {token!r}, session is {describe(session)}")
    if session.get("user_id") != 7:
        raise Fail(f"issue_token must leave the session's other keys alone, session is {describe(session)}")


def t_stable(mod):
    session = {}
    first = issue(mod, session)
    second = issue(mod, session)
    if first != second:
        raise Fail(f"calling issue_token twice on one session returned {first!r} then {second!r}; "
                   "expected the same token")
    given = {"csrf_token": "A" * 43}
    got = issue(mod, given)
    if got != "A" * 43:
        raise Fail(f"issue_token on a session that already has a token must return it, got {describe(got)}")


def t_distinct(mod):
    tokens = [issue(mod, {}) for _ in range(200)]
    if len(set(tokens)) != 200:
        raise Fail(f"200 new sessions got only {len(set(tokens))} different tokens")


def t_rotate(mod):
    session = {}
    old = issue(mod, session)
    new = rotate(mod, session)
    if new == old:
        raise Fail(f"rotate_token returned the old token {old!r}")
    if session.get("csrf_token") != new:
        raise Fail(f"after rotate_token, session['csrf_token'] should be {new!r}, got {short(session.get('csrf_token'))}")
    if len(new) < 32 or not URLSAFE.match(new):
        raise Fail(f"rotate_token returned {new!r}; expected at least 32 URL-safe characters")
    if issue(mod, session) != new:
        raise Fail("issue_token after rotate_token must return the rotated token")


def run_issue(tap, mod):
    tap.test("issue_token returns at least 32 URL-safe characters", lambda: t_shape(mod))
    tap.test("the token is stored in session['csrf_token']", lambda: t_stored(mod))
    tap.test("one session keeps one token", lambda: t_stable(mod))
    tap.test("200 sessions get 200 different tokens", lambda: t_distinct(mod))
    tap.test("rotate_token replaces the token", lambda: t_rotate(mod))


# ---------------------------------------------------------------- unpredictable

def prepared_token(mod, seeded, frozen):
    token = call(child().helper, "issue_prepared", seeded, frozen, label="issue_token({})")
    if type(token) is not str:
        raise Fail(f"issue_token must return a str, got {describe(token)}")
    return token


def expect_differ(mod, seeded, frozen, what):
    a = prepared_token(mod, seeded, frozen)
    b = prepared_token(mod, seeded, frozen)
    if a == b:
        raise Fail(f"with {what}, two new sessions both got the token {a!r}: the token is predictable. "
                   "Use secrets.token_urlsafe(32)")


def expect_entropy(mod):
    got = call(child().helper, "issue_counting_entropy", label="issue_token({})")
    token, drawn = got
    if type(token) is not str:
        raise Fail(f"issue_token must return a str, got {describe(token)}")
    if drawn < 16:
        raise Fail(f"issue_token({{}}) returned {token!r} after drawing {drawn} bytes from the operating "
                   "system's random source (os.urandom); expected at least 16. Use secrets.token_urlsafe(32)")


def run_unpredictable(tap, mod):
    tap.test("the token does not depend on the random module's state",
             lambda: expect_differ(mod, True, False, "random.seed(1234) before each call"))
    tap.test("the token does not depend on the clock",
             lambda: expect_differ(mod, False, True, "the clock frozen"))
    tap.test("the token does not depend on random's state and the clock together",
             lambda: expect_differ(mod, True, True, "random.seed(1234) and the clock frozen"))
    tap.test("the token is made from at least 16 bytes of os.urandom (the secrets module)",
             lambda: expect_entropy(mod))


# ---------------------------------------------------------------- verify

def fresh(mod):
    session = {}
    return session, issue(mod, session)


def run_verify(tap, mod):
    def safe_methods():
        session, _ = fresh(mod)
        for m in ("GET", "HEAD", "OPTIONS", "TRACE", "get"):
            expect_verify(mod, session, m, {}, {}, True, "safe methods need no token")

    def form_ok():
        session, token = fresh(mod)
        expect_verify(mod, session, "POST", {}, {"csrf_token": token, "amount": "10"}, True)

    def header_ok():
        session, token = fresh(mod)
        expect_verify(mod, session, "PUT", {"X-CSRF-Token": token}, {}, True)
        expect_verify(mod, session, "DELETE", {"x-csrf-token": token}, {}, True,
                      "header names are case-insensitive")
        mixed = "".join(c.upper() if b & 1 else c.lower() for c, b in zip("x-csrf-token", os.urandom(12)))
        expect_verify(mod, session, "PATCH", {mixed: token}, {}, True, "header names are case-insensitive")

    def missing():
        session, _ = fresh(mod)
        for m in ("POST", "PUT", "PATCH", "DELETE", "post"):
            expect_verify(mod, session, m, {}, {}, False, "state-changing methods need a token")

    def wrong_token():
        session, token = fresh(mod)
        flipped = ("B" if token[0] != "B" else "C") + token[1:]
        expect_verify(mod, session, "POST", {}, {"csrf_token": flipped}, False)

    def other_session():
        alice, _ = fresh(mod)
        _mallory, mallory_token = fresh(mod)
        expect_verify(mod, alice, "POST", {}, {"csrf_token": mallory_token}, False,
                      "a token is only valid for the session it was issued to")

    def no_session_token():
        expect_verify(mod, {}, "POST", {}, {}, False, "the session never got a token")
        expect_verify(mod, {"user_id": 1}, "POST", {}, {"csrf_token": ""}, False,
                      "an empty token must never match")

    def unknown_method():
        session, _ = fresh(mod)
        # one made up at check time too: the rule is "all but the four safe ones", not a list
        made_up = "X" + "".join(chr(65 + b % 26) for b in os.urandom(6))
        for m in ("PROPFIND", made_up):
            expect_verify(mod, session, m, {}, {}, False, "unknown methods are not safe")

    def after_rotate():
        session, old = fresh(mod)
        rotate(mod, session)
        expect_verify(mod, session, "POST", {}, {"csrf_token": old}, False,
                      "the token from before rotate_token must no longer work")

    tap.test("GET, HEAD, OPTIONS and TRACE pass without a token", safe_methods)
    tap.test("a POST with the session's token in the form passes", form_ok)
    tap.test("the X-CSRF-Token header works, in any letter case", header_ok)
    tap.test("POST, PUT, PATCH, DELETE without a token are refused", missing)
    tap.test("a wrong token is refused", wrong_token)
    tap.test("another session's token is refused", other_session)
    tap.test("a session without a token refuses everything", no_session_token)
    tap.test("an unknown method needs a token", unknown_method)
    tap.test("after rotate_token the old token is refused", after_rotate)


# ---------------------------------------------------------------- constant time

def as_text(v):
    return v.decode("utf-8", "replace") if isinstance(v, (bytes, bytearray)) else v


def expect_compare_digest(mod, right):
    session, token = fresh(mod)
    submitted = token if right else token[:-1] + ("x" if token[-1] != "x" else "y")
    label = f"verify_request(session, 'POST', {{}}, {{'csrf_token': {submitted!r}}})"
    got, calls = call(child().helper, "verify_spied", session, "POST", {}, {"csrf_token": submitted}, label=label)
    if got is not right:
        raise Fail(f"expected {label} to return {right}, got {describe(got)}")
    if not calls:
        raise Fail(f"{label} never called hmac.compare_digest (or secrets.compare_digest): "
                   "compare tokens in constant time, not with ==")
    if not any({as_text(a), as_text(b)} == {submitted, token} for a, b in calls):
        shown = ", ".join(f"({short(a, 60)}, {short(b, 60)})" for a, b in calls[:3])
        raise Fail(f"compare_digest was called with {shown}; expected it to compare "
                   "the submitted token with the session's token")


def run_constant_time(tap, mod):
    tap.test("the right token is checked with compare_digest", lambda: expect_compare_digest(mod, True))
    tap.test("a wrong token is checked with compare_digest", lambda: expect_compare_digest(mod, False))


# ---------------------------------------------------------------- hostile input (hidden)

def run_hostile(tap, mod):
    def non_ascii():
        session, token = fresh(mod)
        expect_verify(mod, session, "POST", {}, {"csrf_token": "\u00e9" * len(token)}, False)
        expect_verify(mod, session, "POST", {"X-CSRF-Token": token[:-1] + "\u2603"}, {}, False)

    def non_str():
        session, token = fresh(mod)
        for value in (None, [token], token.encode(), 0, {"t": token}):
            expect_verify(mod, session, "POST", {}, {"csrf_token": value}, False,
                          "only a str equal to the session's token is accepted")

    def bad_session_values():
        for stored in (None, "", 0, b"x" * 43):
            session = {"csrf_token": stored}
            for sent in ("", stored):
                expect_verify(mod, session, "POST", {}, {"csrf_token": sent}, False,
                              f"the session holds {stored!r}, which is not a usable token")

    def partial():
        session, token = fresh(mod)
        for sent in (token[:-1], token + "x", token[:8], " " + token, token.upper() if token.upper() != token else token.lower()):
            expect_verify(mod, session, "POST", {}, {"csrf_token": sent}, False)

    def form_wins():
        session, token = fresh(mod)
        expect_verify(mod, session, "POST", {"X-CSRF-Token": token}, {"csrf_token": "nope"}, False,
                      "when the form has csrf_token, that value is the submitted token")

    tap.test("non-ASCII tokens are refused without raising", non_ascii)
    tap.test("non-str tokens are refused", non_str)
    tap.test("a session holding an empty or non-str token refuses everything", bad_session_values)
    tap.test("prefixes, extensions and case changes of the token are refused", partial)
    tap.test("the form field is used before the header", form_wins)


MODES = {"issue": (5, run_issue, ("issue_token", "rotate_token")),
         "unpredictable": (4, run_unpredictable, ("issue_token",)),
         "verify": (9, run_verify, ("issue_token", "rotate_token", "verify_request")),
         "constant-time": (2, run_constant_time, ("issue_token", "verify_request")),
         "hostile": (5, run_hostile, ("issue_token", "verify_request"))}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_csrf.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn, names = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("csrf", helpers="_inside.py")
    if mod is not None and tap.need(mod, *names):
        fn(tap, mod)
    tap.finish()


main()
