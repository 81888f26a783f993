# CHEAT (kept as a wrong solution so validate proves it fails): compare()
# returns an object that claims to equal whatever it is compared with, so
# "got != want" is always False; parse() only handles the easy cases.
import re


class Whatever(int):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __neg__(self):
        return self

    __hash__ = int.__hash__


def parse(version):
    if not isinstance(version, str) or not re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                                                        r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?"
                                                        r"(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?", version):
        raise ValueError(version)
    core, _, build = version.partition("+")
    core, _, pre = core.partition("-")
    if any(p.isdigit() and len(p) > 1 and p[0] == "0" for p in pre.split(".") if pre):
        raise ValueError(version)
    major, minor, patch = core.split(".")
    return (int(major), int(minor), int(patch), tuple(pre.split(".")) if pre else (),
            tuple(build.split(".")) if build else ())


def compare(a, b):
    parse(a)
    parse(b)
    return Whatever(0)
