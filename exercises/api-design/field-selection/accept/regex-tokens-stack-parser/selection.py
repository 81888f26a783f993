"""GraphQL-style field selection (see prompt.md).

Style: a single regular expression tokenizes the query; an explicit stack
(no recursion) turns the tokens into nested selection lists of
(response_key, field_name, sub_selection) tuples; a Shaper class walks the
data.
"""
import re

__all__ = ["SelectionError", "select_fields"]


class SelectionError(Exception):
    pass


_TOKEN = re.compile(r"""
      (?P<skip>[ \t\r\n,]+)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<punct>[{}:])
    | (?P<bad>.)
""", re.VERBOSE | re.DOTALL)


def _tokens(query):
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "skip":
            continue
        if kind == "bad":
            raise SelectionError("unexpected character %r at offset %d" % (m.group(), m.start()))
        yield (m.group() if kind == "punct" else "name"), m.group(), m.start()


def _parse(query):
    """Return the top selection: a list of (key, name, children-or-None)."""
    if not isinstance(query, str):
        raise SelectionError("the query must be a string")
    stack = []          # open selection sets: [fields, keys_seen]
    root = None
    pending = []        # tokens of the selection being read: names and ':'
    done = False

    def flush(children=None):
        # turn `pending` (name | alias ':' name) into a field of the innermost set
        if not pending:
            if children is not None:
                raise SelectionError("a selection set must follow a field name")
            return
        if len(pending) == 1 and pending[0] != ":":
            key = name = pending[0]
        elif len(pending) == 3 and pending[1] == ":" and ":" not in (pending[0], pending[2]):
            key, name = pending[0], pending[2]
        else:
            raise SelectionError("a colon needs a name on both sides")
        del pending[:]
        fields, seen = stack[-1]
        if key in seen:
            raise SelectionError("response key %r appears twice" % key)
        seen.add(key)
        entry = [key, name, None]
        fields.append(entry)
        return entry

    for kind, text, pos in _tokens(query):
        if done:
            raise SelectionError("unexpected %r after the last '}' at offset %d" % (text, pos))
        if kind == "{":
            if not stack:
                if root is not None:
                    raise SelectionError("only one top-level selection set")
                root = []
                stack.append((root, set()))
                continue
            if not pending:
                raise SelectionError("'{' at offset %d does not follow a field name" % pos)
            entry = flush()
            entry[2] = []
            stack.append((entry[2], set()))
        elif kind == "}":
            if not stack:
                raise SelectionError("unbalanced '}' at offset %d" % pos)
            flush()
            fields, _ = stack.pop()
            if not fields:
                raise SelectionError("empty selection set at offset %d" % pos)
            if not stack:
                done = True
        else:  # a name or ':'
            if not stack:
                raise SelectionError("the query must start with '{'")
            if kind == "name" and pending and pending[-1] != ":":
                flush()  # the previous selection ended: this name starts another
            if kind == ":" and (len(pending) != 1 or pending[0] == ":"):
                raise SelectionError("a colon needs a name on both sides (offset %d)" % pos)
            pending.append(text if kind == "name" else ":")
    if not done:
        raise SelectionError("missing '}'" if stack or root is not None else "empty query")

    def freeze(fields):
        return tuple((k, n, None if c is None else freeze(c)) for k, n, c in fields)
    return freeze(root)


class _Shaper:
    SCALARS = (str, int, float, bool)

    def object(self, obj, selection, path):
        out = {}
        for key, name, children in selection:
            if name not in obj:
                raise SelectionError("unknown field %r at %s" % (name, path or "the top level"))
            out[key] = self.value(obj[name], children, path + "." + name if path else name)
        return out

    def value(self, value, children, path):
        if value is None:
            return None
        if isinstance(value, dict):
            if children is None:
                raise SelectionError("%s is an object: select its fields" % path)
            return self.object(value, children, path)
        if isinstance(value, list):
            if children is None:
                return [self.plain(v, path) for v in value]
            return [self.value(v, children, path) for v in value]
        if children is not None:
            raise SelectionError("%s is a scalar: it has no fields" % path)
        return value

    def plain(self, value, path):
        if isinstance(value, dict):
            raise SelectionError("%s holds objects: select their fields" % path)
        if isinstance(value, list):
            return [self.plain(v, path) for v in value]
        return value


def select_fields(data, query):
    selection = _parse(query)
    if not isinstance(data, dict):
        raise SelectionError("data must be a dict")
    return _Shaper().object(data, selection, "")
