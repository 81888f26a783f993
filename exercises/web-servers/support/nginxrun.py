"""The learner's nginx.conf, read and run by the real nginx (/usr/sbin/nginx).

    err = nginxrun.test("nginx.conf")     # None, or what `nginx -t` printed, as nginx prints it
    with nginxrun.serve("nginx.conf"):    # nginx on the check's loopback (services.Service)
        ...                               # HTTP on 127.0.0.1:8080 (the config's 80), 8443 (443)
    nginxrun.fetch("/path", tls=True)     # (status, {lower-case header: value}, body) on the wire
    nginxrun.make_cert(NAME)              # a self-signed certificate and key the check made

A check holds no capability, so the file is moved only where a check must
move it, each change keeping line numbers so nginx's messages point at the
learner's own lines: `listen 80`/`listen 443` become 8080/8443 (ports
below 1024 need privilege), `user` is dropped (only root may switch
user; `pid` goes under /tmp), and the http block gets its log and temporary-file paths under
/tmp (nginx's built-in ones are in /var, which a check cannot write).
"""
import http.client
import os
import re
import socket
import ssl
import subprocess

from services import Service

NGINX = "/usr/sbin/nginx"
PREFIX = "/tmp/ngx"
CONF = PREFIX + "/nginx.conf"
PORTS = {80: 8080, 443: 8443}


def _rewrite(text):
    text = re.sub(r"(?m)^(\s*)(?:user|pid)\s+[^;]*;", r"\1", text)
    text = re.sub(r"(\blisten\s+(?:\S+:)?)(80|443)\b", lambda m: m.group(1) + str(PORTS[int(m.group(2))]), text)
    paths = (f" access_log {PREFIX}/access.log; client_body_temp_path {PREFIX}/body; "
             f"proxy_temp_path {PREFIX}/proxy; fastcgi_temp_path {PREFIX}/fastcgi; "
             f"uwsgi_temp_path {PREFIX}/uwsgi; scgi_temp_path {PREFIX}/scgi; ")
    return re.sub(r"(?m)^(\s*http\s*\{)", lambda m: m.group(1) + paths, text, count=1)


def _args():
    return ["-e", PREFIX + "/error.log", "-p", PREFIX, "-c", CONF, "-g", f"pid {PREFIX}/nginx.pid;"]


def prepare(path, extra=None):
    """Write the rewritten copy of path to CONF; extra(text) may move more (certificate paths)."""
    os.makedirs(PREFIX, exist_ok=True)
    with open(path, encoding="utf-8", errors="replace") as f:
        text = _rewrite(f.read())
    if extra:
        text = extra(text)
    with open(CONF, "w") as f:
        f.write(text)


def test(path="nginx.conf", extra=None):
    """None when `nginx -t` accepts the file, else its message with our paths put back."""
    if not os.path.isfile(path):
        return f"no file named {path} in your submission"
    prepare(path, extra)
    r = subprocess.run([NGINX, "-t"] + _args(), capture_output=True, text=True, timeout=10)
    if r.returncode == 0:
        return None
    out = r.stderr.replace(CONF, path).replace(PREFIX + "/", "")
    lines = [ln for ln in out.splitlines() if "test failed" not in ln and '"user" directive' not in ln]
    return "nginx -t rejects your configuration:\n" + "\n".join(lines)


def serve(path="nginx.conf", port=8080):
    """A Service running nginx on the prepared copy (call test() first)."""
    return Service([NGINX] + _args()[:-1] + [f"pid {PREFIX}/nginx.pid; daemon off;"], name="nginx",
                   port=port, ready_within=5, memory_mb=256, processes=8, cpu_seconds=3)


def make_cert(name, crt=PREFIX + "/tls/cert.crt", key=PREFIX + "/tls/cert.key"):
    """A fresh self-signed certificate for name (P-256, valid two days), made with openssl."""
    os.makedirs(os.path.dirname(crt), exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", crt, "-days", "2", "-subj", "/CN=" + name,
                    "-addext", "subjectAltName=DNS:" + name], check=True, capture_output=True, timeout=20)
    return crt, key


def fetch(path, tls=None, port=None, host="shop.example.com", method="GET", headers=None, source=None):
    """One request on its own connection: (status, {lower-case name: value}, body). tls is an
    ssl.SSLContext (the server's name is sent and checked against host), or None for plain HTTP;
    source is the client's address (any of 127.0.0.0/8)."""
    port = port or (8443 if tls else 8080)
    sock = socket.create_connection(("127.0.0.1", port), timeout=5,
                                    source_address=(source, 0) if source else None)
    try:
        if tls:
            sock = tls.wrap_socket(sock, server_hostname=host)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        r = http.client.HTTPResponse(sock, method=method)
        r.begin()
        body = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body
    finally:
        sock.close()


def tls_context(cafile, version=None):
    """A client context trusting only cafile, pinned to one TLS version if given."""
    ctx = ssl.create_default_context(cafile=cafile)
    if version:
        ctx.minimum_version = ctx.maximum_version = version
    return ctx
