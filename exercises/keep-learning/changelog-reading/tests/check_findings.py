"""Checks for findings.json. python3 tests/check_findings.py GROUP

The messages say which answer is wrong and where to look, never the answer itself.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

VERSION = re.compile(r"\d+\.\d+\.\d+")
TYPES = {
    "retries_added_in": "version", "yanked_version": "version", "stream_in_3_1_0": "bool",
    "default_timeout_seconds": "number", "removed_in_3_0_0": "names", "lines_that_break": "lines",
    "deprecated_line": "line", "cve_fix_for_2x": "version",
}


def load():
    if not os.path.isfile("findings.json"):
        raise Fail(missing("findings.json"))
    try:
        with open("findings.json", encoding="utf-8") as f:
            data = json.load(f)
    except json.JSONDecodeError as e:
        raise Fail(f"findings.json is not valid JSON: {e}")
    if not isinstance(data, dict):
        raise Fail("findings.json must hold a JSON object")
    return data


def typed(data, key):
    v = data.get(key)
    kind = TYPES[key]
    ok = {
        "version": isinstance(v, str) and VERSION.fullmatch(v.strip().lstrip("v")) is not None,
        "bool": isinstance(v, bool),
        "number": isinstance(v, (int, float)) and not isinstance(v, bool),
        "names": isinstance(v, list) and len(v) > 0 and all(isinstance(x, str) and x.strip() for x in v),
        "lines": isinstance(v, list) and len(v) > 0 and all(isinstance(x, int) and not isinstance(x, bool) for x in v),
        "line": isinstance(v, int) and not isinstance(v, bool),
    }[kind]
    if not ok:
        want = {"version": 'a version like "1.2.3"', "bool": "true or false", "number": "a number",
                "names": 'a non-empty list of names like ["Client.get"]', "lines": "a non-empty list of line numbers",
                "line": "one line number"}[kind]
        raise Fail(f'"{key}" must be {want}; got {json.dumps(v)}')
    return v


def name(x):
    """Normalise an API name: no backticks, no (), no 'Client(' prefix for arguments."""
    x = x.strip().strip("`").strip()
    x = re.sub(r"\(\)$", "", x)
    x = re.sub(r"^(the )?", "", x)
    x = re.sub(r"\s*(argument|parameter|keyword)$", "", x)
    x = re.sub(r"^Client\((\w+)=?.*\)$", r"\1", x)
    return x


def answer(key, check, hint):
    def run():
        data = load()
        v = typed(data, key)
        if not check(v):
            raise Fail(f'"{key}" is {json.dumps(v)}, which is not right. {hint}')
    return run


def version_is(want):
    return lambda v: v.strip().lstrip("v") == want


GROUPS = {
    "format": [("findings.json has every answer, with the right type",
                lambda: [typed(load(), k) for k in TYPES])],
    "versions": [
        ("the version that added retries", answer("retries_added_in", version_is("2.3.0"),
                                                   "Look for retries under the Added headings.")),
        ("the version that must not be installed", answer("yanked_version", version_is("3.0.0"),
                                                          "Keep a Changelog marks such a release with [YANKED].")),
        ("whether Client.stream() is in 3.1.0", answer("stream_in_3_1_0", lambda v: v is False,
                                                       "Check which heading Client.stream() is listed under.")),
    ],
    "upgrade-impact": [
        ("the default timeout in 3.1.0", answer("default_timeout_seconds", lambda v: v == 10,
                                                "The default changed in a Changed section of a major release.")),
        ("the APIs removed in 3.0.0", answer("removed_in_3_0_0",
                                             lambda v: sorted({name(x) for x in v}) == ["Client.fetch", "verify_ssl"],
                                             "List the functions, methods and arguments under Removed in 3.0.0, "
                                             "and nothing that is only deprecated.")),
        ("the lines that break when upgrading", answer("lines_that_break", lambda v: sorted(set(v)) == [1, 2, 3],
                                                       "A line breaks if it fails or behaves differently on 3.1.0; "
                                                       "deprecated code still works. Read every Breaking entry.")),
        ("the line that uses a deprecated API", answer("deprecated_line", lambda v: v == 4,
                                                       "Which API in the snippet is listed under Deprecated?")),
    ],
    "security": [
        ("the lowest 2.x version with the CVE fix", answer("cve_fix_for_2x", version_is("2.5.3"),
                                                           "Security fixes are sometimes backported to an older "
                                                           "release line; the fix must be a 2.x version.")),
    ],
}


def main():
    group = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in group])
    for _, fn in group:
        t.case(fn)
    t.finish()


main()
