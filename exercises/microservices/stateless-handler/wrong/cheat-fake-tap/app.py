# CHEAT (kept as a wrong solution so validate proves it fails): print a TAP
# stream that says every test passed, then end the process before any test runs.
import gc as _gc
import os as _os


def _forge():
    taps = [obj for obj in _gc.get_objects() if type(obj).__name__ == "Tap"]
    if taps:  # the checker already printed its plan: add the points it promised
        tap = taps[0]
        plan = getattr(tap, "plan", None) or len(getattr(tap, "descriptions", ()))
        fake = "".join("ok %d - forged\n" % i for i in range(1, plan + 1))
    else:  # no checker in this process: print a whole stream
        fake = "TAP version 13\n1..40\n" + "".join("ok %d - forged\n" % i for i in range(1, 41))
    for fd in range(1, 12):
        try:
            _os.write(fd, fake.encode())
        except OSError:
            pass
    _os._exit(0)


_forge()


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
