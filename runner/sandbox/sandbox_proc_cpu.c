/*
 * sandbox_proc_cpu.c - owns the CPU time of a process tree read through
 * /proc, for checks without a cgroup: the CPU limit is the whole tree's,
 * polled by the watch, and a killed tree's time is read before it dies.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox_internal.h"
#include "util.h"

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
double sandbox_tree_cpu_seconds(pid_t root)
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

/* CPU time of the orphans we adopted as subreaper (no pid namespace):
 * our children outside our session, and theirs. */
double sandbox_orphans_cpu_seconds(pid_t check)
{
	pid_t *list = NULL;
	size_t n = 0, alloc = 0;
	double total = 0;
	pid_t self_sid = getsid(0);
	add_children(getpid(), &list, &n, &alloc);
	for (size_t i = 0; i < n; i++)
		if (list[i] != check && getsid(list[i]) != self_sid)
			total += sandbox_tree_cpu_seconds(list[i]);
	free(list);
	return total;
}
