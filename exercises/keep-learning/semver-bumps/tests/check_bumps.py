"""Checks for bumps.json. python3 tests/check_bumps.py GROUP"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

BUMPS = {"c1": "patch", "c2": "minor", "c3": "major", "c4": "patch",
         "c5": "minor", "c6": "major", "c7": "minor", "c8": "patch"}
WHY = {
    "patch": "a backwards-compatible bug fix or internal change",
    "minor": "new backwards-compatible functionality (deprecating something counts here too)",
    "major": "an incompatible change to the public API",
}
RELEASES = {"r1": "2.4.2", "r2": "2.5.0", "r3": "3.0.0", "r4": "3.0.0-rc.1"}
SORTED = ["0.9.9", "0.9.12", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"]


def load():
    if not os.path.isfile("bumps.json"):
        raise Fail(missing("bumps.json"))
    try:
        with open("bumps.json", encoding="utf-8") as f:
            data = json.load(f)
    except json.JSONDecodeError as e:
        raise Fail(f"bumps.json is not valid JSON: {e}")
    if not isinstance(data, dict) or not isinstance(data.get("bumps"), dict) or not isinstance(data.get("releases"), dict):
        raise Fail('bumps.json must be an object with "bumps" and "releases" objects and a "sorted_versions" list')
    return data


def check_format():
    data = load()
    problems = [f'bumps.{k} must be "major", "minor" or "patch", got {json.dumps(data["bumps"].get(k))}'
                for k in BUMPS if data["bumps"].get(k) not in ("major", "minor", "patch")]
    problems += [f"releases.{k} must be a version string, got {json.dumps(data['releases'].get(k))}"
                 for k in RELEASES if not isinstance(data["releases"].get(k), str) or not data["releases"][k].strip()]
    sv = data.get("sorted_versions")
    if not isinstance(sv, list) or sorted(map(str, sv)) != sorted(SORTED):
        problems.append(f"sorted_versions must contain exactly the 8 versions of the prompt, each once; got {json.dumps(sv)}")
    if problems:
        raise Fail("\n".join(problems))


def bump_case(key):
    def run():
        got = load()["bumps"].get(key)
        want = BUMPS[key]
        if got != want:
            raise Fail(f"change {key}: {json.dumps(got)} is not right. Ask: does it break existing callers (major), "
                       "add something callers can opt into (minor), or only fix or improve without any API change (patch)?")
    return run


def release_case(key):
    def run():
        got = load()["releases"].get(key)
        if not isinstance(got, str) or got.strip().lstrip("v") != RELEASES[key]:
            raise Fail(f"release {key}: {json.dumps(got)} is not right. The biggest bump in a release wins, and "
                       "bumping a number resets the numbers to its right to 0.")
    return run


def ordering():
    got = load().get("sorted_versions")
    if got != SORTED:
        raise Fail(f"sorted_versions is not in SemVer precedence order: {json.dumps(got)}. Numbers compare as numbers; "
                   "a pre-release comes before its release; pre-release identifiers compare one by one.")


GROUPS = {
    "format": [("bumps.json is complete and well-formed", check_format)],
    "bumps": [(f"change {k}", bump_case(k)) for k in BUMPS],
    "releases": [(f"release {k}", release_case(k)) for k in RELEASES],
    "ordering": [("versions sorted by precedence", ordering)],
}


def main():
    group = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in group])
    for _, fn in group:
        t.case(fn)
    t.finish()


main()
