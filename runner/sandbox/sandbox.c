/*
 * sandbox.c - run one untrusted check, contained and measured.
 *
 * Theory of operation
 * -------------------
 * sandbox_open() works once per run: it probes user/pid/net/mount/ipc/uts
 * namespaces (by trying them in throw-away children), the Landlock ABI and
 * a writable cgroup hierarchy (cgroup.c: two cgroups used in turn); it
 * makes, once per process, a user namespace mapping the check's uid and an
 * empty network namespace, kept by file descriptor (an unprivileged runner
 * joins the user namespace itself); it makes the skeleton root and the
 * workspace, where work directories live (sandbox_fs.c: tmpfs of their
 * own, so a check's mountinfo names no host path), and runs one trial
 * check to prove the layers work together. The seccomp program is built once per layer combination
 * (policy_for). When the runner is root, checks run as run_uid (65534).
 *
 * sandbox_run() then creates, per check:
 *
 *   runner (parent)
 *     |  out pipe, err pipe: the check's stdout and stderr
 *     |  ctl socket (SOCK_SEQPACKET, CLOEXEC): setup and exec failures, the
 *     |     seccomp listener fd (SCM_RIGHTS), the init's final report
 *     |  pidfd: readable when the child ends
 *     +-- init: clone(CLONE_NEWPID|CLONE_NEWIPC|CLONE_NEWUTS|CLONE_VM|
 *         CLONE_VFORK), so pid 1 of its pid namespace, sharing our memory
 *         (nothing copied) while we wait (sandbox_child.c). It joins the
 *         cgroup and makes a cgroup namespace rooted there, setns into
 *         the empty network namespace (or makes one with lo up), into
 *         the base mount namespace and unshares a copy of it, adds /tmp,
 *         /proc, /work and tests/ (sandbox_fs.c), enters the user
 *         namespace (as root), makes the shared memory non-dumpable, then:
 *           +-- check (pid 2, CLONE_VM|CLONE_VFORK: nothing copied):
 *                 fds 0-2, rlimits, uid, no capabilities, PDEATHSIG,
 *                 NO_NEW_PRIVS, Landlock, seccomp last, execve(argv)
 *         and, once the check has exec'd, drops to the check's uid and
 *         execs check-init (runner/sandbox/init/check-init.c, from a sealed,
 *         execute-only memfd), which lets us go on. check-init reaps every
 *         orphan until the check ends; then it kills everything left
 *         (kill(-1)), reaps it, reports the check's wait status and the
 *         tree's CPU time on ctl, and exits. The runner takes the report
 *         as the end of the check and reaps the init later (its
 *         namespaces' teardown overlaps the next check). Where check-init
 *         is not available (not x86_64, no memfd), the init is a fork of
 *         the runner that does the same in init_main.
 *
 * Without a pid namespace the check is the runner's child directly (a
 * CLONE_VM|CLONE_VFORK child, cheaper than a fork), the runner is a child
 * subreaper so that orphans come back to it, and Landlock plus seccomp
 * stand in for the mount and network namespaces.
 *
 * Who kills whom: the runner's poll loop enforces the wall deadline, the
 * CPU limit of the whole tree (the cgroup's cpuacct, else /proc, polled
 * every 100 ms) and the output limit. It SIGKILLs the pid-namespace init
 * (the kernel then kills the whole namespace), or, without one, the
 * check's process group, every process of its cgroup, and every orphan the
 * subreaper adopted. Every process of a check has PR_SET_PDEATHSIG(SIGKILL)
 * towards its parent, set after its last uid change (which clears it), so
 * a dead runner takes its checks with it; sandbox_kill_active() is there
 * for the runner's fatal-signal handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <net/if.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "landlock.h"
#include "roadmap.h"
#include "sandbox.h"
#include "sandbox_internal.h"
#include "seccomp_policy.h"
#include "util.h"

/* How often the whole tree's CPU time is read (from the cgroup, else
 * from /proc): a check may overrun its CPU limit by about this much. */
#define CPU_POLL_MS 100

#define RUN_UID_DEFAULT 65534
#define RUN_GID_DEFAULT 65534

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static int pidfd_open_(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- options -------------------------------------------------------- */

static void apply_disable_env(struct sandbox *sb, struct sandbox_options *o, bool *seccomp_off)
{
	const char *e = getenv("ROADMAP_RUN_SANDBOX_DISABLE");
	if (!e)
		return;
	char *copy = xstrdup(e), *save = NULL;
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		if (!strcmp(t, "userns")) o->disable_userns = true;
		else if (!strcmp(t, "pidns")) o->disable_pidns = true;
		else if (!strcmp(t, "netns")) o->disable_netns = true;
		else if (!strcmp(t, "mountns")) o->disable_mountns = true;
		else if (!strcmp(t, "landlock")) o->disable_landlock = true;
		else if (!strcmp(t, "cgroup")) o->disable_cgroup = true;
		else if (!strcmp(t, "notify")) o->disable_notify = true;
		else if (!strcmp(t, "seccomp")) *seccomp_off = true;
		else if (!strcmp(t, "ipcns")) sb->disable_ipcns = true;
		else if (!strcmp(t, "utsns")) sb->disable_utsns = true;
		else if (!strcmp(t, "initexec")) sb->disable_init_exec = true;
		else if (!strcmp(t, "all") || !strcmp(t, "namespaces")) {
			o->disable_userns = o->disable_pidns = o->disable_netns = true;
			o->disable_mountns = true;
			sb->disable_ipcns = sb->disable_utsns = true;
			if (!strcmp(t, "all")) {
				o->disable_landlock = o->disable_cgroup = true;
				o->disable_notify = true;
				*seccomp_off = true;
			}
		}
	}
	free(copy);
}

/* ---- open / close ----------------------------------------------------- */

static bool in_arg_area(const struct sandbox *sb, const char *p)
{
	return p && p >= sb->arg_area && p < sb->arg_area + sb->arg_len;
}

static bool list_in_arg_area(const struct sandbox *sb, const char *const *l)
{
	for (; l && *l; l++)
		if (in_arg_area(sb, *l))
			return true;
	return false;
}

/* Whether a string the child reads lies in our argument area. */
static bool child_uses_arg_area(const struct sandbox *sb, const struct sandbox_child *c)
{
	const char *one[] = { c->cwd, c->workdir, c->work_src, c->readonly_subdir, c->readonly_src,
			      c->path };
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (in_arg_area(sb, one[i]))
			return true;
	return list_in_arg_area(sb, (const char *const *)c->argv) ||
	       list_in_arg_area(sb, (const char *const *)c->envp) ||
	       list_in_arg_area(sb, c->landlock_ro) || list_in_arg_area(sb, c->landlock_rw);
}

/* Where our argument strings are (fields 48 and 49 of /proc/self/stat,
 * Linux 3.5+): a forked init blanks its copy of them (sandbox_child.c). */
static void find_arg_area(struct sandbox *sb)
{
	char buf[2048];
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* the command name may hold spaces */
	if (!p)
		return;
	unsigned long long start = 0, end = 0;
	int field = 2;
	for (char *save = NULL, *t = strtok_r(p + 1, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		field++;
		if (field == 48)
			start = strtoull(t, NULL, 10);
		else if (field == 49)
			end = strtoull(t, NULL, 10);
	}
	if (start && end > start && end - start < (1ULL << 20)) {
		sb->arg_area = (char *)(uintptr_t)start;
		sb->arg_len = (size_t)(end - start);
	}
}

static void pending_reap(struct sandbox *sb);
static void workspace_close(struct sandbox *sb);

static void note(struct sandbox *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct sandbox *sb, const char *fmt, ...)
{
	size_t l = strlen(sb->probe_notes);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sb->probe_notes + l, sizeof(sb->probe_notes) - l, fmt, ap);
	va_end(ap);
}

/* A layer this machine offers (the kernel allows it, nothing turned it
 * off on purpose) that checks will nevertheless run without: noted for
 * --check-sandbox like every missing layer, and also kept apart, since
 * sandbox_open says so on stderr once per run. A missing layer the
 * machine never offered (no user namespaces, no delegated cgroup) is
 * the documented fallback and is not repeated on every run. */
static void lost_layer(struct sandbox *sb, const char *layer, const char *why)
{
	size_t l = strlen(sb->lost);
	snprintf(sb->lost + l, sizeof(sb->lost) - l, "%s%s (%s)", l ? "; " : "", layer, why);
}

/* Count this uid's processes, so RLIMIT_NPROC (which counts every process
 * of the uid) still lets the check start `processes` of its own. */
static long count_uid_processes(uid_t uid)
{
	DIR *d = opendir("/proc");
	long n = 0;
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, 0) == 0 && st.st_uid == uid)
			n++;
	}
	closedir(d);
	return n;
}

/* ---- temporary directories ------------------------------------------- */

/* util_tempdir named "roadmap-run-<what>-<pid>-<pid namespace>.XXXXXX":
 * removed at exit and on SIGINT/SIGTERM, and, after a SIGKILL or a crash,
 * by the next sandbox_open of the same pid namespace (sweep_tempdirs). */
char *sandbox_tempdir(const char *what)
{
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "roadmap-run-%s-%d-%lu", what, (int)getpid(),
		 util_pidns_id());
	char *dir = util_tempdir(prefix);
	/* The pid in the name cannot prove the run is over: a runner in
	 * another pid namespace (a container, `unshare -p`) sharing this
	 * TMPDIR sees no such pid. A shared lock on the directory, held for
	 * the run's life (the fd is never closed; the kernel drops it when the
	 * run ends, however it ends), can: the sweep skips what is locked. */
	if (dir) {
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) < 0) {
			close(fd);
		}
	}
	return dir;
}

static void sweep_tempdirs(void)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	DIR *d = opendir(base);
	struct dirent *e;
	static const char *const kinds[] = { "root", "tmp", "probe" };
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "roadmap-run-", 12))
			continue;
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			size_t kl = strlen(kinds[i]);
			long pid;
			unsigned long ns;
			char dot;
			/* Only a runner of our own pid namespace can be judged
			 * dead by its pid: one in a container sharing this
			 * directory would otherwise lose its live directories
			 * to us, and we ours to it. */
			if (strncmp(e->d_name + 12, kinds[i], kl) || e->d_name[12 + kl] != '-' ||
			    sscanf(e->d_name + 13 + kl, "%ld-%lu%c", &pid, &ns, &dot) != 3 || dot != '.' ||
			    !util_runner_gone(pid, ns))
				continue;
			/* a live run holds a lock on its directory (sandbox_tempdir),
			 * whatever pid namespace it is in */
			int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0)
				continue;
			bool live = flock(fd, LOCK_EX | LOCK_NB) < 0;
			if (!live) {
				char *path = util_path_join(base, e->d_name);
				util_rm_rf(path);
				free(path);
			}
			close(fd);
		}
	}
	if (d)
		closedir(d);
}

/* ---- probing ---------------------------------------------------------- */

