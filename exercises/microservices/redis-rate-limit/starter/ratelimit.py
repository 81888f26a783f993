def allow(r, client_id, limit, window, now):
    """True when client_id may make one more request in the current window of `window` seconds."""
    raise NotImplementedError
