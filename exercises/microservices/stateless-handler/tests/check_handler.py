"""Checks for app.py. python3 tests/check_handler.py GROUP"""
import copy
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import ChildError, Fail, Tap, child, describe, short  # noqa: E402
from isolate import Child  # noqa: E402


def event(body, request_id, method="POST", path="/quote"):
    return {"httpMethod": method, "path": path, "headers": {"content-type": "application/json"},
            "body": body if body is None or isinstance(body, str) else json.dumps(body),
            "requestContext": {"requestId": request_id}}


E1 = event({"items": [{"sku": "A1", "qty": 2, "unit_cents": 1250}, {"sku": "B7", "qty": 1, "unit_cents": 999}]}, "req-1")
R1 = {"quote_id": "q-req-1", "subtotal_cents": 3499, "discount_cents": 0, "total_cents": 3499, "item_count": 3}
E2 = event({"items": [{"sku": "C3", "qty": 3, "unit_cents": 1999}], "coupon": "SAVE10"}, "req-2")
R2 = {"quote_id": "q-req-2", "subtotal_cents": 5997, "discount_cents": 599, "total_cents": 5398, "item_count": 3}
E3 = event({"items": [{"sku": "D4", "qty": 1, "unit_cents": 300}], "coupon": "FLAT500"}, "req-3")
R3 = {"quote_id": "q-req-3", "subtotal_cents": 300, "discount_cents": 300, "total_cents": 0, "item_count": 1}
E4 = event({"items": [{"sku": "E5", "qty": 4, "unit_cents": 250}], "coupon": None}, "req-4")
R4 = {"quote_id": "q-req-4", "subtotal_cents": 1000, "discount_cents": 0, "total_cents": 1000, "item_count": 4}
GOOD = [(E1, R1), (E2, R2), (E3, R3), (E4, R4)]

ITEM = {"sku": "A1", "qty": 1, "unit_cents": 100}
BAD = [
    ("GET is not allowed", event({"items": [ITEM]}, "x-1", method="GET"), 405),
    ("unknown path", event({"items": [ITEM]}, "x-2", path="/quotes"), 404),
    ("body is not JSON", event("not json", "x-3"), 400),
    ("body is a JSON list", event("[]", "x-4"), 400),
    ("body is missing", event(None, "x-5"), 400),
    ("items is empty", event({"items": []}, "x-6"), 400),
    ("qty is 0", event({"items": [dict(ITEM, qty=0)]}, "x-7"), 400),
    ("qty is a string", event({"items": [dict(ITEM, qty="2")]}, "x-8"), 400),
    ("qty is true", event({"items": [dict(ITEM, qty=True)]}, "x-9"), 400),
    ("unit_cents is negative", event({"items": [dict(ITEM, unit_cents=-1)]}, "x-10"), 400),
    ("sku is empty", event({"items": [dict(ITEM, sku="")]}, "x-11"), 400),
    ("unknown coupon", event({"items": [ITEM], "coupon": "FREE"}, "x-12"), 400),
    ("items is missing", event({"coupon": "SAVE10"}, "x-13"), 400),
    ("items is an object, not a list", event({"items": ITEM}, "x-14"), 400),
    ("an item is not an object", event({"items": [ITEM, 5]}, "x-15"), 400),
    ("sku is a number", event({"items": [dict(ITEM, sku=7)]}, "x-16"), 400),
    ("qty is a float", event({"items": [dict(ITEM, qty=2.0)]}, "x-17"), 400),
    ("unit_cents is a float", event({"items": [dict(ITEM, unit_cents=2.5)]}, "x-18"), 400),
    ("unit_cents is false", event({"items": [dict(ITEM, unit_cents=False)]}, "x-19"), 400),
    ("coupon is a list", event({"items": [ITEM], "coupon": ["SAVE10"]}, "x-20"), 400),
]


def decode(resp, context):
    if not isinstance(resp, dict):
        raise Fail(f"{context}: handler must return a dict, got {describe(resp)}")
    headers = resp.get("headers")
    if not isinstance(headers, dict) or headers.get("Content-Type") != "application/json":
        raise Fail(f"{context}: expected headers with 'Content-Type': 'application/json', got {describe(headers)}")
    try:
        body = json.loads(resp.get("body"))
    except (TypeError, ValueError):
        raise Fail(f"{context}: 'body' must be a JSON string, got {short(resp.get('body'))}")
    return resp.get("statusCode"), headers, body


def expect_ok(resp, want, context):
    status, _, body = decode(resp, context)
    if status != 200 or body != want:
        raise Fail(f"{context}:\n  expected statusCode 200 and body {json.dumps(want)}\n"
                   f"  got statusCode {status!r} and body {json.dumps(body)}")


def cold(ev):
    """handler(ev, None) in a fresh process of the learner's code (a cold start)."""
    c = Child("app")
    err = c.start()
    if err:
        raise Fail(f"a cold start failed: {err}")
    try:
        return c.module.handler(copy.deepcopy(ev), None)
    except ChildError as exc:
        raise Fail(f"handler() in a fresh process failed: {exc}") from None
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"handler() in a fresh process raised {type(exc).__name__}: {exc}") from None
    finally:
        c.stop()


def reference(body, request_id):
    """The quote the prompt describes, for a valid body."""
    subtotal = sum(i["qty"] * i["unit_cents"] for i in body["items"])
    coupon = body.get("coupon")
    discount = subtotal * 10 // 100 if coupon == "SAVE10" else min(500, subtotal) if coupon == "FLAT500" else 0
    return {"quote_id": f"q-{request_id}", "subtotal_cents": subtotal, "discount_cents": discount,
            "total_cents": subtotal - discount, "item_count": sum(i["qty"] for i in body["items"])}


