/* Unit tests of the sandbox: what a check sees, what it may do, how its
 * end is reported, and that nothing it starts survives it. Every test runs
 * with all the layers this machine offers, and the important ones again
 * with the namespaces turned off (the Landlock + seccomp + rlimit fallback
 * of a machine without unprivileged user namespaces). They pass as root
 * and as an unprivileged user. No test asserts a duration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"
#include "util.h"

struct fixture {
	struct sandbox *sb;
	bool fallback; /* namespaces off */
	char work[128];
};

static const char *const base_env[] = { "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "ROADMAP_TEST=yes", NULL };

static int open_fixture(void **state, bool fallback)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[512];
	struct sandbox_options o = { 0 };
	if (fallback)
		o.disable_userns = o.disable_pidns = o.disable_netns = o.disable_mountns = true;
	f->fallback = fallback;
	if (sandbox_open(&f->sb, &o, err, sizeof(err)) != 0) {
		print_error("sandbox_open: %s\n", err);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int setup_full(void **state) { return open_fixture(state, false); }
static int setup_fallback(void **state) { return open_fixture(state, true); }

static int teardown(void **state)
{
	struct fixture *f = *state;
	sandbox_close(f->sb);
	free(f);
	return 0;
}

/* A fresh work directory with a read-only-to-be tests/ holding one file,
 * made the way check.c makes them (the runner owns it). */
static int test_setup(void **state)
{
	struct fixture *f = *state;
	snprintf(f->work, sizeof(f->work), "/tmp/rr-sandbox-test.XXXXXX");
	if (!mkdtemp(f->work))
		return -1;
	chmod(f->work, 0755);
	char p[256];
	snprintf(p, sizeof(p), "%s/tests", f->work);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/tests/check.sh", f->work);
	FILE *fp = fopen(p, "w");
	if (!fp)
		return -1;
	fputs("echo original\n", fp);
	fclose(fp);
	return 0;
}

static int test_teardown(void **state)
{
	struct fixture *f = *state;
	util_rm_rf(f->work);
	return 0;
}

static struct sandbox_spec spec_for(struct fixture *f, const char *const *argv)
{
	struct sandbox_spec s = {
		.argv = argv,
		.envp = base_env,
		.workdir = f->work,
		.readonly_subdir = "tests",
		.limits = { .cpu_seconds = 5, .wall_seconds = 10, .memory_mb = 256, .processes = 64,
			    .output_kb = 64, .file_size_kb = 4096, .open_files = 64 },
		.network = SANDBOX_NET_NONE,
	};
	return s;
}

/* Run `sh -c script` with the default spec, adjusted by the caller. */
static int run_sh(struct fixture *f, const char *script, struct sandbox_result *r,
		  void (*adjust)(struct sandbox_spec *))
{
	const char *argv[] = { "sh", "-c", script, NULL };
	struct sandbox_spec s = spec_for(f, argv);
	if (adjust)
		adjust(&s);
	return sandbox_run(f->sb, &s, r);
}

static void expect_exit(const struct sandbox_result *r, int code)
{
	if (r->outcome != SANDBOX_EXITED || r->exit_code != code)
		print_error("outcome %d exit %d signal %d message '%s'\nout: %s\nerr: %s\n",
			    r->outcome, r->exit_code, r->signal, r->message, r->out, r->err);
	assert_int_equal(r->outcome, SANDBOX_EXITED);
	assert_int_equal(r->exit_code, code);
}

/* Is any process on the machine running with `marker` in its command line? */
static bool process_with_marker(const char *marker)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool found = false;
	size_t ml = strlen(marker);
	while (d && (e = readdir(d)) && !found) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		char p[300], buf[4096];
		snprintf(p, sizeof(p), "/proc/%s/cmdline", e->d_name);
		int fd = open(p, O_RDONLY);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, buf, sizeof(buf));
		close(fd);
		for (ssize_t i = 0; i + (ssize_t)ml <= n; i++)
			if (!memcmp(buf + i, marker, ml)) {
				found = true;
				break;
			}
	}
	if (d)
		closedir(d);
	return found;
}

