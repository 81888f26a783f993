def reserve(conn, product_id, qty):
    # the write is relative, but the check of the stock reads a value that may be stale: oversells
    with conn.cursor() as cur:
        cur.execute("SELECT stock FROM products WHERE id = %s", (product_id,))
        row = cur.fetchone()
        if row is None or row[0] < qty:
            conn.rollback()
            return False
        cur.execute("UPDATE products SET stock = stock - %s WHERE id = %s", (qty, product_id))
    conn.commit()
    return True


def go_off_call(conn, doctor_id):
    # one statement, but its subquery's count is read before the row lock is waited for
    with conn.cursor() as cur:
        cur.execute("""UPDATE doctors d SET on_call = false
                       WHERE d.id = %s AND d.on_call AND
                             (SELECT count(*) FROM doctors o WHERE o.shift = d.shift AND o.on_call) > 1""",
                    (doctor_id,))
        changed = cur.rowcount == 1
    conn.commit()
    return changed
