/* Unit tests of the seccomp policy: it builds, and a forked child with the
 * policy installed is refused each dangerous call with EPERM or ENOSYS (not
 * EFAULT or EBADF, which would mean the kernel saw the call), still makes
 * the ordinary calls python3, git and gcc rely on, dies for i386 and x32
 * calls, and the parent names each denial in a learner's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <seccomp.h>

#include "seccomp_policy.h"

#define BAD ((long)1) /* a pointer the kernel cannot read */

struct attempt {
	const char *name;
	long nr;
	long a[6];
};

/* Refused calls, with arguments chosen so that, unfiltered, the kernel
 * answers with something other than EPERM/ENOSYS (EFAULT, EBADF, EINVAL,
 * or success), so the test goes red when a rule goes missing. */
static const struct attempt refused[] = {
	{ "socket(AF_INET)", SYS_socket, { AF_INET, SOCK_STREAM, 0 } },
	{ "socket(AF_INET6)", SYS_socket, { AF_INET6, SOCK_DGRAM, 0 } },
	{ "socket(AF_NETLINK)", SYS_socket, { AF_NETLINK, SOCK_RAW, 0 } },
	{ "socket(AF_INET|1<<32)", SYS_socket, { 0x100000000L | AF_INET, SOCK_STREAM, 0 } },
	{ "socketpair(AF_INET)", SYS_socketpair, { AF_INET, SOCK_STREAM, 0, BAD } },
	{ "ptrace(PEEKDATA)", SYS_ptrace, { 2 /* PTRACE_PEEKDATA */, 999999, BAD, BAD } },
	{ "process_vm_readv", SYS_process_vm_readv, { 1, BAD, 1, BAD, 1, 0 } },
	{ "process_vm_writev", SYS_process_vm_writev, { 1, BAD, 1, BAD, 1, 0 } },
	{ "pidfd_getfd", SYS_pidfd_getfd, { -1, 0, 0 } },
	{ "kcmp", SYS_kcmp, { 999999, 999999, 0, 0, 0 } },
	{ "unshare(bad flags)", SYS_unshare, { -1 } },
	{ "setns", SYS_setns, { -1, 0 } },
	{ "clone(CLONE_NEWUSER|CLONE_FS)", SYS_clone, { CLONE_NEWUSER | CLONE_FS, 0, 0, 0, 0 } },
	{ "clone(CLONE_NEWNET|CLONE_FS)", SYS_clone, { CLONE_NEWNET | CLONE_NEWNS | CLONE_FS, 0, 0, 0, 0 } },
	{ "clone3", SYS_clone3, { BAD, 88 } },
	{ "mount", SYS_mount, { BAD, BAD, BAD, 0, BAD } },
	{ "umount2", SYS_umount2, { BAD, 0xffff } },
	{ "chroot", SYS_chroot, { BAD } },
	{ "open_tree", SYS_open_tree, { -1, BAD, 0 } },
	{ "move_mount", SYS_move_mount, { -1, BAD, -1, BAD, 0 } },
	{ "mount_setattr", SYS_mount_setattr, { -1, BAD, 0, BAD, 0 } },
	{ "name_to_handle_at", SYS_name_to_handle_at, { AT_FDCWD, BAD, BAD, BAD, 0 } },
	{ "bpf", SYS_bpf, { 0, BAD, 4096 } },
	{ "perf_event_open", SYS_perf_event_open, { BAD, 0, -1, -1, 0 } },
	{ "keyctl(bad cmd)", SYS_keyctl, { 9999, 0, 0, 0, 0 } },
	{ "add_key", SYS_add_key, { BAD, BAD, BAD, 1, 0 } },
	{ "request_key", SYS_request_key, { BAD, BAD, BAD, 0 } },
	{ "io_uring_setup", SYS_io_uring_setup, { 1, BAD } },
	{ "io_uring_enter", SYS_io_uring_enter, { -1, 0, 0, 0, 0, 0 } },
	{ "io_uring_register", SYS_io_uring_register, { -1, 0, 0, 0 } },
	{ "userfaultfd(bad flags)", SYS_userfaultfd, { -1 } },
	{ "modify_ldt(read)", SYS_modify_ldt, { 0, BAD, 16 } },
	{ "ioctl(TIOCSTI)", SYS_ioctl, { -1, TIOCSTI, BAD } },
	{ "ioctl(TIOCSTI|high bits)", SYS_ioctl, { -1, (long)(0xffffffff00000000UL | TIOCSTI), BAD } },
	{ "ioctl(TIOCLINUX)", SYS_ioctl, { -1, 0x541C, BAD } },
	{ "mknod(S_IFCHR)", SYS_mknod, { BAD, S_IFCHR | 0600, 0x0101 } },
	{ "mknodat(S_IFBLK)", SYS_mknodat, { AT_FDCWD, BAD, S_IFBLK | 0600, 0x0101 } },
	{ "seccomp(NEW_LISTENER)", SYS_seccomp, { 1 /* SET_MODE_FILTER */, 8 /* NEW_LISTENER */, BAD } },
	{ "settimeofday", SYS_settimeofday, { BAD, BAD } },
	{ "clock_settime", SYS_clock_settime, { CLOCK_REALTIME, BAD } },
	{ "adjtimex", SYS_adjtimex, { BAD } },
	{ "quotactl_fd", SYS_quotactl_fd, { -1, 0, 0, BAD } },
};

