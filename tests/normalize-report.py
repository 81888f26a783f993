#!/usr/bin/python3
"""normalize-report.py REPORT - print a report with what legitimately varies
between runs and machines removed, for comparison with an expected file:
timings, memory figures, paths, the digest and the sandbox layers. Output is
cut to its first 60 characters. A timeout's signal depends on the layer
that caught it. For a "memory" check, only the status is
kept, because the message differs between a cgroup (measured) and the
rlimit fallback (inferred)."""
import json
import re
import sys

r = json.load(open(sys.argv[1]))
for k in ("duration_ms", "submission", "sandbox"):
    r.pop(k, None)
r["pack"].pop("digest", None)
for e in r["exercises"]:
    for c in e["checks"]:
        for k in ("duration_ms", "cpu_ms", "max_rss_kb"):
            c.pop(k, None)
        c["output"] = c["output"][:60]
        c["message"] = re.sub(r"\d+\.\d+ s of CPU", "N s of CPU", c.get("message", ""))
        if c["status"] == "timeout":
            # SIGKILL from the cgroup's CPU accounting, SIGXCPU from the
            # rlimit fallback: both are right.
            c.pop("signal", None)
        if c["status"] == "memory":
            for k in ("message", "signal", "exit_code", "output"):
                c.pop(k, None)
json.dump(r, sys.stdout, indent=1, sort_keys=True)
print()
