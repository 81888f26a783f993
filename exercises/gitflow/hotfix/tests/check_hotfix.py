"""Checks for hotfix.sh. usage: check_hotfix.py main|tag|develop"""
import sys

from gitcheck import GitError, start as run_script
from taplib import Tap

SCRIPT = "hotfix.sh"
FIX = "Fix total skipping the first price"
BUMP = "Bump version to 1.1.1"
FIXED = "def total(prices):\n    return sum(prices)\n"
UNRELEASED = ("Start recommendations (unreleased)", "Start new checkout (unreleased)")


def prepare(tap, *_):
    """Build the repository, run the learner's script in it (the first test point), and note the
    starting tips of main and develop."""
    def record(g):
        start = {"main": g.rev("main"), "develop": g.rev("develop")}
        start["unreleased"] = [g.find("develop", s) for s in UNRELEASED]
        return start
    repo = run_script(tap, SCRIPT, fixture="setup.sh", record=record)
    if repo is None:
        tap.finish()
    return repo, repo.pristine


def on_main(tap, repo, start):
    def from_main():
        fix = repo.find("main", FIX)
        if not fix:
            return f"main has no commit '{FIX}'.\n{repo.graph()}"
        first = fix
        # walk back to the first hotfix commit: the oldest of FIX/BUMP
        bump = repo.find("main", BUMP)
        if bump and repo.is_ancestor(bump, fix):
            first = bump
        parents = repo.parents(first)
        if parents != [start["main"]]:
            return (f"the hotfix branch must start at main's tip ('Release 1.1.0', tag v1.1.0): that is the code "
                    f"in production. Its first commit's parent is {[repo.subject(p) for p in parents]}")
    tap.test("the hotfix branch starts at main (the released code)", from_main)

    def no_unreleased():
        leaked = [s for s, c in zip(UNRELEASED, start["unreleased"]) if c and repo.is_ancestor(c, "main")]
        if leaked:
            return (f"unreleased work from develop reached main: {leaked}. A hotfix must contain the fix and "
                    f"nothing else; branch it off main, not develop.\n{repo.graph()}")
    tap.test("no unreleased develop commit reached main", no_unreleased)

    def merged():
        tip = repo.rev("main")
        parents = repo.parents(tip)
        if len(parents) != 2 or parents[0] != start["main"]:
            return f"main must end with a --no-ff merge of the hotfix onto 'Release 1.1.0'.\n{repo.graph()}"
        if repo.file_at("main", "cart.py") != FIXED:
            return f"cart.py on main should be:\n{FIXED}got:\n{repo.file_at('main', 'cart.py')}"
        if repo.file_at("main", "VERSION") != "1.1.1\n":
            return f"VERSION on main should be 1.1.1, got {repo.file_at('main', 'VERSION')!r}"
    tap.test("main ends with a --no-ff merge: cart.py fixed, VERSION 1.1.1", merged)


def tag(tap, repo, start):
    info = repo.tag_info("v1.1.1")

    def annotated():
        if info is None:
            return f"no tag v1.1.1; tags: {repo.git('tag', '--list').split()}"
        if info[0] != "annotated":
            return "v1.1.1 is a lightweight tag; use git tag -a v1.1.1 -m 'Release 1.1.1'"
    tap.test("v1.1.1 is an annotated tag", annotated)

    def on_merge():
        if info is None:
            return "no tag v1.1.1"
        if info[1] != repo.rev("main"):
            return f"v1.1.1 must point to the hotfix merge on main, not {repo.subject(info[1])!r}"
        if "1.1.1" not in info[2]:
            return f"the tag message should mention 1.1.1, got {info[2]!r}"
    tap.test("v1.1.1 points to the merge on main and names the version", on_merge)

    def old_tag():
        old = repo.tag_info("v1.1.0")
        if old is None or old[1] != start["main"]:
            return "v1.1.0 must still point to 'Release 1.1.0'; never move a published tag"
    tap.test("v1.1.0 did not move", old_tag)


def develop(tap, repo, start):
    def fix_in_develop():
        fix = repo.find("main", FIX) or repo.find("develop", FIX)
        if not fix or not repo.is_ancestor(fix, "develop"):
            return (f"develop does not contain '{FIX}': without the merge into develop, the bug comes back "
                    f"with the next release.\n{repo.graph()}")
        if repo.file_at("develop", "cart.py") != FIXED:
            return "cart.py on develop is not fixed"
    tap.test("the fix was merged into develop too", fix_in_develop)

    def develop_kept():
        tip = repo.rev("develop")
        parents = repo.parents(tip)
        if len(parents) != 2 or parents[0] != start["develop"]:
            return f"develop should end with a --no-ff merge of the hotfix onto its old tip.\n{repo.graph()}"
        for f in ("recommend.py", "checkout.py"):
            if repo.file_at("develop", f) is None:
                return f"{f} disappeared from develop"
    tap.test("develop ends with a --no-ff merge and keeps its own work", develop_kept)

    def tidy():
        if any(b.startswith("hotfix/") for b in repo.branches()):
            return f"delete the hotfix branch when it is merged; branches: {repo.branches()}"
        if repo.status():
            return f"the working tree should be clean:\n{repo.status()}"
    tap.test("the hotfix branch is deleted and the tree is clean", tidy)


GROUPS = {"main": (4, on_main), "tag": (4, tag), "develop": (4, develop)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    try:
        repo, start = prepare(tap)
    except GitError as exc:
        tap.fail_rest(f"could not prepare the repository: {exc}")
        tap.finish()
    try:
        fn(tap, repo, start)
    except GitError as exc:
        tap.fail_rest(str(exc))
    finally:
        repo.cleanup()
    tap.finish()