static int write_file(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, data, strlen(data));
	int e = errno;
	close(fd);
	return n == (ssize_t)strlen(data) ? 0 : -(n < 0 ? e : EIO);
}

/*
 * Create the namespaces every check shares, once: a user namespace in
 * which the check's uid is mapped (to run_uid when we are root, to our own
 * uid otherwise), and an empty network namespace owned by it. Entering
 * them costs a check two setns() calls (~10 us) instead of creating a
 * network namespace (~0.4 ms, with a tail of milliseconds) and writing a
 * uid map through a parent/child handshake. Neither keeps state a check
 * could leave for the next one: the user namespace holds no objects, and
 * the network namespace has only lo, down, which no check can bring up
 * (it has no capability), so it cannot carry a socket, a route or a
 * port between checks. (Sockets die with the processes that own them,
 * and no process outlives its check.)
 */
/* Created once per process and kept for its life; every sandbox_open of
 * the process shares them (an unprivileged runner has joined the user
 * namespace, and cannot join a second one without nesting). */
static int shared_userns_fd = -1, shared_netns_fd = -1;
static bool shared_tried, shared_joined;
static char shared_why[512];

static int make_shared_namespaces(const struct sandbox *sb, bool want_user, bool want_net,
				  char *why, size_t whylen)
{
	int go[2], done[2];
	if (pipe2(go, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(done, O_CLOEXEC) < 0) {
		close(go[0]);
		close(go[1]);
		return -errno;
	}
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(go[0]); close(go[1]); close(done[0]); close(done[1]);
		return -e;
	}
	if (pid == 0) {
		close(go[0]);
		close(done[1]);
		int flags = (want_user ? CLONE_NEWUSER : 0) | (want_net ? CLONE_NEWNET : 0);
		int e = unshare(flags) < 0 ? errno : 0;
		if (write(go[1], &e, sizeof(e)) < 0)
			_exit(1);
		char x;
		if (read(done[0], &x, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(go[1]);
	close(done[0]);
	int e = -1, r = 0;
	if (read(go[0], &e, sizeof(e)) != sizeof(e)) {
		r = -EIO;
		snprintf(why, whylen, "the probe process died");
		goto out;
	}
	if (e) {
		r = -e;
		snprintf(why, whylen, "unshare(%s%s): %s", want_user ? "CLONE_NEWUSER" : "",
			 want_net ? (want_user ? "|CLONE_NEWNET" : "CLONE_NEWNET") : "", strerror(e));
		goto out;
	}
	char path[64], map[64];
	if (want_user) {
		if (!sb->root) {
			snprintf(path, sizeof(path), "/proc/%d/setgroups", pid);
			write_file(path, "deny");
		}
		snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
		snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)sb->run_uid, (unsigned)sb->run_uid);
		if ((r = write_file(path, map)) < 0) {
			snprintf(why, whylen, "writing the uid map: %s", strerror(-r));
			goto out;
		}
		snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
		snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)sb->run_gid, (unsigned)sb->run_gid);
		if ((r = write_file(path, map)) < 0) {
			snprintf(why, whylen, "writing the gid map: %s", strerror(-r));
			goto out;
		}
		snprintf(path, sizeof(path), "/proc/%d/ns/user", pid);
		shared_userns_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (shared_userns_fd < 0) {
			r = -errno;
			snprintf(why, whylen, "opening %s: %s", path, strerror(errno));
			goto out;
		}
	}
	if (want_net) {
		snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
		shared_netns_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (shared_netns_fd < 0) {
			r = -errno;
			snprintf(why, whylen, "opening %s: %s", path, strerror(errno));
		}
	}
out:
	close(go[0]);
	close(done[1]);
	waitpid(pid, NULL, 0);
	if (r < 0) {
		if (shared_userns_fd >= 0)
			close(shared_userns_fd);
		if (shared_netns_fd >= 0)
			close(shared_netns_fd);
		shared_userns_fd = shared_netns_fd = -1;
	}
	return r;
}

/* Once per process: the shared user and network namespaces, and for an
 * unprivileged runner, joining the user namespace. Joining changes nothing
 * the runner can do on the host (its uid maps to itself; capabilities in
 * that namespace grant nothing outside it) but lets it create a check's
 * pid, ipc and uts namespaces directly in one clone(), with no helper
 * process and no uid-map handshake per check. */
static void ensure_shared_namespaces(const struct sandbox *sb)
{
	char why[256] = "";
	size_t l;
	if (shared_tried)
		return;
	shared_tried = true;
	if (make_shared_namespaces(sb, true, true, why, sizeof(why)) == 0)
		goto join;
	l = strlen(shared_why);
	snprintf(shared_why + l, sizeof(shared_why) - l, "network namespace: %s\n", why);
	if (make_shared_namespaces(sb, true, false, why, sizeof(why)) == 0)
		goto join;
	l = strlen(shared_why);
	snprintf(shared_why + l, sizeof(shared_why) - l, "user namespace: %s\n", why);
	/* Root needs no user namespace to create the others. */
	if (sb->root && make_shared_namespaces(sb, false, true, why, sizeof(why)) < 0) {
		l = strlen(shared_why);
		snprintf(shared_why + l, sizeof(shared_why) - l, "network namespace: %s\n", why);
	}
	return;
join:
	if (!sb->root && shared_userns_fd >= 0) {
		if (setns(shared_userns_fd, CLONE_NEWUSER) == 0) {
			shared_joined = true;
		} else {
			l = strlen(shared_why);
			snprintf(shared_why + l, sizeof(shared_why) - l,
				 "user namespace: the runner cannot join it: %s\n", strerror(errno));
		}
	}
}

/* Can a check get namespace `flag`? (The runner's children create them
 * with the runner's credentials.) Returns 0 or the errno of the refusal. */
static int probe_unshare(int flag, bool loopback)
{
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		if (unshare(flag) < 0)
			_exit(errno);
		if (loopback) {
			int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			struct ifreq ifr;
			memset(&ifr, 0, sizeof(ifr));
			strcpy(ifr.ifr_name, "lo");
			if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
				_exit(errno);
			ifr.ifr_flags |= IFF_UP;
			if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
				_exit(errno);
		}
		_exit(0);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return EIO;
	return WEXITSTATUS(st);
}

static void probe_namespaces(struct sandbox *sb)
{
	const struct sandbox_options *o = &sb->opts;
	struct sandbox_layers *l = &sb->layers;

	if (o->disable_userns && !sb->root) {
		note(sb, "namespaces: user namespaces are disabled and the runner is not root\n");
		return;
	}
	ensure_shared_namespaces(sb);
	if (shared_why[0])
		note(sb, "%s", shared_why);
	l->user_ns = !o->disable_userns && shared_userns_fd >= 0 && (sb->root || shared_joined);
	if (!sb->root && !l->user_ns)
		return; /* nothing else is possible unprivileged */
	sb->userns_fd = l->user_ns ? shared_userns_fd : -1;
	sb->netns_fd = o->disable_netns ? -1 : shared_netns_fd;
	l->net_ns = sb->netns_fd >= 0;

	static const struct { int flag; const char *name; } kinds[] = {
		{ CLONE_NEWPID, "pid" }, { CLONE_NEWNS, "mount" },
		{ CLONE_NEWIPC, "ipc" }, { CLONE_NEWUTS, "uts" },
	};
	bool *dst[] = { &l->pid_ns, &l->mount_ns, &l->ipc_ns, &l->uts_ns };
	bool off[] = { o->disable_pidns, o->disable_mountns, sb->disable_ipcns, sb->disable_utsns };
	if (!o->disable_netns && !l->net_ns)
		lost_layer(sb, "the network namespace", "it could not be created");
	for (size_t i = 0; i < 4; i++) {
		if (off[i])
			continue;
		int e = probe_unshare(kinds[i].flag, false);
		if (e) {
			char what[64];
			note(sb, "%s namespace: unshare: %s\n", kinds[i].name, strerror(e));
			snprintf(what, sizeof(what), "the %s namespace", kinds[i].name);
			lost_layer(sb, what, strerror(e));
		} else {
			*dst[i] = true;
		}
	}
	if (l->net_ns) {
		int e = probe_unshare(CLONE_NEWNET, true);
		if (e)
			note(sb, "loopback network: a private network namespace with lo up: %s\n",
			     strerror(e));
		else
			l->loopback_available = true;
	}
}

/* Run `true` once with every layer: what the probes allowed must also work
 * together (a /proc that cannot be mounted, say). On a setup failure, turn
 * the filesystem view off and say why. */
/* The check's init program (runner/sandbox/init_blob.S), empty where not built. */
extern const char rr_check_init_blob[], rr_check_init_blob_end[];

/* Put check-init in a memfd the inits can exec: sealed (nobody changes it
 * once written) and execute-only (an exec of a file its user cannot read
 * is never dumpable, so a check cannot open the init's memory). Returns
 * the fd, or -1 (the inits are then forks of the runner). */
static int make_init_fd(struct sandbox *sb)
{
	size_t n = (size_t)(rr_check_init_blob_end - rr_check_init_blob);
	if (n == 0 || sb->disable_init_exec)
		return -1;
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
	int fd = memfd_create("roadmap-run-check-init", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
	if (fd < 0 && errno == EINVAL) /* kernels before 6.3 know no MFD_EXEC */
		fd = memfd_create("roadmap-run-check-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0) {
		note(sb, "init: no memfd for the check's init (%s); it is forked instead\n", strerror(errno));
		return -1;
	}
	const char *p = rr_check_init_blob;
	size_t left = n;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		p += w;
		left -= (size_t)w;
	}
	if (fchmod(fd, 0111) < 0 ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0)
		goto fail;
	return fd;
fail:
	note(sb, "init: cannot prepare the check's init (%s); it is forked instead\n", strerror(errno));
	close(fd);
	return -1;
}

/* The base mount namespace with the workspace, (re)built when it is
 * missing or was built for the other /proc (the trial check may turn the
 * pid namespace off). A rebuild empties the workspace, so only
 * sandbox_open does it, before any work directory exists. */
static int workspace_ready(struct sandbox *sb, char *why, size_t whylen)
{
	bool host_proc = !sb->layers.pid_ns;
	if (sb->mntns_fd >= 0 && sb->mntns_host_proc == host_proc)
		return 0;
	int ns = -1, ws = -1;
	int r = sandbox_fs_base(sb, NULL, host_proc, &ns, &ws, why, whylen);
	if (r < 0)
		return r;
	workspace_close(sb);
	sb->mntns_fd = ns;
	sb->workspace_fd = ws;
	sb->mntns_host_proc = host_proc;
	snprintf(sb->workspace, sizeof(sb->workspace), "/proc/self/fd/%d", ws);
	return 0;
}

static void workspace_close(struct sandbox *sb)
{
	if (sb->mntns_fd >= 0)
		close(sb->mntns_fd);
	if (sb->workspace_fd >= 0)
		close(sb->workspace_fd);
	sb->mntns_fd = sb->workspace_fd = -1;
	sb->workspace[0] = '\0';
}

