/*
 * check_pool.h - run the checks of a pack on N worker processes at once,
 * each with a sandbox of its own, for `run -j N` and `validate -j N`.
 *
 * Callers queue jobs (a check of an exercise, run on a source directory)
 * and collect each job's report object as it finishes, by ticket. The
 * order in which results arrive is not the order of the jobs: callers
 * that print or build a report keep their own order (grade.c, validate.c).
 */
#ifndef CHECK_POOL_H
#define CHECK_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "manifest.h"
#include "sandbox.h"

/* The most workers a pool runs. */
#define CHECK_POOL_MAX_WORKERS 256

struct check_pool;

/* -j N, for run, validate and grade: parses text as a whole number of
 * jobs from 1 to CHECK_POOL_MAX_WORKERS into *jobs. Returns 0, or -1. */
int check_pool_parse_jobs(const char *text, int *jobs);

struct check_pool_job {
	size_t exercise;    /* index into the manifest's exercises */
	size_t check;       /* index into that exercise's checks */
	const char *src;    /* the exercise's files (SUBMISSION/<id>); may not exist */
	bool reveal_hidden; /* report a hidden check's message and output too
			       (validate: authors need them) */
};

/* A pool of workers processes (forked now) for the pack at pack_root with
 * manifest m (both borrowed; they must outlive the pool). Call it before
 * this process opens a sandbox of its own (check_pool.c says why): each
 * worker opens its own, so a check's limits (its cgroup, its user
 * namespace's process count) are never shared with a check beside it.
 * Never fails: a worker that cannot start is reported by check_pool_wait.
 * While the pool is open the fatal-signal hook stops the workers (and the
 * process's own active check). */
struct check_pool *check_pool_open(int workers, const char *pack_root,
				   const struct pack_manifest *m);

/* Whether checks running at once on sb's kind of sandbox stay apart: each
 * keeps its own process limit (a cgroup or a user namespace per worker;
 * otherwise RLIMIT_NPROC counts every process of the uid), and none sees
 * another's processes or files (pid and mount namespaces). Otherwise
 * callers run one check at a time. */
bool check_pool_fits(const struct sandbox *sb);

/* Queue a job; src is copied. Returns its ticket: 0, 1, 2... in the order
 * of the calls over the pool's life. */
size_t check_pool_submit(struct check_pool *p, const struct check_pool_job *job);

/* Jobs queued or running, not yet collected. */
size_t check_pool_pending(const struct check_pool *p);

/* Wait for any job to finish. Returns 0 with *ticket and *report (the
 * check's report object: report_check_object of the worker's check_run;
 * caller deletes), 1 when no job is pending, or -1 with a message in err
 * when the workers cannot run (e.g. a worker could not build its
 * sandbox); the pool is then
 * unusable but must still be closed. A worker that dies while running a
 * check (the OOM killer) gives that check an "error" report and is
 * replaced. */
int check_pool_wait(struct check_pool *p, size_t *ticket, cJSON **report, char *err, size_t errlen);

/* Stop the workers (SIGKILL to any still running a check), reap them and
 * free the pool. NULL is fine. */
void check_pool_close(struct check_pool *p);

#endif
