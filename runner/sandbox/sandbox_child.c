/*
 * sandbox_child.c - the child side of sandbox_run: everything between
 * clone and execve. The child is not a copy of the runner: it is cloned
 * with CLONE_VM|CLONE_VFORK, so it shares the runner's memory (the runner
 * is suspended until it execs) and runs on a stack of its own (sb->stacks).
 * So it allocates nothing and calls only system calls, reading what the
 * parent prepared for it (struct sandbox_child): a malloc here would
 * change the runner's heap under it. Only the fallback init (a pid namespace without check-init) is a
 * fork with its own copy. Any failure is reported on the control socket
 * and ends the child with _exit(127); the parent turns it into
 * SANDBOX_SETUP_FAILED.
 *
 * Order matters and follows the research notes: session, descriptors,
 * namespaces and the filesystem view, cgroup, rlimits, privilege drop,
 * NO_NEW_PRIVS, Landlock, and seccomp last, right before execve, so the
 * filter only has to allow what the check itself does.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/capability.h>

#include "landlock.h"
#include "sandbox_internal.h"
#include "seccomp_policy.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

SANDBOX_CHILD_FN void sandbox_child_send(int ctl_fd, int kind, int err, const char *text, int pass_fd)
{
	struct sandbox_msg m;
	memset(&m, 0, sizeof(m));
	m.kind = kind;
	m.err = err;
	if (text) {
		size_t n = strlen(text);
		if (n >= sizeof(m.text))
			n = sizeof(m.text) - 1;
		memcpy(m.text, text, n);
	}
	struct iovec iov = { &m, sizeof(m) };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (pass_fd >= 0) {
		memset(&u, 0, sizeof(u));
		mh.msg_control = u.buf;
		mh.msg_controllen = sizeof(u.buf);
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &pass_fd, sizeof(int));
	}
	while (sendmsg(ctl_fd, &mh, MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
}

/* Report a setup failure ("what: strerror") and end the child. */
SANDBOX_CHILD_FN static void __attribute__((noreturn)) child_fail(const struct sandbox_child *c, int err,
						  const char *what)
{
	sandbox_child_send(c->ctl_fd, SANDBOX_MSG_SETUP_FAILED, err, what, -1);
	_exit(127);
}

/* execvpe with the PATH of the check's environment rather than the
 * runner's (glibc's execvpe reads environ). Returns errno like execvp:
 * EACCES if some candidate was not executable, else the last hard error,
 * else ENOENT. */
SANDBOX_CHILD_FN static int child_exec(const char *file, char *const argv[], char *const envp[], const char *path)
{
	if (!*file)
		return ENOENT;
	if (strchr(file, '/')) {
		execve(file, argv, envp);
		return errno;
	}
	size_t flen = strlen(file);
	if (flen > NAME_MAX)
		return ENAMETOOLONG;
	char buf[PATH_MAX];
	bool eacces = false;
	const char *p = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
	for (;;) {
		const char *end = strchr(p, ':');
		size_t dlen = end ? (size_t)(end - p) : strlen(p);
		if (dlen + 1 + flen + 1 <= sizeof(buf)) {
			size_t n = 0;
			if (dlen == 0) {
				buf[n++] = '.';
			} else {
				memcpy(buf, p, dlen);
				n = dlen;
			}
			buf[n++] = '/';
			memcpy(buf + n, file, flen + 1);
			execve(buf, argv, envp);
			switch (errno) {
			case EACCES:
				eacces = true;
				break;
			case ENOENT:
			case ENOTDIR:
			case ESTALE:
			case ENODEV:
			case ETIMEDOUT:
			case ELOOP:
			case ENAMETOOLONG:
				break;
			default:
				return errno;
			}
		}
		if (!end)
			break;
		p = end + 1;
	}
	return eacces ? EACCES : ENOENT;
}

/* Put fd on target (0, 1 or 2) without CLOEXEC. */
SANDBOX_CHILD_FN static void child_dup(const struct sandbox_child *c, int fd, int target)
{
	if (fd == target) {
		if (fcntl(fd, F_SETFD, 0) < 0)
			child_fail(c, errno, "fcntl(F_SETFD) on a standard descriptor");
		return;
	}
	if (dup2(fd, target) < 0)
		child_fail(c, errno, "dup2 onto a standard descriptor");
}

SANDBOX_CHILD_FN static void child_set_rlimits(const struct sandbox_child *c)
{
	for (int i = 0; i < c->n_rlimits; i++)
		if (setrlimit(c->rlimit_res[i], &c->rlimits[i]) < 0)
			child_fail(c, errno, "setrlimit");
}

/* Drop every capability: the check must have none, even inside its user
 * namespace (execve as a non-zero uid clears them too; this is the belt to
 * that brace and also clears the inheritable set). */
