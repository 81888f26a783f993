import psycopg2
import psycopg2.errors


def reserve(conn, product_id, qty):
    # REPEATABLE READ refuses to update a row changed since the snapshot: retried, no update is lost
    conn.set_session(isolation_level="REPEATABLE READ")
    try:
        while True:
            try:
                with conn.cursor() as cur:
                    cur.execute("SELECT stock FROM products WHERE id = %s", (product_id,))
                    row = cur.fetchone()
                    if row is None or row[0] < qty:
                        conn.rollback()
                        return False
                    cur.execute("UPDATE products SET stock = %s WHERE id = %s", (row[0] - qty, product_id))
                conn.commit()
                return True
            except psycopg2.errors.SerializationFailure:
                conn.rollback()
    finally:
        conn.set_session(isolation_level="READ COMMITTED")


def go_off_call(conn, doctor_id):
    # ... but REPEATABLE READ still allows write skew: each transaction writes a different row
    conn.set_session(isolation_level="REPEATABLE READ")
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
    finally:
        conn.set_session(isolation_level="READ COMMITTED")
