"""A constant default: PostgreSQL 11+ stores it in the catalog, so the column is NOT NULL at
once with no rewrite and no scan; the real values come in batches, then the default goes."""
import time

STEP = 800


def migrate(conn):
    conn.autocommit = True  # every statement is its own short transaction
    try:
        with conn.cursor() as cur:
            cur.execute("SET lock_timeout = '3s'")
            cur.execute("BEGIN")
            cur.execute("ALTER TABLE users ADD COLUMN email_domain text NOT NULL DEFAULT ''")
            cur.execute("""CREATE OR REPLACE FUNCTION fill_email_domain() RETURNS trigger AS $$
                           BEGIN
                             NEW.email_domain := lower(split_part(NEW.email, '@', 2));
                             RETURN NEW;
                           END $$ LANGUAGE plpgsql""")
            cur.execute("CREATE TRIGGER fill_email_domain BEFORE INSERT OR UPDATE ON users "
                        "FOR EACH ROW EXECUTE FUNCTION fill_email_domain()")
            cur.execute("COMMIT")
            last = 0
            while True:
                # keyset pagination: the next STEP ids after the last one done
                cur.execute("""WITH batch AS (SELECT id FROM users WHERE id > %s ORDER BY id LIMIT %s)
                               UPDATE users u SET email = u.email FROM batch WHERE u.id = batch.id
                               RETURNING u.id""", (last, STEP))
                ids = [r[0] for r in cur.fetchall()]
                if not ids:
                    break
                last = max(ids)
                time.sleep(0)  # a real migration would pause here to spare the replicas
            cur.execute("ALTER TABLE users ALTER COLUMN email_domain DROP DEFAULT")
    finally:
        conn.autocommit = False
