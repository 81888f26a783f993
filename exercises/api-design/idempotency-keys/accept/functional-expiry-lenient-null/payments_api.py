"""Payments with idempotency keys (see prompt.md).

Style: the request is normalised first (lower-cased header names, body
decoded once), handlers are plain functions registered in a route table, and
each remembered key stores its own expiry time. Differences from a strict
reading, both allowed by the prompt's wording: an explicit
"description": null is treated like an absent description, and a body that
is not JSON is a 400 invalid_json even when the key is known (the body is
parsed before the key is looked up).
"""
import json
import re
import time
from collections import namedtuple

TTL = 24 * 60 * 60
JSON_CT = ("Content-Type", "application/json")
KEY_RE = re.compile(r"[\x21-\x7e]{1,255}")
CURRENCIES = ("EUR", "USD", "GBP")

Stored = namedtuple("Stored", "request response expires_at")


def respond(status, payload, *extra):
    headers = dict((JSON_CT,) + extra)
    return status, headers, json.dumps(payload).encode()


def error(status, code, *extra):
    return respond(status, {"error": code}, *extra)


def decode_object(body):
    if body is None:
        return None
    try:
        value = json.loads(body)
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def payment_fields(data):
    """Return (amount, currency, description) or None when the body is invalid."""
    if not set(data) <= {"amount_cents", "currency", "description"}:
        return None
    amount = data.get("amount_cents")
    currency = data.get("currency")
    description = data.get("description")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        return None
    if not isinstance(currency, str) or currency not in CURRENCIES:
        return None
    if description is not None and (not isinstance(description, str) or len(description) > 140):
        return None
    return amount, currency, description


class PaymentsAPI:
    def __init__(self, clock=time.time):
        self.clock = clock
        self.payments = {}          # id -> payment, insertion order = creation order
        self.remembered = {}        # idempotency key -> Stored

    def handle(self, method, path, headers, body):
        hdrs = {str(k).lower(): v for k, v in (headers or {}).items()}
        if path == "/payments":
            routes = {"GET": self.list_payments, "POST": self.create_payment}
        else:
            m = re.fullmatch(r"/payments/([^/]+)", path or "")
            if not m:
                return error(404, "not_found")
            routes = {"GET": lambda h, b, pid=m.group(1): self.get_payment(pid)}
        handler = routes.get(method)
        if handler is None:
            return error(405, "method_not_allowed", ("Allow", ", ".join(routes)))
        return handler(hdrs, body) if handler != self.list_payments else handler()

    def list_payments(self):
        return respond(200, {"items": list(self.payments.values())})

    def get_payment(self, pid):
        if pid not in self.payments:
            return error(404, "not_found")
        return respond(200, self.payments[pid])

    def create_payment(self, hdrs, body):
        key = hdrs.get("idempotency-key")
        if key is None:
            return error(400, "idempotency_key_required")
        if not isinstance(key, str) or not KEY_RE.fullmatch(key):
            return error(400, "invalid_idempotency_key")
        data = decode_object(body)
        if data is None:
            return error(400, "invalid_json")

        now = self.clock()
        stored = self.remembered.get(key)
        if stored is not None and now >= stored.expires_at:
            del self.remembered[key]
            stored = None
        if stored is not None:
            if stored.request != data:
                return error(422, "idempotency_key_reused")
            status, headers, payload = stored.response
            return status, dict(headers, **{"Idempotent-Replayed": "true"}), payload

        fields = payment_fields(data)
        if fields is None:
            return error(422, "validation_failed")
        amount, currency, description = fields
        pid = "pay_%d" % (len(self.payments) + 1)
        payment = {"id": pid, "amount_cents": amount, "currency": currency,
                   "description": description, "status": "succeeded"}
        self.payments[pid] = payment
        response = respond(201, payment, ("Location", "/payments/" + pid))
        self.remembered[key] = Stored(json.loads(json.dumps(data)), response, now + TTL)
        status, headers, payload = response
        return status, dict(headers), payload
