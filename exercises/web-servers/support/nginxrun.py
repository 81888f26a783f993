"""The learner's nginx.conf, read and run by the real nginx (/usr/sbin/nginx).

    err = nginxrun.test("nginx.conf")     # None, or what `nginx -t` printed, as nginx prints it
    with nginxrun.serve("nginx.conf"):    # nginx on the check's loopback (services.Service)
        ...                               # HTTP on 127.0.0.1:8080 (the config's 80), 8443 (443)

A check holds no capability, so the file is moved only where a check must
move it, each change keeping line numbers so nginx's messages point at the
learner's own lines: `listen 80`/`listen 443` become 8080/8443 (ports
below 1024 need privilege), `user` is dropped (only root may switch
user; `pid` goes under /tmp), and the http block gets its log and temporary-file paths under
/tmp (nginx's built-in ones are in /var, which a check cannot write).
"""
import os
import re
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
