"""GraphQL-style field selection: a small recursive-descent parser and a shaper."""
import re


class SelectionError(Exception):
    pass


TOKEN = re.compile(r"[\s,]*(?:([_A-Za-z][_0-9A-Za-z]*)|([{}:])|(\S))")


def _tokens(query):
    pos, out = 0, []
    while pos < len(query):
        m = TOKEN.match(query, pos)
        if m is None:  # only whitespace and commas were left
            break
        if m.group(3) is not None:
            raise SelectionError(f"unexpected character {m.group(3)!r} at position {m.start(3)}")
        out.append(m.group(1) or m.group(2))
        pos = m.end()
    return out


def _is_name(tok):
    return tok is not None and tok not in "{}:"


def _parse(query):
    """Parse into a list of (key, name, subselection-or-None)."""
    toks = _tokens(query)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else None

    def take(expected=None):
        nonlocal pos
        tok = peek()
        if tok is None or (expected is not None and tok != expected):
            raise SelectionError(f"expected {expected or 'a token'!r}, found {tok or 'the end'!r}")
        pos += 1
        return tok

    def selection_set():
        take("{")
        items, keys = [], set()
        while peek() != "}":
            first = take()
            if not _is_name(first):
                raise SelectionError(f"expected a field name, found {first!r}")
            key = name = first
            if peek() == ":":
                take(":")
                name = take()
                if not _is_name(name):
                    raise SelectionError(f"expected a field name after '{key}:', found {name!r}")
            sub = selection_set() if peek() == "{" else None
            if key in keys:
                raise SelectionError(f"the response key {key!r} is selected twice")
            keys.add(key)
            items.append((key, name, sub))
        take("}")
        if not items:
            raise SelectionError("an empty selection set {}")
        return items

    result = selection_set()
    if pos != len(toks):
        raise SelectionError(f"unexpected {toks[pos]!r} after the selection set")
    return result


def _shape(value, sub, path):
    if value is None:
        return None
    if isinstance(value, dict):
        if sub is None:
            raise SelectionError(f"{path} is an object: select its fields")
        return _apply(value, sub, path)
    if isinstance(value, list):
        if sub is None:
            if any(isinstance(v, (dict, list)) for v in value):
                raise SelectionError(f"{path} is a list of objects: select their fields")
            return list(value)
        return [_shape(v, sub, f"{path}[{i}]") for i, v in enumerate(value)]
    if sub is not None:
        raise SelectionError(f"{path} is a scalar: it has no fields to select")
    return value


def _apply(obj, selections, path):
    out = {}
    for key, name, sub in selections:
        where = f"{path}.{name}" if path else name
        if name not in obj:
            raise SelectionError(f"unknown field {name!r} at {path or 'the root'}")
        out[key] = _shape(obj[name], sub, where)
    return out


def select_fields(data, query):
    if not isinstance(query, str):
        raise SelectionError("the query must be a string")
    return _apply(data, _parse(query), "")
