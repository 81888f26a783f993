"""Parse and compare Semantic Versions 2.0.0. See prompt.md."""


def parse(version):
    """Return (major, minor, patch, prerelease, build); raise ValueError if invalid."""
    major, minor, patch = version.split(".")
    return int(major), int(minor), int(patch), (), ()


def compare(a, b):
    """Return -1 if a < b, 0 if they have the same precedence, 1 if a > b."""
    return (a > b) - (a < b)