#define N_REFUSED (sizeof(refused) / sizeof(refused[0]))

static struct seccomp_policy *build(unsigned flags)
{
	struct seccomp_policy *p = NULL;
	char err[256];
	int r = seccomp_policy_build_flags(&p, flags, err, sizeof(err));
	if (r != 0)
		fail_msg("seccomp_policy_build_flags: %s", err);
	return p;
}

/* Run fn in a forked child under policy p (without notification); return
 * the wait status. The child reports through fd out. */
static int run_child(struct seccomp_policy *p, void (*fn)(int out), int out)
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0) {
		/* cmocka catches SIGSEGV and friends to report a crash and go on
		 * with the next test: in the child that would run the rest of the
		 * suite a second time. The child dies of its signal instead. */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		signal(SIGILL, SIG_DFL);
		signal(SIGFPE, SIG_DFL);
		if (p && seccomp_policy_install(p) < 0)
			_exit(99);
		fn(out);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return st;
}

static void try_refused(int out)
{
	for (size_t i = 0; i < N_REFUSED; i++) {
		const struct attempt *t = &refused[i];
		errno = 0;
		long r = syscall(t->nr, t->a[0], t->a[1], t->a[2], t->a[3], t->a[4], t->a[5]);
		int e = r < 0 ? errno : 0;
		if (write(out, &e, sizeof(e)) != sizeof(e))
			_exit(98);
	}
}

static void test_seccomp_policy__refused_calls_get_eperm_or_enosys(void **state)
{
	(void)state;
	struct seccomp_policy *p = build(0);
	int pfd[2];
	assert_int_equal(pipe(pfd), 0);
	int st = run_child(p, try_refused, pfd[1]);
	close(pfd[1]);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	for (size_t i = 0; i < N_REFUSED; i++) {
		int e;
		assert_int_equal(read(pfd[0], &e, sizeof(e)), sizeof(e));
		if (e != EPERM && e != ENOSYS)
			fail_msg("%s: expected EPERM or ENOSYS from the filter, got %s",
				 refused[i].name, e ? strerror(e) : "success");
	}
	close(pfd[0]);
	seccomp_policy_free(p);
}

/* clone3 must be ENOSYS exactly (glibc falls back to clone only then),
 * io_uring_setup ENOSYS (libuv treats it as "no io_uring"). */
static void try_enosys(int out)
{
	int e[2];
	e[0] = syscall(SYS_clone3, BAD, 88) < 0 ? errno : 0;
	e[1] = syscall(SYS_io_uring_setup, 1, BAD) < 0 ? errno : 0;
	if (write(out, e, sizeof(e)) != sizeof(e))
		_exit(98);
}

static void test_seccomp_policy__clone3_and_io_uring_look_absent(void **state)
{
	(void)state;
	struct seccomp_policy *p = build(0);
	int pfd[2], e[2];
	assert_int_equal(pipe(pfd), 0);
	int st = run_child(p, try_enosys, pfd[1]);
	close(pfd[1]);
	assert_true(WIFEXITED(st));
	assert_int_equal(read(pfd[0], e, sizeof(e)), sizeof(e));
	assert_int_equal(e[0], ENOSYS);
	assert_int_equal(e[1], ENOSYS);
	close(pfd[0]);
	seccomp_policy_free(p);
}

