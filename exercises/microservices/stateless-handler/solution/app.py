"""A serverless quote handler. See prompt.md.

Everything a call needs comes from its event, and everything it computes goes
into its response: no module-level variable and no default argument is ever
changed, so warm and cold invocations behave the same.
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
        if not isinstance(item, dict):
            raise BadRequest("each item must be an object")
        if not isinstance(item.get("sku"), str) or not item["sku"]:
            raise BadRequest("sku must be a non-empty string")
        if not _is_int(item.get("qty")) or item["qty"] < 1:
            raise BadRequest("qty must be an integer >= 1")
        if not _is_int(item.get("unit_cents")) or item["unit_cents"] < 0:
            raise BadRequest("unit_cents must be an integer >= 0")
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
    except BadRequest as e:
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
