CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_status_created ON orders (status, created_at);