/* The calls ordinary programs make keep working. */
static void try_allowed(int out)
{
	char buf[64];
	int fails = 0;
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0)
		fails |= 1;
	if (fd >= 0)
		close(fd);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0)
		fails |= 2;
	else
		close(s);
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		fails |= 4;
	/* fork uses clone (glibc) and must not be refused */
	pid_t c = fork();
	if (c == 0)
		_exit(7);
	int st;
	if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
		fails |= 8;
	/* a plain ioctl on a non-tty answers ENOTTY from the kernel */
	struct termios tio;
	if (ioctl(sv[0], TCGETS, &tio) == 0 || errno != ENOTTY)
		fails |= 16;
	/* mkfifo (mknodat S_IFIFO) is allowed */
	char path[] = "/tmp/rr-seccomp-fifo-XXXXXX";
	int tfd = mkstemp(path);
	if (tfd >= 0) {
		close(tfd);
		unlink(path);
		if (mkfifo(path, 0600) < 0)
			fails |= 32;
		unlink(path);
	}
	if (getpid() <= 0 || syscall(SYS_personality, 0xffffffffUL) < 0)
		fails |= 64;
	if (write(out, &fails, sizeof(fails)) != sizeof(fails))
		_exit(98);
}

static void test_seccomp_policy__ordinary_calls_still_work(void **state)
{
	(void)state;
	struct seccomp_policy *p = build(0);
	int pfd[2], fails = -1;
	assert_int_equal(pipe(pfd), 0);
	int st = run_child(p, try_allowed, pfd[1]);
	close(pfd[1]);
	assert_true(WIFEXITED(st));
	assert_int_equal(read(pfd[0], &fails, sizeof(fails)), sizeof(fails));
	assert_int_equal(fails, 0);
	close(pfd[0]);
	seccomp_policy_free(p);
}

/* A system call number libseccomp 2.5 does not know (statmount, 457, on
 * kernels >= 6.8) gets ENOSYS, not the kernel's answer. */
static void try_unknown(int out)
{
	int e[2];
	e[0] = syscall(457, BAD, BAD, 0, 0) < 0 ? errno : 0;
	/* the largest native number: still ENOSYS, not a kill */
	e[1] = syscall(0x3fffffff, 0, 0, 0) < 0 ? errno : 0;
	if (write(out, e, sizeof(e)) != sizeof(e))
		_exit(98);
}

static void test_seccomp_policy__unknown_calls_get_enosys(void **state)
{
	(void)state;
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, 457);
	if (name) {
		free(name);
		skip(); /* a newer libseccomp allows it by name */
	}
	struct seccomp_policy *p = build(0);
	int pfd[2], e[2] = { 0, 0 };
	assert_int_equal(pipe(pfd), 0);
	int st = run_child(p, try_unknown, pfd[1]);
	close(pfd[1]);
	assert_true(WIFEXITED(st));
	assert_int_equal(read(pfd[0], e, sizeof(e)), sizeof(e));
	assert_int_equal(e[0], ENOSYS);
	assert_int_equal(e[1], ENOSYS);
	close(pfd[0]);
	seccomp_policy_free(p);
}

static void do_x32(int out)
{
	(void)out;
	syscall(0x40000000 | SYS_getpid);
	_exit(0); /* reached only if the filter let it through */
}

static void do_int80(int out)
{
	(void)out;
	long ret;
	/* i386 getpid is 20; in a 64-bit process int $0x80 runs the i386 table */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	(void)ret;
	_exit(0);
}

static void test_seccomp_policy__foreign_arch_kills_the_process(void **state)
{
	(void)state;
	struct seccomp_policy *p = build(0);
	int st = run_child(p, do_x32, -1);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGSYS);
	/* A kernel without IA32 emulation (ia32_emulation=0, or built
	 * without it, as some VMs are) faults int $0x80 itself, before
	 * seccomp sees it: then SIGSEGV is the expected death, filter or not. */
	int bare = run_child(NULL, do_int80, -1);
	bool kernel_refuses = WIFSIGNALED(bare) && WTERMSIG(bare) == SIGSEGV;
	st = run_child(p, do_int80, -1);
	assert_true(WIFSIGNALED(st));
	if (kernel_refuses) {
		assert_int_equal(WTERMSIG(st), SIGSEGV);
	} else {
		assert_int_equal(WTERMSIG(st), SIGSYS);
		assert_non_null(strstr(seccomp_policy_kill_reason(), "int $0x80"));
	}
	seccomp_policy_free(p);
}

