"""Checks for records.py. Usage: check_records.py single|multi|missing|performance|random"""
import copy
import functools
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, child, cpu_budget, short, describe  # noqa: E402
from _inside import big  # noqa: E402  (the same records the learner's process builds)

BUDGET = 2.0


def compare(keys):
    """cmp(a, b) for the required order: negative if a comes first, 0 if tied."""
    def cmp(a, b):
        for spec in keys:
            desc = spec.startswith("-")
            f = spec[1:] if desc else spec
            x, y = a.get(f), b.get(f)
            if x is None and y is None:
                continue
            if x is None:
                return 1
            if y is None:
                return -1
            if x != y:
                lt = x < y
                return (1 if lt else -1) if desc else (-1 if lt else 1)
        return 0
    return cmp


def reference(records, keys):
    return sorted(records, key=functools.cmp_to_key(compare(keys)))


def brief(r, keys):
    fields = [k.lstrip("-") for k in keys]
    return "{" + ", ".join([f"id={r.get('id')!r}"] + [f"{f}={r.get(f, '<missing>')!r}" for f in fields]) + "}"


def expect_sorted(mod, records, keys, name=None):
    before = copy.deepcopy(records)
    label = f"sort_records({name or short(records, 160)}, {keys!r})"
    got = call(mod.sort_records, records, keys, label=label)
    if records != before:
        raise Fail(f"{label} modified its input: records must stay exactly as they were")
    if got is records:
        raise Fail(f"{label} returned the input list itself; return a new list")
    want = reference(before, keys)
    if type(got) is not list:
        raise Fail(f"{label} must return a list, got {describe(got)}")
    if len(got) != len(want):
        raise Fail(f"{label} returned {len(got)} records; expected {len(want)}")
    for i, (g, w) in enumerate(zip(got, want)):
        if type(g) is not dict or g != w:
            ctx = ", ".join(str(x.get("id")) if isinstance(x, dict) else short(x) for x in got[max(0, i - 2):i + 3])
            wctx = ", ".join(str(x.get("id")) for x in want[max(0, i - 2):i + 3])
            shown = brief(g, keys) if isinstance(g, dict) else short(g)
            raise Fail(f"{label}: at position {i} expected {brief(w, keys)}, got {shown}\n"
                       f"ids around there: got [{ctx}], expected [{wctx}]")
    return got


PEOPLE = [
    {"id": 1, "name": "Dana", "dept": "ops", "salary": 70},
    {"id": 2, "name": "Ann", "dept": "eng", "salary": 90},
    {"id": 3, "name": "Cruz", "dept": "eng", "salary": None},
    {"id": 4, "name": "Bo", "dept": "eng", "salary": 120},
    {"id": 5, "name": "Eli", "dept": "ops"},
    {"id": 6, "name": "Abe", "dept": "eng", "salary": 90},
]

STAFF = [
    {"id": i, "name": n, "dept": d, "level": l, "salary": s}
    for i, (n, d, l, s) in enumerate([
        ("kim", "eng", 2, 95), ("lee", "ops", 1, 60), ("max", "eng", 3, 130), ("ada", "eng", 2, 95),
        ("zoe", "ops", 2, 75), ("ben", "hr", 1, 55), ("eva", "eng", 1, 80), ("joe", "ops", 1, 60),
        ("ian", "hr", 2, 70), ("amy", "eng", 3, 130), ("Ola", "eng", 2, 99), ("bob", "hr", 1, 55),
    ], start=1)
]


def run_single(tap, mod):
    tap.test("one ascending numeric key", lambda: expect_sorted(mod, STAFF, ["salary"]))
    tap.test("one ascending string key (code point order: 'Ola' before 'ada')",
             lambda: expect_sorted(mod, STAFF, ["name"]))
    tap.test("one descending numeric key", lambda: expect_sorted(mod, STAFF, ["-salary"]))
    tap.test("ties keep their input order in an ascending sort", lambda: expect_sorted(mod, STAFF, ["dept"]))
    tap.test("ties keep their input order in a descending sort", lambda: expect_sorted(mod, STAFF, ["-dept"]))
    tap.test("the input list and its dicts are not modified; a new list is returned",
             lambda: expect_sorted(mod, list(STAFF), ["level"]))


