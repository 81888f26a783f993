"""Checks for concurrency.py. Usage: check_txn.py reserve|lost-update|write-skew

A private PostgreSQL (tests/pgcheck.py) holds random stock and rotas, new on
every run. The learner's functions run in their own process (isolate.Child),
on a psycopg2 connection made there (pgcheck.client). The concurrent
"other instance of the service" is the check itself, and the interleaving is
made the same on every run by locks, never by sleeping: the check writes a
row in a transaction it keeps open, calls the learner's code in a thread,
waits in pg_stat_activity until the learner's statement waits for that row
lock, and only then commits. The learner's code has by then read the old
value; what it does next decides whether an update is lost.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgcheck import Postgres, until_blocked_or_done  # noqa: E402
from services import Concurrently, ServiceError  # noqa: E402
from taplib import Fail, Tap, call, describe  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
NAMES = ["Ada", "Bram", "Chen", "Dara", "Emil", "Fatou", "Goran", "Hana", "Ines", "Jun", "Kofi", "Lena"]


def load(admin):
    """Random products and a rota: shifts of 1 to 4 doctors, each on call or not."""
    cur = admin.cursor()
    cur.execute("""CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, stock integer NOT NULL);
                   CREATE TABLE doctors (id integer PRIMARY KEY, name text NOT NULL, shift integer NOT NULL,
                                         on_call boolean NOT NULL);
                   ALTER TABLE products OWNER TO learner; ALTER TABLE doctors OWNER TO learner""")
    products = {}
    for pid in RNG.sample(range(100, 9999), 12):
        products[pid] = RNG.randint(20, 60)
        cur.execute("INSERT INTO products VALUES (%s, %s, %s)", (pid, f"item {pid}", products[pid]))
    shifts, did = {}, RNG.randint(10, 90)
    for shift in range(1, 9):
        shifts[shift] = []
        for _ in range(RNG.randint(2, 4)):
            did += RNG.randint(1, 9)
            shifts[shift].append(did)
            cur.execute("INSERT INTO doctors VALUES (%s, %s, %s, true)", (did, RNG.choice(NAMES), shift))
    return products, shifts


def scalar(admin, sql, params=()):
    cur = admin.cursor()
    cur.execute(sql, params)
    return cur.fetchone()[0]


def open_transaction(admin):
    """The learner's connection must not be left inside a transaction (its locks stay held)."""
    state = scalar(admin, "SELECT string_agg(state, ',') FROM pg_stat_activity WHERE usename = 'learner' "
                          "AND state LIKE 'idle in transaction%%'")
    return state is not None


class Checker:
    def __init__(self, pg, admin, child):
        self.pg, self.admin, self.mod = pg, admin, child.module
        self.products, self.shifts = load(admin)
        self.conn = child.helper("client", pg.dsn("learner"))

    def _call(self, name, *args):
        return call(getattr(self.mod, name), self.conn, *args, label=f"{name}(conn, {', '.join(map(repr, args))})")

    def _committed(self, name, *args):
        if open_transaction(self.admin):
            raise Fail(f"{name}(conn, {', '.join(map(repr, args))}) returned inside an open transaction: "
                       "commit (or roll back) before returning, or its row locks block every other instance")

    def call(self, name, *args):
        got = self._call(name, *args)
        self._committed(name, *args)
        return got

    def other_transaction(self, level="READ COMMITTED"):
        """A connection of the check's own: the other instance of the service."""
        conn = self.pg.connect("learner")
        conn.autocommit = False
        conn.cursor().execute(f"SET TRANSACTION ISOLATION LEVEL {level}; SET lock_timeout = '5s'")
        return conn

    def stock(self, pid):
        return scalar(self.admin, "SELECT stock FROM products WHERE id = %s", (pid,))

    def on_call(self, shift):
        return scalar(self.admin, "SELECT count(*) FROM doctors WHERE shift = %s AND on_call", (shift,))

    def meanwhile(self, other, name, *args):
        """Call the learner's function while the check's transaction `other` holds a row lock;
        commit `other` as soon as the learner's code waits for that lock (or has returned),
        then wait for the learner's answer."""
        job = Concurrently(lambda: self._call(name, *args))
        until_blocked_or_done(self.admin, job)
        try:
            other.commit()
        except Exception as exc:  # noqa: BLE001 - psycopg2's error, for the message
            raise Fail(f"the other instance's transaction could not commit while {name}(conn, "
                       f"{', '.join(map(repr, args))}) ran ({str(exc).strip().splitlines()[0]}): your code must "
                       "not end or break other sessions") from None
        got = job.result()
        self._committed(name, *args)
        return got