SANDBOX_CHILD_FN static void child_drop_caps(const struct sandbox_child *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capset, &h, d) < 0)
		child_fail(c, errno, "capset (dropping capabilities)");
}

/* setresuid & co. as raw system calls: glibc's wrappers broadcast to the
 * threads it knows about, which in a CLONE_VM child are the parent's. */
SANDBOX_CHILD_FN static void child_drop_uid(const struct sandbox_child *c)
{
	const struct sandbox *sb = c->sb;
	if (syscall(SYS_setgroups, 0, NULL) < 0)
		child_fail(c, errno, "setgroups");
	if (syscall(SYS_setresgid, sb->run_gid, sb->run_gid, sb->run_gid) < 0)
		child_fail(c, errno, "setresgid to the check's gid");
	if (syscall(SYS_setresuid, sb->run_uid, sb->run_uid, sb->run_uid) < 0)
		child_fail(c, errno, "setresuid to the check's uid");
}

/* The last steps in the check's own process, ending in execve. */
SANDBOX_CHILD_FN static void __attribute__((noreturn)) child_exec_check(struct sandbox_child *c)
{
	const struct sandbox *sb = c->sb;

	child_dup(c, c->stdin_fd, 0);
	child_dup(c, c->out_fd, 1);
	child_dup(c, c->err_fd, 2);
	/* Only 0, 1 and 2 survive execve; the control socket (CLOEXEC)
	 * stays open until then to report an exec failure. */
	if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		child_fail(c, errno, "close_range");

	if (!c->use_mountns && chdir(c->workdir) < 0)
		child_fail(c, errno, "chdir to the work directory");

	child_set_rlimits(c);

	if (c->drop_to_run_uid)
		child_drop_uid(c);
	if (c->use_userns || c->drop_to_run_uid)
		child_drop_caps(c);

	/* Never outlive the process that supervises us (the init, or the
	 * runner without a pid namespace). Set after the uid change, which
	 * clears it, and then make sure that parent is still there. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		child_fail(c, errno, "prctl(PR_SET_PDEATHSIG)");
	if (getppid() != (c->use_pidns ? 1 : c->runner_pid))
		_exit(127);

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		child_fail(c, errno, "prctl(PR_SET_NO_NEW_PRIVS)");

	if (c->use_landlock) {
		int r = landlock_restrict(sb->layers.landlock_abi, c->landlock_ro, c->landlock_rw,
					  c->spec->network == SANDBOX_NET_NONE);
		if (r < 0)
			child_fail(c, -r, "landlock_restrict");
	}

	if (c->policy) {
		int fd = seccomp_policy_install(c->policy);
		if (fd < 0)
			child_fail(c, -fd, "installing the seccomp filter");
		if (fd > 0) {
			sandbox_child_send(c->ctl_fd, SANDBOX_MSG_LISTENER, 0, NULL, fd);
			close(fd);
		}
	}

	int err = child_exec(c->argv[0], c->argv, c->envp, c->path);
	sandbox_child_send(c->ctl_fd, SANDBOX_MSG_EXEC_FAILED, err, NULL, -1);
	_exit(127);
}

SANDBOX_CHILD_FN static int check_fn(void *arg)
{
	child_exec_check(arg);
}

/* Write one sysctl of our own namespace; 0 or -errno. */
SANDBOX_CHILD_FN static int child_sysctl(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t n = strlen(value);
	ssize_t w = write(fd, value, n);
	int e = errno;
	close(fd);
	return w == (ssize_t)n ? 0 : w < 0 ? -e : -EIO;
}

/*
 * Bound the check's own IPC namespace. Its System V shared memory is
 * counted by no RSS once detached (and by no cgroup when there is none):
 * shmall caps the namespace's total at the check's memory limit, shmmax
 * one segment, shmmni their number. Message queues and semaphore sets
 * are kernel memory too: a few small ones are all a check needs. The
 * ipc sysctls are the reader's namespace's, whichever /proc is mounted;
 * writing them needs root of the namespace's owner (see sandbox_run:
 * only as root, otherwise the policy refuses these objects without a
 * cgroup).
 */
SANDBOX_CHILD_FN void sandbox_child_limit_ipc(const struct sandbox_child *c)
{
	char v[64];
	unsigned long long bytes = c->ipc_shm_bytes;
	static const char *const fixed[][2] = {
		{ "/proc/sys/kernel/shmmni", "64" },
		{ "/proc/sys/kernel/msgmni", "16" },
		{ "/proc/sys/kernel/sem", "250 8000 32 32" },
	};
	snprintf(v, sizeof(v), "%llu", bytes);
	int r = child_sysctl("/proc/sys/kernel/shmmax", v);
	if (r == 0) {
		snprintf(v, sizeof(v), "%llu", (bytes + 4095) / 4096);
		r = child_sysctl("/proc/sys/kernel/shmall", v);
	}
	for (size_t i = 0; r == 0 && i < sizeof(fixed) / sizeof(fixed[0]); i++)
		r = child_sysctl(fixed[i][0], fixed[i][1]);
	if (r < 0)
		child_fail(c, -r, "bounding the check's IPC namespace (/proc/sys/kernel)");
}

/* Bring lo up in the fresh network namespace of a "loopback" check. */
SANDBOX_CHILD_FN static int child_loopback_up(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	int r = ioctl(s, SIOCGIFFLAGS, &ifr);
	if (r == 0) {
		ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
		r = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	int e = errno;
	close(s);
	return r < 0 ? -e : 0;
}

/*
 * pid 1 of the check's pid namespace. It builds the filesystem view, starts
 * the check as its child (pid 2: a pid 1 ignores signals it has no handler
 * for and reaps everybody's orphans, which is not what a program expects),
 * reaps every orphan, and when the check ends reports its wait status and
 * exits: the kernel then kills whatever is left in the namespace.
 */
/*
 * pid 1 of the check's pid namespace (the runner's own child: created by
 * the runner's clone(CLONE_NEWPID...)). Its mounts are done; it starts the
 * check as its child (pid 2: a pid 1 ignores signals it has no handler for
 * and reaps everybody's orphans, which is not what a program expects),
 * reaps every orphan, and when the check ends kills what is left, reaps
 * it, reports the check's wait status and the tree's CPU time, and exits.
 */
/* We share the runner's memory (CLONE_VM|CLONE_VFORK) and the runner
 * waits for our execve: become check-init, which does the rest of the
 * init's job (runner/sandbox/init/check-init.c), with the control socket at
 * SANDBOX_INIT_CTL_FD and the check's pid as its argument. Never returns:
 * if the exec fails, the check is killed and the failure reported (staying
 * in the runner's memory would leave the runner waiting for the check). */
SANDBOX_CHILD_FN static void __attribute__((noreturn)) init_exec(struct sandbox_child *c, pid_t check)
{
	char pid_arg[16];
	int n = 0;
	char digits[16];
	for (unsigned v = (unsigned)check; n == 0 || v; v /= 10)
		digits[n++] = (char)('0' + v % 10);
	for (int i = 0; i < n; i++)
		pid_arg[i] = digits[n - 1 - i];
	pid_arg[n] = '\0';
	char *const argv[] = { (char *)"check-init", pid_arg, NULL };
	char *const envp[] = { NULL };
	int err;
	if (c->ctl_fd == SANDBOX_INIT_CTL_FD)
		err = fcntl(c->ctl_fd, F_SETFD, 0) < 0 ? errno : 0;
	else
		err = dup2(c->ctl_fd, SANDBOX_INIT_CTL_FD) < 0 ? errno : 0;
	if (!err) {
		syscall(SYS_execveat, c->init_fd, "", argv, envp, AT_EMPTY_PATH);
		err = errno;
	}
	kill(check, SIGKILL);
	child_fail(c, err, "starting the check's init (check-init)");
}

SANDBOX_CHILD_FN static void __attribute__((noreturn)) init_main(struct sandbox_child *c)
{
	/* Nothing in the check may open our /proc files or ptrace us. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* Forked, we are a copy of the runner, and /proc/1/cmdline (readable
	 * by anyone) would give the check the runner's command line: its
	 * path (the grader's checkout), the pack's. Our copy of the argument
	 * area is ours to overwrite: say what we are, "check-init forked". */
	static const char title[] = "check-init\0forked";
	if (c->init_fd < 0 && c->arg_area && c->arg_len >= sizeof(title)) {
		for (size_t i = 0; i < c->arg_len; i++)
			c->arg_area[i] = i < sizeof(title) ? title[i] : '\0';
		prctl(PR_SET_NAME, "check-init", 0, 0, 0);
	}

	/* CLONE_VFORK: we resume once the check has called execve (or died),
	 * and share memory until then, so nothing is copied. */
	pid_t check = clone(check_fn, c->stack2_top, CLONE_VM | CLONE_VFORK | SIGCHLD, c);
	if (check < 0)
		child_fail(c, errno, "starting the check in its namespace");
	close(c->out_fd);
	close(c->err_fd);
	close(c->stdin_fd);
	/* The init needs no privilege from here on: become the check's uid
	 * and drop every capability, so that even a flaw in the init could
	 * give the check nothing. */
	if (c->drop_to_run_uid)
		child_drop_uid(c);
	child_drop_caps(c);
	/* A uid change clears the parent-death signal: set it again, then
	 * check that the runner did not die before (its end of the control
	 * socket would be closed: POLLHUP). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		_exit(127);
	struct pollfd pf = { c->ctl_fd, 0, 0 };
	if (poll(&pf, 1, 0) > 0 && (pf.revents & (POLLHUP | POLLERR)))
		_exit(127);
	if (c->init_fd >= 0)
		init_exec(c, check);

	int check_status = 0;
	for (;;) {
		int st;
		pid_t w = waitpid(-1, &st, __WALL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: all gone */
		}
		if (w == check) {
			/* The check is over: kill what it left behind (kill(-1)
			 * from a pid namespace's init reaches every other process
			 * in it) and reap it all, so the CPU time below is the
			 * whole tree's and nothing runs once we report. */
			check_status = st;
			kill(-1, SIGKILL);
		}
	}
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	getrusage(RUSAGE_CHILDREN, &ru);
	struct sandbox_msg m;
	memset(&m, 0, sizeof(m));
	m.kind = SANDBOX_MSG_STATUS;
	m.wstatus = check_status;
	m.utime_us = ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec;
	m.stime_us = ru.ru_stime.tv_sec * 1000000L + ru.ru_stime.tv_usec;
	m.maxrss_kb = ru.ru_maxrss;
	while (send(c->ctl_fd, &m, sizeof(m), MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
	_exit(0);
}

/*
 * The runner's child. The runner created it with clone(): with
 * CLONE_NEWPID|CLONE_NEWIPC|CLONE_NEWUTS when there are namespaces (the
 * runner has the capabilities for that: it is root, or it joined the
 * sandbox's user namespace in sandbox_open), so this process is already
 * pid 1 of a new pid namespace; without namespaces it shares the runner's
 * memory (CLONE_VM|CLONE_VFORK) until it calls execve.
 */
SANDBOX_CHILD_FN int sandbox_child_main(void *arg)
{
	struct sandbox_child *c = arg;
	const struct sandbox *sb = c->sb;
	const char *why = NULL;

	/* A new session: the check cannot signal the runner's process group
	 * or read the runner's terminal, and the parent can kill the group. */
	if (setsid() < 0)
		child_fail(c, errno, "setsid");
	if (c->use_pidns && prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		child_fail(c, errno, "prctl(PR_SET_PDEATHSIG) in the init");

	/* Join the check's cgroup first, so everything below is accounted. */
	for (int i = 0; c->cgroup_fds[i] >= 0; i++)
		if (write(c->cgroup_fds[i], "0", 1) < 0)
			child_fail(c, errno, "joining the check's cgroup");
	/* /proc/self/cgroup then shows "/", not the cgroup's host path (which
	 * names the grader's session and our pid). Only where the kernel has
	 * no cgroup namespaces (before 4.6) is this skipped. */
	if (c->use_cgroupns && unshare(CLONE_NEWCGROUP) < 0 && errno != EINVAL)
		child_fail(c, errno, "creating the check's cgroup namespace");

	if (c->use_netns) {
		if (c->loopback) {
			if (unshare(CLONE_NEWNET) < 0)
				child_fail(c, errno, "creating a network namespace for the loopback network");
			int r = child_loopback_up();
			if (r < 0)
				child_fail(c, -r, "bringing up lo in the check's network namespace");
		} else if (setns(sb->netns_fd, CLONE_NEWNET) < 0) {
			child_fail(c, errno, "entering the empty network namespace");
		}
	}
	if (c->use_mountns) {
		/* A copy of the base mount namespace, plus the check's own
		 * mounts (/proc needs our pid namespace: we are its pid 1). */
		if (setns(c->mntns_fd, CLONE_NEWNS) < 0)
			child_fail(c, errno, "entering the sandbox's mount namespace");
		if (unshare(CLONE_NEWNS) < 0)
			child_fail(c, errno, "creating the check's mount namespace");
		int r = sandbox_fs_enter(c, &why);
		if (r < 0)
			child_fail(c, -r, why);
	}
	/* The check's own host name (--check-sandbox promises "check"), and
	 * the limits of its own IPC namespace. Both before entering the
	 * sandbox's user namespace: as root, the UTS and IPC namespaces
	 * belong to the host's user namespace, where we hold the
	 * capabilities; after setns we would hold them in the wrong one. */
	if (c->use_utsns && sethostname("check", 5) < 0)
		child_fail(c, errno, "naming the check's host \"check\"");
	if (c->limit_ipc)
		sandbox_child_limit_ipc(c);
	/* As root, the namespaces above are the host user namespace's, which
	 * is what lets us mount; the check itself goes into the sandbox's
	 * user namespace, where its uid maps to run_uid. */
	if (c->enter_userns && setns(sb->userns_fd, CLONE_NEWUSER) < 0)
		child_fail(c, errno, "entering the sandbox's user namespace");

	if (c->use_pidns)
		init_main(c);
	child_exec_check(c);
}
