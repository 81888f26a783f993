"""Multi-key record sorting (see prompt.md).

Style: a single sorted() call whose key turns every field into something
whose natural ascending order is the wanted order:
- ascending field:   (0, value)
- descending number: (0, -value)
- descending string: (0, tuple(-code point...) + (1,)); the trailing 1 is
  larger than any negated code point, so a longer string that extends a
  shorter one sorts first, as a reversed order requires ("abc" before "ab")
- missing (absent or None), either direction: (1,), after every (0, ...)
sorted() is stable, so full ties keep their input order.
"""
from numbers import Number


def _descending(value):
    if isinstance(value, str):
        return tuple(-ord(ch) for ch in value) + (1,)
    if isinstance(value, Number):
        return -value
    raise TypeError("cannot sort %r in descending order" % type(value).__name__)


def _field_key(field, descending):
    if descending:
        def key(record):
            value = record.get(field)
            return (1,) if value is None else (0, _descending(value))
    else:
        def key(record):
            value = record.get(field)
            return (1,) if value is None else (0, value)
    return key


def sort_records(records, keys):
    if not keys:
        raise ValueError("keys must not be empty")
    extractors = [_field_key(k[1:], True) if k.startswith("-") else _field_key(k, False)
                  for k in keys]
    return sorted(records, key=lambda r: tuple(f(r) for f in extractors))