/* A sleep duration nobody else uses (several test binaries may run at
 * once), to find the process by its command line. */
static void marker(char *buf, size_t len)
{
	static int n;
	snprintf(buf, len, "1000.%d%03d", (int)getpid(), ++n);
}

/* ---- how a check ends --------------------------------------------------- */

static void test_sandbox__exit_code_is_reported(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "exit 7", &r, NULL), 0);
	expect_exit(&r, 7);
	sandbox_result_clear(&r);
	assert_int_equal(run_sh(*state, "exit 0", &r, NULL), 0);
	expect_exit(&r, 0);
	sandbox_result_clear(&r);
}

static void test_sandbox__signal_is_reported(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "kill -SEGV $$", &r, NULL), 0);
	assert_int_equal(r.outcome, SANDBOX_SIGNALED);
	assert_int_equal(r.signal, SIGSEGV);
	sandbox_result_clear(&r);
}

static void test_sandbox__missing_command_is_exec_failed(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "python4", "-c", "1", NULL };
	struct sandbox_spec s = spec_for(f, argv);
	struct sandbox_result r;
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	assert_int_equal(r.outcome, SANDBOX_EXEC_FAILED);
	assert_int_equal(r.exec_errno, ENOENT);
	sandbox_result_clear(&r);

	const char *argv2[] = { "./no-such-program", NULL };
	s = spec_for(f, argv2);
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	assert_int_equal(r.outcome, SANDBOX_EXEC_FAILED);
	assert_int_equal(r.exec_errno, ENOENT);
	sandbox_result_clear(&r);
}

/* argv[0] is looked up in the check's PATH, not the runner's. */
static void test_sandbox__command_is_found_in_the_checks_path(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "true", NULL };
	const char *env_nopath[] = { "PATH=/nonexistent", NULL };
	struct sandbox_spec s = spec_for(f, argv);
	s.envp = env_nopath;
	struct sandbox_result r;
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	assert_int_equal(r.outcome, SANDBOX_EXEC_FAILED);
	sandbox_result_clear(&r);
	s.envp = base_env;
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	expect_exit(&r, 0);
	sandbox_result_clear(&r);
}

static void test_sandbox__a_non_executable_file_is_eacces(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "./tests/check.sh", NULL };
	struct sandbox_spec s = spec_for(f, argv);
	struct sandbox_result r;
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	assert_int_equal(r.outcome, SANDBOX_EXEC_FAILED);
	assert_int_equal(r.exec_errno, EACCES);
	sandbox_result_clear(&r);
}

/* ---- output ---------------------------------------------------------- */

static void test_sandbox__output_is_captured_in_order(void **state)
{
	struct sandbox_result r;
	/* Two pipes have no order between them: what is written in one
	 * burst may be read stdout first. Pauses make the order observable. */
	assert_int_equal(run_sh(*state, "echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three", &r, NULL), 0);
	expect_exit(&r, 0);
	assert_string_equal(r.out, "one\nthree\n");
	assert_string_equal(r.err, "two\n");
	assert_string_equal(r.combined, "one\ntwo\nthree\n");
	assert_int_equal(r.out_len, 10);
	assert_int_equal(r.combined_len, 14);
	assert_false(r.output_truncated);
	sandbox_result_clear(&r);
}

static void small_output(struct sandbox_spec *s)
{
	s->limits.output_kb = 4;
}

static void test_sandbox__output_limit_stops_the_check(void **state)
{
	struct sandbox_result r;
	/* yes never stops by itself: only the limit ends it. */
	assert_int_equal(run_sh(*state, "yes; echo never", &r, small_output), 0);
	assert_int_equal(r.outcome, SANDBOX_OUTPUT_LIMIT);
	assert_true(r.output_truncated);
	assert_int_equal(r.out_len + r.err_len, 4096);
	assert_int_equal(r.combined_len, 4096);
	assert_int_equal(strlen(r.combined), 4096);
	sandbox_result_clear(&r);
}

