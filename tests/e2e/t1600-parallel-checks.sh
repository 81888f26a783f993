# run -j N and validate -j N: the checks of one submission on N workers.
# The report and the output are those of -j1 but for the timings, the exit
# status is the same, each check keeps its own process limit, and an
# interrupted parallel run leaves nothing behind.
set -u
. "$LIB"

# Checks that finish in another order than the pack's (the first sleeps
# longest), one failing, one hidden, one TAP.
mkdir -p fx/a/starter fx/a/solution fx/a/wrong/bad fx/a/tests fx/b/starter fx/b/solution fx/b/tests
echo 'Write n.txt holding 42; `slow`, `fast`, `tap`, `secret` and `fails` check it.' >fx/a/prompt.md
echo 'Write m.txt holding 7; `m` checks it.' >fx/b/prompt.md
echo 0 >fx/a/starter/n.txt; echo 42 >fx/a/solution/n.txt; echo 41 >fx/a/wrong/bad/n.txt
echo 0 >fx/b/starter/m.txt; echo 7 >fx/b/solution/m.txt
cat >fx/a/tests/tap.sh <<'SH'
echo 1..2
test "$(cat n.txt)" = 42 && echo "ok 1 - n is 42" || echo "not ok 1 - n is 42"
echo "ok 2 - always"
SH
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "par", "title": "Par", "stage": 1, "version": "1.0.0",
  "exercises": [
   { "id": "a", "title": "A", "prompt": "a/prompt.md", "starter": "a/starter", "solution": "a/solution",
     "wrong": "a/wrong", "tests": "a/tests",
     "checks": [
      { "id": "slow", "run": ["sh", "-c", "sleep 0.6; test \"$(cat n.txt)\" = 42"], "points": 1 },
      { "id": "fast", "run": ["sh", "-c", "echo fast; test \"$(cat n.txt)\" = 42"], "points": 2 },
      { "id": "tap", "kind": "tap", "run": ["sh", "tests/tap.sh"], "points": 1 },
      { "id": "secret", "hidden": true, "run": ["sh", "-c", "sleep 0.3; test \"$(cat n.txt)\" = 42"], "points": 1 } ] },
   { "id": "b", "title": "B", "prompt": "b/prompt.md", "starter": "b/starter", "solution": "b/solution",
     "tests": "b/tests",
     "checks": [ { "id": "m", "run": ["sh", "-c", "echo m is $(cat m.txt); test \"$(cat m.txt)\" = 7"], "points": 1 } ] } ] }
JSON
mkdir -p good/a good/b half/a half/b
cp fx/a/solution/n.txt good/a/; cp fx/b/solution/m.txt good/b/
cp fx/a/solution/n.txt half/a/; cp fx/b/starter/m.txt half/b/
chmod -R a+rX .

strip() { # the report without its timings
	/usr/bin/python3 - "$1" <<'PY'
import json, sys
def s(o):
    if isinstance(o, dict):
        return {k: s(v) for k, v in o.items() if k not in ("duration_ms", "cpu_ms", "max_rss_kb")}
    if isinstance(o, list):
        return [s(x) for x in o]
    return o
print(json.dumps(s(json.load(open(sys.argv[1]))), indent=1, sort_keys=True))
PY
}

for sub in good half; do
	for j in 1 2 3; do
		"$RR" fx $sub -j $j --report r$j.json --color=never >out$j.txt 2>err$j.txt
		echo $? >st$j.txt
		strip r$j.json >r$j.stripped
	done
	for j in 2 3; do
		cmp -s st1.txt st$j.txt || die "$sub: exit status of -j$j $(cat st$j.txt), of -j1 $(cat st1.txt)"
		diff r1.stripped r$j.stripped >/dev/null || { diff r1.stripped r$j.stripped; die "$sub: -j$j report differs from -j1"; }
		diff out1.txt out$j.txt >/dev/null || { diff out1.txt out$j.txt; die "$sub: -j$j output differs from -j1"; }
		diff err1.txt err$j.txt >/dev/null || { diff err1.txt err$j.txt; die "$sub: -j$j stderr differs from -j1"; }
	done
	[ $sub = good ] && expect_eq 0 "$(cat st1.txt)" "exit status at full score"
	[ $sub = half ] && expect_eq 1 "$(cat st1.txt)" "exit status without full score"
