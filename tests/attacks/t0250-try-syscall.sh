# bubblewrap's try-syscall, our way: every refused call, with arguments the
# kernel itself would answer with EFAULT/EBADF/EINVAL or success, answers
# EPERM or ENOSYS inside a check; i386 and x32 calls are killed by SIGSYS.
# The same program outside the sandbox shows every call reaching the kernel.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

# Without IA32 emulation the kernel faults int $0x80 before seccomp (the
# same SIGSEGV outside, checked below); it is then left out of the list,
# and never when the kernel runs it.
bare=$("$HELPERS/try-syscall" int80 | head -n 1)
all=$("$HELPERS/try-syscall" --list)
if [ "$bare" = "int80 SIGSEGV" ]; then
	echo "this kernel has no IA32 emulation: int \$0x80 is not the filter's to refuse"
	all=$(echo "$all" | grep -vx int80)
elif [ "$bare" != "int80 exited" ]; then
	die "int \$0x80 outside the sandbox: '$bare'"
fi
args=$(echo "$all" | sed 's/.*/"&"/' | paste -sd, -)

new_pack
add_check all "[\"./try-syscall\", $args]"
run_pack

expect_check all pass
expect_output all "^all refused"
expect_no_output all "EFAULT|EBADF|EINVAL|LEAKED| ok$"
n=$(field all output | grep -cE " (EPERM|ENOSYS|SIGSYS)$")
want=$(echo "$all" | wc -l)
[ "$n" -eq "$want" ] || flunk "$n of $want attempts refused"
# Unsandboxed, the filter is what made the difference.
out=$("$HELPERS/try-syscall" socket\(AF_INET\) clone3 mount x32)
echo "$out" | grep -q "^clone3 EFAULT" || flunk "clone3 outside the sandbox: $out"
echo "$out" | grep -q "^x32 exited" || flunk "x32 outside the sandbox: $out"
exit 0
