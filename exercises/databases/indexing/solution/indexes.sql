-- Q1: equality on user_id, then rows already in created_at order: no sort,
-- and LIMIT 20 stops after 20 index entries.
CREATE INDEX events_user_time ON events (user_id, created_at);

-- Q2: an expression index matches WHERE lower(email) = ...; UNIQUE also
-- enforces one account per address, ignoring letter case.
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

-- Q3: the equality column first, the range column second, so both are used.
CREATE INDEX events_kind_time ON events (kind, created_at);

-- Q4: a range on created_at, returned in index order.
CREATE INDEX users_created ON users (created_at);
