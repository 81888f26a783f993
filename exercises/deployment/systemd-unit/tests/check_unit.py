"""Rules for the learner's app.service. usage: check_unit.py basics|restart|privileges|config"""
import re
import shlex
import sys

from taplib import Tap
from unitparse import last, parse, timespan_seconds, truthy, values

SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|CREDENTIAL|API_?KEY|PRIVATE_?KEY|TOKENS?($|_)"
                         r"|(^|_)(PASS|PWD)($|_)", re.I)
EXEC_KEYS = ("ExecStart", "ExecStartPre", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost",
             "ExecCondition")
URL_WITH_PASSWORD = re.compile(r"://[^/\s:@]+:[^/\s@]+@")
STARTER_PASSWORD = "hunter2"  # the password in the starter's DATABASE_URL
ROOT = {"root", "0"}


def load(tap):
    try:
        with open("app.service", encoding="utf-8", errors="replace") as f:
            return parse(f.read())
    except FileNotFoundError:
        tap.fail_rest("no file named app.service in your submission")
        tap.finish()


def listed(sections, section, key):
    """Space-separated list values over every assignment of key."""
    out = []
    for v in values(sections, section, key):
        out.extend(v.split())
    return out


def exec_start(u):
    cmds = values(u, "Service", "ExecStart")
    return cmds[-1] if cmds else None


def exec_path(cmd):
    word = cmd.split()[0] if cmd.split() else ""
    prefixes = re.match(r"^[@\-:+!]*", word).group(0)
    return prefixes, word[len(prefixes):]


def basics(tap, u):
    def sections():
        missing = [s for s in ("Unit", "Service", "Install") if s not in u]
        if missing:
            return f"missing sections: {', '.join('[' + s + ']' for s in missing)}"
        if "__invalid__" in u:
            line, _, number = u["__invalid__"][0]
            return f"line {number}: {line!r} is neither a [Section] nor Key=Value inside a section"
    tap.test("[Unit], [Service] and [Install] sections, nothing outside them", sections)

    def description():
        if not (last(u, "Unit", "Description") or "").strip():
            return "[Unit] needs a Description="
    tap.test("[Unit] has a Description", description)

    def absolute():
        cmd = exec_start(u)
        if not cmd:
            return "[Service] has no ExecStart="
        _, path = exec_path(cmd)
        if not path.startswith("/"):
            return (f"ExecStart={cmd}: the executable must be an absolute path such as /srv/app/venv/bin/gunicorn; "
                    "systemd does not search WorkingDirectory for it")
    tap.test("ExecStart starts an absolute path", absolute)

    def network():
        after, wants = listed(u, "Unit", "After"), listed(u, "Unit", "Wants") + listed(u, "Unit", "Requires")
        if "network-online.target" not in after or "network-online.target" not in wants:
            return (f"a network service should have both After=network-online.target and Wants=network-online.target; "
                    f"found After={after} Wants/Requires={wants}")
    tap.test("ordered after, and wanting, network-online.target", network)

    def install():
        wanted = listed(u, "Install", "WantedBy")
        if "multi-user.target" not in wanted:
            return f"[Install] needs WantedBy=multi-user.target so that 'systemctl enable' starts it at boot; found {wanted}"
    tap.test("WantedBy=multi-user.target", install)


def restart(tap, u):
    def policy():
        value = last(u, "Service", "Restart")
        if value not in ("on-failure", "always", "on-abnormal"):
            return f"Restart={value or '(not set, which means no)'}: use Restart=on-failure (or always) so a crash is not the end"
    tap.test("Restart=on-failure or always", policy)

    def delay():
        value = last(u, "Service", "RestartSec")
        if value is None:
            return "set RestartSec= (e.g. 5s): the default 100 ms hammers a failing database in a tight loop"
        seconds = timespan_seconds(value)
        if seconds is None:
            return f"RestartSec={value} is not a time span (e.g. 5, 5s, 1min)"
        if seconds < 1:
            return f"RestartSec={value}: wait at least 1 second between restarts"
    tap.test("RestartSec of at least 1 second", delay)


