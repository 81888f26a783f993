# t3070: the Slurm job array of docs/ci.md, run on a real (one-node,
# private) Slurm cluster: scripts/slurm-local starts munged, slurmctld and
# slurmd; the docs' grade.sbatch runs as `sbatch --array=1-3` (each task
# grading --shard $SLURM_ARRAY_TASK_ID/3), the docs' dependent merge job
# joins the shards, and the merged gradebook equals one local unsharded
# grade (durations aside). Skipped, saying why, only where Slurm cannot
# start (not installed, or a daemon refuses to run as this user).
set -u
. "$LIB"
PY=/usr/bin/python3
SL=$PWD/slurm
cleanup() { "$ROOT/scripts/slurm-local" stop "$SL" >/dev/null 2>&1; }
trap cleanup EXIT INT TERM

"$ROOT/scripts/slurm-local" start "$SL" </dev/null >sl.out 2>sl.err; st=$?
if [ $st -eq 77 ]; then
	echo "skip: $(head -n 1 sl.err | sed 's/^slurm-local: //') (uid $(id -u))"
	sed 's/^/    /' sl.err
	exit 0
fi
[ $st -eq 0 ] || die "scripts/slurm-local start failed ($st): $(cat sl.err)"
export SLURM_CONF="$SL/slurm.conf"

# The class: 7 submissions of the quiz fixture, passing, failing, broken.
PACK=$ROOT/tests/fixtures/quiz/pack
mkdir -p packs class bin
ln -s "$RR" bin/roadmap-run
PATH=$PWD/bin:$PATH
export PATH
"$RR" pack "$PACK" -o packs/security.tar.gz --quiet || die "pack failed"
for i in 1 2 3 4 5; do
	mkdir -p class/s$i/intro
	[ $((i % 2)) -eq 1 ] && cp "$PACK/intro/starter/hello.py" class/s$i/intro/
	echo '{ "format": 1, "answers": { "tls-needed": true, "rtt-ms": '$((55 + i))' } }' >class/s$i/answers.json
done
mkdir -p class/empty class/broken/intro
echo '{ "format": 1, "answers": ' >class/broken/answers.json

# The docs' two blocks, as written there.
awk '/t3070-slurm-array.sh runs this script/ { on = 1; next }
     on && /^```sh$/ { n++; next }
     on && /^```$/ { if (n == 2) exit; next }
     on && n == 1 { print > "grade.sbatch" }
     on && n == 2 { print > "submit.sh" }' "$ROOT/docs/ci.md"
grep -q 'shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"' grade.sbatch || die "no sbatch script in docs/ci.md"
grep -q 'roadmap-run merge' submit.sh || die "no merge job in docs/ci.md"

# Three tasks instead of the docs' 16.
sed -i 's/^#SBATCH --array=1-16$/#SBATCH --array=1-3/' grade.sbatch
grep -q '^#SBATCH --array=1-3$' grade.sbatch || die "no '#SBATCH --array=1-16' in the docs' script"
sh submit.sh >submit.out 2>submit.err || die "sbatch: $(cat submit.err)"
i=0
while [ -n "$(squeue -h -o '%i' 2>/dev/null)" ]; do
	if squeue -h -o '%r' | grep -q DependencyNeverSatisfied; then
		squeue >&2; cat slurm-*.out >&2
		die "a grading task failed: the merge job can never run"
	fi
	i=$((i + 1))
	[ $i -lt 600 ] || { squeue >&2; tail -n 20 "$SL/slurmctld.log" >&2; die "the jobs did not finish in 120 s"; }
	sleep 0.2
done
for k in 1 2 3; do
	[ -f grades/shard-$k/gradebook.meta.json ] || { cat slurm-*.out >&2; die "task $k wrote no gradebook"; }
	expect_eq "$k/3" "$(json_get grades/shard-$k/gradebook.meta.json "r['shard']")" "shard of task $k"
done
[ -f grades/all/gradebook.jsonl ] || { cat slurm-*.out >&2; die "the merge job wrote no gradebook"; }
grep -l "merged 7 submissions from 3 gradebooks (shard 1/1)" slurm-*.out >/dev/null ||
	{ cat slurm-*.out >&2; die "the merge job did not merge the 3 shards"; }

# The same class graded here in one run.
roadmap-run grade packs/security.tar.gz --submissions-dir class --out local -q; st=$?
expect_eq 1 "$st" "exit status of the unsharded run"
$PY - grades/all local <<'PYEOF' || die "the merged gradebook differs from the unsharded run"
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
assert len(jl(a)) == 7 and jl(a) == jl(b), (jl(a), jl(b))
assert cs(a) == cs(b)
ma, mb = (json.load(open(f"{d}/gradebook.meta.json")) for d in (a, b))
assert ma == mb, (ma, mb)
PYEOF
exit 0
