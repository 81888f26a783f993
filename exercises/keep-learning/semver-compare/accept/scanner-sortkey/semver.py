"""Parse and compare Semantic Versions 2.0.0. See prompt.md.

Style: no regular expressions. A small hand-written scanner splits the text
at the first '+' and the first '-' of the remainder, validates each piece
character by character, and compare() reduces each version to a sort key
whose natural tuple ordering is SemVer precedence.
"""
from __future__ import annotations

from typing import Tuple

_DIGITS = frozenset("0123456789")
_IDENT_CHARS = _DIGITS | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-")

Version = Tuple[int, int, int, Tuple[str, ...], Tuple[str, ...]]


def _numeric(text: str, what: str) -> int:
    if not text or not set(text) <= _DIGITS:
        raise ValueError(f"{what} must be a non-negative integer, got {text!r}")
    if len(text) > 1 and text[0] == "0":
        raise ValueError(f"{what} must not have leading zeros, got {text!r}")
    return int(text)


def _identifiers(text: str, what: str, numeric_rule: bool) -> Tuple[str, ...]:
    parts = tuple(text.split("."))
    for part in parts:
        if not part:
            raise ValueError(f"empty {what} identifier")
        if not set(part) <= _IDENT_CHARS:
            raise ValueError(f"invalid character in {what} identifier {part!r}")
        if numeric_rule and set(part) <= _DIGITS and len(part) > 1 and part[0] == "0":
            raise ValueError(f"numeric {what} identifier {part!r} has a leading zero")
    return parts


def parse(version: str) -> Version:
    """Return (major, minor, patch, prerelease, build); raise ValueError if invalid."""
    if not isinstance(version, str):
        raise ValueError(f"a version must be a string, not {type(version).__name__}")
    rest, plus, build_text = version.partition("+")
    if plus and not build_text:
        raise ValueError("empty build metadata")
    core, dash, pre_text = rest.partition("-")
    if dash and not pre_text:
        raise ValueError("empty pre-release")
    numbers = core.split(".")
    if len(numbers) != 3:
        raise ValueError(f"expected MAJOR.MINOR.PATCH, got {core!r}")
    major, minor, patch = (_numeric(n, w) for n, w in zip(numbers, ("major", "minor", "patch")))
    pre = _identifiers(pre_text, "pre-release", True) if dash else ()
    build = _identifiers(build_text, "build", False) if plus else ()
    return major, minor, patch, pre, build


def _precedence_key(version: str) -> tuple:
    major, minor, patch, pre, _build = parse(version)
    if not pre:
        return (major, minor, patch, 1)
    ids = tuple((0, int(p), "") if set(p) <= _DIGITS else (1, 0, p) for p in pre)
    return (major, minor, patch, 0, ids)


def compare(a: str, b: str) -> int:
    """Return -1 if a < b, 0 if they have the same precedence, 1 if a > b."""
    ka, kb = _precedence_key(a), _precedence_key(b)
    return (ka > kb) - (ka < kb)
