"""Multi-key record sorting (see prompt.md).

The starter ignores '-' (descending) and crashes on missing values.
"""


def sort_records(records, keys):
    fields = [k.lstrip("-") for k in keys]
    return sorted(records, key=lambda r: [r[f] for f in fields])
