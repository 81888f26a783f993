import psycopg2


def run(conn, sql, params=None):
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.rowcount


def migrate(conn):
    run(conn, "SET lock_timeout TO '5s'")
    run(conn, "ALTER TABLE users ADD COLUMN IF NOT EXISTS email_domain text")
    run(conn, """CREATE OR REPLACE FUNCTION set_domain() RETURNS trigger LANGUAGE plpgsql AS $f$
                 BEGIN NEW.email_domain = lower(substring(NEW.email FROM position('@' IN NEW.email) + 1));
                       RETURN NEW; END $f$""")
    run(conn, "CREATE TRIGGER set_domain BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION set_domain()")
    conn.commit()
    while True:
        done = run(conn, """UPDATE users SET email_domain = lower(substring(email FROM position('@' IN email) + 1))
                            WHERE id IN (SELECT id FROM users WHERE email_domain IS NULL
                                         LIMIT 250 FOR UPDATE SKIP LOCKED)""")
        conn.commit()
        if done == 0:
            break
    run(conn, "ALTER TABLE users ADD CONSTRAINT domain_present CHECK (email_domain IS NOT NULL) NOT VALID")
    conn.commit()
    try:
        run(conn, "ALTER TABLE users VALIDATE CONSTRAINT domain_present")
        conn.commit()
    except psycopg2.Error:
        conn.rollback()
        raise
    run(conn, "ALTER TABLE users ALTER COLUMN email_domain SET NOT NULL")
    conn.commit()
    run(conn, "ALTER TABLE users DROP CONSTRAINT domain_present")
    conn.commit()
