"""Checks for passwords.py. Usage: check_passwords.py format|verify|malformed|rehash|hidden"""
import base64
import binascii
import hashlib
import hmac
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, child, short, describe  # noqa: E402

MIN_ITERATIONS = 600_000


def encode(password, salt, iterations, algorithm="pbkdf2_sha256", dklen=32):
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations, dklen)
    return f"{algorithm}${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


OLD_SALT = bytes(range(16))
OLD_HASH = encode("hunter2", OLD_SALT, 1000)  # made "years ago" with far fewer iterations


def make(mod, password):
    out = call(mod.hash_password, password, label=f"hash_password({password!r})")
    if type(out) is not str:
        raise Fail(f"hash_password({password!r}) must return a str, got {describe(out)}")
    return out


def fields(encoded, password):
    parts = encoded.split("$")
    if len(parts) != 4:
        raise Fail(f"hash_password({password!r}) returned {encoded!r}: expected 4 fields "
                   f"'pbkdf2_sha256$ITERATIONS$SALT$HASH' separated by '$', found {len(parts)}")
    algorithm, iterations, salt, digest = parts
    if algorithm != "pbkdf2_sha256":
        raise Fail(f"hash_password returned {encoded!r}: the first field must be 'pbkdf2_sha256', got {algorithm!r}")
    if not (iterations.isascii() and iterations.isdigit()):
        raise Fail(f"hash_password returned {encoded!r}: the iterations field {iterations!r} is not a decimal number")
    try:
        salt_raw = base64.b64decode(salt, validate=True)
        digest_raw = base64.b64decode(digest, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Fail(f"hash_password returned {encoded!r}: salt and hash must be standard Base64 ({exc})") from None
    return int(iterations), salt_raw, digest_raw


def verify(mod, password, encoded):
    label = f"verify_password({password!r}, {encoded!r})"
    got = call(mod.verify_password, password, encoded, label=label)
    if type(got) is not bool:
        raise Fail(f"{label} must return True or False, got {describe(got)}")
    return label, got


def expect_verify(mod, password, encoded, want, why=""):
    label, got = verify(mod, password, encoded)
    if got != want:
        raise Fail(f"expected {label} to return {want}, got {got}" + (f"\n{why}" if why else ""))


# ---------------------------------------------------------------- format

def run_format(tap, mod):
    state = {}

    def shape():
        state["h"] = make(mod, "correct horse battery staple")
        fields(state["h"], "correct horse battery staple")

    def iterations():
        n, _s, _d = fields(state.get("h") or make(mod, "x"), "x")
        if n < MIN_ITERATIONS:
            raise Fail(f"hash_password used {n} iterations; expected at least {MIN_ITERATIONS}")

    def salt():
        _n, salt_raw, _d = fields(state.get("h") or make(mod, "x"), "x")
        if len(salt_raw) < 16:
            raise Fail(f"the salt decodes to {len(salt_raw)} bytes; expected 16 random bytes")

    def is_pbkdf2():
        h = state.get("h") or make(mod, "correct horse battery staple")
        n, salt_raw, digest_raw = fields(h, "correct horse battery staple")
        want = hashlib.pbkdf2_hmac("sha256", b"correct horse battery staple", salt_raw, n)
        if digest_raw != want:
            raise Fail(f"hash_password returned {h!r}, but the hash field is not "
                       f"pbkdf2_hmac('sha256', password.encode('utf-8'), salt, {n}) of the decoded salt "
                       f"(expected {base64.b64encode(want).decode()!r})")

    def salted():
        a = make(mod, "same password")
        b = make(mod, "same password")
        if a == b:
            raise Fail(f"hashing 'same password' twice gave the same string {a!r}: every hash needs a new random salt")
        if fields(a, "same password")[1] == fields(b, "same password")[1]:
            raise Fail("two hashes of the same password used the same salt")

    tap.test("the format is pbkdf2_sha256$ITERATIONS$SALT$HASH", shape)
    tap.test(f"at least {MIN_ITERATIONS} iterations", iterations)
    tap.test("the salt is 16 bytes", salt)
    tap.test("the hash field is PBKDF2-HMAC-SHA256 of the password with that salt", is_pbkdf2)
    tap.test("every hash gets a new random salt", salted)


# ---------------------------------------------------------------- verify

def run_verify(tap, mod):
    def roundtrip():
        h = make(mod, "correct horse battery staple")
        expect_verify(mod, "correct horse battery staple", h, True)

    def wrong():
        h = make(mod, "correct horse battery staple")
        expect_verify(mod, "Correct horse battery staple", h, False)
        expect_verify(mod, "", h, False)

    def old_hash():
        expect_verify(mod, "hunter2", OLD_HASH, True,
                      "this hash was made with 1000 iterations: use the count stored in the string")
        expect_verify(mod, "hunter3", OLD_HASH, False)

    def other_salt():
        encoded = encode("s3cret", b"\xff" * 16, 2000)
        expect_verify(mod, "s3cret", encoded, True, "use the salt stored in the string")

    def random_hashes():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))
        for _ in range(4):
            pw = "".join(rng.choice("abcXYZ019 $%\u00e9\u2603") for _ in range(rng.randint(1, 16)))
            salt = bytes(rng.randrange(256) for _ in range(16))
            encoded = encode(pw, salt, rng.randint(1000, 5000))
            expect_verify(mod, pw, encoded, True, "use the salt and iteration count stored in the string")
            expect_verify(mod, pw + "!", encoded, False)

    def unicode_pw():
        pw = "p\u00e4ssw\u00f6rd \u2603"
        expect_verify(mod, pw, encode(pw, b"0123456789abcdef", 1500), True,
                      "encode the password as UTF-8 before hashing")
        expect_verify(mod, pw, make(mod, pw), True)

    tap.test("verify_password accepts the right password", roundtrip)
    tap.test("verify_password refuses a wrong password", wrong)
    tap.test("an old hash with 1000 iterations still verifies", old_hash)
    tap.test("the stored salt is used", other_salt)
    tap.test("non-ASCII passwords are hashed as UTF-8", unicode_pw)
    tap.test("random passwords, salts and iteration counts (new every run)", random_hashes)