def privileges(tap, u):
    def user():
        value = last(u, "Service", "User")
        if value is None:
            return "no User=: the service runs as root"
        if value in ROOT:
            return f"User={value}: run the app as a dedicated unprivileged user"
        if "%" in value:
            return (f"User={value}: a specifier such as %u expands to the user of the service manager, "
                    "which is root for a system service; name the user, e.g. User=app")
        group = last(u, "Service", "Group")
        if group in ROOT or (group and "%" in group):
            return f"Group={group}: use an unprivileged group, named literally"
    tap.test("User= names a non-root user", user)

    def no_new_privs():
        if not truthy(last(u, "Service", "NoNewPrivileges")):
            return "set NoNewPrivileges=yes: the app and its children can then never gain privileges (setuid)"
    tap.test("NoNewPrivileges=yes", no_new_privs)

    def protect():
        ps, pt = last(u, "Service", "ProtectSystem"), last(u, "Service", "PrivateTmp")
        if ps not in ("strict", "full"):
            return f"ProtectSystem={ps}: use strict (the whole file system read-only) or full"
        if not truthy(pt):
            return "set PrivateTmp=yes: the service gets its own /tmp"
    tap.test("ProtectSystem=strict (or full) and PrivateTmp=yes", protect)

    def no_plus():
        for key in EXEC_KEYS:
            for cmd in values(u, "Service", key):
                prefixes, _ = exec_path(cmd)
                if "+" in prefixes or "!" in prefixes:
                    return f"{key}={cmd}: the '+'/'!' prefix runs the command with full privileges, ignoring User="
    tap.test("no ExecStart with the privileged '+' or '!' prefix", no_plus)


def config(tap, u):
    def env_file():
        files = values(u, "Service", "EnvironmentFile")
        if not files:
            return "load the configuration with EnvironmentFile=/etc/app/app.env (a file only root can read)"
        for f in files:
            path = f[1:] if f.startswith("-") else f
            if not path.startswith("/"):
                return f"EnvironmentFile={f}: use an absolute path"
    tap.test("configuration comes from an EnvironmentFile with an absolute path", env_file)

    def no_inline():
        problems = []
        for v in values(u, "Service", "Environment"):
            try:
                assignments = shlex.split(v)
            except ValueError:
                assignments = v.split()
            for a in assignments:
                name, _, value = a.partition("=")
                if SECRET_NAME.search(name):
                    problems.append(f"Environment={v}: {name} is a secret")
                elif URL_WITH_PASSWORD.search(value):
                    problems.append(f"Environment={v}: {name} holds a URL with a password")
        for key in EXEC_KEYS:
            for cmd in values(u, "Service", key):
                if URL_WITH_PASSWORD.search(cmd) or re.search(r"--(password|passwd|secret|token|api-key)[= ]", cmd, re.I):
                    problems.append(f"{key}={cmd}: a secret on the command line is visible to every user in ps")
        with open("app.service", encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f.read().splitlines(), 1):
                if STARTER_PASSWORD in line and not line.lstrip().startswith(("#", ";")):
                    problems.append(f"line {n}: {line.strip()}: the starter's password {STARTER_PASSWORD!r} is still "
                                    "in the unit, under another name")
        for v in values(u, "Service", "SetCredential"):
            problems.append(f"SetCredential={v}: the credential's value is written in the unit file itself "
                            "(use LoadCredential= with a root-only file, or the EnvironmentFile)")
        if problems:
            return ("unit files are world-readable (systemctl cat, /etc/systemd/system): keep secrets in the "
                    "EnvironmentFile instead:\n" + "\n".join(problems))
    tap.test("no secrets in Environment= or on the command line", no_inline)


GROUPS = {"basics": (5, basics), "restart": (2, restart), "privileges": (4, privileges), "config": (2, config)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    unit = load(tap)
    fn(tap, unit)
    tap.finish()
