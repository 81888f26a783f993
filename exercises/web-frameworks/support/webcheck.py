"""The learner's Flask or Django application, judged from the wire.

    from webcheck import App, framework_missing
    with App("flask", tap) as app:          # tests/serve_app.py in a process of its own
        r = app.get("/users/7")             # a fresh HTTP/1.1 connection per request
        r.status, r.header("allow"), r.body, r.json()

The learner's code never runs in the checker's process. serve_app.py
imports it in a child the check starts through services.Service, with its
own share of the limits, on the check's private loopback; its stdout and
stderr go to the service's log. So nothing it does (print TAP, patch
modules, exit) reaches the TAP stream, and the checker sees only HTTP.

This file is the web-frameworks pack's own (not part of checklib/): only
this pack starts a learner's framework application.
"""
import ctypes
import http.client
import importlib.util
import json
import os
import sys

from services import Service, ServiceError, free_port

HERE = os.path.dirname(os.path.abspath(__file__))

# The Debian package that ships each framework (install-deps installs them;
# the exercises' "needs" name a program of the same package).
PACKAGES = {"flask": "python3-flask", "django": "python3-django"}


def _not_dumpable():
    """Make this (the checker's) process non-dumpable. The learner's app runs as the same
    uid with no Yama here, so it could otherwise open /proc/<checker>/fd/1 to write TAP
    into the checker's stdout, or /proc/<checker>/mem to rewrite the checker itself."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except (OSError, AttributeError):
        pass


def framework_missing(module):
    """None when `module` can be imported, else a message naming the Debian package."""
    if importlib.util.find_spec(module) is not None:
        return None
    pkg = PACKAGES[module]
    return (f"this exercise needs the Python module '{module}', which this machine does not have: "
            f"install the Debian package {pkg} (apt-get install {pkg})")


class Response:
    def __init__(self, method, path, status, reason, headers, body):
        self.method, self.path = method, path
        self.status, self.reason = status, reason
        self.headers = headers            # [(name, value)] as sent
        self.body = body                  # bytes

    def header(self, name):
        """The value of the first header called `name` (any case), or None."""
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def content_type(self):
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def json(self):
        """The body parsed as JSON; AssertionError (in the learner's terms) when it is not."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise AssertionError(f"{self.method} {self.path}: the body is not JSON: {self.text()}") from None

    def text(self, limit=300):
        t = self.body.decode("utf-8", "replace")
        return repr(t if len(t) <= limit else t[:limit] + "...")

    def __str__(self):
        return f"{self.method} {self.path} answered {self.status} {self.reason} with body {self.text(200)}"


class App:
    """The learner's application served on 127.0.0.1 by tests/serve_app.py.

    kind: "flask" (./app.py's `app`) or "django" (the project in the work
    directory, with the check's settings module `settings` from tests/).
    On a start that fails (the learner's import raises, the app is not a
    WSGI callable), every remaining point fails with the server's own words
    and the check ends."""

    def __init__(self, kind, tap, env=None, settings=None, memory_mb=256, cpu_seconds=6):
        self.kind, self.tap = kind, tap
        self.port = free_port()
        argv = [sys.executable, os.path.join(HERE, "serve_app.py"), kind, str(self.port)]
        if settings:
            argv.append(settings)
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("ROADMAP_")}
        full_env.update(env or {})
        self.stuck = None  # set when a request got no answer in time: the next ones would wait too
        self.service = Service(argv, name=f"your {kind} app", port=self.port, ready_within=10.0,
                               memory_mb=memory_mb, processes=4, cpu_seconds=cpu_seconds,
                               env=full_env, cwd=os.getcwd())

    def __enter__(self):
        _not_dumpable()
        missing = framework_missing(self.kind)
        if missing:
            self.tap.fail_rest(missing)
            self.tap.finish()
        try:
            self.service.start()
        except ServiceError as exc:
            hint = ""
            if "was not accepting connections" in str(exc):
                hint = ("\nDoes your code start a server of its own, or loop forever, when it is imported "
                        "(app.run() or runserver outside `if __name__ == \"__main__\":`)? The check imports "
                        "it and serves it on a port of its choosing.")
            self.tap.fail_rest(f"{exc}{hint}")
            self.tap.finish()
        return self

    def __exit__(self, *exc):
        self.service.stop()
        return False

    def request(self, method, path, body=None, headers=None):
        """One request on a fresh connection; the Response, or AssertionError saying what went wrong."""
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        if self.stuck:
            raise AssertionError(f"{method} {path}: not sent, since {self.stuck}")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            data = r.read() if method != "HEAD" else b""
            return Response(method, path, r.status, r.reason, r.getheaders(), data)
        except (OSError, http.client.HTTPException) as exc:
            alive = "" if self.service.alive() else "; your app's process has exited"
            tail = self.service.output(800).strip()
            if isinstance(exc, TimeoutError) or "timed out" in str(exc):
                self.stuck = f"{method} {path} got no answer within 5 s (a view that never returns?)"
            raise AssertionError(f"{method} {path}: no HTTP answer ({type(exc).__name__}: {exc}){alive}"
                                 + (f"\nit printed:\n{tail}" if tail else "")) from None
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)


def expect_json(r, status, want=None, ctype="application/json"):
    """Assert r has `status`, Content-Type `ctype` and (when given) the JSON body `want`."""
    if r.status != status:
        raise AssertionError(f"{r.method} {r.path}: expected status {status}, got {r.status}; body {r.text()}")
    if ctype and r.content_type() != ctype:
        raise AssertionError(f"{r.method} {r.path}: expected Content-Type {ctype}, got {r.header('content-type')!r}")
    if want is not None:
        got = r.json()
        if got != want:
            raise AssertionError(f"{r.method} {r.path}: expected the JSON {json.dumps(want)}, got {json.dumps(got)}")