/* With ALLOW_INET (loopback checks in a private network namespace) an
 * AF_INET socket works, but AF_NETLINK and AF_PACKET stay refused. */
static void try_inet(int out)
{
	int r[3];
	int s = socket(AF_INET, SOCK_STREAM, 0);
	r[0] = s < 0 ? errno : 0;
	r[1] = socket(AF_NETLINK, SOCK_RAW, 0) < 0 ? errno : 0;
	r[2] = socket(AF_PACKET, SOCK_RAW, 0) < 0 ? errno : 0;
	if (write(out, r, sizeof(r)) != sizeof(r))
		_exit(98);
}

static void test_seccomp_policy__allow_inet_allows_only_ip(void **state)
{
	(void)state;
	struct seccomp_policy *p = build(SECCOMP_POLICY_ALLOW_INET);
	int pfd[2], r[3];
	assert_int_equal(pipe(pfd), 0);
	run_child(p, try_inet, pfd[1]);
	close(pfd[1]);
	assert_int_equal(read(pfd[0], r, sizeof(r)), sizeof(r));
	assert_int_equal(r[0], 0);
	assert_int_equal(r[1], EPERM);
	assert_int_equal(r[2], EPERM);
	close(pfd[0]);
	seccomp_policy_free(p);
}

/* With NO_CONNECT (no mount namespace: host sockets are reachable by
 * path) connect() and sendto() with an address are refused, while
 * socketpair() and send() on a connected pair still work; without the
 * flag connect() reaches the kernel (ECONNREFUSED/ENOENT, not EPERM). */
