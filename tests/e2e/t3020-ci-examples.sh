# t3020: the worked examples of docs/ci.md and docs/report-formats.md run
# as written (paths moved into the scratch directory): Gradescope's
# run_autograder, for a graded and an ungradable submission, and
# Exercism's run.sh. The docs cannot drift from the CLI.
set -u
. "$LIB"
PY=/usr/bin/python3

# (The scratch directory is /tmp/rr-test.*: replace /tmp/rr before putting
# $PWD into a script, or it would be replaced too.)
# Pull the fenced block that starts with "$2" out of doc $1.
extract() {
	$PY - "$1" "$2" <<'PYEOF'
import re, sys
text = open(sys.argv[1]).read()
for block in re.findall(r"```sh\n(.*?)```", text, re.S):
    if block.startswith(sys.argv[2]):
        print(block, end="")
        sys.exit(0)
sys.exit(f"no sh block starting with {sys.argv[2]!r} in {sys.argv[1]}")
PYEOF
}

mkdir -p fx/add/starter fx/add/solution fx/add/tests
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "ci", "title": "CI", "stage": 1, "version": "1.0.0",
  "defaults": { "timeout": 2 },
  "exercises": [ { "id": "add", "title": "Add", "prompt": "add/prompt.md",
    "starter": "add/starter", "solution": "add/solution", "tests": "add/tests",
    "checks": [ { "id": "sum", "run": ["sh", "tests/sum.sh"], "points": 2 },
                { "id": "secret", "run": ["sh", "tests/secret.sh"], "points": 1, "hidden": true } ] } ],
  "quiz": [ { "id": "q1", "type": "bool", "prompt": "1 + 1 = 2?", "answer": true,
              "explanation": "Arithmetic." } ] }
JSON
echo "Write add.sh." >fx/add/prompt.md
printf 'echo 0\n' >fx/add/starter/add.sh
printf 'echo $(($1 + $2))\n' >fx/add/solution/add.sh
printf '[ "$(sh add.sh 2 3)" = 5 ] || { echo "expected 5"; exit 1; }\n' >fx/add/tests/sum.sh
printf 'echo SECRET-OUTPUT; [ "$(sh add.sh 1 1)" = 2 ]\n' >fx/add/tests/secret.sh
mkdir -p bin
ln -s "$RR" bin/roadmap-run
PATH=$PWD/bin:$PATH
(cd fx && tar czf ../security.tar.gz .)

# --- Gradescope run_autograder ---------------------------------------------------
extract "$ROOT/docs/ci.md" "#!/bin/sh
# run_autograder" | sed "s|/tmp/grades|$PWD/grades|g; s|/autograder|$PWD/autograder|g" >run_autograder
for case in graded ungradable; do
	rm -rf autograder grades
	mkdir -p autograder/source autograder/submission/add autograder/results
	cp security.tar.gz autograder/source/
	cp fx/add/starter/add.sh autograder/submission/add/
	if [ $case = graded ]; then
		echo '{ "format": 1, "answers": { "q1": true } }' >autograder/submission/answers.json
	else
		echo '{ "format": 1, "answers": { "q1": 7 } }' >autograder/submission/answers.json
	fi
	chmod -R a+rX . 2>/dev/null
	sh run_autograder || die "run_autograder failed ($case)"
	r=autograder/results/results.json
	$PY "$ROOT/tests/consumers/check_format.py" selftest-schemas >/dev/null || die "schemas"
	$PY - "$ROOT/docs/schema/gradescope-results.schema.json" $r $case <<'PYEOF' || die "results.json ($case)"
import json, sys, jsonschema
schema, doc, case = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
jsonschema.Draft202012Validator(schema).validate(doc)
if case == "graded":
    assert doc["score"] == 1 and len(doc["tests"]) == 3, doc
    hidden = [t for t in doc["tests"] if t["name"] == "add/secret"][0]
    assert hidden["visibility"] == "after_published", hidden
else:
    # a broken answers.json fails the quiz only: the exercises are graded
    assert doc["score"] == 0 and any(t["name"] == "add/sum" for t in doc["tests"]), doc
    q1 = [t for t in doc["tests"] if t["name"] == "quiz/q1"][0]
    assert "the quiz was not graded" in q1["output"] and "answers.json" in q1["output"], q1
PYEOF
	grep -q SECRET $r && die "the hidden check's output reached Gradescope"
done

# --- Exercism run.sh -------------------------------------------------------------------
# Graded (pass and fail) and not graded at all: exit status 2 (unknown
# slug), 3 (invalid pack, at a path full of what JSON and terminals care
# about) and 4 (the runner cannot make its temporary directory). Every time
# run.sh exits 0 and writes a results.json that the schema accepts.
extract "$ROOT/docs/report-formats.md" "#!/bin/sh
# run.sh" >run.sh.in
use_pack() {
	$PY -c 'import sys
s = open("run.sh.in").read()
line = "pack=/opt/packs/security.tar.gz\n"
assert line in s, "run.sh no longer names its pack on one line"
open("run.sh", "w").write(s.replace(line, "pack=\x27" + sys.argv[1] + "\x27\n"))' "$1"
}
# run_case SLUG WANT-STATUS TEXT-IN-MESSAGE...
run_case() {
	slug=$1; shift
	rm -rf out && mkdir out
	sh run.sh "$slug" in/ out/ || die "run.sh must exit 0 ($slug, want $1)"
	$PY - "$ROOT/docs/schema/exercism-results.schema.json" out/results.json "$@" <<'PYEOF' ||
import json, sys, jsonschema
schema, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
want, texts = sys.argv[3], sys.argv[4:]
jsonschema.Draft202012Validator(schema).validate(doc)
assert doc["status"] == want, doc
if want == "error":
    assert doc["tests"] == [] and doc["message"].startswith("roadmap-run could not grade"), doc
    for t in texts:
        assert t in doc["message"], (t, doc["message"])
    assert all(32 <= ord(c) < 127 or c == "\n" for c in doc["message"]), doc["message"]
else:
    assert [t["name"] for t in doc["tests"]] == ["add/sum", "add/secret"], doc
PYEOF
		{ cat out/results.json; die "exercism results.json ($slug, want $1)"; }
	grep -q SECRET out/results.json && die "the hidden check's output reached Exercism"
	return 0
}
mkdir -p in
use_pack "$PWD/security.tar.gz"
cp fx/add/solution/add.sh in/
run_case add pass
cp fx/add/starter/add.sh in/
run_case add fail
run_case no-such-exercise error "exit status 2" "no-such-exercise"
bad="$PWD/bad \"q\" \\b $(printf 'caf\303\251 \033[31m\ttab')"
mkdir -p "$bad" && printf '{ "format": 1, \n' >"$bad/pack.json"
use_pack "$bad"
run_case add error "exit status 3" 'bad "q" \b caf?? ' "[31m tab" "pack.json"
use_pack "$PWD/security.tar.gz"
mkdir -p bin4
printf '#!/bin/sh\nTMPDIR=/nonexistent/tmp exec "%s" "$@"\n' "$RR" >bin4/roadmap-run
chmod +x bin4/roadmap-run
PATH=$PWD/bin4:$PATH run_case add error "exit status 4" "temporary directory"
exit 0
