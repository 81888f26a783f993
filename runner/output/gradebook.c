/*
 * gradebook.c - gradebook rows from reports, and the streaming CSV and
 * JSON Lines writer (format in gradebook.h). Both files are written under
 * temporary names and renamed into place at the end, so a killed batch
 * never leaves a half-written gradebook that looks complete. Also the
 * reader of both files, for `roadmap-run merge`.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_status.h"
#include "grade.h"
#include "gradebook.h"
#include "pathsafe.h"
#include "util.h"

struct gradebook {
	/* Temporary files renamed over gradebook.csv/.jsonl in DIR by
	 * commit; names the runner picks, so no link is followed (pathsafe). */
	struct pathsafe_out csv_out, jsonl_out, meta_out;
	FILE *csv, *jsonl;             /* streams on duplicates of their fds */
	char **ids;
	size_t n_ids, rows;
	bool has_quiz;
	char *shard, *digest;
	size_t listed;
};

/* Cells a spreadsheet would run as a formula (OWASP "CSV injection"). */
static bool formula_start(char c)
{
	return c && strchr("=+-@\t\r", c) != NULL;
}

static const cJSON *item(const cJSON *o, const char *key)
{
	return o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

/* Why a graded row is not a pass, in a line: top-level entries of the
 * submission that were not graded (said on a pass too), what kept the
 * quiz from being graded, misplaced exercises, and the checks that did
 * not pass (the first few by name; hidden ones by name only, as the
 * learner sees them). "" for a clean pass. Caller frees. */
static char *row_message(const cJSON *report)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *unknown = item(report, "unknown_entries");
	if (cJSON_IsArray(unknown) && cJSON_GetArraySize(unknown) > 0) {
		char *text = grade_unknown_entries_text(unknown, (size_t)num(report, "unknown_entries_more"));
		strbuf_addf(&sb, "entries not graded (no exercise has their name): %s", text);
		free(text);
	}
	if (check_status_of(report) == CHECK_PASS)
		return strbuf_detach(&sb);
	const char *quiz_error = str(item(report, "quiz"), "error");
	if (*quiz_error)
		strbuf_addf(&sb, "quiz not graded: %s", quiz_error);
	const cJSON *e, *c;
	size_t failing = 0, named = 0;
	struct strbuf checks = STRBUF_INIT;
	cJSON_ArrayForEach(e, item(report, "exercises")) {
		if (*str(e, "warning"))
			strbuf_addf(&sb, "%s%s: %s", sb.len ? "; " : "", str(e, "id"), str(e, "warning"));
		cJSON_ArrayForEach(c, item(e, "checks")) {
			if (check_status_of(c) == CHECK_PASS)
				continue;
			failing++;
			if (named++ < 5)
				strbuf_addf(&checks, "%s%s/%s (%s)", checks.len ? ", " : "", str(e, "id"),
					    str(c, "id"), str(c, "status"));
		}
	}
	if (failing) {
		strbuf_addf(&sb, "%s%zu check%s did not pass: %s", sb.len ? "; " : "", failing,
			    failing == 1 ? "" : "s", checks.buf);
		if (failing > 5)
			strbuf_addf(&sb, " and %zu more", failing - 5);
	} else if (!sb.len) {
		strbuf_addf(&sb, "score %g of %g", num(report, "score"), num(report, "max_score"));
	}
	strbuf_release(&checks);
	return strbuf_detach(&sb);
}

