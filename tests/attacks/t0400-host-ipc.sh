# System V IPC and POSIX message queues of the host (issue 10, class 3).
# Without an IPC namespace the policy used to refuse only the *get calls,
# but /proc/sysvipc lists every object's id and shmat/shmctl/msgrcv take it
# directly. The test plants a segment, a System V queue and a POSIX queue
# holding a secret, mode 0666 (so only the sandbox stands in the way), and
# a check tries to reach them by id and by name.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

SECRET="ipc-secret-$MARK"
MQ="/rr-secret-$$"
ids=$("$HELPERS/attack" host-ipc-plant "$SECRET" "$MQ") || die "cannot plant the host's IPC objects"
SHM=$(echo "$ids" | awk '{print $2}')
MSQ=$(echo "$ids" | awk '{print $4}')
cleanup_ipc() { "$HELPERS/attack" host-ipc-remove "$SHM" "$MSQ" "$MQ" ||
	echo "warning: could not remove the planted IPC objects" >&2; }
trap 'cleanup_ipc; cleanup_attack' EXIT

new_pack
add_check steal "[\"./attack\", \"sysv-steal\", \"$SECRET\", \"$MQ\"]"
run_pack

expect_check steal pass
expect_no_output steal "ESCAPED"
expect_no_output steal "$SECRET"
if ! has_namespace ipc; then
	# the fallback: every call is refused by the policy, and named
	expect_output steal "BLOCKED shmat\\($SHM\\): Operation not permitted"
	expect_output steal "BLOCKED msgrcv\\($MSQ\\): Operation not permitted"
fi
# the host's segment is still there, untouched
ipcs -m | grep -qw "$SHM" || flunk "the host's shared memory segment is gone"
exit 0
