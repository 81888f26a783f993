"""Checks for the reverse-proxy nginx.conf. usage: check_proxy.py structure|proxy|details

The real nginx reads the file first (`nginx -t`, its message shown as it
prints it); the forwarded headers are then checked on the wire, nginx
running on the check's loopback in front of two app servers this check
runs on 127.0.0.1:8000 and :8001. nginxconf.py still answers the questions
nginx cannot be asked from outside (which block holds what), with messages
that name the learner's blocks.
"""
import http.client
import http.server
import os
import sys
import threading

from taplib import Tap
import nginxconf as nx
import nginxrun
from services import ServiceError



def load(tap):
    err = nginxrun.test("nginx.conf")
    if err:
        tap.fail_rest(err)
        tap.finish()
    try:
        return nx.load("nginx.conf")
    except nx.ConfigError as exc:
        tap.fail_rest(f"nginx.conf does not parse: {exc}")
        tap.finish()


def shop_server(root):
    for s in nx.servers(root):
        if nx.listens_on(s, 80) and "shop.example.com" in nx.server_names(s):
            return s
    return None


def headers_of(node):
    out = {}
    for d in nx.effective_array(node, "proxy_set_header"):
        if len(d.args) == 2:
            out[d.args[0].lower()] = d.args[1]
    return out


def structure(tap, root):
    def blocks():
        names = [d.name for d in root.block]
        if "events" not in names or "http" not in names:
            return f"the top level needs an events {{}} and an http {{}} block; found {names}"
    tap.test("top level has events {} and http {}", blocks)

    def server():
        if not shop_server(root):
            return ("http {} needs a server {} with 'listen 80;' and 'server_name shop.example.com;'; found "
                    + str([(nx.listens(s), nx.server_names(s)) for s in nx.servers(root)]))
    tap.test("a server listens on port 80 for shop.example.com", server)


def proxy(tap, root):
    s = shop_server(root)
    h = nx.http(root)

    def upstream():
        ups = [u for u in (h.children("upstream") if h else []) if u.args == ["app"]]
        if not ups:
            return "define the app servers in http {} as: upstream app { server 127.0.0.1:8000; server 127.0.0.1:8001; }"
        servers = {d.args[0] for d in ups[0].children("server") if d.args}
        want = {"127.0.0.1:8000", "127.0.0.1:8001"}
        if servers != want:
            return f"upstream app should list exactly {sorted(want)}, found {sorted(servers)}"
    tap.test("upstream app lists 127.0.0.1:8000 and 127.0.0.1:8001", upstream)

    def proxy_pass():
        loc = nx.location(s, "/") if s else None
        if loc is None:
            return "the shop server needs a 'location / { ... }'"
        pp = loc.first("proxy_pass")
        if pp is None or pp.args not in (["http://app"], ["http://app/"]):
            return f"location / should proxy_pass to the upstream: 'proxy_pass http://app;', found {pp!r}"
    tap.test("location / proxies to http://app", proxy_pass)

    def forwarded():
        seen = []

        class App(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                seen.append({k.lower(): v for k, v in self.headers.items()})
                body = b"app"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        apps = [http.server.ThreadingHTTPServer(("127.0.0.1", port), App) for port in (8000, 8001)]
        for a in apps:
            threading.Thread(target=a.serve_forever, daemon=True).start()
        want = {"host": "shop.example.com", "x-real-ip": "127.0.0.1", "x-forwarded-for": "127.0.0.1",
                "x-forwarded-proto": "http"}
        try:
            with nginxrun.serve("nginx.conf"):
                c = http.client.HTTPConnection("127.0.0.1", 8080, timeout=5)
                c.request("GET", "/orders", headers={"Host": "shop.example.com"})
                status = c.getresponse().status
        except (ServiceError, OSError) as exc:
            return f"nginx did not answer: {exc}"
        finally:
            for a in apps:
                a.shutdown()
        if not seen:
            return f"GET /orders (Host: shop.example.com) never reached an app server; nginx answered {status}"
        got = seen[0]
        wrong = {k: got.get(k) for k, v in want.items() if got.get(k) != v}
        if wrong:
            note = ""
            loc = nx.location(s, "/") if s else None
            if loc is not None and any(d.parent is loc for d in nx.effective_array(loc, "proxy_set_header")):
                outer = [d for lvl in nx.chain(loc)[1:] for d in (lvl.block or []) if d.name == "proxy_set_header"]
                if outer:
                    note = ("\nnote: location / has proxy_set_header directives of its own, so the ones at the "
                            "server or http level are NOT inherited (nginx inherits array directives only by a "
                            "level that defines none)")
            return ("the request that reached the app server should carry "
                    + ", ".join(f"{k.title()}: {v}" for k, v in want.items())
                    + "; it carried " + ", ".join(f"{k.title()}: {v!r}" for k, v in wrong.items()) + note)
    tap.test("Host, X-Real-IP, X-Forwarded-For and X-Forwarded-Proto reach the app", forwarded)


def details(tap, root):
    s = shop_server(root)
    h = nx.http(root)
    loc = nx.location(s, "/") if s else None

    def keepalive():
        ups = [u for u in (h.children("upstream") if h else []) if u.args == ["app"]]
        if not ups or not ups[0].first("keepalive"):
            return "keep idle connections to the app servers open: 'keepalive 16;' in upstream app"
        if loc is None:
            return "no location /"
        ver = nx.effective(loc, "proxy_http_version")
        conn = headers_of(loc).get("connection")
        if ver is None or ver.args != ["1.1"] or conn != "":
            return ("upstream keepalive only works with 'proxy_http_version 1.1;' and "
                    "'proxy_set_header Connection \"\";' (nginx speaks HTTP/1.0 with 'Connection: close' by default); "
                    f"found proxy_http_version {ver.args if ver else None}, Connection {conn!r}")
    tap.test("upstream keepalive with HTTP/1.1 and an empty Connection header", keepalive)

    def static():
        st = nx.location(s, "/static/") if s else None
        if st is None:
            return "serve static files from disk in 'location /static/ { ... }'"
        if st.first("proxy_pass"):
            return "location /static/ must be served by nginx from disk, not proxied"
        alias, root_ = st.first("alias"), nx.effective(st, "root")
        if alias:
            if alias.args != ["/srv/shop/static/"]:
                return (f"{alias!r}: with alias, the location prefix /static/ is replaced by the alias, so both must "
                        "end with '/': alias /srv/shop/static/; (without it /static/app.css maps to "
                        "/srv/shop/staticapp.css)")
        elif not root_ or root_.args != ["/srv/shop"]:
            return "map /static/ to /srv/shop/static/ with 'alias /srv/shop/static/;' (or 'root /srv/shop;')"
    tap.test("location /static/ is served from /srv/shop/static/", static)

    def timeout():
        if loc is None:
            return "no location /"
        ct = nx.effective(loc, "proxy_connect_timeout")
        secs = nx.seconds(ct.args[0]) if ct and ct.args else None
        if secs is None or secs > 10:
            return ("a dead app server should be given up on quickly: set proxy_connect_timeout to 10s or less "
                    f"(the default is 60s); found {ct!r}")
    tap.test("proxy_connect_timeout of at most 10s", timeout)


GROUPS = {"structure": (2, structure), "proxy": (3, proxy), "details": (3, details)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    root = load(tap)
    fn(tap, root)
    tap.finish()
