"""Checks for ratelimit.py. Usage: check_ratelimit.py window|shared|race

A private Redis (tests/redischeck.py) runs inside the check; the learner's
module runs in two processes (two instances of the API gateway). The clock
is the check's: `now` is passed to every call, so windows pass without
waiting. The race is made the same on every run by Redis itself: the check
pauses every client's writes (CLIENT PAUSE ... WRITE), lets both instances
ask for the last request left in the window, waits until both are held at
a write (or have answered), and only then unpauses. Code that reads the
count and writes it back has by then read the same count in both.
"""
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isolate import Child  # noqa: E402
from redischeck import Redis  # noqa: E402
from services import Concurrently, ServiceError  # noqa: E402
from taplib import Fail, Tap, call, describe  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))


def main():
    which = sys.argv[1]
    desc = {"window": "limit requests per window, per client; the next window starts afresh; keys expire",
            "shared": "every instance counts against the same limit",
            "race": "two instances asking for the last request at once: only one gets it"}[which]
    tap = Tap(1)
    a = tap.start("ratelimit", needs=("allow",), helpers="redischeck.py")
    b = Child("ratelimit", helpers="redischeck.py")
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
    limit, window = RNG.randint(3, 12), RNG.randint(10, 90)
    start = (RNG.randint(17_000_000, 18_000_000) * window) + RNG.uniform(0, window / 4)
    client = f"client-{RNG.randint(100, 999)}"

    def allow(child, rc, who, now, label=""):
        got = call(child.module.allow, rc, who, limit, window, now,
                   label=f"allow(r, {who!r}, {limit}, {window}, {now:.3f}){label}")
        if type(got) is not bool:
            raise Fail(f"allow(r, {who!r}, {limit}, {window}, {now:.3f}) returned {describe(got)}, expected True or False")
        return got

    def tick(i):
        return start + i * (window / 2) / (limit + 4)  # every call stays in the first window

    def window_check():
        for i in range(limit):
            if not allow(a, ra, client, tick(i)):
                raise Fail(f"request {i + 1} of {limit} allowed per {window} s window was refused")
        for i in range(limit, limit + RNG.randint(1, 3)):
            if allow(a, ra, client, tick(i)):
                raise Fail(f"request {i + 1} in the same {window} s window was allowed; the limit is {limit}")
        other = f"client-{RNG.randint(1000, 9999)}"
        if not allow(a, ra, other, tick(limit + 3)):
            raise Fail(f"{other}'s first request was refused: each client has its own limit")
        nxt = start - (start % window) + window + RNG.uniform(0, window / 2)
        if not allow(a, ra, client, nxt):
            raise Fail(f"{client}'s first request in the next window (now={nxt:.3f}) was refused: each window "
                       f"of {window} s starts at a multiple of {window} s and starts afresh")
        for k in r.scan_iter(count=1000):
            ttl = r.ttl(k)
            if not 1 <= ttl <= 2 * window:
                raise Fail(f"the key {k.decode(errors='replace')!r} has a time to live of {ttl} s"
                           + (" (none: it is never deleted, and Redis fills up)" if ttl == -1 else "")
                           + f"; every key must expire within two windows (1 to {2 * window} s)")

    def shared():
        got = [allow((a, b)[i % 2], (ra, rb)[i % 2], client, tick(i)) for i in range(limit + 2)]
        if got != [True] * limit + [False, False]:
            raise Fail(f"{limit + 2} requests sent alternately to two instances were answered {got}; expected "
                       f"the first {limit} allowed and the rest refused: the count must be in Redis, shared")

    def race():
        for i in range(limit - 1):
            if not allow(a, ra, client, tick(i)):
                raise Fail(f"request {i + 1} of {limit} allowed per window was refused")
        r.execute_command("CLIENT", "PAUSE", "10000", "WRITE")
        try:
            jobs = [Concurrently(lambda c=c, rc=rc, i=i: allow(c, rc, client, tick(limit - 1 + i),
                                                                " (two instances at once)"))
                    for i, (c, rc) in enumerate(((a, ra), (b, rb)))]
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                held = r.info("clients").get("blocked_clients", 0)
                if held + sum(j.done() for j in jobs) >= 2:
                    break
                time.sleep(0.002)
        finally:
            r.execute_command("CLIENT", "UNPAUSE")
        got = sorted(j.result() for j in jobs)
        if got != [False, True]:
            raise Fail(f"{limit - 1} of {limit} requests were used; two instances then asked at the same moment "
                       f"and {'both were allowed' if got == [True, True] else 'both were refused'}: exactly one "
                       f"request was left. "
                       + ("Each read the count before either wrote it: count with one atomic command (INCR), "
                          "or MULTI/EXEC or a Lua script" if got == [True, True] else ""))

    tap.test(desc, {"window": window_check, "shared": shared, "race": race}[which])
    tap.finish()


if __name__ == "__main__":
    main()