static void test_sandbox__output_at_the_limit_is_not_truncated(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "head -c 4096 /dev/zero | tr '\\0' x", &r, small_output), 0);
	expect_exit(&r, 0);
	assert_false(r.output_truncated);
	assert_int_equal(r.out_len, 4096);
	sandbox_result_clear(&r);
}

/* ---- time ------------------------------------------------------------ */

static void short_wall(struct sandbox_spec *s)
{
	s->limits.wall_seconds = 0.5;
}

static void test_sandbox__wall_limit_kills_the_whole_tree(void **state)
{
	struct sandbox_result r;
	/* A setsid escapee with a background child of its own, and a
	 * stopped process: none may survive the check. */
	char script[512], m[4][32];
	for (int i = 0; i < 4; i++)
		marker(m[i], sizeof(m[i]));
	snprintf(script, sizeof(script),
		 "setsid sh -c 'sleep %s & sleep %s' & sh -c 'kill -STOP $$; sleep %s' & sleep %s",
		 m[0], m[1], m[2], m[3]);
	assert_int_equal(run_sh(*state, script, &r, short_wall), 0);
	assert_int_equal(r.outcome, SANDBOX_WALL_LIMIT);
	for (int i = 0; i < 4; i++)
		assert_false(process_with_marker(m[i]));
	sandbox_result_clear(&r);
}

static void test_sandbox__nothing_outlives_a_check_that_exits(void **state)
{
	struct sandbox_result r;
	/* Double fork + setsid: a daemon, and the check exits 0 at once. */
	char script[256], m[32];
	marker(m, sizeof(m));
	snprintf(script, sizeof(script), "(setsid sh -c 'sleep %s &' &); sleep 0.1; exit 0", m);
	assert_int_equal(run_sh(*state, script, &r, NULL), 0);
	expect_exit(&r, 0);
	assert_false(process_with_marker(m));
	sandbox_result_clear(&r);
}

static void short_cpu(struct sandbox_spec *s)
{
	s->limits.cpu_seconds = 1;
	s->limits.wall_seconds = 30;
}

static void test_sandbox__cpu_limit_stops_a_busy_loop(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "while :; do :; done", &r, short_cpu), 0);
	assert_int_equal(r.outcome, SANDBOX_CPU_LIMIT);
	/* Reported from getrusage or cpuacct, which on a VM read up to ~20%
	 * less than RLIMIT_CPU's tick clock (see plan_rlimits). */
	assert_true(r.cpu_seconds >= 0.7);
	sandbox_result_clear(&r);
}

/* The limit is the whole check's: a child spinning while its parent
 * waits is the check spinning. */
static void test_sandbox__cpu_limit_counts_children(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "sh -c 'while :; do :; done' & wait; exit 0", &r, short_cpu), 0);
	assert_int_equal(r.outcome, SANDBOX_CPU_LIMIT);
	sandbox_result_clear(&r);
}

/* ---- what the check sees ---------------------------------------------- */

static void test_sandbox__environment_is_exactly_the_given_one(void **state)
{
	struct fixture *f = *state;
	struct sandbox_result r;
	setenv("RUNNER_SECRET", "leak", 1);
	assert_int_equal(run_sh(f, "env | sort", &r, NULL), 0);
	unsetenv("RUNNER_SECRET");
	expect_exit(&r, 0);
	const char *pwd = f->fallback ? f->work : "/work";
	char want[1024];
	/* Without a mount namespace (no private /tmp), TMPDIR names the
	 * check's own temporary directory, never the host's /tmp, and HOME
	 * is that directory too; with one, HOME is the private /tmp. Never
	 * the work directory, which the submission fills. */
	char *t = strstr(r.out, "TMPDIR=");
	char tmpdir[512] = "/tmp";
	if (f->fallback) {
		assert_non_null(t);
		assert_true(t[7] == '/' && strncmp(t, "TMPDIR=/tmp\n", 12) != 0);
		char *nl = strchr(t, '\n');
		snprintf(tmpdir, sizeof(tmpdir), "%.*s", (int)(nl - t - 7), t + 7);
		memmove(t, nl + 1, strlen(nl + 1) + 1);
	} else {
		assert_null(t);
	}
	/* PWD is the shell's; sh exports what it inherited. */
	snprintf(want, sizeof(want), "HOME=%s\nLANG=C.UTF-8\nPATH=/usr/bin:/bin\nPWD=%s\nROADMAP_TEST=yes\n",
		 tmpdir, pwd);
	assert_string_equal(r.out, want);
	sandbox_result_clear(&r);
}

