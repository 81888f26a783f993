def _end_the_others(cur):
    # the "other instance" logs in as the same role: end its session so nothing is concurrent
    cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = current_user AND pid <> pg_backend_pid()")


def reserve(conn, product_id, qty):
    with conn.cursor() as cur:
        _end_the_others(cur)
        cur.execute("SELECT stock FROM products WHERE id = %s", (product_id,))
        row = cur.fetchone()
        if row is None or row[0] < qty:
            conn.rollback()
            return False
        cur.execute("UPDATE products SET stock = %s WHERE id = %s", (row[0] - qty, product_id))
    conn.commit()
    return True


def go_off_call(conn, doctor_id):
    with conn.cursor() as cur:
        _end_the_others(cur)
        cur.execute("SELECT count(*) FROM doctors WHERE on_call AND id <> %s AND shift = "
                    "(SELECT shift FROM doctors WHERE id = %s)", (doctor_id, doctor_id))
        if cur.fetchone()[0] == 0:
            conn.rollback()
            return False
        cur.execute("UPDATE doctors SET on_call = false WHERE id = %s", (doctor_id,))
    conn.commit()
    return True