const char *sandbox_workspace(const struct sandbox *sb)
{
	return sb->layers.mount_ns && sb->workspace[0] ? sb->workspace : NULL;
}

/* One check of /bin/true, in a work directory where real checks will
 * have theirs; a layer that fails it is turned off, and said (lost_layer). */
static void trial_run(struct sandbox *sb)
{
	const char *argv[] = { "/bin/true", NULL };
	const char *envp[] = { "PATH=/usr/bin:/bin", NULL };
	struct sandbox_spec spec = {
		.argv = argv, .envp = envp,
		.limits = { .cpu_seconds = 5, .wall_seconds = 10, .memory_mb = 256, .processes = 16,
			    .output_kb = 16, .file_size_kb = 1024, .open_files = 64 },
	};
	struct sandbox_result res;
	for (int attempt = 0; attempt < 3; attempt++) {
		char why[sizeof(res.message)];
		if (sb->layers.mount_ns && workspace_ready(sb, why, sizeof(why)) < 0) {
			note(sb, "mount namespace: turned off, no workspace: %s\n", why);
			lost_layer(sb, "the mount namespace", why);
			sb->layers.mount_ns = false;
		}
		char *work = sb->layers.mount_ns ? util_tempdir_in(sb->workspace, "roadmap-run-probe")
						 : sandbox_tempdir("probe");
		if (!work)
			break;
		chmod(work, 0755);
		spec.workdir = work;
		sandbox_run(sb, &spec, &res);
		util_tempdir_remove(work);
		free(work);
		bool failed = res.outcome == SANDBOX_SETUP_FAILED;
		bool cg = !strncmp(res.message, "cgroup", 6);
		bool init = strstr(res.message, "check's init") != NULL;
		snprintf(why, sizeof(why), "%s", res.message);
		if (failed)
			note(sb, "trial check: %s\n", res.message);
		sandbox_result_clear(&res);
		if (!failed)
			break;
		if (init && sb->init_fd >= 0) {
			note(sb, "init: the exec'd init failed; it is forked instead\n");
			close(sb->init_fd);
			sb->init_fd = -1;
		} else if (cg && sb->cgroups) {
			note(sb, "cgroup: turned off after the trial check failed\n");
			lost_layer(sb, "the cgroup", why);
			cgroup_pool_close(sb->cgroups);
			sb->cgroups = NULL;
			sb->layers.cgroup = false;
			sb->layers.cgroup_version = NULL;
		} else if (sb->layers.mount_ns) {
			note(sb, "mount namespace: turned off after the trial check failed\n");
			lost_layer(sb, "the mount namespace", why);
			sb->layers.mount_ns = false;
		} else if (sb->layers.pid_ns) {
			note(sb, "pid namespace: turned off after the trial check failed\n");
			lost_layer(sb, "the pid namespace", why);
			sb->layers.pid_ns = false;
		} else {
			break;
		}
	}
	/* Work directories go to $TMPDIR then, where checks can reach them. */
	if (!sb->layers.mount_ns)
		workspace_close(sb);
}

int sandbox_open(struct sandbox **out, const struct sandbox_options *opts, char *err, size_t errlen)
{
	struct sandbox *sb = xcalloc(1, sizeof(*sb));
	char why[256] = "";
	int r;

	sb->userns_fd = sb->netns_fd = sb->mntns_fd = sb->init_fd = -1;
	sb->workspace_fd = sb->parent_mntns_fd = -1;
	find_arg_area(sb);
	sweep_tempdirs();

	if (opts)
		sb->opts = *opts;
	apply_disable_env(sb, &sb->opts, &sb->seccomp_disabled);

	sb->root = geteuid() == 0;
	sb->run_uid = sb->root ? RUN_UID_DEFAULT : geteuid();
	sb->run_gid = sb->root ? RUN_GID_DEFAULT : getegid();
	sb->layers.privilege_drop = sb->root;
	sb->layers.run_uid = sb->run_uid;
	sb->layers.rlimits = true;

	if (!sb->opts.disable_landlock) {
		sb->layers.landlock_abi = landlock_abi();
		if (!sb->layers.landlock_abi)
			note(sb, "landlock: not offered by this kernel (or disabled at boot)\n");
	}

	if (!sb->seccomp_disabled) {
		bool notify = !sb->opts.disable_notify;
		r = seccomp_policy_build(&sb->policy, notify, why, sizeof(why));
		if (r < 0 && notify) {
			note(sb, "seccomp user notification: %s\n", why);
			r = seccomp_policy_build(&sb->policy, false, why, sizeof(why));
		}
		if (r < 0) {
			snprintf(err, errlen, "seccomp is not available: %s", why);
			goto fail;
		}
		sb->layers.seccomp = true;
		sb->layers.seccomp_notify = seccomp_policy_uses_notify(sb->policy);
	}

	if (!sb->opts.disable_cgroup) {
		r = cgroup_pool_open(&sb->cgroups, why, sizeof(why));
		if (r == 0) {
			sb->layers.cgroup = true;
			sb->layers.cgroup_version = cgroup_pool_version(sb->cgroups);
		} else {
			note(sb, "cgroup: %s; memory and processes are limited per process "
			     "(RLIMIT_AS, RLIMIT_NPROC) instead\n", why);
		}
	}
	probe_namespaces(sb);
	if (sb->layers.mount_ns) {
		/* The workspace itself is made by trial_run. */
		r = sandbox_fs_prepare(sb);
		if (r < 0) {
			note(sb, "mount namespace: cannot create the root skeleton: %s\n", strerror(-r));
			lost_layer(sb, "the mount namespace", strerror(-r));
			sb->layers.mount_ns = false;
		}
	}
	if (!sb->layers.user_ns)
		sb->nproc_base = count_uid_processes(sb->run_uid);
	sb->stacks = xmalloc(2 * SANDBOX_CHILD_STACK);
	if (sb->layers.pid_ns)
		sb->init_fd = make_init_fd(sb);
	trial_run(sb);
	/* Without a mount namespace the host's Unix sockets are reachable by
	 * path, so checks may not connect() at all: no loopback network. */
	if (sb->layers.loopback_available && !sb->layers.mount_ns) {
		sb->layers.loopback_available = false;
		note(sb, "loopback network: needs the mount namespace as well\n");
	}

	/* Without a pid namespace, orphans of a check must come back to us
	 * so that none survives it. */
	if (!sb->layers.pid_ns) {
		if (prctl(PR_SET_CHILD_SUBREAPER, 1) == 0)
			sb->subreaper = true;
	}

	/* One line per run, whatever the command: a check that quietly runs
	 * with one wall fewer than the machine offers is worse than noise. */
	if (sb->lost[0])
		fprintf(stderr, "roadmap-run: warning: checks run without %s, which this machine "
			"offers; 'roadmap-run --check-sandbox' says more\n", sb->lost);
	if (sb->opts.require_namespaces && !(sb->layers.pid_ns && sb->layers.mount_ns)) {
		snprintf(err, errlen, "namespaces are required but not available: %s",
			 sb->probe_notes[0] ? sb->probe_notes : "unknown reason");
		goto fail;
	}
	*out = sb;
	return 0;
fail:
	sandbox_close(sb);
	return RR_EXIT_INTERNAL;
}

void sandbox_close(struct sandbox *sb)
{
	if (!sb)
		return;
	pending_reap(sb);
	if (sb->policy)
		seccomp_policy_free(sb->policy);
	for (size_t i = 0; i < sizeof(sb->policies) / sizeof(sb->policies[0]); i++)
		if (sb->policies[i])
			seccomp_policy_free(sb->policies[i]);
	/* userns_fd and netns_fd are the process's, shared by every sandbox. */
	workspace_close(sb);
	if (sb->parent_mntns_fd >= 0)
		close(sb->parent_mntns_fd);
	if (sb->init_fd >= 0)
		close(sb->init_fd);
	free(sb->mntns_parent);
	if (sb->fallback_tmp) {
		util_tempdir_remove(sb->fallback_tmp);
		free(sb->fallback_tmp);
	}
	sandbox_fs_cleanup(sb);
	cgroup_pool_close(sb->cgroups);
	free(sb->stacks);
	free(sb);
}

bool sandbox_check_owner(const struct sandbox *sb, uid_t *uid, gid_t *gid)
{
	*uid = sb->run_uid;
	*gid = sb->run_gid;
	return sb->root;
}

const struct sandbox_layers *sandbox_get_layers(const struct sandbox *sb)
{
	return &sb->layers;
}

static void describe_line(FILE *fp, const char *name, bool on, bool off_by_option, const char *what)
{
	fprintf(fp, "  %-18s %-4s %s\n", name, on ? "yes" : off_by_option ? "off" : "no",
		on ? what : off_by_option ? "(turned off by ROADMAP_RUN_SANDBOX_DISABLE or an option)"
			  : "(not offered here: see the notes)");
}

void sandbox_describe(const struct sandbox *sb, FILE *fp)
{
	const struct sandbox_layers *l = &sb->layers;
	const struct sandbox_options *o = &sb->opts;
	struct utsname u;
	char buf[160];

	if (uname(&u) == 0)
		fprintf(fp, "kernel: %s %s %s; runner uid %u%s\n", u.sysname, u.release, u.machine,
			(unsigned)geteuid(), sb->root ? " (root)" : "");
	fprintf(fp, "what a check gets on this machine:\n");
	snprintf(buf, sizeof(buf), "uid %u inside a user namespace of its own", (unsigned)l->run_uid);
	describe_line(fp, "user namespace", l->user_ns, o->disable_userns, buf);
	describe_line(fp, "pid namespace", l->pid_ns, o->disable_pidns,
		      sb->init_fd >= 0
		      ? "the check is pid 2; its init (check-init, exec'd) kills whatever is left"
		      : "the check is pid 2; its init (a fork of the runner) kills whatever is left");
	describe_line(fp, "network namespace", l->net_ns, o->disable_netns,
		      "no network at all (lo down); \"loopback\" checks get their own lo");
	describe_line(fp, "mount namespace", l->mount_ns, o->disable_mountns,
		      "sees /usr, /etc (read-only), its work directory, a private /tmp and /proc");
	describe_line(fp, "ipc namespace", l->ipc_ns, sb->disable_ipcns, "SysV IPC and mqueues of its own");
	describe_line(fp, "uts namespace", l->uts_ns, sb->disable_utsns, "hostname \"check\"");
	snprintf(buf, sizeof(buf), "ABI %d: the same filesystem view again, TCP%s and signals scoped",
		 l->landlock_abi, l->landlock_abi >= 4 ? " denied" : "");
	describe_line(fp, "landlock", l->landlock_abi > 0, o->disable_landlock, buf);
	describe_line(fp, "seccomp", l->seccomp, sb->seccomp_disabled,
		      l->seccomp_notify ? "filter built once; refused calls are named to the learner"
					: "filter built once; refused calls fail with an errno");
	snprintf(buf, sizeof(buf), "%s: memory, processes and CPU time of the whole check",
		 l->cgroup_version ? l->cgroup_version : "");
	describe_line(fp, "cgroup", l->cgroup, o->disable_cgroup, buf);
	describe_line(fp, "rlimits", true, false, "CPU, address space, processes, file size, files, core 0, stack");
	snprintf(buf, sizeof(buf), "checks run as uid %u, never as root", (unsigned)l->run_uid);
	describe_line(fp, "privilege drop", l->privilege_drop, false,
		      sb->root ? buf : "(the runner is not root: checks run as its uid)");
	describe_line(fp, "loopback network", l->loopback_available, o->disable_netns,
		      "\"network\": \"loopback\" is honoured");
	if (!l->loopback_available)
		fprintf(fp, "  checks that ask for \"network\": \"loopback\" end with status error\n");
	if (!l->cgroup)
		fprintf(fp, "  without a cgroup, memory is bounded per process (RLIMIT_AS) and a memory\n"
			    "  limit is inferred from how the check died\n");
	if (sb->probe_notes[0]) {
		fprintf(fp, "notes:\n");
		for (const char *p = sb->probe_notes; *p;) {
			const char *nl = strchr(p, '\n');
			int len = nl ? (int)(nl - p) : (int)strlen(p);
			fprintf(fp, "  %.*s\n", len, p);
			p += len + (nl ? 1 : 0);
		}
	}
	if (sb->policy)
		seccomp_policy_describe(sb->policy, fp);
}