static void test_sandbox__only_standard_descriptors_are_open(void **state)
{
	struct sandbox_result r;
	/* ls lists its own directory fd as well: 0 1 2 and one more. */
	assert_int_equal(run_sh(*state, "exec ls /proc/self/fd", &r, NULL), 0);
	expect_exit(&r, 0);
	assert_string_equal(r.out, "0\n1\n2\n3\n");
	sandbox_result_clear(&r);
}

static void test_sandbox__workdir_is_the_cwd_and_writable(void **state)
{
	struct fixture *f = *state;
	struct sandbox_result r;
	assert_int_equal(run_sh(f, "test \"$(pwd -P)\" = \"$PWD\" && echo hello > made-by-check", &r, NULL), 0);
	expect_exit(&r, 0);
	char p[256];
	snprintf(p, sizeof(p), "%s/made-by-check", f->work);
	char *data = NULL;
	size_t len;
	assert_int_equal(util_read_file(p, 100, &data, &len), 0);
	assert_string_equal(data, "hello\n");
	free(data);
	sandbox_result_clear(&r);
}

/* A private temporary directory: /tmp in the mount namespace, TMPDIR
 * without one. Compilers and test frameworks need it. */
static void test_sandbox__temporary_files_can_be_made(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "f=$(mktemp) && echo data > \"$f\" && cat \"$f\" && rm \"$f\"",
				&r, NULL), 0);
	expect_exit(&r, 0);
	assert_string_equal(r.out, "data\n");
	sandbox_result_clear(&r);
}

/* The device nodes every program expects: /dev/null takes writes,
 * /dev/zero and /dev/urandom give bytes. */
static void test_sandbox__standard_devices_work(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "echo gone > /dev/null && echo gone 2>/dev/null >&2 && "
				"head -c 16 /dev/zero | wc -c && head -c 16 /dev/urandom | wc -c", &r, NULL), 0);
	expect_exit(&r, 0);
	assert_string_equal(r.out, "16\n16\n");
	sandbox_result_clear(&r);
}

/* Threads and POSIX semaphores (/dev/shm): python's multiprocessing. */
static void test_sandbox__python_multiprocessing_works(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "python3", "-c",
			       "import multiprocessing as m\n"
			       "with m.Pool(2) as p: print(sum(p.map(abs, [-1, -2, 3])))\n", NULL };
	struct sandbox_spec s = spec_for(f, argv);
	struct sandbox_result r;
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	expect_exit(&r, 0);
	assert_string_equal(r.out, "6\n");
	sandbox_result_clear(&r);
}

static void test_sandbox__readonly_subdir_is_not_writable(void **state)
{
	struct fixture *f = *state;
	struct sandbox_result r;
	if (f->fallback && geteuid() != 0) {
		/* Without a mount namespace or a uid of its own, the check is
		 * the owner of tests/ and Landlock cannot take one subtree
		 * out of a writable one (docs/sandbox.md, "Fallbacks"). */
		print_message("unprivileged and without namespaces: tests/ is not protected\n");
		skip();
	}
	assert_int_equal(run_sh(f, "cat tests/check.sh; echo x >> tests/check.sh; touch tests/new; "
				"rm -f tests/check.sh; mv tests gone; ls tests", &r, NULL), 0);
	assert_non_null(strstr(r.out, "original"));
	char p[256];
	snprintf(p, sizeof(p), "%s/tests/new", f->work);
	assert_int_equal(access(p, F_OK), -1);
	snprintf(p, sizeof(p), "%s/tests/check.sh", f->work);
	char *data = NULL;
	size_t len;
	assert_int_equal(util_read_file(p, 100, &data, &len), 0);
	assert_string_equal(data, "echo original\n");
	free(data);
	sandbox_result_clear(&r);
}

