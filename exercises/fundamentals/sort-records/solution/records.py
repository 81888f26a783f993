"""Multi-key record sorting: one stable sort per key, from the last key to the first."""


def _key(field, descending):
    # Records with a value get rank 0 when ascending, 1 when descending; missing
    # ones the other rank. With reverse=True, the descending pass then puts
    # missing values last as well. The placeholder 0 is never compared with a
    # real value, because the ranks differ first.
    present = 1 if descending else 0

    def key(record):
        value = record.get(field)
        if value is None:
            return (1 - present, 0)
        return (present, value)

    return key


def sort_records(records, keys):
    out = list(records)
    for spec in reversed(keys):
        descending = spec.startswith("-")
        field = spec[1:] if descending else spec
        out.sort(key=_key(field, descending), reverse=descending)
    return out
