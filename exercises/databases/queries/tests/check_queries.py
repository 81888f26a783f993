"""Checks for the five report queries. Usage: check_queries.py QUERY|second-dataset"""
import os
import random
import sqlite3
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap  # noqa: E402

TESTS = os.path.dirname(os.path.abspath(__file__))
SALES = ("paid", "shipped")

QUERIES = {
    "top_customers": ["name", "email", "total_cents"],
    "customers_without_orders": ["email"],
    "monthly_revenue": ["month", "revenue_cents", "running_total_cents"],
    "best_sellers": ["category", "product", "units", "rank"],
    "order_totals": ["order_id", "items", "total_cents"],
}


def sample_db():
    conn = sqlite3.connect(":memory:")
    with open(os.path.join(TESTS, "shop.sql"), encoding="utf-8") as f:
        conn.executescript(f.read())
    return conn


def random_db(seed):
    """The same schema with a larger random data set: ties, guests, empty orders, unsold products."""
    conn = sample_db()
    conn.executescript("DELETE FROM order_items; DELETE FROM orders; DELETE FROM products; DELETE FROM customers;")
    rng = random.Random(seed)
    names = ["Ada", "Ben", "Cleo", "Dan", "Eli", "Fia", "Gus", "Hal", "Ida", "Jo", "Kai", "Lu", "Mo", "Ned",
             "Ola", "Pia", "Quin", "Rae", "Sam", "Tia"]
    for i, n in enumerate(names, 1):
        conn.execute("INSERT INTO customers VALUES (?, ?, ?, ?)", (i, f"{n.lower()}@example.org", n, rng.choice("NL US DE".split())))
    cats = ["books", "garden", "toys"]
    for i in range(1, 16):
        conn.execute("INSERT INTO products VALUES (?, ?, ?, ?, ?)",
                     (i, f"SKU-{i:03d}", f"Item {chr(64 + i)}", cats[i % 3], rng.randrange(1, 50) * 100))
    for o in range(1, 121):
        cust = None if rng.random() < 0.1 else rng.randrange(1, 17)  # customers 17-20 never order
        status = rng.choice(["pending", "paid", "paid", "shipped", "shipped", "cancelled"])
        month = rng.choice(["2023-11", "2023-12", "2024-01", "2024-02", "2024-04"])
        conn.execute("INSERT INTO orders VALUES (?, ?, ?, ?)",
                     (o, cust, status, f"{month}-{rng.randrange(1, 29):02d} {rng.randrange(24):02d}:00:00"))
        if rng.random() < 0.1:
            continue  # an order without items
        for p in rng.sample(range(1, 14), rng.randrange(1, 4)):  # products 14 and 15 never sell
            conn.execute("INSERT INTO order_items VALUES (?, ?, ?, ?)", (o, p, rng.randrange(1, 4), rng.randrange(1, 30) * 100))
    # Two customers with exactly the same sales total, to test the tie-break on name.
    conn.execute("INSERT INTO orders VALUES (500, 1, 'paid', '2024-04-30 10:00:00')")
    conn.execute("INSERT INTO orders VALUES (501, 2, 'paid', '2024-04-30 11:00:00')")
    conn.commit()
    totals = spent(conn)
    top = max(totals.values())
    for cid, oid in ((1, 500), (2, 501)):
        conn.execute("INSERT INTO order_items VALUES (?, 15, 1, ?)", (oid, top + 100_000 - totals.get(cid, 0)))
    # Two products of one category with exactly the same units sold, to test RANK() ties.
    units = defaultdict(int)
    status = dict(rows(conn, "SELECT id, status FROM orders"))
    for oid, pid, q, _price in rows(conn, "SELECT * FROM order_items"):
        if status[oid] in SALES:
            units[pid] += q
    books = sorted((p for p in units if p % 3 == 0), key=lambda p: -units[p])
    conn.execute("INSERT INTO orders VALUES (502, 3, 'shipped', '2024-04-30 12:00:00')")
    conn.execute("INSERT INTO order_items VALUES (502, ?, ?, 100)", (books[1], units[books[0]] - units[books[1]] + 7))
    conn.execute("INSERT INTO order_items VALUES (502, ?, 7, 100)", (books[0],))
    conn.commit()
    return conn


def rows(conn, sql):
    return conn.execute(sql).fetchall()


