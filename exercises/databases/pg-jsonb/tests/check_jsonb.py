"""Checks for indexes.sql and search.py. Usage: check_jsonb.py results|gin|only-indexes

A private PostgreSQL (tests/pgcheck.py) holds random product documents, new
on every run. search.py only builds SQL: each function returns the query
and its parameters, and the check runs them itself, as the table's owner in
a READ ONLY transaction for the results, and as the superuser with the
planner's settings put back to their defaults for the plans. So no setting
of the learner's and no session of theirs can change a plan the check
reads.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgcheck import Postgres, only_indexes, plan_nodes, planner_defaults, shape  # noqa: E402
from services import ServiceError  # noqa: E402
from taplib import Fail, Tap, call, short  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
TAGS = ["eco", "sale", "new", "gift", "outdoor", "kids", "vintage", "handmade", "bulk", "premium", "travel",
        "office", "kitchen", "garden", "pets", "sport", "winter", "summer", "audio", "light", "smart", "wood",
        "metal", "glass", "cotton", "wool", "leather", "paper", "solar", "usb"]
COLORS = ["red", "green", "blue", "black", "white", "grey", "yellow", "orange", "purple", "pink", "brown",
          "teal", "navy", "olive", "maroon", "beige", "gold", "silver", "ivory", "coral"]
RARE_KEYS = ["discontinued", "recall_notice", "preorder", "energy_label", "hazmat", "refurbished"]
COLUMNS = "id integer, doc jsonb"


def documents():
    n = RNG.randint(8_000, 10_000)
    docs = []
    for i in range(1, n + 1):
        d = {"name": f"product {i}", "price_cents": RNG.randint(100, 99_999),
             "tags": RNG.sample(TAGS, RNG.randint(1, 4)), "color": RNG.choice(COLORS),
             "stock": RNG.randint(0, 40)}
        if RNG.random() < 0.3:
            d["size"] = RNG.choice(["S", "M", "L", "XL"])
        if RNG.random() < 0.01:
            d[RNG.choice(RARE_KEYS)] = RNG.choice([True, "2025-01-01", 3])
        docs.append(d)
    return docs


def load(pg):
    docs = documents()
    app = pg.connect("learner")
    cur = app.cursor()
    cur.execute("CREATE TABLE products (id integer PRIMARY KEY, doc jsonb NOT NULL)")
    cur.execute("INSERT INTO products SELECT ord::int, d FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS t(d, ord)",
                (json.dumps(docs),))
    app.close()
    return docs


def has_tags(tags):
    return lambda doc: set(tags) <= set(doc["tags"])


def has_attribute(key, value):
    return lambda doc: key in doc and doc[key] == value and type(doc[key]) is type(value)


def has_key(key):
    return lambda doc: key in doc


def questions(docs):
    """Random questions (function, arguments, the test a matching document passes), each
    answered by few enough rows that an index should find them."""
    qs = []
    for _ in range(2):
        tags = RNG.sample(RNG.choice([d for d in docs if len(d["tags"]) >= 2])["tags"], 2)
        qs.append(("with_tags", (tags,), has_tags(tags)))
    for _ in range(2):
        d = RNG.choice(docs)
        key = RNG.choice(["color", "stock"] + (["size"] if "size" in d else []))
        qs.append(("with_attribute", (key, d[key]), has_attribute(key, d[key])))
    present = sorted({k for d in docs for k in d if k in RARE_KEYS})
    for key in RNG.sample(present, min(2, len(present))):
        qs.append(("with_key", (key,), has_key(key)))
    return qs


def learner_sql(mod, fn, args):
    label = f"{fn}({', '.join(map(repr, args))})"
    got = call(getattr(mod, fn), *args, label=label)
    if not (isinstance(got, (tuple, list)) and len(got) == 2 and isinstance(got[0], str)
            and isinstance(got[1], (tuple, list, dict))):
        raise Fail(f"{label} returned {short(got)}; expected (sql, params): a string and a tuple or dict")
    sql = got[0].strip().rstrip(";").strip()
    if ";" in sql.replace("';'", ""):
        raise Fail(f"{label}: the SQL holds more than one statement: {short(sql, 300)}")
    return label, sql, got[1]


def check_results(pg, admin, docs, mod):
    app = pg.connect("learner")
    app.autocommit = False
    import psycopg2  # noqa: PLC0415
    for fn, args, match in questions(docs):
        label, sql, params = learner_sql(mod, fn, args)
        cur = app.cursor()
        try:
            cur.execute("SET TRANSACTION READ ONLY")
            cur.execute(sql, params)
            rows = cur.fetchall()
        except psycopg2.Error as exc:
            raise Fail(f"PostgreSQL refused the query of {label}: {str(exc).strip()}\n  query: {short(sql, 300)}") from None
        finally:
            app.rollback()
        want = [i for i, d in enumerate(docs, 1) if match(d)]
        got = [r[0] if len(r) == 1 else r for r in rows]
        if got != want:
            extra = sorted(set(map(str, got)) - set(map(str, want)))[:5]
            miss = sorted(set(map(str, want)) - set(map(str, got)))[:5]
            raise Fail(f"{label}: the query returned {len(got)} rows, expected the {len(want)} ids "
                       f"{short(want, 120)} in increasing order" + (f"; not expected: {', '.join(extra)}" if extra else "")
                       + (f"; missing: {', '.join(miss)}" if miss else "")
                       + ("" if extra or miss else "; same ids, another order or shape (one column: id)")
                       + f"\n  query: {short(sql, 300)}")


def check_gin(pg, admin, docs, mod):
    planner_defaults(admin)
    cur = admin.cursor()
    cur.execute("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = 'products'::regclass AND a.amname = 'gin'")
    gin = {r[0] for r in cur.fetchall()}
    if not gin:
        raise Fail("products has no GIN index: indexes.sql must create one (CREATE INDEX ... USING gin (...))")
    for fn, args, _match in questions(docs):
        label, sql, params = learner_sql(mod, fn, args)
        cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        doc = cur.fetchone()[0]
        nodes = [n for n in plan_nodes(doc)]
        if any(n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "products" for n in nodes):
            raise Fail(f"{label} reads every product (Seq Scan on products); plan: {shape(doc)}\n"
                       f"  query: {short(sql, 300)}")
        used = {n.get("Index Name") for n in nodes} & gin
        if not used:
            raise Fail(f"{label} does not use the GIN index ({', '.join(sorted(gin))}); plan: {shape(doc)}\n"
                       f"  query: {short(sql, 300)}")


def main():
    which = sys.argv[1]
    desc = {"results": "with_tags, with_attribute and with_key find exactly the matching products",
            "gin": "every query is served by a GIN index",
            "only-indexes": "indexes.sql only adds indexes"}[which]
    tap = Tap(1)
    mod = None
    if which != "only-indexes":
        mod = tap.start("search", needs=("with_tags", "with_attribute", "with_key")).module
    try:
        pg = Postgres.start()
    except ServiceError as exc:
        print(f"Bail out! PostgreSQL did not start inside the check: {exc}".splitlines()[0])
        print(str(exc), file=sys.stderr)
        sys.exit(2)
    docs = load(pg)
    if which != "results":
        err = pg.run_file("indexes.sql")
        if err:
            tap.ok(False, desc, err)
            tap.finish()
    admin = pg.connect()
    admin.cursor().execute("ANALYZE products")
    if which == "only-indexes":
        tap.test(desc, lambda: only_indexes(admin, "products", COLUMNS, len(docs), 2))
    else:
        fn = check_results if which == "results" else check_gin
        tap.test(desc, lambda: fn(pg, admin, docs, mod))
    tap.finish()


if __name__ == "__main__":
    main()
