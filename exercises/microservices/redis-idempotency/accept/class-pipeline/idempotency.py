import json


class IdempotencyStore:
    PENDING = b"__pending__"

    def __init__(self, r, ttl=86_400, lease=30):
        self.r, self.ttl, self.lease = r, ttl, lease

    def claim(self, key):
        return bool(self.r.set(self._k(key), self.PENDING, nx=True, px=self.lease * 1000))

    def finish(self, key, result):
        pipe = self.r.pipeline()
        pipe.set(self._k(key), json.dumps(result))
        pipe.expire(self._k(key), self.ttl)
        pipe.execute()  # MULTI/EXEC: the value and its TTL together

    def release(self, key):
        self.r.delete(self._k(key))

    def lookup(self, key):
        raw = self.r.get(self._k(key))
        return None if raw in (None, self.PENDING) else json.loads(raw)

    @staticmethod
    def _k(key):
        return f"idem:{key}"


def handle(r, key, request, process):
    store = IdempotencyStore(r)
    if not store.claim(key):
        done = store.lookup(key)
        return done if done is not None else {"status": "in-progress"}
    try:
        result = process(request)
    except Exception:
        store.release(key)
        raise
    store.finish(key, result)
    return result
