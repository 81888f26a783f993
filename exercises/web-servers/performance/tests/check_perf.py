"""Checks for the performance nginx.conf. usage: check_perf.py gzip|cache|limit|tuning"""
import os
import re
import sys

from taplib import Tap
import nginxconf as nx

WEEK = 7 * 86400


def load(tap):
    if not os.path.isfile("nginx.conf"):
        tap.fail_rest("no file named nginx.conf in your submission")
        tap.finish()
    try:
        return nx.load("nginx.conf")
    except nx.ConfigError as exc:
        tap.fail_rest(f"nginx.conf does not parse: {exc}")
        tap.finish()


def shop(root):
    for s in nx.servers(root):
        if "shop.example.com" in nx.server_names(s):
            return s
    return None


def gzip(tap, root):
    s = shop(root)
    loc = nx.location(s, "/") if s else None

    def on():
        g = nx.effective(loc, "gzip") if loc else None
        if g is None or g.args != ["on"]:
            return f"turn compression on: 'gzip on;' in http {{}}; found {g!r}"
    tap.test("gzip on", on)

    def types():
        d = nx.effective(loc, "gzip_types") if loc else None
        have = set(d.args) if d else set()
        want = {"text/css", "application/javascript", "application/json", "image/svg+xml"}
        missing = sorted(want - have)
        if missing:
            return (f"gzip only compresses text/html unless gzip_types lists more; missing {missing}"
                    f" (found {sorted(have) or 'none'})")
        wasted = sorted(t for t in have if t.startswith(("image/png", "image/jpeg", "image/webp", "image/gif", "video/"))
                        or t in ("application/zip", "application/gzip", "font/woff2"))
        if wasted or "*" in have:
            return f"don't gzip formats that are already compressed: {wasted or ['*']}"
    tap.test("gzip_types covers CSS, JavaScript, JSON and SVG, and no compressed formats", types)

    def small_and_vary():
        ml = nx.effective(loc, "gzip_min_length") if loc else None
        size = nx.size_bytes(ml.args[0]) if ml and ml.args else 20
        if size is None:
            return f"{ml!r}: gzip_min_length takes a size in bytes, such as 256 or 1k"
        if size < 256:
            return (f"gzip_min_length is {size}: compressing responses of a few bytes makes them bigger and costs "
                    "CPU; use at least 256")
        gv = nx.effective(loc, "gzip_vary") if loc else None
        if gv is None or gv.args != ["on"]:
            return "set 'gzip_vary on;' so caches keep compressed and uncompressed copies apart (Vary: Accept-Encoding)"
    tap.test("gzip_min_length of at least 256 and gzip_vary on", small_and_vary)


def cache(tap, root):
    s = shop(root)
    st = nx.location(s, "/static/") if s else None

    def static_cached():
        if st is None:
            return "keep the 'location /static/' of the starter"
        exp = nx.effective(st, "expires")
        if exp is not None and exp.args:
            secs = nx.seconds(exp.args[-1])
            if exp.args[-1] in ("off", "epoch") or secs is None or secs < WEEK:
                return f"{exp!r}: static assets should be cached for at least 7 days (e.g. expires 30d;)"
            return None
        for d in nx.effective_array(st, "add_header"):
            if len(d.args) >= 2 and d.args[0].lower() == "cache-control":
                forbids = [t for t in ("no-store", "no-cache") if re.search(r"(^|[\s,])" + t + r"\b", d.args[1].lower())]
                if forbids:
                    return (f"{d!r}: {forbids[0]} tells caches not to keep (or not to reuse) the response, "
                            "whatever its max-age; static assets must be cacheable: 'public, max-age=...'")
                m = re.search(r"max-age=(\d+)", d.args[1])
                if m and int(m.group(1)) >= WEEK:
                    return None
        return ("location /static/ sends no caching headers: add 'expires 30d;' (or "
                "add_header Cache-Control \"public, max-age=2592000\";), at least 7 days")
    tap.test("/static/ is cacheable for at least 7 days", static_cached)

    def dynamic_not_cached():
        if s is None:
            return "no shop server"
        for loc in s.children("location"):
            if loc.args in (["/"], ["=", "/login"]):
                exp = nx.effective(loc, "expires")
                if exp is not None and exp.args and exp.args[-1] not in ("off", "epoch"):
                    secs = nx.seconds(exp.args[-1])
                    if secs is None or secs > 0:
                        return f"{exp!r} also applies to location {' '.join(loc.args)}: dynamic pages must not be cached for long"
                for d in nx.effective_array(loc, "add_header"):
                    if len(d.args) >= 2 and d.args[0].lower() == "cache-control":
                        m = re.search(r"max-age=(\d+)", d.args[1])
                        if (m and int(m.group(1)) > 0) or "immutable" in d.args[1]:
                            return (f"{d!r} also applies to location {' '.join(loc.args)}: the app's pages (and the "
                                    "login form) must not be cached; put the Cache-Control header in location /static/")
        if st is None:
            return "no location /static/"
    tap.test("the caching applies to /static/ only, not to the app's pages", dynamic_not_cached)


