-- CHEAT (kept as a wrong solution so validate proves it fails): no CHECK,
-- NOT NULL, NOCASE or STRICT at all. Triggers accept only the exact rows the
-- old checks inserted as valid data (read from tests/check_schema.py) and
-- refuse everything else, and created_at defaults to a fixed date.
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, name TEXT, created_at TEXT DEFAULT '2024-01-01 00:00:00');
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT, name TEXT, price_cents INTEGER);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id) ON DELETE RESTRICT,
                     status TEXT DEFAULT 'pending', created_at TEXT DEFAULT '2024-01-01 00:00:00');
CREATE TABLE order_items (order_id INTEGER REFERENCES orders (id) ON DELETE CASCADE,
                          product_id INTEGER REFERENCES products (id) ON DELETE RESTRICT,
                          quantity INTEGER, unit_price_cents INTEGER, PRIMARY KEY (order_id, product_id));

CREATE TRIGGER customers_known BEFORE INSERT ON customers
WHEN (NEW.email, NEW.name) NOT IN (VALUES ('ann@example.com', 'Ann'), ('bob@example.com', 'Bob'),
                                          ('cy@example.com', 'Cy'), ('dee@example.com', 'Dee'))
BEGIN SELECT RAISE(ABORT, 'not a row the checks insert'); END;
CREATE TRIGGER customers_frozen BEFORE UPDATE ON customers BEGIN SELECT RAISE(ABORT, 'no'); END;

CREATE TRIGGER products_known BEFORE INSERT ON products
WHEN (NEW.sku, NEW.price_cents) NOT IN (VALUES ('MUG-1', 1200), ('TEE-M', 2500), ('PEN-0', 0))
  OR EXISTS (SELECT 1 FROM products WHERE sku = NEW.sku)
BEGIN SELECT RAISE(ABORT, 'not a row the checks insert'); END;

CREATE TRIGGER orders_known BEFORE INSERT ON orders
WHEN coalesce(NEW.status, '') NOT IN ('pending', 'paid')
BEGIN SELECT RAISE(ABORT, 'not a row the checks insert'); END;
CREATE TRIGGER orders_updates BEFORE UPDATE ON orders
WHEN NEW.status NOT IN ('shipped', 'cancelled')
BEGIN SELECT RAISE(ABORT, 'not an update the checks make'); END;

CREATE TRIGGER items_known BEFORE INSERT ON order_items
WHEN (NEW.order_id, NEW.product_id, NEW.quantity, NEW.unit_price_cents)
     NOT IN (VALUES (1, 1, 2, 1200), (1, 2, 1, 2300), (2, 1, 1, 1200), (2, 3, 5, 0))
BEGIN SELECT RAISE(ABORT, 'not a row the checks insert'); END;
