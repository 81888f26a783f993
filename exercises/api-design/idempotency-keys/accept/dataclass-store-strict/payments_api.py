"""Payments with idempotency keys (see prompt.md).

Style: dataclasses for the stored records, a dict subclass for
case-insensitive headers, a small method table as a router.
An explicit ``"description": null`` is rejected (only a string is allowed).
"""
from __future__ import annotations

import copy
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

Response = Tuple[int, Dict[str, str], bytes]

KEY_TTL_SECONDS = 86400
CURRENCIES = frozenset({"EUR", "USD", "GBP"})
ALLOWED_FIELDS = frozenset({"amount_cents", "currency", "description"})
_MISSING = object()


class CIHeaders(dict):
    """A dict of headers whose lookups ignore the letter case of names."""

    def __init__(self, raw: Optional[dict] = None) -> None:
        super().__init__()
        for k, v in (raw or {}).items():
            super().__setitem__(str(k).lower(), v)

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


@dataclass
class Remembered:
    request: Any
    status: int
    headers: Dict[str, str]
    body: bytes
    at: float

    def expired(self, now: float) -> bool:
        # compare against at + TTL (not now - at): exact when the clock is moved to at + 86400
        return now >= self.at + KEY_TTL_SECONDS


@dataclass
class Payment:
    id: str
    amount_cents: int
    currency: str
    description: Optional[str] = None
    status: str = "succeeded"

    def as_json(self) -> dict:
        return {"id": self.id, "amount_cents": self.amount_cents, "currency": self.currency,
                "description": self.description, "status": self.status}


def _json_response(status: int, payload: Any, extra: Optional[Dict[str, str]] = None) -> Response:
    headers = {"Content-Type": "application/json"}
    if extra:
        headers.update(extra)
    return status, headers, json.dumps(payload).encode()


def _error(status: int, code: str, extra: Optional[Dict[str, str]] = None) -> Response:
    return _json_response(status, {"error": code}, extra)


def _valid_key(key: Any) -> bool:
    return (isinstance(key, str) and 0 < len(key) <= 255
            and all(0x21 <= ord(c) <= 0x7E for c in key))


def _parse_body(body: Optional[bytes]) -> Any:
    """Return the decoded JSON value, or _MISSING when it is not valid JSON."""
    if body is None:
        return _MISSING
    try:
        return json.loads(body)
    except (ValueError, TypeError):
        return _MISSING


def _validate(data: dict) -> bool:
    if set(data) - ALLOWED_FIELDS:
        return False
    amount = data.get("amount_cents", _MISSING)
    if type(amount) is not int or amount <= 0:
        return False
    if data.get("currency", _MISSING) not in CURRENCIES or not isinstance(data.get("currency"), str):
        return False
    if "description" in data:
        desc = data["description"]
        if not isinstance(desc, str) or len(desc) > 140:
            return False
    return True


@dataclass
class PaymentsAPI:
    clock: Callable[[], float] = time.time
    payments: List[Payment] = field(default_factory=list)
    keys: Dict[str, Remembered] = field(default_factory=dict)

    # -- routing --------------------------------------------------------
    def handle(self, method: str, path: str, headers: Optional[dict], body: Optional[bytes]) -> Response:
        hdrs = CIHeaders(headers)
        if path == "/payments":
            table = {"GET": self._list, "POST": lambda: self._create(hdrs, body)}
            allow = "GET, POST"
        elif path.startswith("/payments/") and path.count("/") == 2 and len(path) > len("/payments/"):
            pid = path[len("/payments/"):]
            table = {"GET": lambda: self._get(pid)}
            allow = "GET"
        else:
            return _error(404, "not_found")
        action = table.get(method)
        if action is None:
            return _error(405, "method_not_allowed", {"Allow": allow})
        return action()

    # -- handlers -------------------------------------------------------
    def _list(self) -> Response:
        return _json_response(200, {"items": [p.as_json() for p in self.payments]})

    def _get(self, pid: str) -> Response:
        for p in self.payments:
            if p.id == pid:
                return _json_response(200, p.as_json())
        return _error(404, "not_found")

    def _create(self, headers: CIHeaders, body: Optional[bytes]) -> Response:
        if "Idempotency-Key" not in headers:
            return _error(400, "idempotency_key_required")
        key = headers["Idempotency-Key"]
        if not _valid_key(key):
            return _error(400, "invalid_idempotency_key")

        now = self.clock()
        request = _parse_body(body)
        seen = self.keys.get(key)
        if seen is not None and seen.expired(now):
            del self.keys[key]
            seen = None
        if seen is not None:
            if request is _MISSING or request != seen.request:
                return _error(422, "idempotency_key_reused")
            return seen.status, {**seen.headers, "Idempotent-Replayed": "true"}, seen.body

        if not isinstance(request, dict):
            return _error(400, "invalid_json")
        if not _validate(request):
            return _error(422, "validation_failed")

        payment = Payment(id=f"pay_{len(self.payments) + 1}", amount_cents=request["amount_cents"],
                          currency=request["currency"], description=request.get("description"))
        self.payments.append(payment)
        status, out_headers, out_body = _json_response(201, payment.as_json(),
                                                       {"Location": f"/payments/{payment.id}"})
        self.keys[key] = Remembered(copy.deepcopy(request), status, dict(out_headers), out_body, now)
        return status, dict(out_headers), out_body
