"""Real servers inside a check: start, wait until ready, share limits, stop.

A check whose pack.json says "network": "loopback" has a private network
namespace with only `lo` up. A service (nginx, PostgreSQL, Redis, an
upstream the check writes itself) is started here as a child of the check,
so it inherits every layer of the sandbox that holds the check: the pid,
network, mount and IPC namespaces, the cgroup, the uid, Landlock and
seccomp. The runner needs no code of its own for services, and a service
can reach nothing the check could not (docs/sandbox.md, "Services").

    from services import Service, ServiceError, prepared

    with Service(["nginx", "-p", "/tmp/ngx", "-c", "nginx.conf", "-g", "daemon off;"],
                 name="nginx", port=8080, ready_within=2.0,
                 memory_mb=128, processes=8, cpu_seconds=2) as ngx:
        ...                                  # talk to 127.0.0.1:8080
    # leaving the block stops it: SIGTERM to its process group, SIGKILL after `grace`

Readiness is a TCP port on 127.0.0.1 (port=) or a Unix socket (socket=)
accepting a connection, within ready_within wall-clock seconds. A service
that exits first, or is not ready in time, raises ServiceError whose
message ends with the last lines of what it printed (its stdout and stderr
go to a log file in the check's private /tmp).

The service's share of the check's limits, applied to the service's own
processes (the check's limits from pack.json still bound the whole tree):
  memory_mb    address space of each of its processes (RLIMIT_AS)
  cpu_seconds  CPU seconds of each of its processes (RLIMIT_CPU)
  processes    processes it may add to those the check already has
               (RLIMIT_NPROC counts every process of the check's uid)

Every service still running when the check exits is stopped by an atexit
hook; one that escapes by daemonising (double fork, setsid) is killed by
the sandbox when the check ends, as is everything else the check started.

Slow starts are prepared once per exercise: the exercise's "prepare" step
(docs/pack-format.md) leaves files in prepared/, which every check sees
read-only at tests/prepared/. prepared("name") is that path;
copy_prepared("name", dst) makes a private writable copy (a database
cluster copied from its template).
"""
import atexit
import os
import resource
import shutil
import signal
import socket
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
_RUNNING = []


class ServiceError(Exception):
    """The service did not start, was not ready in time, or died."""


def prepared(name=""):
    """The path of tests/prepared/<name>: the exercise's prepare step's output, read-only."""
    return os.path.join(HERE, "prepared", name)


def copy_prepared(name, dst, dir_mode=0o700):
    """Copy tests/prepared/<name> to dst (writable, owned by the check); return dst.

    Directories get dir_mode (PostgreSQL refuses a data directory others may
    read), files keep their execute bit and become writable by the owner."""
    src = prepared(name)
    if not os.path.exists(src):
        raise ServiceError(f"tests/prepared/{name} does not exist: the exercise's prepare step did not make it")
    shutil.copytree(src, dst, symlinks=True, copy_function=shutil.copy)
    for root, dirs, files in os.walk(dst):
        os.chmod(root, dir_mode)
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                os.chmod(p, (os.lstat(p).st_mode & 0o700) | 0o600)
    return dst


def free_port():
    """A TCP port on 127.0.0.1 nobody listens on now (the loopback is the check's own)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _count_own_processes():
    """Processes of this uid alive now (what RLIMIT_NPROC counts), from /proc."""
    uid, n = os.getuid(), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    n += 1
            except OSError:
                pass
    return n


class Service:
    """One server process (and its children), started by the check."""

    def __init__(self, argv, name=None, port=None, socket=None, host="127.0.0.1", ready_within=2.0,
                 memory_mb=None, processes=None, cpu_seconds=None, grace=1.0, cwd=None, env=None,
                 log=None):
        if port is None and socket is None:
            raise ValueError("a Service needs port= or socket= to know when it is ready")
        self.argv = [str(a) for a in argv]
        self.name = name or os.path.basename(self.argv[0])
        self.port, self.socket, self.host = port, socket, host
        self.ready_within, self.grace = ready_within, grace
        self.memory_mb, self.processes, self.cpu_seconds = memory_mb, processes, cpu_seconds
        self.cwd, self.env = cwd, env
        self.log = log or os.path.join(os.environ.get("TMPDIR", "/tmp"), f"service-{self.name}-{id(self)}.log")
        self.proc = None
        self.started_in = None   # seconds from start() until the service accepted a connection

    # ------------------------------------------------------------ limits
    def _limit(self):
        """Runs in the child between fork and exec: its own process group, then its share."""
        os.setpgid(0, 0)
        if self.memory_mb:
            b = int(self.memory_mb) << 20
            resource.setrlimit(resource.RLIMIT_AS, (b, b))
        if self.cpu_seconds:
            s = max(1, int(self.cpu_seconds + 0.999))
            resource.setrlimit(resource.RLIMIT_CPU, (s, s))
        if self._nproc is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (self._nproc, self._nproc))

    # ------------------------------------------------------------ life cycle
    def start(self):
        """Start the service and wait until it accepts a connection; return self.

        Raises ServiceError (with the tail of its log) if it cannot be
        started, exits, or is not ready within ready_within seconds."""
        self._nproc = _count_own_processes() + int(self.processes) if self.processes else None
        t0 = time.monotonic()
        logf = open(self.log, "wb")
        try:
            self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                                         cwd=self.cwd, env=self.env, preexec_fn=self._limit, close_fds=True)
        except OSError as e:
            raise ServiceError(f"{self.name} could not be started ({self.argv[0]}): {e.strerror}") from None
        finally:
            logf.close()
        _RUNNING.append(self)
        deadline = t0 + self.ready_within
        while True:
            if self._accepting():
                self.started_in = time.monotonic() - t0
                return self
            code = self.proc.poll()
            if code is not None:
                self.stop()
                raise ServiceError(f"{self.name} exited with status {code} before it was ready"
                                   f"{self._tail()}")
            if time.monotonic() >= deadline:
                self.stop()
                where = f"port {self.port}" if self.port is not None else f"socket {self.socket}"
                raise ServiceError(f"{self.name} was not accepting connections on {where} after "
                                   f"{self.ready_within:g} s{self._tail()}")
            time.sleep(0.002)

    def _accepting(self):
        if self.socket is not None:
            fam, addr = socket.AF_UNIX, self.socket
        else:
            fam, addr = socket.AF_INET, (self.host, self.port)
        with socket.socket(fam, socket.SOCK_STREAM) as s:
            s.settimeout(0.2)
            try:
                s.connect(addr)
                return True
            except OSError:
                return False

    def output(self, limit=4000):
        """What the service printed so far (its log), at most the last `limit` characters."""
        try:
            with open(self.log, "rb") as f:
                data = f.read()
        except OSError:
            return ""
        return data[-limit:].decode("utf-8", "replace")

    def _tail(self):
        text = self.output(1500).strip()
        return f"; it printed:\n{text}" if text else ""

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        """SIGTERM to the service's process group, SIGKILL after `grace` seconds; idempotent.

        Returns its exit status (negative: the signal that ended it)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(self.grace)
            except subprocess.TimeoutExpired:
                pass
        self._signal(signal.SIGKILL)  # stragglers of the group (workers) too
        try:
            self.proc.wait(self.grace)
        except subprocess.TimeoutExpired:
            pass
        if self in _RUNNING:
            _RUNNING.remove(self)
        return self.proc.returncode

    def _signal(self, sig):
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


@atexit.register
def _stop_all():
    for svc in list(_RUNNING):
        svc.stop()
