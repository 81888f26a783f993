-- CHEAT (kept as a wrong solution so validate proves it fails): partial
-- indexes that cover only the parameter values the old checks used (user 42,
-- kind 'purchase', e-mail User42@Example.com), so the plans the checks read
-- look right while every other user, kind or address still scans.
CREATE INDEX events_user_time ON events (user_id, created_at) WHERE user_id = 42;
CREATE UNIQUE INDEX users_email_lower ON users (lower(email)) WHERE lower(email) IN ('user42@example.com', 'user7@example.com');
CREATE INDEX events_kind_time ON events (kind, created_at) WHERE kind = 'purchase';
CREATE INDEX users_created ON users (created_at) WHERE created_at >= '2024-06-20 00:00:00';
