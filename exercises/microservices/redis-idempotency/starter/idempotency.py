def handle(r, key, request, process):
    """process(request) once per idempotency key; replay its result for repeats."""
    raise NotImplementedError
