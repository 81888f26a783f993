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
    assert "q1" in json.dumps(doc), doc
PYEOF
	grep -q SECRET $r && die "the hidden check's output reached Gradescope"
done

# --- Exercism run.sh -------------------------------------------------------------------
extract "$ROOT/docs/report-formats.md" "#!/bin/sh
slug=" | sed "s|/tmp/rr\([ /]\)|$PWD/rr\1|g; s|/opt/packs/security.tar.gz|$PWD/security.tar.gz|" >run.sh
mkdir -p in out
cp fx/add/solution/add.sh in/
chmod -R a+rX . 2>/dev/null
sh run.sh add in out || die "run.sh must exit 0"
$PY - "$ROOT/docs/schema/exercism-results.schema.json" out/results.json <<'PYEOF' || die "exercism results.json"
import json, sys, jsonschema
schema, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator(schema).validate(doc)
assert doc["status"] == "pass" and [t["name"] for t in doc["tests"]] == ["add/sum", "add/secret"], doc
PYEOF
exit 0
