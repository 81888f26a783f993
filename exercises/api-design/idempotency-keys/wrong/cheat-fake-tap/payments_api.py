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


"""Payments with idempotency keys (see prompt.md).

The starter creates payments, but ignores Idempotency-Key: every retry
charges again.
"""
import json
import time

JSON = {"Content-Type": "application/json"}


class PaymentsAPI:
    def __init__(self, clock=time.time):
        self.clock = clock
        self.payments = []

    def handle(self, method, path, headers, body):
        if path == "/payments" and method == "POST":
            data = json.loads(body)
            payment = {"id": f"pay_{len(self.payments) + 1}", "amount_cents": data["amount_cents"],
                       "currency": data["currency"], "description": data.get("description"),
                       "status": "succeeded"}
            self.payments.append(payment)
            return 201, {**JSON, "Location": f"/payments/{payment['id']}"}, json.dumps(payment).encode()
        if path == "/payments" and method == "GET":
            return 200, dict(JSON), json.dumps({"items": self.payments}).encode()
        return 404, dict(JSON), json.dumps({"error": "not_found"}).encode()
