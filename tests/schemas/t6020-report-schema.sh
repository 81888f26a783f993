# Schemas: every report the runner writes is valid against
# docs/schema/report.schema.json and adds up (validate.py --report-rules):
# a fixture pack whose checks end in every status, every shipped pack graded
# against its reference solution with the quiz answered from the key, and
# any report other suites left in $RR_REPORTS_DIR. Known-bad reports, made
# by breaking a real one, are rejected.
set -u
. "$LIB"
V="/usr/bin/python3 $ROOT/tests/schemas/validate.py"
S=$ROOT/docs/schema/report.schema.json
mkdir -p reports

# --- a pack whose checks end in every status -----------------------------------
mkdir -p fx/e/starter fx/e/tests fx/e/solution sub/e
echo "Every outcome." >fx/e/prompt.md
cat >fx/e/tests/tap.sh <<'SH'
echo "TAP version 13"; echo "1..4"
echo "ok 1 - first"; echo "not ok 2 - second # TODO later"; echo "ok 3 - third # SKIP no db"; echo "not ok 4 - fourth"
SH
printf 'hello\n' >fx/e/tests/expected.txt
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "outcomes", "title": "Outcomes", "stage": 0, "version": "1.0.0",
  "defaults": { "timeout": 1 },
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/prompt.md", "starter": "e/starter",
    "solution": "e/solution", "tests": "e/tests",
    "checks": [
      { "id": "pass", "run": ["true"], "points": 1, "description": "passes" },
      { "id": "fail", "run": ["sh", "-c", "echo expected 5, got 4; exit 1"], "points": 1 },
      { "id": "tap", "run": ["sh", "tests/tap.sh"], "points": 2, "kind": "tap" },
      { "id": "hidden-tap", "run": ["sh", "tests/tap.sh"], "points": 2, "kind": "tap", "hidden": true },
      { "id": "out-ok", "run": ["echo", "hello"], "points": 1, "kind": "output", "expected": "tests/expected.txt" },
      { "id": "out-bad", "run": ["echo", "bye"], "points": 1, "kind": "output", "expected": "tests/expected.txt",
        "compare": "exact" },
      { "id": "timeout", "run": ["sh", "-c", "while :; do :; done"], "points": 1, "timeout": 0.3 },
      { "id": "crash", "run": ["sh", "-c", "kill -SEGV $$"], "points": 1 },
      { "id": "flood", "run": ["sh", "-c", "yes flood"], "points": 1, "output_kb": 1 },
      { "id": "memory", "run": ["python3", "-c", "x = bytearray(200 * 1024 * 1024); print(len(x))"],
        "points": 1, "memory_mb": 32 },
      { "id": "missing", "run": ["no-such-command-here"], "points": 1 },
      { "id": "network", "run": ["python3", "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"],
        "points": 1 },
      { "id": "hidden-fail", "run": ["sh", "-c", "echo secret; exit 1"], "points": 1, "hidden": true }
    ] } ],
  "quiz": [
    { "id": "one", "type": "bool", "prompt": "p", "answer": true, "explanation": "e" },
    { "id": "two", "type": "multiple", "points": 2, "prompt": "p", "choices": ["a", "b", "c"], "answer": [0, 1], "explanation": "e" },
    { "id": "three", "type": "number", "prompt": "p", "answer": 1, "explanation": "e" }
  ] }
JSON
printf '{"format": 1, "answers": {"one": true, "two": [0]}}\n' >sub/answers.json
"$RR" fx sub --quiet --report reports/outcomes.json
[ -s reports/outcomes.json ] || die "no report for the outcomes pack"
statuses=$(json_get reports/outcomes.json 'sorted(set(c["status"] for c in r["exercises"][0]["checks"]))')
for want in pass fail timeout crash output error; do
	case "$statuses" in *"\"$want\""*) ;; *) die "no '$want' check in the outcomes report: $statuses" ;; esac
