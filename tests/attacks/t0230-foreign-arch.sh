# Foreign system call ABIs (firejail#87, kafel#19): i386 through int $0x80
# and x32 (nr | 0x40000000) kill the process with SIGSYS and the report
# says why; clone3 answers ENOSYS so libc falls back to clone(2).
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check int80 '["./attack", "int80"]'
add_check x32 '["./attack", "x32"]'
add_check clone3 '["./try-syscall", "clone3"]'
add_check in-child '["./try-syscall", "int80", "x32"]'
add_check threads '["python3", "-c", "import threading\nt = threading.Thread(target=print, args=(\"thread ran\",)); t.start(); t.join()"]'
run_pack

for id in int80 x32; do
	expect_check $id crash
	expect_message $id "killed by the sandbox"
	expect_message $id "int \\\$0x80|x32"
	expect_no_output $id ESCAPED
	[ "$(field $id signal)" = SIGSYS ] || flunk "$id: signal is '$(field $id signal)', not SIGSYS"
done
expect_check clone3 pass
expect_output clone3 "clone3 ENOSYS"
expect_check in-child pass
expect_output in-child "int80 SIGSYS"
expect_output in-child "x32 SIGSYS"
expect_check threads pass
expect_output threads "thread ran"
exit 0
