"""Rules for the learner's Dockerfile. usage: check_dockerfile.py images|runtime|secrets"""
import fnmatch
import os
import re
import shlex
import sys

from taplib import Tap, missing
from dockerparse import Instruction, parse, split_image, stages

SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|CREDENTIAL|API_?KEY|PRIVATE_?KEY|TOKENS?($|_)", re.I)
SHELLS = {"sh", "bash", "dash", "ash", "zsh", "ksh"}
SECRET_FILES = (".env", ".env.production", "prod.env", "id_rsa", "id_ed25519", "server.pem", "tls.key")
STARTER_PASSWORD = "changeme"  # the starter's ENV DATABASE_PASSWORD


def secret_values():
    """Values that are secrets whatever a variable holding them is called: the starter's password
    and the value of every secret-named variable (rule 8's names) of the submission's .env file."""
    found = {STARTER_PASSWORD}
    try:
        with open(".env", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        line = line.strip()
        if line.startswith("export "):
            line = line[len("export "):]
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            value = value.strip().strip("'\"")
            if value and SECRET_NAME.search(name.strip()):
                found.add(value)
    return found


def app_endpoint():
    """(port, path) of the health endpoint that app.py serves, or None if app.py no longer does."""
    try:
        with open("app.py", encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    path = re.search(r"""PATH_INFO["']\)\s*==\s*["'](/[\w/-]+)["']""", text)
    port = re.search(r"""["']PORT["']\s*,\s*["'](\d+)["']""", text)
    if not path or not port or "make_server" not in text:
        return None
    return int(port.group(1)), path.group(1)


def expand(text, variables):
    """$NAME and ${NAME} replaced by the ARG/ENV defaults seen so far; None if one is unknown."""
    unknown = []

    def sub(m):
        name = m.group(1) or m.group(2)
        if name not in variables:
            unknown.append(name)
            return ""
        return variables[name]
    out = re.sub(r"\$(?:\{(\w+)[^}]*\}|(\w+))", sub, text)
    return None if unknown else out


def variables_of(instructions):
    found = {}
    for i in instructions:
        if i.cmd in ("ARG", "ENV"):
            try:
                words = shlex.split(i.rest)
            except ValueError:
                words = i.rest.split()
            if i.cmd == "ENV" and words and "=" not in words[0] and len(words) >= 2:
                found[words[0]] = " ".join(words[1:])
                continue
            for w in words:
                name, eq, value = w.partition("=")
                if eq:
                    found[name] = value
    return found


def load(tap):
    if not os.path.isfile("Dockerfile"):
        tap.fail_rest(missing("Dockerfile"))
        tap.finish()
    with open("Dockerfile", encoding="utf-8", errors="replace") as f:
        ins = parse(f.read())
    st = stages(ins)
    if not st:
        tap.fail_rest("your Dockerfile has no FROM instruction")
        tap.finish()
    return ins, st


def sources(i):
    """The source paths of a COPY/ADD instruction."""
    form = i.exec_form()
    words = form if form is not None else i.rest.split()
    return words[:-1]


def images(tap, ins, st):
    names = set()

    # FROM sees the ARGs declared before the first FROM, with their defaults (as docker
    # build does when no --build-arg is given): ARG VERSION=3.12.4 then
    # FROM python:${VERSION}-slim is pinned, as is an ARG holding a whole pinned image.
    first_from = next((k for k, i in enumerate(ins) if i.cmd == "FROM"), len(ins))
    global_args = variables_of([i for i in ins[:first_from] if i.cmd == "ARG"])

    def pinned():
        problems = []
        for s in st:
            image = expand(s.image, global_args)
            if image is None:
                problems.append(f"line {s.from_.line}: FROM {s.image}: a variable in it is not an ARG with a "
                                f"default declared before the first FROM, so the image is only chosen at build time")
                continue
            shown = image if image == s.image else f"{s.image} (= {image})"
            if image.lower() == "scratch" or image.lower() in names:
                pass
            else:
                name, tag, digest = split_image(image)
                if digest:
                    if not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
                        problems.append(f"line {s.from_.line}: {shown}: a digest is sha256: and 64 hex digits")
                elif tag is None:
                    problems.append(f"line {s.from_.line}: FROM {shown} has no tag, which means :latest")
                elif tag == "latest":
                    problems.append(f"line {s.from_.line}: FROM {shown} uses :latest, which changes under you")
                elif not re.search(r"\d", tag):
                    problems.append(f"line {s.from_.line}: FROM {shown}: the tag '{tag}' names no version")
            if s.name:
                names.add(s.name)
        if problems:
            return "every base image must be pinned to a version tag or a digest:\n" + "\n".join(problems)
    tap.test("every FROM is pinned to a version tag or a sha256 digest", pinned)

    def multistage():
        if len(st) < 2:
            return f"expected at least two stages (a build stage and a runtime stage), found {len(st)} FROM"
        final = st[-1]
        by_key = {}
        for s in st[:-1]:
            by_key[str(s.index)] = s
            if s.name:
                by_key[s.name] = s
        froms = [i for i in final.instructions if i.cmd == "COPY" and i.flags.get("from", "").lower() in by_key]
        if not froms:
            return ("the final stage must take what it needs from an earlier stage with COPY --from=<stage>; "
                    f"stages before it: {sorted(by_key)}")
        for i in froms:
            stage = by_key[i.flags["from"].lower()]
            made = " ".join(x.rest for x in stage.instructions if x.cmd in ("RUN", "WORKDIR", "COPY", "ADD", "ENV"))
            for src in sources(i):
                if src.rstrip("/") not in made:
                    return (f"{i!r}: {src} is nothing the build stage made (no RUN, COPY or WORKDIR of that stage "
                            "mentions it); copy the result of the build, e.g. the virtual environment")
    tap.test("a multi-stage build: the final stage copies from a build stage", multistage)

    def small_final():
        final = st[-1]
        pip = re.compile(r"\b(pip3?|python3? -m pip)\b.*\binstall\b")
        installs = [i for i in final.instructions if i.cmd == "RUN" and pip.search(i.rest)]
        if installs:
            return (f"{installs[0]!r}: install dependencies in the build stage and copy the result "
                    "(e.g. a virtual environment) into the final stage")
        built = [i for s in st[:-1] for i in s.instructions
                 if i.cmd == "RUN" and pip.search(i.rest) and "requirements.txt" in i.rest]
        if not built:
            return "no earlier stage installs requirements.txt (RUN ... pip install -r requirements.txt)"
    tap.test("dependencies are installed in the build stage, not the final one", small_final)


def runtime(tap, ins, st):
    final = st[-1]

    def user():
        users = [i for i in final.instructions if i.cmd == "USER"]
        if not users:
            return "the final stage has no USER instruction, so the app runs as root"
        last = users[-1]
        value = expand(last.rest.strip(), variables_of(ins))
        if value is None:
            return f"{last!r}: name the user literally (or with an ARG/ENV that has a default), not a variable set at build time"
        name = value.split(":", 1)[0].strip().lower()
        if name in ("root", "0", ""):
            return f"{last!r}: the last USER of the final stage is root, so the app runs as root"
    tap.test("the app runs as a non-root USER", user)

    def healthcheck():
        hcs = [i for i in final.instructions if i.cmd == "HEALTHCHECK"]
        if not hcs:
            return "the final stage has no HEALTHCHECK: Docker cannot tell a hung app from a healthy one"
        hc = hcs[-1]
        if hc.rest.upper().startswith("NONE"):
            return f"{hc!r}: HEALTHCHECK NONE disables the health check"
        if not hc.rest.upper().startswith("CMD"):
            return f"{hc!r}: expected HEALTHCHECK [options] CMD <command>"
        endpoint = app_endpoint()
        if endpoint is None:
            return "app.py no longer serves GET /health on port 8000: keep the app.py of the starter"
        port, path = endpoint
        command = hc.rest[3:].strip()
        form = Instruction("CMD", command, hc.line).exec_form()
        text = " ".join(form) if form is not None else command
        if not re.search(rf"(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0):{port}{re.escape(path)}\b", text):
            return (f"{hc!r}: the health check must ask the app itself: request "
                    f"http://127.0.0.1:{port}{path} (the app answers there)")
        if re.search(r"\|\|\s*(true|exit\s+0|:)\s*$|;\s*(true|exit\s+0)\s*$", text.strip().strip('"')):
            return f"{hc!r}: this health check always succeeds ('|| true' / 'exit 0'), so it reports nothing"
    tap.test("the final stage has a HEALTHCHECK with a CMD", healthcheck)

    def exec_form():
        cmds = [i for i in final.instructions if i.cmd in ("CMD", "ENTRYPOINT")]
        if not cmds:
            return "the final stage has neither CMD nor ENTRYPOINT"
        for c in cmds:
            form = c.exec_form()
            if form is None:
                return (f"{c!r}: use the exec form, {c.cmd} [\"executable\", \"arg\"]; the shell form runs "
                        "/bin/sh -c as PID 1, which does not pass SIGTERM on to your app")
            if os.path.basename(form[0]) in SHELLS:
                return (f"{c!r}: this exec form starts a shell ({form[0]}) as PID 1, exactly like the shell form; "
                        "run the program itself, e.g. [\"python\", \"app.py\"]")
    tap.test("CMD/ENTRYPOINT use the exec (JSON) form", exec_form)

    def runs_app():
        copied = [i for i in final.instructions if i.cmd in ("COPY", "ADD") and not i.flags.get("from")
                  and any(os.path.normpath(src) in (".", "*", "app.py") or src.endswith("/app.py") or
                          fnmatch.fnmatch("app.py", os.path.basename(src)) for src in sources(i))]
        if not copied:
            return "the final stage never copies app.py into the image (COPY app.py .)"
        cmds = [i for i in final.instructions if i.cmd in ("CMD", "ENTRYPOINT")]
        if not any("app.py" in " ".join(i.exec_form() or [i.rest]) for i in cmds):
            return "the final stage's CMD/ENTRYPOINT does not run app.py"
    tap.test("the final stage copies app.py and its CMD runs it", runs_app)


def secrets(tap, ins, st):
    def env_arg():
        found = []
        values = secret_values()
        for i in ins:
            if i.cmd not in ("ARG", "ENV"):
                continue
            why = ("build arguments are recorded in the image history (docker history)" if i.cmd == "ARG"
                   else "ENV values are stored in the image for anyone who pulls it")
            try:
                words = shlex.split(i.rest)
            except ValueError:
                words = i.rest.split()
            if i.cmd == "ARG" or any("=" in w for w in words[:1]):
                pairs = [tuple(w.split("=", 1)) if "=" in w else (w, "") for w in words]
            else:  # the old form: ENV NAME value with spaces
                pairs = [(words[0], " ".join(words[1:]))] if words else []
            for name, value in pairs:
                if SECRET_NAME.search(name):
                    found.append(f"{i!r}: {why}")
                elif value.strip() in values:
                    found.append(f"{i!r}: {name} holds {value.strip()!r}, a secret (the starter's password or a "
                                 f"value of .env) under another name; {why}")
        if found:
            return ("no secret may be baked into the image (use RUN --mount=type=secret at build time, and "
                    "environment variables or secret files at run time):\n" + "\n".join(found))
    tap.test("no ENV or ARG named like a password, secret or token", env_arg)

    copies = [i for i in ins if i.cmd in ("COPY", "ADD")]

    def no_env_file():
        bad = []
        for i in copies:
            if i.flags.get("from"):
                continue
            for src in sources(i):
                base = os.path.basename(src.rstrip("/"))
                # a wildcard such as .e* or .en[v] copies the file as surely as its name
                if any(fnmatch.fnmatchcase(name, base) for name in SECRET_FILES) or base.startswith(".env.") \
                        or base.endswith((".env", ".pem", ".key")):
                    bad.append(f"{i!r} copies {src}")
        if bad:
            return "a secrets file must never be copied into an image:\n" + "\n".join(bad)
    tap.test("no .env, key or certificate file is copied in", no_env_file)

    def dockerignore():
        whole = [i for i in copies if not i.flags.get("from") and
                 any(os.path.normpath(s) in (".", "*", ".*") or os.path.basename(os.path.normpath(s)) in ("*", ".*")
                     for s in sources(i))]
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
    tap.test("copying the whole context is safe: .dockerignore excludes .env and .git", dockerignore)


GROUPS = {"images": (3, images), "runtime": (4, runtime), "secrets": (3, secrets)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    ins, st = load(tap)
    fn(tap, ins, st)
    tap.finish()
