/*
 * report.h - the JSON report (report_version 1, contract "Report") and how
 * it reaches disk: always atomically, so a killed run never leaves half a
 * report behind.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <time.h>
#include <cjson/cJSON.h>
#include "check.h"
#include "sandbox.h"

/* The report's object for check c with result res (never NULL). It
 * applies the hidden-check rules: a hidden check keeps its status and
 * score, and nothing else it did (message, output, command, test points,
 * exit code, signal, times, memory, denial) reaches the report. */
cJSON *report_check_object(const struct check_def *c, const struct check_result *res);

/* The report's "sandbox" object: which layers a check had. */
cJSON *report_sandbox_object(const struct sandbox_layers *l);

/* One selected exercise of a report being built. */
struct report_exercise {
	const struct exercise_def *ex;
	int hints_used;
	char *warning;        /* why it was graded as empty, or NULL (the caller's) */
	cJSON *checks;        /* array of report_check_object()s; report_build takes it */
};

/* Everything a report holds, typed; report_build lays it out. */
struct report_parts {
	const struct pack_manifest *m;
	const char *digest;      /* the pack's */
	const char *submission;  /* the label recorded as "submission" */
	struct report_exercise *exercises;
	size_t n_exercises;
	cJSON *quiz;             /* quiz_grade()'s object, taken; NULL: the quiz was not graded */
	const char *quiz_error;  /* why the answers could not be read, or NULL */
	cJSON *unknown_entries;  /* the submission's top-level names no exercise has
				  * (an array), taken; NULL: none */
	size_t unknown_entries_more; /* how many more there were than the array holds */
	bool partial;            /* only some exercises were graded (--exercise) */
	const struct sandbox_layers *layers;
	double seconds;          /* how long grading took */
};

/* The report (contract "Report"), the one place its shape is built: the
 * scores and statuses are added up here (an exercise passes at full
 * score, the report too; it is "error" when nothing could be graded:
 * every check has status "error" and there is no quiz). Takes p->quiz and
 * each exercise's checks (set to NULL). Never NULL; caller deletes. */
cJSON *report_build(struct report_parts *p);

/* Compute the scores and statuses of a report put together from others
 * (report_merge_partial) again, bottom-up, by report_build's rules. */
void report_finalize(cJSON *report);

/* The report serialised (pretty, with a trailing newline). Caller frees;
 * NULL when out of memory. */
char *report_text(const cJSON *report);

/* report_text written to path, which the user named (pathsafe_write_named:
 * atomically, or through a device, FIFO or link); "-" writes to stdout.
 * Returns 0 or -errno. A file the runner names itself goes through
 * pathsafe_write_below instead. */
int report_write(const cJSON *report, const char *path);

/* A partial run (report "partial": true) folded into the last whole
 * report of the same workspace: each exercise graded now replaces its old
 * result, the others and the quiz are kept, and the totals are computed
 * again. Returns the merged report (caller deletes), or NULL when previous
 * is not a report of the same pack digest, in which case the partial
 * report is the one to keep. */
cJSON *report_merge_partial(const cJSON *previous, const cJSON *partial);

/* A saved report (a workspace's report.json): read without following a
 * link, and parsed. Returns NULL when it is missing, not a regular file or
 * not JSON; sets *mtime (when not NULL) to when it was written. Caller
 * deletes. */
cJSON *report_read(const char *path, time_t *mtime);

#endif
