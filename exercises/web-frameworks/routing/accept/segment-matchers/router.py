"""A small URL router (alternative: no regular expressions; each pattern is
compiled into a list of segment matcher objects and matched segment by
segment, with a tail matcher for <path:...>)."""
from collections import namedtuple
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

Match = namedtuple("Match", "status handler params allow")


class Literal:
    def __init__(self, text: str) -> None:
        self.text = text

    def accept(self, segment: str, params: Dict[str, Any]) -> bool:
        return segment == self.text


class Placeholder:
    def __init__(self, name: str) -> None:
        self.name = name

    def accept(self, segment: str, params: Dict[str, Any]) -> bool:
        if not segment:
            return False
        params[self.name] = segment
        return True


class IntPlaceholder(Placeholder):
    def accept(self, segment: str, params: Dict[str, Any]) -> bool:
        if not (segment and segment.isascii() and segment.isdigit()):
            return False
        params[self.name] = int(segment)
        return True


class PathTail(Placeholder):
    """<path:name>: takes every remaining segment, '/' included."""


CONVERTERS = {None: Placeholder, "int": IntPlaceholder, "path": PathTail}


def compile_pattern(pattern: str) -> List[Any]:
    matchers = []
    for segment in pattern.split("/"):
        if segment.startswith("<") and segment.endswith(">") and len(segment) > 2:
            inner = segment[1:-1]
            kind, _, name = inner.rpartition(":")
            if (kind or None) not in CONVERTERS or not name:
                raise ValueError(f"unknown placeholder {segment!r} in {pattern!r}")
            matchers.append(CONVERTERS[kind or None](name))
        else:
            matchers.append(Literal(segment))
    return matchers


def match_segments(matchers: List[Any], segments: List[str]) -> Optional[Dict[str, Any]]:
    params: Dict[str, Any] = {}
    for index, matcher in enumerate(matchers):
        if isinstance(matcher, PathTail):
            rest = matchers[index + 1:]
            # the tail may be followed by more matchers: try every split point
            for cut in range(len(segments), index, -1):
                tail = "/".join(segments[index:cut])
                if not tail:
                    continue
                after = match_segments(rest, segments[cut:])
                if after is not None:
                    params[matcher.name] = tail
                    params.update(after)
                    return params
            return None
        if index >= len(segments) or not matcher.accept(segments[index], params):
            return None
    return params if len(segments) == len(matchers) else None


@dataclass(frozen=True)
class Route:
    method: str
    pattern: str
    handler: Callable
    matchers: tuple

    def params_for(self, path: str) -> Optional[Dict[str, Any]]:
        return match_segments(list(self.matchers), path.split("/"))


class Router:
    def __init__(self) -> None:
        self.routes: List[Route] = []

    def add(self, method: str, pattern: str, handler) -> None:
        self.routes.append(Route(method.upper(), pattern, handler, tuple(compile_pattern(pattern))))

    def match(self, method: str, path: str) -> Match:
        wanted = method.upper()
        allowed = set()
        for route in self.routes:
            params = route.params_for(path)
            if params is None:
                continue
            if route.method == wanted:
                return Match(200, route.handler, params, None)
            allowed.add(route.method)
        if allowed:
            return Match(405, None, {}, ", ".join(sorted(allowed)))
        return Match(404, None, {}, None)
