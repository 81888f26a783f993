"""Checks for capacity.py. python3 tests/check_capacity.py GROUP"""
import math
import os
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, short, describe  # noqa: E402

# (args, kwargs, expected)
BASIC = [
    ((1000, 100, 1), {}, 10),
    ((1000, 100, 0.5), {}, 20),
    ((1001, 100, 1), {}, 11),
    ((0, 100, 0.8), {}, 1),
    ((0, 100, 0.8), {"min_instances": 3}, 3),
    ((250, 100, 0.5), {"min_instances": 2}, 5),
    ((99.5, 100, 1), {}, 1),
]
EXACT = [
    ((693, 90, 0.7), {}, 11),
    ((175, 50, 0.7), {}, 5),
    ((105, 50, 0.3), {}, 7),
    ((1386, 90, 0.35), {}, 44),
    (("693", "90", "0.7"), {}, 11),
    ((2709, 90, 0.7), {}, 43),
]
ZONES = [
    ((693, 90, 0.7), {"zones": 3}, 12),
    ((1000, 100, 1), {"zones": 3}, 12),
    ((900, 100, 1), {"zones": 3}, 9),
    ((0, 100, 1), {"zones": 2, "min_instances": 3}, 4),
    ((693, 90, 0.7), {"zones": 3, "survive_zone_loss": True}, 18),
    ((1000, 100, 1), {"zones": 2, "survive_zone_loss": True}, 20),
    ((400, 100, 1), {"zones": 4, "survive_zone_loss": True}, 8),
    ((0, 100, 1), {"zones": 2, "min_instances": 1, "survive_zone_loss": True}, 2),
]
INVALID = [
    ((100, 0, 0.5), {}),
    ((100, -10, 0.5), {}),
    ((100, 100, 0), {}),
    ((100, 100, 1.2), {}),
    ((-1, 100, 0.5), {}),
    ((100, 100, 0.5), {"zones": 0}),
    ((100, 100, 0.5), {"min_instances": 0}),
    ((100, 100, 0.5), {"zones": 1, "survive_zone_loss": True}),
]
COST = [
    ((18, "0.0416"), {}, "546.62"),
    ((0, "0.0416"), {}, "0.00"),
    ((2, "0.10"), {"hours": 100}, "20.00"),
    ((18, "0.0416"), {"storage_gb": 500, "egress_gb": 1000}, "639.12"),
    ((1, "0"), {"egress_gb": 100}, "0.00"),
    ((1, "0"), {"egress_gb": 150}, "4.50"),
    ((1, "0"), {"storage_gb": 10, "storage_price": "0.10"}, "1.00"),
]
ROUNDING = [
    ((1, "0.0115"), {}, "8.40"),
    ((1, 0.0115), {}, "8.40"),
    ((5, "0.0235"), {}, "85.78"),
    ((1, "0.0205"), {}, "14.97"),
    ((1, "0.0105"), {}, "7.67"),
    ((3, "0.0125"), {}, "27.38"),
    ((1, "0"), {"storage_gb": "0.5", "storage_price": "0.023"}, "0.01"),
    ((1, "0"), {"storage_gb": "0.1", "storage_price": "0.023"}, "0.00"),
    ((7, "0.0416"), {"hours": 24, "egress_gb": "100.5", "egress_price": "0.09"}, "7.03"),
    ((10, Decimal("0.096")), {"hours": Decimal("730")}, "700.80"),
]


def call_repr(name, args, kwargs):
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def exact(x):
    return Fraction(Decimal(str(x)))


