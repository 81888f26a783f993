"""PostgreSQL inside a check: a cluster made once per exercise, copied per check.

The cluster is `initdb`'d once, by the exercise's prepare step, never per
check (initdb takes seconds; a copy and a start take a fraction of one):

    "prepare": { "run": ["python3", "-I", "tests/pgcheck.py", "prepare"], "timeout": 30 },
    "needs": [ { "program": "/usr/lib/postgresql/15/bin/postgres", "package": "postgresql-15" },
               { "python_module": "psycopg2", "package": "python3-psycopg2" } ]

prepare() leaves prepared/cluster: a data directory holding one database,
`app`, owned by the role `learner` (no superuser, no CREATEROLE, no
CREATEDB), and the server settings every check uses (postgresql.conf below).
A check then does

    from pgcheck import Postgres
    pg = Postgres.start()           # a private copy of the cluster, listening on the check's loopback
    admin = pg.connect()            # superuser `postgres`, autocommit: the check's own view
    app = pg.connect("learner")     # what the learner's SQL and code run as
    pg.dsn("learner")               # a libpq connection string for the learner's process

and the server stops when the check exits (services.Service). When the
learner's own code talks to the database, it runs in its process
(isolate.Child) with this module as its helper: client(dsn) there makes a
psycopg2 connection of the learner's process, and the check watches that
connection's backend from outside (blocked_on_lock). The learner's
SQL never runs as a superuser: a superuser can run programs (COPY ... TO
PROGRAM) as the check's own uid, and change settings for every later
session (ALTER SYSTEM); `learner` can do neither. Learner's SQL files run
through psycopg2, never psql, whose backslash commands (\\!) run a shell.
"""
import os
import subprocess
import sys
import time

try:
    import psycopg2  # loaded here, before the learner's process shuts off new files
except ImportError:  # the exercise's prepare step says which package is missing
    psycopg2 = None


