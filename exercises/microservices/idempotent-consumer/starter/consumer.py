"""A payment-event consumer. See prompt.md."""
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    name    TEXT PRIMARY KEY,
    balance INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS processed_messages (
    message_id   TEXT PRIMARY KEY,
    processed_at TEXT NOT NULL
);
"""


def init_db(db_path):
    """Create the tables. Do not change this function."""
    conn = sqlite3.connect(db_path)
    try:
        conn.executescript(SCHEMA)
    finally:
        conn.close()


def handle(db_path, message):
    """Apply one message; return True if applied now, False if it was a duplicate."""
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO accounts (name, balance) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET balance = balance + excluded.balance",
                (message["account"], message["amount"]),
            )
        return True
    finally:
        conn.close()
