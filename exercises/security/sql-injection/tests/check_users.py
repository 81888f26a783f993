"""Checks for users.py (SQL injection). Usage: check_users.py login|injection|search|sql-text"""
import hashlib
import os
import random
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short, describe  # noqa: E402

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


def make_db(extra=()):
    """A fresh database with USERS, plus extra (id, username, password, role, created_at) rows."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
        " password_sha256 TEXT NOT NULL, role TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    conn.executemany(
        "INSERT INTO users VALUES (?, ?, ?, ?, ?)",
        [(i, u, hashlib.sha256(p.encode()).hexdigest(), r, c) for i, u, p, r, c in list(USERS) + list(extra)],
    )
    conn.commit()
    return conn


def user(uid):
    i, u, _p, r, _c = USERS[uid - 1]
    return {"id": i, "username": u, "role": r}


def table_intact(conn, rows=len(USERS)):
    try:
        n = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    except sqlite3.Error as exc:
        raise Fail(f"the users table was damaged: {exc}") from None
    if n != rows:
        raise Fail(f"the users table now has {n} rows instead of {rows}")


class SpyCursor:
    """Wraps a sqlite3.Cursor and records every SQL text sent through it.

    The learner's code runs in another process and reaches this object through
    a proxy (isolate.py); it may set attributes such as row_factory."""

    _remote_settable = True

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

    @property
    def connection(self):
        return self._spyconn

    def __getattr__(self, name):
        return getattr(self._cur, name)

    def __setattr__(self, name, value):
        setattr(self._cur, name, value)


class SpyConn:
    """Wraps a sqlite3.Connection and records every SQL text executed."""

    _remote_settable = True

    def __init__(self, conn):
        object.__setattr__(self, "_conn", conn)
        object.__setattr__(self, "log", [])

    def cursor(self, *a, **kw):
        cur = SpyCursor(self._conn.cursor(*a, **kw), self.log)
        object.__setattr__(cur, "_spyconn", self)
        return cur

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


def expect_login(mod, username, password, expected, conn=None, rows=len(USERS)):
    conn = conn or SpyConn(make_db())
    got = call(mod.login, conn, username, password, label=f"login(conn, {username!r}, {password!r})")
    if type(got) is not dict and got is not None:
        raise Fail(f"login(conn, {username!r}, {password!r}) must return a dict or None, got {describe(got)}")
    if got != expected:
        raise Fail(f"expected login(conn, {username!r}, {password!r}) to return {short(expected)}, got {describe(got)}")
    table_intact(conn, rows)


def expect_find(mod, prefix, sort, expected, conn=None, rows=len(USERS)):
    conn = conn or SpyConn(make_db())
    label = f"find_users(conn, {prefix!r}, {sort!r})"
    got = call(mod.find_users, conn, prefix, sort, label=label)
    if type(got) is tuple:
        got = list(got)
    if type(got) is not list:
        raise Fail(f"{label} must return a list of str, got {short(got, 400)}")
    if got != expected:
        raise Fail(f"expected {label} to return {expected!r}, got {short(got, 400)}")
    table_intact(conn, rows)


def expect_value_error(mod, prefix, sort):
    conn = SpyConn(make_db())
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
    raise Fail(f"expected {label} to raise ValueError, it returned {describe(got)}")


RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'\"%_\\-;= #/*"


def random_users(rng, n=12):
    """n extra users with random names and passwords (made at check time, so they cannot be hard-coded)."""
    names, out = {u[1] for u in USERS}, []
    while len(out) < n:
        name = "".join(rng.choice(RANDOM_CHARS) for _ in range(rng.randint(3, 10)))
        if name in names:
            continue
        names.add(name)
        password = "".join(rng.choice(RANDOM_CHARS) for _ in range(rng.randint(4, 12)))
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append((len(USERS) + len(out) + 1, name, password, rng.choice(["user", "admin"]), day))
    return out


def t_random_login(mod):
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    extra = random_users(rng)
    for uid, name, password, role, _day in rng.sample(extra, 5):
        want = {"id": uid, "username": name, "role": role}
        expect_login(mod, name, password, want, conn=SpyConn(make_db(extra)), rows=len(USERS) + len(extra))
        expect_login(mod, name, password + "x", None, conn=SpyConn(make_db(extra)), rows=len(USERS) + len(extra))


def expected_find(rows, prefix, sort):
    def ci(s):  # SQLite LIKE folds ASCII letters only
        return "".join(c.lower() if "A" <= c <= "Z" else c for c in s)

    hits = [r for r in rows if ci(r[1]).startswith(ci(prefix))]
    if sort in ("username", "-username"):
        hits.sort(key=lambda r: r[1].encode("utf-8"), reverse=sort == "-username")
    else:
        hits.sort(key=lambda r: r[1].encode("utf-8"))
        hits.sort(key=lambda r: r[4], reverse=sort == "-created_at")
    return [r[1] for r in hits]


def t_random_find(mod):
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    extra = random_users(rng, 20)
    rows = list(USERS) + extra
    for _ in range(6):
        name = rng.choice(extra)[1]
        prefix = name[: rng.randint(1, 3)]
        if rng.random() < 0.5:
            prefix = prefix.swapcase()
        sort = rng.choice(["username", "-username", "created_at", "-created_at"])
        expect_find(mod, prefix, sort, expected_find(rows, prefix, sort),
                    conn=SpyConn(make_db(extra)), rows=len(rows))


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
    tap.test("random users (quotes, %, _, backslashes in names and passwords) log in",
             lambda: t_random_login(mod))


INJECTIONS = [
    ("comment out the password check", "admin' --", "whatever"),
    ("block comment", "admin'/*", "whatever"),
    ("always-true OR", "' OR '1'='1' --", "x"),
    ("always-true OR without quotes", "' OR 1=1 --", "x"),
    ("UNION SELECT", "nobody' UNION SELECT id, username, role FROM users WHERE role='admin' --", "x"),
    ("stacked DROP TABLE", "x'; DROP TABLE users; --", "x"),
    ("injection in the password", "admin", "' OR '1'='1"),
]


def expect_rejected(mod, username, password):
    """The payload does not log in, and the same connection still logs a real user in
    (one made at check time, so a login that always says None does not pass)."""
    extra = random_users(random.Random(int.from_bytes(os.urandom(8), "big")), 1)
    conn = SpyConn(make_db(extra))
    rows = len(USERS) + 1
    expect_login(mod, username, password, None, conn=conn, rows=rows)
    uid, name, pw, role, _day = extra[0]
    expect_login(mod, name, pw, {"id": uid, "username": name, "role": role}, conn=conn, rows=rows)


def run_injection(tap, mod):
    for name, username, password in INJECTIONS:
        tap.test(f"login rejects: {name}",
                 lambda u=username, p=password: expect_rejected(mod, u, p))


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
    tap.test("random user names and prefixes, in every sort order",
             lambda: t_random_find(mod))


MARK = "Zq7mark"


def param_values(params):
    """The values bound to one execute(): a sequence (? placeholders) or a mapping (:name)."""
    if params is None:
        return []
    if hasattr(params, "keys"):
        return [params[k] for k in params.keys()]
    try:
        return list(params)
    except TypeError:
        return [params]


def no_input_in_sql(spy, label):
    """The caller's value is bound as a parameter and never becomes SQL text,
    not even in disguise (a hex or char() literal spells it differently)."""
    if not spy.log:
        raise Fail(f"{label} executed no SQL at all through conn")
    for sql, _params in spy.log:
        if MARK in str(sql):
            raise Fail(f"{label} sent SQL that contains the caller's input:\n  {sql}\n"
                       "pass every caller-supplied value as a parameter (? or :name) instead")
    if not any(MARK in str(v) for _sql, params in spy.log for v in param_values(params)):
        sent = "\n  ".join(f"{sql}  parameters: {params!r}" for sql, params in spy.log)
        raise Fail(f"{label} did not pass the caller's input as a parameter; it sent:\n  {sent}\n"
                   "bind every caller-supplied value to a ? or :name placeholder")


def spy_login(mod, username, password):
    """A user with this name exists: the right password logs in, a wrong one does not,
    and the name never appears in the SQL text."""
    extra = [(len(USERS) + 1, username, password, "user", "2024-01-01")]
    for sent, want in ((password, {"id": len(USERS) + 1, "username": username, "role": "user"}),
                       (password + "x", None)):
        spy = SpyConn(make_db(extra))
        label = f"login(conn, {username!r}, {sent!r})"
        got = call(mod.login, spy, username, sent, label=label)
        if got != want or (got is not None and type(got) is not dict):
            raise Fail(f"expected {label} to return {short(want)}, got {describe(got)}")
        no_input_in_sql(spy, label)


def spy_find(mod, prefix):
    name = prefix + "son"
    spy = SpyConn(make_db([(len(USERS) + 1, name, "pw", "user", "2024-01-01")]))
    label = f"find_users(conn, {prefix!r}, 'username')"
    got = call(mod.find_users, spy, prefix, "username", label=label)
    if type(got) not in (list, tuple) or list(got) != [name]:
        raise Fail(f"expected {label} to return {[name]!r}, got {describe(got)}")
    no_input_in_sql(spy, label)


def run_sql_text(tap, mod):
    tap.test("login sends the user name as a parameter, never as SQL text",
             lambda: spy_login(mod, MARK + "' --", "pw"))
    tap.test("login handles a name with a plain word as a parameter too",
             lambda: spy_login(mod, MARK, "pw" + MARK))
    tap.test("find_users sends the prefix as a parameter",
             lambda: spy_find(mod, MARK + "'"))
    tap.test("a backslash in the prefix is literal",
             lambda: expect_find(mod, "back\\", "username", ["back\\slash"]))
    tap.test("a backslash followed by a wildcard stays literal",
             lambda: expect_find(mod, "back\\_", "username", []))
    tap.test("works through a wrapped connection (cursor() and execute())",
             lambda: expect_find(mod, "AL_", "-username", ["al_bundy"], conn=SpyConn(make_db())))


MODES = {"login": (6, run_login), "injection": (len(INJECTIONS), run_injection),
         "search": (11, run_search), "sql-text": (6, run_sql_text)}


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
