"""Mistake: a descending pass is an ascending sort reversed, which also reverses the ties."""


def sort_records(records, keys):
    out = list(records)
    for spec in reversed(keys):
        descending = spec.startswith("-")
        field = spec[1:] if descending else spec
        if descending:
            present = [r for r in out if r.get(field) is not None]
            missing = [r for r in out if r.get(field) is None]
            out = sorted(present, key=lambda r: r[field])[::-1] + missing
        else:
            out.sort(key=lambda r: (r.get(field) is None, r.get(field) if r.get(field) is not None else 0))
    return out
