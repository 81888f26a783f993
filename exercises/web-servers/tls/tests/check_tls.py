"""Checks for the TLS nginx.conf. usage: check_tls.py redirect|tls|hsts

The real nginx reads the file (`nginx -t`, its message as it prints it), then
runs on the check's loopback with a certificate this check makes with
openssl, and every rule about behaviour is checked on the wire: the
redirects port 80 sends, the TLS handshake (certificate, name, version) and
the headers of HTTPS responses. Only ssl_protocols is read from the file
(nginxconf.py): this machine's OpenSSL refuses TLSv1 and TLSv1.1 whatever
nginx is told, so a handshake cannot show that the configuration allows
them, and a server with another OpenSSL would accept them.
"""
import os
import socket
import ssl
import sys
import time
import urllib.parse

from taplib import Tap
import nginxconf as nx
import nginxrun
from services import ServiceError

NAME = "shop.example.com"
CERT = "/etc/nginx/tls/shop.example.com.crt"
KEY = "/etc/nginx/tls/shop.example.com.key"
HALF_YEAR = 15768000
SITE = "/srv/shop/public"
PUBLIC = nginxrun.PREFIX + "/public"
# a marker made per run: a configuration that answers with canned text cannot know it
HOME = b"<h1>shop.example.com home " + os.urandom(8).hex().encode() + b"</h1>"
# the paths every test asks for: the site, an asset, a download, a missing page
PATHS = ["/", "/index.html", "/assets/app.css", "/downloads/report.pdf", "/no/such/page?x=1"]


def site():
    """The files the config's root /srv/shop/public serves, under /tmp."""
    for rel, body in (("index.html", HOME), ("assets/app.css", b"body{color:#333}\n" * 20),
                      ("downloads/report.pdf", b"%PDF-1.4 report\n")):
        path = os.path.join(PUBLIC, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body)


def move_paths(text):
    """The certificate, key and site the prompt names, moved to the ones this check made."""
    return (text.replace(CERT, nginxrun.PREFIX + "/tls/cert.crt").replace(KEY, nginxrun.PREFIX + "/tls/cert.key")
            .replace(SITE, PUBLIC))


def start(tap):
    crt, _ = nginxrun.make_cert(NAME)
    site()
    err = nginxrun.test("nginx.conf", extra=move_paths)
    if err:
        tap.fail_rest(err)
        tap.finish()
    try:
        svc = nginxrun.serve("nginx.conf").__enter__()
    except ServiceError as exc:
        tap.fail_rest(f"nginx did not start: {exc}")
        tap.finish()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:  # port 443 (8443 here) may open just after port 80
        try:
            socket.create_connection(("127.0.0.1", 8443), timeout=1).close()
            break
        except OSError:
            time.sleep(0.02)
    return svc, crt


def plain(path):
    return nginxrun.fetch(path)


def secure(crt, path, version=None):
    return nginxrun.fetch(path, tls=nginxrun.tls_context(crt, version))


def redirect(tap, crt):
    def answers():
        try:
            plain("/")
        except OSError as exc:
            return (f"nothing answers on port 80 ({exc}): keep a server with 'listen 80;' for {NAME}; "
                    "it must redirect plain-HTTP visitors")
    tap.test(f"a server still answers on port 80 for {NAME}", answers)

    def target():
        path = "/orders/42?page=2"
        try:
            status, h, _ = plain(path)
        except OSError as exc:
            return f"GET http://{NAME}{path}: {exc}"
        if status not in (301, 308):
            return (f"GET http://{NAME}{path} answered {status}; use a permanent redirect, 301 (or 308), so "
                    "browsers and search engines remember the HTTPS address (302 is temporary)")
        loc = h.get("location", "")
        u = urllib.parse.urlsplit(loc)
        if u.scheme != "https" or u.hostname != NAME or u.port not in (None, 443) or \
                (u.path or "/") + ("?" + u.query if u.query else "") != path:
            return (f"GET http://{NAME}{path} redirected to {loc!r}; redirect to the same host and path over "
                    f"HTTPS: https://{NAME}{path} (return 301 https://$host$request_uri; without "
                    "$request_uri every page lands on the home page)")
    tap.test("it redirects permanently to https://$host$request_uri", target)

    def nothing_else():
        for path in PATHS:
            try:
                status, h, _ = plain(path)
            except OSError as exc:
                return f"GET http://{NAME}{path}: {exc}"
            if status not in (301, 308) or not h.get("location", "").startswith("https://"):
                return (f"GET http://{NAME}{path} answered {status} without redirecting to HTTPS: the port-80 "
                        "server must serve nothing over plain HTTP; put 'return 301 https://$host$request_uri;' "
                        "at the server level")
    tap.test("the port-80 server serves no content itself", nothing_else)


