/*
 * sandbox_rlimits.c - owns the resource limits a check's processes get
 * (setrlimit in the child): CPU and address space as backstops behind the
 * cgroup, processes, file size, open files, no core dumps, the stack.
 */
#include <math.h>
#include <sys/resource.h>

#include "sandbox_internal.h"

static void add_rlimit(struct sandbox_child *c, int res, rlim_t soft, rlim_t hard)
{
	c->rlimit_res[c->n_rlimits] = res;
	c->rlimits[c->n_rlimits].rlim_cur = soft;
	c->rlimits[c->n_rlimits].rlim_max = hard;
	c->n_rlimits++;
}

void sandbox_plan_rlimits(const struct sandbox *sb, const struct sandbox_spec *spec,
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