static void test_sandbox__host_tmp_and_home_are_invisible(void **state)
{
	struct fixture *f = *state;
	char marker[] = "/tmp/rr-host-marker.XXXXXX";
	int fd = mkstemp(marker);
	assert_true(fd >= 0);
	close(fd);
	chmod(marker, 0644);
	char script[512];
	snprintf(script, sizeof(script),
		 "if cat %s 2>/dev/null; then echo SAW-TMP; fi; "
		 "if ls /home /root 2>/dev/null | grep -q .; then echo SAW-HOME; fi; "
		 "echo done", marker);
	struct sandbox_result r;
	assert_int_equal(run_sh(f, script, &r, NULL), 0);
	unlink(marker);
	expect_exit(&r, 0);
	assert_null(strstr(r.out, "SAW-TMP"));
	assert_null(strstr(r.out, "SAW-HOME"));
	assert_non_null(strstr(r.out, "done"));
	sandbox_result_clear(&r);
}

static void test_sandbox__no_new_privs_seccomp_and_no_capabilities(void **state)
{
	struct sandbox_result r;
	assert_int_equal(run_sh(*state, "grep -E '^(NoNewPrivs|Seccomp|CapEff|CapPrm):' /proc/self/status; id -u",
				&r, NULL), 0);
	expect_exit(&r, 0);
	assert_non_null(strstr(r.out, "NoNewPrivs:\t1\n"));
	assert_non_null(strstr(r.out, "Seccomp:\t2\n"));
	assert_non_null(strstr(r.out, "CapEff:\t0000000000000000\n"));
	assert_non_null(strstr(r.out, "CapPrm:\t0000000000000000\n"));
	/* The last line is the uid, never 0. */
	const char *last = r.out + strlen(r.out) - 1;
	while (last > r.out && last[-1] != '\n')
		last--;
	assert_int_not_equal(atoi(last), 0);
	assert_false(last[0] == '0' && last[1] == '\n');
	sandbox_result_clear(&r);
}

/* ---- network ------------------------------------------------------------ */

static const char *const tcp_echo_py =
	"import socket,threading\n"
	"s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1)\n"
	"def serve():\n"
	"    c,_=s.accept(); c.sendall(c.recv(10)); c.close()\n"
	"threading.Thread(target=serve).start()\n"
	"k=socket.create_connection(s.getsockname()); k.sendall(b'ping')\n"
	"print(k.recv(10).decode())\n";

static void loopback(struct sandbox_spec *s)
{
	s->network = SANDBOX_NET_LOOPBACK;
}

static void test_sandbox__no_network_by_default(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "python3", "-c", tcp_echo_py, NULL };
	struct sandbox_spec s = spec_for(f, argv);
	struct sandbox_result r;
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	assert_int_equal(r.outcome, SANDBOX_EXITED);
	assert_int_not_equal(r.exit_code, 0);
	assert_null(strstr(r.out, "ping"));
	/* The denial is named for the learner. */
	if (sandbox_get_layers(f->sb)->seccomp_notify) {
		assert_non_null(r.denial);
		assert_non_null(strstr(r.denial, "AF_INET"));
		assert_true(r.denials >= 1);
	}
	sandbox_result_clear(&r);
}

static void test_sandbox__loopback_network_works_when_asked(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "python3", "-c", tcp_echo_py, NULL };
	struct sandbox_spec s = spec_for(f, argv);
	loopback(&s);
	struct sandbox_result r;
	int ret = sandbox_run(f->sb, &s, &r);
	if (!sandbox_get_layers(f->sb)->loopback_available) {
		/* Never the host network instead. */
		assert_int_equal(ret, -1);
		assert_int_equal(r.outcome, SANDBOX_SETUP_FAILED);
		assert_non_null(strstr(r.message, "loopback"));
	} else {
		assert_int_equal(ret, 0);
		expect_exit(&r, 0);
		assert_string_equal(r.out, "ping\n");
	}
	sandbox_result_clear(&r);
}

