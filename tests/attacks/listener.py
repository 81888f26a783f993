# listener.py KIND ADDR READY HEARD - a host-side victim for the network
# attacks: listen on KIND (tcp, udp: ADDR is ignored, a free port on
# 127.0.0.1 is used; unix: ADDR is a socket path; abstract: ADDR is a name),
# write the port (or "ready") to READY, and append one line to HEARD for
# every connection or datagram. Exits by itself after 120 s.
import os, select, socket, sys, time

kind, addr, ready, heard = sys.argv[1:5]
if kind == "tcp":
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0)); s.listen(16)
elif kind == "udp":
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
else:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(addr if kind == "unix" else "\0" + addr)
    if kind == "unix":
        os.chmod(addr, 0o777)  # no file permission stands in the way
    s.listen(16)
port = s.getsockname()[1] if kind in ("tcp", "udp") else "ready"
with open(ready + ".tmp", "w") as f:
    f.write(f"{port}\n")
os.rename(ready + ".tmp", ready)
end = time.time() + 120
while time.time() < end:
    r, _, _ = select.select([s], [], [], 1)
    if not r:
        continue
    if kind == "udp":
        data, peer = s.recvfrom(4096)
        line = f"datagram {data!r}"
    else:
        c, _ = s.accept()
        c.settimeout(1)
        try:
            data = c.recv(4096)
        except OSError:
            data = b""
        c.close()
        line = f"connection {data!r}"
    with open(heard, "a") as f:
        f.write(line + "\n")
