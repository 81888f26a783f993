"""Checks for app.py. python3 tests/check_handler.py GROUP"""
import copy
import json
import os
import subprocess
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, show  # noqa: E402


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
]


def decode(resp, context):
    if not isinstance(resp, dict):
        raise Fail(f"{context}: handler must return a dict, got {show(resp)}")
    headers = resp.get("headers")
    if not isinstance(headers, dict) or headers.get("Content-Type") != "application/json":
        raise Fail(f"{context}: expected headers with 'Content-Type': 'application/json', got {show(headers)}")
    try:
        body = json.loads(resp.get("body"))
    except (TypeError, ValueError):
        raise Fail(f"{context}: 'body' must be a JSON string, got {show(resp.get('body'))}")
    return resp.get("statusCode"), headers, body


def expect_ok(resp, want, context):
    status, _, body = decode(resp, context)
    if status != 200 or body != want:
        raise Fail(f"{context}:\n  expected statusCode 200 and body {json.dumps(want)}\n"
                   f"  got statusCode {status!r} and body {json.dumps(body)}")


CHILD = ("import json, sys; sys.path.insert(0, '.'); import app; "
         "print(json.dumps(app.handler(json.loads(sys.argv[1]), None)))")


def cold(ev):
    p = subprocess.run([sys.executable, "-c", CHILD, json.dumps(ev)], capture_output=True, text=True, timeout=20)
    if p.returncode != 0:
        raise Fail(f"handler() in a fresh process failed:\n{p.stderr.strip()[-800:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def group_quotes(mod):
    out = []
    for ev, want in GOOD:
        body = json.loads(ev["body"])
        desc = f"cold start: quote for {body}"
        out.append((desc, lambda ev=ev, want=want: expect_ok(cold(ev), want, f"a fresh process, event body {ev['body']}")))
    return out


def group_errors(mod):
    def one(desc, ev, status):
        resp = mod.handler(copy.deepcopy(ev), None)
        got, headers, body = decode(resp, desc)
        if got != status:
            raise Fail(f"{desc} (body {ev['body']!r}): expected statusCode {status}, got {got!r} with body {json.dumps(body)}")
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

    return [("a coupon does not leak into the next request", coupon_then_none),
            ("the same event twice gives the same response", twice),
            ("a rejected request does not affect the next one", error_then_valid),
            ("24 interleaved warm calls match the cold-start responses", interleaved)]


def snapshot(mod):
    state = {}
    for name, value in vars(mod).items():
        if name.startswith("__") or isinstance(value, (types.ModuleType, type)):
            continue
        if isinstance(value, types.FunctionType):
            state[f"default arguments of {name}()"] = (value.__defaults__, value.__kwdefaults__)
            continue
        state[f"module variable {name}"] = value
    frozen = {}
    for k, v in state.items():
        try:
            frozen[k] = copy.deepcopy(v)
        except Exception:
            frozen[k] = repr(v)
    return frozen


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
                changed.append(f"- {k}: was {show(b, 120)}, now {show(a, 120)}")
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
    mod = t.load("app")
    for _, fn in builder(mod):
        t.case(fn)
    t.done()


main()
