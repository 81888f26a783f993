/*
 * cgroup.c - one reusable cgroup for the checks of a run (see cgroup.h).
 *
 * v2: a delegated subtree (the runner's own cgroup lets its children have
 *     the memory and pids controllers): <own>/roadmap-run.<pid>, with
 *     memory.max, memory.swap.max, pids.max, cpu.stat, memory.peak,
 *     memory.events (oom_kill) and cgroup.kill.
 * v1: the memory, pids and cpuacct hierarchies, each with
 *     <own>/roadmap-run.<pid>: memory.limit_in_bytes (+ memsw when swap is
 *     accounted), memory.max_usage_in_bytes, memory.oom_control (oom_kill),
 *     pids.max, cpuacct.usage. v1 has no cgroup.kill: the procs are killed
 *     one by one until none is left (pids.max bounds how many can appear).
 *
 * Reuse: page cache the previous check read (python's standard library,
 * say) stays charged to the cgroup. It is reclaimable and does not push a
 * check over its limit, but it would inflate the peak, so the peak is
 * reported relative to the usage at the start; and when the leftover grows
 * past half the next limit the cgroup is recreated, which hands the charge
 * to the parent.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "util.h"

enum { CG_MEM, CG_PIDS, CG_CPU, CG_N };

struct cg_slot {
	int version;            /* 1 or 2 */
	char *dir[CG_N];        /* v1: one per controller; v2: dir[0] only */
	long cur_mem_mb, cur_pids; /* limits now set, -1 unknown */
	bool memsw;             /* v1 swap accounting present */
	long oom_base;          /* oom_kill count at prepare */
	long long usage_base;   /* memory usage at prepare (bytes) */
	int procs_fd[CG_N];     /* the join files (v2 cgroup.procs, v1 tasks), open
				   for the pool's life */
	int index;              /* which of the pool's slots */
	int peak_fd;            /* v2 memory.peak, read and reset through one fd */
	int serial;             /* which pool of this process */
	bool maybe_busy;        /* a check ran since the cgroup was last seen empty */
};

/*
 * The files read or reset around every check stay open (a cgroup file
 * gives fresh contents on every pread at offset 0, and takes a pwrite the
 * same way): that saves an open and a close each, a dozen system calls per
 * check. Keyed by path and open mode; flushed when a cgroup is removed.
 */
static struct {
	char path[PATH_MAX];
	int flags, fd;
} fd_cache[16];

static int cached_open(const char *path, int flags)
{
	size_t free_slot = sizeof(fd_cache) / sizeof(fd_cache[0]);
	for (size_t i = 0; i < sizeof(fd_cache) / sizeof(fd_cache[0]); i++) {
		if (fd_cache[i].path[0] && fd_cache[i].flags == flags && !strcmp(fd_cache[i].path, path))
			return fd_cache[i].fd;
		if (!fd_cache[i].path[0] && free_slot == sizeof(fd_cache) / sizeof(fd_cache[0]))
			free_slot = i;
	}
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0 || free_slot == sizeof(fd_cache) / sizeof(fd_cache[0]) ||
	    strlen(path) >= sizeof(fd_cache[0].path))
		return fd < 0 ? -errno : fd;
	snprintf(fd_cache[free_slot].path, sizeof(fd_cache[0].path), "%s", path);
	fd_cache[free_slot].flags = flags;
	fd_cache[free_slot].fd = fd;
	return fd;
}

static void cached_close(int fd)
{
	for (size_t i = 0; i < sizeof(fd_cache) / sizeof(fd_cache[0]); i++)
		if (fd_cache[i].path[0] && fd_cache[i].fd == fd)
			return;
	close(fd);
}

/* Forget the cached files under dir (before it is removed). */
static void cache_flush(const char *dir)
{
	size_t l = strlen(dir);
	for (size_t i = 0; i < sizeof(fd_cache) / sizeof(fd_cache[0]); i++)
		if (fd_cache[i].path[0] && !strncmp(fd_cache[i].path, dir, l) && fd_cache[i].path[l] == '/') {
			close(fd_cache[i].fd);
			fd_cache[i].path[0] = '\0';
		}
}

static void slot_close(struct cg_slot *p);
static void slot_kill_all(struct cg_slot *p);

