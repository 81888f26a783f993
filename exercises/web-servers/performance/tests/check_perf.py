"""Checks for the performance nginx.conf. usage: check_perf.py gzip|cache|limit|tuning

The real nginx reads the file (`nginx -t`, its message as it prints it), then
runs on the check's loopback in front of an app server this check runs on
127.0.0.1:8000, with /srv/shop/static/ filled by the check, and behaviour is
checked on the wire: Content-Encoding and Vary of each response, the caching
headers of static files and of the app's pages, and the answers to repeated
login attempts (which reach the app, which are refused, with which status).
nginxconf.py still answers what a check cannot see in its few seconds: the
zone's rate (a few requests per minute) and the worker tuning, with messages
that name the learner's directives.
"""
import gzip as gz
import http.server
import os
import re
import sys
import threading

from taplib import Tap
import nginxconf as nx
import nginxrun
from services import ServiceError

WEEK = 7 * 86400
NAME = "shop.example.com"
STATIC = "/srv/shop/static/"
MOVED = nginxrun.PREFIX + "/static/"
TOKEN = os.urandom(6).hex()  # in every body: a canned answer cannot know it


def text(n, kind):
    line = f"{kind} {TOKEN} lorem ipsum dolor sit amet, consectetur adipiscing elit\n"
    return (line * (n // len(line) + 1))[:n].encode()


# what the app answers (path: (content type, body)) and what /static/ holds
APP = {"/": ("text/html", text(4096, "<p>page</p>")),
       "/api/data": ("application/json", text(4096, '"data"')),
       "/api/tiny": ("application/json", text(255, '"tiny"')),
       "/login": ("text/html", text(2048, "<form>login</form>"))}
FILES = {"app.css": text(4096, "body{}"), "app.js": text(4096, "let x;"), "logo.svg": text(4096, "<svg/>"),
         "photo.png": os.urandom(4096), "font.woff2": os.urandom(4096), "bundle.zip": os.urandom(4096)}
hits = []


class App(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        hits.append(self.path)
        ctype, body = APP.get(self.path, ("text/plain", b"not found"))
        self.send_response(200 if self.path in APP else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def start(tap):
    os.makedirs(MOVED, exist_ok=True)
    for name, body in FILES.items():
        with open(MOVED + name, "wb") as f:
            f.write(body)
    err = nginxrun.test("nginx.conf", extra=lambda t: t.replace(STATIC, MOVED))
    if err:
        tap.fail_rest(err)
        tap.finish()
    try:
        root = nx.load("nginx.conf")
    except nx.ConfigError as exc:
        root = None
        parse_error = str(exc)
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 8000), App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    try:
        svc = nginxrun.serve("nginx.conf").__enter__()
    except ServiceError as exc:
        tap.fail_rest(f"nginx did not start: {exc}")
        tap.finish()
    if root is None:
        tap.fail_rest(f"nginx.conf: {parse_error}")
        tap.finish()
    return svc, root


def get(path, **kw):
    return nginxrun.fetch(path, headers={"Accept-Encoding": "gzip"}, **kw)


def body_of(path):
    return APP[path][1] if path in APP else FILES[path[len("/static/"):]]


def gzipped(path):
    """Whether nginx compressed path, after checking the body is the real one."""
    status, h, body = get(path)
    if status != 200:
        raise AssertionError(f"GET {path} answered {status}, not 200")
    enc = h.get("content-encoding", "")
    if enc == "gzip":
        try:
            body = gz.decompress(body)
        except (OSError, EOFError) as exc:
            raise AssertionError(f"GET {path} says Content-Encoding: gzip, but its body is not gzip data ({exc})")
    if body != body_of(path):
        raise AssertionError(f"GET {path} did not answer with the app's or the file's content")
    return enc == "gzip", h


def gzip(tap, root):
    def on():
        z, _ = gzipped("/")
        if not z:
            return "GET / (HTML from the app, 4 KiB) came back uncompressed: turn compression on with 'gzip on;' in http {}"
    tap.test("gzip on: the app's HTML comes back gzip-compressed", on)

    def types():
        for path in ("/static/app.css", "/static/app.js", "/api/data", "/static/logo.svg"):
            z, h = gzipped(path)
            if not z:
                return (f"GET {path} ({h.get('content-type')}) came back uncompressed: gzip only compresses "
                        "text/html unless gzip_types lists more (text/css application/javascript "
                        "application/json image/svg+xml)")
        for path in ("/static/photo.png", "/static/font.woff2", "/static/bundle.zip"):
            z, h = gzipped(path)
            if z:
                return (f"GET {path} ({h.get('content-type')}) was gzip-compressed: don't gzip formats that are "
                        "already compressed (images, fonts, archives), nor '*'")
    tap.test("CSS, JavaScript, JSON and SVG are compressed, PNG, WOFF2 and ZIP are not", types)

    def small_and_vary():
        z, _ = gzipped("/api/tiny")
        if z:
            return ("GET /api/tiny (a 255-byte JSON answer) was compressed: compressing a few bytes makes them "
                    "bigger and costs CPU; set gzip_min_length 256; (or more)")
        _, h = gzipped("/static/app.css")
        if "accept-encoding" not in h.get("vary", "").lower():
            return ("compressed responses carry no 'Vary: Accept-Encoding': set 'gzip_vary on;' so caches keep "
                    "compressed and uncompressed copies apart")
    tap.test("no gzip below 256 bytes, and Vary: Accept-Encoding", small_and_vary)


def max_age(h):
    cc = h.get("cache-control", "").lower()
    m = re.search(r"max-age=(\d+)", cc)
    return cc, int(m.group(1)) if m else None


def cache(tap, root):
    def static_cached():
        status, h, body = get("/static/app.css")
        if status != 200 or (gz.decompress(body) if h.get("content-encoding") == "gzip" else body) != FILES["app.css"]:
            return f"GET /static/app.css answered {status} without the file from {STATIC}: keep the starter's location /static/"
        cc, age = max_age(h)
        forbids = [t for t in ("no-store", "no-cache") if re.search(r"(^|[\s,])" + t + r"\b", cc)]
        if forbids:
            return (f"/static/app.css is sent with Cache-Control: {cc}: {forbids[0]} tells caches not to keep (or "
                    "not to reuse) the response, whatever its max-age; use 'public, max-age=...' or expires")
        if age is None or age < WEEK:
            return (f"/static/app.css is sent with Cache-Control {cc or 'none'!r}: static assets should be cacheable "
                    "for at least 7 days: 'expires 30d;' (or add_header Cache-Control \"public, max-age=2592000\";)")
    tap.test("/static/ is cacheable for at least 7 days", static_cached)

    def dynamic_not_cached():
        for path in ("/", "/login"):
            status, h, _ = get(path)
            cc, age = max_age(h)
            if (age or 0) > 0 or "immutable" in cc or "expires" in h and h["expires"] != "Thu, 01 Jan 1970 00:00:01 GMT":
                return (f"GET {path} is sent with Cache-Control {cc!r}, Expires {h.get('expires')!r}: the app's pages "
                        "(and the login form) must not be cached; put the caching in location /static/ only")
    tap.test("the caching applies to /static/ only, not to the app's pages", dynamic_not_cached)


def attempts(n, source=None):
    """n GETs of /login: their statuses, and how many reached the app."""
    before = hits.count("/login")
    statuses = []
    for _ in range(n):
        try:
            statuses.append(get("/login", source=source)[0])
        except TimeoutError:
            statuses.append("timeout")
    return statuses, hits.count("/login") - before


def parse_rate(text):
    m = re.fullmatch(r"rate=(\d+)r/(s|m)", text)
    if not m:
        return None
    return int(m.group(1)) * (60 if m.group(2) == "s" else 1)


def limit(tap, root):
    h = nx.http(root)
    zones = {}
    for d in (h.children("limit_req_zone") if h else []):
        z = next((a for a in d.args if a.startswith("zone=")), None)
        if z:
            zones[z[5:].split(":")[0]] = d
    statuses, reached = attempts(15)
    refused = [s for s in statuses if s != 200]

    def zone():
        d = zones.get("login")
        if d is None:
            return ("define the zone in http {}: limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m; "
                    f"found zones {sorted(zones) or 'none'}")
        if not d.args or d.args[0] != "$binary_remote_addr":
            return (f"{d!r}: key the zone by $binary_remote_addr (4 or 16 bytes per client, where "
                    "$remote_addr takes up to 39 as text)")
        rate = next((parse_rate(a) for a in d.args if a.startswith("rate=")), None)
        if rate is None:
            return f"{d!r}: set a rate such as rate=5r/m"
        if rate > 10:
            return f"{d!r}: {rate} requests per minute is too many login attempts; allow at most 10r/m"
        if refused:
            other, _ = attempts(1, source="127.0.0.2")
            if other != [200]:
                return ("after 15 attempts from 127.0.0.1, the first from 127.0.0.2 was refused too "
                        f"({other[0]}): the limit must count each client address apart")
    tap.test("limit_req_zone 'login' keyed by $binary_remote_addr, at most 10r/m", zone)

    def applied():
        if "timeout" in statuses:
            return ("a login attempt got no answer within 5 s: without 'nodelay', attempts within the burst are "
                    "queued, not answered; use limit_req zone=login burst=5 nodelay;")
        if statuses[0] != 200 or reached == 0:
            return (f"the first login attempt answered {statuses[0]} and {reached} reached the app: the first "
                    "attempts must go through to the app (proxy_pass http://app;), only the ones past the limit "
                    "are refused")
        if not refused:
            return ("15 quick login attempts from one address all went through: the zone is defined but never "
                    "used; add 'limit_req zone=login burst=5 nodelay;' in location = /login")
        if statuses.count(200) > 11:
            return (f"{statuses.count(200)} of 15 quick attempts went through before the first refusal: a burst of "
                    "more than 10 defeats the limit")
        if reached != statuses.count(200):
            return f"{statuses.count(200)} attempts answered 200 but {reached} reached the app: proxy them all"
        rest = [get("/")[0] for _ in range(15)]
        if any(s != 200 for s in rest):
            return f"15 quick GETs of / answered {rest}: limit /login only, not the app's pages"
    tap.test("location = /login: the first attempts reach the app, then at most 10 more, the rest are refused", applied)

    def status():
        if not refused:
            return "no attempt was refused (see the test above)"
        if any(s != 429 for s in refused):
            return (f"refused attempts answered {sorted(set(map(str, refused)))}: 503 Service Unavailable (the "
                    "default) looks like an outage; set limit_req_status 429; (Too Many Requests)")
    tap.test("rejected requests get 429, not 503", status)


def tuning(tap, root):
    def workers():
        wp = root.first("worker_processes")
        if wp is None or wp.args != ["auto"]:
            return f"use 'worker_processes auto;' (one worker per CPU core) at the top level; found {wp!r}"
    tap.test("worker_processes auto", workers)

    def connections():
        ev = root.first("events")
        wc = ev.first("worker_connections") if ev else None
        n = int(wc.args[0]) if wc and wc.args and wc.args[0].isdigit() else 512
        if n < 1024:
            return f"worker_connections is {n}: raise it to at least 1024 (each proxied request uses two connections)"
    tap.test("worker_connections of at least 1024", connections)

    def keepalive():
        h = nx.http(root)
        ka = nx.effective(h, "keepalive_timeout") if h else None
        secs = nx.seconds(ka.args[0]) if ka and ka.args else 75
        if secs is None or not 0 < secs <= 75:
            return f"keepalive_timeout should be between 1s and 75s; found {ka!r}"
        server = get("/")[1].get("server", "")
        if server != "nginx":
            return (f"responses carry 'Server: {server}': set 'server_tokens off;' so error pages and the Server "
                    "header don't reveal the nginx version")
        sf = nx.effective(h, "sendfile") if h else None
        if sf is None or sf.args != ["on"]:
            return "set 'sendfile on;' so static files are sent by the kernel without copies through nginx"
    tap.test("keepalive_timeout at most 75s, server_tokens off, sendfile on", keepalive)


GROUPS = {"gzip": (3, gzip), "cache": (2, cache), "limit": (3, limit), "tuning": (3, tuning)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    svc, root = start(tap)
    try:
        fn(tap, root)
    finally:
        svc.__exit__(None, None, None)
    tap.finish()
