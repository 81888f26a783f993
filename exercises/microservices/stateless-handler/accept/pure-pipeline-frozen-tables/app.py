"""A serverless quote handler. See prompt.md.

Style: a pipeline of pure functions (route -> parse -> validate -> price)
that signal client errors with a small exception; the only module-level
data are read-only tables wrapped in MappingProxyType / frozenset, so a
warm invocation cannot leave anything behind.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

JSON_HEADERS: Mapping[str, str] = MappingProxyType({"Content-Type": "application/json"})


def _save10(subtotal: int) -> int:
    return subtotal * 10 // 100


def _flat500(subtotal: int) -> int:
    return min(500, subtotal)


COUPONS: Mapping[str, Callable[[int], int]] = MappingProxyType({
    "SAVE10": _save10,
    "FLAT500": _flat500,
})


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra_headers = dict(headers or {})


@dataclass(frozen=True)
class Line:
    sku: str
    qty: int
    unit_cents: int


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _respond(status: int, payload: Dict[str, Any], extra: Optional[Mapping[str, str]] = None) -> dict:
    headers = dict(JSON_HEADERS)
    headers.update(extra or {})
    return {"statusCode": status, "headers": headers, "body": json.dumps(payload)}


def _route(event: Mapping[str, Any]) -> None:
    if event.get("httpMethod") != "POST":
        raise HttpError(405, "method not allowed; use POST", {"Allow": "POST"})
    if event.get("path") != "/quote":
        raise HttpError(404, "not found")


def _parse(raw: Any) -> Dict[str, Any]:
    if isinstance(raw, (bytes, bytearray)):
        raw = raw.decode("utf-8", errors="strict")
    if not isinstance(raw, str):
        raise HttpError(400, "the body must be a JSON object")
    try:
        data = json.loads(raw)
    except ValueError:
        raise HttpError(400, "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise HttpError(400, "the body must be a JSON object")
    return data


def _lines(items: Any) -> Tuple[Line, ...]:
    if not isinstance(items, list) or not items:
        raise HttpError(400, "items must be a non-empty list")
    lines: List[Line] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise HttpError(400, f"items[{index}] must be an object")
        sku, qty, unit = item.get("sku"), item.get("qty"), item.get("unit_cents")
        if not isinstance(sku, str) or not sku:
            raise HttpError(400, f"items[{index}].sku must be a non-empty string")
        if not _is_int(qty) or qty < 1:
            raise HttpError(400, f"items[{index}].qty must be an integer >= 1")
        if not _is_int(unit) or unit < 0:
            raise HttpError(400, f"items[{index}].unit_cents must be an integer >= 0")
        lines.append(Line(sku, qty, unit))
    return tuple(lines)


def _coupon(data: Mapping[str, Any]) -> Optional[Callable[[int], int]]:
    code = data.get("coupon")
    if code is None:
        return None
    if not isinstance(code, str) or code not in COUPONS:
        raise HttpError(400, "unknown coupon")
    return COUPONS[code]


def _request_id(event: Mapping[str, Any]) -> str:
    ctx = event.get("requestContext")
    rid = ctx.get("requestId") if isinstance(ctx, Mapping) else None
    if rid is None:
        raise HttpError(400, "the request has no requestId")
    return str(rid)


def _quote(event: Mapping[str, Any]) -> Dict[str, Any]:
    _route(event)
    data = _parse(event.get("body"))
    lines = _lines(data.get("items"))
    discount_of = _coupon(data)
    subtotal = sum(line.qty * line.unit_cents for line in lines)
    discount = discount_of(subtotal) if discount_of else 0
    return {
        "quote_id": "q-" + _request_id(event),
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount,
        "item_count": sum(line.qty for line in lines),
    }


def handler(event, context):
    if not isinstance(event, Mapping):
        return _respond(400, {"error": "the event must be an object"})
    try:
        return _respond(200, _quote(event))
    except HttpError as err:
        return _respond(err.status, {"error": err.message}, err.extra_headers)