cJSON *gradebook_row_from_report(const char *name, const cJSON *report,
				 const struct pack_manifest *m)
{
	cJSON *row = cJSON_CreateObject();
	cJSON *ex = cJSON_CreateObject();
	const cJSON *e;

	cJSON_AddStringToObject(row, "submission", name);
	cJSON_AddStringToObject(row, "status", str(report, "status"));
	cJSON_AddNumberToObject(row, "score", num(report, "score"));
	cJSON_AddNumberToObject(row, "max_score", num(report, "max_score"));
	for (size_t i = 0; i < m->n_exercises; i++) {
		const char *id = m->exercises[i].id;
		const cJSON *found = NULL;
		cJSON_ArrayForEach(e, item(report, "exercises"))
			if (strcmp(str(e, "id"), id) == 0)
				found = e;
		if (found)
			cJSON_AddNumberToObject(ex, id, num(found, "score"));
		else
			cJSON_AddNullToObject(ex, id);
	}
	cJSON_AddItemToObject(row, "exercises", ex);
	if (m->quiz)
		cJSON_AddNumberToObject(row, "quiz", num(item(report, "quiz"), "score"));
	cJSON_AddStringToObject(row, "pack_digest", str(item(report, "pack"), "digest"));
	/* A report from before tracks is a python one. */
	const char *track = str(report, "track");
	cJSON_AddStringToObject(row, "track", *track ? track : MANIFEST_BASE_TRACK);
	cJSON_AddNumberToObject(row, "duration_ms", num(report, "duration_ms"));
	char *message = row_message(report);
	cJSON_AddStringToObject(row, "message", message);
	free(message);
	return row;
}

cJSON *gradebook_row_error(const char *name, const struct pack_manifest *m,
			   const char *digest, const char *message, double duration_ms)
{
	cJSON *row = cJSON_CreateObject();
	cJSON *ex = cJSON_CreateObject();
	int max = m->quiz_max_score;

	for (size_t i = 0; i < m->n_exercises; i++) {
		cJSON_AddNullToObject(ex, m->exercises[i].id);
		max += m->exercises[i].max_score;
	}
	cJSON_AddStringToObject(row, "submission", name);
	cJSON_AddStringToObject(row, "status", check_status_name(CHECK_ERROR));
	cJSON_AddNumberToObject(row, "score", 0);
	cJSON_AddNumberToObject(row, "max_score", max);
	cJSON_AddItemToObject(row, "exercises", ex);
	if (m->quiz)
		cJSON_AddNullToObject(row, "quiz");
	cJSON_AddStringToObject(row, "pack_digest", digest);
	cJSON_AddStringToObject(row, "track", m->track ? m->track : MANIFEST_BASE_TRACK);
	cJSON_AddNumberToObject(row, "duration_ms", (double)(long)(duration_ms + 0.5));
	cJSON_AddStringToObject(row, "message", message ? message : "");
	return row;
}

char *gradebook_csv_field(const char *s, bool text)
{
	struct strbuf sb = STRBUF_INIT;
	/* Submission names and messages come from learners. A cell that
	 * starts with the prefix and a formula character gets one more, so
	 * the reader's "drop one ' before a formula character" is exact. */
	bool formula = text && (formula_start(s[0]) || (s[0] == '\'' && formula_start(s[1])));
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;

	strbuf_addstr(&sb, "");
	if (quote)
		strbuf_addstr(&sb, "\"");
	if (formula)
		strbuf_addstr(&sb, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_addstr(&sb, "\"\"");
		else
			strbuf_add(&sb, p, 1);
	}
	if (quote)
		strbuf_addstr(&sb, "\"");
	return strbuf_detach(&sb);
}

static void csv_text(FILE *f, const char *s, bool first)
{
	char *field = gradebook_csv_field(s, true);
	fprintf(f, "%s%s", first ? "" : ",", field);
	free(field);
}

static void csv_number(FILE *f, const cJSON *v)
{
	fputc(',', f);
	if (!cJSON_IsNumber(v))
		return;  /* null: not graded */
	if (v->valuedouble == (double)(long long)v->valuedouble)
		fprintf(f, "%lld", (long long)v->valuedouble);
	else
		fprintf(f, "%g", v->valuedouble);
}

/* A stream on a duplicate of fd: fclose closes the duplicate, and the
 * pathsafe_out keeps its own fd for commit. */
static FILE *open_stream(int fd)
{
	int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	FILE *f = dup_fd >= 0 ? fdopen(dup_fd, "w") : NULL;
	if (!f && dup_fd >= 0) {
		int e = errno;
		close(dup_fd);
		errno = e;
	}
	return f;
}

