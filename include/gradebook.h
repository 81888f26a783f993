/*
 * gradebook.h - the batch gradebook: one row per submission, written as
 * CSV (for spreadsheets) and JSON Lines (exact, for tools and for
 * `roadmap-run merge`). Rows are streamed, never all held in memory, so a
 * batch of any size grades in bounded memory.
 *
 * A row is a cJSON object with these keys, in this order:
 *   submission   name of the submission (its directory's name)
 *   status       "pass", "fail" or "error"
 *   score, max_score
 *   exercises    { "<exercise id>": score or null (not graded), ... } in
 *                pack order
 *   quiz         the quiz score or null; present only when the pack has a quiz
 *   pack_digest  "sha256:..."
 *   duration_ms
 *   message      why the submission could not be graded, or ""
 *
 * The CSV has the same columns, with one column per exercise named by its
 * id. Text cells that a spreadsheet would take for a formula (starting
 * with = + - @ or a tab) are prefixed with "'"; the JSON Lines file keeps
 * the exact text.
 */
#ifndef GRADEBOOK_H
#define GRADEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "manifest.h"

#define GRADEBOOK_CSV "gradebook.csv"
#define GRADEBOOK_JSONL "gradebook.jsonl"

/* The row for a graded submission, from its report. Caller deletes. */
cJSON *gradebook_row_from_report(const char *name, const cJSON *report,
				 const struct pack_manifest *m);

/* The row for a submission that could not be graded. Caller deletes. */
cJSON *gradebook_row_error(const char *name, const struct pack_manifest *m,
			   const char *digest, const char *message, double duration_ms);

struct gradebook;

/* Start writing DIR/gradebook.csv and DIR/gradebook.jsonl (as temporary
 * files until gradebook_commit). DIR, which the user named, is created
 * when missing; the two files are never written through a link (pathsafe:
 * -ELOOP, with *failed, when not NULL, naming it). The columns: exercise
 * ids in order, and a quiz column when has_quiz. Returns 0 or -errno. */
int gradebook_create(struct gradebook **out, const char *dir,
		     const char *const *exercise_ids, size_t n_exercises, bool has_quiz,
		     char **failed);

/* Append one row. Returns 0 or -errno. */
int gradebook_add(struct gradebook *g, const cJSON *row);

/* Flush, fsync and rename both files into place, then free g. Returns 0 or
 * -errno (the temporary files are removed on failure). */
int gradebook_commit(struct gradebook *g);

/* Remove the temporary files and free g. NULL is fine. */
void gradebook_abort(struct gradebook *g);

/* Escape one CSV field (RFC 4180 quoting, formula prefix for text).
 * Caller frees. */
char *gradebook_csv_field(const char *s, bool text);

#endif
