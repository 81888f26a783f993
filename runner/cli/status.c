/*
 * status.c - `roadmap-run status`: the whole roadmap at a glance. Every pack
 * the search path knows (pack_locate.h), in stage order, with the points of
 * the learner's last graded workspace report, when that was, and the next
 * exercise to do. It only reads saved reports; it grades nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "command_table.h"
#include "commands.h"
#include "loaded_pack.h"
#include "pack_locate.h"
#include "report.h"
#include "roadmap.h"
#include "util.h"
#include "workspace.h"

struct stage_row {
	char *id, *title, *pack_path;
	int stage, points, max_points;
	time_t graded; /* 0: never */
	char *next_exercise, *next_title; /* NULL when every exercise is full */
};

struct roadmap {
	struct stage_row *rows;
	size_t n, cap;
};

/* The exercise's score in a saved report, or -1 when it has none. */
static int saved_score(const cJSON *report, const char *exercise_id)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(report, "exercises")) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		const cJSON *score = cJSON_GetObjectItemCaseSensitive(e, "score");
		if (cJSON_IsString(id) && strcmp(id->valuestring, exercise_id) == 0 && cJSON_IsNumber(score))
			return score->valueint;
	}
	return -1;
}

static void add_pack(const char *name, const char *path, void *arg)
{
	(void)name;
	struct roadmap *rm = arg;
	struct loaded_pack lp;
	if (loaded_pack_open(path, &lp) != 0)
		return; /* its problems are printed; the rest of the roadmap still shows */
	if (rm->n == rm->cap) {
		rm->cap = rm->cap ? rm->cap * 2 : 32;
		rm->rows = xrealloc(rm->rows, rm->cap * sizeof(*rm->rows));
	}
	struct stage_row *row = &rm->rows[rm->n++];
	memset(row, 0, sizeof(*row));
	row->id = xstrdup(lp.m.id);
	row->title = xstrdup(lp.m.title);
	row->pack_path = xstrdup(path);
	row->stage = lp.m.stage;

	cJSON *report = NULL;
	struct workspace ws = { 0 };
	char *report_path = workspace_locate(&ws, NULL, lp.m.id) == 0 ? util_path_join(ws.path, "report.json")
									: NULL;
	/* Points are the workspace's track's (a bad record: the default). */
	if (report_path && workspace_select_track(&lp, &ws, "status", NULL) != 0)
		manifest_select_track(&lp.m, lp.m.tracks[0]);
	if (lp.m.n_tracks > 1) {
		free(row->title);
		row->title = xasprintf("%s (%s)", lp.m.title, lp.m.track);
	}
	row->max_points = lp.m.quiz_max_score;
	for (size_t i = 0; i < lp.m.n_exercises; i++)
		row->max_points += lp.m.exercises[i].max_score;
	if (report_path)
		report = report_read(report_path, &row->graded);
	for (size_t i = 0; i < lp.m.n_exercises; i++) {
		const struct exercise_def *ex = &lp.m.exercises[i];
		int s = report ? saved_score(report, ex->id) : -1;
		if (s > 0)
			row->points += s;
		if (s < ex->max_score && !row->next_exercise) {
			row->next_exercise = xstrdup(ex->id);
			row->next_title = xstrdup(ex->title);
		}
	}
	const cJSON *quiz = report ? cJSON_GetObjectItemCaseSensitive(report, "quiz") : NULL;
	const cJSON *qs = quiz ? cJSON_GetObjectItemCaseSensitive(quiz, "score") : NULL;
	if (cJSON_IsNumber(qs))
		row->points += qs->valueint;
	cJSON_Delete(report);
	free(report_path);
	workspace_release(&ws);
	loaded_pack_close(&lp);
}

static int by_stage(const void *a, const void *b)
{
	const struct stage_row *x = a, *y = b;
	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	return strcmp(x->id, y->id);
}

#define TITLE_COLUMNS 34

/* The pack's title in a column of `width` characters: escaped (it is the
 * pack's text), padded, and when longer cut at a character boundary with
 * an ellipsis, so a cut never splits a UTF-8 sequence or a word's last
 * letters silently. Characters are counted as code points: titles are
 * prose, not wide CJK. */
static void print_column(const char *text, int width)
{
	struct strbuf sb = STRBUF_INIT;
	util_escape(&sb, text, strlen(text), false);
	const char *s = sb.buf ? sb.buf : "";
	int chars = 0;
	size_t cut = 0;  /* bytes of the first width-1 characters */
	for (size_t i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (chars == width - 1)
			cut = i;
		chars++;
	}
	if (chars > width) {
		printf("%.*s\u2026", (int)cut, s);
	} else {
		fputs(s, stdout);
		printf("%*s", width - chars, "");
	}
	free(sb.buf);
}

int cmd_status(int argc, char **argv)
{
	struct cli_args a;
	int c;
	cli_begin(&a, "status", argc, argv);
	while ((c = cli_next(&a)) > 0)
		;
	if (c == CLI_STOP)
		return a.status;
	struct roadmap rm = { 0 };
	pack_locate_each(add_pack, &rm);
	if (rm.n == 0) {
		fprintf(stderr, "roadmap-run: no packs found; set ROADMAP_RUN_PACKS to the directory that "
				"holds them, or run `make install`\n");
		return RR_EXIT_INVALID;
	}
	qsort(rm.rows, rm.n, sizeof(*rm.rows), by_stage);
	int points = 0, max_points = 0;
	const struct stage_row *next = NULL;
	printf("%-5s %-18s %-*s %9s  %s\n", "stage", "pack", TITLE_COLUMNS, "title", "points", "last graded");
	for (size_t i = 0; i < rm.n; i++) {
		const struct stage_row *r = &rm.rows[i];
		char when[32] = "never";
		if (r->graded) {
			struct tm tm;
			localtime_r(&r->graded, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		}
		char pts[24];
		snprintf(pts, sizeof(pts), "%d/%d", r->points, r->max_points);
		printf("%5d %-18s ", r->stage, r->id);
		print_column(r->title, TITLE_COLUMNS);
		printf(" %9s  %s%s\n", pts, when, r->points == r->max_points ? "  done" : "");
		points += r->points;
		max_points += r->max_points;
		if (!next && r->next_exercise)
			next = r;
	}
	printf("\n%d of %d points over %zu stages\n", points, max_points, rm.n);
	if (next)
		printf("next: %s, exercise %s (%s)\n      roadmap-run prompt %s %s; then roadmap-run %s\n",
		       next->id, next->next_exercise, util_esc(next->next_title), next->id,
		       next->next_exercise, next->id);
	else
		printf("every exercise has full marks\n");
	for (size_t i = 0; i < rm.n; i++) {
		free(rm.rows[i].id);
		free(rm.rows[i].title);
		free(rm.rows[i].pack_path);
		free(rm.rows[i].next_exercise);
		free(rm.rows[i].next_title);
	}
	free(rm.rows);
	return 0;
}
