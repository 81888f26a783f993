"""Parse and compare Semantic Versions 2.0.0. See prompt.md.

Style: the official-style regular expression (with \\Z, so a trailing
newline is refused) for parse(); a frozen, ordered dataclass wrapper whose
__lt__ implements SemVer precedence identifier by identifier; compare() is
built on that ordering.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering
from itertools import zip_longest
from typing import Tuple

_NUM = r"0|[1-9][0-9]*"
_PRE_ID = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_BUILD_ID = r"[0-9A-Za-z-]+"
_SEMVER = re.compile(
    rf"(?P<major>{_NUM})\.(?P<minor>{_NUM})\.(?P<patch>{_NUM})"
    rf"(?:-(?P<pre>{_PRE_ID}(?:\.{_PRE_ID})*))?"
    rf"(?:\+(?P<build>{_BUILD_ID}(?:\.{_BUILD_ID})*))?\Z",
    re.ASCII,
)


def parse(version):
    """Return (major, minor, patch, prerelease, build); raise ValueError if invalid."""
    if not isinstance(version, str):
        raise ValueError("expected a string, got %r" % (version,))
    m = _SEMVER.match(version)
    if m is None:
        raise ValueError("not a semantic version: %r" % (version,))
    pre = tuple(m.group("pre").split(".")) if m.group("pre") is not None else ()
    build = tuple(m.group("build").split(".")) if m.group("build") is not None else ()
    return int(m.group("major")), int(m.group("minor")), int(m.group("patch")), pre, build


def _cmp_identifier(a: str, b: str) -> int:
    a_num, b_num = a.isdigit(), b.isdigit()
    if a_num and b_num:
        x, y = int(a), int(b)
    elif a_num or b_num:
        return -1 if a_num else 1          # numeric < alphanumeric
    else:
        x, y = a, b                        # ASCII order
    return (x > y) - (x < y)


@total_ordering
@dataclass(frozen=True)
class Precedence:
    core: Tuple[int, int, int]
    pre: Tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> "Precedence":
        major, minor, patch, pre, _build = parse(text)
        return cls((major, minor, patch), pre)

    def _cmp(self, other: "Precedence") -> int:
        if self.core != other.core:
            return -1 if self.core < other.core else 1
        if not self.pre or not other.pre:
            # a release outranks its pre-releases
            return (not self.pre) - (not other.pre)
        for a, b in zip_longest(self.pre, other.pre):
            if a is None:
                return -1
            if b is None:
                return 1
            c = _cmp_identifier(a, b)
            if c:
                return c
        return 0

    def __eq__(self, other):
        return isinstance(other, Precedence) and self._cmp(other) == 0

    def __lt__(self, other):
        return self._cmp(other) < 0

    __hash__ = None


def compare(a, b):
    """Return -1 if a < b, 0 if they have the same precedence, 1 if a > b."""
    return Precedence.of(a)._cmp(Precedence.of(b))
