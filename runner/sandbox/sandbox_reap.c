/*
 * sandbox_reap.c - owns the processes a check leaves behind: the inits
 * of finished checks that are still tearing their namespaces down (reaped
 * later, with the work directories they kept busy), the orphans the
 * runner adopts as subreaper without a pid namespace, and the check that
 * is running now, for sandbox_kill_active.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_internal.h"
#include "util.h"

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

void sandbox_set_active(pid_t pid, pid_t pgid)
{
	active_pid = pid;
	active_pgid = pgid;
}

/* ---- inits that are still exiting -------------------------------------- */

/* Remember an init whose check is over (it killed and reaped the whole
 * tree) but which is still tearing down its namespaces, and the slot (the
 * cgroup, see cgroup.h) its check used. */
void sandbox_pending_add(struct sandbox *sb, pid_t pid, int slot)
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
void sandbox_pending_reap_slot(struct sandbox *sb, int slot)
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

/* Orphans adopted by the subreaper (no pid namespace): kill and reap
 * every child of ours outside our session until none is left. */
void sandbox_sweep_orphans(long *cpu_us)
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
