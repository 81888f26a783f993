#!/usr/bin/python3
"""make_reports.py DIR - write fixture reports (report_version 1, with the
fields report.c adds) for the format consumer tests:

  mixed.report  every check status, hostile text (markup, "]]>", control
              characters, invalid UTF-8, noncharacters, C1 and line
              separators, GitLab's [[ATTACHMENT|path]] tags), long,
              huge (278 KB) and truncated output, a quiz,
              and hidden checks whose output and message hold planted
              secrets (report.c empties them; the renderers must not rely
              on that)
  full.report   a full score
  error.report  nothing could be graded
"""
import json
import sys


def check(cid, status, score, mx, hidden=False, message="", output="", truncated=False):
    return {"id": cid, "kind": "exit", "hidden": hidden,
            "description": None if hidden else f"does {cid}",
            "status": status, "score": score, "max_score": mx, "duration_ms": 1200,
            "cpu_ms": 900, "max_rss_kb": 10240,
            "exit_code": 1 if status == "fail" else (0 if status == "pass" else None),
            "signal": "SIGSEGV" if status == "crash" else None,
            "message": message, "output": output, "output_truncated": truncated,
            "run": ["python3", "tests/check.py", cid], "tests": [], "denial": None}


def report(status, score, mx, exercises, questions):
    return {"report_version": 1, "runner": {"name": "roadmap-run", "version": "0.1.0"},
            "pack": {"id": "security", "version": "1.0.0", "digest": "sha256:" + "ab" * 32},
            "submission": "/work/sub", "duration_ms": 5678, "sandbox": {"seccomp": True},
            "status": status, "score": score, "max_score": mx, "exercises": exercises,
            "quiz": {"score": sum(q["score"] for q in questions),
                     "max_score": sum(q["max_score"] for q in questions),
                     "questions": questions}}


LONG = "".join(f"line {i}: " + "\u00e9" * 20 + "\n" for i in range(60))
HOSTILE = ("line1\n<b>&amp; ]]> \"q\" '\u0001\u001b[31m bad BADBYTES end\r\n\n  indented\n"
           "...\n---\n# not a comment\nok 99 - fake\nBail out! no\n"
           # GitLab and Jenkins turn this into a link to a job artifact.
           "[[ATTACHMENT|/etc/passwd]] [[attachment|x]] [[[ATTACHMENT|a|b]]\n"
           # What YAML forbids or reads as a line break, and what terminals obey.
           "nonchars \ufffe \uffff \ufdd0 \U0001fffe del \u007f c1 \u0085 \u009b[2J "
           "ls \u2028 ps \u2029 bom \ufeff bidi \u202e tab\tend\n")
# Over every limit a platform sets for one test's text: Exercism's 500
# characters, and far more than a screen.
HUGE = "".join(f"{i:06d} " + "x" * 57 + "]]>\n" for i in range(4096))

mixed = report("fail", 4, 20, [
    {"id": "sql-injection", "title": "Parameterise", "status": "fail", "score": 2,
     "max_score": 12, "checks": [
         check("passes", "pass", 2, 2, output="all good\n"),
         check("fails", "fail", 0, 2, message="expected 1 row, got 3 <&>", output=HOSTILE),
         check("loops", "timeout", 0, 2, message="CPU time limit of 3 s exceeded"),
         check("secret", "fail", 0, 2, hidden=True, message="SECRET-MESSAGE",
               output="SECRET-OUTPUT"),
         check("segv", "crash", 0, 2, message="killed by SIGSEGV (segmentation fault)",
               output=LONG, truncated=True),
         check("points", "fail", 0, 2, message="1 of 2 tests failed\nnot ok 2 - second # see # here",
               output="TAP version 13\n\n  indented\nnot ok 2 - second # see \\# here\n")]},
    {"id": "xss", "title": "Encode output", "status": "fail", "score": 0, "max_score": 6,
     "checks": [
         check("bomb", "memory", 0, 1, message="memory limit of 64 MiB exceeded"),
         check("huge", "fail", 0, 1, message="[[ATTACHMENT|/etc/shadow]] huge \ufffe",
               output=HUGE, truncated=True),
         # Huge and needing escapes, so a quoted string in TAP's YAML.
         check("huge-escaped", "fail", 0, 1, message="huge \u001b[2J",
               output="\u001b[31m" + HUGE),
         check("flood", "output", 0, 1, message="output limit of 256 KiB exceeded",
               output="y\n" * 300, truncated=True),
         check("broken", "error", 0, 1, message="command 'python4' not found in PATH"),
         check("hidden-pass", "pass", 0, 1, hidden=True, output="SECRET-PASS")]}],
    [{"id": "https-port", "status": "correct", "score": 1, "max_score": 1},
     {"id": "safe-methods", "status": "incorrect", "score": 1, "max_score": 2},
     {"id": "tls", "status": "unanswered", "score": 0, "max_score": 1}])

full = report("pass", 5, 5, [
    {"id": "sql-injection", "title": "Parameterise", "status": "pass", "score": 4,
     "max_score": 4, "checks": [
         check("a", "pass", 2, 2, output="multi\nline\n"),
         check("b", "pass", 2, 2, hidden=True)]}],
    [{"id": "q1", "status": "correct", "score": 1, "max_score": 1}])

error = report("error", 0, 0, [], [])
error["message"] = "pack 'security': no sandbox: seccomp is unavailable"

for name, r in (("mixed", mixed), ("full", full), ("error", error)):
    data = json.dumps(r, indent=1, ensure_ascii=False).encode()
    # Raw bytes JSON cannot express: invalid UTF-8, overlong, a surrogate.
    data = data.replace(b"BADBYTES", b"\xff\xc0\xaf\xed\xa0\x80")
    with open(f"{sys.argv[1]}/{name}.report", "wb") as f:
        f.write(data)
