"""Capacity and cost estimates for a web service. See prompt.md."""
from decimal import ROUND_HALF_UP, Decimal


def _dec(x, name):
    if isinstance(x, bool) or not isinstance(x, (int, float, str, Decimal)):
        raise ValueError(f"{name} must be a number, got {x!r}")
    try:
        d = Decimal(str(x))
    except ArithmeticError:
        raise ValueError(f"{name} is not a number: {x!r}") from None
    if not d.is_finite():
        raise ValueError(f"{name} must be finite, got {x!r}")
    return d


def _ceil_div(a, b):
    """ceil(a / b) for Decimals a >= 0, b > 0, computed exactly."""
    q, r = divmod(a, b)
    return int(q) + (1 if r else 0)


def instances_needed(peak_rps, rps_per_instance, target_utilization,
                     zones=1, min_instances=1, survive_zone_loss=False):
    """Return the number of instances to run (an int)."""
    peak = _dec(peak_rps, "peak_rps")
    per = _dec(rps_per_instance, "rps_per_instance")
    util = _dec(target_utilization, "target_utilization")
    if peak < 0:
        raise ValueError("peak_rps must be >= 0")
    if per <= 0:
        raise ValueError("rps_per_instance must be > 0")
    if not 0 < util <= 1:
        raise ValueError("target_utilization must be in (0, 1]")
    if isinstance(zones, bool) or not isinstance(zones, int) or zones < 1:
        raise ValueError("zones must be an int >= 1")
    if isinstance(min_instances, bool) or not isinstance(min_instances, int) or min_instances < 1:
        raise ValueError("min_instances must be an int >= 1")
    if survive_zone_loss and zones < 2:
        raise ValueError("surviving the loss of a zone needs at least 2 zones")

    # Decimal division is exact here only if we avoid dividing by a product
    # that was rounded; multiply first (exact), then divide with divmod.
    base = _ceil_div(peak, per * util)
    needed = base
    if survive_zone_loss:
        # the zones - 1 zones left must still carry `base` instances
        needed = base + 1  # N+1: one spare instance
    n = max(needed, min_instances)
    return -(-n // zones) * zones


def monthly_cost(instances, hourly_price, *, hours=730, storage_gb=0,
                 storage_price="0.023", egress_gb=0, egress_price="0.09",
                 free_egress_gb=100):
    """Return the monthly bill as a Decimal with exactly two decimal places."""
    if isinstance(instances, bool) or not isinstance(instances, int) or instances < 0:
        raise ValueError("instances must be an int >= 0")
    values = {
        "hourly_price": _dec(hourly_price, "hourly_price"),
        "hours": _dec(hours, "hours"),
        "storage_gb": _dec(storage_gb, "storage_gb"),
        "storage_price": _dec(storage_price, "storage_price"),
        "egress_gb": _dec(egress_gb, "egress_gb"),
        "egress_price": _dec(egress_price, "egress_price"),
        "free_egress_gb": _dec(free_egress_gb, "free_egress_gb"),
    }
    for name, v in values.items():
        if v < 0:
            raise ValueError(f"{name} must be >= 0")
    compute = instances * values["hourly_price"] * values["hours"]
    storage = values["storage_gb"] * values["storage_price"]
    billable_egress = max(Decimal(0), values["egress_gb"] - values["free_egress_gb"])
    egress = billable_egress * values["egress_price"]
    total = compute + storage + egress
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
