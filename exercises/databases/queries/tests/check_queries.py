"""Checks for the five report queries.

Usage: check_queries.py QUERY|second-dataset     (run by roadmap-run)
       check_queries.py dump SEED                 (print a random data set as SQL, to debug a failure)

Each query runs on shop.sql's sample data and on data sets made at random at
check time (new names, ids, prices, dates, row counts and ties every run), and
its rows are compared with what this script computes from the same data in
Python. A query that only returns rows copied from an earlier run cannot pass.
"""
import os
import random
import sqlite3
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

TESTS = os.path.dirname(os.path.abspath(__file__))
SALES = ("paid", "shipped")
STATUSES = ("pending", "paid", "shipped", "cancelled")

QUERIES = {
    "top_customers": ["name", "email", "total_cents"],
    "customers_without_orders": ["email"],
    "monthly_revenue": ["month", "revenue_cents", "running_total_cents"],
    "best_sellers": ["category", "product", "units", "rank"],
    "order_totals": ["order_id", "items", "total_cents"],
}


def empty_db():
    conn = sqlite3.connect(":memory:")
    with open(os.path.join(TESTS, "shop.sql"), encoding="utf-8") as f:
        conn.executescript(f.read())
    conn.executescript("DELETE FROM order_items; DELETE FROM orders; DELETE FROM products; DELETE FROM customers;")
    return conn


def sample_db():
    conn = sqlite3.connect(":memory:")
    with open(os.path.join(TESTS, "shop.sql"), encoding="utf-8") as f:
        conn.executescript(f.read())
    return conn


SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "so", "vel", "dor", "an", "is", "ul", "bre", "qu", "zan", "fi", "mo",
             "nia", "ros", "tal", "ek", "wy", "jo", "hal", "pe"]


def word(rng, lo=2, hi=3):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(lo, hi)))


def unique(rng, make, n):
    out, seen = [], set()
    while len(out) < n:
        w = make()
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def random_db(seed):
    """The shop's schema with a random data set: guests, empty orders, unsold products, ties."""
    rng = random.Random(seed)
    conn = empty_db()
    n_cust = rng.randint(6, 30)
    cust_ids = rng.sample(range(1, 10_000), n_cust)
    names = unique(rng, lambda: word(rng).capitalize(), n_cust)
    domains = [f"{word(rng, 1, 2)}.{rng.choice(['com', 'org', 'net', 'io'])}" for _ in range(3)]
    customers = []
    for cid, name in zip(cust_ids, names):
        email = f"{name.lower()}{rng.choice(['', '.', '_'])}{rng.randint(1, 99)}@{rng.choice(domains)}"
        customers.append((cid, email, name, rng.choice(["NL", "US", "DE", "FR", "JP"])))
    rng.shuffle(customers)
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?)", customers)

    n_prod = rng.randint(5, 20)
    cats = unique(rng, lambda: word(rng, 1, 3), rng.randint(2, 5))
    prod_ids = rng.sample(range(1, 10_000), n_prod)
    pnames = unique(rng, lambda: word(rng).capitalize() + rng.choice(["", " " + word(rng, 1, 2)]), n_prod)
    products = [(pid, f"SKU-{i}-{rng.randint(100, 999)}", pname, rng.choice(cats), rng.randint(1, 500) * 10)
                for i, (pid, pname) in enumerate(zip(prod_ids, pnames))]
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?)", products)

    buyers = rng.sample(cust_ids, max(1, n_cust - rng.randint(1, 4)))  # the others never order
    sellable = rng.sample(prod_ids, max(1, n_prod - rng.randint(0, 3)))  # the others never sell
    years = rng.sample(range(2015, 2026), rng.randint(1, 3))
    n_orders = rng.randint(12, 120)
    order_ids = rng.sample(range(1, 100_000), n_orders + 2)
    extra_ids = order_ids[n_orders:]
    order_ids = order_ids[:n_orders]
    orders, items = [], []
    guest_share = rng.choice([0.05, 0.15, 0.3])
    for i, oid in enumerate(order_ids):
        cust = None if (i == 0 or rng.random() < guest_share) else rng.choice(buyers)
        status = "paid" if i == 1 else rng.choice(STATUSES)
        stamp = (f"{rng.choice(years)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                 f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")
        orders.append((oid, cust, status, stamp))
        if i == 2 or rng.random() < 0.1:
            continue  # an order without items
        for pid in rng.sample(sellable, rng.randint(1, min(4, len(sellable)))):
            items.append((oid, pid, rng.randint(1, 6), rng.randint(1, 900) * 5))
    rng.shuffle(orders)
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", orders)
    conn.executemany("INSERT INTO order_items VALUES (?, ?, ?, ?)", items)
    conn.commit()

    # Usually: two customers with exactly the same sales total, one of them in the top three.
    totals = spent(conn)
    ranked = sorted(totals, key=lambda c: -totals[c])
    if len(ranked) >= 2 and rng.random() < 0.8:
        a = rng.choice(ranked[:3])
        b = rng.choice([c for c in cust_ids if c != a])
        diff = totals[a] - totals.get(b, 0)
        if diff > 0:
            conn.execute("INSERT INTO orders VALUES (?, ?, 'paid', ?)", (extra_ids[0], b, f"{years[0]}-06-15 12:00:00"))
            conn.execute("INSERT INTO order_items VALUES (?, ?, 1, ?)", (extra_ids[0], rng.choice(sellable), diff))
    # Usually: two products of one category with the same units sold, at rank 1 or 2.
    units = units_sold(conn)
    cat_of = products_cat(conn)
    by_cat = defaultdict(list)
    for pid in units:
        by_cat[cat_of[pid]].append(pid)
    crowded = [c for c in by_cat if len(by_cat[c]) >= 3]
    if crowded and rng.random() < 0.8:
        pids = sorted(by_cat[rng.choice(crowded)], key=lambda p: -units[p])
        k = rng.choice([0, 1])
        diff = units[pids[k]] - units[pids[k + 1]]
        if diff > 0:
            conn.execute("INSERT INTO orders VALUES (?, NULL, 'shipped', ?)", (extra_ids[1], f"{years[-1]}-02-03 04:05:06"))
            conn.execute("INSERT INTO order_items VALUES (?, ?, ?, 100)", (extra_ids[1], pids[k + 1], diff))
    conn.commit()
    return conn


