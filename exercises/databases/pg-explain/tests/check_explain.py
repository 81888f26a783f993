"""Checks for indexes.sql and plan.py. Usage: check_explain.py history|refunds|only-indexes|summarize

A private PostgreSQL (tests/pgcheck.py) is filled with random orders, new on
every run, so neither the data nor a plan can be known in advance. The
check reads every plan itself with EXPLAIN (ANALYZE, FORMAT JSON), as the
superuser, with the planner's settings put back to their defaults first:
the learner's plan.py only ever sees plans, never the database.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgcheck import Postgres, explain, plan_nodes  # noqa: E402
from services import ServiceError  # noqa: E402
from taplib import Fail, Tap, call, short  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
Q1 = ("SELECT id, total_cents, created_at FROM orders "
      "WHERE customer_id = %s ORDER BY created_at DESC LIMIT 20")
Q2 = "SELECT id, customer_id FROM orders WHERE status = 'refunded' AND created_at >= %s"
PLANNER = ["enable_seqscan", "enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan", "enable_sort",
           "enable_hashjoin", "enable_mergejoin", "enable_nestloop", "random_page_cost", "seq_page_cost",
           "cpu_tuple_cost", "cpu_index_tuple_cost", "cpu_operator_cost", "effective_cache_size",
           "work_mem", "default_statistics_target", "search_path"]


def load(pg):
    """The table and its random rows; returns the row count and the customers' ids."""
    n = RNG.randint(30_000, 40_000)
    customers = RNG.randint(150, 250)
    app = pg.connect("learner")
    cur = app.cursor()
    cur.execute("""CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer NOT NULL,
                   status text NOT NULL, created_at timestamptz NOT NULL, total_cents integer NOT NULL)""")
    cur.execute("CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL)")
    cur.execute("SELECT setseed(%s)", (RNG.uniform(-1, 1),))
    cur.execute("""INSERT INTO orders
                   SELECT g, 1 + floor(random() * %s)::int,
                          CASE WHEN r < 0.02 THEN 'refunded' WHEN r < 0.10 THEN 'pending' ELSE 'paid' END,
                          timestamptz '2024-01-01' + g * interval '7 minutes' + random() * interval '6 minutes',
                          100 + floor(random() * 50000)::int
                   FROM (SELECT g, random() AS r FROM generate_series(1, %s) g) s""", (customers, n))
    cur.execute("INSERT INTO customers SELECT g, 'c' || g || '@example.org' FROM generate_series(1, %s) g",
                (customers,))
    app.close()
    return n, customers


def planner_defaults(conn):
    cur = conn.cursor()
    for name in PLANNER:
        cur.execute(f"SET {name} TO DEFAULT")
    cur.execute("SET search_path TO public")
    # ALTER DATABASE / ROLE ... SET would be the session's default: overrule it by hand
    for name in PLANNER:
        if name.startswith("enable_"):
            cur.execute(f"SET {name} = on")
    cur.execute("SET random_page_cost = 4; SET seq_page_cost = 1")


def scans_of(doc, rel="orders"):
    return [n for n in plan_nodes(doc) if n.get("Relation Name") == rel]


def shape(doc):
    return " -> ".join(n["Node Type"] + (f" on {n['Relation Name']}" if "Relation Name" in n else "")
                       + (f" using {n['Index Name']}" if "Index Name" in n else "") for n in plan_nodes(doc))


def check_history(pg, admin, n, customers):
    for _ in range(3):
        cid = RNG.randint(1, customers)
        doc = explain(admin, Q1, (cid,))
        nodes = list(plan_nodes(doc))
        if any(s["Node Type"] == "Seq Scan" for s in scans_of(doc)):
            raise Fail(f"Q1 for customer {cid} reads the whole table (Seq Scan on orders); plan: {shape(doc)}")
        if any(x["Node Type"] in ("Sort", "Incremental Sort") for x in nodes):
            raise Fail(f"Q1 for customer {cid} sorts the customer's orders (a Sort node): an index whose "
                       f"order already serves ORDER BY created_at makes it unnecessary; plan: {shape(doc)}")