/* ---- the running check, for sandbox_kill_active ------------------------ */

static volatile sig_atomic_t active_pid;  /* the init, or the check itself */
static volatile sig_atomic_t active_pgid; /* the check's process group */

void sandbox_kill_active(void)
{
	int e = errno;
	pid_t pid = (pid_t)active_pid, pgid = (pid_t)active_pgid;
	if (pid > 0)
		kill(pid, SIGKILL);
	if (pgid > 0)
		kill(-pgid, SIGKILL);
	errno = e;
}

/* ---- seccomp policies ----------------------------------------------------- */

/*
 * The policy depends on the layers a check has, so it is built per
 * combination, once, and kept: a loopback check (its own network namespace)
 * may use AF_INET; a check without a mount namespace could reach the host's
 * Unix sockets by path (the D-Bus session bus, ssh-agent, docker.sock), so
 * it may not connect() at all; a check without an IPC namespace would
 * create System V objects on the host that outlive it, so it may not.
 */
static struct seccomp_policy *policy_for(struct sandbox *sb, unsigned flags, char *why, size_t len)
{
	if (flags >= sizeof(sb->policies) / sizeof(sb->policies[0])) {
		snprintf(why, len, "unknown policy flags %#x", flags);
		return NULL;
	}
	if (!sb->policies[flags] && seccomp_policy_build_flags(&sb->policies[flags], flags, why, len) < 0)
		sb->policies[flags] = NULL;
	return sb->policies[flags];
}

/* ---- inits that are still exiting -------------------------------------- */

/* Remember an init whose check is over (it killed and reaped the whole
 * tree) but which is still tearing down its namespaces, and the slot (the
 * cgroup, see cgroup.h) its check used. */
static void pending_add(struct sandbox *sb, pid_t pid, int slot)
{
	if (sb->n_pending < SANDBOX_MAX_PENDING) {
		sb->pending[sb->n_pending] = pid;
		sb->pending_work[sb->n_pending] = NULL;
		sb->pending_slot[sb->n_pending++] = slot;
		sb->last_pending = pid;
		return;
	}
	waitpid(pid, NULL, __WALL);
}

static void remove_workdir_now(char *path)
{
	if (path)
		util_rm_rf(path);
	free(path);
}

void sandbox_remove_workdir(struct sandbox *sb, char *path)
{
	for (int i = 0; path && sb->last_pending && i < sb->n_pending; i++)
		if (sb->pending[i] == sb->last_pending && !sb->pending_work[i]) {
			sb->pending_work[i] = path;
			return;
		}
	remove_workdir_now(path);
}

/* Reap the inits of checks that used `slot` (-1: all), waiting for them
 * (they only had their teardown left, two checks ago: this rarely waits),
 * and whichever others are done already. */
static void pending_reap_slot(struct sandbox *sb, int slot)
{
	int k = 0;
	for (int i = 0; i < sb->n_pending; i++) {
		pid_t pid = sb->pending[i];
		bool must = slot < 0 || sb->pending_slot[i] == slot;
		pid_t w;
		while ((w = waitpid(pid, NULL, __WALL | (must ? 0 : WNOHANG))) < 0 && errno == EINTR)
			;
		if (w == 0) {
			sb->pending[k] = pid;
			sb->pending_work[k] = sb->pending_work[i];
			sb->pending_slot[k++] = sb->pending_slot[i];
		} else {
			/* Its mount namespace is gone: nothing is mounted on
			 * the work directory any more. */
			remove_workdir_now(sb->pending_work[i]);
			if (pid == sb->last_pending)
				sb->last_pending = 0;
		}
	}
	sb->n_pending = k;
}

static void pending_reap(struct sandbox *sb)
{
	pending_reap_slot(sb, -1);
}

/* ---- per-check preparation ------------------------------------------ */

static int chown_uid, chown_gid;
static const char *chown_skip;
static size_t chown_skip_len;

static int chown_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 0)
		return FTW_CONTINUE; /* the work directory itself stays root's */
	if (chown_skip && !strncmp(path, chown_skip, chown_skip_len) &&
	    (path[chown_skip_len] == '\0' || path[chown_skip_len] == '/'))
		return flag == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
	if (lchown(path, (uid_t)chown_uid, (gid_t)chown_gid) < 0)
		return FTW_STOP;
	return FTW_CONTINUE;
}

/* As root, hand the work tree to the check's uid, except the read-only
 * subdirectory, which stays the runner's (readable, not writable), and the
 * work directory itself, which stays root's with mode 1777: the check may
 * create files in it, but the sticky bit forbids renaming or removing
 * tests/ (root's) to put its own in its place. (In a mount namespace
 * tests/ is also a read-only mount point, which cannot be renamed.) */
static int give_workdir(const struct sandbox *sb, const struct sandbox_spec *spec)
{
	if (chmod(spec->workdir, 01777) < 0)
		return -errno;
	if (spec->workdir_owned)
		return 0;
	char *skip = spec->readonly_subdir ? util_path_join(spec->workdir, spec->readonly_subdir) : NULL;
	chown_uid = (int)sb->run_uid;
	chown_gid = (int)sb->run_gid;
	chown_skip = skip;
	chown_skip_len = skip ? strlen(skip) : 0;
	int r = nftw(spec->workdir, chown_one, 16, FTW_PHYS | FTW_ACTIONRETVAL);
	int e = errno;
	free(skip);
	chown_skip = NULL;
	return r == 0 ? 0 : -(e ? e : EIO);
}

static char *find_env(const char *const *envp, const char *name)
{
	size_t n = strlen(name);
	for (; envp && *envp; envp++)
		if (!strncmp(*envp, name, n) && (*envp)[n] == '=')
			return (char *)*envp + n + 1;
	return NULL;
}

static void add_rlimit(struct sandbox_child *c, int res, rlim_t soft, rlim_t hard)
{
	c->rlimit_res[c->n_rlimits] = res;
	c->rlimits[c->n_rlimits].rlim_cur = soft;
	c->rlimits[c->n_rlimits].rlim_max = hard;
	c->n_rlimits++;
}

static void plan_rlimits(const struct sandbox *sb, const struct sandbox_spec *spec,
			 struct sandbox_child *c, bool *memory_by_rlimit)
{
	const struct sandbox_limits *l = &spec->limits;
	if (l->cpu_seconds > 0) {
		/* The limit is the whole tree's, polled by the runner (cgroup
		 * cpuacct, else /proc) on the scheduler's clock, the one
		 * getrusage reports. RLIMIT_CPU is per process and runs on the
		 * tick-sampled clock, which on a VM with steal time reads up to
		 * ~30% more: set it well above the limit, as a backstop that
		 * never fires before the runner's own measurement (a child
		 * killed early by it would hide its CPU from the tree's). */
		rlim_t s = (rlim_t)ceil(l->cpu_seconds * 1.5) + 1;
		add_rlimit(c, RLIMIT_CPU, s, s + 1);
	}
	if (l->memory_mb > 0) {
		/* With a memory cgroup the cgroup is exact; the address-space
		 * limit is then only a generous backstop (runtimes such as
		 * node reserve far more address space than they use). */
		rlim_t mb = (rlim_t)l->memory_mb;
		if (!sb->layers.cgroup) {
			*memory_by_rlimit = true;
		} else {
			mb = mb * 4 < 4096 ? 4096 : mb * 4;
		}
		add_rlimit(c, RLIMIT_AS, mb << 20, mb << 20);
		/* glibc makes the soft stack limit every thread's stack size:
		 * keep the usual 8 MiB, or a few threads would fill RLIMIT_AS;
		 * a program may raise it up to the hard limit. */
		rlim_t hard = (rlim_t)(l->memory_mb < 64 ? l->memory_mb : 64) << 20;
		rlim_t soft = hard < (8 << 20) ? hard : (8 << 20);
		add_rlimit(c, RLIMIT_STACK, soft, hard);
	}
	if (l->processes > 0) {
		/* RLIMIT_NPROC counts every process of the uid (in its user
		 * namespace) until it is reaped: add the ones that were there
		 * before the check, or, in a pid namespace, its init and the
		 * previous check's, which may still be exiting. */
		rlim_t n = (rlim_t)l->processes;
		if (!c->use_userns)
			n += (rlim_t)sb->nproc_base;
		if (c->use_pidns)
			n += 2;
		add_rlimit(c, RLIMIT_NPROC, n, n);
	}
	if (l->file_size_kb > 0)
		add_rlimit(c, RLIMIT_FSIZE, (rlim_t)l->file_size_kb << 10, (rlim_t)l->file_size_kb << 10);
	if (l->open_files > 0)
		add_rlimit(c, RLIMIT_NOFILE, (rlim_t)l->open_files, (rlim_t)l->open_files);
	add_rlimit(c, RLIMIT_CORE, 0, 0);
}

/* ---- TMPDIR in the fallback ---------------------------------------------- */

/* Without a mount namespace the check's private temporary directory is a
 * directory of the runner's (TMPDIR names it), made once and emptied after
 * every check: creating and removing one per check costs an inode
 * allocation each time, which on ext4 is the slowest thing in a check. */
static int fallback_tmp_ready(struct sandbox *sb)
{
	if (sb->fallback_tmp)
		return 0;
	char *dir = sandbox_tempdir("tmp");
	if (!dir)
		return -errno;
	if (sb->root && chown(dir, sb->run_uid, sb->run_gid) < 0) {
		int e = errno;
		util_tempdir_remove(dir);
		free(dir);
		return -e;
	}
	sb->fallback_tmp = dir;
	return 0;
}

