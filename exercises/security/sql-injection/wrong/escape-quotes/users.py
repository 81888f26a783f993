"""Mistake: 'escaping' quotes by hand instead of using parameters.

It happens to stop the classic payloads, but the input is still part of the
SQL text (and one forgotten call, a different quote style or an encoding
trick is enough to break it).
"""
import hashlib

_ORDER_BY = {
    "username": "username ASC",
    "-username": "username DESC",
    "created_at": "created_at ASC, username ASC",
    "-created_at": "created_at DESC, username ASC",
}


def _quote(text):
    return "'" + text.replace("'", "''") + "'"


def login(conn, username, password):
    digest = hashlib.sha256(password.encode("utf-8")).hexdigest()
    row = conn.execute(
        "SELECT id, username, role FROM users WHERE username = " + _quote(username)
        + " AND password_sha256 = " + _quote(digest)
    ).fetchone()
    if row is None:
        return None
    return {"id": row[0], "username": row[1], "role": row[2]}


def find_users(conn, prefix, sort="username"):
    if sort not in _ORDER_BY:
        raise ValueError(sort)
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        "SELECT username FROM users WHERE username LIKE " + _quote(pattern)
        + " ESCAPE '\\' ORDER BY " + _ORDER_BY[sort]
    ).fetchall()
    return [r[0] for r in rows]
