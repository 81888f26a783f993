/* summary.c - what a learner reads after `roadmap-run PACK`. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "summary.h"
#include "util.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static enum color_mode color_mode = COLOR_AUTO;

int summary_set_color_mode(const char *when)
{
	static const char *const words[] = { "auto", "always", "never" };
	for (int i = 0; i < 3; i++) {
		if (strcmp(when, words[i]) == 0) {
			color_mode = (enum color_mode)i;
			return 0;
		}
	}
	return -1;
}

bool summary_color_wanted(FILE *fp)
{
	if (color_mode != COLOR_AUTO)
		return color_mode == COLOR_ALWAYS;
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	return isatty(fileno(fp)) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
}

void summary_init(struct summary *s, FILE *fp)
{
	s->fp = fp;
	s->color = summary_color_wanted(fp);
	s->last_exercise = NULL;
	s->quiz_command = NULL;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : "";
}

static int num(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) ? x->valueint : 0;
}

/* Text from a check or a pack (a message quoting the learner's output, a
 * title): an ESC in a program's output must not clear or recolour the
 * grader's terminal, set its title, or (with \r) overwrite the line. */
static void put_clean(FILE *fp, const char *text)
{
	util_fputs_clean(fp, text, true);
}

static const char *paint(const struct summary *s, const char *code)
{
	return s->color ? code : "";
}

static const char *status_color(const char *status)
{
	if (strcmp(status, "pass") == 0)
		return GREEN;
	if (strcmp(status, "fail") == 0)
		return RED;
	return YELLOW;
}

void summary_on_check(const char *exercise_id, const cJSON *check, void *arg)
{
	struct summary *s = arg;
	if (!s->last_exercise || strcmp(s->last_exercise, exercise_id) != 0) {
		fprintf(s->fp, "%s%s%s\n", paint(s, BOLD), exercise_id, paint(s, RESET));
		s->last_exercise = exercise_id;
	}
	const char *status = str(check, "status");
	bool hidden = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(check, "hidden"));
	fprintf(s->fp, "  %s%-7s%s %s%s  %d/%d%s\n", paint(s, status_color(status)), status,
		paint(s, RESET), str(check, "id"), hidden ? " (hidden)" : "", num(check, "score"),
		num(check, "max_score"), "");
	const char *msg = str(check, "message");
	if (*msg && strcmp(status, "pass") != 0) {
		/* Indent every line of the message under its check. */
		fprintf(s->fp, "          %s", paint(s, DIM));
		for (const char *p = msg; *p; p++) {
			char one[2] = { *p, '\0' };
			put_clean(s->fp, one);
			if (*p == '\n' && p[1])
				fputs("          ", s->fp);
		}
		fprintf(s->fp, "%s\n", paint(s, RESET));
	}
	fflush(s->fp);
}

void summary_footer(struct summary *s, const cJSON *report)
{
	const cJSON *ex;
	fputc('\n', s->fp);
	cJSON_ArrayForEach(ex, cJSON_GetObjectItemCaseSensitive(report, "exercises")) {
		const char *status = str(ex, "status");
		fprintf(s->fp, "  %s%-4s%s %-28s %3d/%-3d ", paint(s, status_color(status)), status,
			paint(s, RESET), str(ex, "id"), num(ex, "score"), num(ex, "max_score"));
		put_clean(s->fp, str(ex, "title"));
		fputc('\n', s->fp);
	}
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(report, "quiz");
	if (num(quiz, "max_score") > 0) {
		int unanswered = 0;
		const cJSON *q;
		cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(quiz, "questions"))
			unanswered += strcmp(str(q, "status"), "unanswered") == 0;
		fprintf(s->fp, "  %-4s %-28s %3d/%-3d", "", "quiz", num(quiz, "score"), num(quiz, "max_score"));
		if (unanswered && s->quiz_command) {
			fprintf(s->fp, " %d unanswered: try '", unanswered);
			put_clean(s->fp, s->quiz_command);
			fputc('\'', s->fp);
		}
		else if (unanswered)
			fprintf(s->fp, " %d unanswered: answers.json in the submission answers them",
				unanswered);
		fputc('\n', s->fp);
	}
	const char *status = str(report, "status");
	bool partial = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "partial"));
	int graded = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(report, "exercises"));
	if (partial)
		/* a part of the pack never earns "full marks": say what was graded */
		fprintf(s->fp, "\n%sscore %d/%d on %d exercise%s graded (a partial run: the rest of the pack "
			"and the quiz were not graded): %s%s\n", paint(s, BOLD), num(report, "score"),
			num(report, "max_score"), graded, graded == 1 ? "" : "s",
			strcmp(status, "pass") == 0 ? "pass" : status, paint(s, RESET));
	else
		fprintf(s->fp, "\n%sscore %d/%d: %s%s\n", paint(s, BOLD), num(report, "score"),
			num(report, "max_score"), strcmp(status, "pass") == 0 ? "full marks" : status,
			paint(s, RESET));
	fflush(s->fp);
}
