"""PostgreSQL inside a check: a cluster made once per exercise, copied per check.

The cluster is `initdb`'d once, by the exercise's prepare step, never per
check (initdb takes seconds; a copy and a start take a fraction of one):

    "prepare": { "run": ["python3", "-I", "tests/pgcheck.py", "prepare"], "timeout": 30 },
    "needs": [ { "program": "/usr/lib/postgresql/15/bin/postgres", "package": "postgresql-15" } ]

prepare() leaves prepared/cluster: a data directory holding one database,
`app`, owned by the role `learner` (no superuser, no CREATEROLE, no
CREATEDB), and the server settings every check uses (postgresql.conf below).
A check then does

    from pgcheck import Postgres
    pg = Postgres.start()           # a private copy of the cluster, listening on the check's loopback
    admin = pg.connect()            # superuser `postgres`, autocommit: the check's own view
    app = pg.connect("learner")     # what the learner's SQL and code run as
    pg.dsn("learner")               # a libpq connection string for the learner's process

and the server stops when the check exits (services.Service). The learner's
SQL never runs as a superuser: a superuser can run programs (COPY ... TO
PROGRAM) as the check's own uid, and change settings for every later
session (ALTER SYSTEM); `learner` can do neither. Learner's SQL files run
through psycopg2, never psql, whose backslash commands (\\!) run a shell.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from services import Service, ServiceError, copy_prepared, free_port  # noqa: E402

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
    import psycopg2  # noqa: PLC0415 - python3-psycopg2; checked by needs
    conn = psycopg2.connect(**kw)
    conn.autocommit = True
    return conn


def prepare(out="prepared/cluster"):
    """The exercise's prepare step: initdb, the role and database, then a clean shutdown."""
    try:
        import psycopg2  # noqa: F401,PLC0415
    except ImportError:
        sys.exit("python3 cannot import psycopg2: install the Debian package python3-psycopg2 "
                 "(apt-get install python3-psycopg2)")
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
    import psycopg2  # noqa: PLC0415
    deadline = time.monotonic() + within
    while True:
        try:
            return _connect(host="127.0.0.1", port=port, dbname=db, user=user, connect_timeout=2)
        except psycopg2.OperationalError as exc:
            if time.monotonic() > deadline:
                raise ServiceError(f"postgres did not accept queries within {within} s: {exc}") from None
            time.sleep(0.005)


class Postgres:
    """A private copy of the prepared cluster, running for the rest of the check."""

    def __init__(self, service, port, started_in):
        self.service, self.port, self.started_in = service, port, started_in

    @classmethod
    def start(cls, data="/tmp/pgdata", ready_within=10.0):
        """Copy tests/prepared/cluster to data and start postgres on a free loopback port.

        Raises ServiceError (with the server's log) when it cannot."""
        t0 = time.monotonic()
        copy_prepared("cluster", data)
        port = free_port()
        svc = Service([f"{BIN}/postgres", "-D", data, "-p", str(port)], name="postgres", port=port,
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
        import psycopg2  # noqa: PLC0415
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


def explain(conn, sql, params=()):
    """EXPLAIN (ANALYZE, FORMAT JSON) of sql: the parsed JSON (a list of one plan)."""
    cur = conn.cursor()
    cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
    doc = cur.fetchone()[0]
    return doc


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
