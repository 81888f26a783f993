# A class's usual upload mistakes are said, not graded silently as empty;
# a broken answers.json fails the quiz only: the exercises are graded and
# reported (exit 1), and the quiz says why it scored 0.
set -u
. "$LIB"
PACK=$ROOT/tests/fixtures/quiz/pack
mkdir -p sub/intro && cp "$PACK/intro/starter/hello.py" sub/intro/
"$RR" "$PACK" sub --report ok.json -q 2>/dev/null
good=$(json_get ok.json "r['exercises'][0]['score']")
printf '{"format": 1, "answers": {"rtt-ms": 6O}}' >sub/answers.json
"$RR" "$PACK" sub --report r.json >out.txt 2>err.txt; st=$?
expect_eq 1 "$st" "exit status with a broken answers.json"
expect_grep "answers.json line 1, column [0-9]*: invalid JSON" err.txt
expect_eq "$good" "$(json_get r.json "r['exercises'][0]['score']")" "exercise score beside a broken quiz"
expect_grep "invalid JSON" r.json
json_get r.json "r['quiz']['error']" | grep -q "answers.json line 1" || die "the quiz does not say why: $(cat r.json)"
expect_eq 0 "$(json_get r.json "r['quiz']['score']")" "quiz score with a broken answers.json"
expect_grep "quiz .* not graded: " out.txt
# --answers naming a file that does not exist is the caller's mistake.
rm sub/answers.json
expect_status 3 "$RR" "$PACK" sub --answers nowhere.json --report n.json
[ -e n.json ] && die "a report was written for a missing --answers file"
# Misplaced: a directory differing in case, and the files at the top.
mv sub/intro sub/Intro
"$RR" "$PACK" sub --report r.json -q 2>err.txt
expect_grep "exercise 'intro' graded as empty: .* but there is 'Intro': the directory must be named exactly 'intro'" err.txt
json_get r.json "r['exercises'][0]['warning']" | grep -q "'Intro'" || die "no warning in the report"
mv sub/Intro/hello.py sub/ && rmdir sub/Intro
"$RR" "$PACK" sub --report r.json -q 2>err.txt
expect_grep "'hello.py' is at its top: the exercise's files belong in 'intro/'" err.txt
# Nothing misplaced: no warning.
mkdir sub/intro && mv sub/hello.py sub/intro/
"$RR" "$PACK" sub --report r.json -q 2>err.txt
grep -q "graded as empty" err.txt && die "a warning without a misplaced file: $(cat err.txt)"
exit 0
