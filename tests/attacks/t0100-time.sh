# Time attacks (Judger, DMOJ, isolate): a CPU loop, a sleep, a stopped
# process and a child spinning while its parent waits all end as timeouts,
# killed within the wall-clock limit.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check cpu-loop "[\"./attack\", \"cpu-loop\", \"$MARK\"]"
add_check sleep '["./attack", "sleep"]'
add_check sigstop "[\"./attack\", \"sigstop\", \"$MARK\"]"
add_check child-spin '["./attack", "child-spin"]'
add_check sh-loop '["sh", "-c", "while :; do :; done"]'
start=$(date +%s)
run_pack
end=$(date +%s)

expect_check cpu-loop timeout
# On an overloaded machine the wall clock (3 s) can come first.
expect_message cpu-loop "CPU time limit of 1 s exceeded|wall-clock limit of 3 s exceeded"
expect_check sleep timeout
expect_message sleep "wall-clock limit of 3 s exceeded"
expect_check sigstop timeout
expect_message sigstop "wall-clock"
expect_check child-spin timeout
if [ "${RR_ATTACKS_SERVICE:-}" = 1 ]; then
	# t9996: starting Python and a Redis first takes part of the 3 s of
	# wall time; on a loaded machine the wall-clock limit may come first
	expect_message child-spin "CPU time limit|wall-clock limit of 3 s exceeded while computing"
else
	expect_message child-spin "CPU time limit"
fi
expect_check sh-loop timeout

# The child's CPU is counted: the check used about a second of CPU (RLIMIT_CPU
# and rusage clocks differ by up to a third on a loaded VM) although
# its main process only waited.
cpu=$(field child-spin cpu_ms)
[ "$cpu" -ge 600 ] || flunk "child-spin: expected >= 600 ms of CPU counted, got $cpu"
# Wall-clock limits are 3 s each; five checks must finish well within 5 x 4 s.
[ $((end - start)) -le 20 ] || flunk "the five checks took $((end - start)) s"
for id in cpu-loop sleep sigstop child-spin; do
	d=$(field $id duration_ms)
	[ "$d" -le 4000 ] || flunk "$id: ran $d ms, past the 3 s wall-clock limit"
done
expect_no_survivor "attack cpu-loop $MARK"
expect_no_survivor "attack sigstop $MARK"
