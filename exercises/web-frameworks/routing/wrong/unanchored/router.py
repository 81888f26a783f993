"""A small URL router with typed path parameters, 404 and 405."""
import re
from collections import namedtuple

Match = namedtuple("Match", "status handler params allow")

_PLACEHOLDER = re.compile(r"<(?:(str|int|path):)?([A-Za-z_][A-Za-z0-9_]*)>")
_CONVERTERS = {
    "str": (r"[^/]+", str),
    "int": (r"-?\d+", int),
    "path": (r".+", str),
}


def _compile(pattern):
    """Turn '/users/<int:id>' into a regex and a {name: converter} map."""
    regex, converters, pos = [], {}, 0
    for m in _PLACEHOLDER.finditer(pattern):
        regex.append(pattern[pos:m.start()])
        kind, name = m.group(1) or "str", m.group(2)
        part, conv = _CONVERTERS[kind]
        regex.append(f"(?P<{name}>{part})")
        converters[name] = conv
        pos = m.end()
    regex.append(pattern[pos:])
    return re.compile("".join(regex)), converters


class Router:
    def __init__(self):
        self.routes = []

    def add(self, method, pattern, handler):
        regex, converters = _compile(pattern)
        self.routes.append((method.upper(), regex, converters, handler))

    def match(self, method, path):
        method = method.upper()
        allowed = set()
        for m, regex, converters, handler in self.routes:
            found = regex.match(path)
            if not found:
                continue
            if m == method:
                params = {k: converters[k](v) for k, v in found.groupdict().items()}
                return Match(200, handler, params, None)
            allowed.add(m)
        if allowed:
            return Match(405, None, {}, ", ".join(sorted(allowed)))
        return Match(404, None, {}, None)
