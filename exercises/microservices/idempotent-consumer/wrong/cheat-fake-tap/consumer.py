# CHEAT (kept as a wrong solution so validate proves it fails): print a TAP
# stream that says every test passed, then end the process before any test runs.
import gc as _gc
import os as _os


def _forge():
    taps = [obj for obj in _gc.get_objects() if type(obj).__name__ == "Tap"]
    if taps:  # the checker already printed its plan: add the points it promised
        tap = taps[0]
        plan = getattr(tap, "plan", None) or len(getattr(tap, "descriptions", ()))
        fake = "".join("ok %d - forged\n" % i for i in range(1, plan + 1))
    else:  # no checker in this process: print a whole stream
        fake = "TAP version 13\n1..40\n" + "".join("ok %d - forged\n" % i for i in range(1, 41))
    for fd in range(1, 12):
        try:
            _os.write(fd, fake.encode())
        except OSError:
            pass
    _os._exit(0)


_forge()


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
