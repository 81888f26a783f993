/*
 * sandbox_outcome.c - owns the rules that say how a check ended: exit,
 * signal, seccomp kill, CPU, wall-clock, output and memory limits, setup
 * and exec failures (see sandbox_outcome.h). Pure: it reads a struct of
 * observations and returns a verdict.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "sandbox_outcome.h"

/* How much of the end of the output is searched for an out-of-memory
 * error: where a program's dying words are. */
#define OOM_TAIL_BYTES 2048

bool sandbox_outcome_oom_line(const char *l, size_t n)
{
	while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\r' || l[n - 1] == '!' || l[n - 1] == '.'))
		n--;
	static const char *const endings[] = { "Cannot allocate memory", "out of memory",
					       "Out of memory", "OUT OF MEMORY", NULL };
	for (const char *const *e = endings; *e; e++) {
		size_t k = strlen(*e);
		if (n >= k && !memcmp(l + n - k, *e, k))
			return true;
	}
	if (n >= 11 && !memcmp(l, "MemoryError", 11))
		return true;
	return memmem(l, n, "std::bad_alloc", 14) || memmem(l, n, "heap out of memory", 18);
}

/* An out-of-memory error among the last lines of the output. Only the
 * tail counts, and only the forms sandbox_outcome_oom_line knows, so a
 * test that prints "Cannot allocate memory test" and fails stays a
 * failure. */
static bool output_ends_out_of_memory(const char *text, size_t len)
{
	if (!text)
		return false;
	for (size_t i = len > OOM_TAIL_BYTES ? len - OOM_TAIL_BYTES : 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		if (sandbox_outcome_oom_line(text + i, n))
			return true;
		i += n + 1;
	}
	return false;
}

/* What the wait status alone says. */
static void from_wait_status(const struct sandbox_observations *o, struct sandbox_verdict *v)
{
	int st = o->wait_status;
	if (WIFEXITED(st)) {
		v->outcome = SANDBOX_EXITED;
		v->exit_code = WEXITSTATUS(st);
		return;
	}
	if (!WIFSIGNALED(st))
		return;
	v->signal = WTERMSIG(st);
	v->outcome = SANDBOX_SIGNALED;
	if (v->signal == SIGSYS && o->seccomp)
		v->outcome = SANDBOX_SECCOMP_KILL;
	else if (v->signal == SIGXCPU)
		v->outcome = SANDBOX_CPU_LIMIT;
	else if (v->signal == SIGKILL && o->cpu_limit > 0 && o->cpu_seconds >= o->cpu_limit)
		v->outcome = SANDBOX_CPU_LIMIT; /* the hard RLIMIT_CPU delivers SIGKILL */
}

/*
 * Memory. A cgroup says so exactly (its OOM killer fired), and so does
 * the watch of memory-backed files (a kill for SANDBOX_MEMORY_LIMIT).
 * Otherwise it is inferred from how the check died: RLIMIT_AS (the limit
 * itself without a cgroup, a backstop of 4 x with one) makes allocations
 * fail, and the program dies of it (a signal, with half its limit
 * resident: only without a cgroup, which would have OOM-killed it first)
 * or gives up (a non-zero exit with 90% of its limit resident, or its
 * language's out-of-memory error among its last lines).
 */
static enum sandbox_memory_evidence memory_evidence(const struct sandbox_observations *o,
						    const struct sandbox_verdict *v)
{
	if (v->outcome == SANDBOX_MEMORY_LIMIT)
		return SANDBOX_MEMORY_FILES;
	bool clean = v->outcome == SANDBOX_EXITED && v->exit_code == 0;
	if (clean)
		return SANDBOX_MEMORY_NONE;
	if (o->cgroup_oom && v->outcome != SANDBOX_OUTPUT_LIMIT && v->outcome != SANDBOX_WALL_LIMIT &&
	    v->outcome != SANDBOX_CPU_LIMIT)
		return SANDBOX_MEMORY_CGROUP_OOM;
	if (o->memory_mb <= 0)
		return SANDBOX_MEMORY_NONE;
	if (!o->cgroup && v->outcome == SANDBOX_SIGNALED && o->max_rss_kb >= o->memory_mb * 1024 / 2 &&
	    (v->signal == SIGSEGV || v->signal == SIGABRT || v->signal == SIGKILL || v->signal == SIGBUS))
		return SANDBOX_MEMORY_SIGNAL;
	if (v->outcome == SANDBOX_EXITED &&
	    (o->max_rss_kb >= o->memory_mb * 1024 * 9 / 10 ||
	     output_ends_out_of_memory(o->output, o->output_len)))
		return SANDBOX_MEMORY_ALLOCATION;
	return SANDBOX_MEMORY_NONE;
}

struct sandbox_verdict sandbox_outcome_classify(const struct sandbox_observations *o)
{
	struct sandbox_verdict v = { .outcome = SANDBOX_EXITED };
	if (o->setup_failed) {
		v.outcome = SANDBOX_SETUP_FAILED;
		return v;
	}
	if (o->exec_failed) {
		v.outcome = SANDBOX_EXEC_FAILED;
		return v;
	}
	from_wait_status(o, &v);
	if (o->killed)
		v.outcome = o->kill_reason;
	/* The CPU limit is the whole check's: a child that spun while its
	 * parent waited (each under its own RLIMIT_CPU) counts. */
	if (o->cpu_limit > 0 && !o->killed && o->cpu_seconds >= o->cpu_limit &&
	    (v.outcome == SANDBOX_EXITED || v.outcome == SANDBOX_SIGNALED))
		v.outcome = SANDBOX_CPU_LIMIT;
	v.memory_evidence = memory_evidence(o, &v);
	if (v.memory_evidence != SANDBOX_MEMORY_NONE) {
		v.outcome = SANDBOX_MEMORY_LIMIT;
		if (v.memory_evidence == SANDBOX_MEMORY_CGROUP_OOM && !v.signal)
			v.signal = SIGKILL;
	}
	return v;
}
