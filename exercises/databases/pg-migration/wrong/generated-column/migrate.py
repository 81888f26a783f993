def migrate(conn):
    # Right values, and the old app's inserts get them too; but adding a stored generated
    # column rewrites the whole table under ACCESS EXCLUSIVE.
    cur = conn.cursor()
    cur.execute("""ALTER TABLE users ADD COLUMN email_domain text
                   GENERATED ALWAYS AS (lower(split_part(email, '@', 2))) STORED NOT NULL""")
    conn.commit()
