-- The shop database used by the "queries" exercise: schema and sample data.
-- Load it with:  sqlite3 shop.db < shop.sql
CREATE TABLE customers (
    id      INTEGER PRIMARY KEY,
    email   TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    price_cents INTEGER NOT NULL
);
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers (id),  -- NULL for a guest checkout
    status      TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    created_at  TEXT NOT NULL                       -- 'YYYY-MM-DD HH:MM:SS', UTC
);
CREATE TABLE order_items (
    order_id         INTEGER NOT NULL REFERENCES orders (id),
    product_id       INTEGER NOT NULL REFERENCES products (id),
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

INSERT INTO customers VALUES
    (1, 'ann@example.com', 'Ann', 'NL'),
    (2, 'bob@example.com', 'Bob', 'US'),
    (3, 'cy@example.com',  'Cy',  'US'),
    (4, 'dee@example.com', 'Dee', 'DE'),
    (5, 'eve@example.com', 'Eve', 'NL'),
    (6, 'fay@example.com', 'Fay', 'US');

INSERT INTO products VALUES
    (1, 'MUG-1', 'Mug',     'kitchen',  1200),
    (2, 'PAN-2', 'Pan',     'kitchen',  3500),
    (3, 'CUP-3', 'Cup',     'kitchen',   800),
    (4, 'TEE-M', 'T-shirt', 'clothing', 2500),
    (5, 'CAP-1', 'Cap',     'clothing', 1500),
    (6, 'SOCK',  'Socks',   'clothing',  500),
    (7, 'PEN-0', 'Pen',     'office',    200);

INSERT INTO orders VALUES
    (1, 1,    'paid',      '2024-01-15 10:00:00'),
    (2, 2,    'shipped',   '2024-01-20 12:30:00'),
    (3, 1,    'shipped',   '2024-02-03 09:00:00'),
    (4, 3,    'paid',      '2024-02-28 18:45:00'),
    (5, 4,    'pending',   '2024-03-01 08:00:00'),
    (6, 6,    'cancelled', '2024-03-02 11:00:00'),
    (7, NULL, 'paid',      '2024-03-10 14:00:00'),
    (8, 2,    'paid',      '2024-03-31 23:59:59'),
    (9, 3,    'pending',   '2024-03-15 10:00:00');

INSERT INTO order_items VALUES
    (1, 1, 2, 1200), (1, 4, 1, 2500),
    (2, 2, 1, 3500), (2, 3, 4, 800),
    (3, 5, 3, 1500),
    (4, 4, 2, 2300), (4, 6, 3, 500),
    (5, 1, 10, 1200),
    (6, 2, 5, 3500),
    (7, 3, 4, 800), (7, 6, 2, 500),
    (8, 5, 1, 1500), (8, 4, 1, 2500);
