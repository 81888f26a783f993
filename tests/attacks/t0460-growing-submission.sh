# A submission that grows after it was measured (issue 10, class 5): the
# exercise is measured once (1 MiB, well under the 128 MiB limit), then,
# while its first check runs, a process of the test grows the file to
# 200 MiB (sparse: no disk). The later checks' copies must refuse it
# rather than bring more than the limit into their work directories.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
head -c 1048576 /dev/zero >sub/a/big.bin
set_defaults '{ "timeout": 5, "memory_mb": 256, "processes": 64, "output_kb": 64 }'
add_check first '["sh", "-c", "stat -c %s big.bin; sleep 2", "first-'"$MARK"'"]'
add_check second '["sh", "-c", "stat -c %s big.bin"]'
add_check third '["sh", "-c", "ls -l; stat -c %s big.bin"]'

# The grower: once the first check runs (its command line is visible from
# here), the exercise has been measured; grow the file then.
(
	i=0
	while [ $i -lt 200 ] && ! pgrep -f -- "first-$MARK" >/dev/null 2>&1; do
		sleep 0.05; i=$((i + 1))
	done
	truncate -s 200M sub/a/big.bin && echo grown >grown
) &
BG_PIDS="$BG_PIDS $!"
# The checks one after another: in parallel (-j), the later ones could be
# copied before the file grows, and then rightly pass.
RR_RUN_ARGS="-j 1"
run_pack
wait
[ -f grown ] || die "the file was not grown while the first check ran"

expect_check first pass
expect_output first '^1048576$'
for c in second third; do
	expect_check $c error
	expect_message $c 'grew past 128 MiB'
	expect_no_output $c '209715200'
done
exit 0
