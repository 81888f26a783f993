"""A small URL router: see prompt.md."""
from collections import namedtuple

Match = namedtuple("Match", "status handler params allow")


class Router:
    def __init__(self):
        self.routes = []

    def add(self, method, pattern, handler):
        self.routes.append((method, pattern, handler))

    def match(self, method, path):
        # Only exact, literal paths work so far.
        for m, pattern, handler in self.routes:
            if m == method and pattern == path:
                return Match(200, handler, {}, None)
        return Match(404, None, {}, None)
