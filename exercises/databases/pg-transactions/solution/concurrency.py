import psycopg2
import psycopg2.errors


def reserve(conn, product_id, qty):
    # One statement reads and writes the row: a concurrent reservation that committed first
    # is re-read by PostgreSQL (the row lock, then the WHERE re-checked on the new version).
    with conn.cursor() as cur:
        cur.execute("UPDATE products SET stock = stock - %s WHERE id = %s AND stock >= %s",
                    (qty, product_id, qty))
        taken = cur.rowcount == 1
    conn.commit()
    return taken


def go_off_call(conn, doctor_id):
    # The rule reads rows this transaction does not write: only SERIALIZABLE sees that
    # another transaction changed them, and aborts one of the two; we run again.
    conn.set_session(isolation_level="SERIALIZABLE")
    try:
        for _ in range(10):
            try:
                with conn.cursor() as cur:
                    cur.execute("""SELECT count(*) FROM doctors
                                   WHERE on_call AND id <> %s
                                     AND shift = (SELECT shift FROM doctors WHERE id = %s)""",
                                (doctor_id, doctor_id))
                    others = cur.fetchone()[0]
                    if others == 0:
                        conn.rollback()
                        return False
                    cur.execute("UPDATE doctors SET on_call = false WHERE id = %s AND on_call", (doctor_id,))
                    changed = cur.rowcount == 1
                conn.commit()
                return changed
            except psycopg2.errors.SerializationFailure:
                conn.rollback()
        raise RuntimeError("go_off_call: still conflicting after 10 attempts")
    finally:
        conn.set_session(isolation_level="READ COMMITTED")
