# End-to-end: answers.json in a submission or given with --answers is graded
# into the report; a broken one is an invalid submission (exit 3) whose
# message names the file, the line and column, or the question.
set -u
. "$LIB"
PACK=$ROOT/tests/fixtures/quiz/pack
mkdir -p sub/intro
cp "$PACK/intro/starter/hello.py" sub/intro/

# no answers.json: every question unanswered, the exercises still graded
"$RR" "$PACK" sub --quiet --report none.json
expect_eq 1 "$?" "exit status without answers"
expect_eq '["unanswered"]' "$(json_get none.json 'sorted(set(q["status"] for q in r["quiz"]["questions"]))')" "statuses"
expect_eq "1 7" "$(json_get none.json 'r["score"]') $(json_get none.json 'r["max_score"]')" "score without answers"

# the documented example answers: full marks
cp "$ROOT/tests/fixtures/quiz/answers-example.json" sub/answers.json
"$RR" "$PACK" sub --quiet --report full.json
expect_eq 0 "$?" "exit status with every answer right"
expect_eq 6 "$(json_get full.json 'r["quiz"]["score"]')" "quiz score"
[ -n "${RR_REPORTS_DIR:-}" ] && cp full.json "$RR_REPORTS_DIR/t4030-full.json"

# partial credit and unanswered, through --answers
cat >partial.json <<'JSON'
{ "format": 1, "answers": { "https-port": 0, "safe-methods": [0, 2, 3], "header-name": "the HSTS header", "rtt-ms": 54.9 } }
JSON
"$RR" "$PACK" sub --answers partial.json --quiet --report partial-report.json
expect_eq 1 "$?" "exit status, partial"
expect_eq '[["https-port", "incorrect", 0, 1], ["safe-methods", "incorrect", 1, 2], ["tls-needed", "unanswered", 0, 1], ["header-name", "incorrect", 0, 1], ["rtt-ms", "incorrect", 0, 1]]' \
	"$(json_get partial-report.json '[[q["id"], q["status"], q["score"], q["max_score"]] for q in r["quiz"]["questions"]]')" "partial statuses"
[ -n "${RR_REPORTS_DIR:-}" ] && cp partial-report.json "$RR_REPORTS_DIR/t4030-partial.json"

# a syntax error: file, line and column
printf '{"format": 1,\n  "answers": {\n    "rtt-ms": 6O\n  }\n}\n' >sub/answers.json
"$RR" "$PACK" sub --quiet >out.txt 2>err.txt
expect_eq 1 "$?" "exit status, syntax error (the quiz fails, the exercises are graded)"
expect_grep "sub/answers.json line 3, column 16: invalid JSON near 'O'" err.txt

# wrong types, an index out of range and an unknown question: all named at once
printf '{"format": 1, "answers": {"https-port": "443", "safe-methods": [0, 7], "tls-needed": "yes", "nope": true}}' >sub/answers.json
"$RR" "$PACK" sub --quiet >out.txt 2>err.txt
expect_eq 1 "$?" "exit status, wrong types"
expect_grep "answers.https-port: question 'https-port' (single): expected the 0-based index of a choice (0 to 2), got a string" err.txt
expect_grep "answers.safe-methods: question 'safe-methods' (multiple): index 7 is out of range" err.txt
expect_grep "answers.tls-needed: question 'tls-needed' (bool): expected true or false, got a string" err.txt
expect_grep "answers.nope: the pack has no question 'nope'" err.txt

# a truncated file (a crashed editor, not us: we write atomically)
printf '{"format": 1, "answers": {"https-port": 1' >sub/answers.json
"$RR" "$PACK" sub --quiet >out.txt 2>err.txt
expect_eq 1 "$?" "exit status, truncated"
expect_grep "line 1, column 42: invalid JSON: unexpected end of file" err.txt

# --answers naming a missing file is an error (the default file is optional)
"$RR" "$PACK" sub --answers nothere.json --quiet >out.txt 2>err.txt
st=$?
[ "$st" -ge 2 ] || die "a missing --answers file was ignored (exit $st)"
expect_grep "nothere.json" err.txt
echo "ok"
