"""Checks for payments_api.py. Usage: check_payments.py create|replay|conflict|expiry|edge"""
import json
import os
import random
import string
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short, describe  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
CURRENCIES = ["EUR", "USD", "GBP"]
# The payment, the keys and the clock's start are made at random at check time (new every run).
PAY = {"amount_cents": RNG.randint(1, 10**7), "currency": RNG.choice(CURRENCIES)}
OTHER = {"amount_cents": PAY["amount_cents"] + RNG.randint(1, 999), "currency": PAY["currency"]}
T0 = float(RNG.randint(1_500_000_000, 1_900_000_000))
KEY_CHARS = string.ascii_letters + string.digits + "-_.:/+=~!#$%&*"


def rkey():
    return "".join(RNG.choice(KEY_CHARS) for _ in range(RNG.randint(1, 40)))


K = rkey()
DESC = " ".join(rkey() for _ in range(RNG.randint(1, 3)))[:140]


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now


class Client:
    def __init__(self, mod):
        self.clock = Clock()
        self.api = call(mod.PaymentsAPI, self.clock, label="PaymentsAPI(clock)")

    def req(self, method, path, headers=None, body=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        label = f"handle({method!r}, {path!r}, {headers or {}!r}, {short(body, 120)}) at t={self.clock.now - T0:+.0f}s"
        got = call(self.api.handle, method, path, headers or {}, body, label=label)
        if not (isinstance(got, tuple) and len(got) == 3 and isinstance(got[1], dict)
                and isinstance(got[2], (bytes, bytearray))):
            raise Fail(f"{label} returned {describe(got)}; expected (status, headers dict, body bytes)")
        try:
            data = json.loads(got[2])
        except ValueError:
            raise Fail(f"{label} returned a body that is not JSON: {short(got[2])}") from None
        return R(label, got[0], got[1], bytes(got[2]), data)

    def pay(self, key, body=None, status=201):
        return self.req("POST", "/payments", {"Idempotency-Key": key}, body if body is not None else PAY).status(status)

    def count(self):
        d = self.req("GET", "/payments").status(200).data
        return len(d.get("items", [])) if isinstance(d, dict) else -1


class R:
    def __init__(self, label, code, headers, raw, data):
        self.label, self.code, self.headers, self.raw, self.data = label, code, headers, raw, data

    def status(self, want, why=""):
        if self.code != want:
            raise Fail(f"{self.label} returned {self.code} {short(self.data, 300)}; expected {want}" + (f" ({why})" if why else ""))
        return self

    def error(self, code, want):
        self.status(code)
        if not isinstance(self.data, dict) or self.data.get("error") != want:
            raise Fail(f"{self.label} returned {short(self.data, 300)}; expected {{\"error\": {want!r}}}")
        return self


def payment(n, **over):
    p = {"id": f"pay_{n}", "amount_cents": PAY["amount_cents"], "currency": PAY["currency"], "description": None,
         "status": "succeeded"}
    p.update(over)
    return p


def expect_count(c, n, why):
    got = c.count()
    if got != n:
        raise Fail(f"GET /payments lists {got} payments; expected {n} ({why})")


def run_create(tap, mod):
    def create():
        c = Client(mod)
        r = c.pay(K)
        if r.data != payment(1):
            raise Fail(f"{r.label} returned {short(r.data, 300)}; expected {payment(1)!r}")
        if r.headers.get("Location") != "/payments/pay_1" or r.headers.get("Content-Type") != "application/json":
            raise Fail(f"{r.label} returned headers {r.headers!r}; expected Content-Type and Location: /payments/pay_1")

    def read():
        c = Client(mod)
        c.pay(K)
        c.pay(rkey() + "2", {"amount_cents": OTHER["amount_cents"], "currency": "GBP", "description": DESC})
        got = c.req("GET", "/payments/pay_2").status(200).data
        if got != payment(2, amount_cents=OTHER["amount_cents"], currency="GBP", description=DESC):
            raise Fail(f"GET /payments/pay_2 returned {short(got, 300)}")
        c.req("GET", "/payments/pay_9").error(404, "not_found")

    def key_required():
        c = Client(mod)
        c.req("POST", "/payments", {}, PAY).error(400, "idempotency_key_required")
        expect_count(c, 0, "a refused request creates nothing")

    def validation():
        c = Client(mod)
        for bad in ({"amount_cents": 0, "currency": "EUR"}, {"amount_cents": "12", "currency": "EUR"},
                    {"amount_cents": True, "currency": "EUR"}, {"amount_cents": 5, "currency": "JPY"},
                    {"amount_cents": 5, "currency": "EUR", "description": "x" * 141},
                    {"amount_cents": 5, "currency": "EUR", "tip": 1}):
            c.req("POST", "/payments", {"Idempotency-Key": "v"}, bad).error(422, "validation_failed")
        c.req("POST", "/payments", {"Idempotency-Key": "v"}, b"[1]").error(400, "invalid_json")
        expect_count(c, 0, "invalid requests create nothing")

    tap.test("POST with a key creates a payment: 201, Location, the payment", create)
    tap.test("GET /payments/<id> returns it; unknown ids are 404", read)
    tap.test("POST without Idempotency-Key: 400", key_required)
    tap.test("invalid payments: 422, invalid JSON: 400", validation)


def run_replay(tap, mod):
    def same_response():
        c = Client(mod)
        first = c.pay(K)
        again = c.pay(K)
        if again.data != first.data:
            raise Fail(f"the retry returned {short(again.data, 300)}; expected the original response {short(first.data, 300)}")
        want = {**first.headers, "Idempotent-Replayed": "true"}
        if again.headers != want:
            raise Fail(f"the retry returned headers {again.headers!r}; expected {want!r}")

    def no_second_charge():
        c = Client(mod)
        for _ in range(3):
            c.pay(K)
        expect_count(c, 1, "three requests with one key are one payment")

    def json_equal():
        c = Client(mod)
        c.pay(K, json.dumps(PAY).encode())
        r = c.pay(K, ('{ "currency":"%s",\n  "amount_cents":%d }' % (PAY["currency"], PAY["amount_cents"])).encode())
        if r.headers.get("Idempotent-Replayed") != "true":
            raise Fail("the same JSON with other spacing and key order was not treated as the same request")
        expect_count(c, 1, "same key, same JSON value")

    def header_case():
        c = Client(mod)
        c.req("POST", "/payments", {"idempotency-key": K}, PAY).status(201)
        c.req("POST", "/payments", {RNG.choice(["IDEMPOTENCY-KEY", "Idempotency-key", "iDempotency-KEY"]): K}, PAY).status(201)
        expect_count(c, 1, "header names are case-insensitive")

    tap.test("a retry gets the same status, body and headers, plus Idempotent-Replayed", same_response)
    tap.test("retries never create a second payment", no_second_charge)
    tap.test("the same JSON with other spacing or key order is the same request", json_equal)
    tap.test("the header name is case-insensitive", header_case)


def run_conflict(tap, mod):
    def reused():
        c = Client(mod)
        c.pay(K)
        c.req("POST", "/payments", {"Idempotency-Key": K}, OTHER) \
            .error(422, "idempotency_key_reused")
        expect_count(c, 1, "a reused key with another request creates nothing")

    def distinct_keys():
        c = Client(mod)
        c.pay(K)
        c.pay(K + "b")
        expect_count(c, 2, "different keys are different requests")

    def original_kept():
        c = Client(mod)
        c.pay(K)
        c.req("POST", "/payments", {"Idempotency-Key": K}, {**PAY, "description": rkey()}).status(422)
        r = c.pay(K)
        if r.data != payment(1):
            raise Fail(f"after a conflicting request, the original retry returned {short(r.data, 300)}; expected {payment(1)!r}")

    tap.test("the same key with a different body: 422 idempotency_key_reused", reused)
    tap.test("different keys create different payments", distinct_keys)
    tap.test("a conflict does not disturb the remembered response", original_kept)


def run_expiry(tap, mod):
    def before():
        c = Client(mod)
        c.pay(K)
        c.clock.now += 86399
        r = c.pay(K)
        if r.headers.get("Idempotent-Replayed") != "true":
            raise Fail("one second before the 24 hours are over, the key should still replay")
        expect_count(c, 1, "still within 24 hours")

    def after():
        c = Client(mod)
        c.pay(K)
        c.clock.now += 86400
        r = c.pay(K)
        if r.data.get("id") != "pay_2" or "Idempotent-Replayed" in r.headers:
            raise Fail(f"24 hours later the key should be a first use again (a new payment pay_2); got {short(r.data, 300)} "
                       f"with headers {r.headers!r}")

    def after_conflict():
        c = Client(mod)
        c.pay(K)
        c.clock.now += 90000
        c.pay(K, OTHER)
        expect_count(c, 2, "an expired key may be used for a different request")

    tap.test("a key still replays just before 24 hours", before)
    tap.test("after 24 hours the key is a first use again", after)
    tap.test("after expiry, the key may carry a different request", after_conflict)


def run_edge(tap, mod):
    def errors_not_remembered():
        c = Client(mod)
        c.req("POST", "/payments", {"Idempotency-Key": K}, {**PAY, "amount_cents": -RNG.randint(0, 999)}).status(422)
        c.pay(K)
        expect_count(c, 1, "the failed attempt was not remembered, so the fixed retry is a first use")

    def invalid_keys():
        c = Client(mod)
        for key in ("", "x" * 256, "caf\u00e9", "has space", "tab\t"):
            c.req("POST", "/payments", {"Idempotency-Key": key}, PAY).error(400, "invalid_idempotency_key")
        c.pay("x" * 255)
        expect_count(c, 1, "only the valid key created a payment")

    def replay_of_replay():
        c = Client(mod)
        first = c.pay(K)
        for _ in range(3):
            r = c.pay(K)
        if r.data != first.data or r.headers.get("Idempotent-Replayed") != "true" or r.headers.get("Location") != "/payments/pay_1":
            raise Fail(f"the fourth request returned {short(r.data, 200)} {r.headers!r}; expected the original response again")

    def methods():
        c = Client(mod)
        c.pay(K)
        c.req("DELETE", "/payments", {}, None).error(405, "method_not_allowed")
        c.req("PUT", "/payments/pay_1", {}, PAY).error(405, "method_not_allowed")
        c.req("GET", "/refunds", {}, None).error(404, "not_found")

    def keys_per_instance():
        a, b = Client(mod), Client(mod)
        a.pay(K)
        r = b.pay(K)
        if "Idempotent-Replayed" in r.headers:
            raise Fail("a new PaymentsAPI instance replayed a key it never saw")

    tap.test("failed requests are not remembered", errors_not_remembered)
    tap.test("empty, long or non-printable keys: 400", invalid_keys)
    tap.test("replays of replays stay identical", replay_of_replay)
    tap.test("405 for other methods, 404 for other paths", methods)
    tap.test("each PaymentsAPI has its own memory", keys_per_instance)


MODES = {"create": (4, run_create), "replay": (4, run_replay), "conflict": (3, run_conflict),
         "expiry": (3, run_expiry), "edge": (5, run_edge)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_payments.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("payments_api")
    if mod is not None and tap.need(mod, "PaymentsAPI"):
        fn(tap, mod)
    tap.finish()


main()
