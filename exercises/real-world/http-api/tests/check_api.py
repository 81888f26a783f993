"""Checks for app.py and serve.py. python3 tests/check_api.py GROUP

app.py runs in a child process (taplib/isolate.py): the application is called
through a proxy and the checks judge the plain status, headers and body that
come back. URLs, codes, hosts and counts are made at random at check time.
"""
import http.client
import io
import json
import random
import re
import os
import string
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
import wsgiref.util

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, describe, short, missing  # noqa: E402


RNG = random.Random(int.from_bytes(os.urandom(8), "big"))


def rand_word(n=None, alphabet=string.ascii_lowercase + string.digits):
    return "".join(RNG.choice(alphabet) for _ in range(n or RNG.randint(4, 10)))


def rand_url():
    host = RNG.choice(["example.com", "example.org", "docs.example.net"])
    return f"https://{host}/{rand_word()}?page={RNG.randint(1, 99)}"


def rand_code():
    return rand_word(RNG.randint(4, 12), string.ascii_letters + string.digits)


NOPE = rand_code()  # an unknown code, the same in the plan and in the test


def rand_host():
    host = RNG.choice(["sho.rt", "go.example", "l.example.org", rand_word(5) + ".example"])
    return host + (f":{RNG.randint(1025, 65000)}" if RNG.random() < 0.5 else "")


def new_db():
    return os.path.join(tempfile.mkdtemp(prefix="api-"), "links.db")


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self, context):
        if self.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise Fail(f"{context}: expected Content-Type application/json, got {self.headers.get('content-type')!r}")
        try:
            return json.loads(self.body)
        except ValueError:
            raise Fail(f"{context}: the body is not JSON: {short(self.body)}")


def call(app, method, path, body=None, content_type="application/json", host="sho.rt"):
    environ = {}
    wsgiref.util.setup_testing_defaults(environ)
    data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    environ.update({"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "HTTP_HOST": host,
                    "SERVER_NAME": host, "SERVER_PORT": "80", "wsgi.url_scheme": "http",
                    "wsgi.input": io.BytesIO(data), "CONTENT_LENGTH": str(len(data)) if data else ""})
    if body is not None:
        environ["CONTENT_TYPE"] = content_type
    got = {}

    def start_response(status, headers, exc_info=None):
        got["status"], got["headers"] = status, headers
        return lambda chunk: None

    result = app(environ, start_response)
    try:
        chunks = list(result)
    finally:
        if type(result) is not list and hasattr(result, "close"):
            result.close()
    if any(type(c) is not bytes for c in chunks):
        raise Fail(f"{method} {path}: the application must return an iterable of bytes, got {describe(chunks)}")
    out = b"".join(chunks)
    if "status" not in got:
        raise Fail(f"{method} {path}: the app never called start_response")
    status, headers = got["status"], got["headers"]
    if type(status) is not str or type(headers) is not list or \
            any(type(h) is not tuple or len(h) != 2 or any(type(x) is not str for x in h) for h in headers):
        raise Fail(f"{method} {path}: start_response needs a status str and a list of (name, value) str tuples, "
                   f"got {describe(status)} and {short(headers)}")
    try:
        code = int(status.split()[0])
    except (ValueError, IndexError):
        raise Fail(f"{method} {path}: bad status line {status!r}")
    return Response(code, {k.lower(): v for k, v in headers}, out)


def expect_status(r, want, context):
    if r.status != want:
        raise Fail(f"{context}: expected status {want}, got {r.status} with body {short(r.body)}")


def expect_error(r, want, context):
    expect_status(r, want, context)
    body = r.json(context)
    if not isinstance(body, dict) or not isinstance(body.get("error"), str):
        raise Fail(f"{context}: expected a body like {{\"error\": \"...\"}}, got {describe(body)}")


def make(mod, db=None):
    return mod.create_app(db or new_db())


def create_link(app, url, code=None):
    payload = {"url": url} if code is None else {"url": url, "code": code}
    r = call(app, "POST", "/api/links", payload)
    expect_status(r, 201, f"POST /api/links {json.dumps(payload)}")
    return r.json("POST /api/links")["code"]


