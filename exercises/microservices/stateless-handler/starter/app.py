"""A serverless quote handler. See prompt.md."""
import json

_cart = []
_requests_served = 0


def handler(event, context):
    global _requests_served
    _requests_served += 1
    body = json.loads(event["body"])
    _cart.extend(body["items"])
    subtotal = sum(item["qty"] * item["unit_cents"] for item in _cart)
    discount = subtotal // 10 if body.get("coupon") == "SAVE10" else 0
    result = {
        "quote_id": f"q-{_requests_served}",
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount,
        "item_count": sum(item["qty"] for item in _cart),
    }
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(result)}
