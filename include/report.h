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
#include "sandbox.h"

/* The report's "sandbox" object: which layers a check had. */
cJSON *report_sandbox_object(const struct sandbox_layers *l);

/* Recompute scores and statuses bottom-up: each exercise's score is the
 * sum of its checks', the top level adds the quiz; status is "pass" at full
 * score, else "fail" ("error" at the top only when nothing could be graded:
 * every check has status "error" and there is no quiz). */
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
