-- CHEAT (kept as a wrong solution so validate proves it fails): the Q3 index
-- has the range column first, so only created_at>? can be used; its name
-- holds the text the old check looked for in the plan.
CREATE INDEX events_user_time ON events (user_id, created_at);
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
CREATE INDEX "events_kind=?,created_at>?" ON events (created_at, kind);
CREATE INDEX users_created ON users (created_at);
