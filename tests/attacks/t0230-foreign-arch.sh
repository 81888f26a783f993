# Foreign system call ABIs (firejail#87, kafel#19): i386 through int $0x80
# and x32 (nr | 0x40000000) kill the process with SIGSYS and the report
# says why; clone3 answers ENOSYS so libc falls back to clone(2).
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

# A kernel without IA32 emulation (ia32_emulation=0, or built without
# it, as some VMs are) faults int $0x80 itself, before seccomp sees it:
# outside the sandbox the same call then dies of SIGSEGV, and inside it
# must die the same way (never run). Where the kernel runs it outside, it
# must be killed by the filter inside.
bare=$("$HELPERS/try-syscall" int80 | head -n 1)
case $bare in
"int80 exited") ia32=1 ;;
"int80 SIGSEGV") ia32=0; echo "this kernel has no IA32 emulation: int \$0x80 faults before seccomp" ;;
*) die "int \$0x80 outside the sandbox: '$bare'" ;;
esac

new_pack
add_check int80 '["./attack", "int80"]'
add_check x32 '["./attack", "x32"]'
add_check clone3 '["./try-syscall", "clone3"]'
add_check in-child '["./try-syscall", "int80", "x32"]'
add_check threads '["python3", "-c", "import threading\nt = threading.Thread(target=print, args=(\"thread ran\",)); t.start(); t.join()"]'
run_pack

if [ $ia32 = 1 ]; then killed="int80 x32"; else killed=x32; fi
for id in $killed; do
	expect_check $id crash
	expect_message $id "killed by the sandbox"
	expect_message $id "int \\\$0x80|x32"
	expect_no_output $id ESCAPED
	[ "$(field $id signal)" = SIGSYS ] || flunk "$id: signal is '$(field $id signal)', not SIGSYS"
done
if [ $ia32 = 0 ]; then
	expect_check int80 crash
	expect_no_output int80 ESCAPED
	[ "$(field int80 signal)" = SIGSEGV ] || flunk "int80: signal is '$(field int80 signal)', not SIGSEGV as outside"
fi
expect_check clone3 pass
expect_output clone3 "clone3 ENOSYS"
if [ $ia32 = 1 ]; then
	expect_check in-child pass
	expect_output in-child "int80 SIGSYS"
else
	expect_output in-child "int80 SIGSEGV"
fi
expect_output in-child "x32 SIGSYS"
expect_check threads pass
expect_output threads "thread ran"
exit 0
