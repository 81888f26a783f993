# Signals and tracing (DMOJ, isolate): the check kills and ptraces the
# runner (its pid given in a file), a host process of the check's own uid,
# its parent, and everything with kill(-1). The runner finishes and writes
# its report; the host process survives.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
as_check_uid "$HELPERS/attack" linger "$MARK-victim" &
BG_PIDS="$BG_PIDS $!"
sleep 0.2
victim=$(survivors "$MARK-victim" | awk '{print $1}')
[ -n "$victim" ] || die "victim did not start"
echo "$victim" >sub/a/victim.pid
add_check kill '["./attack", "kill", "@runner.pid", "@victim.pid"]'
add_check kill-all '["./attack", "kill", "-1"]'
add_check kill-parent '["./attack", "kill-parent"]'
add_check ptrace '["./attack", "ptrace", "@runner.pid", "@victim.pid"]'
add_check sh-kill '["sh", "-c", "kill -9 $(cat runner.pid) $(cat victim.pid); kill -STOP -1; kill -9 -1; exit 0"]'
add_check after '["sh", "-c", "echo the runner still works"]'
run_pack

expect_check kill pass
expect_no_output kill ESCAPED
expect_check ptrace pass
expect_no_output ptrace ESCAPED
expect_denial ptrace "^ptrace: checks may not trace or inspect other processes"
expect_check after pass
kill -0 "$victim" 2>/dev/null || flunk "the host victim process was killed"
[ "$(awk '{print $3}' /proc/$victim/stat 2>/dev/null)" = T ] && flunk "the host victim was stopped"
exit 0
