"""Mistake: one sort with a tuple key, negating values for descending keys (fails for strings)."""


def sort_records(records, keys):
    def key(r):
        parts = []
        for spec in keys:
            descending = spec.startswith("-")
            field = spec[1:] if descending else spec
            value = r.get(field)
            if value is None:
                parts.append((1, 0))
            else:
                parts.append((0, -value if descending else value))
        return parts

    return sorted(records, key=key)
