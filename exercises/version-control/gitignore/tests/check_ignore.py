"""Checks for .gitignore. Usage: check_ignore.py ignored|kept|exceptions|robust"""
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402
from gitcheck import WORK, Git  # noqa: E402

IGNORED = {
    "Python bytecode": ["__pycache__/app.cpython-311.pyc", "src/app/__pycache__/models.cpython-311.pyc",
                        "legacy/old.pyc"],
    "virtual environments": [".venv/bin/python", ".venv/lib/python3.11/site.py", "venv/pyvenv.cfg"],
    "secrets (.env files)": [".env", ".env.local", ".env.production", "config/.env"],
    "logs": ["server.log", "src/app/debug.log", "logs/app.log", "logs/2024/03/01.txt"],
    "build output": ["build/lib/app.py", "dist/app-1.0.tar.gz", "src/app.egg-info/PKG-INFO",
                     "inventory.egg-info/SOURCES.txt"],
    "test and coverage output": [".pytest_cache/v/cache/nodeids", ".coverage", "htmlcov/index.html"],
    "editor and OS files": [".DS_Store", "src/.DS_Store", ".idea/workspace.xml", "src/app/.models.py.swp"],
}

KEPT = {
    "project files": ["README.md", "pyproject.toml", "requirements.txt", "src/app/__init__.py",
                      "src/app/models.py", "tests/test_models.py", "scripts/deploy.sh"],
    "dotfiles that belong in the repository": [".gitignore", ".github/workflows/ci.yml"],
    "files whose names merely contain env, log, build or dist": ["src/app/environment.py", "docs/logging.md"],
    "a package named build and docs in a dist folder": ["src/app/build/__init__.py", "src/app/build/steps.py",
                                                        "docs/dist/index.md"],
}

EXAMPLES = {"env": [".env.example", "config/.env.example"], "gitkeep": ["logs/.gitkeep"]}

# Besides the fixed examples above (the prompt's), every group gets paths of the same kinds
# made up at check time, so a .gitignore that lists the checker's paths one by one fails.
RNG = random.SystemRandom()
WORDS = ["alpha", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper", "kelp",
         "lumen", "maple", "nectar", "onyx", "pebble", "quartz", "raven", "sierra", "tundra", "umber", "vale"]
USED = set()


def w():
    while True:
        name = RNG.choice(WORDS) + str(RNG.randrange(10, 1000))
        if name not in USED:
            USED.add(name)
            return name


def d(lo=0, hi=3):
    """A random directory prefix ('' or 'a12/b34/'), lo to hi levels deep."""
    return "".join(w() + "/" for _ in range(RNG.randrange(lo, hi + 1)))


def ext():
    return RNG.choice(["py", "md", "txt", "json", "toml", "cfg", "html", "sh"])


for group, more in [
        ("Python bytecode", [f"{d()}__pycache__/{w()}.cpython-3{RNG.randrange(8, 14)}.pyc", f"{d(1)}{w()}.pyc"]),
        ("virtual environments", [f"{d()}.venv/{w()}/{w()}.py", f"{d()}venv/{w()}.{ext()}"]),
        ("secrets (.env files)", [f"{d(1)}.env", f"{d()}.env.{w()}"]),
        ("logs", [f"{d()}{w()}.log", f"logs/{w()}/{w()}.{ext()}", f"logs/{w()}.{ext()}"]),
        ("build output", [f"build/{w()}/{w()}.{ext()}", f"dist/{w()}.tar.gz", f"{d()}{w()}.egg-info/{w()}.txt"]),
        ("test and coverage output", [f".pytest_cache/{w()}/{w()}", f"htmlcov/{w()}.html"]),
        ("editor and OS files", [f"{d(1)}.DS_Store", f"{d()}.{w()}.{ext()}.swp", f".idea/{w()}.xml"])]:
    IGNORED[group] = IGNORED[group] + more
for group, more in [
        ("project files", [f"{d()}{w()}.{ext()}", f"{d(1)}{w()}.{ext()}"]),
        ("dotfiles that belong in the repository", [f".github/{w()}/{w()}.yml", f"{d()}.{w()}"]),
        ("files whose names merely contain env, log, build or dist",
         [f"{d()}{RNG.choice(['env_', 'environment_', 'venvs_'])}{w()}.{ext()}",
          f"{d()}{RNG.choice(['log_', 'logs_', 'logging_'])}{w()}.{ext()}",
          f"{d()}{RNG.choice(['build_', 'dist_', 'builder_'])}{w()}.{ext()}"]),
        ("a package named build and docs in a dist folder",
         [f"{d(1, 2)}build/{w()}.py", f"{d(1, 2)}dist/{w()}.md"])]:
    KEPT[group] = KEPT[group] + more
