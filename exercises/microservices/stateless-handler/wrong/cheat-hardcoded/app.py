"""CHEAT (kept as a wrong solution so validate proves it fails): the four quotes
the visible checks ask for, looked up by request id; everything else is
refused with a 400."""
import json

_KNOWN = {
    "req-1": {"quote_id": "q-req-1", "subtotal_cents": 3499, "discount_cents": 0, "total_cents": 3499, "item_count": 3},
    "req-2": {"quote_id": "q-req-2", "subtotal_cents": 5997, "discount_cents": 599, "total_cents": 5398, "item_count": 3},
    "req-3": {"quote_id": "q-req-3", "subtotal_cents": 300, "discount_cents": 300, "total_cents": 0, "item_count": 1},
    "req-4": {"quote_id": "q-req-4", "subtotal_cents": 1000, "discount_cents": 0, "total_cents": 1000, "item_count": 4},
}


def _reply(status, body, extra=None):
    headers = {"Content-Type": "application/json"}
    headers.update(extra or {})
    return {"statusCode": status, "headers": headers, "body": json.dumps(body)}


def handler(event, context):
    if event.get("httpMethod") != "POST":
        return _reply(405, {"error": "method not allowed"}, {"Allow": "POST"})
    if event.get("path") != "/quote":
        return _reply(404, {"error": "not found"})
    known = _KNOWN.get((event.get("requestContext") or {}).get("requestId"))
    if known is None:
        return _reply(400, {"error": "invalid request"})
    return _reply(200, dict(known))
