"""Checks for indexes.sql. Usage: check_indexes.py timeline|login-lookup|dashboard|signups|economy"""
import os
import random
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap  # noqa: E402

TESTS = os.path.dirname(os.path.abspath(__file__))

Q1 = "SELECT id, kind, created_at FROM events WHERE user_id = ? ORDER BY created_at DESC LIMIT 20"
Q2 = "SELECT id, name FROM users WHERE lower(email) = lower(?)"
Q3 = "SELECT count(*) FROM events WHERE kind = ? AND created_at >= ?"
Q4 = "SELECT id, email FROM users WHERE created_at >= ? ORDER BY created_at"
PARAMS = {Q1: (42,), Q2: ("User42@Example.com",), Q3: ("purchase", "2024-06-01 00:00:00"), Q4: ("2024-06-20 00:00:00",)}
KINDS = ["view"] * 12 + ["login"] * 4 + ["search"] * 3 + ["purchase"]


def stamp(rng):
    return f"2024-{rng.randrange(1, 7):02d}-{rng.randrange(1, 29):02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00"


def fill(conn, users=2000, events=30000, seed=11):
    rng = random.Random(seed)
    conn.executemany("INSERT INTO users VALUES (?, ?, ?, ?)",
                     [(i, f"user{i}@example.com", f"User {i}", stamp(rng)) for i in range(1, users + 1)])
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)",
                     [(i, rng.randrange(1, users + 1), rng.choice(KINDS), stamp(rng), "{}") for i in range(1, events + 1)])
    conn.commit()


def base():
    conn = sqlite3.connect(":memory:")
    with open(os.path.join(TESTS, "app.sql"), encoding="utf-8") as f:
        conn.executescript(f.read())
    fill(conn)
    return conn


def learner_sql():
    path = os.path.join(os.getcwd(), "indexes.sql")
    if not os.path.isfile(path):
        return None, "indexes.sql not found: your submission must contain indexes.sql"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        indexed()
    except sqlite3.Error as exc:
        return None, f"indexes.sql fails on the tables of app.sql with data in them: {exc}"
    return text, None


def indexed():
    conn = base()
    with open(os.path.join(os.getcwd(), "indexes.sql"), encoding="utf-8") as f:
        conn.executescript(f.read())
    conn.execute("ANALYZE")
    return conn


def plan(conn, query):
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + query, PARAMS[query])]


def show(lines):
    return "\n    ".join(lines) or "(empty)"


def searches(conn, query, table, must_contain=()):
    got = plan(conn, query)
    text = "\n".join(got)
    pattern = re.compile(rf"^SEARCH {table} USING (COVERING )?INDEX (\S+)")
    hit = next((m for m in map(pattern.match, got) if m), None)
    if hit is None:
        raise Fail(f"the plan of\n    {query}\ndoes not search {table} through an index:\n    {show(got)}")
    for part in must_contain:
        if part not in text:
            raise Fail(f"the plan of\n    {query}\nis\n    {show(got)}\nexpected the index search to use {part}")
    return got, hit.group(2)


def no_sort(conn, query):
    got = plan(conn, query)
    if any("USE TEMP B-TREE FOR ORDER BY" in line for line in got):
        raise Fail(f"the plan of\n    {query}\nsorts the rows in a temporary B-tree:\n    {show(got)}\n"
                   "add the ORDER BY column to the index, after the equality columns")


def same_results(query):
    plain, fast = base(), indexed()
    a = plain.execute(query, PARAMS[query]).fetchall()
    b = fast.execute(query, PARAMS[query]).fetchall()
    if a != b:
        raise Fail(f"with your indexes,\n    {query}\nreturns different rows than without them")


def run_timeline(tap):
    conn = indexed()
    tap.test("Q1 searches events through an index on user_id",
             lambda: searches(conn, Q1, "events", ["user_id=?"]))
    tap.test("Q1 needs no separate sort (no temporary B-tree)", lambda: no_sort(conn, Q1))
    tap.test("Q1 returns the same rows as without indexes", lambda: same_results(Q1))


def run_login(tap):
    conn = indexed()

    def unique():
        c = indexed()
        try:
            c.execute("INSERT INTO users VALUES (999999, 'USER7@EXAMPLE.COM', 'Copy', '2024-07-01 00:00:00')")
        except sqlite3.IntegrityError:
            return
        raise Fail("inserting 'USER7@EXAMPLE.COM' next to 'user7@example.com' succeeded; "
                   "make the lower(email) index UNIQUE")

    tap.test("Q2 searches users through an index on lower(email)",
             lambda: searches(conn, Q2, "users", ["<expr>=?"]))
    tap.test("the index keeps e-mail addresses unique ignoring case", unique)
    tap.test("Q2 returns the same rows as without indexes", lambda: same_results(Q2))


def run_dashboard(tap):
    conn = indexed()
    tap.test("Q3 searches events through an index",
             lambda: searches(conn, Q3, "events"))
    tap.test("Q3 uses both kind=? and created_at>? in the index search",
             lambda: searches(conn, Q3, "events", ["kind=?", "created_at>?"]))
    tap.test("Q3 returns the same count as without indexes", lambda: same_results(Q3))


def run_signups(tap):
    conn = indexed()
    tap.test("Q4 searches users through an index on created_at",
             lambda: searches(conn, Q4, "users", ["created_at>?"]))
    tap.test("Q4 needs no separate sort", lambda: no_sort(conn, Q4))
    tap.test("Q4 returns the same rows as without indexes", lambda: same_results(Q4))


def run_economy(tap):
    conn = indexed()
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")]

    def at_most_four():
        if len(names) > 4:
            raise Fail(f"indexes.sql creates {len(names)} indexes ({names!r}); at most 4 are needed")
        if not names:
            raise Fail("indexes.sql creates no index")

    def all_used():
        used = set()
        for q in (Q1, Q2, Q3, Q4):
            for line in plan(conn, q):
                used.update(re.findall(r"INDEX (\S+)", line))
        unused = [n for n in names if n not in used]
        if unused:
            raise Fail(f"these indexes are used by none of the four queries: {unused!r}")

    def only_indexes():
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        if tables != ["events", "users"]:
            raise Fail(f"after indexes.sql the schema has {tables!r}; it may only add indexes")
        cols = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
        if cols != ["id", "user_id", "kind", "created_at", "payload"]:
            raise Fail(f"the events table was changed: {cols!r}")

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
    else:
        fn(tap)
    tap.finish()


main()
