# t3001: `roadmap-run run --format NAME... --out DIR` on a real pack writes
# every format under its usual name, and each is read by its real consumer
# as the JSON report of the same run says (junitparser, prove/TAP::Parser,
# jsonschema). A hidden check that prints a secret leaks it nowhere; prove
# exits 0 only for the full-score submission.
set -u
. "$LIB"
PY=/usr/bin/python3
CHECK="$PY $ROOT/tests/consumers/check_format.py"

mkdir -p fx/calc/starter fx/calc/solution fx/calc/tests
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "fmt", "title": "Formats", "stage": 1, "version": "2.0.0",
  "defaults": { "timeout": 1 },
  "exercises": [
    { "id": "calc", "title": "Calc", "prompt": "calc/prompt.md",
      "starter": "calc/starter", "solution": "calc/solution", "tests": "calc/tests",
      "checks": [
        { "id": "adds", "run": ["sh", "tests/add.sh"], "points": 2 },
        { "id": "markup", "run": ["sh", "tests/markup.sh"], "points": 1 },
        { "id": "points", "run": ["sh", "tests/tap.sh"], "points": 2, "kind": "tap" },
        { "id": "spins", "run": ["sh", "tests/spin.sh"], "points": 1 },
        { "id": "secret", "run": ["sh", "tests/secret.sh"], "points": 3, "hidden": true }
      ] },
    { "id": "echo", "title": "Echo", "prompt": "calc/prompt.md",
      "starter": "calc/starter", "solution": "calc/solution", "tests": "calc/tests",
      "checks": [ { "id": "long", "run": ["sh", "tests/long.sh"], "points": 1 } ] }
  ] }
JSON
echo "Write calc.sh." >fx/calc/prompt.md
printf 'MODE=starter\n' >fx/calc/starter/calc.sh
printf 'MODE=solution\n' >fx/calc/solution/calc.sh
cat >fx/calc/tests/add.sh <<'SH'
. ./calc.sh; [ "$MODE" = solution ] || { echo "expected the solution, got $MODE"; exit 1; }
SH
cat >fx/calc/tests/markup.sh <<'SH'
. ./calc.sh; [ "$MODE" = solution ] && exit 0
printf 'got <b>&amp;</b> ]]> "quoted" \001\033[31m red \377 end\r\n'
# GitLab's attachment tags, noncharacters, NEL, CSI, U+2028, a bidi override.
printf '[[ATTACHMENT|/etc/passwd]] [[attachment|x]] \357\277\276 \357\277\277 \302\205 \302\233[2J \342\200\250 \342\200\256 end\n'
# Far past Exercism's 500 characters and a screen, under output_kb.
i=0; while [ $i -lt 2000 ]; do echo "huge $i ]]> [[ATTACHMENT|/etc/shadow]]"; i=$((i + 1)); done
exit 1
SH
cat >fx/calc/tests/tap.sh <<'SH'
. ./calc.sh; echo "TAP version 13"; echo "1..2"; echo "ok 1 - first"
[ "$MODE" = solution ] && echo "ok 2 - second" || echo "not ok 2 - second # see \# here"
SH
cat >fx/calc/tests/spin.sh <<'SH'
. ./calc.sh; [ "$MODE" = solution ] && exit 0
while :; do :; done
SH
cat >fx/calc/tests/secret.sh <<'SH'
. ./calc.sh; echo "SECRET-OUTPUT: the hidden answer is 42"; echo "SECRET-ERR" >&2
[ "$MODE" = solution ]
SH
cat >fx/calc/tests/long.sh <<'SH'
. ./calc.sh; i=0; while [ $i -lt 200 ]; do echo "line $i of the output"; i=$((i + 1)); done
[ "$MODE" = solution ]
SH
mkdir -p good/calc good/echo bad/calc bad/echo
cp fx/calc/solution/calc.sh good/calc/; cp fx/calc/solution/calc.sh good/echo/
cp fx/calc/starter/calc.sh bad/calc/; cp fx/calc/starter/calc.sh bad/echo/
chmod -R a+rX . 2>/dev/null

