"""User lookups for the web application (alternative: an explicit cursor,
a Python-side constant-time password check, and a prefix match with
substr()/lower() instead of LIKE, so no wildcard needs escaping)."""
import hashlib
import hmac

# The only SQL fragments that ever reach the query text: written here, chosen by key.
_ORDER_BY = {
    "username": "username ASC",
    "-username": "username DESC",
    "created_at": "created_at ASC, username ASC",
    "-created_at": "created_at DESC, username ASC",
}

_LOGIN_SQL = "SELECT id, username, role, password_sha256 FROM users WHERE username = ?"


def _sha256_hex(password):
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def login(conn, username, password):
    try:
        digest = _sha256_hex(password)
        cur = conn.cursor()
        cur.execute(_LOGIN_SQL, (username,))
        row = cur.fetchone()
    except (UnicodeError, ValueError, TypeError, AttributeError):
        return None
    if row is None:
        return None
    user_id, name, role, stored = row
    if not hmac.compare_digest(str(stored).encode("ascii", "replace"), digest.encode("ascii")):
        return None
    return {"id": user_id, "username": name, "role": role}


def find_users(conn, prefix, sort="username"):
    try:
        order = _ORDER_BY[sort]
    except (KeyError, TypeError):
        raise ValueError(f"unsupported sort order: {sort!r}") from None
    sql = ("SELECT username FROM users "
           "WHERE lower(substr(username, 1, ?)) = lower(?) "
           "ORDER BY " + order)
    cur = conn.cursor()
    cur.execute(sql, (len(prefix), prefix))
    return [name for (name,) in cur.fetchall()]
