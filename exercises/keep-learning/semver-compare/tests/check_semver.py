"""Checks for semver.py. python3 tests/check_semver.py GROUP"""
import functools
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, show  # noqa: E402

SPEC_CHAIN = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
              "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"]


def expect_cmp(mod, a, b, want):
    got = mod.compare(a, b)
    if got != want:
        raise Fail(f"compare({a!r}, {b!r}) must return {want}, got {show(got)}")
    back = mod.compare(b, a)
    if back != -want:
        raise Fail(f"compare({b!r}, {a!r}) must return {-want}, got {show(back)}")


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
    ]


def group_build(mod):
    return [("build metadata is ignored", lambda: [expect_cmp(mod, a, b, 0) for a, b in [
        ("1.0.0+001", "1.0.0+20130313144700"), ("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta"),
        ("1.0.0+build.1", "1.0.0")]]),
        ("build metadata does not change the order", ordered(mod, [("1.0.0-rc.1+build.9", "1.0.0+build.1"),
                                                                   ("1.0.0+zzz", "1.0.1+aaa")]))]


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
        if tuple(got) != want:
            raise Fail(f"parse({v!r}) must return {want!r}, got {show(got)}")
    return [(f"parse({v!r})", lambda v=v, w=w: one(v, w)) for v, w in PARSED]


INVALID = ["1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-", "1.2.3-01", "1.2.3-alpha..1",
           "1.2.3+", "1.2.3+a..b", "v1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-α", "-1.2.3", "1.2.-3", "", "1.2.3-beta_1"]


def group_invalid(mod):
    def one(v):
        try:
            got = mod.parse(v)
        except ValueError:
            return
        raise Fail(f"parse({v!r}) must raise ValueError: it is not a valid semantic version; got {show(got)}")

    def via_compare():
        try:
            got = mod.compare("1.02.3", "1.2.3")
        except ValueError:
            return
        raise Fail(f"compare('1.02.3', '1.2.3') must raise ValueError, got {show(got)}")

    return [(f"parse({v!r}) raises ValueError", lambda v=v: one(v)) for v in INVALID] + \
           [("compare() rejects invalid versions too", via_compare)]


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
    return [("sorting 17 versions with cmp_to_key(compare)", sort)]


GROUPS = {"core": group_core, "prerelease": group_prerelease, "build": group_build, "parse": group_parse,
          "invalid": group_invalid, "sorting": group_sorting}


def main():
    builder = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in builder(None)])
    mod = t.load("semver")
    for _, fn in builder(mod):
        t.case(fn)
    t.done()


main()
