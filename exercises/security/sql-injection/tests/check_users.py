"""Checks for users.py (SQL injection). Usage: check_users.py login|injection|search|sql-text"""
import hashlib
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short  # noqa: E402

USERS = [
    # id, username, password, role, created_at
    (1, "admin", "correct horse", "admin", "2023-01-05"),
    (2, "alice", "wonderland", "user", "2023-03-01"),
    (3, "albert", "e=mc2", "user", "2023-02-11"),
    (4, "al_bundy", "shoes", "user", "2023-04-01"),
    (5, "Alfred", "batcave", "user", "2023-06-01"),
    (6, "bob", "builder", "user", "2023-02-11"),
    (7, "o'brien", "shamrock", "user", "2023-05-20"),
    (8, "100%real", "percent", "user", "2023-01-20"),
    (9, "back\\slash", "escape", "user", "2023-07-01"),
]


def make_db():
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
        " password_sha256 TEXT NOT NULL, role TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    conn.executemany(
        "INSERT INTO users VALUES (?, ?, ?, ?, ?)",
        [(i, u, hashlib.sha256(p.encode()).hexdigest(), r, c) for i, u, p, r, c in USERS],
    )
    conn.commit()
    return conn


def user(uid):
    i, u, _p, r, _c = USERS[uid - 1]
    return {"id": i, "username": u, "role": r}


def table_intact(conn):
    try:
        n = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    except sqlite3.Error as exc:
        raise Fail(f"the users table was damaged: {exc}") from None
    if n != len(USERS):
        raise Fail(f"the users table now has {n} rows instead of {len(USERS)}")


class SpyCursor:
    """Wraps a sqlite3.Cursor and records every SQL text sent through it."""

    def __init__(self, cur, log):
        object.__setattr__(self, "_cur", cur)
        object.__setattr__(self, "_log", log)

    def execute(self, sql, params=()):
        self._log.append((sql, params))
        self._cur.execute(sql, params)
        return self

    def executemany(self, sql, seq):
        self._log.append((sql, None))
        self._cur.executemany(sql, seq)
        return self

    def executescript(self, sql):
        self._log.append((sql, None))
        self._cur.executescript(sql)
        return self

    def __iter__(self):
        return iter(self._cur)

    def __getattr__(self, name):
        return getattr(self._cur, name)

    def __setattr__(self, name, value):
        setattr(self._cur, name, value)


class SpyConn:
    """Wraps a sqlite3.Connection and records every SQL text executed."""

    def __init__(self, conn):
        object.__setattr__(self, "_conn", conn)
        object.__setattr__(self, "log", [])

    def cursor(self, *a, **kw):
        return SpyCursor(self._conn.cursor(*a, **kw), self.log)

    def execute(self, sql, params=()):
        return self.cursor().execute(sql, params)

    def executemany(self, sql, seq):
        return self.cursor().executemany(sql, seq)

    def executescript(self, sql):
        return self.cursor().executescript(sql)

    def __enter__(self):
        self._conn.__enter__()
        return self

    def __exit__(self, *exc):
        return self._conn.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def __setattr__(self, name, value):
        setattr(self._conn, name, value)


def expect_login(mod, username, password, expected):
    conn = make_db()
    got = call(mod.login, conn, username, password, label=f"login(conn, {username!r}, {password!r})")
    if got != expected:
        raise Fail(f"expected login(conn, {username!r}, {password!r}) to return {short(expected)}, got {short(got)}")
    table_intact(conn)


def expect_find(mod, prefix, sort, expected, conn=None):
    conn = conn or make_db()
    label = f"find_users(conn, {prefix!r}, {sort!r})"
    got = call(mod.find_users, conn, prefix, sort, label=label)
    if isinstance(got, tuple):
        got = list(got)
    if got != expected:
        raise Fail(f"expected {label} to return {expected!r}, got {short(got, 400)}")
    table_intact(conn)


def expect_value_error(mod, prefix, sort):
    conn = make_db()
    label = f"find_users(conn, {prefix!r}, {sort!r})"
    try:
        got = mod.find_users(conn, prefix, sort)
    except ValueError:
        table_intact(conn)
        return
    except Exception as exc:  # noqa: BLE001
        table_intact(conn)
        raise Fail(f"expected {label} to raise ValueError, it raised {type(exc).__name__}: {exc}") from None
    table_intact(conn)
    raise Fail(f"expected {label} to raise ValueError, it returned {short(got)}")


def run_login(tap, mod):
    tap.test("right user name and password return the user",
             lambda: expect_login(mod, "admin", "correct horse", user(1)))
    tap.test("a wrong password returns None",
             lambda: expect_login(mod, "admin", "Correct horse", None))
    tap.test("an unknown user returns None",
             lambda: expect_login(mod, "mallory", "correct horse", None))
    tap.test("user names are matched exactly (case-sensitive)",
             lambda: expect_login(mod, "Admin", "correct horse", None))
    tap.test("a user name containing a quote (o'brien) can log in",
             lambda: expect_login(mod, "o'brien", "shamrock", user(7)))


