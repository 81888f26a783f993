_counts = {}


def allow(r, client_id, limit, window, now):
    # counted in this process only, with a key in Redis for show
    key = f"rate:{client_id}:{int(now // window)}"
    _counts[key] = _counts.get(key, 0) + 1
    r.set(key, _counts[key], ex=window)
    return _counts[key] <= limit
