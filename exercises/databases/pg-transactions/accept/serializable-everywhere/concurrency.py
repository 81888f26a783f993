from psycopg2 import extensions, errorcodes, Error

RETRIES = 8


def _serializable(conn, work):
    """Run work(cursor) in a SERIALIZABLE transaction, again while it fails to serialize."""
    old = conn.isolation_level
    conn.isolation_level = extensions.ISOLATION_LEVEL_SERIALIZABLE
    try:
        for attempt in range(RETRIES):
            try:
                with conn:  # commits on success, rolls back on an exception
                    with conn.cursor() as cur:
                        return work(cur)
            except Error as exc:
                if exc.pgcode != errorcodes.SERIALIZATION_FAILURE or attempt == RETRIES - 1:
                    raise
    finally:
        conn.isolation_level = old


def reserve(conn, product_id, qty):
    def work(cur):
        cur.execute("SELECT stock FROM products WHERE id = %s", (product_id,))
        found = cur.fetchone()
        if not found or found[0] < qty:
            return False
        cur.execute("UPDATE products SET stock = %s WHERE id = %s", (found[0] - qty, product_id))
        return True
    return _serializable(conn, work)


def go_off_call(conn, doctor_id):
    def work(cur):
        cur.execute("SELECT shift, on_call FROM doctors WHERE id = %s", (doctor_id,))
        me = cur.fetchone()
        if not me or not me[1]:
            return False
        cur.execute("SELECT count(*) FROM doctors WHERE shift = %s AND on_call", (me[0],))
        if cur.fetchone()[0] < 2:
            return False
        cur.execute("UPDATE doctors SET on_call = false WHERE id = %s", (doctor_id,))
        return True
    return _serializable(conn, work)