def spent(conn):
    status = dict(rows(conn, "SELECT id, status FROM orders"))
    owner = dict(rows(conn, "SELECT id, customer_id FROM orders"))
    out = defaultdict(int)
    for oid, _pid, q, price in rows(conn, "SELECT * FROM order_items"):
        if status[oid] in SALES and owner[oid] is not None:
            out[owner[oid]] += q * price
    return dict(out)


def expected(conn, name):
    customers = {r[0]: r for r in rows(conn, "SELECT * FROM customers")}
    products = {r[0]: r for r in rows(conn, "SELECT * FROM products")}
    orders = {r[0]: r for r in rows(conn, "SELECT * FROM orders")}
    items = rows(conn, "SELECT * FROM order_items")
    if name == "top_customers":
        totals = spent(conn)
        ranked = sorted(((customers[c][2], customers[c][1], t) for c, t in totals.items()), key=lambda r: (-r[2], r[0]))
        return ranked[:3]
    if name == "customers_without_orders":
        ordered = {o[1] for o in orders.values()}
        return sorted((c[1],) for c in customers.values() if c[0] not in ordered)
    if name == "monthly_revenue":
        month = defaultdict(int)
        for oid, _pid, q, price in items:
            if orders[oid][2] in SALES:
                month[orders[oid][3][:7]] += q * price
        out, running = [], 0
        for m in sorted(month):
            running += month[m]
            out.append((m, month[m], running))
        return out
    if name == "best_sellers":
        units = defaultdict(int)
        for oid, pid, q, _price in items:
            if orders[oid][2] in SALES:
                units[pid] += q
        out = []
        for cat in sorted({p[3] for p in products.values()}):
            sold = sorted(((products[p][2], u) for p, u in units.items() if products[p][3] == cat), key=lambda r: -r[1])
            for name_, u in sold:
                rank = 1 + sum(1 for _, other in sold if other > u)
                if rank <= 2:
                    out.append((cat, name_, u, rank))
        return sorted(out, key=lambda r: (r[0], r[3], r[1]))
    if name == "order_totals":
        count, total = defaultdict(int), defaultdict(int)
        for oid, _pid, q, price in items:
            count[oid] += 1
            total[oid] += q * price
        return [(o, count[o], total[o]) for o in sorted(orders)]
    raise KeyError(name)


def load_query(name):
    path = os.path.join(os.getcwd(), f"{name}.sql")
    if not os.path.isfile(path):
        raise Fail(f"{name}.sql not found in your submission")
    with open(path, encoding="utf-8") as f:
        return f.read()


def table(header, data, limit=12):
    lines = [" | ".join(header)] + [" | ".join(map(repr, r)) for r in data[:limit]]
    if len(data) > limit:
        lines.append(f"... {len(data) - limit} more rows")
    return "\n    ".join(lines)


def check_query(name, conn, where):
    sql = load_query(name)
    conn.execute("PRAGMA query_only = ON")
    try:
        cur = conn.execute(sql)
        got = [tuple(r) for r in cur.fetchall()]
        header = [d[0] for d in cur.description or []]
    except sqlite3.Error as exc:
        raise Fail(f"{name}.sql failed on {where}: {type(exc).__name__}: {exc}") from None
    finally:
        conn.execute("PRAGMA query_only = OFF")
    want_header = QUERIES[name]
    if header != want_header:
        raise Fail(f"{name}.sql returns the columns {header!r}; expected {want_header!r} (use AS to name them)")
    want = expected(conn, name)
    if got != want:
        first = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
        raise Fail(f"{name}.sql on {where} returned {len(got)} rows; expected {len(want)}. "
                   f"First difference at row {first + 1}.\n  got:\n    {table(header, got)}\n"
                   f"  expected:\n    {table(want_header, want)}")


def run_one(tap, name):
    tap.test(f"{name}.sql returns the right rows on the sample data", lambda: check_query(name, sample_db(), "the sample data"))


def run_second(tap):
    for name in QUERIES:
        tap.test(f"{name}.sql is right on a larger data set",
                 lambda n=name: check_query(n, random_db(2024), "a larger data set with ties, guests and empty orders"))


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "second-dataset":
        tap = Tap(len(QUERIES))
        run_second(tap)
    elif mode in QUERIES:
        tap = Tap(1)
        run_one(tap, mode)
    else:
        print(f"usage: check_queries.py {'|'.join(QUERIES)}|second-dataset", file=sys.stderr)
        sys.exit(2)
    tap.finish()


main()
