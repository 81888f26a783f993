"""Checks for schema.sql. Usage: check_schema.py tables|valid-data|constraints|deletes|types"""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap  # noqa: E402

COLUMNS = {
    "customers": ["id", "email", "name", "created_at"],
    "products": ["id", "sku", "name", "price_cents"],
    "orders": ["id", "customer_id", "status", "created_at"],
    "order_items": ["order_id", "product_id", "quantity", "unit_price_cents"],
}


def read_schema():
    path = os.path.join(os.getcwd(), "schema.sql")
    if not os.path.isfile(path):
        return None, "schema.sql not found: your submission must contain schema.sql"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        db(text)
    except sqlite3.Error as exc:
        return None, f"schema.sql does not run on an empty SQLite database: {exc}"
    return text, None


def db(schema):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(schema)
    return conn


BASE = [
    "INSERT INTO customers (id, email, name) VALUES (1, 'ann@example.com', 'Ann')",
    "INSERT INTO customers (id, email, name) VALUES (2, 'bob@example.com', 'Bob')",
    "INSERT INTO customers (id, email, name) VALUES (3, 'cy@example.com', 'Cy')",
    "INSERT INTO products (id, sku, name, price_cents) VALUES (1, 'MUG-1', 'Mug', 1200)",
    "INSERT INTO products (id, sku, name, price_cents) VALUES (2, 'TEE-M', 'T-shirt', 2500)",
    "INSERT INTO products (id, sku, name, price_cents) VALUES (3, 'PEN-0', 'Pen', 0)",
    "INSERT INTO orders (id, customer_id, status) VALUES (1, 1, 'paid')",
    "INSERT INTO orders (id, customer_id) VALUES (2, 1)",
    "INSERT INTO order_items VALUES (1, 1, 2, 1200)",
    "INSERT INTO order_items VALUES (1, 2, 1, 2300)",
    "INSERT INTO order_items VALUES (2, 1, 1, 1200)",
]


def base(schema):
    conn = db(schema)
    for stmt in BASE:
        try:
            conn.execute(stmt)
        except sqlite3.Error as exc:
            raise Fail(f"a valid statement failed on your schema:\n  {stmt}\n  {type(exc).__name__}: {exc}") from None
    return conn


def must_fail(schema, stmt, why):
    conn = base(schema)
    try:
        conn.execute(stmt)
    except sqlite3.Error:
        return conn
    raise Fail(f"this statement succeeded but must fail ({why}):\n  {stmt}")


def must_work(conn, stmt):
    try:
        return conn.execute(stmt)
    except sqlite3.Error as exc:
        raise Fail(f"this valid statement failed:\n  {stmt}\n  {type(exc).__name__}: {exc}") from None


def run_tables(tap, schema):
    conn = db(schema)

    def columns(table):
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        if not info:
            raise Fail(f"there is no table {table}")
        got = [row[1] for row in info]
        if sorted(got) != sorted(COLUMNS[table]):
            extra = sorted(set(got) - set(COLUMNS[table]))
            missing = sorted(set(COLUMNS[table]) - set(got))
            raise Fail(f"{table} has the columns {got!r}; expected exactly {COLUMNS[table]!r}"
                       + (f"\n  missing: {missing!r}" if missing else "")
                       + (f"\n  not allowed (a fact stored twice is not normalised): {extra!r}" if extra else ""))

    def foreign_keys():
        want = {("orders", "customer_id", "customers"), ("order_items", "order_id", "orders"),
                ("order_items", "product_id", "products")}
        got = set()
        for table in ("orders", "order_items"):
            for row in conn.execute(f"PRAGMA foreign_key_list({table})"):
                got.add((table, row[3], row[2]))
        missing = sorted(want - got)
        if missing:
            raise Fail("missing foreign keys (REFERENCES): " +
                       ", ".join(f"{t}.{c} -> {r}" for t, c, r in missing))

    def item_key():
        pk = [row[1] for row in sorted(conn.execute("PRAGMA table_info(order_items)"), key=lambda r: r[5]) if row[5]]
        if pk != ["order_id", "product_id"]:
            raise Fail(f"the primary key of order_items is {pk!r}; expected ['order_id', 'product_id']")

    for table in COLUMNS:
        tap.test(f"{table} has exactly the listed columns", lambda t=table: columns(t))
    tap.test("the three foreign keys are declared", foreign_keys)
    tap.test("order_items has the primary key (order_id, product_id)", item_key)


def run_valid(tap, schema):
    def inserts():
        base(schema)

    def auto_ids():
        conn = base(schema)
        must_work(conn, "INSERT INTO customers (email, name) VALUES ('dee@example.com', 'Dee')")
        cid = conn.execute("SELECT id FROM customers WHERE email = 'dee@example.com'").fetchone()[0]
        if cid != 4:
            raise Fail(f"the new customer got id {cid!r}; expected 4 (id must be INTEGER PRIMARY KEY)")
        must_work(conn, f"INSERT INTO orders (customer_id) VALUES ({cid})")

    def defaults():
        conn = base(schema)
        status, created = conn.execute("SELECT status, created_at FROM orders WHERE id = 2").fetchone()
        if status != "pending":
            raise Fail(f"an order inserted without a status has status {status!r}; expected 'pending'")
        if not isinstance(created, str) or not created.startswith("20"):
            raise Fail(f"an order inserted without created_at has created_at {created!r}; expected CURRENT_TIMESTAMP")
        created = conn.execute("SELECT created_at FROM customers WHERE id = 1").fetchone()[0]
        if not isinstance(created, str) or not created.startswith("20"):
            raise Fail(f"a customer inserted without created_at has {created!r}; expected CURRENT_TIMESTAMP")

    def zero_price():
        conn = base(schema)
        must_work(conn, "INSERT INTO order_items VALUES (2, 3, 5, 0)")
        must_work(conn, "UPDATE orders SET status = 'shipped' WHERE id = 1")
        must_work(conn, "UPDATE orders SET status = 'cancelled' WHERE id = 2")

    tap.test("a valid shop (customers, products, orders, items) can be inserted", inserts)
    tap.test("ids are assigned automatically", auto_ids)
    tap.test("status defaults to 'pending', created_at to the current time", defaults)
    tap.test("free products, all four statuses and updates are accepted", zero_price)


