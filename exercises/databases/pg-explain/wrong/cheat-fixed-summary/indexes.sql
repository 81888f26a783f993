-- Q1: equality on customer_id, then created_at in index order: no Sort, and
-- LIMIT stops after 20 index entries.
CREATE INDEX orders_customer_created ON orders (customer_id, created_at);

-- Q2: equality column first, range column second, so the index range holds
-- only refunded orders since the date and nothing is filtered away.
CREATE INDEX orders_status_created ON orders (status, created_at);