def tls(tap, crt):
    def handshake():
        try:
            secure(crt, "/")
        except ssl.SSLError as exc:
            return f"the TLS handshake on port 443 for {NAME} failed: {exc}"
        except OSError as exc:
            return f"nothing answers on port 443 ({exc}): add a server with 'listen 443 ssl;' and 'server_name {NAME};'"
    tap.test(f"port 443 speaks TLS for {NAME}", handshake)

    def serves_site():
        try:
            status, _, body = secure(crt, "/")
        except OSError as exc:
            return f"GET https://{NAME}/: {exc}"
        if status != 200 or HOME not in body:
            return (f"GET https://{NAME}/ answered {status} without the site's home page: the HTTPS server must "
                    f"serve the site (root {SITE}; and the starter's location /), requirement 4")
    tap.test(f"it serves the site from {SITE}", serves_site)

    def certs():
        sock = None
        try:
            ctx = ssl.create_default_context()
            ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
            sock = ctx.wrap_socket(socket.create_connection(("127.0.0.1", 8443), timeout=5), server_hostname=NAME)
            got = sock.getpeercert(binary_form=True)
        except OSError as exc:
            return f"no TLS on port 443: {exc}"
        finally:
            if sock:
                sock.close()
        with open(crt) as f:
            want = ssl.PEM_cert_to_DER_cert(f.read())
        if got != want:
            return f"the server presents another certificate than {CERT}: set ssl_certificate {CERT}; and ssl_certificate_key {KEY};"
    tap.test("it presents the certificate of ssl_certificate / ssl_certificate_key", certs)

    def protocols():
        try:
            secure(crt, "/", ssl.TLSVersion.TLSv1_3)
        except OSError as exc:
            return f"a TLSv1.3 handshake failed ({exc}): enable TLSv1.3, it is faster (one round trip less) and safer"
        try:
            root = nx.load("nginx.conf")
        except nx.ConfigError as exc:
            return f"nginx.conf: {exc}"
        srv = next((s for s in nx.servers(root) if nx.listens_on(s, 443, ssl=True) and NAME in nx.server_names(s)), None)
        p = nx.effective(srv, "ssl_protocols") if srv else None
        if p is None:
            return ("set ssl_protocols explicitly for the HTTPS server: nginx's default still enables TLSv1 and "
                    "TLSv1.1 (deprecated by RFC 8996)")
        bad = [x for x in p.args if x not in ("TLSv1.2", "TLSv1.3")]
        if bad:
            return f"{p!r}: {bad} must be off (SSLv3, TLSv1 and TLSv1.1 are broken or deprecated)"
    tap.test("TLSv1.3 works, and ssl_protocols allows TLSv1.2 and TLSv1.3 only", protocols)


def hsts_age(h):
    v = h.get("strict-transport-security")
    if v is None:
        return None
    for part in v.split(";"):
        k, _, val = part.strip().partition("=")
        if k.lower() == "max-age" and val.strip('"').isdigit():
            return int(val.strip('"'))
    return 0


def hsts(tap, crt):
    def header():
        for path in ("/", "/no/such/page"):
            try:
                status, h, _ = secure(crt, path)
            except OSError as exc:
                return f"GET https://{NAME}{path}: {exc}"
            age = hsts_age(h)
            if age is None:
                return (f"GET https://{NAME}{path} ({status}) has no Strict-Transport-Security header: "
                        "add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;"
                        + (" ('always' adds it to error responses too)" if path != "/" else ""))
            if age < HALF_YEAR:
                return f"max-age={age} is too short; use at least {HALF_YEAR} (six months), typically 31536000"
    tap.test("HSTS with max-age of at least six months, on errors too", header)

    def every_location():
        try:
            status, h, _ = secure(crt, "/downloads/report.pdf")
        except OSError as exc:
            return f"GET https://{NAME}/downloads/report.pdf: {exc}"
        if not h.get("content-disposition", "").startswith("attachment"):
            return (f"GET https://{NAME}/downloads/report.pdf ({status}) has no 'Content-Disposition: attachment': "
                    "add location /downloads/ { add_header Content-Disposition \"attachment\"; } (requirement 8)")
        for path in PATHS:
            _, h, _ = secure(crt, path)
            if (hsts_age(h) or 0) < HALF_YEAR:
                return (f"GET https://{NAME}{path} has no Strict-Transport-Security: a location with an add_header "
                        "of its own inherits none from the server, so repeat the HSTS add_header inside it")
    tap.test("/downloads/ sends Content-Disposition, and HSTS reaches every location", every_location)


GROUPS = {"redirect": (3, redirect), "tls": (4, tls), "hsts": (2, hsts)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    svc, crt = start(tap)
    try:
        fn(tap, crt)
    finally:
        svc.__exit__(None, None, None)
    tap.finish()
