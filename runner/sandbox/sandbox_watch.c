/*
 * sandbox_watch.c - owns a check while it runs, from the runner's side:
 * one poll loop over its stdout and stderr (captured within the output
 * limit), the control socket (setup and exec failures, the seccomp
 * listener, the init's final report), the seccomp listener (denials named
 * for the learner) and its pidfd; the wall-clock deadline, the CPU limit of
 * the whole tree and the memory-backed files; killing the tree; and, once
 * it is over, what is left to reap and what was measured.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "sandbox_internal.h"
#include "sandbox_outcome.h"
#include "seccomp_policy.h"
#include "util.h"

/* How often the whole tree's CPU time is read (from the cgroup, else
 * from /proc), and the memory-backed files: a check may overrun its CPU
 * limit by about this much. */
#define CPU_POLL_MS 100

/* Once the check is over, how long whatever still holds its pipes (being
 * killed) may keep them open. */
#define GRACE_SECONDS 2.0

/* Append what arrived on one stream; false once past the output limit. */
static bool capture_add(struct sandbox_watch *w, struct strbuf *which, const char *buf, size_t n)
{
	size_t room = w->out_limit - w->out_total;
	if (n > room) {
		n = room;
		w->out_over = true;
	}
	if (n) {
		strbuf_add(which, buf, n);
		strbuf_add(&w->combined, buf, n);
		w->out_total += n;
	}
	return !w->out_over;
}

static void handle_ctl(struct sandbox_watch *w)
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
		ssize_t n = recvmsg(w->ctl_r, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
				close(w->ctl_r);
				w->ctl_r = -1;
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
			w->exec_failed = true;
			w->res->exec_errno = m.err;
			break;
		case SANDBOX_MSG_SETUP_FAILED:
			if (!w->setup_failed) {
				w->setup_failed = true;
				snprintf(w->res->message, sizeof(w->res->message), "%s: %s", m.text,
					 strerror(m.err));
			}
			break;
		case SANDBOX_MSG_LISTENER:
			if (passed >= 0 && w->notify_fd < 0) {
				w->notify_fd = passed;
				passed = -1;
			}
			break;
		case SANDBOX_MSG_STATUS:
			w->have_status = true;
			w->check_status = m.wstatus;
			w->tree_cpu_us = m.utime_us + m.stime_us;
			w->tree_maxrss_kb = m.maxrss_kb;
			break;
		}
		if (passed >= 0)
			close(passed);
	}
}

static void handle_notify(struct sandbox_watch *w)
{
	for (int i = 0; i < 64; i++) {
		char msg[256] = "";
		int r = seccomp_policy_handle_notification(w->policy, w->notify_fd, msg, sizeof(msg));
		if (r == 1) {
			/* Keep the first denial, except that a refused connect()
			 * (the fallback's, to any Unix socket) is what glibc does
			 * by itself to probe nscd: a later denial of anything
			 * else says more about what the check tried. */
			bool weak = !strncmp(msg, "connect", 7);
			w->res->denials++;
			if (msg[0] && (!w->res->denial || (w->denial_weak && !weak))) {
				free(w->res->denial);
				w->res->denial = xstrdup(msg);
				w->denial_weak = weak;
			}
			continue;
		}
		if (r < 0) {
			close(w->notify_fd);
			w->notify_fd = -1;
		}
		return;
	}
}

static void kill_tree(struct sandbox_watch *w, enum sandbox_outcome why)
{
	if (!w->killed) {
		w->killed = true;
		w->kill_reason = why;
		/* Without a cgroup, read the tree's CPU time now: the processes
		 * a killed pid-namespace init leaves are reaped by the kernel
		 * with SIGCHLD ignored, and their time reaches nobody. */
		if (!w->sb->cgroups && !w->exited)
			w->killed_cpu = sandbox_tree_cpu_seconds(w->pid) +
					 (w->sb->subreaper ? sandbox_orphans_cpu_seconds(w->pid) : 0);
	}
	if (w->exited)
		return;
	syscall(SYS_pidfd_send_signal, w->pidfd, SIGKILL, NULL, 0);
	/* The check's session and process group carry its pid. */
	kill(-w->pid, SIGKILL);
	if (w->sb->cgroups && !w->sb->layers.pid_ns)
		cgroup_pool_kill_all(w->sb->cgroups);
}

static void read_stream(struct sandbox_watch *w, int *fdp, struct strbuf *which)
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
	if (!capture_add(w, which, buf, (size_t)n) && !w->killed)
		kill_tree(w, SANDBOX_OUTPUT_LIMIT);
}

/* Milliseconds until `at`, for poll (at least 1). */
static int ms_until(double at, double now)
{
	return (int)((at - now) * 1000) + 1;
}

static void shorten(int *timeout, int t)
{
	if (*timeout < 0 || t < *timeout)
		*timeout = t;
}

/* The limits a running check is held to: the wall-clock deadline, the
 * whole tree's CPU time (from the cgroup, else from /proc: the init and
 * everything under it, or the check and the orphans the runner adopted)
 * and the memory-backed files, each polled every CPU_POLL_MS. Returns how
 * long poll may sleep (-1: until something happens). */
