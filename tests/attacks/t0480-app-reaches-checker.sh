# A learner's web application started as a service by its check
# (exercises/web-frameworks/support/webcheck.py) runs as the checker's uid,
# as the checker's child. It must not reach into the checker through /proc:
# neither write into the checker's stdout (/proc/<checker>/fd/1, fake TAP)
# nor read or rewrite its memory (/proc/<checker>/mem: the random values
# the check is about to ask for, or its verdicts). The checker makes itself
# non-dumpable, so /proc refuses both.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"
/usr/bin/python3 -c 'import flask' 2>/dev/null || { echo "skipped: python3-flask is not installed"; exit 0; }

new_pack
cp "$ROOT"/exercises/web-frameworks/support/*.py fx/a/tests/
cat >fx/a/tests/probe_checker.py <<'PY'
import sys
from taplib import Tap
from webcheck import App
tap = Tap(["the app's report"])
secret = "SECRET-" + "checker-memory-%d" % 4242
with App("flask", tap) as app:
    r = app.get("/")
    print(r.body.decode())
tap.ok(True, "the app's report")
tap.finish()
PY
cat >sub/a/app.py <<'PY'
import os
from flask import Flask
app = Flask(__name__)
report = []
ppid = os.getppid()
try:
    with open(f"/proc/{ppid}/fd/1", "w") as out:
        out.write("ok 1 - faked by the app\n")
    report.append("ESCAPED fd: wrote into the checker's stdout")
except OSError as exc:
    report.append(f"BLOCKED fd: {exc.strerror}")
try:
    with open(f"/proc/{ppid}/maps") as maps, open(f"/proc/{ppid}/mem", "rb") as mem:
        found = False
        for line in maps:
            lo, hi = (int(x, 16) for x in line.split()[0].split("-"))
            if "rw" not in line.split()[1] or hi - lo > 64 << 20:
                continue
            try:
                mem.seek(lo)
                found = found or b"SECRET-checker-memory-4242" in mem.read(hi - lo)
            except OSError:
                pass
    report.append(f"ESCAPED mem: opened the checker's memory, secret found: {found}")
except OSError as exc:
    report.append(f"BLOCKED mem: {exc.strerror}")


@app.get("/")
def index():
    return "\n".join(report)
PY
add_check probe '["python3", "tests/probe_checker.py"]' '"network": "loopback", "timeout": 5, "memory_mb": 512'
run_pack

if [ "${RR_ATTACKS_FALLBACK:-}" = 1 ]; then
	# Without namespaces a loopback check is never run on the host's network.
	expect_check probe error
	expect_message probe "needs a network namespace"
	exit 0
fi
expect_output probe "BLOCKED fd"
expect_output probe "BLOCKED mem"
expect_no_output probe "ESCAPED|faked by the app"
