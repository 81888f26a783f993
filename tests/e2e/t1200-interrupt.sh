# A run interrupted by SIGINT or SIGTERM mid-check leaves nothing behind:
# no temporary directory, no check process, and no half-written report.
set -u
. "$LIB"

mkdir -p fx/e/starter fx/e/tests sub/e tmp
echo "Wait." >fx/e/prompt.md
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "slow", "title": "Slow", "stage": 1, "version": "1.0.0",
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/prompt.md", "starter": "e/starter",
    "tests": "e/tests",
    "checks": [ { "id": "sleepy", "run": ["sh", "-c", "sleep 47.5 & sleep 47.5"], "points": 1, "timeout": 30 } ] } ] }
JSON
chmod -R a+rX . 

for sig in TERM INT; do
	rm -f report.json
	TMPDIR=$PWD/tmp "$RR" fx sub --report report.json --quiet &
	pid=$!
	# Wait until the check is running.
	i=0
	while ! pgrep -f "sleep 47.5" >/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || die "the check never started"; sleep 0.05
	done
	kill -s $sig $pid
	wait $pid; st=$?
	[ "$st" -ge 128 ] || die "SIG$sig: expected death by signal, got exit $st"
	sleep 0.2
	pgrep -f "sleep 47.5" >/dev/null && { pkill -9 -f "sleep 47.5"; die "SIG$sig: a check process survived"; }
	[ -z "$(ls -A tmp)" ] || die "SIG$sig: temporary files left behind: $(ls -A tmp)"
	[ ! -e report.json ] || die "SIG$sig: a report was written by an interrupted run"
done
exit 0
