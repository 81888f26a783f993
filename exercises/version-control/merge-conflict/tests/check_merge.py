"""Checks for merge.sh. Usage: check_merge.py merge-commit|resolution|clean|exact"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap  # noqa: E402
from gitcheck import Git, start  # noqa: E402

SETTINGS = "[service]\nhost = 0.0.0.0\nport = 8000\ntimeout = 60\nretries = 3\n"
SUBJECT = "Merge branch 'feature/timeout'"
MARKER = re.compile(r"^(<<<<<<<|=======|>>>>>>>)", re.M)


def record(p):
    """Commit ids and file contents of the untouched fixture (random in every run)."""
    info = {
        "main": p.rev("main"),
        "feature": p.rev("feature/timeout"),
        "app_theirs": p.show_file("feature/timeout", "app.py"),
        "version_ours": p.show_file("main", "VERSION"),
        "changelog_ours": p.show_file("main", "CHANGELOG.md"),
        "docs_theirs": p.show_file("feature/timeout", "docs/timeout.md"),
    }
    return info


def verify(g):
    """This run's starting commits must still be in the history: their dates are random."""
    reachable = set(g.lines("rev-list", "--all"))
    for name, key in (("main", "main"), ("feature/timeout", "feature")):
        if g.pristine[key] not in reachable:
            return (f"the commit {name} pointed at when the script started is in no branch any more "
                    "(was the repository replaced?)")
    return None


def describe(g, rev):
    return g.git("log", "-1", "--format=%h %s", rev, check=False) or rev


def head_parents(g):
    head = g.rev("HEAD")
    if head is None:
        raise Fail("HEAD does not point at a commit")
    return g.git("log", "-1", "--format=%P", "HEAD").split()


def expected_files(p):
    return {"settings.ini": SETTINGS, "VERSION": p["version_ours"], "app.py": p["app_theirs"],
            "CHANGELOG.md": p["changelog_ours"], "docs/timeout.md": p["docs_theirs"]}


def run_merge_commit(tap, g):
    p = g.pristine

    def two_parents():
        parents = head_parents(g)
        if len(parents) != 2:
            raise Fail(f"HEAD ({describe(g, 'HEAD')}) has {len(parents)} parent(s); a merge commit has 2. "
                       "Do not use --squash, rebase or a fast-forward")

    def parents_right():
        parents = head_parents(g)
        if len(parents) != 2:
            raise Fail("HEAD is not a merge commit")
        if parents[0] != p["main"]:
            raise Fail(f"the merge's first parent is {describe(g, parents[0])!r}; expected the old main "
                       f"({describe(g, p['main'])!r}): merge while main is checked out")
        if parents[1] != p["feature"]:
            raise Fail(f"the merge's second parent is {describe(g, parents[1])!r}; expected feature/timeout "
                       f"({describe(g, p['feature'])!r})")

    def subject():
        got = g.git("log", "-1", "--format=%s", "HEAD")
        if got != SUBJECT:
            raise Fail(f"the merge commit's subject is {got!r}; expected {SUBJECT!r}")

    def on_main():
        head = g.git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        if head != "main":
            raise Fail(f"the checked-out branch is {head or '(detached HEAD)'!r}; expected main")

    def feature_untouched():
        if g.rev("refs/heads/feature/timeout") != p["feature"]:
            raise Fail("feature/timeout was moved or deleted; leave it where it was")

    tap.test("HEAD is a merge commit (two parents)", two_parents)
    tap.test("its parents are the old main, then feature/timeout", parents_right)
    tap.test(f"its subject is {SUBJECT!r}", subject)
    tap.test("main is checked out", on_main)
    tap.test("feature/timeout is unchanged", feature_untouched)


