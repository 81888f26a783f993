"""Mistake: the stable passes run from the first key to the last, so the last key wins."""


def sort_records(records, keys):
    out = list(records)
    for spec in keys:
        descending = spec.startswith("-")
        field = spec[1:] if descending else spec
        rank = 1 if descending else 0
        out.sort(key=lambda r: (1 - rank, 0) if r.get(field) is None else (rank, r.get(field)),
                 reverse=descending)
    return out
