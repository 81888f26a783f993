import json

TTL_SECONDS = 300


def _key(product_id):
    return f"product:{product_id}"


def get_product(r, db, product_id):
    cached = r.get(_key(product_id))
    if cached is not None:
        return json.loads(cached)
    product = db.load(product_id)
    if product is not None:
        # value and TTL in one command: there is never a key without an expiry
        r.set(_key(product_id), json.dumps(product))
    return product


def update_product(r, db, product_id, fields):
    db.save(product_id, fields)
    r.delete(_key(product_id))
