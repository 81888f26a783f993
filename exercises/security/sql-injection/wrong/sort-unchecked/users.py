"""Mistake: values are parameterised, but the sort column is pasted into ORDER BY."""
import hashlib


def login(conn, username, password):
    digest = hashlib.sha256(password.encode("utf-8")).hexdigest()
    row = conn.execute(
        "SELECT id, username, role FROM users WHERE username = ? AND password_sha256 = ?",
        (username, digest),
    ).fetchone()
    return None if row is None else {"id": row[0], "username": row[1], "role": row[2]}


def find_users(conn, prefix, sort="username"):
    column, direction = (sort[1:], "DESC") if sort.startswith("-") else (sort, "ASC")
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        f"SELECT username FROM users WHERE username LIKE ? ESCAPE '\\' "
        f"ORDER BY {column} {direction}, username ASC",
        (pattern,),
    ).fetchall()
    return [r[0] for r in rows]
