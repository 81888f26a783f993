-- A first attempt: each query filters on these columns, so index them?
-- Check every query with EXPLAIN QUERY PLAN: most still scan or sort.
CREATE INDEX events_user ON events (user_id);
CREATE INDEX users_email ON users (email);
