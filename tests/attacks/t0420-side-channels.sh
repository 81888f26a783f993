# Smaller faults (issue 10, class 8) and a refusal that said less than it
# knew: the host name a check sees is "check" (as --check-sandbox
# promises) wherever it has a UTS namespace; a hidden check leaks neither
# its exit code, signal, time nor memory; an allocation refused by the
# address-space limit is status memory, while a test that merely prints
# "Cannot allocate memory" and fails stays a failure.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
set_defaults '{ "timeout": 5, "memory_mb": 128, "processes": 64, "output_kb": 64 }'
add_check host '["sh", "-c", "echo NAME=$(uname -n)"]'
add_check hidden-exit '["sh", "-c", "exit 42"]' '"hidden": true'
add_check hidden-sig '["sh", "-c", "kill -USR1 $$"]' '"hidden": true'
add_check hidden-mem '["python3", "-c", "x = bytearray(60 << 20); import time; time.sleep(0.3); raise SystemExit(7)"]' '"hidden": true'
add_check oom-py '["sh", "-c", "python3 -c \"x = bytearray(8 << 30)\" 2>&1"]'
add_check oom-err '["python3", "-c", "x = bytearray(8 << 30)"]'
add_check not-oom '["sh", "-c", "echo \"Cannot allocate memory test\"; echo \"test of out of memory handling: wrong\" >&2; exit 1"]'
run_pack

if has_namespace uts; then
	expect_output host "^NAME=check$"
fi
for id in hidden-exit hidden-sig hidden-mem; do
	for k in exit_code signal; do
		v=$(field "$id" "$k")
		case $v in null|None) ;; *) false ;; esac || flunk "hidden check $id shows $k = $v"
	done
	[ "$(field "$id" duration_ms)" = 0 ] || flunk "hidden check $id shows its duration"
	json_get out.json "[c for c in r['exercises'][0]['checks'] if c['id']=='$id'][0]" |
		grep -q "cpu_ms\|max_rss_kb" && flunk "hidden check $id shows its CPU time or memory"
done
expect_check hidden-exit fail
expect_check oom-py memory
expect_check oom-err memory
expect_check not-oom fail
exit 0
