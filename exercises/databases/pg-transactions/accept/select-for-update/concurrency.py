def reserve(conn, product_id, qty):
    """Pessimistic: lock the row first, then read it; the read waits for other writers."""
    cur = conn.cursor()
    cur.execute("SELECT stock FROM products WHERE id = %s FOR UPDATE", (product_id,))
    row = cur.fetchone()
    if row is None or row[0] < qty:
        conn.rollback()
        return False
    cur.execute("UPDATE products SET stock = %s WHERE id = %s", (row[0] - qty, product_id))
    conn.commit()
    return True


def go_off_call(conn, doctor_id):
    """Lock every on-call row of the shift: a concurrent go_off_call waits, then sees the change."""
    cur = conn.cursor()
    cur.execute("SELECT shift FROM doctors WHERE id = %s", (doctor_id,))
    row = cur.fetchone()
    if row is None:
        conn.rollback()
        return False
    cur.execute("SELECT id FROM doctors WHERE shift = %s AND on_call ORDER BY id FOR UPDATE", (row[0],))
    on_call = [r[0] for r in cur.fetchall()]
    if doctor_id not in on_call or len(on_call) < 2:
        conn.rollback()
        return False
    cur.execute("UPDATE doctors SET on_call = false WHERE id = %s", (doctor_id,))
    conn.commit()
    return True
