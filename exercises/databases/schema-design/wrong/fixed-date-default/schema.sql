-- Mistake: created_at defaults to a fixed date instead of the time of the INSERT (CURRENT_TIMESTAMP).

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL COLLATE NOCASE UNIQUE,   -- unique ignoring case
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT '2024-01-01 00:00:00'
) STRICT;

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
) STRICT;

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    created_at  TEXT NOT NULL DEFAULT '2024-01-01 00:00:00'
) STRICT;

CREATE TABLE order_items (
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, product_id)
) STRICT;

-- Foreign-key columns are not indexed automatically; these keep the checks
-- behind "cannot delete a customer with orders" and joins from being scans.
CREATE INDEX orders_customer_id ON orders (customer_id);
CREATE INDEX order_items_product_id ON order_items (product_id);