def group_create(mod):
    def created():
        app = make(mod)
        url, host = rand_url(), rand_host()
        r = call(app, "POST", "/api/links", {"url": url}, host=host)
        ctx = f'POST /api/links {{"url": "{url}"}} with Host: {host}'
        expect_status(r, 201, ctx)
        body = r.json(ctx)
        code = body.get("code") if isinstance(body, dict) else None
        want = {"code": code, "url": url, "short_url": f"http://{host}/{code}"}
        if not isinstance(code, str) or body != want:
            raise Fail(f"{ctx}: expected a body like {json.dumps(want)}, got {describe(body)}")
        if r.headers.get("location") != f"/api/links/{code}":
            raise Fail(f"{ctx}: expected the header Location: /api/links/{code}, got {r.headers.get('location')!r}")

    def custom():
        app = make(mod)
        url, code, host = rand_url(), rand_code(), rand_host()
        r = call(app, "POST", "/api/links", {"url": url, "code": code}, host=host)
        ctx = f'POST /api/links {{"url": "{url}", "code": "{code}"}} with Host: {host}'
        expect_status(r, 201, ctx)
        body = r.json(ctx)
        want = {"code": code, "url": url, "short_url": f"http://{host}/{code}"}
        if body != want:
            raise Fail(f"{ctx}: expected {json.dumps(want)}, got {describe(body)}")
        if r.headers.get("location") != f"/api/links/{code}":
            raise Fail(f"{ctx}: expected the header Location: /api/links/{code}, got {r.headers.get('location')!r}")

    def charset():
        app = make(mod)
        r = call(app, "POST", "/api/links", {"url": "https://example.com/"}, content_type="application/json; charset=utf-8")
        expect_status(r, 201, "POST /api/links with Content-Type: application/json; charset=utf-8")

    return [("POST /api/links creates a link: 201, JSON body, Location", created),
            ("a custom code and the Host header are used", custom),
            ("application/json with a charset parameter is accepted", charset)]


def group_redirect(mod):
    def redirect():
        app = make(mod)
        urls = [rand_url() for _ in range(3)]
        codes = [create_link(app, u) for u in urls]
        for code, url in zip(codes, urls):
            r = call(app, "GET", f"/{code}")
            expect_status(r, 302, f"GET /{code}")
            if r.headers.get("location") != url:
                raise Fail(f"GET /{code}: expected Location: {url}, got {r.headers.get('location')!r}")

    def stats():
        app = make(mod)
        url, custom, n = rand_url(), rand_code(), RNG.randint(1, 5)
        code = create_link(app, url, custom)
        for _ in range(n):
            call(app, "GET", f"/{custom}")
        r = call(app, "GET", f"/api/links/{code}")
        expect_status(r, 200, f"GET /api/links/{custom}")
        body = r.json(f"GET /api/links/{custom}")
        want = {"code": custom, "url": url, "hits": n}
        if body != want:
            raise Fail(f"GET /api/links/{custom} after {n} redirects: expected {json.dumps(want)}, got {describe(body)}")

    return [("GET /<code> redirects with 302 and Location", redirect),
            ("GET /api/links/<code> shows the hits", stats)]


def group_not_found(mod):
    def one(path):
        app = make(mod)
        create_link(app, "https://example.com/", "promo")
        expect_error(call(app, "GET", path), 404, f"GET {path}")

    paths = [f"/{NOPE}", f"/api/links/{NOPE}", "/a/b/c", "/promo/extra"]
    return [(f"GET {p} is 404 with a JSON error", lambda p=p: one(p)) for p in paths]


def group_validation(mod):
    def case(body, status, ctype="application/json", setup=None):
        app = make(mod)
        create_link(app, "https://example.com/", "promo")
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        r = call(app, "POST", "/api/links", raw, content_type=ctype)
        expect_error(r, status, f"POST /api/links with Content-Type {ctype} and body {raw.decode(errors='replace')}")

    cases = [
        ("invalid JSON is 400", b'{"url": ', 400, "application/json"),
        ("a JSON list is 400", b'["https://example.com/"]', 400, "application/json"),
        ("a missing url is 400", {"code": "abc"}, 400, "application/json"),
        ("an invalid URL is 400", {"url": "javascript:alert(1)"}, 400, "application/json"),
        ("an invalid code is 400", {"url": "https://example.com/", "code": "a b"}, 400, "application/json"),
        ("a taken code is 409", {"url": "https://example.com/x", "code": "promo"}, 409, "application/json"),
        ("a body that is not JSON is 415", b"url=https://example.com/", 415, "application/x-www-form-urlencoded"),
    ]
    return [(d, lambda b=b, s=s, c=c: case(b, s, c)) for d, b, s, c in cases]


def group_methods(mod):
    def one(method, path, allow):
        app = make(mod)
        create_link(app, "https://example.com/", "promo")
        r = call(app, method, path)
        expect_error(r, 405, f"{method} {path}")
        if r.headers.get("allow") != allow:
            raise Fail(f"{method} {path}: a 405 response must say what is allowed: Allow: {allow}; got {r.headers.get('allow')!r}")

    def health():
        r = call(make(mod), "GET", "/health")
        expect_status(r, 200, "GET /health")
        if r.json("GET /health") != {"status": "ok"}:
            raise Fail(f'GET /health: expected {{"status": "ok"}}, got {short(r.body)}')

    return [("GET /api/links is 405, Allow: POST", lambda: one("GET", "/api/links", "POST")),
            ("DELETE /promo is 405, Allow: GET", lambda: one("DELETE", "/promo", "GET")),
            ("POST /api/links/promo is 405, Allow: GET", lambda: one("POST", "/api/links/promo", "GET")),
            ("GET /health answers {\"status\": \"ok\"}", health)]


def group_restart(mod):
    def restart():
        db = new_db()
        url = rand_url()
        code = create_link(make(mod, db), url)
        r = call(make(mod, db), "GET", f"/{code}")
        expect_status(r, 302, f"GET /{code} on a new app using the same database")
        if r.headers.get("location") != url:
            raise Fail(f"after a restart, /{code} must still redirect to {url}, got {r.headers.get('location')!r}")

    return [("links survive a restart of the app", restart)]


