"""Checks for migrate.py. Usage: check_migration.py backfill|no-downtime

A private PostgreSQL (tests/pgcheck.py) holds a users table of random rows.
The learner's migrate(conn) runs in its own process (isolate.Child) on a
psycopg2 connection made there, while a thread of the check plays the old
version of the app, still inserting users without the new column.

What the check sees, the learner's code cannot change: it is recorded by
triggers the superuser owns, into the schema rr that `learner` cannot use.
- an event trigger on table_rewrite records any ALTER TABLE that rewrites
  users (it holds ACCESS EXCLUSIVE for the whole rewrite);
- event triggers at ddl_command_start and ddl_command_end compare
  pg_stat_get_xact_numscans(users) around each ALTER TABLE: a scan of the
  table while the command holds ACCESS EXCLUSIVE on it (SET NOT NULL without
  a validated CHECK, a constraint validated in the same transaction as an
  ADD COLUMN) is recorded;
- a statement trigger with a transition table adds up the rows each
  top-level transaction (txid_current(), so savepoints do not split one)
  updates in users: the size of each backfill batch;
- the same ddl_command_end trigger refuses any command that leaves the
  counting trigger dropped or disabled.
"""
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgcheck import Postgres  # noqa: E402
from services import ServiceError  # noqa: E402
from taplib import Fail, Tap, call  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
BATCH = 1000
DOMAINS = ["Example.org", "mail.example.com", "corp.example.net", "EXAMPLE.io", "uni.example.edu", "shop.example"]
OLD_INSERT = "INSERT INTO users (email) VALUES (%s) RETURNING id"

WATCH = r"""
CREATE SCHEMA rr;
CREATE TABLE rr.violations (what text NOT NULL);
CREATE TABLE rr.batches (xid bigint NOT NULL, n bigint NOT NULL);

CREATE FUNCTION rr.rewrite() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
BEGIN
  IF pg_event_trigger_table_rewrite_oid() = 'public.users'::regclass THEN
    INSERT INTO rr.violations VALUES (format('%s rewrote every row of users (a table rewrite holds the '
      'ACCESS EXCLUSIVE lock until it ends: no reads or writes meanwhile)', tg_tag));
  END IF;
END $$;

CREATE FUNCTION rr.before_ddl() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
BEGIN
  PERFORM set_config('rr.scans', pg_stat_get_xact_numscans('public.users'::regclass)::text, true);
END $$;

CREATE FUNCTION rr.after_ddl() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
DECLARE
  before bigint := coalesce(nullif(current_setting('rr.scans', true), ''), '-1')::bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'rr_backfill_batches'
                 AND tgrelid = 'public.users'::regclass AND tgenabled = 'A') THEN
    RAISE EXCEPTION 'the check''s trigger rr_backfill_batches on users was dropped or disabled: leave it in place';
  END IF;
  IF tg_tag = 'ALTER TABLE' AND before >= 0
     AND pg_stat_get_xact_numscans('public.users'::regclass) > before
     AND EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid() AND granted
                 AND relation = 'public.users'::regclass AND mode = 'AccessExclusiveLock') THEN
    INSERT INTO rr.violations VALUES ('an ALTER TABLE read every row of users while it held the ACCESS EXCLUSIVE '
      'lock (SET NOT NULL checks every row unless a validated CHECK (... IS NOT NULL) proves it; a constraint '
      'validated in the transaction that altered the table is checked under that transaction''s lock)');
  END IF;
END $$;

CREATE FUNCTION rr.count_batch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO rr.batches SELECT txid_current(), count(*) FROM new_rows;
  RETURN NULL;
END $$;

CREATE TRIGGER rr_backfill_batches AFTER UPDATE ON public.users REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rr.count_batch();
ALTER TABLE public.users ENABLE ALWAYS TRIGGER rr_backfill_batches;
-- last: from here on every DDL command is watched
CREATE EVENT TRIGGER rr_rewrite ON table_rewrite EXECUTE FUNCTION rr.rewrite();
CREATE EVENT TRIGGER rr_before_ddl ON ddl_command_start EXECUTE FUNCTION rr.before_ddl();
CREATE EVENT TRIGGER rr_after_ddl ON ddl_command_end EXECUTE FUNCTION rr.after_ddl();
"""


def email(i):
    return f"user{i}.{RNG.randint(100, 999)}@{RNG.choice(DOMAINS)}"


def domain(address):
    return address.split("@", 1)[1].lower()


def load(admin):
    n = RNG.randint(6_000, 9_000)
    cur = admin.cursor()
    cur.execute("""CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL,
                                       created_at timestamptz NOT NULL DEFAULT now());
                   ALTER TABLE users OWNER TO learner""")
    emails = [email(i) for i in range(n)]
    cur.execute("INSERT INTO users (email) SELECT unnest(%s::text[])", (emails,))
    cur.execute(WATCH)
    return n


