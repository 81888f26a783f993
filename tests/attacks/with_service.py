"""Run a check's command while a real server runs beside it in the same check.

usage: python3 tests/with_service.py CMD [ARG...]

t9996 reruns the attack suite with every check's command wrapped in this:
a Redis (checklib/services.py) is started on a Unix socket in the check's
temporary directory (no network needed, so "network": "none" checks get it
too), then this process becomes CMD (exec): the attack keeps the check's
place (its parent is the check's init, its stdin, stdout and stderr are the
check's, its exit is the check's). The Redis, an orphan of the check's
init, is left for the sandbox to end with the check - which is itself
under test.
"""
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from services import Service  # noqa: E402

TMP = os.environ.get("TMPDIR", "/tmp")
SOCK = os.path.join(TMP, "rr-attack-redis.sock")

# Started from a child that then exits, the Redis is an orphan of the
# check's init, not a child of the attack: an attack that waits for all its
# children (wait() until ECHILD) must not wait for the service.
pid = os.fork()
if pid == 0:
    try:
        Service(["/usr/bin/redis-server", "--port", "0", "--unixsocket", SOCK, "--save", "",
                 "--appendonly", "no", "--dir", TMP, "--daemonize", "no"],
                name="redis", socket=SOCK, ready_within=3, memory_mb=64, processes=8,
                log=os.path.join(TMP, "rr-attack-redis.log")).start()
    except Exception as exc:  # noqa: BLE001 - said, and the wrapper fails
        print(f"with_service.py: {exc}", file=sys.stderr)
        os._exit(1)
    os._exit(0)  # no atexit: the service stays up
_, status = os.waitpid(pid, 0)
if status != 0:
    sys.exit("with_service.py: the Redis did not start")
# Python ignores SIGPIPE and SIGXFSZ, and an ignored signal stays ignored
# across exec: give the attack the dispositions it would have had.
for sig in (signal.SIGPIPE, signal.SIGXFSZ):
    signal.signal(sig, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])
