"""A payment-event consumer. See prompt.md.

Style: "claim first". In an explicit BEGIN IMMEDIATE transaction (autocommit
mode, so Python's sqlite3 does not open transactions behind our back), the
consumer first tries to INSERT OR IGNORE the message id; rowcount 0 means a
redelivery. Only a fresh claim applies the balance change (an UPSERT). Any
error rolls everything back, claim included, and propagates.
"""
import sqlite3
from contextlib import closing
from typing import Any, Mapping

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

_CLAIM = ("INSERT OR IGNORE INTO processed_messages (message_id, processed_at) "
          "VALUES (?, strftime('%Y-%m-%d %H:%M:%f', 'now'))")
_APPLY = ("INSERT INTO accounts (name, balance) VALUES (?, ?) "
          "ON CONFLICT (name) DO UPDATE SET balance = accounts.balance + excluded.balance")


def init_db(db_path):
    """Create the tables. Do not change this function."""
    conn = sqlite3.connect(db_path)
    try:
        conn.executescript(SCHEMA)
    finally:
        conn.close()


def _validated(message: Any) -> tuple:
    if not isinstance(message, Mapping):
        raise ValueError("a message must be a dict")
    msg_id = message.get("id")
    account = message.get("account")
    amount = message.get("amount")
    problems = []
    if not isinstance(msg_id, str) or not msg_id:
        problems.append("id must be a non-empty string")
    if not isinstance(account, str) or not account:
        problems.append("account must be a non-empty string")
    if isinstance(amount, bool) or not isinstance(amount, int):
        problems.append("amount must be an int")
    if problems:
        raise ValueError("; ".join(problems))
    return msg_id, account, int(amount)


def handle(db_path, message):
    """Apply one message; return True if applied now, False if it was a duplicate."""
    msg_id, account, amount = _validated(message)
    with closing(sqlite3.connect(db_path, isolation_level=None, timeout=30)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            claimed = conn.execute(_CLAIM, (msg_id,)).rowcount == 1
            if claimed:
                conn.execute(_APPLY, (account, amount))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return claimed
