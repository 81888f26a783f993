"""Capacity and cost estimates for a web service. See prompt.md.

Style: decimal.Decimal in a private high-precision context (so no product
or quotient is rounded before the very end), ceilings with
to_integral_value(ROUND_CEILING), and a single quantize(ROUND_HALF_UP).
zones / min_instances must be real ints here.
"""
from decimal import Decimal, InvalidOperation, ROUND_CEILING, ROUND_HALF_UP, localcontext

CENT = Decimal("0.01")
_PRECISION = 200


def D(x, name):
    if isinstance(x, bool) or not isinstance(x, (int, float, str, Decimal)):
        raise ValueError("%s: expected int, float, str or Decimal, got %r" % (name, x))
    try:
        value = Decimal(str(x))
    except InvalidOperation:
        raise ValueError("%s: not a number: %r" % (name, x)) from None
    if not value.is_finite():
        raise ValueError("%s: must be finite" % name)
    return value


def _int_arg(x, name, minimum):
    if isinstance(x, bool) or not isinstance(x, int):
        raise ValueError("%s must be an int" % name)
    if x < minimum:
        raise ValueError("%s must be >= %d" % (name, minimum))
    return x


def _ceil(x):
    return int(x.to_integral_value(rounding=ROUND_CEILING))


def instances_needed(peak_rps, rps_per_instance, target_utilization,
                     zones=1, min_instances=1, survive_zone_loss=False):
    """Return the number of instances to run (an int)."""
    peak = D(peak_rps, "peak_rps")
    per_instance = D(rps_per_instance, "rps_per_instance")
    utilization = D(target_utilization, "target_utilization")
    zones = _int_arg(zones, "zones", 1)
    min_instances = _int_arg(min_instances, "min_instances", 1)
    if peak < 0:
        raise ValueError("peak_rps must be >= 0")
    if per_instance <= 0:
        raise ValueError("rps_per_instance must be > 0")
    if not (0 < utilization <= 1):
        raise ValueError("target_utilization must be in (0, 1]")
    if survive_zone_loss and zones < 2:
        raise ValueError("survive_zone_loss needs at least 2 zones")

    with localcontext() as ctx:
        ctx.prec = _PRECISION
        base = _ceil(peak / (per_instance * utilization))
    if survive_zone_loss:
        per_zone = -(-base // (zones - 1))        # ceil(base / (zones - 1)) on ints
        needed = zones * per_zone
    else:
        needed = base
    n = max(needed, min_instances)
    return -(-n // zones) * zones


def monthly_cost(instances, hourly_price, *, hours=730, storage_gb=0,
                 storage_price="0.023", egress_gb=0, egress_price="0.09",
                 free_egress_gb=100):
    """Return the monthly bill as a Decimal with exactly two decimal places."""
    instances = _int_arg(instances, "instances", 0)
    args = dict(hourly_price=hourly_price, hours=hours, storage_gb=storage_gb,
                storage_price=storage_price, egress_gb=egress_gb,
                egress_price=egress_price, free_egress_gb=free_egress_gb)
    v = {k: D(x, k) for k, x in args.items()}
    for k, x in v.items():
        if x < 0:
            raise ValueError("%s must not be negative" % k)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        compute = Decimal(instances) * v["hourly_price"] * v["hours"]
        storage = v["storage_gb"] * v["storage_price"]
        billable_egress = max(Decimal(0), v["egress_gb"] - v["free_egress_gb"])
        egress = billable_egress * v["egress_price"]
        total = compute + storage + egress
        return total.quantize(CENT, rounding=ROUND_HALF_UP)