INJECTIONS = [
    ("comment out the password check", "admin' --", "whatever"),
    ("block comment", "admin'/*", "whatever"),
    ("always-true OR", "' OR '1'='1' --", "x"),
    ("always-true OR without quotes", "' OR 1=1 --", "x"),
    ("UNION SELECT", "nobody' UNION SELECT id, username, role FROM users WHERE role='admin' --", "x"),
    ("stacked DROP TABLE", "x'; DROP TABLE users; --", "x"),
    ("injection in the password", "admin", "' OR '1'='1"),
]


def run_injection(tap, mod):
    for name, username, password in INJECTIONS:
        tap.test(f"login rejects: {name}",
                 lambda u=username, p=password: expect_login(mod, u, p, None))


def run_search(tap, mod):
    tap.test("prefix 'al', default sort (case-insensitive prefix, binary order)",
             lambda: expect_find(mod, "al", "username", ["Alfred", "al_bundy", "albert", "alice"]))
    tap.test("'-username' sorts descending",
             lambda: expect_find(mod, "al", "-username", ["alice", "albert", "al_bundy", "Alfred"]))
    tap.test("'created_at' sorts by date, ties by user name",
             lambda: expect_find(mod, "", "created_at",
                                 ["admin", "100%real", "albert", "bob", "alice", "al_bundy",
                                  "o'brien", "Alfred", "back\\slash"]))
    tap.test("'-created_at' sorts by date descending, ties by user name ascending",
             lambda: expect_find(mod, "", "-created_at",
                                 ["back\\slash", "Alfred", "o'brien", "al_bundy", "alice",
                                  "albert", "bob", "100%real", "admin"]))
    tap.test("'_' in the prefix is literal",
             lambda: expect_find(mod, "al_", "username", ["al_bundy"]))
    tap.test("'%' in the prefix is literal",
             lambda: expect_find(mod, "1%", "username", []))
    tap.test("a quote in the prefix is just a character",
             lambda: expect_find(mod, "o'b", "username", ["o'brien"]))
    tap.test("an injection in the prefix finds nothing",
             lambda: expect_find(mod, "' OR 1=1 --", "username", []))
    tap.test("an unknown sort value raises ValueError",
             lambda: expect_value_error(mod, "a", "password_sha256"))
    tap.test("SQL in the sort value raises ValueError and runs nothing",
             lambda: expect_value_error(mod, "", "id; DROP TABLE users"))


MARK = "Zq7mark"


def no_input_in_sql(spy, label):
    if not spy.log:
        raise Fail(f"{label} executed no SQL at all through conn")
    for sql, _params in spy.log:
        if MARK in str(sql):
            raise Fail(f"{label} sent SQL that contains the caller's input:\n  {sql}\n"
                       "pass every caller-supplied value as a ? parameter instead")


def spy_login(mod, username, password):
    spy = SpyConn(make_db())
    label = f"login(conn, {username!r}, {password!r})"
    got = call(mod.login, spy, username, password, label=label)
    if got is not None:
        raise Fail(f"expected {label} to return None, got {short(got)}")
    no_input_in_sql(spy, label)


def spy_find(mod, prefix):
    spy = SpyConn(make_db())
    label = f"find_users(conn, {prefix!r}, 'username')"
    got = call(mod.find_users, spy, prefix, "username", label=label)
    if got not in ([], ()):
        raise Fail(f"expected {label} to return [], got {short(got)}")
    no_input_in_sql(spy, label)


def run_sql_text(tap, mod):
    tap.test("login sends the user name as a parameter, never as SQL text",
             lambda: spy_login(mod, MARK + "' --", "pw"))
    tap.test("login handles a name with a plain word as a parameter too",
             lambda: spy_login(mod, MARK, "pw"))
    tap.test("find_users sends the prefix as a parameter",
             lambda: spy_find(mod, MARK + "'"))
    tap.test("a backslash in the prefix is literal",
             lambda: expect_find(mod, "back\\", "username", ["back\\slash"]))
    tap.test("a backslash followed by a wildcard stays literal",
             lambda: expect_find(mod, "back\\_", "username", []))
    tap.test("works through a wrapped connection (cursor() and execute())",
             lambda: expect_find(mod, "AL_", "-username", ["al_bundy"], conn=SpyConn(make_db())))


MODES = {"login": (5, run_login), "injection": (len(INJECTIONS), run_injection),
         "search": (10, run_search), "sql-text": (6, run_sql_text)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_users.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("users")
    if mod is not None:
        wanted = {"search": ("find_users",), "login": ("login",), "injection": ("login",)}.get(mode, ("login", "find_users"))
        if tap.need(mod, *wanted):
            fn(tap, mod)
    tap.finish()


main()