# ---------------------------------------------------------------- malformed

GOOD_SALT = base64.b64encode(OLD_SALT).decode()
GOOD_HASH = OLD_HASH.split("$")[3]

MALFORMED = [
    ("an empty string", ""),
    ("a plain SHA-256 hex digest", hashlib.sha256(b"hunter2").hexdigest()),
    ("three fields", f"pbkdf2_sha256$1000${GOOD_SALT}"),
    ("five fields", f"pbkdf2_sha256$1000${GOOD_SALT}${GOOD_HASH}$extra"),
    ("another algorithm name", f"pbkdf2_sha1$1000${GOOD_SALT}${GOOD_HASH}"),
    ("iterations that are not a number", f"pbkdf2_sha256$many${GOOD_SALT}${GOOD_HASH}"),
    ("zero iterations", f"pbkdf2_sha256$0${GOOD_SALT}${GOOD_HASH}"),
    ("negative iterations", f"pbkdf2_sha256$-1000${GOOD_SALT}${GOOD_HASH}"),
    ("a salt that is not Base64", f"pbkdf2_sha256$1000$not*base64!${GOOD_HASH}"),
    ("a hash that is not Base64", f"pbkdf2_sha256$1000${GOOD_SALT}$%%%%"),
    ("a hash of 16 bytes instead of 32", encode("hunter2", OLD_SALT, 1000, dklen=16)),
]


def run_malformed(tap, mod):
    for desc, encoded in MALFORMED:
        tap.test(f"verify_password returns False for {desc}",
                 lambda e=encoded: expect_verify(mod, "hunter2", e, False))


# ---------------------------------------------------------------- rehash

def expect_rehash(mod, encoded, want, why=""):
    label = f"needs_rehash({encoded!r})"
    got = call(mod.needs_rehash, encoded, label=label)
    if got is not want:
        raise Fail(f"expected {label} to return {want}, got {describe(got)}" + (f"\n{why}" if why else ""))


def well_formed(iterations):
    """A hash in today's format with a new salt and digest (needs_rehash cannot check the
    digest without the password, so it need not be computed: that would cost seconds)."""
    b64 = lambda n: base64.b64encode(os.urandom(n)).decode()  # noqa: E731
    return f"pbkdf2_sha256${iterations}${b64(16)}${b64(32)}"


