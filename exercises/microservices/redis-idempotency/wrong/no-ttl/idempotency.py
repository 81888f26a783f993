import json


def handle(r, key, request, process):
    name = f"idem:{key}"
    if r.setnx(name, "in-progress"):
        try:
            result = process(request)
        except Exception:
            r.delete(name)
            raise
        r.set(name, json.dumps(result))  # kept forever: Redis fills up with old keys
        return result
    stored = r.get(name)
    if stored is None or stored == b"in-progress":
        return {"status": "in-progress"}
    return json.loads(stored)
