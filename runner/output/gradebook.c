/*
 * gradebook.c - gradebook rows from reports, and the streaming CSV and
 * JSON Lines writer (format in gradebook.h). Both files are written under
 * temporary names and renamed into place at the end, so a killed batch
 * never leaves a half-written gradebook that looks complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gradebook.h"
#include "pathsafe.h"
#include "util.h"

struct gradebook {
	/* Temporary files renamed over gradebook.csv/.jsonl in DIR by
	 * commit; names the runner picks, so no link is followed (pathsafe). */
	struct pathsafe_out csv_out, jsonl_out;
	FILE *csv, *jsonl;             /* streams on duplicates of their fds */
	char **ids;
	size_t n_ids;
	bool has_quiz;
};

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

/* Why a graded row is not a pass, in a line: what kept the quiz from
 * being graded, misplaced exercises, and the checks that did not pass
 * (the first few by name; hidden ones by name only, as the learner sees
 * them). "" for a pass. Caller frees. */
static char *row_message(const cJSON *report)
{
	if (strcmp(str(report, "status"), "pass") == 0)
		return xstrdup("");
	struct strbuf sb = STRBUF_INIT;
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
			if (strcmp(str(c, "status"), "pass") == 0)
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
	cJSON_AddStringToObject(row, "status", "error");
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
	/* A cell starting with these runs as a formula in spreadsheets
	 * (OWASP "CSV injection"); submission names and messages come from
	 * learners. */
	bool formula = text && s[0] && strchr("=+-@\t\r", s[0]);
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
		     char **failed)
{
	struct gradebook *g = xcalloc(1, sizeof(*g));
	int err;

	g->csv_out = g->jsonl_out = (struct pathsafe_out){ .dirfd = -1, .fd = -1 };
	g->ids = xcalloc(n_exercises + 1, sizeof(char *));
	for (size_t i = 0; i < n_exercises; i++)
		g->ids[i] = xstrdup(exercise_ids[i]);
	g->n_ids = n_exercises;
	g->has_quiz = has_quiz;
	if ((err = pathsafe_out_begin(&g->csv_out, dir, GRADEBOOK_CSV, failed)) < 0 ||
	    (err = pathsafe_out_begin(&g->jsonl_out, dir, GRADEBOOK_JSONL, failed)) < 0)
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
	fputs(",pack_digest,duration_ms,message,track\r\n", g->csv);
	*out = g;
	return 0;
fail:
	gradebook_abort(g);
	*out = NULL;
	return err;
}

int gradebook_add(struct gradebook *g, const cJSON *row)
{
	const cJSON *ex = item(row, "exercises");
	char *line = cJSON_PrintUnformatted(row);

	if (!line)
		return -ENOMEM;
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
	csv_text(g->csv, str(row, "track"), false);
	fputs("\r\n", g->csv);
	return ferror(g->csv) || ferror(g->jsonl) ? -EIO : 0;
}

static void gradebook_free(struct gradebook *g)
{
	for (size_t i = 0; i < g->n_ids; i++)
		free(g->ids[i]);
	free(g->ids);
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
	/* commit syncs, renames and releases (on failure, removes) each. */
	if (!err)
		err = pathsafe_out_commit(&g->jsonl_out);
	if (!err)
		err = pathsafe_out_commit(&g->csv_out);
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
	gradebook_free(g);
}
