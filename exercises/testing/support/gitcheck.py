"""Git checks' helpers (canonical copy: checklib/ at the top of the roadmap-run
repository, copied into each pack's support/): a fixed git environment, the
fixture repository, the learner's script, and queries on the result.

Every git command runs as `git -C REPO -c safe.directory=* ...` with
GIT_CONFIG_NOSYSTEM=1 and a private HOME whose .gitconfig sets the identity,
so nothing of the machine's own git configuration can leak in.

The learner's script owns the repository, .git/config included, and could
write to that HOME. So the checker's own git commands ignore replace refs and
grafts, run no fsmonitor command or hook, always list untracked files, and
read a .gitconfig that is written again after the script ran. The script runs
in its own session, and whatever it left running is killed before the checks
look at the repository.
"""
import os
import shutil
import signal
import subprocess
import tempfile

from taplib import Fail, missing

TESTS = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()

LEARNER_NAME = "Learner"
LEARNER_EMAIL = "learner@example.com"

GITCONFIG = f"""[user]
\tname = {LEARNER_NAME}
\temail = {LEARNER_EMAIL}
[init]
\tdefaultBranch = main
[safe]
\tdirectory = *
[advice]
\tdetachedHead = false
[core]
\tpager = cat
[maintenance]
\tauto = false
[gc]
\tauto = 0
[commit]
\tgpgsign = false
[tag]
\tgpgsign = false
"""