def ref_instances(peak, rps, util, zones=1, min_instances=1, survive_zone_loss=False):
    base = math.ceil(exact(peak) / (exact(rps) * exact(util)))
    needed = zones * math.ceil(Fraction(base, zones - 1)) if survive_zone_loss else base
    n = max(needed, min_instances)
    return -(-n // zones) * zones


def ref_cost(instances, price, hours=730, storage_gb=0, storage_price="0.023", egress_gb=0, egress_price="0.09",
             free_egress_gb=100):
    d = lambda x: Decimal(str(x))  # noqa: E731
    total = (d(instances) * d(price) * d(hours) + d(storage_gb) * d(storage_price)
             + max(Decimal(0), d(egress_gb) - d(free_egress_gb)) * d(egress_price))
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fresh_rng():
    """Seeded at check time: the random cases cannot be known in advance."""
    return random.Random(int.from_bytes(os.urandom(8), "big"))


def random_instance_cases(group, n=12):
    """Cases whose exact answer a float computation often gets wrong: peak = k x rps x util exactly."""
    rng = fresh_rng()
    out = []
    for _ in range(n):
        rps = rng.choice([30, 45, 50, 90, 120, 250])
        util = rng.choice(["0.3", "0.35", "0.6", "0.7", "0.9", "1"])
        k = rng.randint(1, 60)
        peak = Decimal(rps) * Decimal(util) * k + rng.choice([0, 0, Decimal("0.5"), -1])
        peak = max(peak, Decimal(0))
        as_type = rng.choice([float, str, lambda v: v])
        args = (as_type(peak) if as_type is not float else float(peak), rps, float(util) if rng.random() < 0.5 else util)
        kwargs = {}
        if group == "zones":
            kwargs["zones"] = rng.randint(2, 4)
            if rng.random() < 0.5:
                kwargs["survive_zone_loss"] = True
        if rng.random() < 0.3:
            kwargs["min_instances"] = rng.randint(1, 8)
        out.append((args, kwargs, ref_instances(*args, **kwargs)))
    return out


def random_cost_cases(n=12):
    rng = fresh_rng()
    out = []
    for _ in range(n):
        price = rng.choice(["0.0115", "0.0416", "0.0235", "0.096", "0.0105", "0.0125", "0.192"])
        args = (rng.randint(0, 40), rng.choice([price, float(price)]))
        kwargs = {}
        for key, choices in (("hours", [24, 100, 730, "0.5"]), ("storage_gb", [0, "0.5", 10, 333, "12.25"]),
                             ("egress_gb", [0, 50, 100, "100.5", 1234]), ("egress_price", ["0.09", "0.05"])):
            if rng.random() < 0.5:
                kwargs[key] = rng.choice(choices)
        out.append((args, kwargs, str(ref_cost(*args, **kwargs))))
    return out


def main():
    group = sys.argv[1]
    if group in ("basic", "exact", "zones"):
        cases = {"basic": BASIC, "exact": EXACT, "zones": ZONES}[group]
        t = Tap([f"{call_repr('instances_needed', a, k)} == {e}" for a, k, e in cases]
                + ["12 random cases (new every run)"])
        mod = t.load("capacity")

        def one(a, k, e):
            got = mod.instances_needed(*a, **k)
            if type(got) is not int or got != e:
                raise Fail(f"expected {call_repr('instances_needed', a, k)} to return {e}, got {describe(got)}")

        for a, k, e in cases:
            t.case(lambda a=a, k=k, e=e: one(a, k, e))
        t.case(lambda: [one(a, k, e) for a, k, e in random_instance_cases(group)])
        t.finish()
    elif group == "validation":
        t = Tap([f"{call_repr('instances_needed', a, k)} raises ValueError" for a, k in INVALID])
        mod = t.load("capacity")

        def one(a, k):
            try:
                got = mod.instances_needed(*a, **k)
            except ValueError:
                # ... and a valid call (made at check time) still answers: raising for everything is no validation
                (va, vk, ve), = random_instance_cases("zones", 1)
                got = mod.instances_needed(*va, **vk)
                if type(got) is not int or got != ve:
                    raise Fail(f"{call_repr('instances_needed', a, k)} raised ValueError as it should, but the valid "
                               f"{call_repr('instances_needed', va, vk)} returned {describe(got)} instead of {ve}")
                return
            raise Fail(f"expected {call_repr('instances_needed', a, k)} to raise ValueError, it returned {describe(got)}")

        for a, k in INVALID:
            t.case(lambda a=a, k=k: one(a, k))
        t.finish()
    elif group in ("cost", "rounding"):
        cases = COST if group == "cost" else ROUNDING
        t = Tap([f"{call_repr('monthly_cost', a, k)} == Decimal('{e}')" for a, k, e in cases]
                + ["12 random bills (new every run)"])
        mod = t.load("capacity")

        def one(a, k, e):
            got = mod.monthly_cost(*a, **k)
            call = call_repr("monthly_cost", a, k)
            if type(got) is not Decimal:
                raise Fail(f"expected {call} to return Decimal('{e}'), got {type(got).__name__} {short(got)}")
            if got != Decimal(e) or got.as_tuple().exponent != -2:
                raise Fail(f"expected {call} to return Decimal('{e}') (two decimal places), got Decimal('{got}')")

        for a, k, e in cases:
            t.case(lambda a=a, k=k, e=e: one(a, k, e))
        t.case(lambda: [one(a, k, e) for a, k, e in random_cost_cases()])
        t.finish()
    else:
        sys.exit(f"unknown group {group}")


main()
