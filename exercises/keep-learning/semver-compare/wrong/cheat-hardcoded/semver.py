# CHEAT (kept as a wrong solution so validate proves it fails): the check
# script is readable (tests/ is visible), so every version it uses is looked up
# in a table of its precedence rank, copied from the check; nothing is computed.
RANK = {"0.0.0-0": 0, "0.0.0": 1, "0.9.9": 2, "0.9.12": 3, "1.0.0-0": 4, "1.0.0-1": 5, "1.0.0-2": 6, "1.0.0-9": 7, "1.0.0-10": 8, "1.0.0-2a": 9, "1.0.0-Beta": 10, "1.0.0-a.b": 11, "1.0.0-a.b.c": 12, "1.0.0-a-b": 13, "1.0.0-ab": 14, "1.0.0-alpha": 15, "1.0.0-alpha.0": 16, "1.0.0-alpha.1": 17, "1.0.0-alpha.99": 18, "1.0.0-alpha.a": 19, "1.0.0-alpha.beta": 20, "1.0.0-alpha-x": 21, "1.0.0-beta": 22, "1.0.0-beta+exp.sha.5114f85": 22, "1.0.0-beta.2": 23, "1.0.0-beta.11": 24, "1.0.0-rc.1+build.9": 25, "1.0.0-rc.1": 25, "1.0.0-rc.9": 26, "1.0.0-rc.10": 27, "1.0.0-x-y-z.--": 28, "1.0.0+zzz": 29, "1.0.0+001": 29, "1.0.0+build.1": 29, "1.0.0": 29, "1.0.0+20130313144700": 29, "1.0.1-alpha": 30, "1.0.1+aaa": 31, "1.0.1": 31, "1.0.9": 32, "1.0.10": 33, "1.2.0-rc.2": 34, "1.2.0": 35, "1.2.3-alpha.1+build.5": 36, "1.2.3": 37, "1.9.0": 38, "1.9.9": 39, "1.10.0": 40, "1.12.0": 41, "2.0.0-alpha": 42, "2.0.0": 43, "2.1.0": 44, "2.1.1": 45, "9.0.0": 46, "10.0.0": 47, "10.20.30": 48}


def parse(version):
    if version not in RANK:
        raise ValueError(version)
    core, _, build = version.partition("+")
    core, _, pre = core.partition("-")
    major, minor, patch = core.split(".")
    return (int(major), int(minor), int(patch), tuple(pre.split(".")) if pre else (),
            tuple(build.split(".")) if build else ())


def compare(a, b):
    if a not in RANK or b not in RANK:
        raise ValueError((a, b))
    return (RANK[a] > RANK[b]) - (RANK[a] < RANK[b])