def parse_rate(text):
    m = re.fullmatch(r"rate=(\d+)r/(s|m)", text)
    if not m:
        return None
    return int(m.group(1)) * (60 if m.group(2) == "s" else 1)


def limit(tap, root):
    h = nx.http(root)
    s = shop(root)
    login = nx.location(s, "=", "/login") if s else None
    zones = {}
    for d in (h.children("limit_req_zone") if h else []):
        z = next((a for a in d.args if a.startswith("zone=")), None)
        if z:
            zones[z[5:].split(":")[0]] = d

    def zone():
        d = zones.get("login")
        if d is None:
            return ("define the zone in http {}: limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m; "
                    f"found zones {sorted(zones) or 'none'}")
        if not d.args or d.args[0] != "$binary_remote_addr":
            return (f"{d!r}: key the zone by $binary_remote_addr (4 or 16 bytes per client, where "
                    "$remote_addr takes up to 39 as text)")
        zspec = next(a for a in d.args if a.startswith("zone="))
        if ":" not in zspec or nx.size_bytes(zspec.split(":", 1)[1]) is None:
            return f"{d!r}: give the zone a size, e.g. zone=login:10m"
        rate = next((parse_rate(a) for a in d.args if a.startswith("rate=")), None)
        if rate is None:
            return f"{d!r}: set a rate such as rate=5r/m"
        if rate > 10:
            return f"{d!r}: {rate} requests per minute is too many login attempts; allow at most 10r/m"
    tap.test("limit_req_zone 'login' keyed by $binary_remote_addr, at most 10r/m", zone)

    def applied():
        if login is None:
            return "keep the exact-match 'location = /login' of the starter"
        lr = [d for d in nx.effective_array(login, "limit_req")]
        if not lr:
            return "the zone is defined but never used: add 'limit_req zone=login burst=5 nodelay;' in location = /login"
        zs = [a[5:] for d in lr for a in d.args if a.startswith("zone=")]
        if "login" not in zs:
            return f"limit_req in location = /login must use zone=login, found {zs}"
        for d in lr:
            burst = next((a for a in d.args if a.startswith("burst=")), "burst=0")
            if not burst[6:].isdigit() or int(burst[6:]) > 10:
                return f"{d!r}: a burst of more than 10 defeats the limit"
        pp = login.first("proxy_pass")
        if pp is None or pp.args not in (["http://app"], ["http://app/"]):
            return "location = /login must still proxy_pass to http://app"
    tap.test("location = /login applies limit_req zone=login (burst at most 10)", applied)

    def status():
        if login is None:
            return "no location = /login"
        st = nx.effective(login, "limit_req_status")
        if st is None or st.args != ["429"]:
            return ("rejected requests get 503 Service Unavailable by default, which looks like an outage; "
                    f"set limit_req_status 429; (Too Many Requests). Found {st!r}")
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
        st = nx.effective(h, "server_tokens") if h else None
        if st is None or st.args != ["off"]:
            return "set 'server_tokens off;' so error pages and the Server header don't reveal the nginx version"
        sf = nx.effective(h, "sendfile") if h else None
        if sf is None or sf.args != ["on"]:
            return "set 'sendfile on;' so static files are sent by the kernel without copies through nginx"
    tap.test("keepalive_timeout at most 75s, server_tokens off, sendfile on", keepalive)


GROUPS = {"gzip": (3, gzip), "cache": (2, cache), "limit": (3, limit), "tuning": (3, tuning)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    root = load(tap)
    fn(tap, root)
    tap.finish()