static void fallback_tmp_empty(struct sandbox *sb)
{
	DIR *d = opendir(sb->fallback_tmp);
	struct dirent *e;
	bool empty = d != NULL;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	if (d)
		closedir(d);
	if (empty)
		return;
	/* Whatever the check left, in whatever mode: start again. */
	util_rm_rf(sb->fallback_tmp);
	if (mkdir(sb->fallback_tmp, 0700) < 0 ||
	    (sb->root && chown(sb->fallback_tmp, sb->run_uid, sb->run_gid) < 0)) {
		free(sb->fallback_tmp);
		sb->fallback_tmp = NULL; /* made again by the next check */
	}
}

/* ---- CPU time of a process tree, without a cgroup ------------------------ */

/* utime+stime+cutime+cstime of one process, in seconds (its reaped
 * descendants are in cutime/cstime). */
static double proc_cpu(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	const char *p = strrchr(buf, ')'); /* the command name may hold spaces */
	unsigned long long v[4] = { 0, 0, 0, 0 };
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
			 &v[0], &v[1], &v[2], &v[3]) != 4)
		return 0;
	return (double)(v[0] + v[1] + v[2] + v[3]) / (double)sysconf(_SC_CLK_TCK);
}

/* Add pid's children (every thread's) to the list. */
static void add_children(pid_t pid, pid_t **list, size_t *n, size_t *alloc)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		char cpath[300], buf[4096];
		snprintf(cpath, sizeof(cpath), "/proc/%d/task/%s/children", (int)pid, e->d_name);
		int fd = open(cpath, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		ssize_t r = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (r <= 0)
			continue;
		buf[r] = '\0';
		for (char *q = buf, *end; *q; q = end) {
			long c = strtol(q, &end, 10);
			if (end == q)
				break;
			if (*n == *alloc) {
				*alloc = *alloc ? 2 * *alloc : 32;
				*list = xrealloc(*list, *alloc * sizeof(pid_t));
			}
			(*list)[(*n)++] = (pid_t)c;
		}
	}
	if (d)
		closedir(d);
}

/* The CPU time of root and all its descendants so far (bounded walk). */
static double tree_cpu_seconds(pid_t root)
{
	pid_t *list = NULL;
	size_t n = 0, alloc = 0;
	double total = 0;
	add_children(root, &list, &n, &alloc);
	total += proc_cpu(root);
	for (size_t i = 0; i < n && i < 4096; i++) {
		total += proc_cpu(list[i]);
		add_children(list[i], &list, &n, &alloc);
	}
	free(list);
	return total;
}

/* ---- /dev/shm in the fallback ------------------------------------------- */

/* Without a mount namespace a check writes POSIX shared memory and
 * semaphores into the host's /dev/shm, where they would outlive it and hold
 * memory no limit covers. As root, remove everything run_uid owns there
 * after the check; unprivileged, remove what appeared during the check and
 * belongs to us (snapshot of inode numbers taken before). */
struct shm_snapshot {
	ino_t *inos;
	size_t n;
};

static void shm_snapshot_take(struct shm_snapshot *s)
{
	DIR *d = opendir("/dev/shm");
	struct dirent *e;
	size_t alloc = 0;
	s->inos = NULL;
	s->n = 0;
	while (d && (e = readdir(d))) {
		if (s->n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			s->inos = xrealloc(s->inos, alloc * sizeof(ino_t));
		}
		s->inos[s->n++] = e->d_ino;
	}
	if (d)
		closedir(d);
}

static void shm_cleanup(const struct sandbox *sb, struct shm_snapshot *s)
{
	DIR *d = opendir("/dev/shm");
	struct dirent *e;
	uid_t uid = sb->root ? sb->run_uid : geteuid();
	while (d && (e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.' || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    st.st_uid != uid || S_ISDIR(st.st_mode))
			continue;
		bool old = false;
		for (size_t i = 0; !sb->root && i < s->n && !old; i++)
			old = s->inos[i] == st.st_ino;
		if (!old)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	if (d)
		closedir(d);
	free(s->inos);
	s->inos = NULL;
}

/* ---- memory-backed files, without a cgroup ------------------------------ */

/*
 * With a memory cgroup, pages a check writes into a tmpfs are charged to
 * it like any other memory. Without one, RLIMIT_AS counts only mappings:
 * files written into a memory-backed filesystem (the work directory when
 * $TMPDIR is a tmpfs; in the fallback also its TMPDIR and the host's
 * /dev/shm) hold memory that no limit sees. So the runner watches how
 * much those filesystems fill while the check runs (statfs, at the CPU
 * poll's pace) and ends the check with SANDBOX_MEMORY_LIMIT once they
 * hold more than its memory limit over what they held at its start.
 * (The check's private /tmp in a mount namespace is a tmpfs of its own,
 * sized from the limit, and needs no watching.) The measure is of the
 * whole filesystem: another process filling the same tmpfs at the same
 * time counts too, which errs on the safe side.
 */
#define MEMFS_MAX 3

struct memfs_watch {
	int n;
	fsid_t fsid[MEMFS_MAX];
	const char *path[MEMFS_MAX];
	long long used_at_start[MEMFS_MAX];
	long long limit;           /* bytes */
};

static long long statfs_used(const char *path, fsid_t *fsid)
{
	struct statfs fs;
	if (statfs(path, &fs) < 0 || (fs.f_type != TMPFS_MAGIC && fs.f_type != RAMFS_MAGIC))
		return -1;
	if (fsid)
		*fsid = fs.f_fsid;
	return (long long)(fs.f_blocks - fs.f_bfree) * (long long)fs.f_bsize;
}

static void memfs_add(struct memfs_watch *w, const char *path)
{
	fsid_t id;
	long long used = path ? statfs_used(path, &id) : -1;
	if (used < 0 || w->n == MEMFS_MAX)
		return;
	for (int i = 0; i < w->n; i++)
		if (!memcmp(&w->fsid[i], &id, sizeof(id)))
			return;
	w->fsid[w->n] = id;
	w->path[w->n] = path;
	w->used_at_start[w->n++] = used;
}

/* True when the watched filesystems grew by more than the limit. */
static bool memfs_over(const struct memfs_watch *w)
{
	long long grown = 0;
	for (int i = 0; i < w->n; i++) {
		long long used = statfs_used(w->path[i], NULL);
		if (used > w->used_at_start[i])
			grown += used - w->used_at_start[i];
	}
	return w->n > 0 && grown > w->limit;
}

/* ---- the run -------------------------------------------------------- */

struct capture {
	struct strbuf out, err, combined;
	size_t limit, total;
	bool over;
};

/* Append what arrived on one stream; false once past the limit. */
static bool capture_add(struct capture *cap, struct strbuf *sb, const char *buf, size_t n)
{
	size_t room = cap->limit - cap->total;
	if (n > room) {
		n = room;
		cap->over = true;
	}
	if (n) {
		strbuf_add(sb, buf, n);
		strbuf_add(&cap->combined, buf, n);
		cap->total += n;
	}
	return !cap->over;
}

struct run {
	struct sandbox *sb;
	const struct seccomp_policy *policy;
	const struct sandbox_spec *spec;
	struct sandbox_result *res;
	pid_t pid;          /* the child: init, or the check itself */
	int pidfd;
	int out_r, err_r, ctl_r, notify_fd;
	bool exited;        /* the child was reaped */
	int wstatus;        /* its wait status */
	bool have_status;   /* the init reported the check's status */
	int check_status;
	bool killed;
	enum sandbox_outcome kill_reason;
	bool setup_failed, exec_failed;
	struct rusage ru;
	long tree_cpu_us;    /* from the init: every process it reaped */
	long tree_maxrss_kb;
	long orphan_cpu_us;  /* orphans the subreaper reaped */
	bool denial_weak;    /* res->denial is a refused connect(), see handle_notify */
	double killed_cpu;   /* the tree's CPU time when it was killed (no cgroup) */
};

static void handle_ctl(struct run *rn)
{
	for (;;) {
		struct sandbox_msg m;
		union {
			char buf[CMSG_SPACE(sizeof(int))];
			struct cmsghdr align;
		} u;
		struct iovec iov = { &m, sizeof(m) };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
		ssize_t n = recvmsg(rn->ctl_r, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
				close(rn->ctl_r);
				rn->ctl_r = -1;
			}
			return;
		}
		int passed = -1;
		for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
				memcpy(&passed, CMSG_DATA(cm), sizeof(int));
		if ((size_t)n < sizeof(m)) {
			if (passed >= 0)
				close(passed);
			continue;
		}
		m.text[sizeof(m.text) - 1] = '\0';
		switch (m.kind) {
		case SANDBOX_MSG_EXEC_FAILED:
			rn->exec_failed = true;
			rn->res->exec_errno = m.err;
			break;
		case SANDBOX_MSG_SETUP_FAILED:
			if (!rn->setup_failed) {
				rn->setup_failed = true;
				snprintf(rn->res->message, sizeof(rn->res->message), "%s: %s", m.text,
					 strerror(m.err));
			}
			break;
		case SANDBOX_MSG_LISTENER:
			if (passed >= 0 && rn->notify_fd < 0) {
				rn->notify_fd = passed;
				passed = -1;
			}
			break;
		case SANDBOX_MSG_STATUS:
			rn->have_status = true;
			rn->check_status = m.wstatus;
			rn->tree_cpu_us = m.utime_us + m.stime_us;
			rn->tree_maxrss_kb = m.maxrss_kb;
			break;
		}
		if (passed >= 0)
			close(passed);
	}
}

static void handle_notify(struct run *rn)
{
	for (int i = 0; i < 64; i++) {
		char msg[256] = "";
		int r = seccomp_policy_handle_notification(rn->policy, rn->notify_fd, msg, sizeof(msg));
		if (r == 1) {
			/* Keep the first denial, except that a refused connect()
			 * (the fallback's, to any Unix socket) is what glibc does
			 * by itself to probe nscd: a later denial of anything
			 * else says more about what the check tried. */
			bool weak = !strncmp(msg, "connect", 7);
			rn->res->denials++;
			if (msg[0] && (!rn->res->denial || (rn->denial_weak && !weak))) {
				free(rn->res->denial);
				rn->res->denial = xstrdup(msg);
				rn->denial_weak = weak;
			}
			continue;
		}
		if (r < 0) {
			close(rn->notify_fd);
			rn->notify_fd = -1;
		}
		return;
	}
}

/* Orphans adopted by the subreaper (no pid namespace): kill and reap
 * every child of ours outside our session until none is left. */
static void sweep_orphans(long *cpu_us)
{
	pid_t self_sid = getsid(0);
	for (int round = 0; round < 10000; round++) {
		char path[64];
		snprintf(path, sizeof(path), "/proc/self/task/%ld/children", (long)syscall(SYS_gettid));
		char buf[4096];
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return;
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			return;
		buf[n] = '\0';
		int found = 0;
		for (char *p = buf, *end; *p; p = end) {
			long pid = strtol(p, &end, 10);
			if (end == p)
				break;
			if (pid > 0 && getsid((pid_t)pid) != self_sid) {
				kill((pid_t)pid, SIGKILL);
				found++;
			}
		}
		if (!found)
			return;
		/* Reap them; their own children are reparented to us as they die. */
		for (char *p = buf, *end; *p; p = end) {
			long pid = strtol(p, &end, 10);
			if (end == p)
				break;
			struct rusage ru;
			if (pid > 0 && wait4((pid_t)pid, NULL, __WALL, &ru) == (pid_t)pid)
				*cpu_us += ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec +
					   ru.ru_stime.tv_sec * 1000000L + ru.ru_stime.tv_usec;
		}
	}
}

/* CPU time of the orphans we adopted as subreaper (no pid namespace):
 * our children outside our session, and theirs. */
static double orphans_cpu_seconds(pid_t check)
{
	pid_t *list = NULL;
	size_t n = 0, alloc = 0;
	double total = 0;
	pid_t self_sid = getsid(0);
	add_children(getpid(), &list, &n, &alloc);
	for (size_t i = 0; i < n; i++)
		if (list[i] != check && getsid(list[i]) != self_sid)
			total += tree_cpu_seconds(list[i]);
	free(list);
	return total;
}

static void kill_tree(struct run *rn, enum sandbox_outcome why)
{
	if (!rn->killed) {
		rn->killed = true;
		rn->kill_reason = why;
		/* Without a cgroup, read the tree's CPU time now: the processes
		 * a killed pid-namespace init leaves are reaped by the kernel
		 * with SIGCHLD ignored, and their time reaches nobody. */
		if (!rn->sb->cgroups && !rn->exited)
			rn->killed_cpu = tree_cpu_seconds(rn->pid) +
					 (rn->sb->subreaper ? orphans_cpu_seconds(rn->pid) : 0);
	}
	if (rn->exited)
		return;
	syscall(SYS_pidfd_send_signal, rn->pidfd, SIGKILL, NULL, 0);
	/* The check's session and process group carry its pid. */
	kill(-rn->pid, SIGKILL);
	if (rn->sb->cgroups && !rn->sb->layers.pid_ns)
		cgroup_pool_kill_all(rn->sb->cgroups);
}

static void read_stream(struct run *rn, int *fdp, struct strbuf *which, struct capture *cap)
{
	char buf[65536];
	ssize_t n = read(*fdp, buf, sizeof(buf));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		close(*fdp);
		*fdp = -1;
		return;
	}
	if (!capture_add(cap, which, buf, (size_t)n) && !rn->killed)
		kill_tree(rn, SANDBOX_OUTPUT_LIMIT);
}

