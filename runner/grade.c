/*
 * grade.c - grade one submission: every selected exercise's checks in
 * order, each in its own sandboxed child (check.c), then the quiz, then
 * the scores (report.c). The submission itself is only ever read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "grade.h"
#include "quiz.h"
#include "report.h"
#include "roadmap.h"
#include "util.h"

#define ANSWERS_MAX_BYTES (1024 * 1024)

static bool selected(const struct grade_options *o, const char *id)
{
	if (!o->only_exercises || o->n_only == 0)
		return true;
	for (size_t i = 0; i < o->n_only; i++)
		if (strcmp(o->only_exercises[i], id) == 0)
			return true;
	return false;
}

int grade_hints_used(const char *submission_dir, const char *exercise_id)
{
	char *path = xasprintf("%s/.roadmap-run/hints.json", submission_dir);
	char *text = NULL;
	size_t len = 0;
	int n = 0;
	if (util_read_file(path, 65536, &text, &len) == 0) {
		cJSON *j = cJSON_ParseWithLength(text, len);
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, exercise_id);
		if (cJSON_IsNumber(x) && x->valuedouble >= 0)
			n = x->valueint;
		cJSON_Delete(j);
		free(text);
	}
	free(path);
	return n;
}

/* Load the quiz answers: an explicit file must exist; the default
 * SUBMISSION/answers.json is optional. */
static int load_answers(const struct loaded_pack *lp, const char *submission_dir,
			const struct grade_options *o, cJSON **answers, struct diag_list *d)
{
	*answers = NULL;
	char *path = o->answers_path ? xstrdup(o->answers_path)
				     : util_path_join(submission_dir, "answers.json");
	char *text = NULL;
	size_t len = 0;
	int r = util_read_file(path, ANSWERS_MAX_BYTES, &text, &len);
	int ret = 0;
	if (r == -ENOENT && !o->answers_path) {
		ret = 0;
	} else if (r == -EFBIG) {
		diag_add(d, DIAG_ERROR, path, NULL, 0, 0, "answers file is larger than 1 MiB");
		ret = RR_EXIT_INVALID;
	} else if (r < 0) {
		diag_add(d, DIAG_ERROR, path, NULL, 0, 0, "cannot read the answers: %s", strerror(-r));
		ret = RR_EXIT_INVALID;
	} else if (lp->m.quiz) {
		ret = quiz_parse_answers(text, len, path, lp->m.quiz, answers, d);
	}
	free(text);
	free(path);
	return ret;
}

int grade_exit_status(const cJSON *report)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(report, "status");
	return cJSON_IsString(st) && strcmp(st->valuestring, "pass") == 0 ? RR_EXIT_PASS : RR_EXIT_FAIL;
}

int grade_submission(const struct loaded_pack *lp, struct sandbox *sb, const char *submission_dir,
		     const struct grade_options *o, struct diag_list *d, cJSON **report_out)
{
	struct stat st;
	*report_out = NULL;
	if (stat(submission_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "submission '%s' is not a directory%s%s",
			 submission_dir, errno == ENOENT ? "" : ": ", errno == ENOENT ? "" : strerror(errno));
		return RR_EXIT_INVALID;
	}
	cJSON *answers = NULL;
	int r = load_answers(lp, submission_dir, o, &answers, d);
	if (r)
		return r;
	char *scratch = util_tempdir("roadmap-run-work");
	if (!scratch) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "cannot create a temporary directory in '%s': %s (TMPDIR must name a "
			 "writable directory)", util_tempdir_base(), strerror(errno));
		cJSON_Delete(answers);
		return RR_EXIT_INTERNAL;
	}
	/* Checks may run as another uid: let them reach (not list) their
	 * own work directories below this one. */
	chmod(scratch, 0711);
	double t0 = util_now();

	cJSON *rep = cJSON_CreateObject();
	cJSON_AddNumberToObject(rep, "report_version", RR_REPORT_VERSION);
	cJSON *runner = cJSON_AddObjectToObject(rep, "runner");
	cJSON_AddStringToObject(runner, "name", RR_NAME);
	cJSON_AddStringToObject(runner, "version", RR_VERSION);
	cJSON *pack = cJSON_AddObjectToObject(rep, "pack");
	cJSON_AddStringToObject(pack, "id", lp->m.id);
	cJSON_AddStringToObject(pack, "title", lp->m.title);
	cJSON_AddStringToObject(pack, "version", lp->m.version);
	cJSON_AddNumberToObject(pack, "stage", lp->m.stage);
	cJSON_AddStringToObject(pack, "digest", lp->pack.digest);
	cJSON_AddStringToObject(rep, "submission", o->submission_label ? o->submission_label : submission_dir);
	cJSON_AddStringToObject(rep, "status", "fail");
	cJSON_AddNumberToObject(rep, "score", 0);
	cJSON_AddNumberToObject(rep, "max_score", 0);
	cJSON *exercises = cJSON_AddArrayToObject(rep, "exercises");

	for (size_t i = 0; i < lp->m.n_exercises; i++) {
		const struct exercise_def *ex = &lp->m.exercises[i];
		if (!selected(o, ex->id))
			continue;
		cJSON *eo = cJSON_CreateObject();
		cJSON_AddStringToObject(eo, "id", ex->id);
		cJSON_AddStringToObject(eo, "title", ex->title);
		cJSON_AddStringToObject(eo, "status", "fail");
		cJSON_AddNumberToObject(eo, "score", 0);
		cJSON_AddNumberToObject(eo, "max_score", ex->max_score);
		cJSON_AddNumberToObject(eo, "hints_used", grade_hints_used(submission_dir, ex->id));
		cJSON *checks = cJSON_AddArrayToObject(eo, "checks");
		char *src = util_path_join(submission_dir, ex->id);
		for (size_t j = 0; j < ex->n_checks; j++) {
			cJSON *co = check_run(sb, lp->pack.root, ex, &ex->checks[j], src, scratch);
			cJSON_AddItemToArray(checks, co);
			if (o->on_check)
				o->on_check(ex->id, co, o->on_check_arg);
		}
		free(src);
		cJSON_AddItemToArray(exercises, eo);
	}

	cJSON *quiz;
	if (lp->m.quiz && o->n_only == 0) {
		quiz = quiz_grade(lp->m.quiz, answers);
	} else {
		quiz = cJSON_CreateObject();
		cJSON_AddNumberToObject(quiz, "score", 0);
		cJSON_AddNumberToObject(quiz, "max_score", 0);
		cJSON_AddArrayToObject(quiz, "questions");
	}
	cJSON_AddItemToObject(rep, "quiz", quiz);
	cJSON_AddItemToObject(rep, "sandbox", report_sandbox_object(sandbox_get_layers(sb)));
	cJSON_AddNumberToObject(rep, "duration_ms", (double)(long)((util_now() - t0) * 1000 + 0.5));
	report_finalize(rep);

	util_tempdir_remove(scratch);
	free(scratch);
	cJSON_Delete(answers);
	*report_out = rep;
	return 0;
}
