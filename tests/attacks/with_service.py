"""Run a check's command while a real server runs beside it in the same check.

usage: python3 tests/with_service.py CMD [ARG...]

t9996 reruns the attack suite with every check's command wrapped in this:
a Redis (checklib/services.py) is started on a Unix socket in the check's
/tmp (no network needed, so "network": "none" checks get it too), then CMD
runs with the check's stdin, stdout and stderr, and the wrapper ends the way
CMD ended (its exit status, or the signal that killed it), so every attack
is judged as before - with a service up while it runs.
"""
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from services import Service  # noqa: E402

SOCK = "/tmp/rr-attack-redis.sock"

svc = Service(["/usr/bin/redis-server", "--port", "0", "--unixsocket", SOCK, "--save", "",
               "--appendonly", "no", "--dir", "/tmp", "--daemonize", "no"],
              name="redis", socket=SOCK, ready_within=3, memory_mb=64, processes=8,
              log="/tmp/rr-attack-redis.log")
svc.start()
child = subprocess.Popen(sys.argv[1:])
code = child.wait()
svc.stop()
if code < 0:  # killed by a signal: die of the same one
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