def check_refunds(pg, admin, n, customers):
    for _ in range(3):
        day = RNG.randint(5, n * 7 // 1440 - 5)
        since = f"2024-01-01T00:00:00Z"
        cur = admin.cursor()
        cur.execute("SELECT timestamptz '2024-01-01' + %s * interval '1 day'", (day,))
        since = cur.fetchone()[0]
        doc = explain(admin, Q2, (since,))
        scans = scans_of(doc)
        if any(s["Node Type"] == "Seq Scan" for s in scans) or not scans:
            raise Fail(f"Q2 since {since:%Y-%m-%d} reads the whole table (Seq Scan on orders); plan: {shape(doc)}")
        removed = sum(x.get("Rows Removed by Filter", 0) + x.get("Rows Removed by Index Recheck", 0)
                      for x in plan_nodes(doc))
        if removed > 10:
            raise Fail(f"Q2 since {since:%Y-%m-%d}: the scan read {removed} rows only to throw them away "
                       f"(Rows Removed by Filter/Index Recheck): the index does not find the refunded orders "
                       f"directly; plan: {shape(doc)}")


def check_only_indexes(pg, admin, n, customers):
    cur = admin.cursor()
    cur.execute("SELECT count(*) FROM pg_db_role_setting")
    if cur.fetchone()[0]:
        raise Fail("indexes.sql changed settings (ALTER ROLE/DATABASE ... SET): only CREATE INDEX is allowed")
    cur.execute("SELECT relkind FROM pg_class WHERE oid = 'public.orders'::regclass")
    if cur.fetchone()[0] != "r":
        raise Fail("orders is no longer a plain table")
    cur.execute("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) "
                "FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attnum > 0 AND NOT attisdropped")
    cols = cur.fetchone()[0]
    want = "id bigint, customer_id integer, status text, created_at timestamp with time zone, total_cents integer"
    if cols != want:
        raise Fail(f"the columns of orders changed: {cols}")
    cur.execute("SELECT count(*) FROM orders")
    if cur.fetchone()[0] != n:
        raise Fail("the rows of orders changed")
    cur.execute("SELECT count(*) FROM pg_index WHERE indrelid = 'orders'::regclass AND NOT indisprimary")
    k = cur.fetchone()[0]
    if k > 3:
        raise Fail(f"orders has {k} indexes besides its primary key; at most three are allowed")
    cur.execute("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass")
    if cur.fetchone()[0]:
        raise Fail("indexes.sql added a trigger to orders")


def expected_summary(doc):
    top = doc[0]
    return {"ms": top["Execution Time"], "rows": top["Plan"]["Actual Rows"],
            "scans": [[x["Relation Name"], x["Node Type"], x.get("Index Name")]
                      for x in plan_nodes(doc) if "Relation Name" in x]}


def check_summarize(pg, admin, n, customers, tap):
    mod = tap.load("plan")
    if not tap.need(mod, "summarize"):
        tap.finish()
    queries = [
        ("SELECT count(*) FROM orders WHERE total_cents > %s", (RNG.randint(100, 50000),)),
        ("SELECT * FROM orders WHERE id = %s", (RNG.randint(1, n),)),
        ("SELECT c.email, sum(o.total_cents) FROM customers c JOIN orders o ON o.customer_id = c.id "
         "WHERE c.id <= %s GROUP BY c.email ORDER BY 2 DESC LIMIT 5", (RNG.randint(2, 40),)),
        ("SELECT o.id FROM orders o WHERE o.customer_id IN (SELECT id FROM customers WHERE id %% %s = 0) "
         "ORDER BY o.id LIMIT %s", (RNG.randint(50, 90), RNG.randint(3, 30))),
        (Q1, (RNG.randint(1, customers),)),
    ]
    for sql, params in queries:
        doc = explain(admin, sql, params)
        want = expected_summary(doc)
        got = call(mod.summarize, doc, label="summarize(<the plan of " + sql.split(" FROM")[0] + " ...>)")
        if not isinstance(got, dict):
            raise Fail(f"summarize() returned {short(got)}, not a dict")
        for key in ("ms", "rows", "scans"):
            if key not in got:
                raise Fail(f"summarize() has no {key!r} key: {short(got)}")
        if not isinstance(got["ms"], (int, float)) or abs(got["ms"] - want["ms"]) > 1e-9:
            raise Fail(f"'ms' is {short(got['ms'])}, expected the Execution Time {want['ms']}")
        if got["rows"] != want["rows"]:
            raise Fail(f"'rows' is {short(got['rows'])}, expected the top node's Actual Rows {want['rows']}")
        scans = [list(s) if isinstance(s, (list, tuple)) else s for s in got["scans"]] \
            if isinstance(got["scans"], (list, tuple)) else got["scans"]
        if scans != want["scans"]:
            raise Fail(f"'scans' for the plan\n  {shape(doc)}\nis {short(got['scans'], 400)}\n"
                       f"expected {short(want['scans'], 400)}")


def main():
    which = sys.argv[1]
    tap = Tap(1)
    try:
        pg = Postgres.start()
    except ServiceError as exc:
        print(f"Bail out! PostgreSQL did not start inside the check: {exc}".splitlines()[0])
        print(str(exc), file=sys.stderr)
        sys.exit(2)
    n, customers = load(pg)
    desc = {"history": "Q1 uses an index and needs no sort",
            "refunds": "Q2 finds the refunded orders through an index",
            "only-indexes": "indexes.sql only adds indexes",
            "summarize": "summarize() reads EXPLAIN (ANALYZE, FORMAT JSON)"}[which]
    if which == "summarize":
        tap.test(desc, lambda: check_summarize(pg, pg.connect(), n, customers, tap))
        tap.finish()
    err = pg.run_file("indexes.sql")
    if err:
        tap.ok(False, desc, err)
        tap.finish()
    admin = pg.connect()
    admin.cursor().execute("ANALYZE orders; ANALYZE customers")
    planner_defaults(admin)
    fn = {"history": check_history, "refunds": check_refunds, "only-indexes": check_only_indexes}[which]
    tap.test(desc, lambda: fn(pg, admin, n, customers))
    tap.finish()


if __name__ == "__main__":
    main()
