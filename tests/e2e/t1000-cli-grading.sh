# End-to-end: grade a small fixture pack through the real CLI, as a learner
# and as CI, and check exit statuses, report contents and the workspace.
set -u
. "$LIB"

# --- a fixture pack with one check of each kind -----------------------------
mkdir -p fx/add/starter fx/add/solution fx/add/tests
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "fixture", "title": "Fixture", "stage": 1, "version": "1.0.0",
  "defaults": { "timeout": 2 },
  "exercises": [ { "id": "add", "title": "Add", "prompt": "add/prompt.md",
    "starter": "add/starter", "solution": "add/solution", "tests": "add/tests",
    "hints": ["Use +.", "return a + b"],
    "checks": [
      { "id": "exit", "run": ["sh", "tests/exit.sh"], "points": 1 },
      { "id": "tap", "run": ["sh", "tests/tap.sh"], "points": 2, "kind": "tap" },
      { "id": "out", "run": ["sh", "tests/out.sh"], "points": 3, "kind": "output",
        "expected": "tests/expected.txt" },
      { "id": "secret", "run": ["sh", "tests/exit.sh"], "points": 1, "hidden": true }
    ] } ] }
JSON
echo "Write add.sh printing the sum of its two arguments." >fx/add/prompt.md
printf '#!/bin/sh\necho 0\n' >fx/add/starter/add.sh
printf '#!/bin/sh\necho $(($1 + $2))\n' >fx/add/solution/add.sh
cat >fx/add/tests/exit.sh <<'SH'
[ -f add.sh ] || { echo "add.sh is missing"; exit 1; }
got=$(sh add.sh 2 3); [ "$got" = 5 ] || { echo "expected 5, got '$got'"; exit 1; }
SH
cat >fx/add/tests/tap.sh <<'SH'
echo "TAP version 13"; echo "1..2"
[ "$(sh add.sh 1 1 2>/dev/null)" = 2 ] && echo "ok 1 - 1+1" || echo "not ok 1 - 1+1"
[ "$(sh add.sh -4 4 2>/dev/null)" = 0 ] && echo "ok 2 - -4+4" || echo "not ok 2 - -4+4"
SH
printf 'sh add.sh 10 20\n' >fx/add/tests/out.sh
printf '30\n' >fx/add/tests/expected.txt

mkdir -p good/add empty
cp fx/add/solution/add.sh good/add/
chmod -R a+rX . 2>/dev/null

# --- usage errors -------------------------------------------------------------
expect_status 0 "$RR" --help >/dev/null
expect_status 0 "$RR" --version >/dev/null
expect_status 2 "$RR" >/dev/null 2>&1
expect_status 2 "$RR" --no-such-option pack >/dev/null 2>&1
expect_status 2 "$RR" fx good --exercise nope >/dev/null 2>&1
expect_status 2 "$RR" fx good extra >/dev/null 2>&1

# --- CI: the reference submission scores full marks ---------------------------
"$RR" fx good --report good.json --quiet; st=$?
expect_eq 0 "$st" "exit status for a full score"
expect_eq pass "$(json_get good.json 'r["status"]')" "report status"
expect_eq 7 "$(json_get good.json 'r["score"]')" "score"
expect_eq 2 "$(json_get good.json '[c for c in r["exercises"][0]["checks"] if c["id"]=="tap"][0]["tests"].__len__()')" "TAP points listed"
case "$(json_get good.json 'r["pack"]["digest"]')" in sha256:????????????????????????????????????????????????????????????????) ;; *) die "pack digest missing";; esac

# --- an empty submission scores 0, exit 1 ---------------------------------------
"$RR" fx empty --report empty.json --quiet; st=$?
expect_eq 1 "$st" "exit status for an empty submission"
expect_eq 0 "$(json_get empty.json 'r["score"]')" "empty submission score"
expect_eq "" "$(json_get empty.json '[c for c in r["exercises"][0]["checks"] if c["id"]=="secret"][0]["message"]')" "hidden check message"
expect_eq "" "$(json_get empty.json '[c for c in r["exercises"][0]["checks"] if c["id"]=="secret"][0]["output"]')" "hidden check output"
expect_grep "add.sh is missing" empty.json

# --- --report - writes JSON to stdout and the summary to stderr -----------------
"$RR" fx good --report - >stdout.json 2>stderr.txt
/usr/bin/python3 -c 'import json,sys; json.load(open("stdout.json"))' || die "stdout is not pure JSON"
expect_grep "score 7/7" stderr.txt

# --- an archive of the pack gives identical results -----------------------------
tar -czf pack.tgz fx
mkdir z && (cd fx && zip -qr ../z/pack.zip .) 
for a in pack.tgz z/pack.zip; do
	"$RR" "$a" good --report arch.json --quiet || die "archive $a: not full score"
	expect_eq "$(json_get good.json 'r["pack"]["digest"]')" "$(json_get arch.json 'r["pack"]["digest"]')" "digest of $a"
done

# --- a broken pack: exit 3, the file, line and column ---------------------------
mkdir bad && printf '{\n  "format": 1,\n  "id": "x"\n  "title": 1\n}\n' >bad/pack.json
"$RR" bad good 2>bad.err; st=$?
expect_eq 3 "$st" "exit status for a broken pack.json"
expect_grep "pack.json line 4, column 3" bad.err

# --- the learner's workspace: created once, never overwritten --------------------
export ROADMAP_RUN_HOME="$PWD/home"
"$RR" fx >ws1.txt 2>&1; st=$?
expect_eq 1 "$st" "starter code is not full score"
expect_grep "created from the starter code" ws1.txt
ws="$ROADMAP_RUN_HOME/workspaces/fixture"
[ -f "$ws/report.json" ] || die "no report in the workspace"
cp fx/add/solution/add.sh "$ws/add/add.sh"
"$RR" fx >ws2.txt 2>&1 || die "solved workspace should pass: $(cat ws2.txt)"
grep -q "created" ws2.txt && die "workspace was re-created"
cmp -s fx/add/solution/add.sh "$ws/add/add.sh" || die "the learner's file was overwritten"

# --- hints are counted into the report -------------------------------------------
"$RR" hint fx add >h1.txt && expect_grep "hint 1 of 2" h1.txt
"$RR" hint fx add >h2.txt && expect_grep "hint 2 of 2" h2.txt
"$RR" fx --quiet; expect_eq 2 "$(json_get "$ws/report.json" 'r["exercises"][0]["hints_used"]')" "hints_used"
exit 0
