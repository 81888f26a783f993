def allow(r, client_id, limit, window, now):
    """Fixed window: one counter per client and window, counted with INCR (atomic)."""
    key = f"rate:{client_id}:{int(now // window)}"
    pipe = r.pipeline()  # MULTI/EXEC: the count and its expiry together
    pipe.incr(key)
    pipe.expire(key, window)
    count, _ = pipe.execute()
    return count <= limit
