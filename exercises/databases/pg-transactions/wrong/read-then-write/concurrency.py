import psycopg2
import psycopg2.errors


def reserve(conn, product_id, qty):
    # read-modify-write at READ COMMITTED: a concurrent reservation is overwritten (lost update)
    with conn.cursor() as cur:
        cur.execute("SELECT stock FROM products WHERE id = %s", (product_id,))
        row = cur.fetchone()
        if row is None or row[0] < qty:
            conn.rollback()
            return False
        cur.execute("UPDATE products SET stock = %s WHERE id = %s", (row[0] - qty, product_id))
    conn.commit()
    return True


def go_off_call(conn, doctor_id):
    conn.set_session(isolation_level="SERIALIZABLE")
    try:
        for _ in range(10):
            try:
                with conn.cursor() as cur:
                    cur.execute("SELECT count(*) FROM doctors WHERE on_call AND id <> %s AND shift = "
                                "(SELECT shift FROM doctors WHERE id = %s)", (doctor_id, doctor_id))
                    if cur.fetchone()[0] == 0:
                        conn.rollback()
                        return False
                    cur.execute("UPDATE doctors SET on_call = false WHERE id = %s", (doctor_id,))
                conn.commit()
                return True
            except psycopg2.errors.SerializationFailure:
                conn.rollback()
        return False
    finally:
        conn.set_session(isolation_level="READ COMMITTED")
