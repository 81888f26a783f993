"""Checks for the TLS nginx.conf. usage: check_tls.py redirect|tls|hsts"""
import os
import re
import sys

from taplib import Tap
import nginxconf as nx

NAME = "shop.example.com"
CERT = "/etc/nginx/tls/shop.example.com.crt"
KEY = "/etc/nginx/tls/shop.example.com.key"
HALF_YEAR = 15768000
SITE = "/srv/shop/public"


def load(tap):
    if not os.path.isfile("nginx.conf"):
        tap.fail_rest("no file named nginx.conf in your submission")
        tap.finish()
    try:
        return nx.load("nginx.conf")
    except nx.ConfigError as exc:
        tap.fail_rest(f"nginx.conf does not parse: {exc}")
        tap.finish()


def server_on(root, port, ssl):
    for s in nx.servers(root):
        if nx.listens_on(s, port, ssl=ssl) and NAME in nx.server_names(s):
            return s
    return None


def redirect(tap, root):
    plain = server_on(root, 80, False)

    def exists():
        if plain is None:
            return f"keep a server on port 80 for {NAME}: it must redirect plain-HTTP visitors"
    tap.test(f"a server still listens on port 80 for {NAME}", exists)

    def target():
        if plain is None:
            return "no port-80 server"
        ret = plain.first("return")
        if ret is None:
            loc = nx.location(plain, "/")
            ret = loc.first("return") if loc else None
        if ret is None:
            return "the port-80 server should answer every request with 'return 301 https://$host$request_uri;'"
        if not ret.args or ret.args[0] not in ("301", "308"):
            return (f"{ret!r}: use a permanent redirect, 301 (or 308), so browsers and search engines remember "
                    "the HTTPS address; 302 is temporary")
        url = ret.args[1] if len(ret.args) > 1 else ""
        if not re.fullmatch(r"https://(\$host|\$server_name|" + re.escape(NAME) + r")\$request_uri", url):
            return (f"{ret!r}: redirect to the same host and path over HTTPS: https://$host$request_uri "
                    "(without $request_uri every page lands on the home page)")
    tap.test("it redirects permanently to https://$host$request_uri", target)

    def redirects(block):
        return any(r.args and r.args[0] in ("301", "308") for r in block.children("return"))

    def nothing_else():
        if plain is None:
            return "no port-80 server"
        for d in nx.walk(plain):
            if d.name in ("proxy_pass", "try_files", "fastcgi_pass", "uwsgi_pass"):
                return f"{d!r}: the port-80 server must not serve content over plain HTTP, only redirect"
        if not redirects(plain):
            # without a server-wide return, every location must redirect, or it serves files
            for loc in nx.locations(plain):
                if not redirects(loc):
                    return (f"{loc!r} does not redirect, so it serves files over plain HTTP; put "
                            "'return 301 https://$host$request_uri;' at the server level")
    tap.test("the port-80 server serves no content itself", nothing_else)


def tls(tap, root):
    secure = server_on(root, 443, True)

    def listen():
        if secure is None:
            return f"add a server with 'listen 443 ssl;' and 'server_name {NAME};'"
    tap.test(f"a server listens on 443 with ssl for {NAME}", listen)

    def serves_site():
        if secure is None:
            return "no 443 server"
        loc = nx.location(secure, "/")
        if loc is None:
            return ("the HTTPS server has no 'location / { ... }': keep the starter's location / "
                    "so the site is served over HTTPS (requirement 4)")
        root = nx.effective(loc, "root")
        if root is None or root.args != [SITE]:
            return (f"location / (line {loc.line}) serves files from {root.args[0] if root and root.args else 'no root'}; "
                    f"the HTTPS server must serve the site: root {SITE}; (requirement 4)")
    tap.test(f"it serves the site: location / with root {SITE}", serves_site)

    def certs():
        if secure is None:
            return "no 443 server"
        cert, key = nx.effective(secure, "ssl_certificate"), nx.effective(secure, "ssl_certificate_key")
        if cert is None or cert.args != [CERT] or key is None or key.args != [KEY]:
            return (f"expected ssl_certificate {CERT} and ssl_certificate_key {KEY}; "
                    f"found {cert!r} and {key!r}")
    tap.test("the certificate and key paths are set", certs)

    def protocols():
        if secure is None:
            return "no 443 server"
        p = nx.effective(secure, "ssl_protocols")
        if p is None:
            return ("set ssl_protocols explicitly: nginx's default still enables TLSv1 and TLSv1.1 "
                    "(deprecated by RFC 8996)")
        bad = [x for x in p.args if x not in ("TLSv1.2", "TLSv1.3")]
        if bad:
            return f"{p!r}: {bad} must be off (SSLv3, TLSv1 and TLSv1.1 are broken or deprecated)"
        if "TLSv1.3" not in p.args:
            return f"{p!r}: enable TLSv1.3, it is faster (one round trip less) and safer"
    tap.test("ssl_protocols is TLSv1.2 and/or TLSv1.3 only, with TLSv1.3", protocols)


def hsts_value(d):
    if len(d.args) < 2 or d.args[0].lower() != "strict-transport-security":
        return None
    m = re.search(r"max-age=(\d+)", d.args[1])
    return (int(m.group(1)) if m else 0, d.args[-1] == "always")


def hsts(tap, root):
    secure = server_on(root, 443, True)

    def header():
        if secure is None:
            return "no 443 server"
        found = [hsts_value(d) for d in nx.effective_array(secure, "add_header") if hsts_value(d)]
        if not found:
            return ("the HTTPS server should send Strict-Transport-Security, e.g. "
                    "add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;")
        age, always = found[-1]
        if age < HALF_YEAR:
            return f"max-age={age} is too short; use at least {HALF_YEAR} (six months), typically 31536000"
        if not always:
            return "add 'always' so the header is also sent on error responses (4xx/5xx)"
    tap.test("HSTS with max-age of at least six months and 'always'", header)

    def every_location():
        if secure is None:
            return "no 443 server"
        dl = nx.location(secure, "/downloads/")
        if dl is None or not any(len(d.args) >= 2 and d.args[0].lower() == "content-disposition"
                                 and d.args[1].startswith("attachment") for d in nx.effective_array(dl, "add_header")):
            return "add location /downloads/ { ... } with add_header Content-Disposition \"attachment\"; (requirement 8)"
        lost = []
        for loc in nx.locations(secure):
            if not any(hsts_value(d) and hsts_value(d)[0] >= HALF_YEAR for d in nx.effective_array(loc, "add_header")):
                lost.append(f"location {' '.join(loc.args)} (line {loc.line})")
        if lost:
            return ("these locations have add_header directives of their own, so the server's "
                    "Strict-Transport-Security is not inherited there: " + ", ".join(lost) +
                    "\nrepeat the HSTS add_header inside them (or move their headers elsewhere)")
    tap.test("/downloads/ sends Content-Disposition, and HSTS reaches every location", every_location)


GROUPS = {"redirect": (3, redirect), "tls": (4, tls), "hsts": (2, hsts)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    root = load(tap)
    fn(tap, root)
    tap.finish()
