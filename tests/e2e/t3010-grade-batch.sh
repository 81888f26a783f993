# t3010: `roadmap-run grade` on a class of submissions: one report per
# submission (and --format files), a CSV and JSON Lines gradebook in name
# order, errors recorded and the batch going on, --pass-mark, plain progress
# lines off a terminal and a bar on one, --shard K/N with `merge` equal to
# one unsharded run (durations aside), SIGKILL halfway then --resume, and a
# grading worker killed mid-submission.
set -u
. "$LIB"
PY=/usr/bin/python3

mkdir -p fx/add/starter fx/add/solution fx/add/tests
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "batch", "title": "Batch", "stage": 1, "version": "1.0.0",
  "defaults": { "timeout": 2 },
  "exercises": [
    { "id": "add", "title": "Add", "prompt": "add/prompt.md", "starter": "add/starter",
      "solution": "add/solution", "tests": "add/tests",
      "checks": [
        { "id": "sum", "run": ["sh", "tests/sum.sh"], "points": 2 },
        { "id": "secret", "run": ["sh", "tests/sum.sh"], "points": 1, "hidden": true } ] },
    { "id": "slow", "title": "Slow", "prompt": "add/prompt.md", "starter": "add/starter",
      "solution": "add/solution", "tests": "add/tests",
      "checks": [ { "id": "wait", "run": ["sh", "tests/slow.sh"], "points": 1 } ] }
  ],
  "quiz": [ { "id": "q1", "type": "bool", "prompt": "1 + 1 = 2?", "answer": true,
              "explanation": "Arithmetic." } ] }
JSON
echo "Write add.sh." >fx/add/prompt.md
printf 'echo 0\n' >fx/add/starter/add.sh
printf 'echo $(($1 + $2))\n' >fx/add/solution/add.sh
printf '[ "$(sh add.sh 2 3)" = 5 ] || { echo "expected 5"; exit 1; }\n' >fx/add/tests/sum.sh
printf 'sleep 0.3; [ -f add.sh ]\n' >fx/add/tests/slow.sh

# 21 submissions: good ones, starters, an empty one, bad answers, and a
# name a spreadsheet would run as a formula.
mkdir subs
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16; do
	mkdir -p subs/good$i/add subs/good$i/slow
	cp fx/add/solution/add.sh subs/good$i/add/; cp fx/add/solution/add.sh subs/good$i/slow/
	echo '{ "format": 1, "answers": { "q1": true } }' >subs/good$i/answers.json
done
for n in starter1 starter2; do
	mkdir -p subs/$n/add subs/$n/slow
	cp fx/add/starter/add.sh subs/$n/add/; cp fx/add/starter/add.sh subs/$n/slow/
done
mkdir subs/empty subs/.hidden
mkdir -p subs/badanswers/add; echo '{ "format": 1, "answers": { "q1": "yes" } }' >subs/badanswers/answers.json
mkdir -p "subs/=cmd,x/add"; cp fx/add/solution/add.sh "subs/=cmd,x/add/"
chmod -R a+rX . 2>/dev/null
N=21

# --- one run of the whole class ---------------------------------------------------
"$RR" grade fx --submissions-dir subs -j3 --out g1 --format junit >g1.out 2>g1.err; st=$?
expect_eq 1 "$st" "exit status when not every submission has full score"
expect_grep "graded $N submissions (0 resumed)" g1.out
expect_grep "runner peak RSS" g1.out
[ "$(grep -c '^\[ *[0-9]*/21\] ' g1.err)" = $N ] || { cat g1.err; die "expected $N plain progress lines"; }
expect_grep '^\[ *[0-9]*/21\] good07: pass 5/5' g1.err
$PY - g1 <<'PYEOF' || die "gradebook of the whole class"
import csv, json, os, sys
d = sys.argv[1]
rows = [json.loads(l) for l in open(f"{d}/gradebook.jsonl")]
names = [r["submission"] for r in rows]
assert names == sorted(names) and len(names) == 21 and ".hidden" not in names, names
by = {r["submission"]: r for r in rows}
g = by["good01"]
assert (g["status"], g["score"], g["max_score"]) == ("pass", 5, 5), g
assert g["exercises"] == {"add": 3, "slow": 1} and g["quiz"] == 1, g
assert g["pack_digest"].startswith("sha256:") and g["duration_ms"] > 0 and g["message"] == ""
assert g["shard"] == "1/1", g
s = by["starter1"]
assert (s["status"], s["score"], s["exercises"]["add"], s["quiz"]) == ("fail", 1, 0, 0), s
e = by["badanswers"]   # a broken answers.json fails the quiz only
assert e["status"] == "fail" and e["exercises"]["add"] == 0 and e["quiz"] == 0, e
assert "quiz not graded" in e["message"] and "q1" in e["message"], e["message"]
assert e["max_score"] == 5
with open(f"{d}/gradebook.csv", newline="") as f:
    table = list(csv.reader(f))
