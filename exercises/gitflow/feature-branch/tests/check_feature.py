"""Checks for feature.sh. usage: check_feature.py commits|merge|cleanup"""
import sys

from gitcheck import GitError, start as run_script
from taplib import Tap

SCRIPT = "feature.sh"
LOGIN = ("def login(user, password):\n    return check(user, password)\n"
         "def validate(user):\n    return bool(user.strip())\n")


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


def commits(tap, repo, start):
    def both():
        missing = [s for s in ("Add login form", "Validate login input") if not repo.find("develop", s)]
        if missing:
            return f"develop has no commit with the subject(s) {missing}. History:\n{repo.graph()}"
    tap.test("develop has the commits 'Add login form' and 'Validate login input'", both)

    def order():
        first, second = repo.find("develop", "Add login form"), repo.find("develop", "Validate login input")
        if not first or not second:
            return "the two feature commits are missing"
        if repo.parents(second) != [first]:
            return "'Validate login input' should come right after 'Add login form' (its only parent)"
    tap.test("'Validate login input' comes right after 'Add login form'", order)

    def branched_from_develop():
        first = repo.find("develop", "Add login form")
        if not first:
            return "'Add login form' is missing"
        parents = repo.parents(first)
        if parents != [start["develop"]]:
            where = "main" if parents == [start["main"]] else "something else"
            return (f"the feature branch must start at develop's tip ('Add settings module'), but the parent of "
                    f"'Add login form' is {where} ({repo.subject(parents[0]) if parents else 'none'}).\n"
                    "Create it with: git switch -c feature/login develop")
    tap.test("feature/login was branched off develop, not main", branched_from_develop)

    def content():
        got = repo.file_at("develop", "login.py")
        if got != LOGIN:
            return f"login.py on develop should be exactly:\n{LOGIN}got:\n{got}"
    tap.test("login.py on develop has the expected content", content)


def merge(tap, repo, start):
    tip = repo.rev("develop")

    def merge_commit():
        parents = repo.parents(tip) if tip else []
        if len(parents) != 2:
            return ("develop's tip is not a merge commit: merge with --no-ff so the feature stays visible as "
                    f"a unit in the history.\n{repo.graph()}")
    tap.test("develop ends with a merge commit (--no-ff)", merge_commit)

    def parents_right():
        parents = repo.parents(tip) if tip else []
        if len(parents) != 2:
            return "no merge commit on develop"
        second = repo.find("develop", "Validate login input")
        if parents[0] != start["develop"] or parents[1] != second:
            return ("the merge's first parent must be develop's previous tip ('Add settings module') and its "
                    f"second parent the feature's last commit; got {[repo.subject(p) for p in parents]}")
    tap.test("the merge joins develop's old tip and the feature's last commit", parents_right)

    def subject():
        s = repo.subject(tip) if tip else ""
        if "feature/login" not in s:
            return f"the merge commit's message should name the branch, e.g. \"Merge branch 'feature/login' into develop\"; got {s!r}"
    tap.test("the merge commit's message names feature/login", subject)

    def main_untouched():
        if repo.rev("main") != start["main"]:
            return f"main must not change in this exercise (features reach main through a release).\n{repo.graph()}"
    tap.test("main is unchanged", main_untouched)


def cleanup(tap, repo, start):
    def deleted():
        if "feature/login" in repo.branches():
            return "delete the merged branch: git branch -d feature/login"
    tap.test("feature/login was deleted after the merge", deleted)

    def only_two():
        extra = sorted(set(repo.branches()) - {"main", "develop"})
        if extra:
            return f"only main and develop should remain; also found {extra}"
    tap.test("only main and develop remain", only_two)

    def clean():
        st = repo.status()
        if st:
            return f"the working tree should be clean (everything committed); git status --porcelain:\n{st}"
    tap.test("the working tree is clean", clean)

    def on_develop():
        head = repo.head_branch()
        if head != "develop":
            return f"finish on develop (where the merge happened); HEAD is {head or 'detached'}"
    tap.test("HEAD is on develop at the end", on_develop)


GROUPS = {"commits": (5, commits), "merge": (5, merge), "cleanup": (5, cleanup)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    try:
        repo, start = prepare(tap, plan)
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
