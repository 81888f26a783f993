import json


def get_product(r, db, product_id):
    cached = r.get(f"product:{product_id}")
    if cached is not None:
        return json.loads(cached)
    product = db.load(product_id)
    if product is not None:
        r.set(f"product:{product_id}", json.dumps(product), ex=300)
    return product


def update_product(r, db, product_id, fields):
    r.delete(f"product:{product_id}")
    db.save(product_id, fields)