def _services():
    """services.py, imported only by the check: as the learner's helper this module must
    not put tests/ on the learner's sys.path."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import services  # noqa: PLC0415
    return services

BIN = "/usr/lib/postgresql/15/bin"
PACKAGE = "postgresql-15"
DATABASE = "app"
LEARNER = "learner"

# Settings for a throw-away server inside a check: nothing must survive a
# crash (fsync off), plans must not depend on the machine (no parallel
# workers, no JIT), and it must fit the check's limits.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    "max_connections": "20",
    "shared_buffers": "16MB",
    "dynamic_shared_memory_type": "posix",
    "huge_pages": "off",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_worker_processes": "2",
    "max_parallel_workers_per_gather": "0",
    "max_logical_replication_workers": "0",
    "autovacuum": "off",
    "jit": "off",
    "log_min_messages": "warning",
    "log_destination": "'stderr'",
    "logging_collector": "off",
    "timezone": "'UTC'",
    "lc_messages": "'C'",
}


def _connect(**kw):
    conn = psycopg2.connect(**kw)
    conn.autocommit = True
    return conn


def prepare(out="prepared/cluster"):
    """The exercise's prepare step: initdb, the role and database, then a clean shutdown."""
    if psycopg2 is None:
        sys.exit("python3 cannot import psycopg2: install the Debian package python3-psycopg2 "
                 "(apt-get install python3-psycopg2)")
    Service, free_port = _services().Service, _services().free_port
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    r = subprocess.run([f"{BIN}/initdb", "-D", out, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--locale=C.UTF-8", "--no-sync", "--no-instructions", "--wal-segsize=1"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode:
        if "shmget" in r.stdout and "not permitted" in r.stdout:
            sys.exit("PostgreSQL cannot run in this sandbox: it needs a System V shared memory segment, "
                     "which a check gets only when roadmap-run runs as root (docs/sandbox.md, IPC "
                     "namespace); unprivileged, System V IPC is refused. Grade this exercise as root "
                     f"(sudo roadmap-run ...).\ninitdb said:\n{r.stdout[-600:]}")
        sys.exit(f"initdb failed:\n{r.stdout}")
    with open(os.path.join(out, "postgresql.conf"), "a") as f:
        f.write("\n# roadmap-run: a throw-away server inside a check\n")
        for k, v in SETTINGS.items():
            f.write(f"{k} = {v}\n")
    port = free_port()
    with Service([f"{BIN}/postgres", "-D", out, "-p", str(port)], name="postgres", port=port,
                 ready_within=20, grace=10):
        admin = _wait_ready(port, "postgres", "postgres", 20)
        cur = admin.cursor()
        cur.execute(f"CREATE ROLE {LEARNER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        cur.execute(f"CREATE DATABASE {DATABASE} OWNER {LEARNER}")
        admin.close()
        app = _wait_ready(port, DATABASE, "postgres", 5)
        cur = app.cursor()
        cur.execute(f"ALTER SCHEMA public OWNER TO {LEARNER}")
        # Only `app` is ever used: the others are copied into every check for nothing.
        cur.execute("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')")
        for db in ("postgres", "template0", "template1"):
            cur.execute(f"DROP DATABASE {db}")
        cur.execute("CHECKPOINT")
        app.close()
    print(f"prepared {out}")


def _wait_ready(port, db, user, within):
    """A connection once the server accepts queries (a listening socket is not enough:
    it answers 'the database system is starting up' for a while)."""
    deadline = time.monotonic() + within
    while True:
        try:
            return _connect(host="127.0.0.1", port=port, dbname=db, user=user, connect_timeout=2)
        except psycopg2.OperationalError as exc:
            if time.monotonic() > deadline:
                raise _services().ServiceError(f"postgres did not accept queries within {within} s: {exc}") from None
            time.sleep(0.005)


class Postgres:
    """A private copy of the prepared cluster, running for the rest of the check."""

    def __init__(self, service, port, started_in):
        self.service, self.port, self.started_in = service, port, started_in

    @classmethod
    def start(cls, data="/tmp/pgdata", ready_within=10.0):
        """Copy tests/prepared/cluster to data and start postgres on a free loopback port.

        Raises ServiceError (with the server's log) when it cannot."""
        services = _services()
        t0 = time.monotonic()
        services.copy_prepared("cluster", data)
        port = services.free_port()
        svc = services.Service([f"{BIN}/postgres", "-D", data, "-p", str(port)], name="postgres", port=port,
                      ready_within=ready_within, memory_mb=512, processes=24, grace=2)
        svc.start()
        _wait_ready(port, DATABASE, "postgres", ready_within).close()
        return cls(svc, port, time.monotonic() - t0)

    def dsn(self, user=LEARNER):
        return f"host=127.0.0.1 port={self.port} dbname={DATABASE} user={user} connect_timeout=5"

    def connect(self, user="postgres"):
        """An autocommit psycopg2 connection to `app` as user."""
        return _connect(dsn=self.dsn(user))

    def run_file(self, path, user=LEARNER):
        """Run a learner's SQL file as one transaction, as `learner`. Returns None, or a message
        for the learner: the file missing, or PostgreSQL's error with the statement it was in."""
        try:
            with open(path, encoding="utf-8") as f:
                sql = f.read()
        except FileNotFoundError:
            return f"{os.path.basename(path)} not found: your submission must contain it"
        except (OSError, UnicodeDecodeError) as exc:
            return f"{os.path.basename(path)} could not be read: {exc}"
        if not sql.strip():
            return f"{os.path.basename(path)} is empty"
        conn = _connect(dsn=self.dsn(user))
        conn.autocommit = False
        try:
            conn.cursor().execute(sql)
            conn.commit()
        except psycopg2.Error as exc:
            return f"PostgreSQL refused {os.path.basename(path)}: {str(exc).strip()}"
        finally:
            conn.close()
        return None


def client(dsn):
    """In the learner's process: a psycopg2 connection of its own (not autocommit: the
    learner's code decides where its transactions begin and end, at READ COMMITTED,
    PostgreSQL's default)."""
    return psycopg2.connect(dsn)


def waiting_on_lock(admin, within=3.0):
    """Wait until a backend of `learner` waits for a lock; return its pid, or None when
    none did within `within` seconds (its code never touched what the check holds).

    The check holds a lock in a transaction of its own, calls the learner's code in
    another thread, and waits here: the moment the learner's statement blocks is the
    moment to commit, so the interleaving is the same on every run, however slow the
    machine."""
    cur = admin.cursor()
    deadline = time.monotonic() + within
    while True:
        cur.execute("SELECT pid FROM pg_stat_activity WHERE usename = %s AND wait_event_type = 'Lock'",
                    (LEARNER,))
        row = cur.fetchone()
        if row:
            return row[0]
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def until_blocked_or_done(admin, job, within=8.0):
    """Wait until the learner's code (job, a services.Concurrently) waits for a lock, or has returned;
    True when it is blocked."""
    deadline = time.monotonic() + within
    while not job.done():
        if waiting_on_lock(admin, 0.0) is not None:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)
    return False


def explain(conn, sql, params=()):
    """EXPLAIN (ANALYZE, FORMAT JSON) of sql: the parsed JSON (a list of one plan)."""
    cur = conn.cursor()
    cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
    doc = cur.fetchone()[0]
    return doc


# Planner settings a learner's SQL could change to force a plan; put back before the check
# reads a plan (planner_defaults).
PLANNER = ["enable_seqscan", "enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan", "enable_sort",
           "enable_hashjoin", "enable_mergejoin", "enable_nestloop", "random_page_cost", "seq_page_cost",
           "cpu_tuple_cost", "cpu_index_tuple_cost", "cpu_operator_cost", "effective_cache_size",
           "work_mem", "default_statistics_target", "search_path"]


def planner_defaults(conn):
    """The planner's own settings in this session, whatever ALTER ROLE/DATABASE ... SET said."""
    cur = conn.cursor()
    for name in PLANNER:
        cur.execute(f"SET {name} TO DEFAULT")
    cur.execute("SET search_path TO public")
    # ALTER DATABASE / ROLE ... SET would be the session's default: overrule it by hand
    for name in PLANNER:
        if name.startswith("enable_"):
            cur.execute(f"SET {name} = on")
    cur.execute("SET random_page_cost = 4; SET seq_page_cost = 1")


def shape(doc):
    """A plan on one line, for a message: 'Limit -> Index Scan on orders using orders_idx'."""
    return " -> ".join(n["Node Type"] + (f" on {n['Relation Name']}" if "Relation Name" in n else "")
                       + (f" using {n['Index Name']}" if "Index Name" in n else "") for n in plan_nodes(doc))


def only_indexes(admin, table, columns, rows, max_indexes, what="indexes.sql"):
    """None when the learner's SQL file added at most max_indexes indexes to table and nothing
    else (no settings, triggers or functions; the same columns and row count); else why not.

    columns: the table's columns as 'name type, ...' (format_type's spelling)."""
    cur = admin.cursor()
    cur.execute("SELECT count(*) FROM pg_db_role_setting")
    if cur.fetchone()[0]:
        return f"{what} changed settings (ALTER ROLE/DATABASE ... SET): only CREATE INDEX is allowed"
    cur.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", (table,))
    if cur.fetchone()[0] != "r":
        return f"{table} is no longer a plain table"
    cur.execute("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) "
                "FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (table,))
    cols = cur.fetchone()[0]
    if cols != columns:
        return f"the columns of {table} changed: {cols}"
    cur.execute(f"SELECT count(*) FROM {table}")
    if cur.fetchone()[0] != rows:
        return f"the rows of {table} changed"
    cur.execute("SELECT count(*) FROM pg_index WHERE indrelid = %s::regclass AND NOT indisprimary", (table,))
    k = cur.fetchone()[0]
    if k > max_indexes:
        return f"{table} has {k} indexes besides its primary key; at most {max_indexes} are allowed"
    cur.execute("SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass", (table,))
    if cur.fetchone()[0]:
        return f"{what} added a trigger to {table}"
    cur.execute("SELECT string_agg(proname, ', ') FROM pg_proc WHERE pronamespace = 'public'::regnamespace")
    procs = cur.fetchone()[0]
    if procs:
        return f"{what} created functions ({procs}): only CREATE INDEX is allowed"
    return None


def plan_nodes(plan):
    """Every node of a plan (the 'Plan' dict or the EXPLAIN document), depth first."""
    if isinstance(plan, list):
        plan = plan[0]
    if "Plan" in plan:
        plan = plan["Plan"]
    yield plan
    for p in plan.get("Plans", []):
        yield from plan_nodes(p)


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        prepare()
    else:
        sys.exit("usage: pgcheck.py prepare")