def random_events(n):
    """n valid events made at check time (new every run), with the expected bodies."""
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    out = []
    for _ in range(n):
        items = [{"sku": f"{rng.choice('ABCDEFGH')}{rng.randint(1, 99)}", "qty": rng.randint(1, 9),
                  "unit_cents": rng.choice([0, rng.randint(1, 5000)])} for _ in range(rng.randint(1, 4))]
        body = {"items": items}
        coupon = rng.choice([None, "SAVE10", "FLAT500", "absent"])
        if coupon != "absent":
            body["coupon"] = coupon
        request_id = f"req-{rng.randrange(16 ** 8):08x}"
        out.append((event(body, request_id), reference(body, request_id)))
    return out


def group_quotes(mod):
    out = []
    for ev, want in GOOD:
        body = json.loads(ev["body"])
        desc = f"cold start: quote for {body}"
        out.append((desc, lambda ev=ev, want=want: expect_ok(cold(ev), want, f"a fresh process, event body {ev['body']}")))

    def random_cold():
        for ev, want in random_events(3):
            expect_ok(cold(ev), want, f"a fresh process, event body {ev['body']}")
    out.append(("cold start: random carts and coupons (new every run)", random_cold))
    return out


def group_errors(mod):
    def one(desc, ev, status):
        resp = mod.handler(copy.deepcopy(ev), None)
        got, headers, body = decode(resp, desc)
        if got != status:
            raise Fail(f"{desc} (body {ev['body']!r}): expected statusCode {status}, got {describe(got)} with body {json.dumps(body)}")
        if not isinstance(body, dict) or not isinstance(body.get("error"), str):
            raise Fail(f"{desc}: expected a body like {{\"error\": \"...\"}}, got {json.dumps(body)}")
        if status == 405 and headers.get("Allow") != "POST":
            raise Fail(f"{desc}: a 405 response must have the header 'Allow': 'POST', got headers {headers}")

    return [(f"{desc} gives {status}", lambda d=desc, e=ev, s=status: one(d, e, s)) for desc, ev, status in BAD]


def group_warm(mod):
    h = lambda ev: mod.handler(copy.deepcopy(ev), None)  # noqa: E731

    def coupon_then_none():
        h(E2)
        expect_ok(h(E1), R1, "same process: the event without a coupon, right after one with SAVE10")

    def twice():
        first = h(E1)
        expect_ok(first, R1, "same process: first call with event req-1")
        expect_ok(h(E1), R1, "same process: second call with the same event req-1")

    def error_then_valid():
        h(BAD[-1][1])
        expect_ok(h(E4), R4, "same process: a valid event right after a request with an unknown coupon")

    def interleaved():
        order = [0, 1, 2, 3, 1, 0, 3, 2, 2, 0, 1, 3] * 2
        for n, i in enumerate(order, 1):
            ev, want = GOOD[i]
            expect_ok(h(ev), want, f"same process, call {n} of {len(order)} (event {ev['requestContext']['requestId']})")

    def random_warm():
        for n, (ev, want) in enumerate(random_events(30), 1):
            expect_ok(h(ev), want, f"same process, random call {n} (event body {ev['body']}, "
                                   f"request id {ev['requestContext']['requestId']})")

    return [("a coupon does not leak into the next request", coupon_then_none),
            ("30 random carts and coupons (new every run) in one process", random_warm),
            ("the same event twice gives the same response", twice),
            ("a rejected request does not affect the next one", error_then_valid),
            ("24 interleaved warm calls match the cold-start responses", interleaved)]


def snapshot(mod):
    return child().helper("snapshot")


def exercise_all(mod):
    for ev, _ in GOOD + [(e, None) for _, e, _ in BAD]:
        mod.handler(copy.deepcopy(ev), None)


def group_no_state(mod):
    def module_state():
        before = snapshot(mod)
        exercise_all(mod)
        exercise_all(mod)
        after = snapshot(mod)
        changed = []
        for k in sorted(set(before) | set(after)):
            b, a = before.get(k, "<absent>"), after.get(k, "<absent>")
            try:
                same = b == a
            except Exception:
                same = repr(b) == repr(a)
            if not same:
                changed.append(f"- {k}: was {short(b, 120)}, now {short(a, 120)}")
        if changed:
            raise Fail("handler calls changed state that outlives the call (a warm container keeps it):\n" + "\n".join(changed))

    def event_untouched():
        for ev, _ in GOOD + [(e, None) for _, e, _ in BAD]:
            mine = copy.deepcopy(ev)
            mod.handler(mine, None)
            if mine != ev:
                raise Fail(f"handler modified the event it was given: before {json.dumps(ev)}, after {json.dumps(mine)}")

    def no_files():
        before = sorted(os.listdir("."))
        exercise_all(mod)
        after = sorted(os.listdir("."))
        if before != after:
            raise Fail(f"handler created files in the working directory: {sorted(set(after) - set(before))}")

    return [("no module variable or default argument changes", module_state),
            ("the event is not modified", event_untouched),
            ("no files are written", no_files)]


GROUPS = {"quotes": group_quotes, "errors": group_errors, "warm": group_warm, "no-state": group_no_state}


def main():
    builder = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in builder(None)])
    mod = t.load("app", helpers="_inside.py")
    for _, fn in builder(mod):
        t.case(fn)
    t.finish()


main()