def rows(conn, sql):
    return conn.execute(sql).fetchall()


def products_cat(conn):
    return dict(rows(conn, "SELECT id, category FROM products"))


def units_sold(conn):
    status = dict(rows(conn, "SELECT id, status FROM orders"))
    units = defaultdict(int)
    for oid, pid, q, _price in rows(conn, "SELECT order_id, product_id, quantity, unit_price_cents FROM order_items"):
        if status[oid] in SALES:
            units[pid] += q
    return dict(units)


def spent(conn):
    status = dict(rows(conn, "SELECT id, status FROM orders"))
    owner = dict(rows(conn, "SELECT id, customer_id FROM orders"))
    out = defaultdict(int)
    for oid, _pid, q, price in rows(conn, "SELECT order_id, product_id, quantity, unit_price_cents FROM order_items"):
        if status[oid] in SALES and owner[oid] is not None:
            out[owner[oid]] += q * price
    return dict(out)


def expected(conn, name):
    customers = {r[0]: r for r in rows(conn, "SELECT id, email, name, country FROM customers")}
    products = {r[0]: r for r in rows(conn, "SELECT id, sku, name, category, price_cents FROM products")}
    orders = {r[0]: r for r in rows(conn, "SELECT id, customer_id, status, created_at FROM orders")}
    items = rows(conn, "SELECT order_id, product_id, quantity, unit_price_cents FROM order_items")
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
        units = units_sold(conn)
        out = []
        for cat in sorted({p[3] for p in products.values()}):
            sold = [(products[p][2], u) for p, u in units.items() if products[p][3] == cat]
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
        raise Fail(missing(f"{name}.sql"))
    with open(path, encoding="utf-8") as f:
        return f.read()


def table(header, data, limit=12):
    lines = [" | ".join(header)] + [" | ".join(map(repr, r)) for r in data[:limit]]
    if len(data) > limit:
        lines.append(f"... {len(data) - limit} more rows")
    return "\n    ".join(lines)


def run_query(conn, sql, name, where):
    """The learner's query on conn, read-only and with a time limit: (header, rows)."""
    deadline = time.monotonic() + 2.0
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
    conn.execute("PRAGMA query_only = ON")
    try:
        cur = conn.execute(sql)
        got = [tuple(r) for r in cur.fetchall()]
        header = [d[0] for d in cur.description or []]
    except sqlite3.Error as exc:
        why = "it ran for more than 2 seconds" if time.monotonic() > deadline else f"{type(exc).__name__}: {exc}"
        raise Fail(f"{name}.sql failed on {where}: {why}") from None
    finally:
        conn.set_progress_handler(None, 0)
        conn.execute("PRAGMA query_only = OFF")
    return header, got


def check_query(name, conn, where):
    sql = load_query(name)
    want = expected(conn, name)  # computed before the learner's query runs
    header, got = run_query(conn, sql, name, where)
    want_header = QUERIES[name]
    if header != want_header:
        raise Fail(f"{name}.sql returns the columns {header!r}; expected {want_header!r} (use AS to name them)")
    if got != want or [tuple(map(type, r)) for r in got] != [tuple(map(type, r)) for r in want]:
        first = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w or list(map(type, g)) != list(map(type, w))),
                     min(len(got), len(want)))
        raise Fail(f"{name}.sql on {where} returned {len(got)} rows; expected {len(want)}. "
                   f"First difference at row {first + 1}.\n  got:\n    {table(header, got)}\n"
                   f"  expected:\n    {table(want_header, want)}")


def new_seed():
    return int.from_bytes(os.urandom(6), "big")


def random_where(seed):
    return (f"a random data set (seed {seed}; `python3 tests/check_queries.py dump {seed} > random.sql` "
            "writes it as SQL)")


def run_one(tap, name):
    tap.test(f"{name}.sql returns the right rows on the sample data",
             lambda: check_query(name, sample_db(), "the sample data"))
    seed = new_seed()
    tap.test(f"{name}.sql returns the right rows on a random data set (new every run)",
             lambda: check_query(name, random_db(seed), random_where(seed)))


def run_second(tap):
    for name in QUERIES:
        def many(n=name):
            for _ in range(3):
                seed = new_seed()
                check_query(n, random_db(seed), random_where(seed))
        tap.test(f"{name}.sql is right on three more random data sets", many)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "dump" and len(sys.argv) == 3:
        for line in random_db(int(sys.argv[2])).iterdump():
            print(line)
        return
    if mode == "second-dataset":
        tap = Tap(len(QUERIES))
        run_second(tap)
    elif mode in QUERIES:
        tap = Tap(2)
        run_one(tap, mode)
    else:
        print(f"usage: check_queries.py {'|'.join(QUERIES)}|second-dataset|dump SEED", file=sys.stderr)
        sys.exit(2)
    tap.finish()


main()
