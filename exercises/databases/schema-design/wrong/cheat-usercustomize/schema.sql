-- A first draft: one wide table that repeats the customer and the product
-- on every line, and checks nothing. Replace it with the four tables of
-- prompt.md.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_email TEXT,
    customer_name TEXT,
    product_sku TEXT,
    product_name TEXT,
    quantity INTEGER,
    price_cents INTEGER,
    status TEXT,
    created_at TEXT
);
