#!/usr/bin/python3
"""validate.py - check JSON documents against one of docs/schema/*.json.

usage: validate.py [--invalid] [--report-rules] SCHEMA FILE...

Every FILE must be valid against SCHEMA (JSON Schema draft 2020-12, with
Debian's python3-jsonschema). With --invalid, every FILE must be REJECTED:
that is how the suite tests its own schemas. --report-rules adds the
report's arithmetic, which a schema cannot state: each exercise's score and
max_score are the sums of its checks', the quiz's of its questions', the
top level's of both, and the status is "pass" exactly at full score.

A file that is not JSON at all fails in both modes, so a typo in a bad
example never counts as a rejection. Exit status 0 when every file is as
expected, 1 otherwise; each file's verdict is printed.
"""
import json
import sys

import jsonschema


def report_rules(r):
    """Problems with the report's sums and statuses, as strings."""
    problems = []
    total, total_max = 0, 0
    for i, ex in enumerate(r.get("exercises", [])):
        s = sum(c["score"] for c in ex["checks"])
        m = sum(c["max_score"] for c in ex["checks"])
        if (ex["score"], ex["max_score"]) != (s, m):
            problems.append("exercises[%d]: score %d/%d, but its checks add up to %d/%d"
                            % (i, ex["score"], ex["max_score"], s, m))
        if ex["status"] != ("pass" if s == m else "fail"):
            problems.append("exercises[%d]: status %s at %d/%d" % (i, ex["status"], s, m))
        for j, c in enumerate(ex["checks"]):
            if c["score"] not in (0, c["max_score"]):
                problems.append("exercises[%d].checks[%d]: score %d is neither 0 nor %d"
                                % (i, j, c["score"], c["max_score"]))
            if c["status"] == "pass" and c["score"] != c["max_score"]:
                problems.append("exercises[%d].checks[%d]: passed without full score" % (i, j))
        total += s
        total_max += m
    q = r["quiz"]
    qs = sum(x["score"] for x in q["questions"])
    qm = sum(x["max_score"] for x in q["questions"])
    if (q["score"], q["max_score"]) != (qs, qm):
        problems.append("quiz: score %d/%d, but its questions add up to %d/%d"
                        % (q["score"], q["max_score"], qs, qm))
    for k, x in enumerate(q["questions"]):
        if x["score"] > x["max_score"]:
            problems.append("quiz.questions[%d]: score above max_score" % k)
        if x["status"] == "correct" and x["score"] != x["max_score"]:
            problems.append("quiz.questions[%d]: correct without full score" % k)
    total += q["score"]
    total_max += q["max_score"]
    if (r["score"], r["max_score"]) != (total, total_max):
        problems.append("score %d/%d, but exercises and quiz add up to %d/%d"
                        % (r["score"], r["max_score"], total, total_max))
    want = "pass" if total == total_max else "fail"
    if r["status"] != want and not (r["status"] == "error" and want == "fail"):
        problems.append("status %s at %d/%d" % (r["status"], total, total_max))
    return problems


def main():
    args = sys.argv[1:]
    invalid = "--invalid" in args
    rules = "--report-rules" in args
    args = [a for a in args if a not in ("--invalid", "--report-rules")]
    if len(args) < 2:
        sys.exit(__doc__)
    with open(args[0]) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in args[1:]:
        try:
            with open(path) as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print("FAIL %s: not a JSON document: %s" % (path, e))
            failed += 1
            continue
        problems = ["%s: %s" % (e.json_path, e.message)
                    for e in sorted(validator.iter_errors(doc), key=lambda e: e.json_path)]
        if rules and not problems:
            problems = report_rules(doc)
        if invalid:
            if problems:
                print("ok   %s rejected: %s" % (path, problems[0][:300]))
            else:
                print("FAIL %s: accepted, but it is a known-bad document" % path)
                failed += 1
        elif problems:
            print("FAIL %s:" % path)
            for p in problems[:20]:
                print("    " + p[:500])
            failed += 1
        else:
            print("ok   %s" % path)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
