# Bad input: output that a CI runner would act on. A learner's program (or
# a pack's text) that prints GitHub Actions workflow commands ("::error::"
# at a line's start, "##[error]" anywhere), Azure Pipelines "##vso[...]" or
# TeamCity "##teamcity[...]" must reach the CI log as text: otherwise it
# forges annotations, masks log text or sets variables for later steps.
# The runner's own lines are plain; each marker keeps its first character
# and shows its second as \xNN.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"

rm -rf ci && cp -R fx ci
cat >ci/add/tests/forge.sh <<'SH'
echo '::error file=add.sh,line=1::forged by the submission'
echo '   ::add-mask::secret'
echo 'expected 5 ##[error]forged legacy command'
echo '##vso[task.setvariable variable=GRADE]100'
echo "##teamcity[buildStatus status='SUCCESS' text='forged']"
echo '::stop-commands::tok'
exit 1
SH
cat >ci/add/tests/tap.sh <<'SH'
echo "TAP version 13"; echo "1..1"
echo "not ok 1 - ::warning::in a test name ##vso[task.complete result=Succeeded]"
SH
/usr/bin/python3 -c '
import json
p = json.load(open("ci/pack.json"))
p["title"] = "::notice::pack title ##[group]"
e = p["exercises"][0]
e["title"] = "##vso[build.addbuildtag]exercise"
e["hints"] = ["::error::hint"]
e["checks"] = [
 {"id": "forge", "run": ["sh", "tests/forge.sh"], "points": 1},
 {"id": "tap", "run": ["sh", "tests/tap.sh"], "points": 1, "kind": "tap"}]
json.dump(p, open("ci/pack.json", "w"))'

# A marker is a line starting (after blanks) with "::name" and a second
# "::", or "##", up to 16 letters and "[" anywhere.
no_markers() {
	if grep -nE '^[[:space:]]*::[A-Za-z-]+[^:]*::|##[A-Za-z]{0,16}\[' out.txt err.txt; then
		die "$1: a CI runner command reached the log"
	fi
}
RR_TIMEOUT=60 rr_expect 1 "" ci good
no_markers "run"
# The check's output is its message, shown, with the markers escaped.
grep -q ':\\x3aerror file=add.sh,line=1::forged by the submission' out.txt ||
	die "the message is not shown, escaped: $(cat out.txt)"
grep -q '#\\x23vso\[task.setvariable variable=GRADE\]100' out.txt ||
	die "the output is not shown, escaped: $(cat out.txt)"
RR_TIMEOUT=60 rr_expect 1 "" ci good --verbose
no_markers "run --verbose"
rr_expect 0 "" list ci
no_markers "list"
RR_ALLOW=ws rr_expect 0 "" hint ci add --workspace ws
no_markers "hint"
mkdir -p subs && cp -R good subs/s1
RR_ALLOW=grades RR_TIMEOUT=60 rr_expect 1 "" grade ci subs/s1 --out grades
no_markers "grade"
grep -q "^s1,fail," grades/gradebook.csv || die "the batch did not grade: $(cat grades/gradebook.csv)"
RR_TIMEOUT=60 rr_expect 3 "" validate ci
no_markers "validate"
exit 0
