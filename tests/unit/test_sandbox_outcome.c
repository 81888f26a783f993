/*
 * test_sandbox_outcome.c - the classification of a check's end
 * (runner/sandbox/sandbox_outcome.c), table-driven, without running a
 * check: each row is what the sandbox saw and what it must conclude.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sandbox_outcome.h"

#define EXITED(code) (((code) & 0xff) << 8)
#define KILLED_BY(sig) (sig)
#define OUT(text) .output = text, .output_len = sizeof(text) - 1

/* A 64 MiB limit: 90% is 58982 KiB, half is 32768 KiB. */
#define MEM 64
#define RSS_NEAR (MEM * 1024 * 9 / 10)
#define RSS_HALF (MEM * 1024 / 2)

struct row {
	const char *name;
	struct sandbox_observations obs;
	enum sandbox_outcome outcome;
	int exit_code, signal;
	enum sandbox_memory_evidence evidence;
};

static const struct row rows[] = {
	{ "clean exit", { .wait_status = EXITED(0) }, SANDBOX_EXITED, 0, 0, SANDBOX_MEMORY_NONE },
	{ "exit 3", { .wait_status = EXITED(3) }, SANDBOX_EXITED, 3, 0, SANDBOX_MEMORY_NONE },
	{ "segfault", { .wait_status = KILLED_BY(SIGSEGV) }, SANDBOX_SIGNALED, 0, SIGSEGV,
	  SANDBOX_MEMORY_NONE },
	{ "setup failure wins over everything",
	  { .setup_failed = true, .exec_failed = true, .wait_status = EXITED(127), .killed = true,
	    .kill_reason = SANDBOX_WALL_LIMIT },
	  SANDBOX_SETUP_FAILED, 0, 0, SANDBOX_MEMORY_NONE },
	{ "exec failure", { .exec_failed = true, .wait_status = EXITED(127) }, SANDBOX_EXEC_FAILED, 0, 0,
	  SANDBOX_MEMORY_NONE },
	/* seccomp */
	{ "SIGSYS with a filter is the filter's kill", { .seccomp = true, .wait_status = KILLED_BY(SIGSYS) },
	  SANDBOX_SECCOMP_KILL, 0, SIGSYS, SANDBOX_MEMORY_NONE },
	{ "SIGSYS without a filter is a signal", { .wait_status = KILLED_BY(SIGSYS) }, SANDBOX_SIGNALED, 0,
	  SIGSYS, SANDBOX_MEMORY_NONE },
	/* CPU */
	{ "SIGXCPU is the CPU limit", { .wait_status = KILLED_BY(SIGXCPU), .cpu_limit = 2, .cpu_seconds = 1 },
	  SANDBOX_CPU_LIMIT, 0, SIGXCPU, SANDBOX_MEMORY_NONE },
	{ "SIGKILL at the CPU limit is the hard RLIMIT_CPU",
	  { .wait_status = KILLED_BY(SIGKILL), .cpu_limit = 2, .cpu_seconds = 2.5 },
	  SANDBOX_CPU_LIMIT, 0, SIGKILL, SANDBOX_MEMORY_NONE },
	{ "SIGKILL under the CPU limit is a signal",
	  { .wait_status = KILLED_BY(SIGKILL), .cpu_limit = 2, .cpu_seconds = 0.5 },
	  SANDBOX_SIGNALED, 0, SIGKILL, SANDBOX_MEMORY_NONE },
	{ "an exit over the tree's CPU limit is the CPU limit",
	  { .wait_status = EXITED(0), .cpu_limit = 1, .cpu_seconds = 1.2 },
	  SANDBOX_CPU_LIMIT, 0, 0, SANDBOX_MEMORY_NONE },
	/* the runner's kills */
	{ "killed for the wall clock", { .wait_status = KILLED_BY(SIGKILL), .killed = true,
					 .kill_reason = SANDBOX_WALL_LIMIT, .cpu_limit = 1, .cpu_seconds = 3 },
	  SANDBOX_WALL_LIMIT, 0, SIGKILL, SANDBOX_MEMORY_NONE },
	{ "killed for output", { .wait_status = KILLED_BY(SIGKILL), .killed = true,
				 .kill_reason = SANDBOX_OUTPUT_LIMIT },
	  SANDBOX_OUTPUT_LIMIT, 0, SIGKILL, SANDBOX_MEMORY_NONE },
	{ "an output kill stays one despite a cgroup OOM",
	  { .wait_status = KILLED_BY(SIGKILL), .killed = true, .kill_reason = SANDBOX_OUTPUT_LIMIT,
	    .cgroup = true, .cgroup_oom = true, .memory_mb = MEM },
	  SANDBOX_OUTPUT_LIMIT, 0, SIGKILL, SANDBOX_MEMORY_NONE },
	{ "killed for memory-backed files", { .wait_status = KILLED_BY(SIGKILL), .killed = true,
					      .kill_reason = SANDBOX_MEMORY_LIMIT, .memory_mb = MEM },
	  SANDBOX_MEMORY_LIMIT, 0, SIGKILL, SANDBOX_MEMORY_FILES },
	/* memory with a cgroup */
	{ "cgroup OOM kill", { .wait_status = KILLED_BY(SIGKILL), .cgroup = true, .cgroup_oom = true,
			       .memory_mb = MEM },
	  SANDBOX_MEMORY_LIMIT, 0, SIGKILL, SANDBOX_MEMORY_CGROUP_OOM },
	{ "cgroup OOM of a child, the check exits 1",
	  { .wait_status = EXITED(1), .cgroup = true, .cgroup_oom = true, .memory_mb = MEM },
	  SANDBOX_MEMORY_LIMIT, 1, SIGKILL, SANDBOX_MEMORY_CGROUP_OOM },
	{ "cgroup OOM of a child, the check still passes",
	  { .wait_status = EXITED(0), .cgroup = true, .cgroup_oom = true, .memory_mb = MEM },
	  SANDBOX_EXITED, 0, 0, SANDBOX_MEMORY_NONE },
	{ "with a cgroup a signal at half the limit is a signal",
	  { .wait_status = KILLED_BY(SIGSEGV), .cgroup = true, .memory_mb = MEM, .max_rss_kb = RSS_NEAR },
	  SANDBOX_SIGNALED, 0, SIGSEGV, SANDBOX_MEMORY_NONE },
	{ "with a cgroup, a failure near the limit is a refused allocation",
	  { .wait_status = EXITED(1), .cgroup = true, .memory_mb = MEM, .max_rss_kb = RSS_NEAR },
	  SANDBOX_MEMORY_LIMIT, 1, 0, SANDBOX_MEMORY_ALLOCATION },
	/* memory inferred without a cgroup */
	{ "SIGSEGV at half the limit", { .wait_status = KILLED_BY(SIGSEGV), .memory_mb = MEM,
					 .max_rss_kb = RSS_HALF },
	  SANDBOX_MEMORY_LIMIT, 0, SIGSEGV, SANDBOX_MEMORY_SIGNAL },
	{ "SIGABRT at half the limit", { .wait_status = KILLED_BY(SIGABRT), .memory_mb = MEM,
					 .max_rss_kb = RSS_HALF },
	  SANDBOX_MEMORY_LIMIT, 0, SIGABRT, SANDBOX_MEMORY_SIGNAL },
	{ "SIGSEGV well under the limit is a crash", { .wait_status = KILLED_BY(SIGSEGV), .memory_mb = MEM,
						       .max_rss_kb = RSS_HALF - 1 },
	  SANDBOX_SIGNALED, 0, SIGSEGV, SANDBOX_MEMORY_NONE },
	{ "SIGTERM at the limit is a signal", { .wait_status = KILLED_BY(SIGTERM), .memory_mb = MEM,
						.max_rss_kb = RSS_NEAR },
	  SANDBOX_SIGNALED, 0, SIGTERM, SANDBOX_MEMORY_NONE },
	{ "no memory limit, no memory outcome", { .wait_status = KILLED_BY(SIGSEGV), .max_rss_kb = 1 << 20 },
	  SANDBOX_SIGNALED, 0, SIGSEGV, SANDBOX_MEMORY_NONE },
	{ "exit 1 at 90% of the limit", { .wait_status = EXITED(1), .memory_mb = MEM, .max_rss_kb = RSS_NEAR },
	  SANDBOX_MEMORY_LIMIT, 1, 0, SANDBOX_MEMORY_ALLOCATION },
	{ "exit 1 just under 90% is a failure", { .wait_status = EXITED(1), .memory_mb = MEM,
						  .max_rss_kb = RSS_NEAR - 1 },
	  SANDBOX_EXITED, 1, 0, SANDBOX_MEMORY_NONE },
	{ "exit 0 at the limit passes", { .wait_status = EXITED(0), .memory_mb = MEM, .max_rss_kb = MEM * 1024 },
	  SANDBOX_EXITED, 0, 0, SANDBOX_MEMORY_NONE },
	/* out-of-memory errors in the output */
	{ "python's MemoryError", { .wait_status = EXITED(1), .memory_mb = MEM, .cgroup = true,
				    OUT("Traceback (most recent call last):\nMemoryError\n") },
	  SANDBOX_MEMORY_LIMIT, 1, 0, SANDBOX_MEMORY_ALLOCATION },
	{ "perror's ENOMEM", { .wait_status = EXITED(2), .memory_mb = MEM,
			       OUT("ok\nmalloc: Cannot allocate memory.\n") },
	  SANDBOX_MEMORY_LIMIT, 2, 0, SANDBOX_MEMORY_ALLOCATION },
	{ "std::bad_alloc", { .wait_status = EXITED(134 - 128), .memory_mb = MEM,
			      OUT("terminate called after throwing an instance of 'std::bad_alloc'") },
	  SANDBOX_MEMORY_LIMIT, 6, 0, SANDBOX_MEMORY_ALLOCATION },
	{ "a test that mentions memory is a failure",
	  { .wait_status = EXITED(1), .memory_mb = MEM,
	    OUT("Cannot allocate memory test\ntest of out of memory handling: wrong\n") },
	  SANDBOX_EXITED, 1, 0, SANDBOX_MEMORY_NONE },
	{ "MemoryError that passes is a pass", { .wait_status = EXITED(0), .memory_mb = MEM,
						 OUT("MemoryError\n") },
	  SANDBOX_EXITED, 0, 0, SANDBOX_MEMORY_NONE },
	{ "MemoryError without a memory limit is a failure",
	  { .wait_status = EXITED(1), OUT("MemoryError\n") },
	  SANDBOX_EXITED, 1, 0, SANDBOX_MEMORY_NONE },
};