struct poll_clock {
	double deadline;        /* 0: no wall-clock limit */
	double next_cpu_poll, next_memfs_poll;
};

static int enforce_limits(struct sandbox_watch *w, struct poll_clock *pc, double now)
{
	const struct sandbox_limits *l = &w->spec->limits;
	int timeout = -1;
	if (pc->deadline > 0) {
		if (now >= pc->deadline) {
			kill_tree(w, SANDBOX_WALL_LIMIT);
			timeout = 50;
		} else {
			timeout = ms_until(pc->deadline, now);
		}
	}
	if (w->pidfd < 0)
		shorten(&timeout, 20); /* no pidfd: poll waitpid */
	if (w->killed)
		return timeout;
	if (l->cpu_seconds > 0) {
		if (now >= pc->next_cpu_poll) {
			double used = w->sb->cgroups ? cgroup_pool_cpu_seconds(w->sb->cgroups)
						     : sandbox_tree_cpu_seconds(w->pid) +
						       (w->sb->subreaper ? sandbox_orphans_cpu_seconds(w->pid) : 0);
			if (used >= l->cpu_seconds)
				kill_tree(w, SANDBOX_CPU_LIMIT);
			pc->next_cpu_poll = now + CPU_POLL_MS / 1000.0;
		}
		shorten(&timeout, ms_until(pc->next_cpu_poll, now));
	}
	if (!w->killed && w->memfs.n > 0) {
		if (now >= pc->next_memfs_poll) {
			if (sandbox_memfs_over(&w->memfs))
				kill_tree(w, SANDBOX_MEMORY_LIMIT);
			pc->next_memfs_poll = now + CPU_POLL_MS / 1000.0;
		}
		shorten(&timeout, ms_until(pc->next_memfs_poll, now));
	}
	return timeout;
}

/* The check's process was reaped: nothing it started may outlive it. */
static void child_reaped(struct sandbox_watch *w, int st)
{
	w->exited = true;
	w->wstatus = st;
	if (w->ctl_r >= 0)
		handle_ctl(w); /* a STATUS sent just before */
	w->res->wall_seconds = util_now() - w->t0;
	kill(-w->pid, SIGKILL);
	if (w->sb->subreaper)
		sandbox_sweep_orphans(&w->orphan_cpu_us);
}

/*
 * The poll loop. The check is over when its process was reaped, or, with
 * a pid namespace, when the init reported it: by then the init has killed
 * and reaped everything else, and only its own exit (the namespaces'
 * teardown, ~0.1-0.3 ms) remains, which we do not wait for. Returns
 * whether it is over (false: poll failed).
 */
static bool watch_until_over(struct sandbox_watch *w)
{
	const struct sandbox_limits *l = &w->spec->limits;
	struct poll_clock pc = {
		.deadline = l->wall_seconds > 0 ? w->t0 + l->wall_seconds : 0,
		.next_cpu_poll = w->t0 + CPU_POLL_MS / 1000.0,
		.next_memfs_poll = w->t0 + CPU_POLL_MS / 1000.0,
	};
	bool over = false;
	double grace_end = 0;
	for (;;) {
		if (w->have_status && !over) {
			over = true;
			w->res->wall_seconds = util_now() - w->t0;
			if (w->ctl_r >= 0) {
				close(w->ctl_r);
				w->ctl_r = -1;
			}
		}
		if (over && w->out_r < 0 && w->err_r < 0 && w->ctl_r < 0)
			return true;
		struct pollfd pf[5];
		int n = 0, i_out = -1, i_err = -1, i_ctl = -1, i_ntf = -1;
		if (w->out_r >= 0) { i_out = n; pf[n++] = (struct pollfd){ w->out_r, POLLIN, 0 }; }
		if (w->err_r >= 0) { i_err = n; pf[n++] = (struct pollfd){ w->err_r, POLLIN, 0 }; }
		if (w->ctl_r >= 0) { i_ctl = n; pf[n++] = (struct pollfd){ w->ctl_r, POLLIN, 0 }; }
		if (!over && w->pidfd >= 0) pf[n++] = (struct pollfd){ w->pidfd, POLLIN, 0 };
		if (w->notify_fd >= 0) { i_ntf = n; pf[n++] = (struct pollfd){ w->notify_fd, POLLIN, 0 }; }

		double now = util_now();
		int timeout;
		if (over) {
			/* The check is gone; whatever still holds the pipes is
			 * being killed. Do not wait for it forever. */
			if (grace_end == 0)
				grace_end = now + GRACE_SECONDS;
			if (now >= grace_end)
				return true;
			timeout = ms_until(grace_end, now);
		} else {
			timeout = enforce_limits(w, &pc, now);
		}

		int pr = poll(pf, (nfds_t)n, timeout);
		if (pr < 0 && errno != EINTR)
			return over;
		if (pr > 0) {
			if (i_ntf >= 0 && (pf[i_ntf].revents & POLLIN)) {
				handle_notify(w);
			} else if (i_ntf >= 0 && pf[i_ntf].revents) {
				/* POLLHUP: no process uses the filter any more. */
				close(w->notify_fd);
				w->notify_fd = -1;
			}
			if (i_ctl >= 0 && pf[i_ctl].revents)
				handle_ctl(w);
			if (i_out >= 0 && pf[i_out].revents)
				read_stream(w, &w->out_r, &w->out);
			if (i_err >= 0 && pf[i_err].revents)
				read_stream(w, &w->err_r, &w->err);
		}
		if (!over) {
			int st;
			if (wait4(w->pid, &st, WNOHANG | __WALL, &w->ru) == w->pid) {
				child_reaped(w, st);
				over = true;
			}
		}
	}
}