/* ---- limits over the whole tree ------------------------------------------ */

static void test_sandbox__memory_limit_is_reported(void **state)
{
	struct sandbox_result r;
	/* 400 MiB under a 256 MiB limit: a cgroup OOM kill, or MemoryError
	 * under the address-space rlimit (the caller reads stderr then). */
	assert_int_equal(run_sh(*state, "python3 -c 'x = bytearray(400 << 20); print(len(x))'", &r, NULL), 0);
	if (sandbox_get_layers(((struct fixture *)*state)->sb)->cgroup) {
		assert_int_equal(r.outcome, SANDBOX_MEMORY_LIMIT);
		assert_false(r.memory_by_rlimit);
	} else {
		assert_true(r.outcome == SANDBOX_MEMORY_LIMIT ||
			    (r.outcome == SANDBOX_EXITED && r.exit_code != 0 && strstr(r.err, "MemoryError")));
	}
	assert_null(strstr(r.out, "419430400"));
	sandbox_result_clear(&r);
}

static void few_processes(struct sandbox_spec *s)
{
	s->limits.processes = 8;
}

static void test_sandbox__process_limit_bounds_a_fork_bomb(void **state)
{
	struct sandbox_result r;
	/* 30 sleepers under a limit of 8: some forks must fail. */
	char script[256], m[32];
	marker(m, sizeof(m));
	snprintf(script, sizeof(script), "for i in $(seq 30); do sleep %s & done 2>/dev/null; exit 0", m);
	assert_int_equal(run_sh(*state, script, &r, few_processes), 0);
	assert_false(process_with_marker(m));
	sandbox_result_clear(&r);
	assert_int_equal(run_sh(*state, "for i in $(seq 30); do sleep 5 & done; wait", &r, few_processes), 0);
	assert_non_null(strstr(r.err, "fork") ? r.err : strstr(r.err, "Resource") ? r.err : NULL);
	sandbox_result_clear(&r);
}

/* ---- no state from one check reaches the next --------------------------- */

static void test_sandbox__checks_do_not_share_tmp_or_ipc(void **state)
{
	struct fixture *f = *state;
	struct sandbox_result r;
	if (f->fallback)
		skip(); /* no private /tmp or IPC namespace without namespaces */
	assert_int_equal(run_sh(f, "echo secret > /tmp/left-behind && ipcmk -M 4096 >/dev/null && "
				"ipcs -m | grep -c 4096", &r, NULL), 0);
	expect_exit(&r, 0);
	sandbox_result_clear(&r);
	assert_int_equal(run_sh(f, "ls /tmp; ipcs -m | grep -c 4096; exit 0", &r, NULL), 0);
	assert_null(strstr(r.out, "left-behind"));
	assert_string_equal(r.out, "0\n");
	sandbox_result_clear(&r);
}

static void test_sandbox__the_shared_network_namespace_keeps_nothing(void **state)
{
	struct fixture *f = *state;
	struct sandbox_result r;
	/* An abstract Unix socket bound by one check, with a server left in
	 * the background: gone for the next check. */
	assert_int_equal(run_sh(f, "python3 -c \"import socket,os\n"
				"s=socket.socket(socket.AF_UNIX); s.bind('\\0rr-leak'); s.listen(1)\n"
				"if os.fork(): os._exit(0)\n"
				"s.accept()\" ; exit 0", &r, NULL), 0);
	sandbox_result_clear(&r);
	assert_int_equal(run_sh(f, "python3 -c \"import socket\n"
				"s=socket.socket(socket.AF_UNIX)\n"
				"try:\n    s.connect('\\0rr-leak'); print('LEAK')\n"
				"except OSError as e: print('gone')\"", &r, NULL), 0);
	expect_exit(&r, 0);
	assert_string_equal(r.out, "gone\n");
	sandbox_result_clear(&r);
}

