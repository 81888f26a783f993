"""Checks for capacity.py. python3 tests/check_capacity.py GROUP"""
import os
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, show  # noqa: E402

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


def main():
    group = sys.argv[1]
    if group in ("basic", "exact", "zones"):
        cases = {"basic": BASIC, "exact": EXACT, "zones": ZONES}[group]
        t = Tap([f"{call_repr('instances_needed', a, k)} == {e}" for a, k, e in cases])
        mod = t.load("capacity")

        def one(a, k, e):
            got = mod.instances_needed(*a, **k)
            if type(got) is not int or got != e:
                raise Fail(f"expected {call_repr('instances_needed', a, k)} to return {e}, got {show(got)}")

        for a, k, e in cases:
            t.case(lambda a=a, k=k, e=e: one(a, k, e))
        t.done()
    elif group == "validation":
        t = Tap([f"{call_repr('instances_needed', a, k)} raises ValueError" for a, k in INVALID])
        mod = t.load("capacity")

        def one(a, k):
            try:
                got = mod.instances_needed(*a, **k)
            except ValueError:
                return
            raise Fail(f"expected {call_repr('instances_needed', a, k)} to raise ValueError, it returned {show(got)}")

        for a, k in INVALID:
            t.case(lambda a=a, k=k: one(a, k))
        t.done()
    elif group in ("cost", "rounding"):
        cases = COST if group == "cost" else ROUNDING
        t = Tap([f"{call_repr('monthly_cost', a, k)} == Decimal('{e}')" for a, k, e in cases])
        mod = t.load("capacity")

        def one(a, k, e):
            got = mod.monthly_cost(*a, **k)
            call = call_repr("monthly_cost", a, k)
            if not isinstance(got, Decimal):
                raise Fail(f"expected {call} to return Decimal('{e}'), got {type(got).__name__} {show(got)}")
            if got != Decimal(e) or got.as_tuple().exponent != -2:
                raise Fail(f"expected {call} to return Decimal('{e}') (two decimal places), got Decimal('{got}')")

        for a, k, e in cases:
            t.case(lambda a=a, k=k, e=e: one(a, k, e))
        t.done()
    else:
        sys.exit(f"unknown group {group}")


main()
