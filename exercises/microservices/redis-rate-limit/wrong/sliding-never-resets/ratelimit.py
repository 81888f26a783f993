def allow(r, client_id, limit, window, now):
    # one counter per client, reset only when the key expires in real time: a new window
    # (on the caller's clock) is still refused
    key = f"rate:{client_id}"
    count = r.incr(key)
    if count == 1:
        r.expire(key, window)
    return count <= limit