int gradebook_create(struct gradebook **out, const char *dir,
		     const char *const *exercise_ids, size_t n_exercises, bool has_quiz,
		     const struct gradebook_info *info, char **failed)
{
	struct gradebook *g = xcalloc(1, sizeof(*g));
	int err;

	g->csv_out = g->jsonl_out = g->meta_out = (struct pathsafe_out){ .dirfd = -1, .fd = -1 };
	g->shard = xstrdup(info->shard);
	g->digest = xstrdup(info->pack_digest);
	g->listed = info->listed;
	g->ids = xcalloc(n_exercises + 1, sizeof(char *));
	for (size_t i = 0; i < n_exercises; i++)
		g->ids[i] = xstrdup(exercise_ids[i]);
	g->n_ids = n_exercises;
	g->has_quiz = has_quiz;
	if ((err = pathsafe_out_begin(&g->csv_out, dir, GRADEBOOK_CSV, failed)) < 0 ||
	    (err = pathsafe_out_begin(&g->jsonl_out, dir, GRADEBOOK_JSONL, failed)) < 0 ||
	    (err = pathsafe_out_begin(&g->meta_out, dir, GRADEBOOK_META, failed)) < 0)
		goto fail;
	g->csv = open_stream(g->csv_out.fd);
	g->jsonl = open_stream(g->jsonl_out.fd);
	if (!g->csv || !g->jsonl) {
		err = -errno;
		goto fail;
	}
	fputs("submission,status,score,max_score", g->csv);
	for (size_t i = 0; i < n_exercises; i++)
		csv_text(g->csv, exercise_ids[i], false);
	if (has_quiz)
		fputs(",quiz", g->csv);
	fputs(",pack_digest,duration_ms,message,shard,track\r\n", g->csv);
	*out = g;
	return 0;
fail:
	gradebook_abort(g);
	*out = NULL;
	return err;
}

int gradebook_add(struct gradebook *g, const cJSON *row_in)
{
	cJSON *row = cJSON_Duplicate(row_in, true);
	if (!row)
		return -ENOMEM;
	cJSON_DeleteItemFromObjectCaseSensitive(row, "shard");
	cJSON_AddStringToObject(row, "shard", g->shard);
	/* track last, as in the CSV, so both files hold the columns in one
	 * order; a row of a gradebook from before tracks is a python one. */
	cJSON *track = cJSON_DetachItemFromObjectCaseSensitive(row, "track");
	if (!cJSON_IsString(track)) {
		cJSON_Delete(track);
		track = cJSON_CreateString(MANIFEST_BASE_TRACK);
	}
	cJSON_AddItemToObject(row, "track", track);
	const cJSON *ex = item(row, "exercises");
	char *line = cJSON_PrintUnformatted(row);

	if (!line) {
		cJSON_Delete(row);
		return -ENOMEM;
	}
	g->rows++;
	fprintf(g->jsonl, "%s\n", line);
	cJSON_free(line);

	csv_text(g->csv, str(row, "submission"), true);
	csv_text(g->csv, str(row, "status"), false);
	csv_number(g->csv, item(row, "score"));
	csv_number(g->csv, item(row, "max_score"));
	for (size_t i = 0; i < g->n_ids; i++)
		csv_number(g->csv, item(ex, g->ids[i]));
	if (g->has_quiz)
		csv_number(g->csv, item(row, "quiz"));
	csv_text(g->csv, str(row, "pack_digest"), false);
	csv_number(g->csv, item(row, "duration_ms"));
	csv_text(g->csv, str(row, "message"), false);
	csv_text(g->csv, g->shard, false);
	csv_text(g->csv, str(row, "track"), false);
	fputs("\r\n", g->csv);
	cJSON_Delete(row);
	return ferror(g->csv) || ferror(g->jsonl) ? -EIO : 0;
}

static void gradebook_free(struct gradebook *g)
{
	for (size_t i = 0; i < g->n_ids; i++)
		free(g->ids[i]);
	free(g->ids);
	free(g->shard);
	free(g->digest);
	free(g);
}

