"""Helpers shared by the git checks: a fixed git environment, the fixture repo, the learner's script.

Every git command runs as `git -C REPO -c safe.directory=* ...` with
GIT_CONFIG_NOSYSTEM=1 and a private HOME whose .gitconfig sets the identity,
so nothing of the machine's own git configuration can leak in.
"""
import os
import shutil
import subprocess
import tempfile

from taplib import Fail

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
            return None, f"{name} not found: your submission must contain {name}"
        try:
            proc = subprocess.run(["sh", path], cwd=self.repo, env=self.env, input=b"",
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, f"{name} was still running after {timeout} seconds (is it waiting for an editor or input?)"
        return proc.returncode, proc.stdout.decode("utf-8", "replace")

    def git(self, *args, check=True, raw=False):
        """Run git in the repository; return stdout as text (without one trailing newline unless raw)."""
        proc = subprocess.run(["git", "-C", self.repo, "-c", "safe.directory=*", *args], env=self.env,
                              input=b"", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and proc.returncode != 0:
            raise GitError(f"git {' '.join(args)} failed: {proc.stderr.decode(errors='replace').strip()}")
        out = proc.stdout.decode("utf-8", "replace")
        if raw:
            return out
        return out[:-1] if out.endswith("\n") else out

    def ok(self, *args):
        """True if the git command exits 0."""
        proc = subprocess.run(["git", "-C", self.repo, "-c", "safe.directory=*", *args], env=self.env,
                              input=b"", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return proc.returncode == 0

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

    def worktree_file(self, path):
        full = os.path.join(self.repo, path)
        if not os.path.isfile(full):
            return None
        with open(full, encoding="utf-8", errors="replace") as f:
            return f.read()


class GitError(Fail):
    pass


def start(tap, script_name, fixture="fixture.sh"):
    """Build the fixture, run the learner's script, and report that as the first test point.

    Returns the Git object, or None (after failing every point) when the script is missing.
    """
    if not os.path.isfile(os.path.join(WORK, script_name)):
        tap.fail_rest(f"{script_name} not found: your submission must contain {script_name}")
        return None
    g = Git()
    g.fixture(fixture)
    status, output = g.run_learner(script_name)

    def ran():
        if status != 0:
            shown = output.strip()[-1500:] or "(no output)"
            what = "did not finish" if status is None else f"exited with status {status}"
            raise Fail(f"sh {script_name} {what}; its output:\n{shown}")

    tap.test(f"sh {script_name} runs and exits with status 0", ran)
    return g
