"""Checks for rewrite.sh. Usage: check_rewrite.py messages|content|debug-log|metadata"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap  # noqa: E402
from gitcheck import Git, start  # noqa: E402

SUBJECTS = ["Initial commit", "Add user model", "Add user API", "Fix off-by-one in pagination"]


def record(p):
    """The untouched fixture (its dates and contents are random in every run)."""
    revs = p.lines("rev-list", "--reverse", "main")
    info = {
        "revs": revs,
        "trees": [sorted(p.lines("ls-tree", "-r", r)) for r in revs],
        "meta": p.lines("log", "--reverse", "--format=%an|%ae|%ad", "--date=iso-strict", "main"),
        "debug": p.show_file(revs[-1], "debug.log"),
    }
    return info


def verify(g):
    """This run's first commit (random date, so a new id every run) must still be there."""
    if g.pristine["revs"][0] not in set(g.lines("rev-list", "--all")):
        return "this run's first commit is in no branch any more (was the repository replaced?)"
    return None


def history(g):
    if g.rev("main") is None:
        raise Fail("there is no branch main")
    return g.lines("rev-list", "--reverse", "main")


def four(g):
    revs = history(g)
    if len(revs) != 4:
        raise Fail(f"main has {len(revs)} commits ({g.lines('log', '--format=%s', 'main')!r}); expected exactly 4: "
                   "rewrite the commits instead of adding new ones")
    return revs


def run_messages(tap, g):
    def count():
        four(g)

    def subjects():
        got = g.lines("log", "--reverse", "--format=%s", "main")
        if got != SUBJECTS:
            raise Fail(f"the messages, oldest first, are {got!r}; expected {SUBJECTS!r}")

    def one_line():
        for rev in history(g):
            body = g.git("log", "-1", "--format=%b", rev).strip()
            if body:
                raise Fail(f"commit {g.git('log', '-1', '--format=%h %s', rev)!r} has extra lines in its message: {body!r}")

    tap.test("main has exactly four commits", count)
    tap.test("the messages are the four asked for, in order", subjects)
    tap.test("each message is a single line", one_line)


def run_content(tap, g):
    p = g.pristine

    def root_kept():
        revs = history(g)
        if not revs or revs[0] != p["revs"][0]:
            raise Fail(f"the first commit is now {revs[0][:7] if revs else 'missing'}; expected it to keep the id "
                       f"{p['revs'][0][:7]} (do not rewrite it, e.g. avoid --root)")

    def middle_trees():
        revs = four(g)
        for i in (1, 2):
            got = sorted(g.lines("ls-tree", "-r", revs[i]))
            if got != p["trees"][i]:
                raise Fail(f"the files of commit {i + 1} ({SUBJECTS[i]!r}) changed; a reword must not change content")

    def last_tree():
        revs = four(g)
        want = [e for e in p["trees"][3] if not e.endswith("\tdebug.log")]
        got = sorted(g.lines("ls-tree", "-r", revs[3]))
        if got != want:
            names = [e.split("\t")[1] for e in got]
            raise Fail(f"the last commit contains {names!r}; expected the original files without debug.log, "
                       "with api.py unchanged")

    tap.test("the first commit keeps its id", root_kept)
    tap.test("the reworded commits contain exactly the same files", middle_trees)
    tap.test("the last commit is the original one minus debug.log", last_tree)


def run_debug_log(tap, g):
    p = g.pristine

    def not_committed():
        hits = g.lines("log", "--format=%h %s", "main", "--", "debug.log")
        if hits:
            raise Fail(f"debug.log is still in these commits of main: {hits!r}")

    def still_on_disk():
        got = g.worktree_file("debug.log")
        if got is None:
            raise Fail("debug.log is gone from the working tree: use git rm --cached to untrack it but keep the file")
        if got != p["debug"]:
            raise Fail("debug.log was changed; keep its content")

    def status():
        got = g.git("status", "--porcelain", "--ignored", "--untracked-files=all")
        if got != "?? debug.log":
            raise Fail(f"git status --porcelain prints\n{got or '(nothing)'}\nexpected exactly\n?? debug.log")

    tap.test("debug.log is in no commit of main", not_committed)
    tap.test("debug.log is still in the working tree, unchanged", still_on_disk)
    tap.test("git status --porcelain prints only '?? debug.log'", status)


def run_metadata(tap, g):
    p = g.pristine

    def authors():
        four(g)
        got = g.lines("log", "--reverse", "--format=%an|%ae|%ad", "--date=iso-strict", "main")
        for i, (a, b) in enumerate(zip(got, p["meta"])):
            if a != b:
                raise Fail(f"commit {i + 1} ({SUBJECTS[i]!r}) has author {a!r}; expected {b!r}: "
                           "amend and rebase keep the author, recommitting does not")

    def on_main():
        head = g.git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        if head != "main":
            raise Fail(f"the checked-out branch is {head or '(detached HEAD)'!r}; expected main")

    def no_rebase():
        gitdir = os.path.join(g.repo, ".git")
        for name in ("rebase-merge", "rebase-apply", "MERGE_HEAD", "CHERRY_PICK_HEAD"):
            if os.path.exists(os.path.join(gitdir, name)):
                raise Fail(f".git/{name} exists: an operation is still in progress")

    def refs():
        # A backup branch or tag of the old history is a careful habit, not a mistake: only
        # main must exist, and hold the rewritten history (the other points check that).
        got = g.lines("for-each-ref", "--format=%(refname)")
        if "refs/heads/main" not in got:
            raise Fail(f"the repository has no branch main (its refs: {sorted(got)!r})")

    def rewritten():
        old_tip = p["revs"][-1]
        if g.ok("merge-base", "--is-ancestor", old_tip, "main"):
            raise Fail("main still contains the original 'wip' commit: the history has not been rewritten")

    tap.test("the original 'wip' commit is no longer on main", rewritten)
    tap.test("authors and author dates are preserved", authors)
    tap.test("main is checked out", on_main)
    tap.test("no rebase or other operation is in progress", no_rebase)
    tap.test("the branch main exists (backup branches and tags are allowed)", refs)


MODES = {"messages": (3, run_messages), "content": (3, run_content), "debug-log": (3, run_debug_log),
         "metadata": (5, run_metadata)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_rewrite.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan + 1)
    g = start(tap, "rewrite.sh", record=record, verify=verify)
    if g is not None:
        try:
            fn(tap, g)
        finally:
            g.cleanup()
    tap.finish()


main()