static int close_stream(FILE *f)
{
	int err = 0;
	if (fflush(f) != 0)
		err = -errno;
	if (fclose(f) != 0 && !err)
		err = -errno;
	return err;
}

int gradebook_commit(struct gradebook *g)
{
	int err = close_stream(g->csv);
	int err2 = close_stream(g->jsonl);

	g->csv = g->jsonl = NULL;
	if (!err)
		err = err2;
	if (!err) {
		cJSON *meta = cJSON_CreateObject();
		cJSON_AddNumberToObject(meta, "gradebook_version", 1);
		cJSON_AddStringToObject(meta, "shard", g->shard);
		cJSON_AddStringToObject(meta, "pack_digest", g->digest);
		cJSON_AddNumberToObject(meta, "listed", (double)g->listed);
		cJSON_AddNumberToObject(meta, "rows", (double)g->rows);
		char *text = cJSON_Print(meta);
		cJSON_Delete(meta);
		FILE *f = text ? open_stream(g->meta_out.fd) : NULL;
		if (!f)
			err = text ? -errno : -ENOMEM;
		else {
			fprintf(f, "%s\n", text);
			err = close_stream(f);
		}
		cJSON_free(text);
	}
	/* commit syncs, renames and releases (on failure, removes) each; the
	 * meta file last, so a gradebook is never newer than it says. */
	if (!err)
		err = pathsafe_out_commit(&g->jsonl_out);
	if (!err)
		err = pathsafe_out_commit(&g->csv_out);
	if (!err)
		err = pathsafe_out_commit(&g->meta_out);
	if (err) {
		gradebook_abort(g);
		return err;
	}
	gradebook_free(g);
	return 0;
}

void gradebook_abort(struct gradebook *g)
{
	if (!g)
		return;
	if (g->csv)
		fclose(g->csv);
	if (g->jsonl)
		fclose(g->jsonl);
	pathsafe_out_abort(&g->csv_out);
	pathsafe_out_abort(&g->jsonl_out);
	pathsafe_out_abort(&g->meta_out);
	gradebook_free(g);
}

/* ---- reading ----------------------------------------------------------- */

#define READER_MAX_RECORD (4u << 20)

struct gradebook_reader {
	char *path;
	FILE *f;
	bool csv;
	long lineno;        /* the line the current record starts on */
	long next_line;
	char *line;
	size_t cap;
	char **cols;        /* the CSV header */
	size_t n_cols;
};

static char *reader_error(const struct gradebook_reader *r, const char *what)
{
	return xasprintf("gradebook '%s' line %ld: %s", r->path, r->lineno, what);
}

