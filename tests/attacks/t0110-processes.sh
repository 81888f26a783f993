# Process attacks (Judger, DMOJ, go-judge): a fork bomb in C and in sh, a
# thread bomb and fd exhaustion are bounded by the check's limits, and
# nothing they started survives the check.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
set_defaults '{ "timeout": 2, "memory_mb": 256, "processes": 32, "output_kb": 64 }'
add_check fork-bomb "[\"./attack\", \"fork-bomb\", \"$MARK-fork\"]"
add_check sh-fork-bomb "[\"sh\", \"-c\", \"b() { b | b & }; b; sleep 5 # $MARK-shbomb\"]"
add_check thread-bomb '["./attack", "thread-bomb"]'
add_check fd-exhaust '["./attack", "fd-exhaust"]'
add_check after '["sh", "-c", "echo the machine still forks"]'
run_pack

# The C bomb stops at the process limit (32, counting itself), not at the
# system's; its children are killed with the check. Without a cgroup the
# limit is RLIMIT_NPROC, which counts the whole uid: the runner adds the
# uid's processes at start-up, so the bound is approximate (documented).
if has_cgroup; then max=32; else max=64; fi
n=$(field fork-bomb output | sed -n 's/^forked \([0-9]*\) processes.*/\1/p')
[ -n "$n" ] || { show_check fork-bomb; flunk "fork-bomb: no count printed"; n=0; }
[ "$n" -le $max ] || flunk "fork-bomb: forked $n processes under a limit of 32"
expect_output fork-bomb "Resource temporarily unavailable"
expect_no_survivor "$MARK-fork"
# The shell bomb: bounded and over; whatever its status (it may well exit
# 0 once forks fail), nothing of it is left.
expect_no_survivor "$MARK-shbomb"
# Threads count against the same limit.
n=$(field thread-bomb output | sed -n 's/^created \([0-9]*\) threads.*/\1/p')
[ -n "$n" ] && [ "$n" -le $max ] || { show_check thread-bomb; flunk "thread-bomb: created '$n' threads under a limit of 32"; }
# Files: EMFILE at the open-files limit.
expect_check fd-exhaust pass
expect_output fd-exhaust "Too many open files"
n=$(field fd-exhaust output | sed -n 's/^opened \([0-9]*\) files.*/\1/p')
[ -n "$n" ] && [ "$n" -le 1024 ] || flunk "fd-exhaust: opened '$n' files"
# and the next check runs normally
expect_check after pass
