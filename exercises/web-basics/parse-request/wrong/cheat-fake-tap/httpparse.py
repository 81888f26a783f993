"""CHEAT (kept as a wrong solution so validate proves it fails): no code at
all. When the checker imports this module in its own process, it writes a
passing TAP stream straight to file descriptor 1 (past any redirection of
sys.stdout) and ends the process with status 0."""
import os
import sys

try:
    plan = sys.modules["__main__"].MODES[sys.argv[1]][0]
except Exception:  # noqa: BLE001 - not run by the check script: guess
    plan = 10
os.write(1, "".join("ok %d - fine\n" % i for i in range(1, plan + 1)).encode())
os._exit(0)
