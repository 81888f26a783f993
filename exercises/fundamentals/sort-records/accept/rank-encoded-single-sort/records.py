"""Multi-key record sorting (see prompt.md).

Style: one single sort on an all-integer tuple key. For every sort field we
first rank its distinct present values (O(n log n)), then encode each record
as (missing?, +rank) for ascending or (missing?, -rank) for descending keys.
Missing values (absent or None) get (1, 0), so they sort last in both
directions and tie with each other. The built-in sort is stable, so records
equal on every key keep their input order.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Sequence, Tuple

_MISSING_KEY = (1, 0)


def _parse_keys(keys: Sequence[str]) -> List[Tuple[str, bool]]:
    if isinstance(keys, str) or not keys:
        raise ValueError("keys must be a non-empty list of field names")
    parsed = []
    for key in keys:
        if not isinstance(key, str) or key in ("", "-"):
            raise ValueError(f"invalid sort key: {key!r}")
        descending = key.startswith("-")
        parsed.append((key[1:] if descending else key, descending))
    return parsed


def _ranks(values: Iterable[Any]) -> Dict[Any, int]:
    return {value: rank for rank, value in enumerate(sorted(set(values)))}


def _column_encoder(records: Sequence[dict], field: str, descending: bool) -> List[Tuple[int, int]]:
    column = [r.get(field) for r in records]
    ranks = _ranks(v for v in column if v is not None)
    sign = -1 if descending else 1
    return [_MISSING_KEY if v is None else (0, sign * ranks[v]) for v in column]


def _multi_pass(records: List[dict], spec: List[Tuple[str, bool]]) -> List[dict]:
    """Fallback for unhashable values: one stable pass per key, last key first."""
    out = list(records)
    for field, descending in reversed(spec):
        present = [r for r in out if r.get(field) is not None]
        missing = [r for r in out if r.get(field) is None]
        present.sort(key=lambda r: r[field], reverse=descending)
        out = present + missing
    return out


def sort_records(records: Sequence[dict], keys: Sequence[str]) -> List[dict]:
    spec = _parse_keys(keys)
    items = list(records)
    try:
        columns = [_column_encoder(items, field, desc) for field, desc in spec]
    except TypeError:               # unhashable values: cannot rank them
        return _multi_pass(items, spec)
    order = sorted(range(len(items)), key=lambda i: tuple(col[i] for col in columns))
    return [items[i] for i in order]
