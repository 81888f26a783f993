# svc_probe.py MODE ... - the check side of t0470-services.sh: starts a
# service with checklib's services.Service and reports what it could do.
# The service itself is this file again, run as "serve MODE ...".
import os, socket, sys, time
sys.path.insert(0, "tests")

def serve(mode, args):
    """The service: listen (so it is 'ready'), then try what MODE says."""
    s = socket.socket(socket.AF_UNIX)
    s.bind("/tmp/svc.sock"); s.listen(4)
    out = open("/tmp/svc.out", "a", buffering=1)
    if mode == "reach":
        port, unix_path = int(args[0]), args[1]
        for what, fam, addr in (("tcp", socket.AF_INET, ("127.0.0.1", port)), ("unix", socket.AF_UNIX, unix_path),
                                ("pg", socket.AF_UNIX, "/run/postgresql/.s.PGSQL.5432"),
                                ("nginx", socket.AF_INET, ("127.0.0.1", 80))):
            try:
                c = socket.socket(fam); c.settimeout(1); c.connect(addr); c.sendall(b"ESCAPED")
                out.write(f"ESCAPED {what}\n")
            except OSError as e:
                out.write(f"BLOCKED {what}: {e.__class__.__name__}\n")
        for path in (args[2], "/root/.bashrc", "/proc/%s/environ" % args[3]):
            try:
                data = open(path, "rb").read()
                out.write(f"READ {path} {b'runner-env' in data}\n")
            except OSError as e:
                out.write(f"BLOCKED read {path}: {e.__class__.__name__}\n")
    elif mode == "daemon":  # double fork and setsid, ignoring SIGTERM, with a marker in argv
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN); signal.signal(signal.SIGHUP, signal.SIG_IGN)
                os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(60)", args[0]])
            os._exit(0)
    elif mode == "memory":
        try:
            hog = bytearray(int(args[0]) << 20)
            for i in range(0, len(hog), 4096): hog[i] = 1
            out.write(f"ALLOCATED {args[0]} MiB\n")
        except MemoryError:
            out.write("MemoryError\n")
    elif mode == "procs":
        n = 0
        try:
            for _ in range(int(args[0])):
                if os.fork() == 0:
                    time.sleep(30); os._exit(0)
                n += 1
        except OSError as e:
            out.write(f"fork refused after {n}: {e.__class__.__name__}\n")
        out.write(f"forked {n}\n")
    elif mode == "spin":
        out.write("spinning\n")
        while True:
            pass
    while True:
        time.sleep(1)

if sys.argv[1] == "serve":
    serve(sys.argv[2], sys.argv[3:])
from services import Service, ServiceError
mode, rest = sys.argv[1], sys.argv[2:]
share = {"memory": dict(memory_mb=64), "procs": dict(processes=5)}.get(mode, {})
if rest and rest[0] == "nolimit":  # no share: only the check's own limits stand
    share, rest = {}, rest[1:]
svc = Service([sys.executable, __file__, "serve", mode] + rest, name=mode, socket="/tmp/svc.sock",
              ready_within=5, **share).start()
print("service ready in %.1f ms" % (svc.started_in * 1000))
time.sleep(1.5 if mode != "spin" else 30)
print(open("/tmp/svc.out").read() if os.path.exists("/tmp/svc.out") else "no output")
print("service alive:", svc.alive())
if mode == "daemon":
    os._exit(0)  # leave without stopping it: the sandbox must
svc.stop()
