# What a check is (bubblewrap's test-seccomp, isolate): NoNewPrivs 1 and
# Seccomp 2 in /proc/self/status, a uid that is not 0 and no capabilities,
# not pid 1, only stdin/stdout/stderr open.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check status '["./attack", "status"]'
add_check grep-status '["grep", "-E", "^(NoNewPrivs|Seccomp|CapEff|CapPrm|CapBnd|CapAmb|Uid):", "/proc/self/status"]'
add_check id '["id", "-u"]'
run_pack

expect_check status pass
expect_output status "NoNewPrivs:[[:space:]]+1"
expect_output status "Seccomp:[[:space:]]+2"
expect_output status "CapEff:[[:space:]]+0000000000000000"
expect_output status "CapPrm:[[:space:]]+0000000000000000"
expect_output status "CapAmb:[[:space:]]+0000000000000000"
expect_output status "fds: 0 1 2$"
expect_no_output status "^pid 1 "
expect_no_output status "uid 0 "
expect_no_output status "^Uid:[[:space:]]+0[[:space:]]"
expect_check grep-status pass
expect_output grep-status "Seccomp:[[:space:]]+2"
expect_check id pass
[ "$(field id output)" != 0 ] || flunk "the check runs as uid 0"
exit 0