/* After the loop: leave nothing of the check running. An init that
 * reported is exiting by itself; it is reaped later (next run or
 * sandbox_close) so its namespaces' teardown overlaps the runner's work
 * instead of adding to every check. */
static void leave_nothing_behind(struct sandbox_watch *w, bool over)
{
	bool swept = w->exited; /* child_reaped swept already */
	if (!over) {
		kill_tree(w, w->killed ? w->kill_reason : SANDBOX_WALL_LIMIT);
		int st;
		if (wait4(w->pid, &st, __WALL, &w->ru) == w->pid) {
			w->exited = true;
			w->wstatus = st;
		}
		w->res->wall_seconds = util_now() - w->t0;
	}
	if (!w->exited) {
		syscall(SYS_pidfd_send_signal, w->pidfd, SIGKILL, NULL, 0);
		sandbox_pending_add(w->sb, w->pid, w->slot);
	} else if (!swept) {
		kill(-w->pid, SIGKILL);
	}
	/* (Done already if the check was reaped in the loop: the sweep goes
	 * on until no orphan is left.) */
	if (w->sb->subreaper && !swept)
		sandbox_sweep_orphans(&w->orphan_cpu_us);
	sandbox_set_active(0, 0);
	if (w->ctl_r >= 0)
		handle_ctl(w);
}

/* CPU time and peak memory of the whole check, now that none of it runs. */
static void measure(struct sandbox_watch *w)
{
	struct sandbox_result *res = w->res;
	if (w->have_status) {
		/* The init's report covers the whole tree; its own wait4
		 * rusage would add the init itself. */
		res->cpu_seconds = (double)w->tree_cpu_us / 1e6;
		res->max_rss_kb = w->tree_maxrss_kb;
	} else {
		res->cpu_seconds = (double)w->ru.ru_utime.tv_sec + w->ru.ru_utime.tv_usec / 1e6 +
				   (double)w->ru.ru_stime.tv_sec + w->ru.ru_stime.tv_usec / 1e6 +
				   (double)w->orphan_cpu_us / 1e6;
		res->max_rss_kb = w->ru.ru_maxrss;
	}
	if (w->killed_cpu > res->cpu_seconds)
		res->cpu_seconds = w->killed_cpu;
	if (w->sb->cgroups) {
		/* No process of the check is left (init reaped them all, or
		 * the cgroup is emptied now), so these are final. */
		if (!w->sb->layers.pid_ns)
			cgroup_pool_kill_all(w->sb->cgroups);
		res->cpu_seconds = cgroup_pool_cpu_seconds(w->sb->cgroups);
		long peak = cgroup_pool_peak_kb(w->sb->cgroups);
		if (peak > res->max_rss_kb)
			res->max_rss_kb = peak;
		w->cgroup_oom = cgroup_pool_oom_killed(w->sb->cgroups);
	}
	/* What the check left in memory-backed files at its end counts as
	 * well (it may have filled them between two polls). */
	if (!w->killed && w->memfs.n > 0 && sandbox_memfs_over(&w->memfs)) {
		w->killed = true;
		w->kill_reason = SANDBOX_MEMORY_LIMIT;
	}
	res->output_truncated = w->out_over;
	free(res->out);
	free(res->err);
	free(res->combined);
	res->out_len = w->out.len;
	res->err_len = w->err.len;
	res->combined_len = w->combined.len;
	res->out = strbuf_detach(&w->out);
	res->err = strbuf_detach(&w->err);
	res->combined = strbuf_detach(&w->combined);
}

void sandbox_watch_check(struct sandbox_watch *w)
{
	bool over = watch_until_over(w);
	leave_nothing_behind(w, over);
	measure(w);
}

void sandbox_watch_observations(const struct sandbox_watch *w, struct sandbox_observations *o)
{
	const struct sandbox_result *res = w->res;
	*o = (struct sandbox_observations){
		.setup_failed = w->setup_failed,
		.exec_failed = w->exec_failed,
		.wait_status = w->have_status ? w->check_status : w->wstatus,
		.killed = w->killed,
		.kill_reason = w->kill_reason,
		.seccomp = w->sb->policy != NULL,
		.cpu_seconds = res->cpu_seconds,
		.cpu_limit = w->spec->limits.cpu_seconds,
		.memory_mb = w->spec->limits.memory_mb,
		.cgroup = w->sb->cgroups != NULL,
		.cgroup_oom = w->cgroup_oom,
		.max_rss_kb = res->max_rss_kb,
		.output = res->combined,
		.output_len = res->combined_len,
	};
}