def run_multi(tap, mod):
    tap.test("two ascending keys", lambda: expect_sorted(mod, STAFF, ["dept", "name"]))
    tap.test("ascending then descending", lambda: expect_sorted(mod, STAFF, ["dept", "-salary"]))
    tap.test("descending then ascending", lambda: expect_sorted(mod, STAFF, ["-level", "name"]))
    tap.test("a descending string key among others", lambda: expect_sorted(mod, STAFF, ["level", "-name"]))
    tap.test("three keys with ties left over", lambda: expect_sorted(mod, STAFF, ["-dept", "level", "-salary"]))
    tap.test("the example from the prompt", lambda: expect_sorted(mod, PEOPLE, ["dept", "-salary", "name"]))
    tap.test("40 random record sets (new every run)", lambda: random_sets(mod, 40))


def run_missing(tap, mod):
    tap.test("missing and None values sort last, ascending", lambda: expect_sorted(mod, PEOPLE, ["salary"]))
    tap.test("missing and None values sort last, descending", lambda: expect_sorted(mod, PEOPLE, ["-salary"]))
    tap.test("missing values tie with each other and keep their order",
             lambda: expect_sorted(mod, PEOPLE, ["-salary", "-dept"]))
    rows = [{"id": i, "tag": t} for i, t in enumerate(["b", None, "a", None, "c", "a"])] + [{"id": 9}]
    tap.test("a missing string field, descending", lambda: expect_sorted(mod, rows, ["-tag"]))
    tap.test("a field no record has keeps the input order", lambda: expect_sorted(mod, PEOPLE, ["nope"]))


def run_performance(tap, mod):
    n = 100_000
    seed = int.from_bytes(os.urandom(8), "big")
    records = big(n, seed)
    by_id = {r["id"]: r for r in records}
    msg = (f"sort_records on {n} records used more than {BUDGET} CPU seconds "
           "(the built-in sort needs about 0.3 s): use list.sort/sorted with a key, not an O(n^2) sort")

    def speed():
        keys = ["dept", "-salary", "name"]
        label = f"sort_records(<{n} records>, {keys!r})"
        call(child().helper, "prepare", n, seed, label=f"building {n} records")
        with cpu_budget(BUDGET, msg):
            ids, size = call(child().helper, "sort_big", keys, label=label)
        if ids is None:
            raise Fail(f"{label} must return a list of the {n} records (dicts), got a {size}")
        if size != n or sorted(i for i in ids if type(i) is int) != list(range(n)):
            raise Fail(f"{label} lost or duplicated records")
        got = [by_id[i] for i in ids]
        cmp = compare(keys)
        for i in range(n - 1):
            a, b = got[i], got[i + 1]
            c = cmp(a, b)
            if c > 0 or (c == 0 and a["id"] > b["id"]):
                why = "out of order" if c > 0 else "tied, but not in their input order"
                raise Fail(f"{label}: positions {i} and {i + 1} are {why}: "
                           f"{brief(a, keys)} then {brief(b, keys)}")

    tap.test(f"{n} records on three keys within {BUDGET} CPU seconds", speed)


def random_sets(mod, count):
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))  # new cases every run
    fields = ["a", "b", "c"]
    for case in range(count):
        records = []
        for i in range(rng.randrange(0, 25)):
            r = {"id": i}
            for f in fields:
                roll = rng.random()
                if roll < 0.1:
                    continue
                r[f] = None if roll < 0.2 else (rng.randrange(4) if f != "c" else rng.choice("xyzXY"))
            records.append(r)
        keys = [("-" if rng.random() < 0.5 else "") + f for f in rng.sample(fields, rng.randrange(1, 4))]
        expect_sorted(mod, records, keys, name=f"<random case {case}: {short(records, 200)}>")


def run_random(tap, mod):
    tap.test("300 random record sets with missing values", lambda: random_sets(mod, 300))
    tap.test("300 more random record sets", lambda: random_sets(mod, 300))
    tap.test("an empty list", lambda: expect_sorted(mod, [], ["x"]))


MODES = {"single": (6, run_single), "multi": (7, run_multi), "missing": (5, run_missing),
         "performance": (1, run_performance), "random": (3, run_random)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_records.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("records", helpers="_inside.py")
    if mod is not None and tap.need(mod, "sort_records"):
        fn(tap, mod)
    tap.finish()


main()
