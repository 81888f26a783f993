"""A payment-event consumer. See prompt.md.

Style: let the PRIMARY KEY do the deduplication. Inside `with conn:` (one
transaction, committed on success, rolled back on any exception) the id is
inserted first with a plain INSERT; a redelivery violates the primary key,
the sqlite3.IntegrityError is turned into `return False`, and the rollback
leaves nothing changed. The account is created with INSERT OR IGNORE and
then updated, two statements of the same transaction.
"""
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


class _Duplicate(Exception):
    """Internal: the message id is already recorded."""


def _require(ok, what):
    if not ok:
        raise ValueError(what)


def handle(db_path, message):
    """Apply one message; return True if applied now, False if it was a duplicate."""
    _require(isinstance(message, dict), "message must be a dict")
    msg_id, account, amount = message.get("id"), message.get("account"), message.get("amount")
    _require(isinstance(msg_id, str) and msg_id != "", "id must be a non-empty str")
    _require(isinstance(account, str) and account != "", "account must be a non-empty str")
    _require(type(amount) is int, "amount must be an int (not bool or float)")

    conn = sqlite3.connect(db_path)
    try:
        with conn:
            try:
                conn.execute(
                    "INSERT INTO processed_messages (message_id, processed_at) VALUES (?, datetime('now'))",
                    (msg_id,))
            except sqlite3.IntegrityError:
                raise _Duplicate() from None       # rolls the (empty) transaction back
            conn.execute("INSERT OR IGNORE INTO accounts (name, balance) VALUES (?, 0)", (account,))
            conn.execute("UPDATE accounts SET balance = balance + ? WHERE name = ?", (amount, account))
        return True
    except _Duplicate:
        return False
    finally:
        conn.close()
