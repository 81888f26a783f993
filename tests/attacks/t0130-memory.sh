# Memory attacks (Judger, DMOJ, isolate): touching more than the limit ends
# with status memory and a message about memory; so does a check whose
# children are each under the limit but together over it; a big static
# array under the limit passes with its memory reported. The machine is
# unaffected: the next check runs.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
cp "$HELPERS/static-array" sub/a/
add_check touch-200 '["./attack", "mem-touch", "200"]' '"memory_mb": 64'
add_check py-bomb '["python3", "-c", "x = bytearray(1 << 30); print(len(x))"]' '"memory_mb": 64'
add_check py-grow '["python3", "-c", "l = []\nwhile True: l.append(bytearray(1 << 20))"]' '"memory_mb": 64, "timeout": 3'
add_check children '["./attack", "mem-children", "4", "40"]' '"memory_mb": 100, "timeout": 3'
add_check static '["./static-array"]' '"memory_mb": 512, "timeout": 5'
add_check after '["sh", "-c", "echo still fine"]'
run_pack

expect_check touch-200 memory
expect_message touch-200 "memory limit of 64 MiB"
expect_check py-bomb memory
expect_message py-bomb "memory"
expect_check py-grow memory
expect_message py-grow "memory"
expect_check static pass
rss=$(field static max_rss_kb)
[ "$rss" -ge 400000 ] || flunk "static: 400 MiB touched but max_rss_kb is $rss"
expect_check after pass

# Four children of 40 MiB under a 100 MiB limit: only a cgroup sees the sum.
if [ "$(layer cgroup)" != "None" ] && [ "$(layer cgroup)" != "null" ] && [ -n "$(layer cgroup)" ]; then
	expect_check children memory
else
	echo "note: no memory cgroup here; the rlimit approximation lets 4 x 40 MiB pass" >&2
	st=$(field children status)
	[ "$st" = pass ] || [ "$st" = memory ] || flunk "children: unexpected status $st"
fi
