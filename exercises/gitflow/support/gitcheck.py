"""Helpers for the gitflow checks: build the starting repository, run the
learner's script in it, and inspect the result with git."""
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()


class GitError(Exception):
    pass


class Repo:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="gitflow-")
        self.path = os.path.join(self.root, "repo")
        self.home = os.path.join(self.root, "home")
        os.makedirs(self.home)
        self.gitconfig = os.path.join(self.home, ".gitconfig")
        with open(self.gitconfig, "w") as f:
            f.write("[user]\n\tname = Learner\n\temail = learner@example.test\n"
                    "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n")
        self.env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": self.home,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": self.gitconfig,
            "GIT_EDITOR": "true",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_TERMINAL_PROMPT": "0",
        }

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def setup(self):
        """Build the starting repository with tests/setup.sh."""
        proc = subprocess.run(["sh", os.path.join(HERE, "setup.sh"), self.path], env=self.env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
        if proc.returncode != 0:
            raise GitError("tests/setup.sh failed: " + proc.stderr[-1000:])

    def run_script(self, name):
        """Run the learner's script with the repository as working directory."""
        script = os.path.join(WORK, name)
        if not os.path.isfile(script):
            return None, f"{name} not found in your submission"
        try:
            proc = subprocess.run(["sh", script], cwd=self.path, env=self.env, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            return None, f"{name} ran for more than 30 seconds (is it waiting for an editor? use -m)"
        return proc, None

    # The learner's script owns the repository, .git/config included. These options keep
    # that config from changing what the checks see: no replace refs or grafts, no
    # fsmonitor command, every untracked file shown.
    SAFE = ["--no-replace-objects", "-c", "safe.directory=*", "-c", "core.fsmonitor=", "-c",
            "core.untrackedCache=false", "-c", "status.showUntrackedFiles=all", "-c", "core.hooksPath=/dev/null"]

    def git(self, *args, check=True):
        proc = subprocess.run(["git", *self.SAFE, *args], cwd=self.path, env=dict(self.env, GIT_NO_REPLACE_OBJECTS="1"),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
        if check and proc.returncode != 0:
            raise GitError(f"git {' '.join(args)} failed: {proc.stderr.strip()}")
        return proc.stdout.strip() if check else proc

    # -- queries -----------------------------------------------------------
    def rev(self, ref):
        proc = self.git("rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False)
        return proc.stdout.strip() or None if proc.returncode == 0 else None

    def parents(self, commit):
        return self.git("rev-list", "--parents", "-n", "1", commit).split()[1:]

    def subject(self, commit):
        return self.git("log", "-1", "--format=%s", commit)

    def find(self, ref, subject):
        """The newest commit reachable from ref whose subject is `subject`."""
        for line in self.git("log", "--format=%H %s", ref).splitlines():
            sha, _, subj = line.partition(" ")
            if subj.strip() == subject:
                return sha
        return None

    def is_ancestor(self, a, b):
        return self.git("merge-base", "--is-ancestor", a, b, check=False).returncode == 0

    def file_at(self, ref, path):
        proc = self.git("show", f"{ref}:{path}", check=False)
        return proc.stdout if proc.returncode == 0 else None

    def branches(self):
        return self.git("for-each-ref", "--format=%(refname:short)", "refs/heads/").splitlines()

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
        """Everything not committed: changes, untracked and ignored files, and changes hidden
        with update-index --assume-unchanged / --skip-worktree."""
        out = [self.git("status", "--porcelain", "--ignored", "--untracked-files=all")]
        hidden = [line[2:] for line in self.git("ls-files", "-v").splitlines()
                  if line[:1].islower() or line[:1] == "S"]
        if hidden:
            out.append("files hidden from git status with update-index --assume-unchanged/--skip-worktree: "
                       + ", ".join(hidden))
        if os.path.exists(os.path.join(self.path, ".git", "info", "grafts")):
            out.append(".git/info/grafts rewrites the history that git shows: remove it")
        return "\n".join(x for x in out if x)
