import json


def handle(r, key, request, process):
    # check, then act: a duplicate arriving while process() runs finds nothing and charges again
    stored = r.get(f"idem:{key}")
    if stored is not None:
        return json.loads(stored)
    result = process(request)
    r.set(f"idem:{key}", json.dumps(result), ex=86400)
    return result
