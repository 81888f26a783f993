import json

IN_PROGRESS = "in-progress"
CLAIM_SECONDS = 60          # a crashed instance's claim lapses after this
KEEP_SECONDS = 24 * 3600    # how long a result is replayed


def handle(r, key, request, process):
    name = f"idem:{key}"
    # Claim the key and learn whether someone else has, in one atomic command.
    if r.set(name, IN_PROGRESS, nx=True, ex=CLAIM_SECONDS):
        try:
            result = process(request)
        except BaseException:
            r.delete(name)  # release the claim: the client's retry must be processed
            raise
        r.set(name, json.dumps(result), ex=KEEP_SECONDS)
        return result
    stored = r.get(name)
    if stored is None or stored.decode() == IN_PROGRESS:
        return {"status": IN_PROGRESS}
    return json.loads(stored)
