"""Parse and compare Semantic Versions 2.0.0. See prompt.md."""
import re

NUMERIC = r"0|[1-9][0-9]*"
IDENT = r"[0-9A-Za-z-]+"
SEMVER = re.compile(
    rf"(?P<major>{NUMERIC})\.(?P<minor>{NUMERIC})\.(?P<patch>{NUMERIC})"
    rf"(?:-(?P<pre>{IDENT}(?:\.{IDENT})*))?"
    rf"(?:\+(?P<build>{IDENT}(?:\.{IDENT})*))?"
)


def parse(version):
    """Return (major, minor, patch, prerelease, build); raise ValueError if invalid."""
    if not isinstance(version, str):
        raise ValueError(f"a version is a string, got {version!r}")
    m = SEMVER.fullmatch(version)
    if not m or not version.isascii():
        raise ValueError(f"not a semantic version: {version!r}")
    pre = tuple(m["pre"].split(".")) if m["pre"] else ()
    for ident in pre:
        if ident.isdigit() and len(ident) > 1 and ident[0] == "0":
            raise ValueError(f"numeric pre-release identifier with a leading zero: {ident!r}")
    build = tuple(m["build"].split(".")) if m["build"] else ()
    return int(m["major"]), int(m["minor"]), int(m["patch"]), pre, build


def _ident_key(ident):
    # numeric identifiers sort before alphanumeric ones, and among themselves by value
    return (0, int(ident), "") if ident.isdigit() else (1, 0, ident)


def compare(a, b):
    """Return -1 if a < b, 0 if they have the same precedence, 1 if a > b."""
    ma, na, pa, prea, _ = parse(a)
    mb, nb, pb, preb, _ = parse(b)
    if (ma, na, pa) != (mb, nb, pb):
        return -1 if (ma, na, pa) < (mb, nb, pb) else 1
    if prea == preb:
        return 0
    if not prea:
        return 1   # a release outranks its pre-releases
    if not preb:
        return -1
    sa, sb = ".".join(prea), ".".join(preb)
    return -1 if sa < sb else 1