static int write_str(const char *dir, const char *file, const char *val)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	int fd = cached_open(path, O_WRONLY);
	if (fd < 0)
		return fd;
	ssize_t n = pwrite(fd, val, strlen(val), 0);
	int e = errno;
	cached_close(fd);
	return n < 0 ? -e : 0;
}

static int read_str(const char *dir, const char *file, char *buf, size_t len)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	int fd = cached_open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	ssize_t n = pread(fd, buf, len - 1, 0);
	int e = errno;
	cached_close(fd);
	if (n < 0)
		return -e;
	buf[n] = '\0';
	return 0;
}

static long long read_ll(const char *dir, const char *file)
{
	char buf[64];
	if (read_str(dir, file, buf, sizeof(buf)) < 0)
		return -1;
	return strtoll(buf, NULL, 10);
}

/* "key N" from a flat keyed file such as memory.events or oom_control. */
static long long read_key(const char *dir, const char *file, const char *key)
{
	char buf[4096];
	if (read_str(dir, file, buf, sizeof(buf)) < 0)
		return -1;
	size_t kl = strlen(key);
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (!strncmp(line, key, kl) && line[kl] == ' ')
			return strtoll(line + kl + 1, NULL, 10);
	}
	return -1;
}

/* The runner's cgroup path for a v1 controller ("memory"), or for v2 (""). */
static char *own_cgroup(const char *controller)
{
	FILE *f = fopen("/proc/self/cgroup", "re");
	char line[1024];
	char *res = NULL;
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *c1 = strchr(line, ':');
		char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c2 = '\0';
		const char *ctrls = c1 + 1, *path = c2 + 1;
		bool match = false;
		if (!*controller) {
			match = !*ctrls && !strncmp(line, "0", 1);
		} else {
			char *copy = xstrdup(ctrls), *save = NULL;
			for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
				if (!strcmp(t, controller))
					match = true;
			free(copy);
		}
		if (match) {
			res = xstrdup(path);
			break;
		}
	}
	fclose(f);
	return res;
}

/* Mount point of the v1 hierarchy with `controller`, or of cgroup2 (""). */
static char *mount_point(const char *controller, char **mroot)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	char *res = NULL;
	if (!f)
		return NULL;
	while (!res && fgets(line, sizeof(line), f)) {
		char *sep = strstr(line, " - ");
		if (!sep)
			continue;
		char fstype[32], source[256], opts[1024];
		if (sscanf(sep + 3, "%31s %255s %1023s", fstype, source, opts) != 3)
			continue;
		char root[1024], mp[1024];
		if (sscanf(line, "%*s %*s %*s %1023s %1023s", root, mp) != 2)
			continue;
		if (!*controller) {
			if (strcmp(fstype, "cgroup2"))
				continue;
		} else {
			if (strcmp(fstype, "cgroup"))
				continue;
			bool has = false;
			char *save = NULL;
			for (char *t = strtok_r(opts, ",", &save); t; t = strtok_r(NULL, ",", &save))
				if (!strcmp(t, controller))
					has = true;
			if (!has)
				continue;
		}
		res = xstrdup(mp);
		*mroot = xstrdup(root);
	}
	fclose(f);
	return res;
}

/* Directory of the runner's own cgroup in that hierarchy. */
static char *own_dir(const char *controller)
{
	char *mroot = NULL;
	char *mp = mount_point(controller, &mroot);
	char *cg = own_cgroup(controller);
	char *res = NULL;
	if (mp && cg) {
		const char *rel = cg;
		size_t rl = strlen(mroot);
		if (strcmp(mroot, "/") && !strncmp(cg, mroot, rl))
			rel = cg + rl;
		res = xasprintf("%s%s%s", mp, *rel == '/' ? "" : "/", rel);
		size_t n = strlen(res);
		while (n > 1 && res[n - 1] == '/')
			res[--n] = '\0';
	}
	free(mp);
	free(mroot);
	free(cg);
	return res;
}

/* Cgroups of runners that died without sandbox_close (a crash, SIGKILL,
 * an exit() that skipped it): "roadmap-run.ns<pid namespace>-<pid>..."
 * whose pid is gone from our pid namespace (a pid of another one tells
 * nothing: a live runner in a container must keep its cgroups). The name
 * starts with "ns" so that older runners, which read a pid right after
 * "roadmap-run." and judged it in their own namespace, leave it alone.
 * Their checks died with them (PR_SET_PDEATHSIG), so they are empty and
 * rmdir removes them; one that is not is left alone. */
