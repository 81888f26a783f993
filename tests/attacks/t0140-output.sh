# Output and disk attacks (Judger, DMOJ, DOMjudge): stdout and stderr floods
# and an endless putchar stop with status output, bounded; a file-size bomb
# stops at RLIMIT_FSIZE (killed by SIGXFSZ, or EFBIG when it ignores it).
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check stdout '["./attack", "flood", "stdout"]'
add_check stderr '["./attack", "flood", "stderr"]'
add_check putchar '["./attack", "putchar-flood"]'
add_check yes '["yes"]'
add_check fsize '["./attack", "fsize-bomb"]' '"timeout": 5'
add_check fsize-ignore '["./attack", "fsize-bomb", "ignore"]' '"timeout": 5'
run_pack

for id in stdout stderr putchar yes; do
	expect_check $id output
	expect_message $id "output limit of 64 KiB"
	[ "$(field $id output_truncated)" = true ] || flunk "$id: output_truncated is not true"
	len=$(json_get out.json "len([c for c in r['exercises'][0]['checks'] if c['id']=='$id'][0]['output'])")
	[ "$len" -le $((64 * 1024 + 1024)) ] || flunk "$id: $len bytes of output kept under a 64 KiB limit"
done
[ "$(wc -c <out.json)" -le 600000 ] || flunk "report is $(wc -c <out.json) bytes"

# SIGXFSZ at the limit: reported like an output limit
expect_check fsize output
expect_message fsize "file size limit of 64 MiB exceeded"
# ignoring SIGXFSZ, writes fail with EFBIG exactly at the limit (and the
# program, which handles that, passes)
expect_check fsize-ignore pass
expect_output fsize-ignore "stopped after [0-9]+ bytes: File too large"
n=$(field fsize-ignore output | sed -n 's/^stopped after \([0-9]*\) bytes.*/\1/p')
[ -n "$n" ] && [ "$n" -le $((64 * 1024 * 1024)) ] || flunk "fsize-ignore: wrote '$n' bytes"
