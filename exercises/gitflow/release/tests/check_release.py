"""Checks for release.sh. usage: check_release.py main|tag|develop"""
import sys

from gitcheck import GitError, start as run_script
from taplib import Tap, describe

SCRIPT = "release.sh"
BUMP = "Bump version to 1.1.0"


def prepare(tap, *_):
    """Build the repository, run the learner's script in it (the first test point), and note the
    starting tips of main and develop."""
    def record(g):
        start = {"main": g.rev("main"), "develop": g.rev("develop")}
        return start
    repo = run_script(tap, SCRIPT, fixture="setup.sh", record=record)
    if repo is None:
        tap.finish()
    return repo, repo.pristine


def on_main(tap, repo, start):
    def bump():
        c = repo.find("main", BUMP)
        if not c:
            return f"main has no commit '{BUMP}'.\n{repo.graph()}"
        if repo.parents(c) != [start["develop"]]:
            return (f"'{BUMP}' must be the first commit of release/1.1.0, made on top of develop's tip "
                    f"('Add export'); its parent is {[repo.subject(p) for p in repo.parents(c)]}")
    tap.test(f"'{BUMP}' sits on a release branch started from develop", bump)

    def merge():
        tip = repo.rev("main")
        parents = repo.parents(tip)
        if len(parents) != 2:
            return f"main's tip must be a merge commit (--no-ff) of the release branch.\n{repo.graph()}"
        if parents[0] != start["main"] or parents[1] != repo.find("main", BUMP):
            return (f"main's merge must join main's old tip ('Initial commit') and the release's last commit; "
                    f"its parents are {[repo.subject(p) for p in parents]}")
    tap.test("main ends with a --no-ff merge of the release", merge)

    def version():
        got = repo.file_at("main", "VERSION")
        if got != "1.1.0\n":
            return f"VERSION on main should be '1.1.0\\n', got {describe(got)}"
        for f in ("search.py", "export.py"):
            if repo.file_at("main", f) is None:
                return f"{f} (from develop) should be on main after the release"
    tap.test("main has VERSION 1.1.0 and develop's features", version)


def tag(tap, repo, start):
    info = repo.tag_info("v1.1.0")

    def exists():
        if info is None:
            tags = repo.git("tag", "--list")
            return f"no tag v1.1.0; tags: {tags.split() or 'none'}"
    tap.test("tag v1.1.0 exists", exists)

    def annotated():
        if info is None:
            return "no tag v1.1.0"
        if info[0] != "annotated":
            return ("v1.1.0 is a lightweight tag; releases get annotated tags (git tag -a v1.1.0 -m 'Release 1.1.0'), "
                    "which record who tagged, when, and why")
        if "1.1.0" not in info[2]:
            return f"the tag message should mention the release, e.g. 'Release 1.1.0'; got {info[2]!r}"
    tap.test("v1.1.0 is annotated, with a message", annotated)

    def points():
        if info is None:
            return "no tag v1.1.0"
        if info[1] != repo.rev("main"):
            return (f"v1.1.0 must point to the release merge on main, got {repo.subject(info[1])!r}")
        if repo.tag_info("v1.0.0") is None or repo.tag_info("v1.0.0")[1] != start["main"]:
            return "v1.0.0 must stay where it was"
    tap.test("v1.1.0 points to the merge commit on main", points)


def develop(tap, repo, start):
    def back():
        c = repo.find("main", BUMP)
        if not c or not repo.is_ancestor(c, "develop"):
            return (f"develop must contain '{BUMP}' (merge the release branch back into develop), otherwise the "
                    f"next release starts from an old VERSION.\n{repo.graph()}")
    tap.test("the release was merged back into develop", back)

    def no_ff():
        tip = repo.rev("develop")
        parents = repo.parents(tip)
        if len(parents) != 2 or parents[0] != start["develop"]:
            return f"develop should end with a --no-ff merge of the release onto 'Add export'.\n{repo.graph()}"
        if repo.file_at("develop", "VERSION") != "1.1.0\n":
            return "VERSION on develop should be 1.1.0"
    tap.test("develop ends with a --no-ff merge and VERSION 1.1.0", no_ff)

    def deleted():
        if any(b.startswith("release/") for b in repo.branches()):
            return f"delete the release branch when it is merged; branches: {repo.branches()}"
        if repo.status():
            return f"the working tree should be clean:\n{repo.status()}"
    tap.test("the release branch is deleted and the tree is clean", deleted)


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