static void sweep_stale(const char *own)
{
	DIR *d = opendir(own);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		long pid;
		unsigned long ns;
		if (strncmp(e->d_name, "roadmap-run.", 12) ||
		    sscanf(e->d_name + 12, "ns%lu-%ld.", &ns, &pid) != 2 || !util_runner_gone(pid, ns))
			continue;
		unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
	}
	if (d)
		closedir(d);
}

/* Pools of this process, removed at exit() if sandbox_close was skipped. */
static struct cgroup_pool *open_pools[8];
static pid_t open_pools_owner;
static int pool_serial;

static int make_group(const char *dir)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int open_v2(struct cg_slot *p, char *why, size_t whylen)
{
	char *own = own_dir("");
	char buf[512];
	if (!own) {
		snprintf(why, whylen, "no cgroup2 mount");
		return -ENOENT;
	}
	int r = read_str(own, "cgroup.subtree_control", buf, sizeof(buf));
	if (r == 0 && (!strstr(buf, "memory") || !strstr(buf, "pids"))) {
		/* Enabling controllers for children fails (EBUSY) when our
		 * cgroup has processes of its own, unless it is the root. */
		r = write_str(own, "cgroup.subtree_control", "+memory +pids");
		if (r == 0)
			r = read_str(own, "cgroup.subtree_control", buf, sizeof(buf));
		if (r == 0 && (!strstr(buf, "memory") || !strstr(buf, "pids")))
			r = -EOPNOTSUPP;
	}
	if (r < 0) {
		snprintf(why, whylen, "cgroup v2 '%s' does not delegate memory and pids: %s", own,
			 strerror(-r));
		free(own);
		return r;
	}
	sweep_stale(own);
	p->dir[0] = xasprintf("%s/roadmap-run.ns%lu-%d.%d-%d", own, util_pidns_id(), (int)getpid(),
					  p->serial, p->index);
	free(own);
	if ((r = make_group(p->dir[0])) < 0) {
		snprintf(why, whylen, "cannot create '%s': %s", p->dir[0], strerror(-r));
		free(p->dir[0]);
		p->dir[0] = NULL;
		return r;
	}
	p->version = 2;
	return 0;
}

static int open_v1(struct cg_slot *p, char *why, size_t whylen)
{
	static const char *const ctrl[CG_N] = { "memory", "pids", "cpuacct" };
	for (int i = 0; i < CG_N; i++) {
		char *own = own_dir(ctrl[i]);
		if (!own) {
			snprintf(why, whylen, "no cgroup v1 '%s' hierarchy", ctrl[i]);
			return -ENOENT;
		}
		if (p->index == 0)
			sweep_stale(own);
		p->dir[i] = xasprintf("%s/roadmap-run.ns%lu-%d.%d-%d", own, util_pidns_id(), (int)getpid(),
					  p->serial, p->index);
		free(own);
		int r = make_group(p->dir[i]);
		if (r < 0) {
			snprintf(why, whylen, "cannot create '%s': %s", p->dir[i], strerror(-r));
			free(p->dir[i]);
			p->dir[i] = NULL;
			return r;
		}
	}
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/memory.memsw.limit_in_bytes", p->dir[CG_MEM]);
	p->memsw = access(path, W_OK) == 0;
	p->version = 1;
	return 0;
}

static int slot_open(struct cg_slot **out, int serial, int index, char *why, size_t whylen)
{
	struct cg_slot *p = xcalloc(1, sizeof(*p));
	p->index = index;
	p->serial = serial;
	char why2[256] = "";
	p->cur_mem_mb = p->cur_pids = -1;
	p->peak_fd = -1;
	for (int i = 0; i < CG_N; i++)
		p->procs_fd[i] = -1;
	int r = open_v2(p, why2, sizeof(why2));
	if (r < 0) {
		r = open_v1(p, why, whylen);
		if (r < 0) {
			size_t l = strlen(why);
			snprintf(why + l, whylen - l, "; %s", why2);
			slot_close(p);
			return r;
		}
	}
	*out = p;
	return 0;
}

static const char *slot_version(const struct cg_slot *p)
{
	return p->version == 2 ? "v2" : "v1";
}

static bool has_procs(const char *dir)
{
	char buf[64];
	return read_str(dir, "cgroup.procs", buf, sizeof(buf)) == 0 && buf[0] != '\0';
}

