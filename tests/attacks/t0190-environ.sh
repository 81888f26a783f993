# Other processes' secrets (isolate, codex): a process of the check's own
# uid on the host holds a secret in its environment, and so does the
# runner. The check scans /proc/*/environ and prints its own environment;
# neither secret reaches it, and its environment is exactly the documented one.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

as_check_uid env RR_ATTACK_SECRET="victim-env-$MARK" sleep 60 &
BG_PIDS="$BG_PIDS $!"
sleep 0.2

new_pack
add_check scan '["./attack", "environ-scan", "RR_ATTACK_SECRET"]'
add_check env '["env"]'
add_check proc '["sh", "-c", "ls /proc | grep -c \"^[0-9]\""]'
run_pack

expect_check scan pass
expect_output scan "BLOCKED no environment holds RR_ATTACK_SECRET"
grep -q "victim-env-$MARK" out.json && flunk "a host process's environment leaked"
grep -q "runner-env-$MARK" out.json && flunk "the runner's environment leaked"
expect_check env pass
names=$(field env output | sed -n 's/=.*//p' | sort | tr '\n' ' ')
for n in $names; do
	case $n in
	PATH|HOME|PWD|TMPDIR|LANG|LC_ALL|PYTHONDONTWRITEBYTECODE|PYTHONHASHSEED|PYTHONNOUSERSITE|ROADMAP_RUN|ROADMAP_CHECK|ROADMAP_RUN_TRACK) ;;
	*) flunk "undocumented variable '$n' in the check's environment" ;;
	esac
done
# With a pid namespace the check sees only its own few processes.
if json_get out.json "r['sandbox']['namespaces']" | grep -q pid; then
	n=$(field proc output)
	most=5
	[ "${RR_ATTACKS_SERVICE:-}" = 1 ] && most=6 # t9996: and the Redis beside it
	[ "$n" -le "$most" ] || flunk "the check sees $n processes in /proc"
fi
exit 0
