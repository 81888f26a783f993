# CHEAT (kept as a wrong solution so validate proves it fails): at import time,
# print "ok" for every point the checker planned (it has already printed the
# plan), and leave before any test runs.
import os
import sys

try:
    built = sys.modules["__main__"].GROUPS[sys.argv[1]](None)
    n = len(built[0] if isinstance(built, tuple) else built)
except Exception:
    n = 7
for i in range(1, n + 1):
    print(f"ok {i} - fine")
sys.stdout.flush()
os._exit(0)