EXAMPLES["env"] = EXAMPLES["env"] + [f"{d(1)}.env.example"]
MORE_SECRETS = [f"{d(1)}.env", f"{d()}.env.{w()}"]
MORE_LOGS = [f"logs/{w()}.{ext()}", f"logs/{d(1)}{w()}.{ext()}"]

ROBUST_IGNORED = ["packages/api/__pycache__/x.cpython-311.pyc", "deep/a/b/c.log", "services/worker/.venv/lib/x.py",
                  ".env.staging", "config/.env.local", "services/worker/venv/bin/activate", "logs/.hidden",
                  "logs/sub/.gitkeep", "plugins/x.egg-info/PKG-INFO", "src/app/__pycache__/__init__.cpython-311.pyc"]
ROBUST_KEPT = ["build.py", "dist.md", "logs.md", ".gitattributes", "docs/.env.example", "src/app/log.py",
               "src/venvs.txt", "src/app/build/__init__.py", "htmlcov.md", "src/.editorconfig"]
ROBUST_IGNORED += [f"{d(2)}__pycache__/{w()}.cpython-311.pyc", f"{d(2, 4)}{w()}.log", f"{d(1)}.venv/{w()}.py",
                   f"{d(1)}venv/bin/{w()}", f"logs/{d(1)}.{w()}", f"{d(1)}{w()}.egg-info/PKG-INFO"]
ROBUST_KEPT += [f"{d(1)}build/{w()}.py", f"{d(1)}.env.example", f"{w()}.{ext()}", f"{d(1)}.{w()}rc"]


def all_paths():
    paths = set(ROBUST_IGNORED) | set(ROBUST_KEPT) | set(MORE_SECRETS) | set(MORE_LOGS)
    for group in (IGNORED, KEPT, EXAMPLES):
        for names in group.values():
            paths.update(names)
    return sorted(paths)


class Tree:
    """A repository filled with every path, with the learner's .gitignore at its root."""

    def __init__(self):
        self.g = Git()
        os.makedirs(self.g.repo)
        self.g.git("init", "--quiet")
        for path in all_paths():
            if path == ".gitignore":
                continue
            full = os.path.join(self.g.repo, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(f"content of {path}\n")
        shutil.copyfile(os.path.join(WORK, ".gitignore"), os.path.join(self.g.repo, ".gitignore"))
        self.ignored = set(self.g.lines("ls-files", "--others", "--ignored", "--exclude-standard"))
        self.untracked = set(self.g.lines("ls-files", "--others", "--exclude-standard"))

    def why(self, path):
        out = self.g.git("check-ignore", "--no-index", "-v", path, check=False)
        if out:
            source, _, _ = out.partition("\t")
            return f" (matched by {source.split(':', 2)[-1]!r} on line {source.split(':')[1]})"
        return ""

    def must_ignore(self, paths, what):
        missed = [p for p in paths if p not in self.ignored]
        if missed:
            raise Fail(f"{what}: these are not ignored but must be: {missed!r}")

    def must_keep(self, paths, what):
        hidden = [p for p in paths if p not in self.untracked]
        if hidden:
            details = "\n".join(f"  {p}{self.why(p)}" for p in hidden)
            raise Fail(f"{what}: these are ignored but must not be:\n{details}")


def run_ignored(tap, t):
    for what, paths in IGNORED.items():
        tap.test(f"ignores {what}", lambda p=paths, w=what: t.must_ignore(p, w))


def run_kept(tap, t):
    for what, paths in KEPT.items():
        tap.test(f"keeps {what}", lambda p=paths, w=what: t.must_keep(p, w))


def run_exceptions(tap, t):
    tap.test(".env.example files are kept", lambda: t.must_keep(EXAMPLES["env"], ".env.example files"))
    tap.test("...while the other .env files are ignored",
             lambda: t.must_ignore([".env", ".env.local", "config/.env"] + MORE_SECRETS, "secrets"))
    tap.test("logs/.gitkeep is kept", lambda: t.must_keep(EXAMPLES["gitkeep"], "the logs/.gitkeep placeholder"))
    tap.test("...while everything else under logs/ is ignored",
             lambda: t.must_ignore(["logs/app.log", "logs/2024/03/01.txt"] + MORE_LOGS, "logs"))


def run_robust(tap, t):
    tap.test("ignores more files of the same kinds, in other places",
             lambda: t.must_ignore(ROBUST_IGNORED, "more generated files and secrets"))
    tap.test("keeps more files with similar names",
             lambda: t.must_keep(ROBUST_KEPT, "more files that belong in the repository"))


MODES = {"ignored": (len(IGNORED), run_ignored), "kept": (len(KEPT), run_kept), "exceptions": (4, run_exceptions),
         "robust": (2, run_robust)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_ignore.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    if not os.path.isfile(os.path.join(WORK, ".gitignore")):
        tap.fail_rest(missing(".gitignore"))
    else:
        t = Tree()
        try:
            fn(tap, t)
        finally:
            t.g.cleanup()
    tap.finish()


main()