static void slot_kill_all(struct cg_slot *p)
{
	p->maybe_busy = false;
	if (p->version == 2 && write_str(p->dir[0], "cgroup.kill", "1") == 0) {
		for (int i = 0; i < 1000 && has_procs(p->dir[0]); i++)
			usleep(1000);
		return;
	}
	/* v1 (or a v2 without cgroup.kill): kill what is listed until the
	 * list stays empty; a fork racing with us shows up in the next pass. */
	const char *dir = p->version == 2 ? p->dir[0] : p->dir[CG_PIDS];
	for (int round = 0; round < 1000; round++) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
		FILE *f = fopen(path, "re");
		if (!f)
			return;
		int n = 0;
		long pid;
		while (fscanf(f, "%ld", &pid) == 1) {
			kill((pid_t)pid, SIGKILL);
			n++;
		}
		fclose(f);
		if (!n)
			return;
		usleep(round < 10 ? 200 : 2000);
	}
}

/* v1: recreate the memory cgroup, handing its leftover charge to the parent. */
static int recycle_memory(struct cg_slot *p)
{
	cache_flush(p->dir[CG_MEM]);
	if (rmdir(p->dir[CG_MEM]) < 0 && errno != ENOENT)
		return -errno;
	p->cur_mem_mb = -1;
	return make_group(p->dir[CG_MEM]);
}

static int set_memory_v1(struct cg_slot *p, long mb)
{
	char val[32];
	int r;
	if (mb > 0)
		snprintf(val, sizeof(val), "%lld", (long long)mb << 20);
	else
		snprintf(val, sizeof(val), "-1");
	/* memsw >= limit at all times: raise memsw first, lower it last. */
	/* cur_mem_mb < 0: never set, i.e. unlimited. */
	bool raising = mb <= 0 || (p->cur_mem_mb > 0 && mb > p->cur_mem_mb);
	if (p->memsw && raising && (r = write_str(p->dir[CG_MEM], "memory.memsw.limit_in_bytes", val)) < 0)
		return r;
	if ((r = write_str(p->dir[CG_MEM], "memory.limit_in_bytes", val)) < 0)
		return r;
	if (p->memsw && !raising && (r = write_str(p->dir[CG_MEM], "memory.memsw.limit_in_bytes", val)) < 0)
		return r;
	p->cur_mem_mb = mb;
	return 0;
}

