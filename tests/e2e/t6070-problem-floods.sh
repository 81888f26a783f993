# A submission built to produce a flood of problems (an answers file with
# 60000 unknown question ids) fails its quiz (exit 1: the exercises are
# graded), with the first problems by name and a count of the rest, on
# stderr and in the report's quiz.error, not 60000 lines and not a hang. The timeout is only a
# guard against a hang (it was quadratic once), never a speed test.
set -u
. "$LIB"
mkdir sub
/usr/bin/python3 -c '
import json
json.dump({"format": 1, "answers": {"q%d" % i: 1 for i in range(60000)}}, open("answers.json", "w"))'
timeout 120 "$RR" "$ROOT/exercises/keep-learning" sub --answers answers.json --quiet --report r.json 2>err.txt; st=$?
expect_eq 1 "$st" "exit status"
json_get r.json "r['quiz']['error']" | grep -q "and 59980 more problems$" || die "quiz.error is not bounded: $(head -c 300 r.json)"
[ "$(wc -c <r.json)" -lt 100000 ] || die "the report holds the flood: $(wc -c <r.json) bytes"
expect_grep "answers.q0: the pack has no question 'q0'" err.txt
expect_grep "59800 more problems not shown" err.txt
[ "$(wc -l <err.txt)" -le 201 ] || die "$(wc -l <err.txt) lines of problems printed"
exit 0
