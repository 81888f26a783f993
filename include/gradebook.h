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
 *   message      why the submission is not a pass (or what looked wrong in
 *                it), or ""
 *   shard        "K/N": the share of the batch this row was graded in
 *                (--shard K/N; "1/1" unsharded or merged complete; a list
 *                "1,3/4" after merge --allow-partial)
 *
 * The CSV has the same columns, with one column per exercise named by its
 * id. Text cells that a spreadsheet would take for a formula (starting
 * with = + - @ or a tab) are prefixed with "'" (and so is a cell that
 * starts with "'" and then one of those, so the reader can undo it
 * exactly); the JSON Lines file keeps the exact text.
 *
 * Beside them, gradebook.meta.json says what the gradebook covers even
 * when it holds no row (a shard with no submission): its shard, the pack
 * digest, how many submissions the whole batch listed and how many rows
 * this gradebook has. `merge` reads it to refuse an incomplete set.
 */
#ifndef GRADEBOOK_H
#define GRADEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <cjson/cJSON.h>
#include "manifest.h"

#define GRADEBOOK_CSV "gradebook.csv"
#define GRADEBOOK_JSONL "gradebook.jsonl"
#define GRADEBOOK_META "gradebook.meta.json"

/* What a gradebook covers, recorded in every row and in its meta file. */
struct gradebook_info {
	const char *shard;        /* "K/N" */
	const char *pack_digest;  /* "sha256:..." */
	size_t listed;            /* submissions of the whole batch, before sharding */
};

/* The row for a graded submission, from its report. Caller deletes. */
cJSON *gradebook_row_from_report(const char *name, const cJSON *report,
				 const struct pack_manifest *m);

/* The row for a submission that could not be graded. Caller deletes. */
cJSON *gradebook_row_error(const char *name, const struct pack_manifest *m,
			   const char *digest, const char *message, double duration_ms);

struct gradebook;

/* Start writing DIR/gradebook.csv, DIR/gradebook.jsonl and
 * DIR/gradebook.meta.json (as temporary files until gradebook_commit); info
 * is copied, and its shard is set on every row added. DIR, which the user named, is created
 * when missing; the two files are never written through a link (pathsafe:
 * -ELOOP, with *failed, when not NULL, naming it). The columns: exercise
 * ids in order, and a quiz column when has_quiz. Returns 0 or -errno. */
int gradebook_create(struct gradebook **out, const char *dir,
		     const char *const *exercise_ids, size_t n_exercises, bool has_quiz,
		     const struct gradebook_info *info, char **failed);

/* Append one row. Returns 0 or -errno. */
int gradebook_add(struct gradebook *g, const cJSON *row);

/* Flush, fsync and rename both files into place, then free g. Returns 0 or
 * -errno (the temporary files are removed on failure). */
int gradebook_commit(struct gradebook *g);

/* Remove the temporary files and free g. NULL is fine. */
void gradebook_abort(struct gradebook *g);

/*
 * Reading a gradebook back: the JSON Lines or the CSV file (told apart by
 * their first byte), row by row in bounded memory, each row the same cJSON
 * object as written (numbers, null for an empty cell, the CSV's formula
 * prefix undone). Errors are messages naming the file and line.
 */
struct gradebook_reader;

/* Open path. Returns 0, or -errno / -EINVAL with *why set (caller frees). */
int gradebook_reader_open(struct gradebook_reader **out, const char *path, char **why);

/* gradebook_reader_open on an open stream (taken over: closed by
 * gradebook_reader_close, also on failure); name is used in messages. */
int gradebook_reader_open_stream(struct gradebook_reader **out, FILE *f, const char *name,
				 char **why);

/* The next row in *row (caller deletes; NULL at the end). Returns 0, or
 * -EINVAL with *why set (caller frees). */
int gradebook_reader_next(struct gradebook_reader *r, cJSON **row, char **why);

/* NULL is fine. */
void gradebook_reader_close(struct gradebook_reader *r);

/* The meta file beside the gradebook file path (its directory's
 * gradebook.meta.json), parsed; NULL when missing or not a JSON object. */
cJSON *gradebook_meta_read(const char *gradebook_path);

/* Escape one CSV field (RFC 4180 quoting, formula prefix for text).
 * Caller frees. */
char *gradebook_csv_field(const char *s, bool text);

#endif