static void test_sandbox_outcome__table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *t = &rows[i];
		struct sandbox_verdict v = sandbox_outcome_classify(&t->obs);
		if (v.outcome != t->outcome || v.exit_code != t->exit_code || v.signal != t->signal ||
		    v.memory_evidence != t->evidence)
			fail_msg("%s: got outcome %d, exit %d, signal %d, evidence %d; want %d, %d, %d, %d",
				 t->name, v.outcome, v.exit_code, v.signal, v.memory_evidence, t->outcome,
				 t->exit_code, t->signal, t->evidence);
	}
}

/* Only the tail of the output counts: a MemoryError long before the end
 * is not the program's dying words. */
static void test_sandbox_outcome__only_the_tail_is_read(void **state)
{
	(void)state;
	static char out[8192];
	memset(out, 'x', sizeof(out));
	memcpy(out, "MemoryError\n", 12);
	out[sizeof(out) - 1] = '\n';
	struct sandbox_observations o = { .wait_status = EXITED(1), .memory_mb = MEM, .output = out,
					   .output_len = sizeof(out) };
	assert_int_equal(sandbox_outcome_classify(&o).outcome, SANDBOX_EXITED);
	memcpy(out + sizeof(out) - 13, "\nMemoryError\n", 13);
	assert_int_equal(sandbox_outcome_classify(&o).outcome, SANDBOX_MEMORY_LIMIT);
}

static void test_sandbox_outcome__oom_lines(void **state)
{
	(void)state;
	static const struct { const char *line; bool oom; } lines[] = {
		{ "MemoryError", true },
		{ "MemoryError: out of memory", true },
		{ "fatal: Out of memory, malloc failed", false },
		{ "fatal: out of memory!", true },
		{ "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", true },
		{ "x: Cannot allocate memory ", true },
		{ "Cannot allocate memory test", false },
		{ "  raise MemoryError", false },
		{ "", false },
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (sandbox_outcome_oom_line(lines[i].line, strlen(lines[i].line)) != lines[i].oom)
			fail_msg("'%s': expected %s", lines[i].line, lines[i].oom ? "oom" : "not oom");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sandbox_outcome__table),
		cmocka_unit_test(test_sandbox_outcome__only_the_tail_is_read),
		cmocka_unit_test(test_sandbox_outcome__oom_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
