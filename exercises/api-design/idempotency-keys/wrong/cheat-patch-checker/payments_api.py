# CHEAT (kept as a wrong solution so validate proves it fails): reach into the
# checker from the learner's module and make every test point report "ok".
import gc as _gc
import sys as _sys


def _patch():
    for obj in list(_gc.get_objects()):
        if isinstance(obj, type) and obj.__name__ == "Tap":
            for name in ("_point", "_emit", "ok"):
                original = obj.__dict__.get(name)
                if original is None:
                    continue
                if name == "_point":
                    obj._point = lambda self, ok, desc, lines=(), _o=original: _o(self, True, desc)
                elif name == "_emit":
                    obj._emit = lambda self, ok, diag=None, _o=original: _o(self, True)
                else:
                    obj.ok = lambda self, cond, desc, diag=None, _o=original: _o(self, True, desc)
    for name in ("taplib", "_tap"):
        lib = _sys.modules.get(name)
        if lib is not None and hasattr(lib, "Fail"):
            lib.Fail.__init__ = lambda self, *a: None
    main = _sys.modules.get("__main__")
    if main is not None:
        for name, value in list(vars(main).items()):
            if name.startswith(("expect", "check", "t_")) and callable(value):
                setattr(main, name, lambda *a, **k: None)


_patch()


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
