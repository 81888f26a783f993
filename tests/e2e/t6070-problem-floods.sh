# A submission built to produce a flood of problems (an answers file with
# 60000 unknown question ids) gets exit 3, the first problems by name and a
# count of the rest, not 60000 lines and not a hang. The timeout is only a
# guard against a hang (it was quadratic once), never a speed test.
set -u
. "$LIB"
mkdir sub
/usr/bin/python3 -c '
import json
json.dump({"format": 1, "answers": {"q%d" % i: 1 for i in range(60000)}}, open("answers.json", "w"))'
timeout 120 "$RR" "$ROOT/exercises/keep-learning" sub --answers answers.json --quiet 2>err.txt; st=$?
expect_eq 3 "$st" "exit status"
expect_grep "answers.q0: the pack has no question 'q0'" err.txt
expect_grep "59800 more problems not shown" err.txt
[ "$(wc -l <err.txt)" -le 201 ] || die "$(wc -l <err.txt) lines of problems printed"
exit 0
