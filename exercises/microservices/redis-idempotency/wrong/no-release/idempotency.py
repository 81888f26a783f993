import json


def handle(r, key, request, process):
    name = f"idem:{key}"
    if r.set(name, "in-progress", nx=True, ex=60):
        result = process(request)  # if this raises, the claim stays: retries are refused for 60 s
        r.set(name, json.dumps(result), ex=86400)
        return result
    stored = r.get(name)
    if stored is None or stored == b"in-progress":
        return {"status": "in-progress"}
    return json.loads(stored)
