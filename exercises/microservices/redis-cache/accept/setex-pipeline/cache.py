import json
from datetime import timedelta

TTL = timedelta(minutes=5)


def get_product(r, db, product_id):
    key = "product:%d" % product_id
    raw = r.get(key)
    if raw:
        return json.loads(raw.decode("utf-8"))
    row = db.load(product_id)
    if row is None:
        return None
    r.setex(key, TTL, json.dumps(row, sort_keys=True))
    return row


def update_product(r, db, product_id, fields):
    db.save(product_id, fields)
    with r.pipeline() as p:
        p.delete("product:%d" % product_id)
        p.execute()
