"""Rules for the learner's Dockerfile. usage: check_dockerfile.py images|runtime|secrets"""
import fnmatch
import os
import re
import shlex
import sys

from _tap import Tap
from dockerparse import parse, split_image, stages

SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|CREDENTIAL|API_?KEY|PRIVATE_?KEY|TOKENS?($|_)", re.I)
ROOT_USERS = {"root", "0", "root:root", "0:0", "root:0", "0:root"}


def load(tap):
    if not os.path.isfile("Dockerfile"):
        tap.fail_rest("no file named Dockerfile in your submission")
        tap.done()
    with open("Dockerfile", encoding="utf-8", errors="replace") as f:
        ins = parse(f.read())
    st = stages(ins)
    if not st:
        tap.fail_rest("your Dockerfile has no FROM instruction")
        tap.done()
    return ins, st


def images(tap, ins, st):
    names = set()

    def pinned():
        problems = []
        for s in st:
            image = s.image
            if image.lower() == "scratch" or image.lower() in names:
                pass
            else:
                name, tag, digest = split_image(image)
                if digest:
                    if not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
                        problems.append(f"line {s.from_.line}: {image}: a digest is sha256: and 64 hex digits")
                elif tag is None:
                    problems.append(f"line {s.from_.line}: FROM {image} has no tag, which means :latest")
                elif tag == "latest":
                    problems.append(f"line {s.from_.line}: FROM {image} uses :latest, which changes under you")
                elif not re.search(r"\d", tag):
                    problems.append(f"line {s.from_.line}: FROM {image}: the tag '{tag}' names no version")
            if s.name:
                names.add(s.name)
        if problems:
            return "every base image must be pinned to a version tag or a digest:\n" + "\n".join(problems)
    tap.check("every FROM is pinned to a version tag or a sha256 digest", pinned)

    def multistage():
        if len(st) < 2:
            return f"expected at least two stages (a build stage and a runtime stage), found {len(st)} FROM"
        final = st[-1]
        earlier = {s.name for s in st[:-1] if s.name} | {str(s.index) for s in st[:-1]}
        froms = [i for i in final.instructions if i.cmd == "COPY" and i.flags.get("from", "").lower() in earlier]
        if not froms:
            return ("the final stage must take what it needs from an earlier stage with COPY --from=<stage>; "
                    f"stages before it: {sorted(earlier)}")
    tap.check("a multi-stage build: the final stage copies from a build stage", multistage)

    def small_final():
        final = st[-1]
        installs = [i for i in final.instructions if i.cmd == "RUN" and re.search(
            r"\b(pip3?|python3? -m pip)\b.*\binstall\b", i.rest)]
        if installs:
            return (f"{installs[0]!r}: install dependencies in the build stage and copy the result "
                    "(e.g. a virtual environment) into the final stage")
    tap.check("dependencies are installed in the build stage, not the final one", small_final)


def runtime(tap, ins, st):
    final = st[-1]

    def user():
        users = [i for i in final.instructions if i.cmd == "USER"]
        if not users:
            return "the final stage has no USER instruction, so the app runs as root"
        last = users[-1]
        if last.rest.strip().lower() in ROOT_USERS:
            return f"{last!r}: the last USER of the final stage is root, so the app runs as root"
    tap.check("the app runs as a non-root USER", user)

    def healthcheck():
        hcs = [i for i in final.instructions if i.cmd == "HEALTHCHECK"]
        if not hcs:
            return "the final stage has no HEALTHCHECK: Docker cannot tell a hung app from a healthy one"
        hc = hcs[-1]
        if hc.rest.upper().startswith("NONE"):
            return f"{hc!r}: HEALTHCHECK NONE disables the health check"
        if not hc.rest.upper().startswith("CMD"):
            return f"{hc!r}: expected HEALTHCHECK [options] CMD <command>"
    tap.check("the final stage has a HEALTHCHECK with a CMD", healthcheck)

    def exec_form():
        cmds = [i for i in final.instructions if i.cmd in ("CMD", "ENTRYPOINT")]
        if not cmds:
            return "the final stage has neither CMD nor ENTRYPOINT"
        for c in cmds:
            if c.exec_form() is None:
                return (f"{c!r}: use the exec form, {c.cmd} [\"executable\", \"arg\"]; the shell form runs "
                        "/bin/sh -c as PID 1, which does not pass SIGTERM on to your app")
    tap.check("CMD/ENTRYPOINT use the exec (JSON) form", exec_form)


def secrets(tap, ins, st):
    def env_arg():
        found = []
        for i in ins:
            if i.cmd == "ARG":
                name = i.rest.split("=", 1)[0].strip()
                if SECRET_NAME.search(name):
                    found.append(f"{i!r}: build arguments are recorded in the image history (docker history)")
            elif i.cmd == "ENV":
                try:
                    words = shlex.split(i.rest)
                except ValueError:
                    words = i.rest.split()
                pairs = [w.split("=", 1)[0] for w in words if "=" in w] if any("=" in w for w in words[:1]) else words[:1]
                for name in pairs:
                    if SECRET_NAME.search(name):
                        found.append(f"{i!r}: ENV values are stored in the image for anyone who pulls it")
        if found:
            return ("no secret may be baked into the image (use RUN --mount=type=secret at build time, and "
                    "environment variables or secret files at run time):\n" + "\n".join(found))
    tap.check("no ENV or ARG named like a password, secret or token", env_arg)

    copies = [i for i in ins if i.cmd in ("COPY", "ADD")]

    def sources(i):
        form = i.exec_form()
        words = form if form is not None else i.rest.split()
        return words[:-1]

    def no_env_file():
        bad = []
        for i in copies:
            if i.flags.get("from"):
                continue
            for src in sources(i):
                base = os.path.basename(src.rstrip("/"))
                if base == ".env" or base.startswith(".env.") or base.endswith(".env") or base in ("id_rsa", "id_ed25519") \
                        or base.endswith((".pem", ".key")):
                    bad.append(f"{i!r} copies {src}")
        if bad:
            return "a secrets file must never be copied into an image:\n" + "\n".join(bad)
    tap.check("no .env, key or certificate file is copied in", no_env_file)

    def dockerignore():
        whole = [i for i in copies if not i.flags.get("from") and any(s in (".", "./", "*", "./*") for s in sources(i))]
        if not whole:
            return None
        if not os.path.isfile(".dockerignore"):
            return (f"{whole[0]!r} copies the whole build context, and there is no .dockerignore: "
                    ".env and .git end up in the image")
        with open(".dockerignore", encoding="utf-8", errors="replace") as f:
            patterns = [l.strip() for l in f if l.strip() and not l.strip().startswith("#")]
        def ignored(path):
            result = False
            for p in patterns:
                neg = p.startswith("!")
                p = p[1:] if neg else p
                p = p.lstrip("/").rstrip("/")
                if fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, p.replace("**/", "")):
                    result = not neg
            return result
        missing = [p for p in (".env", ".git") if not ignored(p)]
        if missing:
            return f"{whole[0]!r} copies the whole build context, but .dockerignore does not exclude {missing}"
    tap.check("copying the whole context is safe: .dockerignore excludes .env and .git", dockerignore)


GROUPS = {"images": (3, images), "runtime": (3, runtime), "secrets": (3, secrets)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    ins, st = load(tap)
    fn(tap, ins, st)
    tap.done()
