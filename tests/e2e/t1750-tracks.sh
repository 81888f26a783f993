# Tracks (issue 17): a pack offering python and javascript. init --track
# makes a javascript workspace and remembers it; run, list, prompt, hint and
# status use it; the report and the gradebook record the track; grade
# --track grades CI submissions in that language; an exercise without a
# variant is "not in this track"; a check learns the track from
# ROADMAP_RUN_TRACK; a workspace refuses another track; validate proves
# both tracks.
. "$LIB"
command -v node >/dev/null || die "node is not installed (scripts/install-deps installs nodejs)"

mkdir -p tp/add/starter tp/add/solution tp/add/tests tp/add/javascript/starter tp/add/javascript/solution \
	tp/add/wrong/minus tp/add/javascript/wrong/minus tp/only-py/starter tp/only-py/solution tp/only-py/tests
cat >tp/add/prompt.md <<'MD'
# Add
`add(a, b)` returns a + b. Python: `add.py`.
## Checks
- `sum`: add(2, 3) is 5, and the program is in the track's language.
MD
printf '# Add\n`add(a, b)` in `add.js`: module.exports = { add }.\n## Checks\n- `sum`: add(2, 3) is 5.\n' >tp/add/javascript/prompt.md
printf 'def add(a, b):\n    return 0\n' >tp/add/starter/add.py
printf 'def add(a, b):\n    return a + b\n' >tp/add/solution/add.py
printf 'def add(a, b):\n    return a - b\n' >tp/add/wrong/minus/add.py
printf 'exports.add = (a, b) => 0;\n' >tp/add/javascript/starter/add.js
printf 'exports.add = (a, b) => a + b;\n' >tp/add/javascript/solution/add.js
printf 'exports.add = (a, b) => a - b;\n' >tp/add/javascript/wrong/minus/add.js
# One check "from the outside" for both tracks: it runs the learner's code
# in the language ROADMAP_RUN_TRACK names.
cat >tp/add/tests/check.sh <<'SH'
case $ROADMAP_RUN_TRACK in
python) got=$(python3 -c 'from add import add; print(add(2, 3))') ;;
javascript) got=$(node -e 'console.log(require("./add.js").add(2, 3))') ;;
*) echo "unknown track '$ROADMAP_RUN_TRACK'"; exit 1 ;;
esac
echo "track $ROADMAP_RUN_TRACK: add(2, 3) = $got"
[ "$got" = 5 ]
SH
echo "# Only Python" >tp/only-py/prompt.md
echo "## Checks" >>tp/only-py/prompt.md
echo '- `ok`: true.' >>tp/only-py/prompt.md
printf 'x = 0\n' >tp/only-py/starter/x.py
printf 'x = 1\n' >tp/only-py/solution/x.py
cat >tp/pack.json <<'JSON'
{ "format": 1, "id": "tp", "title": "Tracks", "stage": 1, "version": "1.0.0",
  "tracks": ["python", "javascript"],
  "defaults": { "timeout": 5, "memory_mb": 1024 },
  "exercises": [
    { "id": "add", "title": "Add", "prompt": "add/prompt.md", "starter": "add/starter",
      "solution": "add/solution", "wrong": "add/wrong", "tests": "add/tests", "hints": ["Use +."],
      "checks": [ { "id": "sum", "run": ["sh", "tests/check.sh"], "points": 2 } ],
      "tracks": { "javascript": { "prompt": "add/javascript/prompt.md", "starter": "add/javascript/starter",
        "solution": "add/javascript/solution", "wrong": "add/javascript/wrong",
        "hints": ["In JavaScript, + adds numbers."] } } },
    { "id": "only-py", "title": "Only Python", "prompt": "only-py/prompt.md", "starter": "only-py/starter",
      "solution": "only-py/solution", "tests": "only-py/tests",
      "checks": [ { "id": "ok", "run": ["python3", "-c", "import x; assert x.x == 1"], "points": 1 } ] }
  ] }
JSON
export ROADMAP_RUN_HOME=$PWD/home

# list shows the tracks; --track javascript lists only-py as not in the track
"$RR" list tp >list.out || die "list failed"
expect_grep "tracks: python (default), javascript" list.out
expect_grep "tracks: python, javascript" list.out
"$RR" list --track javascript tp >listjs.out || die "list --track failed"
expect_grep "only-py .*not in this track" listjs.out
expect_status 2 "$RR" list --track ruby tp 2>ruby.err
expect_grep "has no track 'ruby'; it offers: python javascript" ruby.err

# validate proves both tracks (wrong/minus fails in each)
"$RR" validate tp >val.out 2>val.err || { cat val.out val.err >&2; die "validate failed"; }
expect_grep "track javascript:" val.out
expect_grep "ok   add: solution 2/2, empty 0/2, starter 0/2, wrong/minus 0/2" val.out
[ "$(grep -c "ok   add" val.out)" = 2 ] || die "add was not validated in both tracks"

