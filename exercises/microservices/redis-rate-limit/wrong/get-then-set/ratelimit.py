def allow(r, client_id, limit, window, now):
    # read, decide, write back: two instances read the same count
    key = f"rate:{client_id}:{int(now // window)}"
    count = int(r.get(key) or 0)
    if count >= limit:
        return False
    r.set(key, count + 1, ex=window)
    return True