CONSTRAINTS = [
    ("an email that differs only in case is refused", "INSERT INTO customers (email, name) VALUES ('ANN@Example.COM', 'Ann 2')", "emails are unique ignoring case"),
    ("a customer without a name is refused", "INSERT INTO customers (email, name) VALUES ('x@example.com', NULL)", "name is required"),
    ("a duplicate SKU is refused", "INSERT INTO products (sku, name, price_cents) VALUES ('MUG-1', 'Other mug', 900)", "sku is unique"),
    ("a negative price is refused", "INSERT INTO products (sku, name, price_cents) VALUES ('NEG', 'Refund', -1)", "price_cents >= 0"),
    ("an order for a missing customer is refused", "INSERT INTO orders (customer_id) VALUES (999)", "customer_id must refer to a customer"),
    ("an unknown status is refused", "INSERT INTO orders (customer_id, status) VALUES (1, 'lost')", "status is one of four values"),
    ("a quantity of 0 is refused", "INSERT INTO order_items VALUES (2, 2, 0, 2500)", "quantity > 0"),
    ("the same product twice in one order is refused", "INSERT INTO order_items VALUES (1, 1, 1, 1200)", "(order_id, product_id) is the primary key"),
    ("an item for a missing product is refused", "INSERT INTO order_items VALUES (2, 99, 1, 100)", "product_id must refer to a product"),
    ("an item for a missing order is refused", "INSERT INTO order_items VALUES (99, 1, 1, 100)", "order_id must refer to an order"),
]


def run_constraints(tap, schema):
    for desc, stmt, why in CONSTRAINTS:
        tap.test(desc, lambda s=stmt, w=why: must_fail(schema, s, w))


def run_deletes(tap, schema):
    def customer_with_orders():
        must_fail(schema, "DELETE FROM customers WHERE id = 1", "a customer with orders cannot be deleted")

    def customer_without_orders():
        conn = base(schema)
        must_work(conn, "DELETE FROM customers WHERE id = 3")

    def order_cascades():
        conn = base(schema)
        must_work(conn, "DELETE FROM orders WHERE id = 1")
        left = conn.execute("SELECT count(*) FROM order_items WHERE order_id = 1").fetchone()[0]
        if left:
            raise Fail(f"after DELETE FROM orders WHERE id = 1, {left} of its items are still there; "
                       "deleting an order must delete its items (ON DELETE CASCADE)")

    def product_in_order():
        must_fail(schema, "DELETE FROM products WHERE id = 1", "a product that appears in an order cannot be deleted")

    def product_unused():
        conn = base(schema)
        must_work(conn, "DELETE FROM products WHERE id = 3")

    tap.test("a customer with orders cannot be deleted", customer_with_orders)
    tap.test("a customer without orders can be deleted", customer_without_orders)
    tap.test("deleting an order deletes its items", order_cascades)
    tap.test("a product that is in an order cannot be deleted", product_in_order)
    tap.test("an unused product can be deleted", product_unused)


def run_types(tap, schema):
    tap.test("text in price_cents is refused", lambda: must_fail(
        schema, "INSERT INTO products (sku, name, price_cents) VALUES ('T1', 'Typo', 'abc')", "integers only"))
    tap.test("a fractional quantity is refused", lambda: must_fail(
        schema, "INSERT INTO order_items VALUES (2, 2, 2.5, 100)", "integers only"))
    tap.test("an UPDATE cannot create a case-insensitive duplicate email", lambda: must_fail(
        schema, "UPDATE customers SET email = 'BOB@EXAMPLE.COM' WHERE id = 1", "emails are unique ignoring case"))
    tap.test("an UPDATE cannot point an order at a missing customer", lambda: must_fail(
        schema, "UPDATE orders SET customer_id = 42 WHERE id = 1", "foreign keys hold for updates too"))
    tap.test("an UPDATE cannot set an unknown status or a NULL email", lambda: (
        must_fail(schema, "UPDATE orders SET status = 'PAID' WHERE id = 1", "status values are case-sensitive"),
        must_fail(schema, "UPDATE customers SET email = NULL WHERE id = 2", "email is required")))


MODES = {"tables": (6, run_tables), "valid-data": (4, run_valid), "constraints": (len(CONSTRAINTS), run_constraints),
         "deletes": (5, run_deletes), "types": (5, run_types)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_schema.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    schema, error = read_schema()
    if schema is None:
        tap.fail_rest(error)
    else:
        fn(tap, schema)
    tap.finish()


main()
