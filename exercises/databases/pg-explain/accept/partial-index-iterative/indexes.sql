-- newest first, and covering: Q1 becomes an Index Only Scan
CREATE INDEX customer_latest ON orders (customer_id, created_at DESC) INCLUDE (total_cents);
-- only the ~2 % refunded rows are in this index at all
CREATE INDEX refunds_by_date ON orders (created_at) WHERE status = 'refunded';
