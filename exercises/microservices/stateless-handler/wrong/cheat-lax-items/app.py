"""CHEAT (kept as a wrong solution so validate proves it fails): validates only
what the check used to send (empty sku, qty 0, "2" or true, negative
unit_cents) and turns any exception into a 400, so a numeric sku, a float qty
or unit_cents, or unit_cents false is priced instead of getting the 400 the
prompt requires. It scored full marks on `errors` before.
"""
import json

COUPONS = {"SAVE10": ("percent", 10), "FLAT500": ("flat", 500)}  # constant: read, never written
JSON_HEADERS = {"Content-Type": "application/json"}


class BadRequest(Exception):
    pass


def _response(status, payload, extra_headers=None):
    headers = dict(JSON_HEADERS)  # a copy: never hand out the module's dict
    if extra_headers:
        headers.update(extra_headers)
    return {"statusCode": status, "headers": headers, "body": json.dumps(payload)}


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _parse(raw_body):
    if not isinstance(raw_body, str):
        raise BadRequest("body must be a JSON object")
    try:
        body = json.loads(raw_body)
    except json.JSONDecodeError:
        raise BadRequest("body is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    items = body.get("items")
    if not isinstance(items, list) or not items:
        raise BadRequest("items must be a non-empty list")
    for item in items:
        if not item.get("sku"):
            raise BadRequest("sku is required")
        if isinstance(item["qty"], str) or item["qty"] is True:
            raise BadRequest("qty must be a number")
        if item["qty"] < 1 or item["unit_cents"] < 0:
            raise BadRequest("qty must be at least 1 and unit_cents not negative")
    coupon = body.get("coupon")
    if coupon is not None and (not isinstance(coupon, str) or coupon not in COUPONS):  # a list is unhashable
        raise BadRequest("unknown coupon")
    return items, coupon


def handler(event, context):
    if event.get("httpMethod") != "POST":
        return _response(405, {"error": "method not allowed"}, {"Allow": "POST"})
    if event.get("path") != "/quote":
        return _response(404, {"error": "not found"})
    try:
        items, coupon = _parse(event.get("body"))
    except Exception as e:  # whatever breaks is the client's fault
        return _response(400, {"error": str(e)})
    subtotal = sum(item["qty"] * item["unit_cents"] for item in items)
    discount = 0
    if coupon is not None:
        kind, value = COUPONS[coupon]
        discount = subtotal * value // 100 if kind == "percent" else min(value, subtotal)
    request_id = (event.get("requestContext") or {}).get("requestId", "")
    return _response(200, {
        "quote_id": f"q-{request_id}",
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount,
        "item_count": sum(item["qty"] for item in items),
    })
