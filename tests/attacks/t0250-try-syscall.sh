# bubblewrap's try-syscall, our way: every refused call, with arguments the
# kernel itself would answer with EFAULT/EBADF/EINVAL or success, answers
# EPERM or ENOSYS inside a check; i386 and x32 calls are killed by SIGSYS.
# The same program outside the sandbox shows every call reaching the kernel.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check all '["./try-syscall"]'
run_pack

expect_check all pass
expect_output all "^all refused"
expect_no_output all "EFAULT|EBADF|EINVAL|LEAKED| ok$"
n=$(field all output | grep -cE " (EPERM|ENOSYS|SIGSYS)$")
want=$("$HELPERS/try-syscall" --list | wc -l)
[ "$n" -eq "$want" ] || flunk "$n of $want attempts refused"
# Unsandboxed, the filter is what made the difference.
out=$("$HELPERS/try-syscall" socket\(AF_INET\) clone3 mount x32)
echo "$out" | grep -q "^clone3 EFAULT" || flunk "clone3 outside the sandbox: $out"
echo "$out" | grep -q "^x32 exited" || flunk "x32 outside the sandbox: $out"
exit 0
