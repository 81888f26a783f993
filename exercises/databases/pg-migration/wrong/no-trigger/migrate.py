BATCH = 500
DOMAIN = "lower(split_part(email, '@', 2))"


def migrate(conn):
    cur = conn.cursor()
    # Wait at most 2 s for the table lock: a long queue behind an ALTER TABLE blocks every user.
    cur.execute("SET lock_timeout = '2s'")
    # 1. A nullable column without a default: only the catalog changes (a brief lock, no rewrite).
    #    The trigger fills it for rows the old app inserts from now on.
    cur.execute("ALTER TABLE users ADD COLUMN email_domain text")
    # no trigger: the old app inserts users without email_domain, which NOT NULL then refuses
    conn.commit()
    # 2. Backfill in short transactions: each locks at most BATCH rows, briefly.
    cur.execute("SELECT coalesce(max(id), 0) FROM users")
    top = cur.fetchone()[0]
    conn.commit()
    for low in range(0, top + 1, BATCH):
        cur.execute(f"UPDATE users SET email_domain = {DOMAIN} WHERE id >= %s AND id < %s AND email_domain IS NULL",
                    (low, low + BATCH))
        conn.commit()
    # 3. NOT NULL without a long exclusive lock: a CHECK added NOT VALID (instant), validated under a
    #    lock that lets reads and writes go on, then SET NOT NULL trusts it and reads no row.
    cur.execute("ALTER TABLE users ADD CONSTRAINT users_email_domain_not_null CHECK (email_domain IS NOT NULL) NOT VALID")
    conn.commit()
    cur.execute("ALTER TABLE users VALIDATE CONSTRAINT users_email_domain_not_null")
    conn.commit()
    cur.execute("ALTER TABLE users ALTER COLUMN email_domain SET NOT NULL")
    cur.execute("ALTER TABLE users DROP CONSTRAINT users_email_domain_not_null")
    conn.commit()