assert table[0] == ["submission", "status", "score", "max_score", "add", "slow", "quiz",
                    "pack_digest", "duration_ms", "message", "shard", "track"], table[0]
assert all(r[11] == "python" for r in table[1:]) and g["track"] == "python"  # a pack without tracks
assert [r[0] for r in table[1:]] == ["'=cmd,x" if n == "=cmd,x" else n for n in names]
row = {r[0]: r for r in table[1:]}
assert row["badanswers"][4] == "0" and row["badanswers"][6] == "0" and "q1" in row["badanswers"][9]
assert row["good01"][1:7] == ["pass", "5", "5", "3", "1", "1"], row["good01"]
for n in names:
    rep = f"{d}/reports/{n}"
    if True:
        r = json.load(open(f"{rep}/report.json"))
        assert r["score"] == by[n]["score"] and os.path.exists(f"{rep}/junit.xml"), n
PYEOF

# --- --pass-mark gates on the score --------------------------------------------------
expect_status 0 "$RR" grade fx subs/good01 --out p1 -q
expect_status 1 "$RR" grade fx subs/starter1 --out p2 -q
expect_status 0 "$RR" grade fx subs/starter1 --out p3 -q --pass-mark 20
expect_status 1 "$RR" grade fx subs/starter1 --out p4 -q --pass-mark 21
expect_status 1 "$RR" grade fx subs/badanswers --out p5 -q --pass-mark 1
expect_status 2 "$RR" grade fx subs/good01 --pass-mark 101 2>/dev/null
expect_status 2 "$RR" grade fx subs/good01 --shard 4/3 2>/dev/null
expect_status 2 "$RR" grade fx 2>/dev/null
expect_status 2 "$RR" grade fx subs/good01 other/good01 2>/dev/null
expect_status 2 "$RR" grade fx / 2>/dev/null
expect_status 3 "$RR" grade subs subs/good01 2>/dev/null

# The output directory inside --submissions-dir is not a submission.
mkdir two; cp -R subs/good01 two/a
"$RR" grade fx --submissions-dir two --out two/out -q; st=$?
expect_eq 0 "$st" "exit status with --out inside --submissions-dir"
expect_eq a "$(cut -d, -f1 two/out/gradebook.csv | tail -n +2 | tr '\n' ' ' | sed 's/ $//')" "graded names"
"$RR" grade fx --submissions-dir two --out two/out -q; st=$?
expect_eq 0 "$st" "second run with --out inside --submissions-dir"

# --- shards merged equal the unsharded run -----------------------------------------
for k in 1 2 3; do
	"$RR" grade fx --submissions-dir subs -j2 --shard $k/3 --out s$k -q; st=$?
	expect_eq 1 "$st" "exit status of shard $k"
