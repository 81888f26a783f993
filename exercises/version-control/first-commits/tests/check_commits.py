"""Checks for commits.sh. Usage: check_commits.py commits|secrets|tag-branch|hygiene"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap  # noqa: E402
from gitcheck import LEARNER_EMAIL, LEARNER_NAME, Git, start  # noqa: E402

SUBJECT1 = "Add README"
MESSAGE2 = "Add application skeleton\n\nServes the inventory API on port 8080.\n\nRefs: #12"
FILES = ["README.md", "app.py", "config/settings.ini"]


def record(g):
    """The fixture's files as the exercise starts (their contents are random in every run)."""
    return {name: g.worktree_file(name) for name in FILES + ["secrets.env"]}


def verify(g):
    """The files given must be unchanged, on disk and in whatever was committed."""
    for name, text in g.pristine.items():
        if g.worktree_file(name) != text:
            return f"{name} in the working tree is not the file this run started with (never edit or replace it)"
        for rev in g.lines("rev-list", "--all"):
            got = g.show_file(rev, name)
            if got is not None and got != text:
                return (f"a commit holds a {name} that is not the file this run started with; the contents are "
                        "random in every run, so commit the files that are there")
    return None


def commits_on_main(g):
    if not g.rev("main"):
        raise Fail("there is no branch main with commits")
    return g.lines("rev-list", "--reverse", "main")


def message(g, rev):
    return g.git("log", "-1", "--format=%B", rev).rstrip("\n")


def run_commits(tap, g):
    original = g.pristine

    def two_commits():
        revs = commits_on_main(g)
        if len(revs) != 2:
            subjects = g.lines("log", "--format=%s", "main")
            raise Fail(f"main has {len(revs)} commits ({subjects!r}); expected exactly 2")

    def first():
        revs = commits_on_main(g)
        msg = message(g, revs[0])
        if msg != SUBJECT1:
            raise Fail(f"the first commit's message is {msg!r}; expected {SUBJECT1!r}")
        files = g.lines("ls-tree", "-r", "--name-only", revs[0])
        if files != ["README.md"]:
            raise Fail(f"the first commit contains {files!r}; expected only ['README.md']")

    def second_files():
        revs = commits_on_main(g)
        if len(revs) < 2:
            raise Fail("there is no second commit")
        changes = g.lines("diff-tree", "--no-commit-id", "--name-status", "-r", revs[0], revs[1])
        want = ["A\tapp.py", "A\tconfig/settings.ini"]
        if sorted(changes) != want:
            raise Fail(f"the second commit changes {changes!r}; expected it to add exactly app.py and config/settings.ini")

    def second_message():
        revs = commits_on_main(g)
        if len(revs) < 2:
            raise Fail("there is no second commit")
        msg = message(g, revs[1])
        if msg != MESSAGE2:
            raise Fail(f"the second commit's message is\n{msg}\n---- expected exactly\n{MESSAGE2}")

    def contents():
        for name in FILES:
            got = g.show_file("main", name)
            if got != original[name]:
                raise Fail(f"{name} in the last commit differs from the file you were given (its content "
                           "changes from run to run: commit the file that is there)"
                           if got is not None else f"{name} is not in the last commit of main")
        revs = commits_on_main(g)
        if revs and g.show_file(revs[0], "README.md") != original["README.md"]:
            raise Fail("README.md in the first commit differs from the file you were given")

    tap.test("main has exactly two commits", two_commits)
    tap.test("the first commit is 'Add README' with only README.md", first)
    tap.test("the second commit adds app.py and config/settings.ini", second_files)
    tap.test("the second commit has the subject, body and trailer asked for", second_message)
    tap.test("the files are committed with their content unchanged", contents)


def run_secrets(tap, g):
    original = g.pristine

    def never_committed():
        hits = g.lines("log", "--all", "--format=%h %s", "--", "secrets.env")
        if hits:
            raise Fail(f"secrets.env was committed in: {hits!r}. Stage files by name instead of 'git add .' or '-A'")

    def not_staged():
        if g.git("ls-files", "--", "secrets.env"):
            raise Fail("secrets.env is in the index (staged); it must stay untracked")

    def still_there():
        got = g.worktree_file("secrets.env")
        if got is None:
            raise Fail("secrets.env was deleted from the working tree; it must stay there, untracked")
        if got != original["secrets.env"]:
            raise Fail("secrets.env was changed; leave its content alone")

    def status():
        got = g.git("status", "--porcelain", "--ignored", "--untracked-files=all")
        if got != "?? secrets.env":
            raise Fail(f"git status --porcelain prints\n{got or '(nothing)'}\nexpected exactly\n?? secrets.env")

    tap.test("secrets.env is in no commit", never_committed)
    tap.test("secrets.env is not staged", not_staged)
    tap.test("secrets.env is still in the working tree, unchanged", still_there)
    tap.test("git status --porcelain shows only '?? secrets.env'", status)


