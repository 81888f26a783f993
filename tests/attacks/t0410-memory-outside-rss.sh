# Memory that RSS does not count (issue 10, class 4): with a 64 MiB limit,
# a check tries to hold 512 MiB in memfds (written, never mapped), in
# detached System V segments of its own IPC namespace, in its /tmp (or
# TMPDIR), in /dev/shm and in its work directory. Each must end with
# status memory, or be refused before it holds much more than the limit:
# by the cgroup (which counts all of it), or without one by the policy
# (memfds; System V IPC where its namespace cannot be bounded), the
# IPC namespace's shmall, the size of the private /tmp, or the runner's
# watch over memory-backed filesystems.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

# held ID: the most check ID said it held; fs ID: the type of filesystem
# it held it in
held() { field "$1" output | sed -n 's/^HELD \([0-9]*\) MiB$/\1/p' | tail -n 1; }
fs() { field "$1" output | sed -n 's/^FS //p' | head -n 1; }

attack_all() {
	new_pack
	set_defaults '{ "timeout": 5, "memory_mb": 64, "processes": 64, "output_kb": 64 }'
	add_check memfd '["./attack", "hold", "memfd", "512"]'
	add_check shm '["./attack", "hold", "shm", "512"]'
	add_check tmp '["sh", "-c", "stat -f -c \"FS %T\" \"$TMPDIR\"; exec ./attack hold \"$TMPDIR\" 512"]'
	add_check devshm '["sh", "-c", "stat -f -c \"FS %T\" /dev/shm/; exec ./attack hold /dev/shm 512"]'
	add_check work '["sh", "-c", "stat -f -c \"FS %T\" .; exec ./attack hold . 512"]'
	run_pack
	for id in memfd shm tmp devshm work; do
		st=$(field "$id" status)
		[ "$st" = memory ] && continue
		case $id:$(fs "$id") in
		tmp:tmpfs|devshm:tmpfs|work:tmpfs|memfd:|shm:) ;;
		*) continue ;; # on disk: not memory (docs/sandbox.md, "Disk space")
		esac
		h=$(held "$id"); h=${h:-0}
		# 64 MiB, plus the 16 MiB step of the attack
		if [ "$h" -gt 80 ]; then
			show_check "$id"
			flunk "$1: check $id held $h MiB outside its RSS under a 64 MiB limit (status $st)"
		fi
	done
	# Without a cgroup, memfds are refused and say why.
	if ! has_cgroup; then
		expect_output memfd "REFUSED memfd after 0 MiB"
		expect_denial memfd "memfd_create"
	fi
}

attack_all "TMPDIR on $(stat -f -c %T "${TMPDIR:-/tmp}/")"
# Again with the runner's TMPDIR (so the work directories, and in the
# fallback the check's TMPDIR) on a tmpfs.
SHMDIR=$(mktemp -d /dev/shm/rr-t0410.XXXXXX) || die "mktemp in /dev/shm"
chmod 755 "$SHMDIR"
trap 'rm -rf "$SHMDIR"; cleanup_attack' EXIT
TMPDIR=$SHMDIR attack_all "TMPDIR on a tmpfs"
exit 0
