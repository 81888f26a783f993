import time

_cache = {}


def get_product(r, db, product_id):
    hit = _cache.get(product_id)
    if hit and hit[1] > time.monotonic():
        return hit[0]
    product = db.load(product_id)
    if product is not None:
        _cache[product_id] = (product, time.monotonic() + 300)
    return product


def update_product(r, db, product_id, fields):
    db.save(product_id, fields)
    _cache.pop(product_id, None)
