# End-to-end: "roadmap-run quiz" driven through a pseudo-terminal like a
# learner: two answers, Ctrl-C, and the answers survive; the next run asks
# only the rest; --again asks everything; Ctrl-D stops cleanly; the saved
# answers are what "roadmap-run PACK" grades.
set -u
. "$LIB"
PACK=$ROOT/tests/fixtures/quiz/pack
DRIVE="/usr/bin/python3 $ROOT/tests/helpers/pty-drive.py --timeout 20"
ROADMAP_RUN_HOME=$PWD/home
export ROADMAP_RUN_HOME
ws=$PWD/home/workspaces/quiz-fixture
answers=$ws/answers.json

# --- two answers (one wrong input re-asked), then Ctrl-C -------------------------
$DRIVE --log run1.log \
	'expect:Question 1 of 5.*1\) 80.*2\) 443.*3\) 8443.*> ' 'line:9' \
	'expect:answer with the number of one choice, from 1 to 3.*> ' 'line:2' \
	'expect:Right!.*IANA assigns 443 to HTTPS\..*Question 2 of 5.*> ' 'line:1, 2' \
	'expect:Partly right: 0 of 2|Wrong.*GET and HEAD must not change state.*Question 3 of 5.*> ' \
	'intr' \
	-- "$RR" quiz "$PACK"
st=$?
# died by SIGINT (128 + 2), as a shell expects after Ctrl-C
expect_eq 130 "$st" "exit status after Ctrl-C"
expect_grep 'Interrupted. 2 of 5 questions are answered and saved in' run1.log
[ -f "$answers" ] || die "no answers file at $answers"
expect_eq 1 "$(json_get "$answers" 'r["format"]')" "format"
expect_eq '{"https-port": 1, "safe-methods": [0, 1]}' "$(json_get "$answers" 'r["answers"]')" "saved answers"
# the workspace was created from the starter code on the way
[ -f "$ws/intro/hello.py" ] || die "workspace not created from the starter"
# no temporary file is left next to the answers
expect_eq "answers.json intro" "$(ls "$ws" | tr '\n' ' ' | sed 's/ $//')" "workspace contents"

# --- the next run asks only the three unanswered questions ------------------------
$DRIVE --log run2.log \
	'expect:3 questions to answer \(the others are answered already\).*Question 3 of 5.*> ' 'line:maybe' \
	'expect:answer y \(true\) or n \(false\).*> ' 'line:y' \
	'expect:Question 4 of 5.*> ' 'line:  strict-transport-SECURITY  ' \
	'expect:Right!.*Question 5 of 5.*> ' 'line:sixty' \
	'expect:answer with a number.*> ' 'line:70' \
	'expect:Wrong.*The answer: 60 \(give or take 5\).*Score: 3 of 6 points \(5 of 5 questions answered\)' \
	-- "$RR" quiz "$PACK"
expect_eq 1 "$?" "exit status: answered, not full marks"
grep -q 'Question [12] of 5' run2.log && die "the second run asked an answered question again"
expect_eq '{"https-port": 1, "safe-methods": [0, 1], "tls-needed": true, "header-name": "strict-transport-SECURITY", "rtt-ms": 70}' \
	"$(json_get "$answers" 'r["answers"]')" "answers after the second run"

# --- everything answered: nothing to ask, unless --again ---------------------------
$DRIVE --log run3.log 'expect:All 5 questions are answered already' -- "$RR" quiz "$PACK"
expect_eq 1 "$?" "exit status with every question answered"
expect_grep 'Score: 3 of 6 points' run3.log

# --again asks from the first question; Ctrl-D stops cleanly and keeps the rest
$DRIVE --log run4.log \
	'expect:Question 1 of 5.*> ' 'line:2' \
	'expect:Question 2 of 5.*> ' 'line:3,1' \
	'expect:Right!.*Question 3 of 5.*> ' 'eof' \
	'expect:Stopped. Your answers are saved in' \
	-- "$RR" quiz "$PACK" --again
expect_eq 1 "$?" "exit status after Ctrl-D"
expect_eq '[0, 2]' "$(json_get "$answers" 'r["answers"]["safe-methods"]')" "re-answered question"
expect_eq 70 "$(json_get "$answers" 'r["answers"]["rtt-ms"]')" "answers not re-asked are kept"

# --- the saved answers are graded by "roadmap-run PACK" -----------------------------
"$RR" "$PACK" --quiet --report report.json
expect_eq 1 "$?" "grading exit status"
expect_eq '[["https-port", "correct", 1], ["safe-methods", "correct", 2], ["tls-needed", "correct", 1], ["header-name", "correct", 1], ["rtt-ms", "incorrect", 0]]' \
	"$(json_get report.json '[[q["id"], q["status"], q["score"]] for q in r["quiz"]["questions"]]')" "quiz in the report"
expect_eq 5 "$(json_get report.json 'r["quiz"]["score"]')" "quiz score"
[ -n "${RR_REPORTS_DIR:-}" ] && cp report.json "$RR_REPORTS_DIR/t4000-quiz.json"

# --- --answers FILE: another file, asked from scratch; full marks exit 0 ------------
$DRIVE --log run5.log \
	'expect:Question 1 of 5.*> ' 'line:2' \
	'expect:Question 2 of 5.*> ' 'line:1 3' \
	'expect:Question 3 of 5.*> ' 'line:true' \
	'expect:Question 4 of 5.*> ' 'line:HSTS header' \
	'expect:Question 5 of 5.*> ' 'line:58.5' \
	'expect:Score: 6 of 6 points.*Full marks!' \
	-- "$RR" quiz "$PACK" --answers mine.json
expect_eq 0 "$?" "exit status at full marks"
expect_eq '{"https-port": 1, "safe-methods": [0, 2], "tls-needed": true, "header-name": "HSTS header", "rtt-ms": 58.5}' \
	"$(json_get mine.json 'r["answers"]')" "--answers file"
"$RR" "$PACK" --answers mine.json --quiet --report full.json
expect_eq 0 "$?" "grading --answers mine.json"
expect_eq 7 "$(json_get full.json 'r["score"]')" "total score counts the quiz"

# --- a packed pack: Ctrl-C leaves no extracted copy behind --------------------------
mkdir tmp
tar czf fx.tgz -C "$ROOT/tests/fixtures/quiz" pack
TMPDIR=$PWD/tmp $DRIVE --log run7.log 'expect:Question 1 of 5.*> ' 'line:2' 'expect:Question 2 of 5.*> ' 'intr' \
	-- "$RR" quiz fx.tgz --answers arch.json
expect_eq 130 "$?" "exit status after Ctrl-C, archive"
expect_eq 1 "$(json_get arch.json 'r["answers"]["https-port"]')" "answer saved from an archive pack"
[ -z "$(ls -A tmp)" ] || die "Ctrl-C left temporary files: $(ls -A tmp)"

# --- a broken answers file is named with line and column, never overwritten ---------
printf '{"format": 1,\n "answers": {"https-port": 1,}\n}\n' >broken.json
cp broken.json broken.orig
$DRIVE --log run6.log -- "$RR" quiz "$PACK" --answers broken.json
expect_eq 3 "$?" "exit status with a broken answers file"
expect_grep "broken.json line 2, column" run6.log
expect_grep "delete it to start the quiz afresh" run6.log
cmp -s broken.json broken.orig || die "the broken answers file was changed"
echo "ok"