def run_tag_branch(tap, g):
    def annotated():
        if not g.ok("rev-parse", "--verify", "--quiet", "refs/tags/v0.1.0"):
            raise Fail("there is no tag v0.1.0")
        kind = g.git("cat-file", "-t", "refs/tags/v0.1.0")
        if kind != "tag":
            raise Fail(f"v0.1.0 is a lightweight tag (it points straight at a {kind}); "
                       "create an annotated tag with git tag -a v0.1.0 -m 'First release'")

    def points_at_second():
        revs = g.lines("rev-list", "--reverse", "main") if g.rev("main") else []
        target = g.rev("refs/tags/v0.1.0")
        if target is None:
            raise Fail("there is no tag v0.1.0")
        if len(revs) < 2 or target != revs[1]:
            raise Fail(f"v0.1.0 points at {g.git('log', '-1', '--format=%h %s', target)!r}; "
                       "expected the second commit ('Add application skeleton')")

    def tag_message():
        if g.git("cat-file", "-t", "refs/tags/v0.1.0", check=False) != "tag":
            raise Fail("v0.1.0 is not an annotated tag, so it has no message")
        msg = g.git("tag", "-l", "--format=%(contents)", "v0.1.0").strip()
        if msg != "First release":
            raise Fail(f"the tag message is {msg!r}; expected 'First release'")

    def develop():
        d, m = g.rev("refs/heads/develop"), g.rev("refs/heads/main")
        if d is None:
            raise Fail("there is no branch develop")
        if d != m:
            raise Fail("develop does not point at the same commit as main (the second commit)")

    def on_main():
        head = g.git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        if head != "main":
            raise Fail(f"the checked-out branch is {head or '(detached HEAD)'!r}; expected main. "
                       "'git branch develop' creates a branch without switching to it")

    tap.test("v0.1.0 is an annotated tag", annotated)
    tap.test("v0.1.0 points at the second commit", points_at_second)
    tap.test("the tag's message is 'First release'", tag_message)
    tap.test("branch develop points at the second commit", develop)
    tap.test("main is still the checked-out branch", on_main)


def run_hygiene(tap, g):
    def refs():
        got = sorted(g.lines("for-each-ref", "--format=%(refname)"))
        want = ["refs/heads/develop", "refs/heads/main", "refs/tags/v0.1.0"]
        if got != want:
            raise Fail(f"the repository has the refs {got!r}; expected exactly {want!r} (no stash, no extra branches)")

    def identity():
        for line in g.lines("log", "--all", "--format=%an <%ae>|%cn <%ce>"):
            a, c = line.split("|")
            if a != f"{LEARNER_NAME} <{LEARNER_EMAIL}>" or c != a:
                raise Fail(f"a commit has author/committer {line!r}; keep the configured identity")

    def linear():
        for line in g.lines("log", "--all", "--format=%h %p"):
            parts = line.split()
            if len(parts) > 2:
                raise Fail(f"commit {parts[0]} is a merge; the history should be two plain commits")

    def no_other_files():
        tracked = g.lines("ls-files")
        if tracked != sorted(FILES):
            raise Fail(f"the tracked files are {tracked!r}; expected exactly {sorted(FILES)!r}")

    tap.test("only main, develop and v0.1.0 exist", refs)
    tap.test("commits use the configured identity", identity)
    tap.test("no merge commits", linear)
    tap.test("exactly the three project files are tracked", no_other_files)


MODES = {"commits": (5, run_commits), "secrets": (4, run_secrets), "tag-branch": (5, run_tag_branch),
         "hygiene": (4, run_hygiene)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_commits.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan + 1)
    g = start(tap, "commits.sh", record=record, verify=verify)
    if g is not None:
        try:
            fn(tap, g)
        finally:
            g.cleanup()
    tap.finish()


main()
