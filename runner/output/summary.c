/* summary.c - what a learner reads after `roadmap-run PACK`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_status.h"
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
	s->verbose = false;
	s->n_seen = 0;
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
	switch (check_status_parse(status)) {
	case CHECK_PASS:
		return GREEN;
	case CHECK_FAIL:
		return RED;
	default:
		return YELLOW;
	}
}

static uint64_t fnv1a(uint64_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
	return h;
}

/* What makes two messages one failure, hashed (FNV-1a; a collision would
 * hide one message, and 64 bits make that negligible). A TAP message
 * starts with a count ("6 of 7 tests failed") that differs between checks
 * failing for one reason, so it is compared by its first failure: the
 * "not ok" line without its number, and the lines indented under it. */
static uint64_t message_hash(const char *msg)
{
	uint64_t h = 1469598103934665603ull;
	const char *f = strncmp(msg, "not ok", 6) == 0 ? msg : strstr(msg, "\nnot ok");
	if (!f)
		return fnv1a(h, msg, strlen(msg));
	f += *f == '\n';
	const char *p = f + 6;
	while (*p == ' ' || (*p >= '0' && *p <= '9'))
		p++;
	for (bool first = true; *p; first = false) {
		size_t len = strcspn(p, "\n");
		if (!first && p[0] != ' ' && p[0] != '\t')
			break;
		h = fnv1a(h, p, len + 1);
		p += len + (p[len] == '\n');
	}
	return h;
}

/* How many lines of msg to show: all with --verbose; otherwise the first
 * line and the first failure (a "not ok" line and the lines indented under
 * it, or the next lines of a plain message), SUMMARY_BRIEF_LINES at most. */
static size_t brief_lines(const struct summary *s, const char *msg, size_t *total)
{
	size_t n = 0, keep = 0;
	bool in_failure = false, failure_done = false;
	for (const char *p = msg; *p;) {
		size_t len = strcspn(p, "\n");
		n++;
		if (!failure_done) {
			bool not_ok = strncmp(p, "not ok", 6) == 0;
			bool indented = p[0] == ' ' || p[0] == '\t';
			if (n == 1 || (in_failure && indented) || (!in_failure && not_ok) ||
			    (!in_failure && n <= SUMMARY_BRIEF_LINES && !strstr(msg, "\nnot ok"))) {
				keep = n;
				in_failure |= not_ok;
			} else if (in_failure) {
				failure_done = true;
			}
		}
		p += len + (p[len] == '\n');
	}
	*total = n;
	if (s->verbose)
		return n;
	return keep < SUMMARY_BRIEF_LINES ? keep : SUMMARY_BRIEF_LINES;
}

/* A check's message under its line, indented: the brief part, or "same as
 * CHECK" when an earlier check said exactly this (one syntax error is one
 * message, not one per check). */
static void print_message(struct summary *s, const char *exercise_id, const char *check_id,
			  const char *msg)
{
	uint64_t h = message_hash(msg);
	for (size_t i = 0; i < s->n_seen; i++) {
		if (s->seen[i].hash == h && !s->verbose) {
			size_t len = strcspn(msg, "\n");
			char *line = xstrndup(msg, len);
			fprintf(s->fp, "          %s", paint(s, DIM));
			put_clean(s->fp, line);
			fputs(": the same failure as ", s->fp);
			put_clean(s->fp, s->seen[i].label);
			fprintf(s->fp, "%s\n", paint(s, RESET));
			free(line);
			return;
		}
	}
	if (s->n_seen < SUMMARY_SEEN_MAX) {
		s->seen[s->n_seen].hash = h;
		snprintf(s->seen[s->n_seen].label, sizeof(s->seen[0].label), "'%s' in %s", check_id,
			 exercise_id);
		s->n_seen++;
	}
	size_t total = 0, show = brief_lines(s, msg, &total);
	const char *p = msg;
	fprintf(s->fp, "%s", paint(s, DIM));
	for (size_t n = 0; n < show && *p; n++) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		fputs("          ", s->fp);
		put_clean(s->fp, line);
		fputc('\n', s->fp);
		free(line);
		p += len + (p[len] == '\n');
	}
	if (show < total)
		fprintf(s->fp, "          (%zu more line%s: --verbose shows them)\n", total - show,
			total - show == 1 ? "" : "s");
	fprintf(s->fp, "%s", paint(s, RESET));
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
	if (*msg && check_status_parse(status) != CHECK_PASS)
		print_message(s, exercise_id, str(check, "id"), msg);
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
		const char *error = str(quiz, "error");
		if (*error) {
			fputs(" not graded: ", s->fp);
			put_clean(s->fp, error);
		} else if (unanswered && s->quiz_command) {
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
	bool pass = check_status_parse(status) == CHECK_PASS;
	bool partial = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "partial"));
	int graded = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(report, "exercises"));
	if (partial)
		/* a part of the pack never earns "full marks": say what was graded */
		fprintf(s->fp, "\n%sscore %d/%d on %d exercise%s graded (a partial run: the rest of the pack "
			"and the quiz were not graded): %s%s\n", paint(s, BOLD), num(report, "score"),
			num(report, "max_score"), graded, graded == 1 ? "" : "s",
			status, paint(s, RESET));
	else
		fprintf(s->fp, "\n%sscore %d/%d: %s%s\n", paint(s, BOLD), num(report, "score"),
			num(report, "max_score"), pass ? "full marks" : status,
			paint(s, RESET));
	fflush(s->fp);
}
