"""Capacity and cost estimates for a web service. See prompt.md."""
from decimal import Decimal


def instances_needed(peak_rps, rps_per_instance, target_utilization,
                     zones=1, min_instances=1, survive_zone_loss=False):
    """Return the number of instances to run (an int)."""
    raise NotImplementedError("instances_needed")


def monthly_cost(instances, hourly_price, *, hours=730, storage_gb=0,
                 storage_price="0.023", egress_gb=0, egress_price="0.09",
                 free_egress_gb=100):
    """Return the monthly bill as a Decimal with exactly two decimal places."""
    raise NotImplementedError("monthly_cost")
