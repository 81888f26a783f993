# Attacks on the runner itself rather than the machine: a flood of refused
# calls from many threads (each one a round trip to the runner), output no
# report or terminal should carry raw, a work directory built to resist
# removal (3000 levels deep, permissions taken away, a FIFO, symlinks to /
# and ..), moving out of the check's cgroup, and reaching into the
# sandbox's own processes (the pid-1 init, the runner) through /proc. The runner stays
# responsive, the report stays valid JSON, and nothing is left behind in
# its temporary directory.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

mkdir rrtmp
chmod 0777 rrtmp
new_pack
add_check denial-flood '["./attack", "denial-flood", "8"]'
add_check garbage '["./attack", "garbage"]'
add_check traps '["./attack", "cleanup-traps"]' '"timeout": 5'
add_check cgroup '["./attack", "cgroup-escape"]'
add_check proc-parent '["./attack", "proc-parent"]'
add_check proc1 '["sh", "-c", "cat /proc/1/environ; ls -l /proc/1/root/ /proc/1/cwd/ /proc/1/fd/; head -c 64 /proc/1/mem; for f in /proc/sysrq-trigger /proc/sys/vm/drop_caches /proc/sys/kernel/core_pattern; do echo ESCAPED >$f && echo ESCAPED write $f; done; exit 0"]'
# Who pid 1 is: check-init (exec'd from a memfd, no capabilities, not
# root), or the forked init; and its memory cannot be written either way.
add_check init '["sh", "-c", "tr \"\\000\" \" \" </proc/1/cmdline; echo; grep -E \"^(Uid|CapEff):\" /proc/1/status; echo x | dd of=/proc/1/mem bs=1 seek=4096 conv=notrunc 2>/dev/null && echo ESCAPED wrote init memory; exit 0"]'
start=$(date +%s)
TMPDIR=$PWD/rrtmp run_pack
end=$(date +%s)

st=$(field denial-flood status)
[ "$st" = timeout ] || flunk "denial-flood: status $st, expected timeout"
expect_denial denial-flood "^socket\\(AF_INET\\)"
[ $((end - start)) -le 15 ] || flunk "five checks took $((end - start)) s: the runner was slowed down"
# the report stays valid JSON (json_get parses it) with bad UTF-8 replaced
expect_check garbage pass
expect_output garbage "bad utf-8: .*end"
json_get out.json "len(r['exercises'][0]['checks'][1]['output'].encode('utf-8'))" >/dev/null ||
	flunk "garbage: the output is not valid UTF-8"
expect_check traps pass
expect_output traps "nested 3000 directories"
expect_check cgroup pass
expect_no_output cgroup ESCAPED
expect_no_output proc1 "ESCAPED|PATH=|HOME="
expect_check proc-parent pass
expect_no_output proc-parent ESCAPED
expect_check init pass
expect_no_output init ESCAPED
if has_namespace pid; then
	expect_output init "CapEff:[[:space:]]+0+$"
	# The forked init is a copy of roadmap-run, but its command line
	# (which anyone may read) no longer names the runner's path or the
	# pack's: it says what it is.
	if [ "${RR_ATTACKS_FORKED_INIT:-}" = 1 ]; then
		expect_output init "^check-init forked"
		expect_no_output init "roadmap-run|fx|sub"
	else
		expect_output init "^check-init [0-9]+ $"
	fi
	# Not root in the check's user namespace, nor uid 0 on the host.
	expect_no_output init "^Uid:[[:space:]]+0[[:space:]]"
fi
left=$(find rrtmp -mindepth 1 -maxdepth 1 2>/dev/null | head -5)
[ -z "$left" ] || { ls -la rrtmp >&2; flunk "the runner left temporary files behind: $left"; chmod -R u+rwX rrtmp; }
exit 0