/* ---- layers -------------------------------------------------------------- */

static void test_sandbox__layers_are_reported(void **state)
{
	struct fixture *f = *state;
	const struct sandbox_layers *l = sandbox_get_layers(f->sb);
	assert_true(l->rlimits);
	assert_true(l->seccomp);
	if (f->fallback) {
		assert_false(l->pid_ns);
		assert_false(l->mount_ns);
	}
	assert_int_not_equal(l->run_uid, 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	sandbox_describe(f->sb, fp);
	fclose(fp);
	assert_non_null(strstr(buf, "pid namespace"));
	assert_non_null(strstr(buf, "seccomp"));
	free(buf);
}

/* A work directory in the workspace: the check's mountinfo shows its
 * /work as a path of the workspace's own tmpfs, and its root as "/" of
 * another, never a host directory (the skeleton used to show as
 * $TMPDIR/roadmap-run-root-<pid>); its cgroup paths are its own root. */
static void test_sandbox__workspace_shows_no_host_path(void **state)
{
	struct fixture *f = *state;
	const char *ws = sandbox_workspace(f->sb);
	if (!ws)
		skip();
	char *work = util_tempdir_in(ws, "rr-ws-test");
	assert_non_null(work);
	chmod(work, 0755);
	const char *argv[] = { "sh", "-c", "cat /proc/self/mountinfo /proc/self/cgroup", NULL };
	struct sandbox_spec s = spec_for(f, argv);
	s.workdir = work;
	struct sandbox_result r;
	assert_int_equal(sandbox_run(f->sb, &s, &r), 0);
	expect_exit(&r, 0);
	const char *dir = strrchr(work, '/') + 1;
	char want[256];
	snprintf(want, sizeof(want), " /%s /work ", dir);
	if (!strstr(r.out, want))
		print_error("no '%s' in:\n%s\n", want, r.out);
	assert_non_null(strstr(r.out, want));
	assert_non_null(strstr(r.out, " / / ro,"));
	assert_null(strstr(r.out, "roadmap-run-root"));
	assert_null(strstr(r.out, "/tmp/"));
	/* cgroup lines ("N:controllers:path", no space before the first
	 * colon, unlike mountinfo's) all say "/". */
	int cgroup_lines = 0;
	for (char *l = r.out; *l;) {
		char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		char line[512];
		snprintf(line, sizeof(line), "%.*s", (int)len, l);
		char *c1 = strchr(line, ':'), *sp = strchr(line, ' ');
		if (c1 && (!sp || c1 < sp)) {
			char *c2 = strchr(c1 + 1, ':');
			assert_non_null(c2);
			if (strcmp(c2 + 1, "/"))
				fail_msg("a cgroup path beyond the check's own root: %s", line);
			cgroup_lines++;
		}
		l += len + (nl ? 1 : 0);
	}
	assert_true(cgroup_lines > 0);
	sandbox_result_clear(&r);
	sandbox_remove_workdir(f->sb, work);
}

/* A runner killed with SIGKILL leaves its skeleton root behind: the next
 * sandbox_open removes it (and never one of a live process, nor one of
 * another pid namespace, where the pid says nothing about its owner). */
static void test_sandbox__stale_temporary_directories_are_removed(void **state)
{
	(void)state;
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	const char *base = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char stale[256], live[256], other_ns[256];
	unsigned long ns = util_pidns_id();
	assert_true(ns != 0);
	snprintf(stale, sizeof(stale), "%s/roadmap-run-root-%d-%lu.test01", base, (int)dead, ns);
	snprintf(live, sizeof(live), "%s/roadmap-run-root-%d-%lu.test02", base, (int)getppid(), ns);
	snprintf(other_ns, sizeof(other_ns), "%s/roadmap-run-root-%d-%lu.test03", base, (int)dead,
		 ns + 1);
	assert_int_equal(mkdir(stale, 0700), 0);
	assert_int_equal(mkdir(live, 0700), 0);
	assert_int_equal(mkdir(other_ns, 0700), 0);
	struct sandbox *sb;
	char err[512];
	struct sandbox_options o = { .disable_userns = true, .disable_pidns = true,
				     .disable_netns = true, .disable_mountns = true };
	assert_int_equal(sandbox_open(&sb, &o, err, sizeof(err)), 0);
	sandbox_close(sb);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other_ns, F_OK), 0);
	rmdir(live);
	rmdir(other_ns);
}