run_prove() { (ulimit -v 1048576; timeout 60 prove -e cat "$1") >prove.out 2>&1; }

for sub in good bad; do
	"$RR" run fx $sub --quiet --out out-$sub --format json --format junit \
		--format tap --format gradescope --format exercism; st=$?
	[ $sub = good ] && want=0 || want=1
	expect_eq $want $st "exit status for '$sub'"
	for f in report.json junit.xml report.tap gradescope/results.json exercism/results.json; do
		[ -s out-$sub/$f ] || die "--out did not write $f for '$sub'"
		grep -q SECRET out-$sub/$f && die "out-$sub/$f leaks the hidden check's output"
	done
	rep=out-$sub/report.json
	$CHECK junit out-$sub/junit.xml $rep || die "junit for '$sub'"
	$CHECK tap out-$sub/report.tap $rep || die "tap for '$sub'"
	$CHECK gradescope out-$sub/gradescope/results.json $rep || die "gradescope for '$sub'"
	$CHECK exercism out-$sub/exercism/results.json $rep || die "exercism for '$sub'"
	if [ $sub = good ]; then
		run_prove out-$sub/report.tap || { cat prove.out; die "prove rejects the full score"; }
	else
		run_prove out-$sub/report.tap && { cat prove.out; die "prove passes a failing run"; }
		grep -q "Parse errors" prove.out && { cat prove.out; die "prove: parse errors"; }
		expect_grep "Failed 6/6 subtests" prove.out
	fi
done

# The failing run really has the statuses the consumers were checked on.
expect_eq '["fail", "fail", "fail", "timeout", "fail"]' \
	"$(json_get out-bad/report.json '[c["status"] for c in r["exercises"][0]["checks"]]')" "statuses"
$PY - out-bad/junit.xml out-bad/exercism/results.json <<'PYEOF' || die "consumers' view of the failing run"
import json, sys
from junitparser import JUnitXml, Error, Failure
cases = {c.name: c for s in JUnitXml.fromfile(sys.argv[1]) for c in s}
assert isinstance(cases["spins"].result[0], Error) and cases["spins"].result[0].type == "timeout"
assert isinstance(cases["markup"].result[0], Failure)
# The reason is the failure's text; the output is in system-out.
assert cases["markup"].result[0].text.startswith("fail: the check failed"), cases["markup"].result[0].text
assert "<b>&amp;</b> ]]>" in cases["markup"].system_out, cases["markup"].system_out
assert cases["spins"].result[0].text.startswith("timeout: the check ran out of time"), cases["spins"].result[0].text
ex = json.load(open(sys.argv[2]))
t = {x["name"]: x for x in ex["tests"]}
assert t["calc/spins"]["status"] == "error", t["calc/spins"]
assert len(t["echo/long"]["output"]) == 500 and t["echo/long"]["output"].endswith("\nOutput was truncated. Please limit to 500 chars")
assert t["calc/secret"]["message"] == "hidden check: fail" and "output" not in t["calc/secret"]
PYEOF

# Gradescope's visibility of hidden checks: "hidden" by default, and
# --gradescope-hidden after_published on run as on grade; the visible
# checks keep the default visibility.
vis() { json_get "$1" '",".join(sorted({t.get("visibility", "-") for t in r["tests"] if t["name"].endswith("secret")}))'; }
expect_eq hidden "$(vis out-good/gradescope/results.json)" "default visibility of a hidden check"
"$RR" run fx good --quiet --format gradescope --gradescope-hidden after_published \
	--report gs-after.json; st=$?
expect_eq 0 "$st" "run --gradescope-hidden after_published"
expect_eq after_published "$(vis gs-after.json)" "visibility with --gradescope-hidden after_published"
"$RR" run fx good --quiet --format gradescope --gradescope-hidden sometimes --report gs-x.json 2>err.txt; st=$?
expect_eq 2 "$st" "exit status for --gradescope-hidden sometimes"
expect_grep "sometimes" err.txt

# An unknown format is a usage error naming it.
"$RR" run fx good --quiet --out out-x --format xml 2>err.txt; st=$?
expect_eq 2 "$st" "exit status for --format xml"
expect_grep "xml" err.txt
exit 0