# ---- the live server (network: loopback) ---------------------------------

START_WAIT = 5.0


def start_server(port, db):
    return subprocess.Popen([sys.executable, "serve.py", "--port", str(port), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def stop(proc):
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(2)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    for f in (proc.stdout, proc.stderr):
        f.close()


def first_line(proc, timeout):
    """Read serve.py's first stdout line without blocking forever."""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buf = b""
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or not sel.select(left):
            return None
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
    return buf.split(b"\n")[0].decode(errors="replace") if buf else None


def group_live(mod):
    state = {}

    def starts():
        if not os.path.isfile("serve.py"):
            raise Fail(missing("serve.py"))
        proc = start_server(0, new_db())
        state["proc"] = proc
        line = first_line(proc, START_WAIT)
        if line is None:
            err = ""
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace")[-600:]
            raise Fail(f"serve.py --port 0 did not print 'Serving on http://127.0.0.1:PORT' within {START_WAIT:.0f} s"
                       + (f"; it exited with status {proc.returncode}:\n{err}" if err else ""))
        m = re.fullmatch(r"Serving on http://127\.0\.0\.1:(\d+)/?", line.strip())
        if not m or m.group(1) == "0":
            raise Fail(f"expected the first line 'Serving on http://127.0.0.1:PORT' with the real port, got {line!r}")
        state["port"] = int(m.group(1))

    def talk():
        if "port" not in state:
            raise Fail("the server did not start (see the previous test point)")
        conn = http.client.HTTPConnection("127.0.0.1", state["port"], timeout=3)
        try:
            links = [(rand_url(), None), (rand_url(), rand_code())]
            codes = []
            for url, custom in links:
                payload = {"url": url} if custom is None else {"url": url, "code": custom}
                conn.request("POST", "/api/links", body=json.dumps(payload), headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                body = r.read()
                if r.status != 201:
                    raise Fail(f"POST /api/links {json.dumps(payload)} over HTTP: expected 201, got {r.status} {short(body)}")
                try:
                    got = json.loads(body)
                except ValueError:
                    got = None
                if not isinstance(got, dict) or got.get("url") != url or (custom and got.get("code") != custom):
                    raise Fail(f"POST /api/links {json.dumps(payload)} over HTTP: the body {short(body)} does not "
                               "describe the new link")
                codes.append(got.get("code"))
            for (url, _), code in zip(links, codes):
                conn.request("GET", f"/{code}")
                r = conn.getresponse()
                r.read()
                if r.status != 302 or r.getheader("Location") != url:
                    raise Fail(f"GET /{code} over HTTP: expected 302 to {url}, got {r.status} "
                               f"Location {r.getheader('Location')!r}")
            nope = rand_code()
            conn.request("GET", f"/{nope}")
            r = conn.getresponse()
            r.read()
            if r.status != 404:
                raise Fail(f"GET /{nope} over HTTP: expected 404, got {r.status}")
        except (OSError, http.client.HTTPException) as e:
            raise Fail(f"talking to the server on 127.0.0.1:{state['port']} failed: {type(e).__name__}: {e}")
        finally:
            conn.close()

    def port_taken():
        blocker = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        port = blocker.getsockname()[1]
        proc = start_server(port, new_db())
        try:
            try:
                proc.wait(START_WAIT)
            except subprocess.TimeoutExpired:
                raise Fail(f"port {port} was already in use, but serve.py --port {port} was still running after "
                           f"{START_WAIT:.0f} s; it must print an error and exit with status 1")
            err = proc.stderr.read().decode(errors="replace")
            if proc.returncode != 1:
                raise Fail(f"port {port} in use: expected exit status 1, got {proc.returncode}; stderr:\n{err[-600:]}")
            if "Traceback" in err or str(port) not in err:
                raise Fail(f"port {port} in use: expected a one-line error on stderr that names the port, not a "
                           f"traceback; got:\n{err[-600:]}")
        finally:
            stop(proc)
            blocker.close()

    def finish():
        proc = state.get("proc")
        if proc is None:
            raise Fail("the server did not start")
        stop(proc)

    return [("serve.py --port 0 starts and prints its address", starts),
            ("create, redirect and 404 over real HTTP", talk),
            ("a port in use gives a clear error and exit status 1", port_taken)], finish


GROUPS = {"create": group_create, "redirect": group_redirect, "not-found": group_not_found,
          "validation": group_validation, "methods": group_methods, "restart": group_restart, "live": group_live}


def main():
    name = sys.argv[1]
    built = GROUPS[name](None)
    cases, cleanup = built if isinstance(built, tuple) else (built, None)
    t = Tap([d for d, _ in cases])
    mod = t.load("app")
    built = GROUPS[name](mod)
    cases, cleanup = built if isinstance(built, tuple) else (built, None)
    try:
        for _, fn in cases:
            t.case(fn)
    finally:
        if cleanup:
            try:
                cleanup()
            except Exception:
                pass
    t.finish()


main()