#define T(name) cmocka_unit_test_setup_teardown(name, test_setup, test_teardown)

int main(void)
{
	const struct CMUnitTest full[] = {
		T(test_sandbox__exit_code_is_reported),
		T(test_sandbox__signal_is_reported),
		T(test_sandbox__missing_command_is_exec_failed),
		T(test_sandbox__command_is_found_in_the_checks_path),
		T(test_sandbox__a_non_executable_file_is_eacces),
		T(test_sandbox__output_is_captured_in_order),
		T(test_sandbox__output_limit_stops_the_check),
		T(test_sandbox__output_at_the_limit_is_not_truncated),
		T(test_sandbox__wall_limit_kills_the_whole_tree),
		T(test_sandbox__nothing_outlives_a_check_that_exits),
		T(test_sandbox__cpu_limit_stops_a_busy_loop),
		T(test_sandbox__cpu_limit_counts_children),
		T(test_sandbox__environment_is_exactly_the_given_one),
		T(test_sandbox__only_standard_descriptors_are_open),
		T(test_sandbox__workdir_is_the_cwd_and_writable),
		T(test_sandbox__temporary_files_can_be_made),
		T(test_sandbox__standard_devices_work),
		T(test_sandbox__python_multiprocessing_works),
		T(test_sandbox__readonly_subdir_is_not_writable),
		T(test_sandbox__host_tmp_and_home_are_invisible),
		T(test_sandbox__no_new_privs_seccomp_and_no_capabilities),
		T(test_sandbox__no_network_by_default),
		T(test_sandbox__loopback_network_works_when_asked),
		T(test_sandbox__memory_limit_is_reported),
		T(test_sandbox__process_limit_bounds_a_fork_bomb),
		T(test_sandbox__checks_do_not_share_tmp_or_ipc),
		T(test_sandbox__the_shared_network_namespace_keeps_nothing),
		T(test_sandbox__layers_are_reported),
		T(test_sandbox__workspace_shows_no_host_path),
		cmocka_unit_test(test_sandbox__stale_temporary_directories_are_removed),
	};
	const struct CMUnitTest fallback[] = {
		T(test_sandbox__exit_code_is_reported),
		T(test_sandbox__missing_command_is_exec_failed),
		T(test_sandbox__output_limit_stops_the_check),
		T(test_sandbox__wall_limit_kills_the_whole_tree),
		T(test_sandbox__nothing_outlives_a_check_that_exits),
		T(test_sandbox__cpu_limit_counts_children),
		T(test_sandbox__environment_is_exactly_the_given_one),
		T(test_sandbox__only_standard_descriptors_are_open),
		T(test_sandbox__workdir_is_the_cwd_and_writable),
		T(test_sandbox__temporary_files_can_be_made),
		T(test_sandbox__standard_devices_work),
		T(test_sandbox__python_multiprocessing_works),
		T(test_sandbox__readonly_subdir_is_not_writable),
		T(test_sandbox__host_tmp_and_home_are_invisible),
		T(test_sandbox__no_new_privs_seccomp_and_no_capabilities),
		T(test_sandbox__no_network_by_default),
		T(test_sandbox__loopback_network_works_when_asked),
		T(test_sandbox__layers_are_reported),
	};
	int fails = cmocka_run_group_tests_name("sandbox, every layer", full, setup_full, teardown);
	fails += cmocka_run_group_tests_name("sandbox, without namespaces", fallback, setup_fallback, teardown);
	return fails;
}
