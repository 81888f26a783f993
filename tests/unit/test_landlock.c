/* Unit tests of Landlock: a forked child restricted to read-only system
 * paths and one writable directory can read and execute what it should,
 * write only where it should, and (by ABI) cannot connect over TCP, signal
 * the runner, or reach an abstract Unix socket outside its domain. Each
 * test skips when the kernel's ABI lacks the feature. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "landlock.h"

static char rw_dir[64], outside_dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(rw_dir, sizeof(rw_dir), "/tmp/rr-landlock-rw.XXXXXX");
	snprintf(outside_dir, sizeof(outside_dir), "/tmp/rr-landlock-out.XXXXXX");
	if (!mkdtemp(rw_dir) || !mkdtemp(outside_dir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", rw_dir, outside_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void need_abi(int min)
{
	int abi = landlock_abi();
	if (abi < min) {
		print_message("landlock ABI %d < %d on this kernel: skipped\n", abi, min);
		skip();
	}
}

/* Fork; in the child restrict, run fn, and exit with its result (0 = all
 * expectations held; otherwise the number of the first that failed). */
static int in_restricted_child(bool deny_tcp, int (*fn)(void))
{
	static const char *const ro[] = { "/usr", "/bin", "/lib", "/lib64", "/etc",
					  "/nonexistent-path-is-skipped", NULL };
	const char *rw[] = { rw_dir, "/dev/null", NULL };
	int st;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		int r = landlock_restrict(landlock_abi(), ro, rw, deny_tcp);
		if (r < 0)
			_exit(100);
		_exit(fn());
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static int fs_expectations(void)
{
	char path[128];
	int fd;

	/* read-only system paths: readable, not writable */
	if ((fd = open("/etc/hostname", O_RDONLY)) < 0 && errno != ENOENT)
		return 1;
	if (fd >= 0)
		close(fd);
	if (open("/etc/rr-landlock-probe", O_WRONLY | O_CREAT, 0600) >= 0 || errno != EACCES)
		return 2;
	/* the writable directory: create, write, rename, remove */
	snprintf(path, sizeof(path), "%s/a", rw_dir);
	if ((fd = open(path, O_WRONLY | O_CREAT, 0600)) < 0 || write(fd, "x", 1) != 1)
		return 3;
	close(fd);
	char path2[140];
	snprintf(path2, sizeof(path2), "%s/b", rw_dir);
	if (rename(path, path2) < 0 || unlink(path2) < 0)
		return 4;
	snprintf(path, sizeof(path), "%s/sub", rw_dir);
	if (mkdir(path, 0700) < 0 || rmdir(path) < 0)
		return 5;
	/* anything else: neither read nor write, not even to list */
	snprintf(path, sizeof(path), "%s/escape", outside_dir);
	if (open(path, O_WRONLY | O_CREAT, 0600) >= 0 || errno != EACCES)
		return 6;
	if (open(outside_dir, O_RDONLY | O_DIRECTORY) >= 0 || errno != EACCES)
		return 7;
	if (open("/root", O_RDONLY | O_DIRECTORY) >= 0 && errno != EACCES)
		return 8;
	/* a file rule (/dev/null) works for writing */
	if ((fd = open("/dev/null", O_WRONLY)) < 0)
		return 9;
	close(fd);
	/* executing from a read-only path still works */
	if (access("/bin/sh", X_OK) < 0)
		return 10;
	return 0;
}

static void test_landlock__restricts_filesystem_to_the_given_paths(void **state)
{
	(void)state;
	need_abi(1);
	assert_int_equal(in_restricted_child(false, fs_expectations), 0);
	/* and the parent was not restricted */
	char path[128];
	snprintf(path, sizeof(path), "%s/parent", outside_dir);
	int fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
}

static int listen_port;

static int tcp_expectations(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(listen_port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return 1;
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) == 0 || errno != EACCES)
		return 2;
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(0) };
	int b = socket(AF_INET, SOCK_STREAM, 0);
	if (bind(b, (struct sockaddr *)&any, sizeof(any)) == 0 || errno != EACCES)
		return 3;
	return 0;
}

static int tcp_allowed(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(listen_port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s = socket(AF_INET, SOCK_STREAM, 0);
	return connect(s, (struct sockaddr *)&sa, sizeof(sa)) == 0 ? 0 : 1;
}

static void test_landlock__deny_tcp_refuses_connect_and_bind(void **state)
{
	(void)state;
	need_abi(4);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	assert_int_equal(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(l, 4), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)&sa, &len), 0);
	listen_port = ntohs(sa.sin_port);
	assert_int_equal(in_restricted_child(true, tcp_expectations), 0);
	/* without deny_tcp the same connect works */
	assert_int_equal(in_restricted_child(false, tcp_allowed), 0);
	close(l);
}

static pid_t parent_pid;

static int signal_expectations(void)
{
	/* the runner is outside the check's domain */
	if (kill(parent_pid, 0) == 0 || errno != EPERM)
		return 1;
	/* but the check may signal its own processes */
	pid_t c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	if (kill(c, SIGKILL) < 0)
		return 2;
	waitpid(c, NULL, 0);
	return 0;
}

static void test_landlock__signals_are_scoped_to_the_check(void **state)
{
	(void)state;
	need_abi(6);
	parent_pid = getpid();
	assert_int_equal(in_restricted_child(false, signal_expectations), 0);
}

static char abstract_name[64];

static int abstract_expectations(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t n = strlen(abstract_name);
	memcpy(sa.sun_path + 1, abstract_name, n);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0)
		return 1;
	if (connect(s, (struct sockaddr *)&sa, offsetof(struct sockaddr_un, sun_path) + 1 + n) == 0 ||
	    errno != EPERM)
		return 2;
	return 0;
}

static void test_landlock__abstract_unix_sockets_are_scoped(void **state)
{
	(void)state;
	need_abi(6);
	snprintf(abstract_name, sizeof(abstract_name), "rr-landlock-test-%d", (int)getpid());
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t n = strlen(abstract_name);
	memcpy(sa.sun_path + 1, abstract_name, n);
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(l, (struct sockaddr *)&sa, offsetof(struct sockaddr_un, sun_path) + 1 + n), 0);
	assert_int_equal(listen(l, 4), 0);
	assert_int_equal(in_restricted_child(false, abstract_expectations), 0);
	close(l);
}

static void test_landlock__abi_zero_is_refused(void **state)
{
	(void)state;
	const char *const none[] = { NULL };
	assert_int_equal(landlock_restrict(0, none, none, true), -EOPNOTSUPP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_landlock__restricts_filesystem_to_the_given_paths),
		cmocka_unit_test(test_landlock__deny_tcp_refuses_connect_and_bind),
		cmocka_unit_test(test_landlock__signals_are_scoped_to_the_check),
		cmocka_unit_test(test_landlock__abstract_unix_sockets_are_scoped),
		cmocka_unit_test(test_landlock__abi_zero_is_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