def run_resolution(tap, g):
    p = g.pristine
    files = expected_files(p)

    def same(path, why):
        got = g.show_file("HEAD", path)
        if got is None:
            raise Fail(f"{path} is missing from the merge commit")
        if got != files[path]:
            raise Fail(f"{path} in the merge commit is\n{got.rstrip()}\n---- expected ({why})\n{files[path].rstrip()}")

    def no_markers():
        for path in g.lines("ls-tree", "-r", "--name-only", "HEAD"):
            text = g.show_file("HEAD", path) or ""
            m = MARKER.search(text)
            if m:
                line = text[:m.start()].count("\n") + 1
                raise Fail(f"{path} line {line} in the merge commit still has a conflict marker {m.group(1)!r}")

    tap.test("settings.ini combines both sides exactly", lambda: same("settings.ini", "port from main, timeout and retries from the feature"))
    tap.test("VERSION keeps main's version (ours)", lambda: same("VERSION", "main's version: this run's VERSION on main"))
    tap.test("app.py is the feature's version (theirs)",
             lambda: same("app.py", "the feature branch's app.py as this run made it"))
    tap.test("docs/timeout.md from the feature is merged", lambda: same("docs/timeout.md", "the feature's file"))
    tap.test("CHANGELOG.md from main is kept", lambda: same("CHANGELOG.md", "main's changelog"))
    tap.test("no conflict markers in any committed file", no_markers)


def run_clean(tap, g):
    def status():
        got = g.git("status", "--porcelain", "--untracked-files=all", "--ignored")
        if got:
            raise Fail(f"git status --porcelain prints\n{got}\nexpected nothing: commit every resolution, leave no stray files")

    def no_merge_in_progress():
        if g.ok("rev-parse", "--verify", "--quiet", "MERGE_HEAD"):
            raise Fail("a merge is still in progress (MERGE_HEAD exists): finish it with git commit")

    def worktree_markers():
        for root, dirs, names in os.walk(g.repo):
            dirs[:] = [d for d in dirs if d != ".git"]
            for name in names:
                path = os.path.join(root, name)
                rel = os.path.relpath(path, g.repo)
                if name.endswith(".orig"):
                    raise Fail(f"{rel} is a leftover backup from a merge tool; remove it")
                with open(path, encoding="utf-8", errors="replace") as f:
                    if MARKER.search(f.read()):
                        raise Fail(f"{rel} in the working tree still has conflict markers")

    def merged():
        feature = g.pristine["feature"]
        if not g.ok("merge-base", "--is-ancestor", feature, "HEAD"):
            raise Fail("feature/timeout is not merged into HEAD: a clean tree alone is not enough, finish the merge")

    tap.test("feature/timeout is merged into HEAD", merged)
    tap.test("git status --porcelain prints nothing", status)
    tap.test("no merge is in progress", no_merge_in_progress)
    tap.test("no conflict markers or .orig files in the working tree", worktree_markers)


def run_exact(tap, g):
    p = g.pristine
    files = expected_files(p)

    def tree():
        got = sorted(g.lines("ls-tree", "-r", "--name-only", "HEAD"))
        if got != sorted(files):
            raise Fail(f"the merge commit contains {got!r}; expected exactly {sorted(files)!r}")
        for path, text in files.items():
            if g.show_file("HEAD", path) != text:
                raise Fail(f"{path} differs from the expected resolution")

    def one_new_commit():
        new = g.lines("rev-list", "HEAD", "--not", p["main"], p["feature"])
        if len(new) != 1:
            raise Fail(f"{len(new)} new commits were made; expected exactly one, the merge")

    def only_two_branches():
        got = sorted(g.lines("for-each-ref", "--format=%(refname)", "refs/heads", "refs/tags", "refs/stash"))
        if got != ["refs/heads/feature/timeout", "refs/heads/main"]:
            raise Fail(f"the repository has the refs {got!r}; expected only main and feature/timeout")

    tap.test("the merge commit holds exactly the expected files", tree)
    tap.test("exactly one new commit: the merge", one_new_commit)
    tap.test("no extra branches, tags or stashes", only_two_branches)


MODES = {"merge-commit": (5, run_merge_commit), "resolution": (6, run_resolution), "clean": (4, run_clean),
         "exact": (3, run_exact)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_merge.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan + 1)
    g = start(tap, "merge.sh", record=record, verify=verify)
    if g is not None:
        try:
            fn(tap, g)
        finally:
            g.cleanup()
    tap.finish()


main()