class Reserve(Checker):
    def check_reserve(self):
        pid, stock = RNG.choice(sorted(self.products.items()))
        q = RNG.randint(1, stock // 3)
        got = self.call("reserve", pid, q)
        if got is not True:
            raise Fail(f"reserve(conn, {pid}, {q}) with {stock} in stock returned {describe(got)}, expected True")
        if self.stock(pid) != stock - q:
            raise Fail(f"after reserve(conn, {pid}, {q}) the stock is {self.stock(pid)}, expected "
                       f"{stock} - {q} = {stock - q} (committed, seen from another connection)")
        left = stock - q
        got = self.call("reserve", pid, left + RNG.randint(1, 9))
        if got is not False or self.stock(pid) != left:
            raise Fail(f"reserving more than the {left} units in stock returned {describe(got)} and left "
                       f"{self.stock(pid)} in stock; expected False and {left} unchanged")
        got = self.call("reserve", pid, left)
        if got is not True or self.stock(pid) != 0:
            raise Fail(f"reserving exactly the {left} units in stock returned {describe(got)} and left "
                       f"{self.stock(pid)}; expected True and 0")
        nope = max(self.products) + RNG.randint(1, 99)
        got = self.call("reserve", nope, 1)
        if got is not False:
            raise Fail(f"reserve(conn, {nope}, 1) of a product that does not exist returned {describe(got)}, "
                       "expected False")

    def check_lost_update(self):
        pid, stock = RNG.choice(sorted(self.products.items()))
        k, q = RNG.randint(2, stock // 3), RNG.randint(2, stock // 3)
        other = self.other_transaction()
        other.cursor().execute("UPDATE products SET stock = stock - %s WHERE id = %s", (k, pid))
        got = self.meanwhile(other, "reserve", pid, q)
        if got is not True:
            raise Fail(f"with {stock} in stock, another instance reserved {k} while reserve(conn, {pid}, {q}) "
                       f"ran; it returned {describe(got)}, expected True ({stock - k} were left)")
        now = self.stock(pid)
        if now != stock - k - q:
            lost = " (the other instance's reservation was lost: your code wrote a stock it had read " \
                   "before that reservation committed)" if now == stock - q else ""
            raise Fail(f"{stock} in stock; another instance reserved {k} while reserve(conn, {pid}, {q}) ran "
                       f"(it committed once your code waited for its row lock); the stock is now {now}, "
                       f"expected {stock - k - q}{lost}")
        # the other instance takes nearly everything: the learner's check of the stock must see that
        left = RNG.randint(0, q - 1)
        take = now - left
        other.cursor().execute("UPDATE products SET stock = stock - %s WHERE id = %s", (take, pid))
        got = self.meanwhile(other, "reserve", pid, q)
        now2 = self.stock(pid)
        if got is not False or now2 != left:
            raise Fail(f"{now} in stock; another instance reserved {take} while reserve(conn, {pid}, {q}) ran, "
                       f"leaving {left}; it returned {describe(got)} and the stock is {now2}, expected False "
                       f"and {left}" + (" (sold more than there was)" if now2 < 0 else ""))
        other.close()


class Rota(Checker):
    def check_write_skew(self):
        shifts = sorted(self.shifts)
        bigger = [s for s in shifts if len(self.shifts[s]) >= 3]
        s1 = RNG.choice(bigger) if bigger else None
        if s1 is not None:
            d = RNG.choice(self.shifts[s1])
            got = self.call("go_off_call", d)
            if got is not True or self.on_call(s1) != len(self.shifts[s1]) - 1:
                raise Fail(f"go_off_call(conn, {d}) in a shift of {len(self.shifts[s1])} doctors all on call "
                           f"returned {describe(got)}, and {self.on_call(s1)} are on call; expected True, and "
                           f"{len(self.shifts[s1]) - 1} (committed)")
        s2 = RNG.choice([s for s in shifts if s != s1])
        last = RNG.choice(self.shifts[s2])
        self.admin.cursor().execute("UPDATE doctors SET on_call = (id = %s) WHERE shift = %s", (last, s2))
        got = self.call("go_off_call", last)
        if got is not False or self.on_call(s2) != 1:
            raise Fail(f"go_off_call(conn, {last}) of the only doctor on call in shift {s2} returned "
                       f"{describe(got)}; expected False, and the doctor still on call")
        # two doctors on call; the other instance takes one off while the learner's code takes the other
        s3 = RNG.choice([s for s in shifts if s not in (s1, s2)])
        a, b = RNG.sample(self.shifts[s3], 2)
        self.admin.cursor().execute("UPDATE doctors SET on_call = id IN (%s, %s) WHERE shift = %s", (a, b, s3))
        other = self.other_transaction("SERIALIZABLE")
        cur = other.cursor()
        cur.execute("SELECT count(*) FROM doctors WHERE shift = %s AND on_call", (s3,))
        cur.execute("UPDATE doctors SET on_call = false WHERE id = %s", (a,))
        # hold b's row: the learner's write to it waits until the check has committed
        cur.execute("SELECT 1 FROM doctors WHERE id = %s FOR UPDATE", (b,))
        got = self.meanwhile(other, "go_off_call", b)
        n = self.on_call(s3)
        if n == 0:
            raise Fail(f"doctors {a} and {b} were the two on call in shift {s3}; another instance took {a} off "
                       f"(it checked that {b} stayed) while go_off_call(conn, {b}) ran, and {b} went off too: "
                       "nobody is on call. Each transaction read two doctors on call and changed a different "
                       "row (write skew): READ COMMITTED and REPEATABLE READ both allow it")
        if got is not False:
            raise Fail(f"go_off_call(conn, {b}) returned {describe(got)} while {b} stays on call; expected False")
        other.close()


def main():
    which = sys.argv[1]
    desc = {"reserve": "reserve() takes stock, refuses what is not there, commits",
            "lost-update": "no reservation is lost and nothing is oversold when another instance reserves",
            "write-skew": "go_off_call() never leaves a shift without a doctor on call"}[which]
    tap = Tap(1)
    # the learner's module first: a submission that cannot be imported costs no server
    child = tap.start("concurrency", needs=("go_off_call",) if which == "write-skew" else ("reserve",),
                      helpers="pgcheck.py")
    try:
        pg = Postgres.start()
    except ServiceError as exc:
        print(f"Bail out! PostgreSQL did not start inside the check: {exc}".splitlines()[0])
        print(str(exc), file=sys.stderr)
        sys.exit(2)
    admin = pg.connect()
    admin.cursor().execute("SET lock_timeout = '5s'")
    cls = Rota if which == "write-skew" else Reserve
    c = cls(pg, admin, child)
    tap.test(desc, {"reserve": getattr(c, "check_reserve", None), "lost-update": getattr(c, "check_lost_update", None),
                    "write-skew": getattr(c, "check_write_skew", None)}[which])
    tap.finish()


if __name__ == "__main__":
    main()