class Git:
    def __init__(self):
        self.base = tempfile.mkdtemp(prefix="git-check-")
        self.home = os.path.join(self.base, "home")
        self.repo = os.path.join(self.base, "repo")
        os.makedirs(self.home)
        with open(os.path.join(self.home, ".gitconfig"), "w") as f:
            f.write(GITCONFIG)
        self.env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": self.home,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_EDITOR": "true",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_TERMINAL_PROMPT": "0",
        }

    def cleanup(self):
        shutil.rmtree(self.base, ignore_errors=True)

    def fixture(self, script="fixture.sh", where=None):
        """Build the exercise's starting repository with tests/<script> (in self.repo by default)."""
        proc = subprocess.run(["sh", os.path.join(TESTS, script), where or self.repo], env=self.env, input=b"",
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        if proc.returncode != 0:
            raise RuntimeError("fixture failed:\n" + proc.stdout.decode(errors="replace"))

    def run_learner(self, name, timeout=30):
        """Run the learner's sh script inside the repository. Returns (exit status or None, output)."""
        path = os.path.join(WORK, name)
        if not os.path.isfile(path):
            return None, missing(name, WORK)
        proc = subprocess.Popen(["sh", path], cwd=self.repo, env=self.env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=timeout)
            status = proc.returncode
        except subprocess.TimeoutExpired:
            out, status = b"", None
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # nothing it started keeps running
            except OSError:
                pass
            proc.kill()
            proc.wait()
        # the checker's configuration, whatever the script wrote to HOME
        with open(os.path.join(self.home, ".gitconfig"), "w") as f:
            f.write(GITCONFIG)
        if status is None:
            return None, f"{name} was still running after {timeout} seconds (is it waiting for an editor or input?)"
        return status, out.decode("utf-8", "replace")

    # options that keep the repository's own configuration from changing what the checks see
    SAFE = ["--no-replace-objects", "-c", "safe.directory=*", "-c", "core.fsmonitor=", "-c", "core.hooksPath=/dev/null",
            "-c", "core.untrackedCache=false", "-c", "status.showUntrackedFiles=all", "-c", "core.excludesFile=",
            "-c", "core.worktree=", "-c", "core.bare=false"]

    def git(self, *args, check=True, raw=False):
        """Run git in the repository; return stdout as text (without one trailing newline unless raw)."""
        proc = subprocess.run(["git", "-C", self.repo, *self.SAFE, *args], env=self.checker_env(),
                              input=b"", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and proc.returncode != 0:
            raise GitError(f"git {' '.join(args)} failed: {proc.stderr.decode(errors='replace').strip()}")
        out = proc.stdout.decode("utf-8", "replace")
        if raw:
            return out
        return out[:-1] if out.endswith("\n") else out

    def ok(self, *args):
        """True if the git command exits 0."""
        proc = subprocess.run(["git", "-C", self.repo, *self.SAFE, *args], env=self.checker_env(),
                              input=b"", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return proc.returncode == 0

    def checker_env(self):
        return dict(self.env, GIT_NO_REPLACE_OBJECTS="1", GIT_GRAFT_FILE=os.path.join(self.base, "no-grafts"))

    def rev(self, name):
        return self.git("rev-parse", "--verify", "--quiet", name + "^{commit}", check=False) or None

    def lines(self, *args):
        out = self.git(*args)
        return out.split("\n") if out else []

    def show_file(self, commit, path):
        """The file's exact content in a commit, or None if it is not there."""
        if not self.ok("cat-file", "-e", f"{commit}:{path}"):
            return None
        return self.git("show", f"{commit}:{path}", raw=True)

    # -- queries on the history -------------------------------------------
    def parents(self, commit):
        return self.git("rev-list", "--parents", "-n", "1", commit).split()[1:]

    def subject(self, commit):
        return self.git("log", "-1", "--format=%s", commit)

    def find(self, ref, subject):
        """The newest commit reachable from ref whose subject is `subject`, or None."""
        for line in self.lines("log", "--format=%H %s", ref):
            sha, _, subj = line.partition(" ")
            if subj.strip() == subject:
                return sha
        return None

    def is_ancestor(self, a, b):
        return self.ok("merge-base", "--is-ancestor", a, b)

    def file_at(self, ref, path):
        """The file's content at ref, or None (show_file, for any ref)."""
        return self.show_file(ref, path)

    def branches(self):
        return self.lines("for-each-ref", "--format=%(refname:short)", "refs/heads/")

    def head_branch(self):
        """The branch HEAD is on, or "" when it is detached."""
        return self.git("symbolic-ref", "--short", "-q", "HEAD", check=False)

    def tag_info(self, tag):
        """(objecttype, peeled commit, message subject) of a tag, or None."""
        out = self.git("for-each-ref", "--format=%(objecttype) %(*objectname) %(objectname) %(contents:subject)",
                       f"refs/tags/{tag}")
        if not out:
            return None
        parts = out.split(" ", 3)
        if parts[0] == "tag":
            return "annotated", parts[1], parts[3] if len(parts) > 3 else ""
        return "lightweight", parts[2], ""

    def graph(self):
        return self.git("log", "--graph", "--oneline", "--decorate", "--all", "-n", "25")

    def status(self):
        """Everything not committed (changes, untracked and ignored files), and whatever
        hides changes from git status (tampering())."""
        out = [self.git("status", "--porcelain", "--ignored", "--untracked-files=all")]
        out.append(self.tampering() or "")
        return "\n".join(x for x in out if x)


    def tampering(self):
        """Why the repository's own settings could fool the checks, or None."""
        problems = []
        gitdir = os.path.join(self.repo, ".git")
        if os.path.exists(os.path.join(gitdir, "info", "grafts")):
            problems.append(".git/info/grafts rewrites the history git shows")
        if self.lines("for-each-ref", "--format=%(refname)", "refs/replace/"):
            problems.append("refs/replace/ objects replace commits in what git shows")
        hidden = [line[2:] for line in self.lines("ls-files", "-v") if line[:1].islower() or line[:1] == "S"]
        if hidden:
            problems.append("files hidden with update-index --assume-unchanged/--skip-worktree: " + ", ".join(hidden))
        if not os.path.isdir(gitdir) or os.path.islink(gitdir):
            problems.append(".git is not a plain directory")
        return "; ".join(problems) or None

    def worktree_file(self, path):
        full = os.path.join(self.repo, path)
        if not os.path.isfile(full):
            return None
        with open(full, encoding="utf-8", errors="replace") as f:
            return f.read()


class GitError(Fail):
    pass


def start(tap, script_name, fixture="fixture.sh", record=None, verify=None):
    """Build the fixture, run the learner's script, and report that as the first test point.

    The fixture is new in every run (random contents and dates), so record(g) is
    called on it before the script runs; its result is kept as g.pristine.
    verify(g), after the script, names what shows that the script did not work
    on this run's repository (e.g. a history built elsewhere), or returns None;
    that fails the first point, which every check has.
    Returns the Git object, or None (after failing every point) when the script is missing.
    """
    if not os.path.isfile(os.path.join(WORK, script_name)):
        tap.fail_rest(missing(script_name, WORK))
        return None
    g = Git()
    g.fixture(fixture)
    g.pristine = record(g) if record else None
    status, output = g.run_learner(script_name)
    tampered = g.tampering() or (verify(g) if verify and status == 0 else None)

    def ran():
        if status != 0:
            shown = output.strip()[-1500:] or "(no output)"
            what = "did not finish" if status is None else f"exited with status {status}"
            raise Fail(f"sh {script_name} {what}; its output:\n{shown}")
        if tampered:
            raise Fail(f"the repository is not the result of working on the one the check built: {tampered}")

    tap.test(f"sh {script_name} runs and exits with status 0", ran)
    return g
