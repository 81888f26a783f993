"""Checks for indexes.sql. Usage: check_indexes.py timeline|login-lookup|dashboard|signups|economy

The tables are filled with random users and events (new every run), and each
query's plan is read for several parameter values chosen at random from that
data, so an index that only covers the values an earlier run used (a partial
index) does not pass. Index names are matched exactly against the indexes the
database holds, so the text of a name cannot stand in for what the plan says.
"""
import os
import random
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

TESTS = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(int.from_bytes(os.urandom(8), "big"))

Q1 = "SELECT id, kind, created_at FROM events WHERE user_id = ? ORDER BY created_at DESC LIMIT 20"
Q2 = "SELECT id, name FROM users WHERE lower(email) = lower(?)"
Q3 = "SELECT count(*) FROM events WHERE kind = ? AND created_at >= ?"
Q4 = "SELECT id, email FROM users WHERE created_at >= ? ORDER BY created_at"
TABLE = {Q1: "events", Q2: "users", Q3: "events", Q4: "users"}
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "so", "vel", "dor", "an", "is", "ul", "bre", "qu", "zan", "fi", "mo"]
START = 1_700_000_000  # 2023-11-14; six months of seconds follow


def stamp(sec):
    import datetime

    return datetime.datetime.fromtimestamp(sec, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def word(lo=2, hi=3):
    return "".join(RNG.choice(SYLLABLES) for _ in range(RNG.randint(lo, hi)))


class Data:
    """Random users and events; created_at values are distinct, so every ORDER BY has one right answer."""

    def __init__(self):
        n_users = RNG.randint(1500, 2500)
        n_events = RNG.randint(20_000, 30_000)
        span = 180 * 86400
        user_times = RNG.sample(range(START, START + span), n_users)
        self.users, seen = [], set()
        uid = RNG.randint(1, 50)
        for t in user_times:
            while True:
                email = f"{word()}{RNG.randint(1, 9999)}@{word(1, 2)}.{RNG.choice(['com', 'org', 'io'])}"
                if email not in seen:
                    seen.add(email)
                    break
            email = "".join(ch.upper() if RNG.random() < 0.15 else ch for ch in email)
            self.users.append((uid, email, word().capitalize() + " " + word().capitalize(), stamp(t)))
            uid += RNG.randint(1, 3)
        kinds = []
        while len(kinds) < RNG.randint(4, 7):
            k = word(1, 2)
            if k not in kinds:
                kinds.append(k)
        weights = sorted((RNG.randint(1, 30) for _ in kinds), reverse=True)
        self.kinds = kinds
        ids = [u[0] for u in self.users]
        times = RNG.sample(range(START, START + span), n_events)
        self.events = [(i, RNG.choice(ids), kind, stamp(t), "{}")
                       for i, (kind, t) in enumerate(zip(RNG.choices(kinds, weights, k=n_events), times), 1)]
        self.event_times = sorted(times)
        self.user_times = sorted(user_times)

    def params(self, query):
        """Random parameters that select a small part of the table."""
        if query is Q1:
            return (RNG.choice(self.events)[1],)
        if query is Q2:
            email = RNG.choice(self.users)[1]
            return ("".join(ch.swapcase() if RNG.random() < 0.3 else ch for ch in email),)
        if query is Q3:
            t = self.event_times[int(len(self.event_times) * RNG.uniform(0.75, 0.98))]
            return (RNG.choice(self.kinds), stamp(t))
        t = self.user_times[int(len(self.user_times) * RNG.uniform(0.8, 0.98))]
        return (stamp(t),)


DATA = Data()


def base():
    conn = sqlite3.connect(":memory:")
    with open(os.path.join(TESTS, "app.sql"), encoding="utf-8") as f:
        conn.executescript(f.read())
    conn.executemany("INSERT INTO users VALUES (?, ?, ?, ?)", DATA.users)
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", DATA.events)
    conn.commit()
    return conn


def schema_of(conn):
    """Every database attached to conn, and every object in it except indexes."""
    dbs = [r[1] for r in conn.execute("PRAGMA database_list")]
    objects = []
    for name in dbs:
        master = "sqlite_temp_master" if name == "temp" else f'"{name}".sqlite_master'
        objects += [(name,) + tuple(r) for r in conn.execute(
            f"SELECT type, name, tbl_name, sql FROM {master} WHERE type != 'index' AND name NOT LIKE 'sqlite_stat%' "
            "ORDER BY type, name")]
    return dbs, objects


def learner_sql():
    path = os.path.join(os.getcwd(), "indexes.sql")
    if not os.path.isfile(path):
        return None, missing("indexes.sql")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, None


_CACHE = {}


def plain():
    if "plain" not in _CACHE:
        _CACHE["plain"] = base()
    return _CACHE["plain"]


def indexed():
    if "indexed" not in _CACHE:
        conn = base()
        try:
            conn.executescript(_CACHE["sql"])
            conn.commit()
            conn.execute("ANALYZE")
            conn.commit()
        except sqlite3.Error as exc:
            raise Fail(f"indexes.sql fails on the tables of app.sql with data in them: {type(exc).__name__}: {exc}") from None
        _CACHE["indexed"] = conn
    return _CACHE["indexed"]


def index_names(conn, table=None):
    """The names of the indexes on main's tables (created by CREATE INDEX)."""
    sql = "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    return [n for n, t in conn.execute(sql) if table is None or t == table]


def plan(conn, query, params):
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + query, params)]