done
"$RR" merge s1 s2/gradebook.jsonl s3 --out merged >merge.out || die "merge failed"
expect_grep "merged $N submissions from 3 gradebooks" merge.out
same_but_durations() {
	$PY - "$1" "$2" <<'PYEOF'
import csv, json, sys
a, b = sys.argv[1:3]
def jl(d):
    rows = [json.loads(l) for l in open(f"{d}/gradebook.jsonl")]
    for r in rows: r.pop("duration_ms")
    return rows
def cs(d):
    t = list(csv.reader(open(f"{d}/gradebook.csv", newline="")))
    i = t[0].index("duration_ms")
    return [r[:i] + r[i + 1:] for r in t]
assert jl(a) == jl(b), "JSON Lines gradebooks differ"
assert cs(a) == cs(b), "CSV gradebooks differ"
PYEOF
}
same_but_durations merged g1 || die "merged shards differ from the unsharded run"
# Shards are disjoint, balanced, and deterministic.
expect_eq "7 7 7" "$(wc -l <s1/gradebook.jsonl) $(wc -l <s2/gradebook.jsonl) $(wc -l <s3/gradebook.jsonl)" "shard sizes"
"$RR" merge s1 s1 --out bad >/dev/null 2>merge.err; st=$?
expect_eq 3 "$st" "merging a shard twice"
expect_grep "shard 1/3 is given twice: 's1/gradebook.jsonl' and 's1/gradebook.jsonl'" merge.err
sed 's/sha256:[0-9a-f]*/sha256:0000/' s2/gradebook.jsonl >other.jsonl
"$RR" merge s1 other.jsonl --out bad >/dev/null 2>merge.err; st=$?
expect_eq 3 "$st" "merging gradebooks of different packs"
expect_grep "different packs" merge.err

# --- SIGKILL halfway, then --resume ---------------------------------------------------
"$RR" grade fx --submissions-dir subs -j2 --out gk -q & pid=$!
i=0
while [ "$(ls gk/reports/*/report.json 2>/dev/null | wc -l)" -lt 4 ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
kill -9 $pid; wait $pid 2>/dev/null
sleep 0.5
ps -eo stat=,args= | grep -v '^Z' | grep -q "[o]ut gk" && die "workers outlived the killed batch"
[ -e gk/gradebook.csv ] && die "a killed batch left a gradebook"
done_before=$(ls gk/reports/*/report.json | wc -l)
[ "$done_before" -ge 4 ] && [ "$done_before" -lt $N ] || die "kill came at the wrong time ($done_before done)"
for f in gk/reports/*/report.json; do
	$PY -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" || die "half-written $f"
done
"$RR" grade fx --submissions-dir subs -j2 --out gk --resume >resume.out 2>/dev/null; st=$?
expect_eq 1 "$st" "exit status of the resumed batch"
grep -q "graded $N submissions ([0-9]* resumed)" resume.out || die "no summary: $(cat resume.out)"
resumed=$(sed -n 's/.*(\([0-9]*\) resumed).*/\1/p' resume.out)
[ "$resumed" -ge "$done_before" ] || die "resumed $resumed, but $done_before reports were complete"
find gk -name '*.tmp.*' | grep -q . && die "temporary files left: $(find gk -name '*.tmp.*')"
same_but_durations gk g1 || die "killed and resumed batch differs from one run"

# --- a worker killed mid-submission: recorded as an error, the batch goes on ---------
"$RR" grade fx --submissions-dir subs -j2 --out gw -q & pid=$!
i=0
while [ "$(ls gw/reports/*/report.json 2>/dev/null | wc -l)" -lt 2 ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
w=$(ps -o pid= --ppid $pid | head -1)
[ -n "$w" ] || die "no worker process found"
kill -9 $w
wait $pid; st=$?
expect_eq 1 "$st" "exit status after a worker died"
$PY - gw <<'PYEOF' || die "gradebook after a worker died"
import json, sys
rows = [json.loads(l) for l in open(f"{sys.argv[1]}/gradebook.jsonl")]
assert len(rows) == 21, len(rows)
died = [r for r in rows if "grading process died" in r["message"]]
assert len(died) == 1 and died[0]["status"] == "error", [r["message"] for r in rows]
assert "killed by signal 9" in died[0]["message"], died[0]["message"]
PYEOF

# --- on a terminal: a progress bar with rate and ETA ------------------------------------
script -qec "$RR grade fx subs/good01 subs/good02 --out tty" /dev/null >tty.out 2>&1
grep -q "ETA" tty.out || { cat tty.out; die "no progress bar on a terminal"; }
grep -q "2/2" tty.out || die "progress bar without done/total"
exit 0
