"""Redis inside a check: a private, memory-only server on the check's loopback.

    "needs": [ { "program": "/usr/bin/redis-server", "package": "redis-server" } ]

    from redischeck import Redis
    srv = Redis.start()        # ready in a few milliseconds; stopped when the check exits
    r = srv.client()           # the check's own redis.Redis (python3-redis)
    srv.port                   # for the learner's process: redis.Redis(host="127.0.0.1", port=...)

Nothing is ever written to disk (no RDB snapshots, no append-only file), the
server listens on 127.0.0.1 of the check's private network only, and it is
capped at 64 MiB of data. Commands that could let the learner's code reach
outside its keys or change the server (CONFIG, DEBUG, SHUTDOWN, MODULE,
REPLICAOF, ...) are renamed away, so they are unknown commands.

When this module runs as the learner's process helper (isolate.Child's
helpers=), client(port) gives the learner's code a client of its own.
"""
import os
import sys
import time

try:
    import redis  # loaded here, before the learner's process shuts off new files
except ImportError:  # the exercise's prepare step says which package is missing
    redis = None

SERVER = "/usr/bin/redis-server"
PACKAGE = "redis-server"
# Commands the learner's code has no use for and that reach the server itself.
DISABLED = ("CONFIG", "DEBUG", "SHUTDOWN", "MODULE", "REPLICAOF", "SLAVEOF", "SYNC", "PSYNC", "SAVE",
            "BGSAVE", "BGREWRITEAOF", "MIGRATE", "ACL", "FAILOVER", "MONITOR")


class Redis:
    def __init__(self, service, port, started_in):
        self.service, self.port, self.started_in = service, port, started_in

    @classmethod
    def start(cls, ready_within=5.0):
        # imported here, not at the top: as the learner's helper this module must not put
        # tests/ back on the learner's sys.path
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from services import Service, free_port  # noqa: PLC0415
        t0 = time.monotonic()
        port = free_port()
        argv = [SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", os.environ.get("TMPDIR", "/tmp"), "--maxmemory", "64mb",
                "--protected-mode", "yes", "--loglevel", "warning", "--io-threads", "1"]
        for cmd in DISABLED:
            argv += ["--rename-command", cmd, ""]
        svc = Service(argv, name="redis-server", port=port, ready_within=ready_within, memory_mb=256,
                      processes=8, grace=1)
        svc.start()
        return cls(svc, port, time.monotonic() - t0)

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=10)


def client(port):
    """In the learner's process: a redis.Redis of its own, for the learner's functions."""
    return redis.Redis(host="127.0.0.1", port=int(port), socket_timeout=10)


def prepare():
    """The exercise's prepare step: an error naming the package, not a failed check, when
    the Python client is missing (needs names the server; it cannot name a module)."""
    if redis is None:
        sys.exit("python3 cannot import redis: install the Debian package python3-redis "
                 "(apt-get install python3-redis)")
    os.makedirs("prepared", exist_ok=True)
    with open("prepared/redis-py", "w") as f:
        f.write(redis.__version__ + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        prepare()
    else:
        sys.exit("usage: redischeck.py prepare")