def parse(line, table, names):
    """(index name, [constraints]) if line is an index SEARCH of table, else None."""
    m = re.match(rf"SEARCH {table} USING (?:COVERING )?INDEX ", line)
    if not m:
        return None
    rest = line[m.end():]
    for name in sorted(names, key=len, reverse=True):
        if rest == name:
            return name, []
        if rest.startswith(name + " (") and rest.endswith(")"):
            return name, rest[len(name) + 2:-1].split(" AND ")
    return None


def show(lines):
    return "\n    ".join(lines) or "(empty)"


def searches(query, must_use=(), tries=3):
    """The plan of query, for `tries` random parameter values, searches its table through an index using must_use."""
    conn = indexed()
    table = TABLE[query]
    names = index_names(conn)
    for _ in range(tries):
        params = DATA.params(query)
        got = plan(conn, query, params)
        hits = [h for h in (parse(line, table, names) for line in got) if h]
        if not hits:
            raise Fail(f"the plan of\n    {query}\nwith the parameters {params!r} does not search {table} "
                       f"through an index:\n    {show(got)}")
        used = set(hits[0][1])
        missing = [c for c in must_use if c not in used]
        if missing:
            raise Fail(f"the plan of\n    {query}\nwith the parameters {params!r} is\n    {show(got)}\n"
                       f"the index search uses {sorted(used) or 'no column'}; expected it to use {' and '.join(must_use)}")


def no_sort(query, tries=3):
    conn = indexed()
    for _ in range(tries):
        params = DATA.params(query)
        got = plan(conn, query, params)
        if any("USE TEMP B-TREE FOR ORDER BY" in line for line in got):
            raise Fail(f"the plan of\n    {query}\nwith the parameters {params!r} sorts the rows in a temporary "
                       f"B-tree:\n    {show(got)}\nadd the ORDER BY column to the index, after the equality columns")


def same_results(query, tries=5):
    for _ in range(tries):
        params = DATA.params(query)
        a = plain().execute(query, params).fetchall()
        b = indexed().execute(query, params).fetchall()
        if a != b:
            raise Fail(f"with your indexes,\n    {query}\nwith the parameters {params!r} returns different rows "
                       f"than without them:\n    {b[:5]!r}...\nexpected\n    {a[:5]!r}...")


def run_timeline(tap):
    tap.test("Q1 searches events through an index on user_id", lambda: searches(Q1, ["user_id=?"]))
    tap.test("Q1 needs no separate sort (no temporary B-tree)", lambda: no_sort(Q1))
    tap.test("Q1 returns the same rows as without indexes", lambda: same_results(Q1))


