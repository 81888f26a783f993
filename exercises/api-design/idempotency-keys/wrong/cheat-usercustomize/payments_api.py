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
