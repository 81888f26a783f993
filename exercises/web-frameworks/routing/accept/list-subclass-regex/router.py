"""A small URL router (alternative: the Router *is* a list of compiled
routes (a list subclass); each pattern is translated once into a regular
expression with named groups and per-group converters)."""
import re
from collections import namedtuple

Match = namedtuple("Match", "status handler params allow")

_PLACEHOLDER = re.compile(r"<(?:(?P<kind>[a-z]+):)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)>")
_KINDS = {
    None: (r"[^/]+", str),
    "int": (r"[0-9]+", int),
    "path": (r".+", str),
}

CompiledRoute = namedtuple("CompiledRoute", "method regex converters handler")


def _translate(pattern):
    pieces, converters, pos = [], {}, 0
    for m in _PLACEHOLDER.finditer(pattern):
        kind = m.group("kind")
        if kind not in _KINDS:
            raise ValueError(f"unknown converter {kind!r} in {pattern!r}")
        regex, convert = _KINDS[kind]
        pieces.append(re.escape(pattern[pos:m.start()]))
        pieces.append(f"(?P<{m.group('name')}>{regex})")
        converters[m.group("name")] = convert
        pos = m.end()
    pieces.append(re.escape(pattern[pos:]))
    return re.compile("".join(pieces), re.ASCII | re.DOTALL), converters


class Router(list):
    def add(self, method, pattern, handler):
        regex, converters = _translate(pattern)
        self.append(CompiledRoute(method.upper(), regex, converters, handler))

    def match(self, method, path):
        method = method.upper()
        allow = []
        for route in self:
            found = route.regex.fullmatch(path)
            if found is None:
                continue
            if route.method == method:
                params = {k: route.converters[k](v) for k, v in found.groupdict().items()}
                return Match(200, route.handler, params, None)
            if route.method not in allow:
                allow.append(route.method)
        if allow:
            return Match(405, None, {}, ", ".join(sorted(allow)))
        return Match(404, None, {}, None)
