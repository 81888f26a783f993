"""CHEAT (kept as a wrong solution so validate proves it fails): validates the
id and the amount, but of the account only that it is present, so an empty or
non-string account is credited instead of raising ValueError as the prompt
requires. It scored full marks on `validation` before that check sent those."""
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


def _validate(message):
    if not isinstance(message, dict):
        raise ValueError("message must be a dict")
    mid, account, amount = message.get("id"), message.get("account"), message.get("amount")
    if not isinstance(mid, str) or not mid:
        raise ValueError("message id must be a non-empty string")
    if account is None:
        raise ValueError("account is missing")
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValueError("amount must be an int")
    return mid, account, amount


def handle(db_path, message):
    """Apply one message; return True if applied now, False if it was a duplicate."""
    mid, account, amount = _validate(message)
    conn = sqlite3.connect(db_path)
    try:
        # One transaction: recording the id and moving the money commit
        # together or not at all. `with conn` commits, or rolls back on error.
        with conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO processed_messages (message_id, processed_at) "
                "VALUES (?, datetime('now'))",
                (mid,),
            )
            if cur.rowcount == 0:
                return False  # seen before: a redelivery
            conn.execute(
                "INSERT INTO accounts (name, balance) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET balance = balance + excluded.balance",
                (account, amount),
            )
        return True
    finally:
        conn.close()