static void result_from_status(struct run *rn, int st)
{
	struct sandbox_result *res = rn->res;
	if (WIFEXITED(st)) {
		res->outcome = SANDBOX_EXITED;
		res->exit_code = WEXITSTATUS(st);
	} else if (WIFSIGNALED(st)) {
		res->signal = WTERMSIG(st);
		res->outcome = SANDBOX_SIGNALED;
		if (res->signal == SIGSYS && rn->sb->policy) {
			res->outcome = SANDBOX_SECCOMP_KILL;
			if (!res->denial)
				res->denial = xstrdup(seccomp_policy_kill_reason());
		} else if (res->signal == SIGXCPU) {
			res->outcome = SANDBOX_CPU_LIMIT;
		} else if (res->signal == SIGKILL && rn->spec->limits.cpu_seconds > 0 &&
			   res->cpu_seconds >= rn->spec->limits.cpu_seconds) {
			/* The hard RLIMIT_CPU delivers SIGKILL. */
			res->outcome = SANDBOX_CPU_LIMIT;
		}
	}
}

/* Set up the result for an error before anything ran. */
static int setup_failed(struct sandbox_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int setup_failed(struct sandbox_result *res, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->message, sizeof(res->message), fmt, ap);
	va_end(ap);
	res->outcome = SANDBOX_SETUP_FAILED;
	return -1;
}

static void set_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

