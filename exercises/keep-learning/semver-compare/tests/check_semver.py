"""Checks for semver.py. python3 tests/check_semver.py GROUP

semver.py runs in a child process (taplib/isolate.py): the values that come
back are plain data. Besides the fixed cases below, every group also checks
versions made at random at check time, judged by the reference rules in this
file, so a table of the fixed answers cannot pass.
"""
import functools
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, short, describe  # noqa: E402

SPEC_CHAIN = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
              "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"]


RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
NUM = r"0|[1-9][0-9]*"
IDENT = r"[0-9A-Za-z-]+"
VALID = re.compile(rf"({NUM})\.({NUM})\.({NUM})(?:-({IDENT}(?:\.{IDENT})*))?(?:\+({IDENT}(?:\.{IDENT})*))?")


def ref_parse(v):
    """The checker's own parser: the tuple, or None for an invalid version."""
    m = VALID.fullmatch(v) if type(v) is str and v.isascii() else None
    if not m:
        return None
    pre = tuple(m[4].split(".")) if m[4] else ()
    if any(i.isdigit() and len(i) > 1 and i[0] == "0" for i in pre):
        return None
    return int(m[1]), int(m[2]), int(m[3]), pre, tuple(m[5].split(".")) if m[5] else ()


def ref_compare(a, b):
    pa, pb = ref_parse(a), ref_parse(b)
    if pa[:3] != pb[:3]:
        return -1 if pa[:3] < pb[:3] else 1
    xa, xb = pa[3], pb[3]
    if xa == xb:
        return 0
    if not xa or not xb:
        return 1 if not xa else -1
    for x, y in zip(xa, xb):
        kx = (0, int(x), "") if x.isdigit() else (1, 0, x)
        ky = (0, int(y), "") if y.isdigit() else (1, 0, y)
        if kx != ky:
            return -1 if kx < ky else 1
    return -1 if len(xa) < len(xb) else 1


def rand_ident(numeric=None):
    if numeric is None:
        numeric = RNG.random() < 0.5
    if numeric:
        return str(RNG.choice([0, 1, 2, 9, 10, 11, RNG.randint(0, 999)]))
    alpha = "abcxyzABCXYZ-0123456789"
    word = RNG.choice(["alpha", "beta", "rc", "Beta", "RC", "pre", "x-y", "-", "0a", "a1"])
    if RNG.random() < 0.5:
        word = "".join(RNG.choice(alpha) for _ in range(RNG.randint(1, 5)))
        if word.isdigit():
            word += "z"
    return word


def rand_version(core=None, pre=None, build=None):
    if core is None:
        core = tuple(RNG.choice([0, 1, 2, 9, 10, 11, RNG.randint(0, 300)]) for _ in range(3))
    if pre is None:
        pre = tuple(rand_ident() for _ in range(RNG.choice([0, 0, 1, 2, 3])))
    if build is None:
        build = tuple(RNG.choice(["001", "build", "5", "sha", "exp", str(RNG.randint(0, 99999))])
                      for _ in range(RNG.choice([0, 0, 1, 2])))
    v = ".".join(map(str, core))
    if pre:
        v += "-" + ".".join(pre)
    if build:
        v += "+" + ".".join(build)
    return v


def rand_pairs(kind, n=40):
    """Pairs of random versions that stress one rule of the precedence."""
    out = []
    for _ in range(n):
        if kind == "core":
            a, b = rand_version(pre=(), build=()), rand_version(pre=(), build=())
            if RNG.random() < 0.5:  # share a prefix of the core
                core = [int(x) for x in a.split(".")]
                core[RNG.randint(1, 2)] = RNG.randint(0, 120)
                b = ".".join(map(str, core))
        elif kind == "pre":
            core = tuple(RNG.randint(0, 12) for _ in range(3))
            pa = tuple(rand_ident() for _ in range(RNG.randint(0, 3)))
            if RNG.random() < 0.6 and pa:  # same first identifiers, then a difference
                k = RNG.randint(0, len(pa))
                pb = pa[:k] + tuple(rand_ident() for _ in range(RNG.randint(0, 2)))
            else:
                pb = tuple(rand_ident() for _ in range(RNG.randint(0, 3)))
            a, b = rand_version(core, pa, ()), rand_version(core, pb, ())
        else:  # build: same precedence, different build metadata
            core = tuple(RNG.randint(0, 12) for _ in range(3))
            pre = tuple(rand_ident() for _ in range(RNG.randint(0, 2)))
            a, b = rand_version(core, pre, None), rand_version(core, pre, ("b" + str(RNG.randint(0, 999)),))
        out.append((a, b))
    return out


