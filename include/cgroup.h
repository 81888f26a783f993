/*
 * cgroup.h - the cgroup a check runs in: memory and process limits for the
 * whole tree, its CPU time and peak memory, OOM kills, and a way to kill
 * every process in it. cgroup v2 (a delegated, writable subtree) or the v1
 * memory, pids and cpuacct hierarchies.
 *
 * Checks run one after another, so the pool keeps two cgroups, used in
 * turn, and resets one before each check (a handful of writes) instead of
 * creating and removing three directories per check (~130 us on v1). Two,
 * so that a check never waits for the previous check's pid-namespace init
 * to finish exiting (it is still in its cgroup).
 */
#ifndef CGROUP_H
#define CGROUP_H

#include <stdbool.h>
#include <stddef.h>

struct cgroup_pool;

/* Find a writable hierarchy and create the runner's cgroup under the one
 * the runner is in. Returns 0 and sets *out, or -errno with a reason. */
int cgroup_pool_open(struct cgroup_pool **out, char *why, size_t whylen);

/* "v1" or "v2". */
const char *cgroup_pool_version(const struct cgroup_pool *p);

/* The slot (0 or 1) the next cgroup_pool_prepare will use. */
int cgroup_pool_next_slot(const struct cgroup_pool *p);

/* Before a check: take the next slot, empty and reset it and set its
 * limits (0 = no limit). The calls below are about that slot until the
 * next prepare. Fills fds (at most 3, then -1) with open files the child
 * writes "0" to, to join (v2 cgroup.procs; v1 tasks, which moves only the
 * writing thread: the child must be single-threaded, as it is). Returns 0 or -errno with a reason. */
int cgroup_pool_prepare(struct cgroup_pool *p, long memory_mb, long pids, int fds[4],
			char *why, size_t whylen);

/* CPU time of every process that ran in the cgroup since prepare. */
double cgroup_pool_cpu_seconds(struct cgroup_pool *p);

/* Peak memory since prepare, in KiB (0 if unknown). */
long cgroup_pool_peak_kb(struct cgroup_pool *p);

/* True when the kernel killed a process of the cgroup for memory since
 * prepare. */
bool cgroup_pool_oom_killed(struct cgroup_pool *p);

/* SIGKILL every process in the cgroup until it is empty (bounded). */
void cgroup_pool_kill_all(struct cgroup_pool *p);

/* The caller knows every process of the last check is gone (the init of
 * its pid namespace was reaped): the next prepare need not look. */
void cgroup_pool_mark_empty(struct cgroup_pool *p, int slot);

/* After a check: forget the join fds (the pool keeps them open). */
void cgroup_pool_finish(struct cgroup_pool *p, int fds[4]);

/* Remove the cgroups. */
void cgroup_pool_close(struct cgroup_pool *p);

#endif
