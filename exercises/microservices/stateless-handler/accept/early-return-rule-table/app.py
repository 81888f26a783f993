"""A serverless quote handler. See prompt.md.

Style: one handler with early returns, item validation driven by a tuple
of (field, test, message) rules, and coupons as a tuple of pairs looked up
with a generator. Module level holds only immutable constants (tuples,
strings, functions).
"""
import json

CONTENT_TYPE = "application/json"

ITEM_RULES = (
    ("sku", lambda v: isinstance(v, str) and len(v) > 0, "sku must be a non-empty string"),
    ("qty", lambda v: type(v) is int and v >= 1, "qty must be an integer >= 1"),
    ("unit_cents", lambda v: type(v) is int and v >= 0, "unit_cents must be an integer >= 0"),
)

COUPON_TABLE = (
    ("SAVE10", lambda subtotal: subtotal * 10 // 100),
    ("FLAT500", lambda subtotal: min(subtotal, 500)),
)


def _response(status, payload, allow=None):
    headers = {"Content-Type": CONTENT_TYPE}
    if allow is not None:
        headers["Allow"] = allow
    return {"statusCode": status, "headers": headers, "body": json.dumps(payload)}


def _bad(message):
    return _response(400, {"error": message})


def _coupon_rule(code):
    return next((rule for name, rule in COUPON_TABLE if name == code), None)


def handler(event, context):
    event = event if isinstance(event, dict) else {}
    if event.get("httpMethod") != "POST":
        return _response(405, {"error": "only POST is allowed"}, allow="POST")
    if event.get("path") != "/quote":
        return _response(404, {"error": "no such path: use POST /quote"})

    raw = event.get("body")
    if raw is None:
        return _bad("a JSON object body is required")
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return _bad("the body is not valid JSON")
    if not isinstance(data, dict):
        return _bad("the body must be a JSON object")

    items = data.get("items")
    if not isinstance(items, list) or len(items) == 0:
        return _bad("items must be a non-empty list")
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            return _bad("item %d is not an object" % position)
        for field, test, message in ITEM_RULES:
            if not test(item.get(field)):
                return _bad("item %d: %s" % (position, message))

    code = data.get("coupon")
    rule = None
    if code is not None:
        rule = _coupon_rule(code) if isinstance(code, str) else None
        if rule is None:
            return _bad("unknown coupon")

    subtotal = sum(item["qty"] * item["unit_cents"] for item in items)
    discount = rule(subtotal) if rule else 0
    request_id = (event.get("requestContext") or {}).get("requestId")
    return _response(200, {
        "quote_id": "q-%s" % (request_id,),
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount,
        "item_count": sum(item["qty"] for item in items),
    })
