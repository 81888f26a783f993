"""User lookups for the web application.

WARNING: both functions paste user input into the SQL text. They work for
ordinary names but are open to SQL injection. Rewrite them with ?
placeholders (see prompt.md).
"""
import hashlib


def login(conn, username, password):
    digest = hashlib.sha256(password.encode("utf-8")).hexdigest()
    row = conn.execute(
        f"SELECT id, username, role FROM users "
        f"WHERE username = '{username}' AND password_sha256 = '{digest}'"
    ).fetchone()
    if row is None:
        return None
    return {"id": row[0], "username": row[1], "role": row[2]}


def find_users(conn, prefix, sort="username"):
    if sort.startswith("-"):
        order = sort[1:] + " DESC, username"
    else:
        order = sort + ", username"
    rows = conn.execute(
        f"SELECT username FROM users WHERE username LIKE '{prefix}%' ORDER BY {order}"
    ).fetchall()
    return [r[0] for r in rows]