static void try_connect(int out)
{
	int r[3];
	struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = "/nonexistent/rr.sock" };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	r[0] = connect(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 ? errno : 0;
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	r[1] = sendto(d, "x", 1, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 ? errno : 0;
	int sv[2];
	r[2] = socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || send(sv[0], "x", 1, 0) != 1 ? errno : 0;
	if (write(out, r, sizeof(r)) != sizeof(r))
		_exit(98);
}

static void test_seccomp_policy__no_connect_refuses_connect_and_sendto(void **state)
{
	(void)state;
	int pfd[2], r[3];
	struct seccomp_policy *p = build(SECCOMP_POLICY_NO_CONNECT);
	assert_int_equal(pipe(pfd), 0);
	run_child(p, try_connect, pfd[1]);
	close(pfd[1]);
	assert_int_equal(read(pfd[0], r, sizeof(r)), sizeof(r));
	assert_int_equal(r[0], EPERM);
	assert_int_equal(r[1], EPERM);
	assert_int_equal(r[2], 0);
	close(pfd[0]);
	seccomp_policy_free(p);

	p = build(0);
	assert_int_equal(pipe(pfd), 0);
	run_child(p, try_connect, pfd[1]);
	close(pfd[1]);
	assert_int_equal(read(pfd[0], r, sizeof(r)), sizeof(r));
	assert_int_equal(r[0], ENOENT);
	assert_int_equal(r[1], ENOENT);
	assert_int_equal(r[2], 0);
	close(pfd[0]);
	seccomp_policy_free(p);
}

/* With NO_HOST_IPC System V IPC is refused (it would be the host's). */
static void try_ipc(int out)
{
	int r[2];
	r[0] = syscall(SYS_shmget, 0 /* IPC_PRIVATE */, 4096, 0600) < 0 ? errno : 0;
	r[1] = syscall(SYS_msgget, 0, 0600) < 0 ? errno : 0;
	if (write(out, r, sizeof(r)) != sizeof(r))
		_exit(98);
}

static void test_seccomp_policy__no_host_ipc_refuses_sysv_ipc(void **state)
{
	(void)state;
	int pfd[2], r[2];
	struct seccomp_policy *p = build(SECCOMP_POLICY_NO_HOST_IPC);
	assert_int_equal(pipe(pfd), 0);
	run_child(p, try_ipc, pfd[1]);
	close(pfd[1]);
	assert_int_equal(read(pfd[0], r, sizeof(r)), sizeof(r));
	assert_int_equal(r[0], EPERM);
	assert_int_equal(r[1], EPERM);
	close(pfd[0]);
	seccomp_policy_free(p);
}

/* With notification the parent answers each refused call and words it. */
static void test_seccomp_policy__notification_names_the_call(void **state)
{
	(void)state;
	struct seccomp_policy *p = build(SECCOMP_POLICY_NOTIFY);
	int sv[2], res[2];
	assert_true(seccomp_policy_uses_notify(p));
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	assert_int_equal(pipe(res), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = seccomp_policy_install(p);
		if (fd <= 0 || seccomp_policy_send_listener(sv[1], fd) < 0)
			_exit(99);
		close(fd);
		int e[5];
		e[0] = socket(AF_INET, SOCK_STREAM, 0) < 0 ? errno : 0;
		e[1] = syscall(SYS_ptrace, 0 /* TRACEME */, 0, 0, 0) < 0 ? errno : 0;
		e[2] = syscall(SYS_mount, BAD, BAD, BAD, 0, BAD) < 0 ? errno : 0;
		e[3] = syscall(SYS_clone, CLONE_NEWUSER | CLONE_FS, 0, 0, 0, 0) < 0 ? errno : 0;
		e[4] = syscall(SYS_ioctl, -1, TIOCSTI, BAD) < 0 ? errno : 0;
		/* clone3 is quiet: ENOSYS without a notification */
		if (syscall(SYS_clone3, BAD, 88) >= 0 || errno != ENOSYS)
			e[0] = -1;
		if (write(res[1], e, sizeof(e)) != sizeof(e))
			_exit(98);
		_exit(0);
	}
	close(sv[1]);
	close(res[1]);
	int lfd = seccomp_policy_recv_listener(sv[0]);
	assert_true(lfd >= 0);

	char msgs[8][256];
	int n = 0;
	for (;;) {
		struct pollfd pfd = { .fd = lfd, .events = POLLIN };
		assert_true(poll(&pfd, 1, 5000) > 0);
		if (pfd.revents & POLLIN) {
			char msg[256];
			int r = seccomp_policy_handle_notification(p, lfd, msg, sizeof(msg));
			assert_true(r >= 0);
			if (r == 1 && n < 8)
				snprintf(msgs[n++], sizeof(msgs[0]), "%s", msg);
		} else if (pfd.revents & POLLHUP) {
			break;
		}
	}
	int st, e[5];
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(read(res[0], e, sizeof(e)), sizeof(e));
	for (int i = 0; i < 5; i++)
		assert_int_equal(e[i], EPERM);

	assert_int_equal(n, 5);
	assert_string_equal(msgs[0], "socket(AF_INET): checks have no network access");
	assert_string_equal(msgs[1], "ptrace: checks may not trace or inspect other processes");
	assert_string_equal(msgs[2], "mount: checks may not change the filesystem view");
	assert_string_equal(msgs[3], "clone(CLONE_NEWUSER): checks may not create or join namespaces");
	assert_string_equal(msgs[4], "ioctl(TIOCSTI): checks may not inject terminal input");

	/* nothing pending: returns 0 without blocking */
	char msg[64];
	assert_int_equal(seccomp_policy_handle_notification(p, lfd, msg, sizeof(msg)), 0);
	close(lfd);
	close(sv[0]);
	close(res[0]);
	seccomp_policy_free(p);
}

static void test_seccomp_policy__describe_lists_rules_with_reasons(void **state)
{
	(void)state;
	struct seccomp_policy *p = build(0);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	seccomp_policy_describe(p, fp);
	fclose(fp);
	assert_non_null(strstr(buf, "refuse ptrace -> EPERM: checks may not trace"));
	assert_non_null(strstr(buf, "refuse socket (any family but AF_UNIX)"));
	assert_non_null(strstr(buf, "unknown (newer) system calls: ENOSYS"));
	assert_false(seccomp_policy_uses_notify(p));
	free(buf);
	seccomp_policy_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seccomp_policy__refused_calls_get_eperm_or_enosys),
		cmocka_unit_test(test_seccomp_policy__clone3_and_io_uring_look_absent),
		cmocka_unit_test(test_seccomp_policy__ordinary_calls_still_work),
		cmocka_unit_test(test_seccomp_policy__unknown_calls_get_enosys),
		cmocka_unit_test(test_seccomp_policy__foreign_arch_kills_the_process),
		cmocka_unit_test(test_seccomp_policy__allow_inet_allows_only_ip),
		cmocka_unit_test(test_seccomp_policy__no_connect_refuses_connect_and_sendto),
		cmocka_unit_test(test_seccomp_policy__no_host_ipc_refuses_sysv_ipc),
		cmocka_unit_test(test_seccomp_policy__notification_names_the_call),
		cmocka_unit_test(test_seccomp_policy__describe_lists_rules_with_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