def run_login(tap):
    def unique():
        conn = indexed()
        try:
            for _ in range(3):
                uid, email, _name, _t = RNG.choice(DATA.users)
                twin = email.swapcase()
                try:
                    conn.execute("INSERT INTO users VALUES (?, ?, 'Copy', '2024-07-01 00:00:00')",
                                 (DATA.users[-1][0] + 1, twin))
                except sqlite3.IntegrityError:
                    pass
                else:
                    raise Fail(f"inserting {twin!r} next to {email!r} succeeded; make the lower(email) index UNIQUE")
                fresh = f"new.{word()}{RNG.randint(10_000, 99_999)}@example.com"
                try:
                    conn.execute("INSERT INTO users VALUES (?, ?, 'New', '2024-07-01 00:00:00')", (DATA.users[-1][0] + 1, fresh))
                except sqlite3.Error as exc:
                    raise Fail(f"inserting a user with the new address {fresh!r} failed: {exc}") from None
                conn.rollback()
        finally:
            conn.rollback()

    tap.test("Q2 searches users through an index on lower(email)", lambda: searches(Q2, ["<expr>=?"]))
    tap.test("the index keeps e-mail addresses unique ignoring case", unique)
    tap.test("Q2 returns the same rows as without indexes", lambda: same_results(Q2))


def run_dashboard(tap):
    tap.test("Q3 searches events through an index", lambda: searches(Q3))
    tap.test("Q3 uses both kind=? and created_at>? in the index search", lambda: searches(Q3, ["kind=?", "created_at>?"]))
    tap.test("Q3 returns the same count as without indexes", lambda: same_results(Q3))


def run_signups(tap):
    tap.test("Q4 searches users through an index on created_at", lambda: searches(Q4, ["created_at>?"]))
    tap.test("Q4 needs no separate sort", lambda: no_sort(Q4))
    tap.test("Q4 returns the same rows as without indexes", lambda: same_results(Q4))


def run_economy(tap):
    def at_most_four():
        names = index_names(indexed())
        if len(names) > 4:
            raise Fail(f"indexes.sql creates {len(names)} indexes ({sorted(names)!r}); at most 4 are needed")
        if not names:
            raise Fail("indexes.sql creates no index")

    def all_used():
        conn = indexed()
        names = index_names(conn)
        used = set()
        for q in (Q1, Q2, Q3, Q4):
            for _ in range(3):
                for line in plan(conn, q, DATA.params(q)):
                    hit = parse(line, TABLE[q], names) or parse(line.replace("SCAN", "SEARCH", 1), TABLE[q], names)
                    if hit:
                        used.add(hit[0])
        unused = sorted(n for n in names if n not in used)
        if unused:
            raise Fail(f"these indexes are used by none of the four queries: {unused!r}")

    def only_indexes():
        before, after = schema_of(plain()), schema_of(indexed())
        if before != after:
            extra = sorted(set(after[1]) - set(before[1]))
            gone = sorted(set(before[1]) - set(after[1]))
            raise Fail("indexes.sql may only add indexes, but it changed the schema"
                       + (f"\n  added: {extra!r}" if extra else "") + (f"\n  removed or changed: {gone!r}" if gone else "")
                       + (f"\n  databases: {after[0]!r}" if after[0] != before[0] else ""))
        for table, key in (("users", "id"), ("events", "id")):
            a = plain().execute(f"SELECT * FROM main.{table} ORDER BY {key}").fetchall()
            b = indexed().execute(f"SELECT * FROM main.{table} ORDER BY {key}").fetchall()
            if a != b:
                raise Fail(f"indexes.sql changed the rows of {table}; it may only add indexes")

    tap.test("at most four indexes", at_most_four)
    tap.test("every index is used by one of the queries", all_used)
    tap.test("indexes.sql only adds indexes", only_indexes)


MODES = {"timeline": (3, run_timeline), "login-lookup": (3, run_login), "dashboard": (3, run_dashboard),
         "signups": (3, run_signups), "economy": (3, run_economy)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_indexes.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan_n, fn = MODES[mode]
    tap = Tap(plan_n)
    text, error = learner_sql()
    if text is None:
        tap.fail_rest(error)
        tap.finish()
    _CACHE["sql"] = text
    try:
        indexed()
    except Fail as exc:
        tap.fail_rest(str(exc))
        tap.finish()
    fn(tap)
    tap.finish()


main()