done

# --- every shipped pack against its reference solution, quiz from the key ----------
for pj in "$ROOT"/exercises/*/pack.json; do
	d=$(dirname "$pj")
	id=$(basename "$d")
	/usr/bin/python3 - "$pj" "sol-$id" <<'PY'
import json, os, shutil, sys
pj, out = sys.argv[1], sys.argv[2]
p = json.load(open(pj))
os.makedirs(out)
for e in p["exercises"]:
    if e.get("solution"):
        shutil.copytree(os.path.join(os.path.dirname(pj), e["solution"]), os.path.join(out, e["id"]), symlinks=True)
answers = {}
for i, q in enumerate(p.get("quiz", [])):
    if i % 3 == 2:
        continue  # some unanswered
    answers[q["id"]] = q["answer"] if "answer" in q else (q.get("accept") or ["?"])[0]
json.dump({"format": 1, "answers": answers}, open(os.path.join(out, "answers.json"), "w"))
PY
	"$RR" "$d" "sol-$id" --quiet --report "reports/$id.json"
	st=$?
	[ "$st" -le 1 ] || die "grading $id's solution failed with exit $st"
done

# --- reports left by other suites --------------------------------------------------
extra=
if [ -n "${RR_REPORTS_DIR:-}" ] && [ -d "$RR_REPORTS_DIR" ]; then
	extra=$(find "$RR_REPORTS_DIR" -name '*.json' | sort)
fi
# shellcheck disable=SC2086
$V --report-rules "$S" reports/*.json $extra || die "a report the runner wrote is invalid"

# --- known-bad reports: a real one, broken in one place each ------------------------
/usr/bin/python3 - reports/outcomes.json <<'PY'
import copy, json, sys
base = json.load(open(sys.argv[1]))
checks = lambda r: r["exercises"][0]["checks"]
def by_id(r, cid):
    return next(c for c in checks(r) if c["id"] == cid)
breaks = {
    "no-version": lambda r: r.pop("report_version"),
    "version-2": lambda r: r.update(report_version=2),
    "extra-field": lambda r: r.update(grade="A"),
    "status-passed": lambda r: r.update(status="passed"),
    "check-status-ok": lambda r: by_id(r, "pass").update(status="ok"),
    "hidden-output-leaks": lambda r: by_id(r, "hidden-fail").update(output="secret\n"),
    "hidden-tap-points-leak": lambda r: by_id(r, "hidden-tap").update(tests=checks(r)[2]["tests"]),
    "failed-check-scores": lambda r: by_id(r, "fail").update(score=1),
    "score-string": lambda r: r.update(score="7"),
    "exit-code-string": lambda r: by_id(r, "fail").update(exit_code="1"),
    "bad-digest": lambda r: r["pack"].update(digest="md5:abc"),
    "question-skipped": lambda r: r["quiz"]["questions"][0].update(status="skipped"),
    "unanswered-scores": lambda r: r["quiz"]["questions"][2].update(score=1),
    "tap-point-no-ok": lambda r: by_id(r, "tap")["tests"][0].pop("ok"),
    "namespace-unknown": lambda r: r["sandbox"].update(namespaces=["user", "time"]),
    # the arithmetic, which only --report-rules sees
    "total-off-by-one": lambda r: r.update(score=r["score"] + 1),
    "exercise-sum-wrong": lambda r: r["exercises"][0].update(max_score=1),
    "quiz-sum-wrong": lambda r: r["quiz"].update(score=r["quiz"]["score"] + 1, max_score=r["quiz"]["max_score"] + 1),
    "status-pass-not-full": lambda r: r.update(status="pass"),
}
for name, f in breaks.items():
    r = copy.deepcopy(base)
    f(r)
    json.dump(r, open("bad-%s.json" % name, "w"), indent=1)
PY
$V --invalid --report-rules "$S" bad-*.json || die "a known-bad report was accepted"
echo "ok"