def random_cmp(mod, kind):
    def run():
        for a, b in rand_pairs(kind):
            expect_cmp(mod, a, b, ref_compare(a, b))
    return run


def expect_cmp(mod, a, b, want):
    got = mod.compare(a, b)
    if type(got) is not int or got != want:
        raise Fail(f"compare({a!r}, {b!r}) must return {want}, got {describe(got)}")
    back = mod.compare(b, a)
    if type(back) is not int or back != -want:
        raise Fail(f"compare({b!r}, {a!r}) must return {-want}, got {describe(back)}")


def ordered(mod, pairs):
    def run():
        for a, b in pairs:
            expect_cmp(mod, a, b, -1)
    return run


def group_core(mod):
    return [
        ("major, minor, patch in order", ordered(mod, [("1.0.0", "2.0.0"), ("2.0.0", "2.1.0"), ("2.1.0", "2.1.1"),
                                                       ("1.9.9", "2.0.0")])),
        ("numbers compare as numbers, not text", ordered(mod, [("1.9.0", "1.10.0"), ("1.0.9", "1.0.10"),
                                                              ("9.0.0", "10.0.0"), ("1.2.3", "1.12.0")])),
        ("equal versions compare 0", lambda: [expect_cmp(mod, v, v, 0) for v in ("0.0.0", "1.2.3", "10.20.30", "1.0.0-rc.1")]),
        ("40 pairs of random versions (new every run)", random_cmp(mod, "core")),
    ]


def group_prerelease(mod):
    def chain():
        for i, a in enumerate(SPEC_CHAIN):
            for b in SPEC_CHAIN[i + 1:]:
                expect_cmp(mod, a, b, -1)

    return [
        ("the SemVer spec's example: 1.0.0-alpha < 1.0.0-alpha.1 < ... < 1.0.0", chain),
        ("a pre-release is lower than its release", ordered(mod, [("1.0.0-rc.1", "1.0.0"), ("2.0.0-alpha", "2.0.0"),
                                                                 ("1.0.0", "1.0.1-alpha")])),
        ("numeric identifiers compare numerically", ordered(mod, [("1.0.0-beta.2", "1.0.0-beta.11"),
                                                                  ("1.0.0-9", "1.0.0-10"), ("1.0.0-rc.9", "1.0.0-rc.10")])),
        ("numeric identifiers are lower than alphanumeric ones", ordered(mod, [("1.0.0-1", "1.0.0-alpha"),
                                                                             ("1.0.0-alpha.99", "1.0.0-alpha.a"),
                                                                             ("1.0.0-2", "1.0.0-2a")])),
        ("alphanumeric identifiers compare in ASCII order", ordered(mod, [("1.0.0-Beta", "1.0.0-alpha"),
                                                                         ("1.0.0-alpha", "1.0.0-alpha-x"),
                                                                         ("1.0.0-a-b", "1.0.0-ab")])),
        ("more identifiers win when all shared ones are equal", ordered(mod, [("1.0.0-alpha", "1.0.0-alpha.0"),
                                                                            ("1.0.0-a.b", "1.0.0-a.b.c")])),
        ("40 pairs of random pre-releases (new every run)", random_cmp(mod, "pre")),
    ]


def group_build(mod):
    return [("build metadata is ignored", lambda: [expect_cmp(mod, a, b, 0) for a, b in [
        ("1.0.0+001", "1.0.0+20130313144700"), ("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta"),
        ("1.0.0+build.1", "1.0.0")]]),
        ("build metadata does not change the order", ordered(mod, [("1.0.0-rc.1+build.9", "1.0.0+build.1"),
                                                                   ("1.0.0+zzz", "1.0.1+aaa")])),
        ("40 random versions with different build metadata (new every run)", random_cmp(mod, "build"))]


PARSED = [
    ("1.2.3", (1, 2, 3, (), ())),
    ("10.20.30", (10, 20, 30, (), ())),
    ("1.2.3-alpha.1+build.5", (1, 2, 3, ("alpha", "1"), ("build", "5"))),
    ("0.0.0-0", (0, 0, 0, ("0",), ())),
    ("1.0.0+001", (1, 0, 0, (), ("001",))),
    ("1.0.0-x-y-z.--", (1, 0, 0, ("x-y-z", "--"), ())),
]


