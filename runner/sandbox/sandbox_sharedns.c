/*
 * sandbox_sharedns.c - owns the two namespaces every check of the process
 * shares: a user namespace mapping the check's uid and an empty network
 * namespace, made once by a helper child and kept by file descriptor (an
 * unprivileged runner joins the user namespace itself).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_internal.h"

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

const struct sandbox_shared_ns *sandbox_shared_namespaces(const struct sandbox *sb)
{
	static struct sandbox_shared_ns shared;
	ensure_shared_namespaces(sb);
	shared.userns_fd = shared_userns_fd;
	shared.netns_fd = shared_netns_fd;
	shared.joined = shared_joined;
	shared.why = shared_why;
	return &shared;
}