# init --track javascript: the workspace holds the javascript starter and remembers
"$RR" init --track javascript tp >init.out || die "init failed"
expect_grep "(track javascript)" init.out
expect_grep "not in this track (javascript): only-py" init.out
ws=home/workspaces/tp
[ -f $ws/add/add.js ] || die "no add.js in the javascript workspace"
[ -e $ws/only-py ] && die "only-py was created in a javascript workspace"
expect_eq javascript "$(cat $ws/.roadmap-run/track)" "the recorded track"
# run uses it: the starter fails, the solution passes, the report records the track
expect_status 1 "$RR" tp --quiet
expect_eq javascript "$(json_get $ws/report.json "r['track']")" "report track"
expect_eq '["add"]' "$(json_get $ws/report.json "[e['id'] for e in r['exercises']]")" "graded exercises"
cp tp/add/javascript/solution/add.js $ws/add/add.js
expect_status 0 "$RR" tp >run.out
expect_grep "track: javascript" run.out
expect_grep "track javascript: add(2, 3) = 5" $ws/report.json
# prompt and hint are the track's
"$RR" prompt tp add >prompt.out
expect_grep "add.js" prompt.out
"$RR" hint tp add >hint.out
expect_grep "In JavaScript" hint.out
# status counts the track's points
ROADMAP_RUN_PACKS=$PWD "$RR" status >status.out 2>&1 || true
expect_grep "Tracks (javascript)" status.out
# the workspace refuses another track
expect_status 2 "$RR" tp --track python 2>other.err
expect_grep "is on the 'javascript' track" other.err
expect_status 2 "$RR" init --track python tp 2>other2.err
# a corrupt record is named, not guessed
printf 'java script\n' >$ws/.roadmap-run/track
expect_status 3 "$RR" tp 2>bad.err
expect_grep "does not name a track" bad.err

# CI: grade --track javascript; the gradebook and each report record it
mkdir -p subs/ada/add subs/bob/add
cp tp/add/javascript/solution/add.js subs/ada/add/
cp tp/add/javascript/wrong/minus/add.js subs/bob/add/
expect_status 1 "$RR" grade tp --submissions-dir subs --track javascript --out grades -q
expect_eq javascript "$(json_get grades/reports/ada/report.json "r['track']")" "grade report track"
expect_eq 2 "$(json_get grades/reports/ada/report.json "r['score']")" "ada's score"
expect_eq 0 "$(json_get grades/reports/bob/report.json "r['score']")" "bob's score"
head -1 grades/gradebook.csv | tr -d '\r' | grep -q ',track$' || die "no track column in gradebook.csv"
expect_grep '"track":"javascript"' grades/gradebook.jsonl
# the same submissions graded as python: a javascript file is no python solution
expect_status 1 "$RR" grade tp --submissions-dir subs --track python --out grades-py -q
expect_eq python "$(json_get grades-py/reports/ada/report.json "r['track']")" "python report track"
# run on a submission directory with --track
expect_status 0 "$RR" tp subs/ada --track javascript --quiet --report one.json
expect_eq javascript "$(json_get one.json "r['track']")" "run --track"
# a pack without tracks is python, and says so
expect_status 1 "$RR" tp subs/ada --quiet --report py.json
expect_eq python "$(json_get py.json "r['track']")" "default track"

# services (pack-format.md): a variant inherits the exercise's "prepare"
# (run with the track's ROADMAP_RUN_TRACK) and "needs"; its own replace them
cp -r tp sv
cat >sv/add/tests/prep.sh <<'SH'
mkdir prepared && echo "$ROADMAP_RUN_TRACK" >prepared/track
SH
cat >sv/add/tests/prepared-check.sh <<'SH'
[ "$(cat tests/prepared/track)" = "$ROADMAP_RUN_TRACK" ] || { echo "prepared for another track"; exit 1; }
exec sh tests/check.sh
SH
/usr/bin/python3 - sv/pack.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
add = p["exercises"][0]
add["prepare"] = {"run": ["sh", "tests/prep.sh"]}
add["needs"] = [{"program": "/usr/bin/no-such-rr-program", "package": "no-such-rr-package"}]
add["checks"][0]["run"] = ["sh", "tests/prepared-check.sh"]
json.dump(p, open(sys.argv[1], "w"))
PY
mkdir -p svsub/add && cp tp/add/javascript/solution/add.js svsub/add/
expect_status 1 "$RR" sv svsub --track javascript --quiet --report need.json
expect_grep "no-such-rr-package" need.json
/usr/bin/python3 - sv/pack.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["exercises"][0]["tracks"]["javascript"]["needs"] = []
json.dump(p, open(sys.argv[1], "w"))
PY
expect_status 0 "$RR" sv svsub --track javascript --quiet --report own.json
expect_eq 2 "$(json_get own.json "r['score']")" "the variant's own needs, the exercise's prepare"
