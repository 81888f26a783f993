"""Checks for cache.py. Usage: check_cache.py hit|ttl|no-stale

A private Redis (tests/redischeck.py) runs inside the check. The learner's
module runs in two processes (two copies of the service); each gets a
redis.Redis of its own, made in its process by the helper redischeck.client.
The database is the check's object: every load and save is counted here,
where the learner's code cannot reach the counts.
"""
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isolate import Child  # noqa: E402
from redischeck import Redis  # noqa: E402
from services import ServiceError  # noqa: E402
from taplib import Fail, Tap, call, short  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
WORDS = ["lamp", "desk", "mug", "chair", "kettle", "rug", "shelf", "clock", "vase", "stool"]


class Database:
    """The slow database: products by id; counts loads, checks the order of save and delete."""

    def __init__(self, r):
        self.r = r
        self.products = {}
        for _ in range(20):
            pid = RNG.randint(1000, 99999)
            self.products[pid] = {"id": pid, "name": f"{RNG.choice(WORDS)} {RNG.randint(1, 999)}",
                                  "price_cents": RNG.randint(100, 99999), "tags": RNG.sample(WORDS, 2)}
        self.loads = {}
        self.saves = []

    def load(self, product_id):
        self.loads[product_id] = self.loads.get(product_id, 0) + 1
        p = self.products.get(product_id)
        return json.loads(json.dumps(p)) if p is not None else None

    def save(self, product_id, fields):
        # the key was warmed before the update: gone already means deleted before saving
        self.saves.append((product_id, self.r.exists(f"product:{product_id}")))
        self.products[product_id].update(dict(fields))


def main():
    which = sys.argv[1]
    desc = {"hit": "a hit is served from Redis, in every process",
            "ttl": "cached as JSON with a TTL; expired keys reload; missing products are not cached",
            "no-stale": "update_product deletes the key after saving; no stale reads"}[which]
    tap = Tap(1)
    try:
        srv = Redis.start()
    except ServiceError as exc:
        print("Bail out! Redis did not start inside the check")
        print(str(exc), file=sys.stderr)
        sys.exit(2)
    r = srv.client()
    db = Database(r)
    a = tap.start("cache", needs=("get_product", "update_product"), helpers="redischeck.py")
    b = Child("cache", helpers="redischeck.py")
    err = b.start()
    if err:
        tap.fail_rest(err)
        tap.finish()
    ra, rb = a.helper("client", srv.port), b.helper("client", srv.port)
    get_a, get_b = a.module.get_product, b.module.get_product
    pid = RNG.choice(sorted(db.products))
    want = db.products[pid]

    def read(get, rc, label, expect):
        got = call(get, rc, db, pid, label=f"get_product(r, db, {pid}) {label}")
        if got != expect:
            raise Fail(f"get_product(r, db, {pid}) {label} returned {short(got)}, expected {short(expect)}")

    def hit():
        read(get_a, ra, "(the first read)", want)
        if db.loads.get(pid) != 1:
            raise Fail(f"the first read called db.load {db.loads.get(pid, 0)} times, expected once")
        read(get_a, ra, "(again, same process)", want)
        read(get_b, rb, "(in a second process)", want)
        if db.loads.get(pid) != 1:
            raise Fail(f"reads after the first called db.load again ({db.loads[pid]} loads in all): "
                       "a hit must come from Redis, which every process shares")

    def ttl():
        read(get_a, ra, "(a miss)", want)
        key = f"product:{pid}"
        raw = r.get(key)
        if raw is None:
            raise Fail(f"after a miss Redis has no key {key!r} (keys: {short(sorted(k.decode() for k in r.keys()))})")
        try:
            cached = json.loads(raw)
        except ValueError:
            raise Fail(f"{key} holds {short(raw)}, which is not JSON") from None
        if cached != want:
            raise Fail(f"{key} holds {short(cached)}, expected the product {short(want)}")
        t = r.ttl(key)
        if not 1 <= t <= 300:
            raise Fail(f"{key} has a time to live of {t} s" + (" (-1: none, it would never expire)" if t == -1 else "")
                       + "; expected between 1 and 300 s")
        r.pexpire(key, 1)
        time.sleep(0.02)
        read(get_b, rb, "(after the key expired)", want)
        if db.loads.get(pid) != 2:
            raise Fail(f"after {key} expired the next read did not load from the database "
                       f"({db.loads.get(pid)} loads in all, expected 2)")
        nope = max(db.products) + RNG.randint(1, 99)
        got = call(get_a, ra, db, nope, label=f"get_product(r, db, {nope})")
        if got is not None:
            raise Fail(f"get_product(r, db, {nope}) of a product that does not exist returned {short(got)}, expected None")
        if r.exists(f"product:{nope}"):
            raise Fail(f"a product that does not exist was cached under product:{nope}")

    def no_stale():
        read(get_a, ra, "(warming the cache)", want)
        read(get_b, rb, "(warming the cache)", want)
        fields = {"price_cents": want["price_cents"] + RNG.randint(1, 500), "name": want["name"] + " v2"}
        call(b.module.update_product, rb, db, pid, fields)
        if not db.saves:
            raise Fail("update_product did not call db.save")
        if not db.saves[0][1]:
            raise Fail("update_product deleted the cached key before saving to the database: a read between "
                       "the two loads the old product and caches it again")
        if r.exists(f"product:{pid}"):
            raise Fail(f"after update_product the key product:{pid} is still there, holding "
                       f"{short(r.get(f'product:{pid}'))}: delete it")
        new = dict(want, **fields)
        read(get_a, ra, "(in another process, after the update)", new)
        read(get_b, rb, "(after the update)", new)

    tap.test(desc, {"hit": hit, "ttl": ttl, "no-stale": no_stale}[which])
    tap.finish()


if __name__ == "__main__":
    main()
