"""User lookups for the web application, safe against SQL injection."""
import hashlib

# The only ORDER BY clauses we ever send: user input selects one, it never
# becomes SQL text itself.
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
    if row is None:
        return None
    return {"id": row[0], "username": row[1], "role": row[2]}


def _like_literal(text):
    """Escape LIKE's wildcards so that every character matches itself."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_users(conn, prefix, sort="username"):
    try:
        order = _ORDER_BY[sort]
    except (KeyError, TypeError):
        raise ValueError(f"unsupported sort: {sort!r}") from None
    rows = conn.execute(
        "SELECT username FROM users WHERE username LIKE ? ESCAPE '\\' ORDER BY " + order,
        (_like_literal(prefix) + "%",),
    ).fetchall()
    return [r[0] for r in rows]