done
# The order is the pack's, not the order of finishing.
expect_eq "slow fast tap secret m" "$(json_get r2.json '" ".join(c["id"] for e in r["exercises"] for c in e["checks"])')" "check order under -j2"

# validate prints the same with any -j.
"$RR" validate fx -j1 >v1.txt 2>&1; s1=$?
"$RR" validate fx -j2 >v2.txt 2>&1; s2=$?
expect_eq "$s1" "$s2" "validate exit status -j1 vs -j2"
diff v1.txt v2.txt || die "validate -j2 prints other than -j1"
expect_grep "ok   a: solution 5/5, empty 0/5, starter 0/5, wrong/bad 0/5" v2.txt

# -j takes 1..256.
for bad in 0 -1 x 257 ''; do
	"$RR" fx good -j "$bad" >/dev/null 2>err.txt; st=$?
	expect_eq 2 "$st" "run -j '$bad'"
	"$RR" validate fx -j "$bad" >/dev/null 2>err.txt; st=$?
	expect_eq 2 "$st" "validate -j '$bad'"
done

# Each check keeps its own process limit: "hog" holds as many processes as
# its limit allows while "forks" starts its own 12 beside it. Were the
# limit counted for both (one user namespace shared by the workers), forks
# could not fork.
mkdir -p pl/e/starter pl/e/tests plsub/e
echo 'Fork; `hog` and `forks` check it.' >pl/e/prompt.md
cat >pl/pack.json <<'JSON'
{ "format": 1, "id": "pl", "title": "Pl", "stage": 1, "version": "1.0.0",
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/prompt.md", "starter": "e/starter", "tests": "e/tests",
    "checks": [
     { "id": "hog", "run": ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do sleep 3 & done; wait"], "points": 1, "processes": 16, "timeout": 10 },
     { "id": "forks", "run": ["sh", "-c", "sleep 1; for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1 & done; wait; echo forked"], "points": 1, "processes": 16, "timeout": 10 } ] } ] }
JSON
chmod -R a+rX pl plsub
"$RR" pl plsub -j2 --report pl.json >pl.txt 2>&1; st=$?
expect_eq 0 "$st" "two checks with their own process limits, side by side ($(cat pl.txt))"
# ... and they did run side by side: together in less than the sum.
expect_eq true "$(json_get pl.json 'r["duration_ms"] < sum(c["duration_ms"] for c in r["exercises"][0]["checks"]) - 500')" "the checks overlapped"

# An interrupted parallel run leaves no temporary file and no process.
mkdir -p tmp
sed 's/sleep 0.6;/sleep 41.5;/; s/sleep 0.3;/sleep 41.5;/' fx/pack.json >fx/pack.json.new && mv fx/pack.json.new fx/pack.json
chmod -R a+rX fx
TMPDIR=$PWD/tmp "$RR" fx good -j2 --report int.json --quiet &
pid=$!
i=0
while [ "$(pgrep -fc 'sleep 41.5')" -lt 2 ]; do
	i=$((i + 1)); [ $i -lt 200 ] || die "the checks never started"; sleep 0.05
done
kill -INT $pid
wait $pid; st=$?
[ "$st" -ge 128 ] || die "SIGINT: expected death by signal, got exit $st"
sleep 0.3
pgrep -f "sleep 41.5" >/dev/null && { pkill -9 -f "sleep 41.5"; die "a check process survived SIGINT"; }
[ -z "$(ls -A tmp)" ] || die "temporary files left behind: $(ls -A tmp)"
[ ! -e int.json ] || die "an interrupted run wrote a report"
exit 0
