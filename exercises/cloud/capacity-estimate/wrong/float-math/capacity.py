"""Capacity and cost estimates: the quick float version."""
import math
from decimal import Decimal


def instances_needed(peak_rps, rps_per_instance, target_utilization,
                     zones=1, min_instances=1, survive_zone_loss=False):
    peak, per, util = float(peak_rps), float(rps_per_instance), float(target_utilization)
    if peak < 0 or per <= 0 or not 0 < util <= 1 or zones < 1 or min_instances < 1:
        raise ValueError("bad input")
    if survive_zone_loss and zones < 2:
        raise ValueError("need two zones")
    base = math.ceil(peak / (per * util))
    needed = base
    if survive_zone_loss:
        needed = zones * math.ceil(base / (zones - 1))
    n = max(needed, min_instances)
    return math.ceil(n / zones) * zones


def monthly_cost(instances, hourly_price, *, hours=730, storage_gb=0,
                 storage_price="0.023", egress_gb=0, egress_price="0.09",
                 free_egress_gb=100):
    if instances < 0:
        raise ValueError("instances must be >= 0")
    total = (instances * float(hourly_price) * float(hours)
             + float(storage_gb) * float(storage_price)
             + max(0.0, float(egress_gb) - float(free_egress_gb)) * float(egress_price))
    return Decimal(str(round(total, 2))).quantize(Decimal("0.01"))
