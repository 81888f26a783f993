-- The tables of the "indexing" exercise (no indexes yet).
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,      -- 'login', 'view', 'purchase', ...
    created_at TEXT NOT NULL,      -- 'YYYY-MM-DD HH:MM:SS'
    payload    TEXT
);
