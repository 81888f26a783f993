# IPC left behind (isolate runs each box in its own IPC namespace for this
# reason): a check creates a touched 32 MiB System V shared memory segment,
# a message queue, a semaphore set and a POSIX message queue, and exits
# without removing them. Nothing of it may exist on the host afterwards.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

KEY=$(( ($$ % 30000) + 700000 ))
HEX=$(printf '0x%08x' "$KEY")
new_pack
add_check ipc "[\"./attack\", \"ipc-persist\", \"$KEY\"]"
run_pack

expect_check ipc pass
if ipcs 2>/dev/null | grep -qi "$HEX"; then
	ipcs | grep -i "$HEX" >&2
	flunk "System V IPC objects of the check outlived it on the host"
fi
ipcrm -M "$KEY" -Q "$KEY" -S "$KEY" 2>/dev/null
[ -e "/dev/mqueue/rr-attack-$KEY" ] && { rm -f "/dev/mqueue/rr-attack-$KEY"; flunk "a POSIX message queue outlived the check"; }
exit 0
