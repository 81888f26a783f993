"""The claim and the read of a finished result in one server-side script."""
import json

CLAIM = """
local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], '', 'EX', ARGV[1])
return false
"""


def handle(r, key, request, process):
    k = "idem:" + str(key)
    existing = r.eval(CLAIM, 1, k, 120)
    if existing is not None:
        if existing == b"":
            return {"status": "in-progress"}
        return json.loads(existing)
    try:
        outcome = process(request)
    except Exception:
        r.delete(k)
        raise
    r.setex(k, 3600 * 12, json.dumps(outcome, sort_keys=True))
    return outcome
