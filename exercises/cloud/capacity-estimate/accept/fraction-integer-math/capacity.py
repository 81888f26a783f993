"""Capacity and cost estimates for a web service. See prompt.md.

Style: every input goes through Decimal(str(x)) and then into
fractions.Fraction, so all arithmetic is exact rational arithmetic with
integer ceilings; rounding to cents is done by hand on integers.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Union

Number = Union[int, float, str, Decimal]


def exact(value: Number, name: str = "value") -> Fraction:
    """Convert an int/float/str/Decimal to an exact Fraction via Decimal(str(x))."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not a bool")
    try:
        dec = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValueError(f"{name} is not a number: {value!r}") from exc
    if not dec.is_finite():
        raise ValueError(f"{name} must be finite")
    return Fraction(dec)


def whole(value: Number, name: str) -> int:
    """An integer argument: ints are required (ints given as other numbers are accepted if integral)."""
    frac = exact(value, name)
    if frac.denominator != 1:
        raise ValueError(f"{name} must be a whole number")
    return frac.numerator


def ceil_div(a: Fraction, b: Fraction) -> int:
    return -(-a // b)


def round_up_to_multiple(n: int, m: int) -> int:
    return ceil_div(Fraction(n), Fraction(m)) * m


def instances_needed(peak_rps, rps_per_instance, target_utilization,
                     zones=1, min_instances=1, survive_zone_loss=False) -> int:
    """Return the number of instances to run (an int)."""
    peak = exact(peak_rps, "peak_rps")
    per = exact(rps_per_instance, "rps_per_instance")
    util = exact(target_utilization, "target_utilization")
    zones = whole(zones, "zones")
    minimum = whole(min_instances, "min_instances")

    if peak < 0:
        raise ValueError("peak_rps must be >= 0")
    if per <= 0:
        raise ValueError("rps_per_instance must be > 0")
    if not 0 < util <= 1:
        raise ValueError("target_utilization must be in (0, 1]")
    if zones < 1:
        raise ValueError("zones must be >= 1")
    if minimum < 1:
        raise ValueError("min_instances must be >= 1")
    if survive_zone_loss and zones < 2:
        raise ValueError("surviving a zone loss needs at least 2 zones")

    base = ceil_div(peak, per * util)
    needed = zones * ceil_div(Fraction(base), Fraction(zones - 1)) if survive_zone_loss else base
    return int(round_up_to_multiple(max(needed, minimum), zones))


def _half_up_cents(amount: Fraction) -> Decimal:
    cents = (amount * 100 + Fraction(1, 2)) // 1      # amount >= 0, so floor(x + 1/2) is half-up
    return Decimal(int(cents)).scaleb(-2)


def monthly_cost(instances, hourly_price, *, hours=730, storage_gb=0,
                 storage_price="0.023", egress_gb=0, egress_price="0.09",
                 free_egress_gb=100) -> Decimal:
    """Return the monthly bill as a Decimal with exactly two decimal places."""
    if isinstance(instances, bool) or not isinstance(instances, int) or instances < 0:
        raise ValueError("instances must be an int >= 0")
    amounts = {
        "hourly_price": hourly_price, "hours": hours, "storage_gb": storage_gb,
        "storage_price": storage_price, "egress_gb": egress_gb,
        "egress_price": egress_price, "free_egress_gb": free_egress_gb,
    }
    q = {name: exact(value, name) for name, value in amounts.items()}
    negative = [name for name, v in q.items() if v < 0]
    if negative:
        raise ValueError(f"negative amount(s): {', '.join(negative)}")

    compute = instances * q["hourly_price"] * q["hours"]
    storage = q["storage_gb"] * q["storage_price"]
    egress = max(Fraction(0), q["egress_gb"] - q["free_egress_gb"]) * q["egress_price"]
    return _half_up_cents(compute + storage + egress)
