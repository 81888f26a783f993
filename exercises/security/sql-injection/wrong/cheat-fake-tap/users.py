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
