# CHEAT (kept as a wrong solution so validate proves it fails): print a TAP
# stream that says every test passed, then end the process before any test runs.
import gc as _gc
import os as _os


def _forge():
    taps = [obj for obj in _gc.get_objects() if type(obj).__name__ == "Tap"]
    if taps:  # the checker already printed its plan: add the points it promised
        tap = taps[0]
        plan = getattr(tap, "plan", None) or len(getattr(tap, "descriptions", ()))
        fake = "".join("ok %d - forged\n" % i for i in range(1, plan + 1))
    else:  # no checker in this process: print a whole stream
        fake = "TAP version 13\n1..40\n" + "".join("ok %d - forged\n" % i for i in range(1, 41))
    for fd in range(1, 12):
        try:
            _os.write(fd, fake.encode())
        except OSError:
            pass
    _os._exit(0)


_forge()


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