def group_parse(mod):
    def one(v, want):
        got = mod.parse(v)
        if type(got) is not tuple or got != want or any(type(x) is not int for x in got[:3]) \
                or any(type(x) is not tuple for x in got[3:]):
            raise Fail(f"parse({v!r}) must return the tuple {want!r}, got {describe(got)}")

    def randoms():
        for _ in range(40):
            v = rand_version()
            one(v, ref_parse(v))
    return [(f"parse({v!r})", lambda v=v, w=w: one(v, w)) for v, w in PARSED] + \
           [("40 random versions (new every run) parse into their parts", randoms)]


INVALID = ["1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-", "1.2.3-01", "1.2.3-alpha..1",
           "1.2.3+", "1.2.3+a..b", "v1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-α", "-1.2.3", "1.2.-3", "", "1.2.3-beta_1"]


def group_invalid(mod):
    def one(v):
        try:
            got = mod.parse(v)
        except ValueError:
            return
        raise Fail(f"parse({v!r}) must raise ValueError: it is not a valid semantic version; got {describe(got)}")

    def via_compare():
        try:
            got = mod.compare("1.02.3", "1.2.3")
        except ValueError:
            return
        raise Fail(f"compare('1.02.3', '1.2.3') must raise ValueError, got {describe(got)}")

    def randoms():
        for _ in range(40):
            v = rand_invalid()
            one(v)
            good = rand_version()
            if ref_parse(good) is None or mod.parse(good) != ref_parse(good):
                raise Fail(f"parse({good!r}) must return {ref_parse(good)!r}, got {short(mod.parse(good))}")

    return [(f"parse({v!r}) raises ValueError", lambda v=v: one(v)) for v in INVALID] + \
           [("compare() rejects invalid versions too", via_compare),
            ("40 random invalid versions (new every run) raise ValueError", randoms)]


def rand_invalid():
    """A random version broken in one of the ways the prompt lists."""
    while True:
        core = [str(RNG.randint(0, 30)) for _ in range(3)]
        pre = [rand_ident() for _ in range(RNG.randint(1, 3))]
        build = [rand_ident() for _ in range(RNG.randint(0, 2))]
        how = RNG.randrange(9)
        if how == 0:
            core[RNG.randrange(3)] = "0" + str(RNG.randint(0, 99))
        elif how == 1:
            del core[RNG.randrange(3)]
        elif how == 2:
            core.append(str(RNG.randint(0, 9)))
        elif how == 3:
            pre[RNG.randrange(len(pre))] = "0" + str(RNG.randint(0, 99))
        elif how == 4:
            pre.insert(RNG.randrange(len(pre) + 1), "")
        elif how == 5:
            build.insert(RNG.randrange(len(build) + 1), "")
        elif how == 6:
            pre[RNG.randrange(len(pre))] += RNG.choice(["_", "!", " ", "é", "/"])
        v = ".".join(core) + "-" + ".".join(pre) + ("+" + ".".join(build) if build or how == 5 else "")
        if how == 7:
            v = RNG.choice(["v", " ", "=", "V"]) + v
        elif how == 8:
            v = v + RNG.choice([" ", "-", "+", "\n", "."])
        if ref_parse(v) is None:
            return v


def group_sorting(mod):
    def sort():
        want = ["0.9.9", "0.9.12", "1.0.0-0", "1.0.0-1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0-rc.2", "1.2.0",
                "1.10.0", "2.0.0"]
        rng = random.Random(4)
        for _ in range(5):
            shuffled = want[:]
            rng.shuffle(shuffled)
            got = sorted(shuffled, key=functools.cmp_to_key(mod.compare))
            if got != want:
                raise Fail(f"sorted(versions, key=cmp_to_key(compare)) gave\n  {got}\nexpected\n  {want}")
    def randoms():
        versions = list({rand_version(core=(RNG.randint(0, 2), RNG.randint(0, 2), RNG.randint(0, 2))) for _ in range(30)})
        want = sorted(versions, key=functools.cmp_to_key(ref_compare))
        shuffled = versions[:]
        RNG.shuffle(shuffled)
        got = sorted(shuffled, key=functools.cmp_to_key(mod.compare))
        if [ref_parse(v)[:4] for v in got] != [ref_parse(v)[:4] for v in want]:
            raise Fail(f"sorted(versions, key=cmp_to_key(compare)) gave\n  {got}\nexpected\n  {want}")

    return [("sorting 17 versions with cmp_to_key(compare)", sort),
            ("sorting 30 random versions (new every run)", randoms)]


GROUPS = {"core": group_core, "prerelease": group_prerelease, "build": group_build, "parse": group_parse,
          "invalid": group_invalid, "sorting": group_sorting}


def main():
    builder = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in builder(None)])
    mod = t.load("semver")
    for _, fn in builder(mod):
        t.case(fn)
    t.finish()


main()
