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

void summary_init(struct summary *s, FILE *fp)
{
	const char *nc = getenv("NO_COLOR");
	s->fp = fp;
	s->color = isatty(fileno(fp)) && !(nc && *nc);
	s->last_exercise = NULL;
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
		fprintf(s->fp, "%s%s%s\n", paint(s, BOLD), util_esc(exercise_id), paint(s, RESET));
		s->last_exercise = exercise_id;
	}
	const char *status = str(check, "status");
	bool hidden = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(check, "hidden"));
	fprintf(s->fp, "  %s%-7s%s %s%s  %d/%d%s\n", paint(s, status_color(status)), status,
		paint(s, RESET), util_esc(str(check, "id")), hidden ? " (hidden)" : "", num(check, "score"),
		num(check, "max_score"), "");
	const char *msg = str(check, "message");
	if (*msg && strcmp(status, "pass") != 0) {
		/* Indent every line of the message under its check. */
		struct strbuf clean = STRBUF_INIT;
		util_escape(&clean, msg, strlen(msg), true); /* whole: UTF-8 stays whole */
		fprintf(s->fp, "          %s", paint(s, DIM));
		for (const char *p = clean.buf; p && *p; p++) {
			fputc(*p, s->fp);
			if (*p == '\n' && p[1])
				fputs("          ", s->fp);
		}
		fprintf(s->fp, "%s\n", paint(s, RESET));
		strbuf_release(&clean);
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
			paint(s, RESET), util_esc(str(ex, "id")), num(ex, "score"), num(ex, "max_score"));
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
		if (unanswered)
			fprintf(s->fp, " %d unanswered: try 'roadmap-run quiz PACK'", unanswered);
		fputc('\n', s->fp);
	}
	const char *status = str(report, "status");
	fprintf(s->fp, "\n%sscore %d/%d: %s%s\n", paint(s, BOLD), num(report, "score"),
		num(report, "max_score"), strcmp(status, "pass") == 0 ? "full marks" : status,
		paint(s, RESET));
	fflush(s->fp);
}
