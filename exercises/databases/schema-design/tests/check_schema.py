"""Checks for schema.sql. Usage: check_schema.py tables|valid-data|constraints|deletes|types

Every check builds a small shop with random ids, e-mails, names, SKUs, prices
and quantities (new every run), inserts it into a fresh database made from the
learner's schema.sql, and then probes the constraints with random values: each
statement that must be refused is paired with a similar statement that must be
accepted, so a schema that refuses everything it has not seen cannot pass.
"""
import datetime
import os
import random
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

COLUMNS = {
    "customers": ["id", "email", "name", "created_at"],
    "products": ["id", "sku", "name", "price_cents"],
    "orders": ["id", "customer_id", "status", "created_at"],
    "order_items": ["order_id", "product_id", "quantity", "unit_price_cents"],
}
STATUSES = ["pending", "paid", "shipped", "cancelled"]
BAD_STATUSES = ["lost", "PAID", "Paid", "refunded", "paid ", "", "shipping", "canceled", "Pending", "SHIPPED"]
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "so", "vel", "dor", "an", "is", "ul", "bre", "qu", "zan", "fi", "mo"]
RNG = random.Random(int.from_bytes(os.urandom(8), "big"))


def lit(v):
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return repr(v)


def read_schema():
    path = os.path.join(os.getcwd(), "schema.sql")
    if not os.path.isfile(path):
        return None, missing("schema.sql")
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


def word(lo=2, hi=3):
    return "".join(RNG.choice(SYLLABLES) for _ in range(RNG.randint(lo, hi)))


