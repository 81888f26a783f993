-- Covering indexes: each query can be answered from the index alone.
-- Q1: equality on user_id, then rows already in newest-first order; kind is
-- carried along so the table itself is never touched (id is the rowid).
CREATE INDEX IF NOT EXISTS "ix_events_user_created_desc"
    ON "events" ("user_id", "created_at" DESC, "kind");

-- Q2: expression index; UNIQUE also forbids case-variant duplicates.
CREATE UNIQUE INDEX IF NOT EXISTS "ux_users_email_lower"
    ON "users" (lower("email"));

-- Q3: equality column first, range column second.
CREATE INDEX IF NOT EXISTS "ix_events_kind_created"
    ON "events" ("kind", "created_at");

-- Q4: range + order on created_at, email carried for a covering read.
CREATE INDEX IF NOT EXISTS "ix_users_created_email"
    ON "users" ("created_at", "email");
