def reserve(conn, product_id, qty):
    """Take qty units of product_id out of stock; True, or False when there are not enough."""
    raise NotImplementedError


def go_off_call(conn, doctor_id):
    """Take the doctor off call, unless nobody else of the shift would stay on call."""
    raise NotImplementedError
