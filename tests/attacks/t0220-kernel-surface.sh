# Kernel attack surface (bubblewrap, codex, isolate): TIOCSTI (also with the
# high bits set, CVE-2019-10063), io_uring, bpf, perf_event_open, keyctl,
# userfaultfd and a second seccomp listener. Each is refused with EPERM or
# ENOSYS and named in the report.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check tiocsti '["./attack", "tiocsti"]'
add_check tiocsti-high '["./try-syscall", "ioctl(TIOCSTI|high)"]'
add_check python-tiocsti '["python3", "-c", "import fcntl, termios\nfcntl.ioctl(0, termios.TIOCSTI, b\"x\")"]'
add_check io-uring '["./try-syscall", "io_uring_setup"]'
add_check bpf '["./try-syscall", "bpf"]'
add_check perf '["./try-syscall", "perf_event_open"]'
add_check keyctl '["./try-syscall", "keyctl", "add_key", "request_key"]'
add_check userfaultfd '["./try-syscall", "userfaultfd"]'
add_check listener '["./attack", "seccomp-listener"]'
run_pack

expect_check tiocsti pass
expect_no_output tiocsti ESCAPED
expect_denial tiocsti "^ioctl\\(TIOCSTI\\): checks may not inject terminal input"
expect_check tiocsti-high pass
expect_output tiocsti-high "ioctl\\(TIOCSTI\\|high\\) EPERM"
expect_check python-tiocsti fail
expect_message python-tiocsti "refused ioctl\\(TIOCSTI\\)"
expect_check io-uring pass
expect_output io-uring "io_uring_setup ENOSYS"
expect_denial io-uring "^io_uring_setup: checks may not use io_uring"
expect_check bpf pass
expect_denial bpf "^bpf: checks may not load BPF programs"
expect_check perf pass
expect_denial perf "^perf_event_open: checks may not use performance counters"
expect_check keyctl pass
expect_denial keyctl "^keyctl: checks may not use the kernel keyring"
expect_check userfaultfd pass
expect_denial userfaultfd "^userfaultfd: checks may not use userfaultfd"
expect_check listener pass
expect_output listener "BLOCKED seccomp"
expect_denial listener "^seccomp: checks may not intercept system calls"
exit 0
