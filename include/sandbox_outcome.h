/*
 * sandbox_outcome.h - how a check ended, decided from plain observations.
 *
 * The sandbox's watch collects what it saw of a check (its wait status,
 * whether the runner killed it and for which limit, CPU time, peak memory,
 * the cgroup's OOM count, the tail of its output); sandbox_outcome_classify
 * turns that into the sandbox_outcome the caller gets. It is pure: no
 * system call, no global, so every rule is unit-tested from a table
 * (tests/unit/test_sandbox_outcome.c) without running a check. This is the
 * only place that decides a check ran out of memory.
 */
#ifndef SANDBOX_OUTCOME_H
#define SANDBOX_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "sandbox.h"

/* Everything the classification reads, as plain values. */
struct sandbox_observations {
	bool setup_failed;        /* the child reported a setup failure */
	bool exec_failed;         /* argv[0] could not be executed */
	int wait_status;          /* the check's wait status (from its init, else wait4) */
	bool killed;              /* the runner killed the tree, ... */
	enum sandbox_outcome kill_reason; /* ... for this limit */
	bool seccomp;             /* a seccomp filter was installed: SIGSYS is its kill */
	double cpu_seconds;       /* the whole tree's CPU time */
	double cpu_limit;         /* seconds, 0: none */
	long memory_mb;           /* the memory limit, 0: none */
	bool cgroup;              /* memory was limited and measured by a cgroup */
	bool cgroup_oom;          /* the cgroup's OOM killer fired during the check */
	long max_rss_kb;          /* peak memory */
	const char *output;       /* what the check printed (stdout and stderr */
	size_t output_len;        /* as they arrived); only its tail is read */
};

struct sandbox_verdict {
	enum sandbox_outcome outcome;
	int exit_code;            /* for SANDBOX_EXITED */
	int signal;               /* the killing signal, 0 if none */
	enum sandbox_memory_evidence memory_evidence; /* for SANDBOX_MEMORY_LIMIT */
};

/* Classify one check's end. Never fails. */
struct sandbox_verdict sandbox_outcome_classify(const struct sandbox_observations *obs);

/* Does one line (n bytes, no newline) read as a runtime's or libc's
 * out-of-memory error ("MemoryError", "...: Cannot allocate memory",
 * std::bad_alloc, "heap out of memory", "... out of memory")? */
bool sandbox_outcome_oom_line(const char *line, size_t n);

#endif
