"""User lookups for the web application (alternative: LIKE with an ESCAPE
clause, named :placeholders bound from a dict, and the hash compared in SQL)."""
import hashlib

_SORTS = {
    "username": "ORDER BY username",
    "-username": "ORDER BY username DESC",
    "created_at": "ORDER BY created_at, username",
    "-created_at": "ORDER BY created_at DESC, username",
}


def _like_literal(text, escape="!"):
    """Escape LIKE wildcards (and the escape character itself)."""
    for ch in (escape, "%", "_"):
        text = text.replace(ch, escape + ch)
    return text


def login(conn, username, password):
    try:
        params = {
            "name": username,
            "digest": hashlib.sha256(password.encode("utf-8")).hexdigest(),
        }
        row = conn.execute(
            "SELECT id, username, role FROM users "
            "WHERE username = :name AND password_sha256 = :digest",
            params,
        ).fetchone()
    except Exception:
        return None
    if row is None:
        return None
    return dict(zip(("id", "username", "role"), row))


def find_users(conn, prefix, sort="username"):
    order_by = _SORTS.get(sort) if isinstance(sort, str) else None
    if order_by is None:
        raise ValueError("sort must be one of: " + ", ".join(_SORTS))
    rows = conn.execute(
        "SELECT username FROM users WHERE username LIKE :pattern ESCAPE '!' " + order_by,
        {"pattern": _like_literal(prefix) + "%"},
    ).fetchall()
    return [row[0] for row in rows]