static int slot_prepare(struct cg_slot *p, long memory_mb, long pids, int fds[4],
			char *why, size_t whylen)
{
	char val[32];
	int r = 0;
	fds[0] = -1;
	const char *what = "";

	/* Normally empty: the init kills and reaps everything, and without a
	 * pid namespace sandbox_run empties the cgroup itself. */
	const char *any = p->version == 2 ? p->dir[0] : p->dir[CG_PIDS];
	if (p->maybe_busy && has_procs(any))
		slot_kill_all(p);
	p->maybe_busy = true;

	if (p->version == 2) {
		const char *d = p->dir[0];
		if (memory_mb != p->cur_mem_mb) {
			snprintf(val, sizeof(val), memory_mb > 0 ? "%lld" : "max", (long long)memory_mb << 20);
			what = "memory.max";
			if ((r = write_str(d, "memory.max", val)) < 0)
				goto fail;
			write_str(d, "memory.swap.max", "0");
			p->cur_mem_mb = memory_mb;
		}
		if (pids != p->cur_pids) {
			snprintf(val, sizeof(val), pids > 0 ? "%ld" : "max", pids);
			what = "pids.max";
			if ((r = write_str(d, "pids.max", val)) < 0)
				goto fail;
			p->cur_pids = pids;
		}
		/* Since 6.12 a write resets the peak as seen through that same
		 * file descriptor: keep one open for both. (Before, the peak
		 * is since creation, and usage_base corrects it somewhat.) */
		if (p->peak_fd < 0) {
			char path[PATH_MAX];
			snprintf(path, sizeof(path), "%s/memory.peak", d);
			p->peak_fd = open(path, O_RDWR | O_CLOEXEC);
		}
		if (p->peak_fd >= 0 && pwrite(p->peak_fd, "0", 1, 0) < 0) {
			/* older kernel: read-only memory.peak */
		}
		p->oom_base = read_key(d, "memory.events", "oom_kill");
		p->usage_base = read_ll(d, "memory.current");
		if (p->procs_fd[0] < 0) {
			char path[PATH_MAX];
			snprintf(path, sizeof(path), "%s/cgroup.procs", d);
			what = "cgroup.procs";
			if ((p->procs_fd[0] = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
				r = -errno;
				goto fail;
			}
		}
		fds[0] = p->procs_fd[0];
		fds[1] = -1;
		return 0;
	}

	long long usage = read_ll(p->dir[CG_MEM], "memory.usage_in_bytes");
	if (memory_mb > 0 && usage > ((long long)memory_mb << 20) / 2) {
		what = "recreating the memory cgroup";
		if ((r = recycle_memory(p)) < 0)
			goto fail;
		if (p->procs_fd[CG_MEM] >= 0) {
			close(p->procs_fd[CG_MEM]);
			p->procs_fd[CG_MEM] = -1;
		}
		usage = 0;
	}
	if (memory_mb != p->cur_mem_mb) {
		what = "memory.limit_in_bytes";
		if ((r = set_memory_v1(p, memory_mb)) < 0)
			goto fail;
	}
	if (pids != p->cur_pids) {
		snprintf(val, sizeof(val), pids > 0 ? "%ld" : "max", pids);
		what = "pids.max";
		if ((r = write_str(p->dir[CG_PIDS], "pids.max", val)) < 0)
			goto fail;
		p->cur_pids = pids;
	}
	/* Writing 0 resets max_usage to the current usage, and the CPU
	 * counter to zero. */
	write_str(p->dir[CG_MEM], "memory.max_usage_in_bytes", "0");
	write_str(p->dir[CG_CPU], "cpuacct.usage", "0");
	p->oom_base = read_key(p->dir[CG_MEM], "memory.oom_control", "oom_kill");
	p->usage_base = usage;
	/* The join files stay open from one check to the next. v1 joins
	 * through "tasks", not "cgroup.procs": the child that joins is one
	 * thread (its own thread group) writing "0", and the kernel moves a
	 * thread that moves itself without taking cgroup_threadgroup_rwsem
	 * for writing. Taking it (any cgroup.procs write) waits for an RCU
	 * grace period whenever no other write came within the last one:
	 * 1 to 3 ms of wall time, no CPU, in every check that is not
	 * started right after another (a python check, say) - measured in
	 * docs/benchmarks.md. */
	for (int i = 0; i < CG_N; i++) {
		if (p->procs_fd[i] < 0) {
			char path[PATH_MAX];
			snprintf(path, sizeof(path), "%s/tasks", p->dir[i]);
			what = "tasks";
			if ((p->procs_fd[i] = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
				r = -errno;
				goto fail;
			}
		}
		fds[i] = p->procs_fd[i];
	}
	fds[CG_N] = -1;
	return 0;
fail:
	snprintf(why, whylen, "cgroup %s: %s", what, strerror(-r));
	return r;
}

static double slot_cpu_seconds(struct cg_slot *p)
{
	if (p->version == 2) {
		long long us = read_key(p->dir[0], "cpu.stat", "usage_usec");
		return us < 0 ? 0 : (double)us / 1e6;
	}
	long long ns = read_ll(p->dir[CG_CPU], "cpuacct.usage");
	return ns < 0 ? 0 : (double)ns / 1e9;
}

static long long read_peak_v2(struct cg_slot *p)
{
	char buf[64];
	if (p->peak_fd < 0)
		return read_ll(p->dir[0], "memory.peak");
	ssize_t n = pread(p->peak_fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtoll(buf, NULL, 10);
}

static long slot_peak_kb(struct cg_slot *p)
{
	long long peak = p->version == 2 ? read_peak_v2(p)
					 : read_ll(p->dir[CG_MEM], "memory.max_usage_in_bytes");
	if (peak < 0)
		return 0;
	if (p->usage_base > 0 && peak > p->usage_base)
		peak -= p->usage_base;
	return (long)(peak >> 10);
}

static bool slot_oom_killed(struct cg_slot *p)
{
	long long n = p->version == 2 ? read_key(p->dir[0], "memory.events", "oom_kill")
				      : read_key(p->dir[CG_MEM], "memory.oom_control", "oom_kill");
	return n > p->oom_base && p->oom_base >= 0;
}

static void slot_mark_empty(struct cg_slot *p)
{
	p->maybe_busy = false;
}

static void slot_finish(struct cg_slot *p, int fds[4])
{
	(void)p;
	fds[0] = -1; /* the pool keeps them open */
}

static void slot_close(struct cg_slot *p)
{
	if (!p)
		return;
	if (p->peak_fd >= 0)
		close(p->peak_fd);
	for (int i = 0; i < CG_N; i++) {
		if (p->procs_fd[i] >= 0)
			close(p->procs_fd[i]);
		if (!p->dir[i])
			continue;
		cache_flush(p->dir[i]);
		if (has_procs(p->dir[i]))
			slot_kill_all(p);
		for (int tries = 0; tries < 100 && rmdir(p->dir[i]) < 0 && errno == EBUSY; tries++)
			usleep(1000);
		free(p->dir[i]);
	}
	free(p);
}

/* ---- the pool: two slots, used in turn ---------------------------------- */

/*
 * Two cgroups, used by checks in turn: when a check is over, its pid
 * namespace's init may still be tearing its namespaces down (sandbox_run
 * does not wait for that), and it is still in its cgroup. The next check
 * takes the other cgroup, so it neither waits for that nor shares its
 * counters; by the check after, the init is long gone.
 */
struct cgroup_pool {
	struct cg_slot *slot[2];
	int cur;     /* the slot of the current (last prepared) check */
};

static void close_pools_at_exit(void)
{
	if (getpid() != open_pools_owner)
		return; /* a forked child's exit: the pools are its parent's */
	for (size_t i = 0; i < sizeof(open_pools) / sizeof(open_pools[0]); i++)
		if (open_pools[i])
			cgroup_pool_close(open_pools[i]);
}

int cgroup_pool_open(struct cgroup_pool **out, char *why, size_t whylen)
{
	struct cgroup_pool *p = xcalloc(1, sizeof(*p));
	if (open_pools_owner != getpid()) {
		/* First pool of this process (or of a forked child). */
		memset(open_pools, 0, sizeof(open_pools));
		if (!open_pools_owner)
			atexit(close_pools_at_exit);
		open_pools_owner = getpid();
	}
	int serial = ++pool_serial;
	for (int i = 0; i < 2; i++) {
		int r = slot_open(&p->slot[i], serial, i, why, whylen);
		if (r < 0) {
			cgroup_pool_close(p);
			return r;
		}
	}
	p->cur = 1; /* the first prepare takes slot 0 */
	for (size_t i = 0; i < sizeof(open_pools) / sizeof(open_pools[0]); i++)
		if (!open_pools[i]) {
			open_pools[i] = p;
			break;
		}
	*out = p;
	return 0;
}

const char *cgroup_pool_version(const struct cgroup_pool *p)
{
	return slot_version(p->slot[0]);
}

int cgroup_pool_next_slot(const struct cgroup_pool *p)
{
	return 1 - p->cur;
}

int cgroup_pool_prepare(struct cgroup_pool *p, long memory_mb, long pids, int fds[4],
			char *why, size_t whylen)
{
	p->cur = 1 - p->cur;
	return slot_prepare(p->slot[p->cur], memory_mb, pids, fds, why, whylen);
}

double cgroup_pool_cpu_seconds(struct cgroup_pool *p)
{
	return slot_cpu_seconds(p->slot[p->cur]);
}

long cgroup_pool_peak_kb(struct cgroup_pool *p)
{
	return slot_peak_kb(p->slot[p->cur]);
}

bool cgroup_pool_oom_killed(struct cgroup_pool *p)
{
	return slot_oom_killed(p->slot[p->cur]);
}

void cgroup_pool_kill_all(struct cgroup_pool *p)
{
	slot_kill_all(p->slot[p->cur]);
}

void cgroup_pool_mark_empty(struct cgroup_pool *p, int slot)
{
	slot_mark_empty(p->slot[slot]);
}

void cgroup_pool_finish(struct cgroup_pool *p, int fds[4])
{
	slot_finish(p->slot[p->cur], fds);
}

void cgroup_pool_close(struct cgroup_pool *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < sizeof(open_pools) / sizeof(open_pools[0]); i++)
		if (open_pools[i] == p)
			open_pools[i] = NULL;
	for (int i = 0; i < 2; i++)
		slot_close(p->slot[i]);
	free(p);
}
