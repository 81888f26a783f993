/*
 * sandbox_child.c - the child side of sandbox_run: everything between fork
 * and execve. It runs in a forked copy of the runner, so it allocates
 * nothing and calls only system calls (safe in an ASan or multi-threaded
 * parent). Any failure is reported on the control socket and ends the
 * child with _exit(127); the parent turns it into SANDBOX_SETUP_FAILED.
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
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/capability.h>
#include <linux/sched.h>

#include "landlock_rules.h"
#include "sandbox_internal.h"
#include "seccomp_policy.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

void sandbox_child_send(int ctl_fd, int kind, int err, const char *text, int pass_fd)
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
static void __attribute__((noreturn)) child_fail(const struct sandbox_child *c, int err,
						  const char *what)
{
	sandbox_child_send(c->ctl_fd, SANDBOX_MSG_SETUP_FAILED, err, what, -1);
	_exit(127);
}

/* execvpe with the PATH of the check's environment rather than the
 * runner's (glibc's execvpe reads environ). Returns errno like execvp:
 * EACCES if some candidate was not executable, else the last hard error,
 * else ENOENT. */
static int child_exec(const char *file, char *const argv[], char *const envp[], const char *path)
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
static void child_dup(const struct sandbox_child *c, int fd, int target)
{
	if (fd == target) {
		if (fcntl(fd, F_SETFD, 0) < 0)
			child_fail(c, errno, "fcntl(F_SETFD) on a standard descriptor");
		return;
	}
	if (dup2(fd, target) < 0)
		child_fail(c, errno, "dup2 onto a standard descriptor");
}

static void child_set_rlimits(const struct sandbox_child *c)
{
	for (int i = 0; i < c->n_rlimits; i++)
		if (setrlimit(c->rlimit_res[i], &c->rlimits[i]) < 0)
			child_fail(c, errno, "setrlimit");
}

/* Drop every capability: the check must have none, even inside its user
 * namespace (execve as a non-zero uid clears them too; this is the belt to
 * that brace and also clears the inheritable set). */
static void child_drop_caps(const struct sandbox_child *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capset, &h, d) < 0)
		child_fail(c, errno, "capset (dropping capabilities)");
}

/* The last steps in the check's own process, ending in execve. */
static void __attribute__((noreturn)) child_exec_check(struct sandbox_child *c)
{
	const struct sandbox *sb = c->sb;

	/* Never outlive the process that supervises us (the runner, or the
	 * namespace init, which itself dies with the runner). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		child_fail(c, errno, "prctl(PR_SET_PDEATHSIG)");

	for (int i = 0; c->cgroup_fds[i] >= 0; i++)
		if (write(c->cgroup_fds[i], "0", 1) < 0)
			child_fail(c, errno, "joining the check's cgroup");

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

	if (c->drop_to_run_uid) {
		if (setgroups(0, NULL) < 0)
			child_fail(c, errno, "setgroups");
		if (setresgid(sb->run_gid, sb->run_gid, sb->run_gid) < 0)
			child_fail(c, errno, "setresgid to the check's gid");
		if (setresuid(sb->run_uid, sb->run_uid, sb->run_uid) < 0)
			child_fail(c, errno, "setresuid to the check's uid");
	}
	if (c->use_userns || c->drop_to_run_uid)
		child_drop_caps(c);

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		child_fail(c, errno, "prctl(PR_SET_NO_NEW_PRIVS)");
	/* Core dumps and ptrace of this process by same-uid processes
	 * outside the check are off until execve resets it; the check
	 * itself stays debuggable by its own children only through the
	 * policy. */

	if (c->use_landlock) {
		int r = landlock_restrict(sb->layers.landlock_abi, c->landlock_ro, c->landlock_rw,
					  c->spec->network == SANDBOX_NET_NONE);
		if (r < 0)
			child_fail(c, -r, "landlock_restrict");
	}

	if (sb->policy) {
		int fd = seccomp_policy_install(sb->policy);
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

void sandbox_child_main(struct sandbox_child *c)
{
	/* A new session: the check cannot signal the runner's process group
	 * or read the runner's terminal, and the parent can kill the group. */
	if (setsid() < 0)
		child_fail(c, errno, "setsid");
	child_exec_check(c);
}
