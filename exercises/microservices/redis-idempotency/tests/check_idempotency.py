"""Checks for idempotency.py. Usage: check_idempotency.py replay|concurrent|failure

A private Redis (tests/redischeck.py) runs inside the check; the learner's
module runs in two processes (two instances of the payment service), each
with a redis.Redis of its own. `process` is the check's callback (the
payment provider): every call is counted here. In `concurrent` the callback
itself, while the first instance is still inside it, sends the same request
to the second instance: a duplicate that arrives while the first is still
being processed, on every run, with no sleeping.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isolate import Child  # noqa: E402
from redischeck import Redis  # noqa: E402
from services import ServiceError  # noqa: E402
from taplib import Fail, Tap, call, short  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
IN_PROGRESS = {"status": "in-progress"}
DAY = 24 * 3600


class Provider:
    """The payment provider: charges, counted; `during` runs inside a charge (the duplicate).

    The learner's code holds it as a proxy and may read public attributes: everything but
    __call__ is private, or the counts would be a store shared by every instance."""

    def __init__(self):
        self._calls, self._results = [], []
        self._during = None
        self._fail_next = False

    def __call__(self, request):
        self._calls.append(request)
        if self._fail_next:
            self._fail_next = False
            raise ConnectionError("the payment provider timed out")
        if self._during is not None:
            during, self._during = self._during, None
            during()
        result = {"status": "charged", "charge_id": f"ch_{RNG.randrange(16**12):012x}",
                  "amount_cents": request["amount_cents"]}
        self._results.append(result)
        return result


def request():
    return {"account": f"acct_{RNG.randint(1000, 9999)}", "amount_cents": RNG.randint(100, 99_999)}


def main():
    which = sys.argv[1]
    desc = {"replay": "a repeated key returns the stored result without charging again, from any instance",
            "concurrent": "a duplicate that arrives during processing gets in-progress and charges nothing",
            "failure": "a failed charge releases the key, so a retry charges"}[which]
    tap = Tap(1)
    a = tap.start("idempotency", needs=("handle",), helpers="redischeck.py")
    b = Child("idempotency", helpers="redischeck.py")
    err = b.start()
    if err:
        tap.fail_rest(err)
        tap.finish()
    try:
        srv = Redis.start()
    except ServiceError as exc:
        print("Bail out! Redis did not start inside the check")
        print(str(exc), file=sys.stderr)
        sys.exit(2)
    r = srv.client()
    ra, rb = a.helper("client", srv.port), b.helper("client", srv.port)
    provider = Provider()
    key = f"{RNG.randrange(16**16):016x}"
    req = request()

    def handle(child, rc, label):
        return call(child.module.handle, rc, key, req, provider, label=f"handle(r, {key!r}, request, process) {label}")

    def stored():
        raw = r.get(f"idem:{key}")
        if raw is None:
            raise Fail(f"after a successful call Redis has no key 'idem:{key}' "
                       f"(keys: {short(sorted(k.decode() for k in r.keys()))})")
        try:
            return json.loads(raw)
        except ValueError:
            raise Fail(f"idem:{key} holds {short(raw)}, which is not JSON") from None

    def replay():
        first = handle(a, ra, "(the first time)")
        if len(provider._calls) != 1:
            raise Fail(f"the first call with a new key called process {len(provider._calls)} times, expected once")
        if first != provider._results[0]:
            raise Fail(f"the first call returned {short(first)}, expected what process returned")
        if stored() != first:
            raise Fail(f"idem:{key} holds {short(stored())}, expected the result {short(first)}")
        t = r.ttl(f"idem:{key}")
        if not 1 <= t <= DAY:
            raise Fail(f"idem:{key} has a time to live of {t} s" + (" (none: it would never expire)" if t == -1 else "")
                       + f"; expected between 1 and {DAY} s")
        again = handle(b, rb, "(again, in another instance)")
        if len(provider._calls) != 1:
            raise Fail(f"the same key sent again called process again ({len(provider._calls)} charges): "
                       "the customer paid twice")
        if again != first:
            raise Fail(f"the same key sent again returned {short(again)}, expected the first result {short(first)}")

    def concurrent():
        seen = []
        provider._during = lambda: seen.append(handle(b, rb, "(a duplicate, while the first is processed)"))
        first = handle(a, ra, "(the first time)")
        if len(provider._calls) != 1:
            raise Fail(f"a duplicate sent while the first request was being processed called process too "
                       f"({len(provider._calls)} charges): claim the key before processing, with SET ... NX")
        if seen[0] != IN_PROGRESS:
            raise Fail(f"the duplicate sent while the first request was processed returned {short(seen[0])}, "
                       f"expected {IN_PROGRESS}")
        if first != provider._results[0]:
            raise Fail(f"the first call returned {short(first)}, expected what process returned")
        later = handle(b, rb, "(after the first finished)")
        if later != first or len(provider._calls) != 1:
            raise Fail(f"once the first finished, the same key returned {short(later)} and process was called "
                       f"{len(provider._calls)} times; expected {short(first)} and once")

    def failure():
        provider._fail_next = True
        try:
            got = handle(a, ra, "(the provider fails)")
        except Fail as exc:
            if "ConnectionError" not in str(exc):
                raise
        else:
            raise Fail(f"when process raised ConnectionError, handle returned {short(got)}; let the error "
                       "propagate (the client retries with the same key)")
        if r.exists(f"idem:{key}"):
            raise Fail(f"after process failed, idem:{key} is still there ({short(r.get(f'idem:{key}'))}): "
                       "delete it, or the retry is refused as in progress")
        got = handle(b, rb, "(the retry)")
        if len(provider._calls) != 2 or got != provider._results[-1]:
            raise Fail(f"the retry after a failure returned {short(got)} with process called "
                       f"{len(provider._calls)} times in all; expected the charge, and 2 calls")

    tap.test(desc, {"replay": replay, "concurrent": concurrent, "failure": failure}[which])
    tap.finish()


if __name__ == "__main__":
    main()
