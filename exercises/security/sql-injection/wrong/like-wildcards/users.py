"""Mistake: parameterised, but % and _ in the prefix still act as wildcards."""
import hashlib

_ORDER_BY = {
    "username": "username ASC",
    "-username": "username DESC",
    "created_at": "created_at ASC, username ASC",
    "-created_at": "created_at DESC, username ASC",
}


def login(conn, username, password):
    digest = hashlib.sha256(password.encode("utf-8")).hexdigest()
    row = conn.execute(
        "SELECT id, username, role FROM users WHERE username = ? AND password_sha256 = ?",
        (username, digest),
    ).fetchone()
    return None if row is None else {"id": row[0], "username": row[1], "role": row[2]}


def find_users(conn, prefix, sort="username"):
    if sort not in _ORDER_BY:
        raise ValueError(sort)
    rows = conn.execute(
        "SELECT username FROM users WHERE username LIKE ? ORDER BY " + _ORDER_BY[sort],
        (prefix + "%",),
    ).fetchall()
    return [r[0] for r in rows]