int sandbox_run(struct sandbox *sb, const struct sandbox_spec *spec, struct sandbox_result *res)
{
	memset(res, 0, sizeof(*res));
	sb->last_pending = 0;
	res->out = xstrdup("");
	res->err = xstrdup("");
	res->combined = xstrdup("");

	struct capture cap = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, 0, 0, false };
	struct run rn = { .sb = sb, .spec = spec, .res = res, .pid = -1, .pidfd = -1,
			  .out_r = -1, .err_r = -1, .ctl_r = -1, .notify_fd = -1 };
	int out_p[2] = { -1, -1 }, err_p[2] = { -1, -1 }, ctl_p[2] = { -1, -1 };
	int stdin_fd = -1;
	char **envp = NULL;
	char *own_env[3] = { NULL, NULL, NULL };
	const char *fallback_tmp = NULL;
	char *work_src = NULL, *ro_src = NULL;
	const char **ro_list = NULL;
	struct shm_snapshot shm = { NULL, 0 };
	bool shm_taken = false;
	int ret = -1;
	bool cg_fds_open = false;
	struct sandbox_child c;
	memset(&c, 0, sizeof(c));
	c.cgroup_fds[0] = -1;

	if (!spec->argv || !spec->argv[0] || !spec->workdir) {
		setup_failed(res, "no command or work directory given");
		goto out;
	}
	if (!sb->policy && !sb->seccomp_disabled) {
		setup_failed(res, "the seccomp policy is missing");
		goto out;
	}
	if (spec->network == SANDBOX_NET_LOOPBACK && !sb->layers.loopback_available) {
		setup_failed(res, "the check asks for a loopback network, which needs a network "
			     "namespace, and this machine does not allow one; it is never given the "
			     "host network");
		goto out;
	}
	cap.limit = spec->limits.output_kb > 0 ? (size_t)spec->limits.output_kb << 10 : (size_t)1 << 20;

	stdin_fd = open(spec->stdin_path ? spec->stdin_path : "/dev/null", O_RDONLY | O_CLOEXEC);
	if (stdin_fd < 0) {
		setup_failed(res, "cannot open the check's input '%s': %s",
			     spec->stdin_path ? spec->stdin_path : "/dev/null", strerror(errno));
		goto out;
	}
	if (pipe2(out_p, O_CLOEXEC) < 0 || pipe2(err_p, O_CLOEXEC) < 0 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ctl_p) < 0) {
		setup_failed(res, "cannot create the check's pipes: %s", strerror(errno));
		goto out;
	}

	const struct sandbox_layers *L = &sb->layers;
	c.sb = sb;
	c.spec = spec;
	c.argv = (char *const *)spec->argv;
	c.stdin_fd = stdin_fd;
	c.out_fd = out_p[1];
	c.err_fd = err_p[1];
	c.ctl_fd = ctl_p[1];
	c.cgroup_fds[0] = -1;
	c.workdir = spec->workdir;
	c.readonly_subdir = spec->readonly_subdir;
	c.use_userns = L->user_ns;
	/* An unprivileged runner is in the user namespace already; root's
	 * checks enter it after their mounts. */
	c.enter_userns = L->user_ns && sb->root;
	c.use_pidns = L->pid_ns;
	c.use_mountns = L->mount_ns;
	c.use_netns = L->net_ns;
	c.use_ipcns = L->ipc_ns;
	c.use_utsns = L->uts_ns;
	c.use_cgroupns = L->pid_ns;
	c.loopback = spec->network == SANDBOX_NET_LOOPBACK;
	/* The check's own IPC namespace holds memory no RSS counts (detached
	 * segments, queued messages): root bounds it through its sysctls;
	 * an unprivileged runner cannot (root of that namespace is not
	 * mapped), so without a cgroup to count it the policy refuses these
	 * objects as it does without an IPC namespace. */
	c.limit_ipc = c.use_ipcns && sb->root;
	c.ipc_shm_bytes = (unsigned long long)(spec->limits.memory_mb > 0 ? spec->limits.memory_mb : 256) << 20;
	bool ipc_refused = !c.use_ipcns || (!c.limit_ipc && !sb->cgroups);
	if (sb->policy) {
		char why[256];
		c.policy = policy_for(sb, (L->seccomp_notify ? SECCOMP_POLICY_NOTIFY : 0) |
					  (c.loopback ? SECCOMP_POLICY_ALLOW_INET : 0) |
					  (c.use_mountns ? 0 : SECCOMP_POLICY_NO_CONNECT) |
					  (ipc_refused ? SECCOMP_POLICY_NO_HOST_IPC : 0) |
					  (sb->cgroups ? 0 : SECCOMP_POLICY_NO_MEMFD), why, sizeof(why));
		if (!c.policy) {
			setup_failed(res, "cannot build the seccomp policy: %s", why);
			goto out;
		}
	}
	c.runner_pid = getpid();
	rn.policy = c.policy;
	c.drop_to_run_uid = sb->root;
	c.cwd = c.use_mountns ? SANDBOX_INSIDE_WORKDIR : spec->workdir;
	c.path = find_env(spec->envp, "PATH");
	c.tmp_size_mb = spec->limits.memory_mb > 0 ? spec->limits.memory_mb : 256;
	plan_rlimits(sb, spec, &c, &res->memory_by_rlimit);

	if (spec->readonly_subdir) {
		/* Never bind (or protect) what a symlink points at; without a
		 * mount namespace a shared readonly_src is reached through a
		 * symlink the caller made, and Landlock keeps it read-only. */
		char *ro_path = util_path_join(spec->workdir, spec->readonly_subdir);
		struct stat st;
		int sr = lstat(ro_path, &st);
		free(ro_path);
		bool linked = spec->readonly_src && !c.use_mountns && sr == 0 && S_ISLNK(st.st_mode);
		if (sr == 0 && !S_ISDIR(st.st_mode) && !linked) {
			setup_failed(res, "'%s' in the work directory is not a directory",
				     spec->readonly_subdir);
			goto out;
		}
	}

	/* Without a mount namespace there is no private /tmp: the check gets
	 * a directory of its own next to its work directory instead, and
	 * TMPDIR names it (Landlock keeps the host's /tmp out of reach). */
	if (!c.use_mountns) {
		if (!sb->root)
			shm_snapshot_take(&shm);
		shm_taken = true;
		int r = fallback_tmp_ready(sb);
		if (r < 0) {
			setup_failed(res, "cannot create the check's temporary directory: %s", strerror(-r));
			goto out;
		}
		fallback_tmp = sb->fallback_tmp;
	}

	size_t ne = 0;
	while (spec->envp && spec->envp[ne])
		ne++;
	envp = xcalloc(ne + 4, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < ne; i++)
		if (strncmp(spec->envp[i], "HOME=", 5) && strncmp(spec->envp[i], "PWD=", 4) &&
		    (!fallback_tmp || strncmp(spec->envp[i], "TMPDIR=", 7)))
			envp[k++] = (char *)spec->envp[i];
	/* HOME is the check's private temporary directory, empty at the
	 * start of every check, never the work directory: the submission
	 * would otherwise supply the checker's per-user configuration
	 * (~/.local/lib/python3.X/site-packages/usercustomize.py runs in
	 * every python3 the check starts; ~/.gitconfig can make the
	 * checker's git run commands through core.fsmonitor). */
	own_env[0] = envp[k++] = xasprintf("HOME=%s", fallback_tmp ? fallback_tmp : "/tmp");
	own_env[1] = envp[k++] = xasprintf("PWD=%s", c.cwd);
	if (fallback_tmp)
		own_env[2] = envp[k++] = xasprintf("TMPDIR=%s", fallback_tmp);
	envp[k] = NULL;
	c.envp = envp;

	/* Landlock: the same view as the mount namespace, as a second layer,
	 * or the only one when there is no mount namespace. Inside the mount
	 * namespace /bin, /lib... are symlinks into /usr and /dev holds only
	 * the five device nodes (on a read-only mount), so six rules say it
	 * all (each rule costs a few system calls in every check). */
	static const char *const ro_host[] = { "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64",
					       "/lib32", "/libx32", "/dev/urandom", "/dev/random",
					       "/proc", NULL };
	static const char *const ro_ns[] = { "/usr", "/etc", "/proc", NULL };
	const char *rw_ns[] = { SANDBOX_INSIDE_WORKDIR, "/tmp", "/dev", NULL };
	/* /dev/shm too: POSIX semaphores (python's multiprocessing) live
	 * there; DAC keeps other users' segments out of reach. */
	const char *rw_host[] = { spec->workdir, fallback_tmp, "/dev/null", "/dev/zero", "/dev/full",
				  "/dev/shm", NULL };
	c.landlock_ro = c.use_mountns ? ro_ns : ro_host;
	c.landlock_rw = c.use_mountns ? rw_ns : rw_host;
	c.use_landlock = L->landlock_abi > 0;

	if (c.use_mountns) {
		/* A work directory in the workspace is reached through the
		 * base namespace made once per run; one elsewhere (a caller's
		 * own directory) through one that shows its parent. */
		const char *ws = sandbox_workspace(sb);
		size_t wl = ws ? strlen(ws) : 0;
		if (ws && !strncmp(spec->workdir, ws, wl) && spec->workdir[wl] == '/') {
			if (sb->mntns_host_proc != !c.use_pidns) {
				setup_failed(res, "the workspace was built for another /proc");
				goto out;
			}
			c.mntns_fd = sb->mntns_fd;
			work_src = xasprintf("/.host/w%s", spec->workdir + wl);
			if (spec->readonly_src) {
				if (strncmp(spec->readonly_src, ws, wl) || spec->readonly_src[wl] != '/' ||
				    !spec->readonly_subdir) {
					setup_failed(res, "the read-only directory '%s' must be in the "
						     "workspace, as the work directory is", spec->readonly_src);
					goto out;
				}
				ro_src = xasprintf("/.host/w%s", spec->readonly_src + wl);
			}
		} else {
			char *parent = xstrdup(spec->workdir), *slash = strrchr(parent, '/');
			const char *base = slash ? slash + 1 : spec->workdir;
			if (slash)
				*slash = '\0';
			if (!slash || !*parent || !*base) {
				free(parent);
				setup_failed(res, "the work directory '%s' must be an absolute path", spec->workdir);
				goto out;
			}
			if (sb->parent_mntns_fd < 0 || strcmp(parent, sb->mntns_parent) ||
			    sb->parent_host_proc != !c.use_pidns) {
				char why[300];
				int ns = -1;
				int r = sandbox_fs_base(sb, parent, !c.use_pidns, &ns, NULL, why, sizeof(why));
				if (r < 0) {
					setup_failed(res, "cannot build the mount namespace: %s", why);
					free(parent);
					goto out;
				}
				if (sb->parent_mntns_fd >= 0)
					close(sb->parent_mntns_fd);
				sb->parent_mntns_fd = ns;
				free(sb->mntns_parent);
				sb->mntns_parent = xstrdup(parent);
				sb->parent_host_proc = !c.use_pidns;
			}
			c.mntns_fd = sb->parent_mntns_fd;
			work_src = xasprintf("/.host/w/%s", base);
			if (spec->readonly_src) {
				/* Shown in the base namespace only if it is the work
				 * directory's sibling. */
				const char *rs = strrchr(spec->readonly_src, '/');
				if (!spec->readonly_subdir || !rs || rs == spec->readonly_src || !rs[1] ||
				    (size_t)(rs - spec->readonly_src) != strlen(parent) ||
				    strncmp(spec->readonly_src, parent, strlen(parent))) {
					setup_failed(res, "the read-only directory '%s' must be next to the "
						     "work directory '%s'", spec->readonly_src, spec->workdir);
					free(parent);
					goto out;
				}
				ro_src = xasprintf("/.host/w/%s", rs + 1);
			}
			free(parent);
		}
		c.work_src = work_src;
		c.readonly_src = ro_src;
	} else if (spec->readonly_src && !c.use_landlock) {
		setup_failed(res, "a shared read-only directory needs a mount namespace or Landlock");
		goto out;
	} else if (spec->readonly_src) {
		/* Readable, and nothing more, whatever its modes say. */
		size_t n = 0;
		while (c.landlock_ro[n])
			n++;
		ro_list = xcalloc(n + 2, sizeof(*ro_list));
		memcpy(ro_list, c.landlock_ro, n * sizeof(*ro_list));
		ro_list[n] = spec->readonly_src;
		c.landlock_ro = ro_list;
	}

	if (sb->root) {
		int r = give_workdir(sb, spec);
		if (r < 0) {
			setup_failed(res, "cannot hand the work directory '%s' to uid %u: %s",
				     spec->workdir, (unsigned)sb->run_uid, strerror(-r));
			goto out;
		}
	}

	/* Checks use two slots in turn (two cgroups): the init of the check
	 * before this one may still be exiting in the other slot; the one of
	 * the check before that must be gone from ours. With a pid namespace,
	 * a reaped init means its cgroup is empty. */
	int slot = sb->cgroups ? cgroup_pool_next_slot(sb->cgroups) : (int)(sb->runs & 1);
	sb->runs++;
	pending_reap_slot(sb, slot);
	if (sb->cgroups && L->pid_ns)
		cgroup_pool_mark_empty(sb->cgroups, slot);
	if (sb->cgroups) {
		char why[256];
		/* pids.max counts the check's init too. */
		long pids = spec->limits.processes > 0 ? spec->limits.processes + (L->pid_ns ? 1 : 0) : 0;
		if (cgroup_pool_prepare(sb->cgroups, spec->limits.memory_mb, pids,
					c.cgroup_fds, why, sizeof(why)) < 0) {
			setup_failed(res, "%s", why);
			goto out;
		}
		cg_fds_open = true;
	}

	struct memfs_watch memfs = { .n = 0 };
	if (!sb->cgroups && spec->limits.memory_mb > 0) {
		memfs.limit = (long long)spec->limits.memory_mb << 20;
		memfs_add(&memfs, spec->workdir);
		if (!c.use_mountns) {
			memfs_add(&memfs, fallback_tmp);
			memfs_add(&memfs, "/dev/shm");
		}
	}

	double t0 = now_mono();
	pid_t pid;
	c.stack2_top = sb->stacks + 2 * SANDBOX_CHILD_STACK;
	c.init_fd = c.use_pidns ? sb->init_fd : -1;
	/* The forked init blanks its copy of our argument strings before it
	 * starts the check in that same memory: only when nothing the check
	 * is given lies there (a caller may pass argv's own strings). */
	if (sb->arg_area && !child_uses_arg_area(sb, &c)) {
		c.arg_area = sb->arg_area;
		c.arg_len = sb->arg_len;
	}
	int flags = SIGCHLD | (c.use_pidns ? CLONE_NEWPID : 0) | (c.use_ipcns ? CLONE_NEWIPC : 0) |
		    (c.use_utsns ? CLONE_NEWUTS : 0);
	if (c.use_pidns && c.init_fd < 0) {
		/* The fallback: the init (pid 1 of the new pid namespace)
		 * keeps running our code, so it needs its own copy of our
		 * memory. */
		pid = clone(sandbox_child_main, sb->stacks + SANDBOX_CHILD_STACK, flags, &c);
	} else {
		/* posix_spawn's trick: share our memory until execve, so
		 * nothing is copied; we resume when the child has exec'd
		 * (the check, or the init once it has started the check and
		 * become check-init). */
		pid = clone(sandbox_child_main, sb->stacks + SANDBOX_CHILD_STACK,
			    flags | CLONE_VM | CLONE_VFORK, &c);
	}
	if (pid < 0) {
		setup_failed(res, "clone: %s", strerror(errno));
		goto out;
	}
	close(out_p[1]);
	close(err_p[1]);
	close(ctl_p[1]);
	out_p[1] = err_p[1] = ctl_p[1] = -1;
	rn.out_r = out_p[0];
	rn.err_r = err_p[0];
	rn.ctl_r = ctl_p[0];
	out_p[0] = err_p[0] = ctl_p[0] = -1;
	rn.pid = pid;
	active_pid = pid;
	active_pgid = c.use_pidns ? 0 : pid;
	set_nonblock(rn.out_r);
	set_nonblock(rn.err_r);
	rn.pidfd = pidfd_open_(pid);

	double deadline = spec->limits.wall_seconds > 0 ? t0 + spec->limits.wall_seconds : 0;
	double grace_end = 0;
	double next_cpu_poll = t0 + CPU_POLL_MS / 1000.0;
	double next_memfs_poll = next_cpu_poll;
	/* The check is over when its process was reaped, or, with a pid
	 * namespace, when the init reported it: by then the init has killed
	 * and reaped everything else, and only its own exit (the namespaces'
	 * teardown, ~0.1-0.3 ms) remains, which we do not wait for. */
	bool over = false, swept = false;
	for (;;) {
		struct pollfd pf[5];
		int n = 0, i_out = -1, i_err = -1, i_ctl = -1, i_ntf = -1;
		if (rn.have_status && !over) {
			over = true;
			res->wall_seconds = now_mono() - t0;
			if (rn.ctl_r >= 0) {
				close(rn.ctl_r);
				rn.ctl_r = -1;
			}
		}
		if (rn.out_r >= 0) { i_out = n; pf[n++] = (struct pollfd){ rn.out_r, POLLIN, 0 }; }
		if (rn.err_r >= 0) { i_err = n; pf[n++] = (struct pollfd){ rn.err_r, POLLIN, 0 }; }
		if (rn.ctl_r >= 0) { i_ctl = n; pf[n++] = (struct pollfd){ rn.ctl_r, POLLIN, 0 }; }
		if (!over && rn.pidfd >= 0) pf[n++] = (struct pollfd){ rn.pidfd, POLLIN, 0 };
		if (rn.notify_fd >= 0) { i_ntf = n; pf[n++] = (struct pollfd){ rn.notify_fd, POLLIN, 0 }; }

		if (over && rn.out_r < 0 && rn.err_r < 0 && rn.ctl_r < 0)
			break;
		double now = now_mono();
		int timeout = -1;
		if (!over && deadline > 0) {
			if (now >= deadline) {
				kill_tree(&rn, SANDBOX_WALL_LIMIT);
				timeout = 50;
			} else {
				timeout = (int)((deadline - now) * 1000) + 1;
			}
		}
		if (over) {
			/* The check is gone; whatever still holds the pipes is
			 * being killed. Do not wait for it forever. */
			if (grace_end == 0)
				grace_end = now + 2.0;
			if (now >= grace_end)
				break;
			timeout = (int)((grace_end - now) * 1000) + 1;
		}
		if (rn.pidfd < 0 && !over && (timeout < 0 || timeout > 20))
			timeout = 20; /* no pidfd: poll waitpid */
		if (!over && !rn.killed && spec->limits.cpu_seconds > 0) {
			/* The whole tree's CPU time, every CPU_POLL_MS: from the
			 * cgroup, else from /proc (the init and everything under
			 * it, or the check, its process group's orphans being
			 * ours as subreaper). */
			if (now >= next_cpu_poll) {
				double used = sb->cgroups ? cgroup_pool_cpu_seconds(sb->cgroups)
							  : tree_cpu_seconds(rn.pid) +
							    (sb->subreaper ? orphans_cpu_seconds(rn.pid) : 0);
				if (used >= spec->limits.cpu_seconds)
					kill_tree(&rn, SANDBOX_CPU_LIMIT);
				next_cpu_poll = now + CPU_POLL_MS / 1000.0;
			}
			int t = (int)((next_cpu_poll - now) * 1000) + 1;
			if (timeout < 0 || t < timeout)
				timeout = t;
		}

		if (!over && !rn.killed && memfs.n > 0) {
			if (now >= next_memfs_poll) {
				if (memfs_over(&memfs))
					kill_tree(&rn, SANDBOX_MEMORY_LIMIT);
				next_memfs_poll = now + CPU_POLL_MS / 1000.0;
			}
			int t = (int)((next_memfs_poll - now) * 1000) + 1;
			if (timeout < 0 || t < timeout)
				timeout = t;
		}

		int pr = poll(pf, (nfds_t)n, timeout);
		if (pr < 0 && errno != EINTR)
			break;
		if (pr > 0) {
			if (i_ntf >= 0 && (pf[i_ntf].revents & POLLIN))
				handle_notify(&rn);
			else if (i_ntf >= 0 && pf[i_ntf].revents) {
				/* POLLHUP: no process uses the filter any more. */
				close(rn.notify_fd);
				rn.notify_fd = -1;
			}
			if (i_ctl >= 0 && pf[i_ctl].revents)
				handle_ctl(&rn);
			if (i_out >= 0 && pf[i_out].revents)
				read_stream(&rn, &rn.out_r, &cap.out, &cap);
			if (i_err >= 0 && pf[i_err].revents)
				read_stream(&rn, &rn.err_r, &cap.err, &cap);
		}
		if (!over) {
			int st;
			pid_t w = wait4(pid, &st, WNOHANG | __WALL, &rn.ru);
			if (w == pid) {
				rn.exited = true;
				rn.wstatus = st;
				if (rn.ctl_r >= 0)
					handle_ctl(&rn); /* a STATUS sent just before */
				over = true;
				res->wall_seconds = now_mono() - t0;
				/* The check is over: nothing it started may outlive it. */
				kill(-pid, SIGKILL);
				if (sb->subreaper)
					sweep_orphans(&rn.orphan_cpu_us);
				swept = true;
			}
		}
	}
	if (!over) {
		kill_tree(&rn, rn.killed ? rn.kill_reason : SANDBOX_WALL_LIMIT);
		int st;
		if (wait4(pid, &st, __WALL, &rn.ru) == pid) {
			rn.exited = true;
			rn.wstatus = st;
		}
		res->wall_seconds = now_mono() - t0;
	}
	if (!rn.exited) {
		/* The init is exiting by itself; reap it later (next run or
		 * sandbox_close) so its namespaces' teardown overlaps the
		 * runner's work instead of adding to every check. */
		syscall(SYS_pidfd_send_signal, rn.pidfd, SIGKILL, NULL, 0);
		pending_add(sb, pid, slot);
	} else if (!swept) {
		kill(-pid, SIGKILL);
	}
	/* (Done already if the check was reaped in the loop above: the
	 * sweep goes on until no orphan is left.) */
	if (sb->subreaper && !swept)
		sweep_orphans(&rn.orphan_cpu_us);
	active_pid = active_pgid = 0;
	if (rn.ctl_r >= 0)
		handle_ctl(&rn);

	if (rn.have_status) {
		/* The init's report covers the whole tree; its own wait4
		 * rusage would add the init itself. */
		res->cpu_seconds = (double)rn.tree_cpu_us / 1e6;
		res->max_rss_kb = rn.tree_maxrss_kb;
	} else {
		res->cpu_seconds = (double)rn.ru.ru_utime.tv_sec + rn.ru.ru_utime.tv_usec / 1e6 +
				   (double)rn.ru.ru_stime.tv_sec + rn.ru.ru_stime.tv_usec / 1e6 +
				   (double)rn.orphan_cpu_us / 1e6;
		res->max_rss_kb = rn.ru.ru_maxrss;
	}
	if (rn.killed_cpu > res->cpu_seconds)
		res->cpu_seconds = rn.killed_cpu;

	bool oom = false;
	if (sb->cgroups) {
		/* No process of the check is left (init reaped them all, or
		 * the cgroup was emptied), so these are final. */
		if (!L->pid_ns)
			cgroup_pool_kill_all(sb->cgroups);
		res->cpu_seconds = cgroup_pool_cpu_seconds(sb->cgroups);
		long peak = cgroup_pool_peak_kb(sb->cgroups);
		if (peak > res->max_rss_kb)
			res->max_rss_kb = peak;
		oom = cgroup_pool_oom_killed(sb->cgroups);
	}

	/* What the check left in memory-backed files at its end counts as
	 * well (it may have filled them between two polls). */
	if (!rn.killed && memfs.n > 0 && memfs_over(&memfs)) {
		rn.killed = true;
		rn.kill_reason = SANDBOX_MEMORY_LIMIT;
	}
	if (rn.setup_failed) {
		res->outcome = SANDBOX_SETUP_FAILED;
		ret = -1;
	} else if (rn.exec_failed) {
		res->outcome = SANDBOX_EXEC_FAILED;
		ret = 0;
	} else {
		result_from_status(&rn, rn.have_status ? rn.check_status : rn.wstatus);
		if (rn.killed)
			res->outcome = rn.kill_reason;
		/* The CPU limit is the whole check's: a child that spun while
		 * its parent waited (each under its own RLIMIT_CPU) counts. */
		double cpu_limit = spec->limits.cpu_seconds;
		if (cpu_limit > 0 && !rn.killed && res->cpu_seconds >= cpu_limit &&
		    (res->outcome == SANDBOX_EXITED || res->outcome == SANDBOX_SIGNALED))
			res->outcome = SANDBOX_CPU_LIMIT;
		/* Memory: the cgroup says so exactly. Without one, RLIMIT_AS
		 * makes allocations fail, and the program dies of it (a signal
		 * with half its limit resident) or gives up (a non-zero exit
		 * with 90% of it resident): inferred, memory_by_rlimit. */
		bool clean = res->outcome == SANDBOX_EXITED && res->exit_code == 0;
		if (oom && !clean && res->outcome != SANDBOX_OUTPUT_LIMIT &&
		    res->outcome != SANDBOX_WALL_LIMIT && res->outcome != SANDBOX_CPU_LIMIT) {
			res->outcome = SANDBOX_MEMORY_LIMIT;
			res->signal = res->signal ? res->signal : SIGKILL;
		} else if (!sb->cgroups && res->outcome == SANDBOX_SIGNALED &&
			   spec->limits.memory_mb > 0 &&
			   res->max_rss_kb >= spec->limits.memory_mb * 1024 / 2 &&
			   (res->signal == SIGSEGV || res->signal == SIGABRT ||
			    res->signal == SIGKILL || res->signal == SIGBUS)) {
			res->outcome = SANDBOX_MEMORY_LIMIT;
		} else if (!sb->cgroups && res->outcome == SANDBOX_EXITED && !clean &&
			   spec->limits.memory_mb > 0 &&
			   res->max_rss_kb >= spec->limits.memory_mb * 1024 * 9 / 10) {
			res->outcome = SANDBOX_MEMORY_LIMIT;
		}
		ret = 0;
	}
	res->output_truncated = cap.over;

	free(res->out);
	free(res->err);
	free(res->combined);
	res->out_len = cap.out.len;
	res->err_len = cap.err.len;
	res->combined_len = cap.combined.len;
	res->out = strbuf_detach(&cap.out);
	res->err = strbuf_detach(&cap.err);
	res->combined = strbuf_detach(&cap.combined);
