"""Mistake: the key is required and validated, but never used: every retry charges again."""
import json
import re
import time

JSON = {"Content-Type": "application/json"}
KEY = re.compile(r"[\x21-\x7e]{1,255}\Z")
TTL = 86400
CURRENCIES = ("EUR", "USD", "GBP")


def _json(status, payload, **extra):
    return status, {**JSON, **extra}, json.dumps(payload).encode()


def _header(headers, name):
    for key, value in (headers or {}).items():
        if isinstance(key, str) and key.lower() == name:
            return value
    return None


def _valid(data):
    amount = data.get("amount_cents")
    if type(amount) is not int or amount <= 0:
        return False
    if data.get("currency") not in CURRENCIES:
        return False
    desc = data.get("description")
    if desc is not None and not (isinstance(desc, str) and len(desc) <= 140):
        return False
    return set(data) <= {"amount_cents", "currency", "description"}


class PaymentsAPI:
    def __init__(self, clock=time.time):
        self.clock = clock
        self.payments = []
        self.by_id = {}
        self.remembered = {}  # key -> (expires_at, request_value, response)

    def handle(self, method, path, headers, body):
        if path == "/payments":
            if method == "GET":
                return _json(200, {"items": self.payments})
            if method == "POST":
                return self._post(headers, body)
            return _json(405, {"error": "method_not_allowed"}, Allow="GET, POST")
        if path.startswith("/payments/") and path[len("/payments/"):] in self.by_id:
            if method == "GET":
                return _json(200, self.by_id[path[len("/payments/"):]])
            return _json(405, {"error": "method_not_allowed"}, Allow="GET")
        return _json(404, {"error": "not_found"})

    def _post(self, headers, body):
        key = _header(headers, "idempotency-key")
        if key is None:
            return _json(400, {"error": "idempotency_key_required"})
        if not isinstance(key, str) or not KEY.match(key):
            return _json(400, {"error": "invalid_idempotency_key"})
        try:
            data = json.loads(body or b"")
        except (ValueError, UnicodeDecodeError):
            return _json(400, {"error": "invalid_json"})
        if not isinstance(data, dict):
            return _json(400, {"error": "invalid_json"})

        now = self.clock()
        seen = None
        if seen is not None and now >= seen[0]:
            del self.remembered[key]  # expired: a first use again
            seen = None
        if seen is not None:
            _expires, request, (status, resp_headers, resp_body) = seen
            if request != data:
                return _json(422, {"error": "idempotency_key_reused"})
            return status, {**resp_headers, "Idempotent-Replayed": "true"}, resp_body

        if not _valid(data):
            return _json(422, {"error": "validation_failed"})  # not remembered
        payment = {"id": f"pay_{len(self.payments) + 1}", "amount_cents": data["amount_cents"],
                   "currency": data["currency"], "description": data.get("description"),
                   "status": "succeeded"}
        self.payments.append(payment)
        self.by_id[payment["id"]] = payment
        response = _json(201, payment, Location=f"/payments/{payment['id']}")
        self.remembered[key] = (now + TTL, data, response)
        return response
