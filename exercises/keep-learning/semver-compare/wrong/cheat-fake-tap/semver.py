# CHEAT (kept as a wrong solution so validate proves it fails): at import time,
# print a passing TAP stream for however many points the checker planned, and
# leave before any test runs (the checker has already printed the plan).
import os
import sys

main = sys.modules.get("__main__")
n = 0
try:
    groups = getattr(main, "GROUPS", {})
    built = groups[sys.argv[1]](None)
    n = len(built)
except Exception:
    n = 12


for i in range(1, n + 1):
    print(f"ok {i} - fine")
sys.stdout.flush()
os._exit(0)