static void free_fields(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One CSV record (RFC 4180: quoted fields may hold commas, quotes and
 * line breaks) into *fields. Returns 1, 0 at the end, or -EINVAL. */
static int csv_record(struct gradebook_reader *r, char ***fields, size_t *n, char **why)
{
	struct strbuf cell = STRBUF_INIT;
	size_t alloc = 0, total = 0;
	bool quoted = false, any = false, was_quoted = false;
	int c;

	*fields = NULL;
	*n = 0;
	r->lineno = r->next_line;
	while ((c = getc(r->f)) != EOF) {
		any = true;
		if (++total > READER_MAX_RECORD) {
			*why = reader_error(r, "a record longer than 4 MiB");
			goto bad;
		}
		if (quoted) {
			if (c == '"') {
				int d = getc(r->f);
				if (d == '"') {
					strbuf_add(&cell, "\"", 1);
					continue;
				}
				if (d != EOF)
					ungetc(d, r->f);
				quoted = false;
				continue;
			}
			if (c == '\n')
				r->next_line++;
			char ch = (char)c;
			strbuf_add(&cell, &ch, 1);
			continue;
		}
		if (c == '"' && cell.len == 0 && !was_quoted) {
			quoted = was_quoted = true;
			continue;
		}
		if (c == ',' || c == '\n') {
			if (*n == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				*fields = xrealloc(*fields, alloc * sizeof(char *));
			}
			(*fields)[(*n)++] = strbuf_detach(&cell);
			strbuf_addstr(&cell, "");
			was_quoted = false;
			if (c == '\n') {
				r->next_line++;
				strbuf_release(&cell);
				return 1;
			}
			continue;
		}
		if (c == '\r')
			continue;  /* CRLF line ends */
		char ch = (char)c;
		strbuf_add(&cell, &ch, 1);
	}
	if (quoted) {
		*why = reader_error(r, "a quoted field is not closed");
		goto bad;
	}
	if (!any) {
		strbuf_release(&cell);
		return 0;
	}
	if (*n == alloc)
		*fields = xrealloc(*fields, (alloc + 1) * sizeof(char *));
	(*fields)[(*n)++] = strbuf_detach(&cell);
	r->next_line++;
	return 1;
bad:
	strbuf_release(&cell);
	free_fields(*fields, *n);
	*fields = NULL;
	*n = 0;
	return -EINVAL;
}

static int col_index(const struct gradebook_reader *r, const char *name)
{
	for (size_t i = 0; i < r->n_cols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

/* The header gradebook_create writes: the four first columns, exercise
 * ids (unique), maybe quiz, pack_digest, then known columns only, each
 * once. Columns added later are read by the reader of their time. */
static bool csv_header_ok(const struct gradebook_reader *r)
{
	static const char *const first[] = { "submission", "status", "score", "max_score" };
	static const char *const after[] = { "duration_ms", "message", "shard", "track", NULL };
	int digest = col_index(r, "pack_digest");

	if (r->n_cols < 6 || digest < 4)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (strcmp(r->cols[i], first[i]) != 0)
			return false;
	for (int i = 4; i < digest; i++) {
		if (!util_valid_id(r->cols[i]))
			return false;
		for (int j = 4; j < i; j++)
			if (strcmp(r->cols[i], r->cols[j]) == 0)
				return false;
	}
	for (size_t i = (size_t)digest + 1; i < r->n_cols; i++) {
		bool known = false;
		for (size_t k = 0; after[k]; k++)
			known |= strcmp(r->cols[i], after[k]) == 0;
		for (size_t j = (size_t)digest + 1; j < i; j++)
			known &= strcmp(r->cols[i], r->cols[j]) != 0;
		if (!known)
			return false;
	}
	return col_index(r, "message") > digest;
}

int gradebook_reader_open(struct gradebook_reader **out, const char *path, char **why)
{
	FILE *f = fopen(path, "re");
	*out = NULL;
	if (!f) {
		int e = errno;
		*why = xasprintf("cannot read gradebook '%s': %s", path, strerror(e));
		return -e;
	}
	return gradebook_reader_open_stream(out, f, path, why);
}

int gradebook_reader_open_stream(struct gradebook_reader **out, FILE *f, const char *name,
				 char **why)
{
	struct gradebook_reader *r = xcalloc(1, sizeof(*r));
	const char *path = name;
	r->path = xstrdup(name);
	r->next_line = 1;
	r->f = f;
	*out = NULL;
	*why = NULL;
	int c = getc(r->f);
	if (c != EOF)
		ungetc(c, r->f);
	r->csv = c != '{' && c != EOF && c != '\n';
	if (r->csv) {
		int k = csv_record(r, &r->cols, &r->n_cols, why);
		if (k <= 0 || !csv_header_ok(r)) {
			if (k > 0 || !*why)
				*why = xasprintf("'%s' is neither a gradebook.jsonl nor a gradebook.csv "
						 "written by roadmap-run (its first line is no gradebook "
						 "header)", path);
			gradebook_reader_close(r);
			return -EINVAL;
		}
	}
	*out = r;
	return 0;
}

/* A CSV cell as JSON: null when empty, else a number. */
static cJSON *csv_number_cell(const struct gradebook_reader *r, const char *cell, char **why)
{
	char *end;
	if (!*cell)
		return cJSON_CreateNull();
	double v = strtod(cell, &end);
	if (*end || end == cell) {
		char *what = xasprintf("'%s' is not a number", cell);
		*why = reader_error(r, what);
		free(what);
		return NULL;
	}
	return cJSON_CreateNumber(v);
}

static const char *csv_text_cell(const char *cell)
{
	return cell[0] == '\'' && formula_start(cell[1]) ? cell + 1 : cell;
}

/* The row of a CSV record, keyed by the header. */
static cJSON *csv_row(const struct gradebook_reader *r, char **f, size_t n, char **why)
{
	if (n != r->n_cols) {
		char *what = xasprintf("%zu cells where the header has %zu", n, r->n_cols);
		*why = reader_error(r, what);
		free(what);
		return NULL;
	}
	int digest = col_index(r, "pack_digest");
	int quiz = strcmp(r->cols[digest - 1], "quiz") == 0 ? digest - 1 : -1;
	int ex_end = quiz >= 0 ? quiz : digest;
	cJSON *row = cJSON_CreateObject(), *ex = cJSON_CreateObject(), *v;
	static const char *const numbers[] = { "score", "max_score", "duration_ms", NULL };

	cJSON_AddStringToObject(row, "submission", csv_text_cell(f[0]));
	for (size_t i = 1; i < n; i++) {
		const char *col = r->cols[i];
		if (i == 4) {
			/* the JSON Lines key order: exercises right after max_score */
			cJSON_AddItemToObject(row, "exercises", ex);
			ex = NULL;
		}
		if ((int)i >= 4 && (int)i < ex_end) {
			if (!(v = csv_number_cell(r, f[i], why)))
				goto bad;
			cJSON_AddItemToObject(cJSON_GetObjectItemCaseSensitive(row, "exercises"), col, v);
			continue;
		}
		bool number = (int)i == quiz;
		for (size_t k = 0; numbers[k]; k++)
			number |= strcmp(col, numbers[k]) == 0;
		if (number) {
			if (!(v = csv_number_cell(r, f[i], why)))
				goto bad;
			cJSON_AddItemToObject(row, col, v);
		} else {
			cJSON_AddStringToObject(row, col, csv_text_cell(f[i]));
		}
	}
	return row;
bad:
	cJSON_Delete(ex);
	cJSON_Delete(row);
	return NULL;
}

int gradebook_reader_next(struct gradebook_reader *r, cJSON **row, char **why)
{
	*row = NULL;
	if (r->csv) {
		char **f;
		size_t n;
		int k;
		do {
			k = csv_record(r, &f, &n, why);
			if (k == 1 && n == 1 && !f[0][0]) {
				free_fields(f, n);  /* a blank line */
				continue;
			}
			break;
		} while (1);
		if (k <= 0)
			return k;
		*row = csv_row(r, f, n, why);
		free_fields(f, n);
		return *row ? 0 : -EINVAL;
	}
	for (;;) {
		ssize_t n = getline(&r->line, &r->cap, r->f);
		if (n < 0)
			return 0;
		r->lineno = r->next_line++;
		if (n <= 1)
			continue;  /* blank line */
		cJSON *j = cJSON_ParseWithLength(r->line, (size_t)n);
		if (!cJSON_IsString(item(j, "submission")) || !cJSON_IsObject(item(j, "exercises"))) {
			cJSON_Delete(j);
			*why = reader_error(r, "not a gradebook row");
			return -EINVAL;
		}
		*row = j;
		return 0;
	}
}

void gradebook_reader_close(struct gradebook_reader *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	free_fields(r->cols, r->n_cols);
	free(r->line);
	free(r->path);
	free(r);
}

cJSON *gradebook_meta_read(const char *gradebook_path)
{
	char *copy = xstrdup(gradebook_path);
	char *meta = util_path_join(dirname(copy), GRADEBOOK_META);
	char *text = NULL;
	size_t len;
	cJSON *j = NULL;

	if (util_read_regular_file(meta, 1u << 20, &text, &len) == 0)
		j = cJSON_ParseWithLength(text, len);
	if (j && !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		j = NULL;
	}
	free(text);
	free(meta);
	free(copy);
	return j;
}