out:
	if (ret < 0)
		res->outcome = SANDBOX_SETUP_FAILED;
	for (int i = 0; i < 2; i++) {
		if (out_p[i] >= 0) close(out_p[i]);
		if (err_p[i] >= 0) close(err_p[i]);
		if (ctl_p[i] >= 0) close(ctl_p[i]);
	}
	if (rn.out_r >= 0) close(rn.out_r);
	if (rn.err_r >= 0) close(rn.err_r);
	if (rn.ctl_r >= 0) close(rn.ctl_r);
	if (rn.notify_fd >= 0) close(rn.notify_fd);
	if (rn.pidfd >= 0) close(rn.pidfd);
	if (stdin_fd >= 0) close(stdin_fd);
	free(work_src);
	free(ro_src);
	free(ro_list);
	if (cg_fds_open)
		cgroup_pool_finish(sb->cgroups, c.cgroup_fds);
	for (int i = 0; i < 3; i++)
		free(own_env[i]);
	free(envp);
	if (fallback_tmp)
		fallback_tmp_empty(sb);
	if (shm_taken)
		shm_cleanup(sb, &shm);
	strbuf_release(&cap.out);
	strbuf_release(&cap.err);
	strbuf_release(&cap.combined);
	return ret;
}

void sandbox_result_clear(struct sandbox_result *res)
{
	free(res->out);
	free(res->err);
	free(res->combined);
	free(res->denial);
	res->out = res->err = res->combined = res->denial = NULL;
	res->out_len = res->err_len = res->combined_len = 0;
}
