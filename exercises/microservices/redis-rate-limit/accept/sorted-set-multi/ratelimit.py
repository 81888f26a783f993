"""A sorted set per client and window: one member per request, counted in a MULTI/EXEC block."""
import uuid


class FixedWindow:
    def __init__(self, r, limit, window):
        self.r, self.limit, self.window = r, limit, window

    def key(self, client_id, now):
        start = now - now % self.window
        return f"rl:{client_id}:{start:.0f}"

    def hit(self, client_id, now):
        k = self.key(client_id, now)
        with self.r.pipeline(transaction=True) as tx:
            tx.zadd(k, {uuid.uuid4().hex: now})
            tx.zcard(k)
            tx.expire(k, self.window)
            _, size, _ = tx.execute()
        return size <= self.limit


def allow(r, client_id, limit, window, now):
    return FixedWindow(r, limit, window).hit(client_id, now)