class OldApp(threading.Thread):
    """The old version of the app: inserts a user every few milliseconds, without email_domain."""

    def __init__(self, pg):
        super().__init__(daemon=True)
        self.conn = pg.connect("learner")
        self.conn.cursor().execute("SET lock_timeout = '5s'")
        self.inserted, self.errors = {}, []
        self.stop = threading.Event()

    def insert_one(self):
        address = email(100_000 + len(self.inserted))
        cur = self.conn.cursor()
        cur.execute(OLD_INSERT, (address,))
        self.inserted[cur.fetchone()[0]] = address

    def run(self):
        while not self.stop.is_set():
            try:
                self.insert_one()
            except Exception as exc:  # noqa: BLE001 - psycopg2's error, for the message
                self.errors.append(str(exc).strip().splitlines()[0])
            time.sleep(0.01)


def migrate(pg, child, admin):
    conn = child.helper("client", pg.dsn("learner"))
    app = OldApp(pg)
    app.start()
    try:
        call(child.module.migrate, conn, label="migrate(conn)")
    finally:
        app.stop.set()
        app.join()
    return app


def check_backfill(pg, child, admin, n):
    try:
        app = migrate(pg, child, admin)
    except Fail as exc:
        raise Fail(f"{exc}{left_empty(admin)}") from None
    if app.errors:
        raise Fail(f"the old version of the app, still running during the migration, could not insert a user "
                   f"({len(app.errors)} of {len(app.errors) + len(app.inserted)} inserts failed): {app.errors[0]}")
    cur = admin.cursor()
    cur.execute("SELECT format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
                "WHERE attrelid = 'users'::regclass AND attname = 'email_domain' AND NOT attisdropped")
    col = cur.fetchone()
    if col is None:
        raise Fail("after migrate(conn) users has no column email_domain (was it committed?)")
    if col[0] != "text":
        raise Fail(f"email_domain is of type {col[0]}, expected text")
    if not col[1]:
        raise Fail("email_domain is not NOT NULL: ALTER TABLE users ALTER COLUMN email_domain SET NOT NULL "
                   "must be part of the migration")
    try:
        app.insert_one()
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"after the migration the old version of the app cannot insert a user ({OLD_INSERT}): "
                   f"{str(exc).strip().splitlines()[0]}") from None
    cur.execute("SELECT id, email, email_domain FROM users WHERE email_domain IS DISTINCT FROM "
                "lower(split_part(email, '@', 2)) ORDER BY id LIMIT 3")
    bad = cur.fetchall()
    if bad:
        late = [r for r in bad if r[0] in app.inserted]
        who = " (inserted by the old app during or after the migration)" if late else ""
        raise Fail(f"{len(bad)} or more users have a wrong email_domain{who}, e.g. id {bad[0][0]}: email "
                   f"{bad[0][1]!r}, email_domain {bad[0][2]!r}, expected {domain(bad[0][1])!r}")
    cur.execute("SELECT count(*) FROM users")
    total = cur.fetchone()[0]
    if total != n + len(app.inserted):
        raise Fail(f"users has {total} rows, expected the {n} from before and the {len(app.inserted)} the old "
                   "app inserted: the migration must not add or delete users")


def left_empty(admin):
    """Why a migration that failed may have: users the old app inserted with no email_domain."""
    cur = admin.cursor()
    try:
        cur.execute("SELECT count(*) FROM users WHERE email_domain IS NULL")
    except Exception:  # noqa: BLE001 - the column may not exist
        return ""
    k = cur.fetchone()[0]
    return (f"\n{k} users have no email_domain: rows the old app inserted after the column was added, "
            "with nothing to fill it in (a BEFORE INSERT trigger)") if k else ""


def check_no_downtime(pg, child, admin, n):
    migrate(pg, child, admin)
    cur = admin.cursor()
    cur.execute("SELECT what FROM rr.violations")
    seen = [r[0] for r in cur.fetchall()]
    if seen:
        raise Fail(seen[0])
    cur.execute("SELECT sum(n) FROM rr.batches GROUP BY xid ORDER BY 1 DESC LIMIT 1")
    row = cur.fetchone()
    if row is None:
        raise Fail("migrate(conn) updated no row of users: the existing users need their email_domain")
    if row[0] > BATCH:
        raise Fail(f"one transaction updated {row[0]} rows of users (of {n}); at most {BATCH} per transaction: "
                   "each row it updates stays locked until it commits, so commit after every batch")


def main():
    which = sys.argv[1]
    desc = {"backfill": "email_domain is filled and NOT NULL, and the old app keeps inserting",
            "no-downtime": "no rewrite, no full scan under ACCESS EXCLUSIVE, batches of at most 1000 rows"}[which]
    tap = Tap(1)
    child = tap.start("migrate", needs=("migrate",), helpers="pgcheck.py")
    try:
        pg = Postgres.start()
    except ServiceError as exc:
        print(f"Bail out! PostgreSQL did not start inside the check: {exc}".splitlines()[0])
        print(str(exc), file=sys.stderr)
        sys.exit(2)
    admin = pg.connect()
    n = load(admin)
    fn = check_backfill if which == "backfill" else check_no_downtime
    with child.budget(5.0, "migrate(conn) used more than 5 s of CPU time"):
        tap.test(desc, lambda: fn(pg, child, admin, n))
    tap.finish()


if __name__ == "__main__":
    main()
