"""Run a check's command while a real server runs beside it in the same check.

usage: python3 tests/with_service.py CMD [ARG...]

t9996 reruns the attack suite with every check's command wrapped in this:
a Redis (checklib/services.py) is started on a Unix socket in the check's
temporary directory (no network needed, so "network": "none" checks get it
too), then this process becomes CMD (exec): the attack keeps the check's
place (its parent is the check's init, its stdin, stdout and stderr are the
check's, its exit is the check's), and the Redis, its child now, is left
for the sandbox to end with the check - which is itself under test.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from services import Service  # noqa: E402

TMP = os.environ.get("TMPDIR", "/tmp")
SOCK = os.path.join(TMP, "rr-attack-redis.sock")

svc = Service(["/usr/bin/redis-server", "--port", "0", "--unixsocket", SOCK, "--save", "",
               "--appendonly", "no", "--dir", TMP, "--daemonize", "no"],
              name="redis", socket=SOCK, ready_within=3, memory_mb=64, processes=8,
              log=os.path.join(TMP, "rr-attack-redis.log"))
svc.start()
os.execvp(sys.argv[1], sys.argv[1:])