def mixed_case(text):
    """text with some letters in upper case, never equal to text.lower()."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    chars = list(text.lower())
    for i in RNG.sample(letters, RNG.randint(1, len(letters))):
        chars[i] = chars[i].upper()
    return "".join(chars)


def other_case(text):
    """The same text with a different letter case (swapped letters, at least one)."""
    while True:
        out = "".join(ch.swapcase() if ch.isalpha() and RNG.random() < 0.6 else ch for ch in text)
        if out != text:
            return out


class Shop:
    """A random valid shop: the rows, the SQL that inserts them, and fresh values for probes."""

    def __init__(self):
        self.used_emails, self.used_skus = set(), set()
        self.customers = {}  # id -> (email, name)
        for cid in RNG.sample(range(1, 5000), RNG.randint(3, 6)):
            self.customers[cid] = (self.new_email(), word().capitalize())
        self.products = {}  # id -> (sku, name, price)
        for i, pid in enumerate(RNG.sample(range(1, 5000), RNG.randint(3, 6))):
            self.products[pid] = (self.new_sku(), word().capitalize(), 0 if i == 0 else RNG.randint(1, 99_999))
        cids = list(self.customers)
        self.idle_customer = RNG.choice(cids)  # never orders
        others = [c for c in cids if c != self.idle_customer]
        self.orders = {}  # id -> (customer_id, status or None for the default)
        for i, oid in enumerate(RNG.sample(range(1, 5000), RNG.randint(2, 4))):
            self.orders[oid] = (RNG.choice(others), None if i == 0 else RNG.choice(STATUSES))
        self.buyers = sorted({c for c, _s in self.orders.values()})  # the customers with orders
        pids = list(self.products)
        self.unused_product = pids[-1]
        self.items = {}  # (order_id, product_id) -> (quantity, unit_price)
        for oid in self.orders:
            for pid in RNG.sample(pids[:-1], RNG.randint(1, len(pids) - 2)):
                self.items[(oid, pid)] = (RNG.randint(1, 20), RNG.choice([0, RNG.randint(1, 99_999)]))
        self.statements = []
        for cid, (email, name) in self.customers.items():
            self.statements.append(f"INSERT INTO customers (id, email, name) VALUES ({cid}, {lit(email)}, {lit(name)})")
        for pid, (sku, name, price) in self.products.items():
            self.statements.append(f"INSERT INTO products (id, sku, name, price_cents) "
                                   f"VALUES ({pid}, {lit(sku)}, {lit(name)}, {price})")
        for oid, (cid, status) in self.orders.items():
            if status is None:
                self.statements.append(f"INSERT INTO orders (id, customer_id) VALUES ({oid}, {cid})")
            else:
                self.statements.append(f"INSERT INTO orders (id, customer_id, status) VALUES ({oid}, {cid}, {lit(status)})")
        for (oid, pid), (q, price) in self.items.items():
            self.statements.append(f"INSERT INTO order_items VALUES ({oid}, {pid}, {q}, {price})")

    def new_email(self):
        while True:
            email = mixed_case(f"{word()}{RNG.choice(['', '.', '_'])}{RNG.randint(1, 999)}@{word(1, 2)}.{RNG.choice(['com', 'org', 'io'])}")
            if email.lower() not in self.used_emails:
                self.used_emails.add(email.lower())
                return email

    def new_sku(self):
        while True:
            sku = f"{word(1, 2).upper()}-{RNG.randint(0, 999)}"
            if sku not in self.used_skus and sku.lower() not in self.used_skus:
                self.used_skus.update((sku, sku.lower()))
                return sku

    def missing_id(self, ids):
        while True:
            n = RNG.randint(1, 9999)
            if n not in ids:
                return n

    def free_pair(self, order=None):
        """An (order_id, product_id) not yet in order_items, with a product that exists."""
        pairs = [(o, p) for o in self.orders for p in self.products if (o, p) not in self.items
                 and (order is None or o == order)]
        return RNG.choice(pairs)

    def build(self, schema):
        conn = db(schema)
        for stmt in self.statements:
            try:
                conn.execute(stmt)
            except sqlite3.Error as exc:
                raise Fail(f"a valid statement failed on your schema:\n  {stmt}\n  {type(exc).__name__}: {exc}") from None
        return conn


def must_fail(conn, stmt, why):
    try:
        conn.execute(stmt)
    except sqlite3.IntegrityError:
        return
    except sqlite3.Error as exc:
        raise Fail(f"this statement must fail with a constraint violation ({why}):\n  {stmt}\n"
                   f"  it failed, but with {type(exc).__name__}: {exc}") from None
    raise Fail(f"this statement succeeded but must fail ({why}):\n  {stmt}")


def must_work(conn, stmt, why=""):
    try:
        return conn.execute(stmt)
    except sqlite3.Error as exc:
        raise Fail(f"this valid statement failed{' (' + why + ')' if why else ''}:\n  {stmt}\n"
                   f"  {type(exc).__name__}: {exc}") from None


def probe(schema, bad, why, good, good_why):
    """A fresh random shop; bad(shop) must be refused, then good(shop) accepted on the same database."""
    shop = Shop()
    conn = shop.build(schema)
    must_fail(conn, bad(shop), why)
    for stmt in good(shop):
        must_work(conn, stmt, good_why)


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


def check_now(value, what):
    if not isinstance(value, str):
        raise Fail(f"{what} has created_at {value!r}; expected CURRENT_TIMESTAMP, text like '2024-03-10 14:00:00'")
    try:
        when = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise Fail(f"{what} has created_at {value!r}; expected CURRENT_TIMESTAMP, text like '2024-03-10 14:00:00'") from None
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    if abs((now - when).total_seconds()) > 300:
        raise Fail(f"{what} has created_at {value!r}, but it is now {now:%Y-%m-%d %H:%M:%S} UTC; "
                   "the default must be the current time (DEFAULT CURRENT_TIMESTAMP), not a fixed date")


def run_valid(tap, schema):
    def inserts():
        shop = Shop()
        conn = shop.build(schema)
        for table, n in (("customers", len(shop.customers)), ("products", len(shop.products)),
                         ("orders", len(shop.orders)), ("order_items", len(shop.items))):
            got = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if got != n:
                raise Fail(f"{n} rows were inserted into {table}, but it holds {got}")

    def auto_ids():
        shop = Shop()
        conn = shop.build(schema)
        email = shop.new_email()
        must_work(conn, f"INSERT INTO customers (email, name) VALUES ({lit(email)}, {lit(word().capitalize())})")
        cid = conn.execute("SELECT id FROM customers WHERE email = ?", (email,)).fetchone()[0]
        if cid != max(shop.customers) + 1:
            raise Fail(f"the new customer got id {cid!r}; expected {max(shop.customers) + 1} "
                       "(id must be INTEGER PRIMARY KEY, so SQLite assigns the next one)")
        sku = shop.new_sku()
        must_work(conn, f"INSERT INTO products (sku, name, price_cents) VALUES ({lit(sku)}, 'New', {RNG.randint(0, 999)})")
        pid = conn.execute("SELECT id FROM products WHERE sku = ?", (sku,)).fetchone()[0]
        if pid != max(shop.products) + 1:
            raise Fail(f"the new product got id {pid!r}; expected {max(shop.products) + 1} (INTEGER PRIMARY KEY)")
        must_work(conn, f"INSERT INTO orders (customer_id) VALUES ({cid})")
        oid = conn.execute("SELECT max(id) FROM orders").fetchone()[0]
        if oid != max(shop.orders) + 1:
            raise Fail(f"the new order got id {oid!r}; expected {max(shop.orders) + 1} (INTEGER PRIMARY KEY)")
        must_work(conn, f"INSERT INTO order_items VALUES ({oid}, {pid}, {RNG.randint(1, 9)}, {RNG.randint(0, 999)})")

    def defaults():
        shop = Shop()
        conn = shop.build(schema)
        oid = next(o for o, (_c, s) in shop.orders.items() if s is None)
        status, created = conn.execute(f"SELECT status, created_at FROM orders WHERE id = {oid}").fetchone()
        if status != "pending":
            raise Fail(f"an order inserted without a status has status {status!r}; expected 'pending'")
        check_now(created, "an order inserted without created_at")
        cid = RNG.choice(list(shop.customers))
        check_now(conn.execute(f"SELECT created_at FROM customers WHERE id = {cid}").fetchone()[0],
                  "a customer inserted without created_at")
        stamp = f"20{RNG.randint(10, 29)}-0{RNG.randint(1, 9)}-1{RNG.randint(0, 9)} 0{RNG.randint(0, 9)}:30:00"
        must_work(conn, f"INSERT INTO orders (customer_id, status, created_at) VALUES ({cid}, 'paid', {lit(stamp)})")
        got = conn.execute("SELECT created_at FROM orders WHERE id = (SELECT max(id) FROM orders)").fetchone()[0]
        if got != stamp:
            raise Fail(f"an order inserted with created_at {stamp!r} has created_at {got!r}")

    def zero_price():
        shop = Shop()
        conn = shop.build(schema)
        oid, pid = shop.free_pair()
        must_work(conn, f"INSERT INTO order_items VALUES ({oid}, {pid}, {RNG.randint(1, 50)}, 0)", "a free item")
        must_work(conn, f"INSERT INTO products (sku, name, price_cents) VALUES ({lit(shop.new_sku())}, 'Gift', 0)",
                  "a free product")
        for o in shop.orders:
            for status in RNG.sample(STATUSES, 4):
                must_work(conn, f"UPDATE orders SET status = {lit(status)} WHERE id = {o}", "every status is allowed")
        o = RNG.choice(list(shop.orders))
        must_work(conn, f"UPDATE orders SET customer_id = {shop.idle_customer} WHERE id = {o}",
                  "an order may move to another customer")
        c = RNG.choice(list(shop.customers))
        must_work(conn, f"UPDATE customers SET email = {lit(shop.new_email())}, name = {lit(word().capitalize())} "
                        f"WHERE id = {c}", "a customer may change address and name")

    tap.test("a valid random shop (customers, products, orders, items) can be inserted", inserts)
    tap.test("ids are assigned automatically", auto_ids)
    tap.test("status defaults to 'pending', created_at to the current time", defaults)
    tap.test("free products and items, all four statuses and ordinary updates are accepted", zero_price)


def new_customer(shop):
    return [f"INSERT INTO customers (email, name) VALUES ({lit(shop.new_email())}, {lit(word().capitalize())})"]


def new_product(shop, price=None):
    p = RNG.randint(0, 99_999) if price is None else price
    return [f"INSERT INTO products (sku, name, price_cents) VALUES ({lit(shop.new_sku())}, {lit(word())}, {p})"]


def new_item(shop):
    oid, pid = shop.free_pair()
    return [f"INSERT INTO order_items VALUES ({oid}, {pid}, {RNG.randint(1, 30)}, {RNG.randint(0, 9999)})"]


CONSTRAINTS = [
    ("an email that differs only in case is refused",
     lambda s: f"INSERT INTO customers (email, name) VALUES ({lit(other_case(RNG.choice(list(s.customers.values()))[0]))}, 'Twin')",
     "emails are unique ignoring case", new_customer, "a new email"),
    ("a customer without a name is refused",
     lambda s: f"INSERT INTO customers (email, name) VALUES ({lit(s.new_email())}, NULL)",
     "name is required", new_customer, "a customer with a name"),
    ("a duplicate SKU is refused",
     lambda s: f"INSERT INTO products (sku, name, price_cents) VALUES ({lit(RNG.choice(list(s.products.values()))[0])}, 'Other', {RNG.randint(1, 999)})",
     "sku is unique",
     lambda s: [f"INSERT INTO products (sku, name, price_cents) VALUES ({lit(RNG.choice(list(s.products.values()))[0].lower())}, 'Other', 5)"],
     "SKUs are case-sensitive: the same SKU in lower case is another SKU"),
    ("a negative price is refused",
     lambda s: f"INSERT INTO products (sku, name, price_cents) VALUES ({lit(s.new_sku())}, 'Refund', {-RNG.randint(1, 5000)})",
     "price_cents >= 0", lambda s: new_product(s, 0) + new_product(s), "prices of 0 and more"),
    ("an order for a missing customer is refused",
     lambda s: f"INSERT INTO orders (customer_id) VALUES ({s.missing_id(s.customers)})",
     "customer_id must refer to a customer",
     lambda s: [f"INSERT INTO orders (customer_id) VALUES ({RNG.choice(list(s.customers))})"], "an existing customer"),
    ("an unknown status is refused",
     lambda s: f"INSERT INTO orders (customer_id, status) VALUES ({RNG.choice(list(s.customers))}, {lit(RNG.choice(BAD_STATUSES))})",
     "status is one of four values",
     lambda s: [f"INSERT INTO orders (customer_id, status) VALUES ({RNG.choice(list(s.customers))}, {lit(RNG.choice(STATUSES))})"],
     "a valid status"),
    ("a quantity of 0 or less is refused",
     lambda s: "INSERT INTO order_items VALUES ({}, {}, {}, 100)".format(*s.free_pair(), RNG.choice([0, 0, -1, -RNG.randint(2, 50)])),
     "quantity > 0", new_item, "a positive quantity"),
    ("the same product twice in one order is refused",
     lambda s: "INSERT INTO order_items VALUES ({}, {}, {}, {})".format(*RNG.choice(list(s.items)), RNG.randint(1, 9), RNG.randint(0, 999)),
     "(order_id, product_id) is the primary key", new_item, "another product in the order"),
    ("an item for a missing product is refused",
     lambda s: f"INSERT INTO order_items VALUES ({RNG.choice(list(s.orders))}, {s.missing_id(s.products)}, 1, 100)",
     "product_id must refer to a product", new_item, "an existing product"),
    ("an item for a missing order is refused",
     lambda s: f"INSERT INTO order_items VALUES ({s.missing_id(s.orders)}, {RNG.choice(list(s.products))}, 1, 100)",
     "order_id must refer to an order", new_item, "an existing order"),
]


def run_constraints(tap, schema):
    for desc, bad, why, good, good_why in CONSTRAINTS:
        tap.test(desc, lambda b=bad, w=why, g=good, gw=good_why: probe(schema, b, w, g, gw))


def run_deletes(tap, schema):
    def customer_with_orders():
        shop = Shop()
        conn = shop.build(schema)
        must_fail(conn, f"DELETE FROM customers WHERE id = {RNG.choice(shop.buyers)}", "a customer with orders cannot be deleted")
        left = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
        if left != len(shop.orders):
            raise Fail("a refused DELETE of a customer still removed orders")

    def customer_without_orders():
        shop = Shop()
        conn = shop.build(schema)
        must_work(conn, f"DELETE FROM customers WHERE id = {shop.idle_customer}")

    def order_cascades():
        shop = Shop()
        conn = shop.build(schema)
        oid = RNG.choice(list(shop.orders))
        must_work(conn, f"DELETE FROM orders WHERE id = {oid}")
        left = conn.execute(f"SELECT count(*) FROM order_items WHERE order_id = {oid}").fetchone()[0]
        if left:
            raise Fail(f"after DELETE FROM orders WHERE id = {oid}, {left} of its items are still there; "
                       "deleting an order must delete its items (ON DELETE CASCADE)")
        others = sum(1 for (o, _p) in shop.items if o != oid)
        got = conn.execute("SELECT count(*) FROM order_items").fetchone()[0]
        if got != others:
            raise Fail(f"deleting order {oid} left {got} items of other orders; expected {others}")

    def product_in_order():
        shop = Shop()
        conn = shop.build(schema)
        pid = RNG.choice([p for (_o, p) in shop.items])
        must_fail(conn, f"DELETE FROM products WHERE id = {pid}", "a product that appears in an order cannot be deleted")

    def product_unused():
        shop = Shop()
        conn = shop.build(schema)
        must_work(conn, f"DELETE FROM products WHERE id = {shop.unused_product}")

    tap.test("a customer with orders cannot be deleted", customer_with_orders)
    tap.test("a customer without orders can be deleted", customer_without_orders)
    tap.test("deleting an order deletes its items", order_cascades)
    tap.test("a product that is in an order cannot be deleted", product_in_order)
    tap.test("an unused product can be deleted", product_unused)


def run_types(tap, schema):
    texts = ["abc", "ten", "12 cents", "x1", "free", "1O0"]
    tap.test("text in price_cents is refused", lambda: probe(
        schema, lambda s: f"INSERT INTO products (sku, name, price_cents) VALUES ({lit(s.new_sku())}, 'Typo', {lit(RNG.choice(texts))})",
        "integers only", new_product, "an integer price"))
    tap.test("a fractional quantity is refused", lambda: probe(
        schema, lambda s: "INSERT INTO order_items VALUES ({}, {}, {}, 100)".format(*s.free_pair(), RNG.randint(1, 9) + RNG.choice([0.5, 0.25, 0.75])),
        "integers only", new_item, "an integer quantity"))

    def email_update():
        shop = Shop()
        conn = shop.build(schema)
        a, b = RNG.sample(list(shop.customers), 2)
        must_fail(conn, f"UPDATE customers SET email = {lit(other_case(shop.customers[b][0]))} WHERE id = {a}",
                  "emails are unique ignoring case")
        must_work(conn, f"UPDATE customers SET email = {lit(shop.new_email())} WHERE id = {a}", "a new, unused email")

    def customer_update():
        shop = Shop()
        conn = shop.build(schema)
        oid = RNG.choice(list(shop.orders))
        must_fail(conn, f"UPDATE orders SET customer_id = {shop.missing_id(shop.customers)} WHERE id = {oid}",
                  "foreign keys hold for updates too")
        must_work(conn, f"UPDATE orders SET customer_id = {shop.idle_customer} WHERE id = {oid}", "an existing customer")

    def status_update():
        shop = Shop()
        conn = shop.build(schema)
        oid = RNG.choice(list(shop.orders))
        bad = RNG.choice([s.upper() for s in STATUSES] + [s.capitalize() for s in STATUSES] + BAD_STATUSES)
        must_fail(conn, f"UPDATE orders SET status = {lit(bad)} WHERE id = {oid}", "status values are case-sensitive")
        must_fail(conn, f"UPDATE customers SET email = NULL WHERE id = {RNG.choice(list(shop.customers))}", "email is required")
        must_work(conn, f"UPDATE orders SET status = {lit(RNG.choice(STATUSES))} WHERE id = {oid}", "a valid status")

    tap.test("an UPDATE cannot create a case-insensitive duplicate email", email_update)
    tap.test("an UPDATE cannot point an order at a missing customer", customer_update)
    tap.test("an UPDATE cannot set an unknown status or a NULL email", status_update)


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
