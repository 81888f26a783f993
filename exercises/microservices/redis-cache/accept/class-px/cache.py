import json


class ProductCache:
    prefix = "product:"
    ttl_ms = 300_000

    def __init__(self, r, db):
        self.r, self.db = r, db

    def key(self, pid):
        return self.prefix + str(pid)

    def get(self, pid):
        blob = self.r.get(self.key(pid))
        if blob is not None:
            return json.loads(blob)
        value = self.db.load(pid)
        if value is not None:
            self.r.set(self.key(pid), json.dumps(value, separators=(",", ":")), px=self.ttl_ms)
        return value

    def invalidate(self, pid, fields):
        self.db.save(pid, fields)
        self.r.unlink(self.key(pid))


def get_product(r, db, product_id):
    return ProductCache(r, db).get(product_id)


def update_product(r, db, product_id, fields):
    ProductCache(r, db).invalidate(product_id, fields)
