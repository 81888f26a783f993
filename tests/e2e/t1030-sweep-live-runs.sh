# The sweep of temporary directories left by killed runs never removes the
# directory of a run that is still going: the name carries the run's pid
# namespace (a run in another one is never judged by its pid), and a live
# run holds a lock on its directory, which the sweep respects even when
# the pid in the name looks dead (a reused namespace or pid).
set -u
. "$LIB"
mkdir -p tmp sub/e
export TMPDIR="$PWD/tmp"
dead=3999999
while kill -0 $dead 2>/dev/null; do dead=$((dead - 1)); done
ns=$(stat -L -c %i /proc/self/ns/pid)
dead=$dead-$ns
mkdir tmp/roadmap-run-root-$dead.live1 tmp/roadmap-run-root-$dead.gone1
touch tmp/roadmap-run-root-$dead.live1/mark tmp/roadmap-run-root-$dead.gone1/mark
command -v flock >/dev/null || die "flock (util-linux) is needed"
flock -o -s tmp/roadmap-run-root-$dead.live1 sleep 30 &
holder=$!
trap 'kill $holder 2>/dev/null' EXIT
sleep 0.3
"$RR" "$ROOT/tests/fixtures/quiz/pack" sub -q --report r.json 2>err.txt
[ -f r.json ] || die "no report: $(cat err.txt)"
[ -e tmp/roadmap-run-root-$dead.live1/mark ] || die "the sweep removed a live run's directory"
[ -e tmp/roadmap-run-root-$dead.gone1 ] && die "the sweep left a dead run's directory"
kill $holder; wait $holder 2>/dev/null; trap - EXIT
"$RR" "$ROOT/tests/fixtures/quiz/pack" sub -q --report r.json 2>err.txt
[ -e tmp/roadmap-run-root-$dead.live1 ] && die "the sweep left a directory whose run has ended"
# A directory of another pid namespace is never swept by pid.
mkdir tmp/roadmap-run-root-12345-1.other
"$RR" "$ROOT/tests/fixtures/quiz/pack" sub -q --report r.json 2>err.txt
[ -e tmp/roadmap-run-root-12345-1.other ] || die "the sweep judged another pid namespace's run by its pid"
exit 0