def run_rehash(tap, mod):
    tap.test("a fresh hash does not need rehashing",
             lambda: expect_rehash(mod, make(mod, "fresh"), False))
    tap.test("a hash with 1000 iterations needs rehashing",
             lambda: expect_rehash(mod, OLD_HASH, True, "fewer iterations than ITERATIONS"))
    tap.test("a hash with one iteration less than required needs rehashing",
             lambda: expect_rehash(mod, encode("x", OLD_SALT, MIN_ITERATIONS - 1), True))
    tap.test("another algorithm needs rehashing",
             lambda: expect_rehash(mod, f"pbkdf2_sha1$900000${GOOD_SALT}${GOOD_HASH}", True))
    tap.test("a malformed string needs rehashing (and does not raise), even after today's prefix",
             lambda: (expect_rehash(mod, "garbage", True),
                      expect_rehash(mod, f"pbkdf2_sha256${MIN_ITERATIONS}$!!not-base64!!${GOOD_HASH}", True,
                                    "the salt field is not Base64: the string is malformed"),
                      expect_rehash(mod, f"pbkdf2_sha256${MIN_ITERATIONS}${GOOD_SALT}$", True,
                                    "the hash field is empty: the string is malformed")))
    # made by the checker with a new salt: "today's hash" is a format, not the learner's own output
    tap.test("a well-formed hash with ITERATIONS or more iterations does not need rehashing",
             lambda: (expect_rehash(mod, well_formed(MIN_ITERATIONS), False),
                      expect_rehash(mod, well_formed(MIN_ITERATIONS * 2), False,
                                    "more iterations than ITERATIONS is stronger, not weaker: keep it")))


# ---------------------------------------------------------------- hidden

def run_hidden(tap, mod):
    def constant_time():
        label = f"verify_password('hunter3', {OLD_HASH!r})"
        got, calls = call(child().helper, "verify_spied", "hunter3", OLD_HASH, label=label)
        if got is not False:
            raise Fail(f"expected {label} to return False, got {describe(got)}")
        if not calls:
            raise Fail("verify_password never called hmac.compare_digest: compare the hashes in constant time")

    def salt_not_from_random():
        a = call(child().helper, "hash_seeded", "pw", label="hash_password('pw')")
        b = call(child().helper, "hash_seeded", "pw", label="hash_password('pw')")
        if type(a) is not str:
            raise Fail(f"hash_password('pw') must return a str, got {describe(a)}")
        if a == b:
            raise Fail("after random.seed(99), two hashes were identical: take the salt from secrets or os.urandom")

    def strict_iterations():
        for count in ("1_000", " 1000", "+1000", "1000 "):
            expect_verify(mod, "hunter2", f"pbkdf2_sha256${count}${GOOD_SALT}${GOOD_HASH}", False,
                          "the iteration count must be ASCII digits only")

    def strict_base64():
        loose = GOOD_SALT[:-2] + "\n" + GOOD_SALT[-2:]
        expect_verify(mod, "hunter2", f"pbkdf2_sha256$1000${loose}${GOOD_HASH}", False,
                      "decode with base64.b64decode(s, validate=True)")

    def non_str():
        for value in (None, 42, b"pbkdf2_sha256$1$$"):
            expect_verify(mod, "hunter2", value, False)

    tap.test("verify_password compares with hmac.compare_digest", constant_time)
    tap.test("the salt does not come from the random module", salt_not_from_random)
    tap.test("iteration counts with _, spaces or a sign are refused", strict_iterations)
    tap.test("Base64 with stray characters is refused", strict_base64)
    tap.test("a stored value that is not a str is refused without raising", non_str)


MODES = {"format": (5, run_format, ("hash_password",)),
         "verify": (6, run_verify, ("hash_password", "verify_password")),
         "malformed": (len(MALFORMED), run_malformed, ("verify_password",)),
         "rehash": (6, run_rehash, ("hash_password", "needs_rehash")),
         "hidden": (5, run_hidden, ("hash_password", "verify_password"))}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_passwords.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn, names = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("passwords", helpers="_inside.py", budget=4.0)
    if mod is not None and tap.need(mod, *names):
        fn(tap, mod)
    tap.finish()


main()
