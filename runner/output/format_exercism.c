/*
 * format_exercism.c - the report as Exercism's results.json, version 3
 * (exercism/docs building/tooling/test-runners/interface.md; schema in
 * docs/schema/exercism-results.schema.json):
 *
 *   { "version": 3, "status": "pass"|"fail"|"error",
 *     "message": "..."                  only (and always) for "error",
 *     "tests": [ { "name": "<exercise>/<check>", "status": "pass"|"fail"|"error",
 *                  "message": "...",    for fail and error
 *                  "output": "...",     the check's output, at most 500 characters
 *                  "test_code": "python3 tests/check.py case",
 *                  "task_id": 1 } ] }   1-based exercise index
 *
 * Tests keep the pack's order (Exercism shows the first failure). A check
 * that timed out, crashed or ran out of memory is "error"; one that ran and
 * did not pass is "fail". Hidden checks carry their status and a generic
 * message, never their output, message or command.
 *
 * "output" is what the check printed (the learner's code prints there);
 * past 500 characters, or when the runner already cut it, it ends with
 * the interface's own words, "Output was truncated. Please limit to 500
 * chars", within the 500.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_status.h"
#include "format_common.h"
#include "format_renderers.h"
#include "util.h"

#define EXERCISM_OUTPUT_MAX 500
#define EXERCISM_MESSAGE_MAX 65535
static const char truncated_note[] = "\nOutput was truncated. Please limit to 500 chars";

static void add_clean(cJSON *o, const char *key, const char *s, size_t max_cp)
{
	char *clean = format_utf8_clean(s, max_cp, NULL);
	cJSON_AddStringToObject(o, key, clean);
	free(clean);
}

/* Output cut to 500 code points, note included, when it is longer or when
 * the runner already cut it. */
static void add_output(cJSON *t, const char *output, bool runner_cut)
{
	size_t note = strlen(truncated_note);  /* ASCII: bytes == code points */
	bool cut;
	char *clean = format_utf8_clean(output, EXERCISM_OUTPUT_MAX, &cut);

	if (cut || runner_cut) {
		free(clean);
		clean = format_utf8_clean(output, EXERCISM_OUTPUT_MAX - note, NULL);
		char *with = xasprintf("%s%s", clean, truncated_note);
		free(clean);
		clean = with;
	}
	cJSON_AddStringToObject(t, "output", clean);
	free(clean);
}

/* The check's argv as a shell-like line, quoting words that need it. */
static char *command_line(const cJSON *run)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *a;

	strbuf_addstr(&sb, "");
	cJSON_ArrayForEach(a, run) {
		const char *w = cJSON_IsString(a) ? a->valuestring : "";
		bool plain = w[0] != '\0';
		for (const char *p = w; *p; p++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789-_./=:,+@%", *p))
				plain = false;
		if (sb.len)
			strbuf_addstr(&sb, " ");
		if (plain) {
			strbuf_addstr(&sb, w);
			continue;
		}
		strbuf_addstr(&sb, "'");
		for (const char *p = w; *p; p++) {
			if (*p == '\'')
				strbuf_addstr(&sb, "'\\''");
			else
				strbuf_add(&sb, p, 1);
		}
		strbuf_addstr(&sb, "'");
	}
	return strbuf_detach(&sb);
}

/* Exercism shows a failed test's message and nothing else of it: one of
 * only blanks would leave the student with an empty box. */
static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n\v\f", *s))
			return true;
	return false;
}

static cJSON *check_test(const char *ex_id, int task_id, const cJSON *ch)
{
	cJSON *t = cJSON_CreateObject();
	const char *st = format_str(ch, "status");
	bool hidden = format_bool(ch, "hidden");
	/* Exercism knows pass, fail and error: a check that timed out,
	 * crashed or ran out of memory is an error there. */
	enum check_status status = check_status_parse(st);
	if (status != CHECK_PASS && status != CHECK_FAIL)
		status = CHECK_ERROR;
	char *name = format_test_name(ex_id, format_str0(ch, "id"));

	add_clean(t, "name", name, 0);
	free(name);
	cJSON_AddStringToObject(t, "status", check_status_name(status));
	if (status != CHECK_PASS) {
		const char *msg = hidden ? NULL : format_str(ch, "message");
		char *generic = NULL;
		if (!has_text(msg))
			msg = generic = xasprintf("%s %s", hidden ? "hidden check:" : "check:",
						  st ? st : "unknown status");
		add_clean(t, "message", msg, EXERCISM_MESSAGE_MAX);
		free(generic);
	}
	if (!hidden) {
		const char *output = format_str(ch, "output");
		if (output && output[0])
			add_output(t, output, format_bool(ch, "output_truncated"));
		const cJSON *run = format_array(ch, "run");
		if (run) {
			char *code = command_line(run);
			add_clean(t, "test_code", code, 0);
			free(code);
		}
	}
	cJSON_AddNumberToObject(t, "task_id", task_id);
	return t;
}

char *format_render_exercism(const cJSON *report, const struct format_options *o)
{
	cJSON *root = cJSON_CreateObject();
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(report, "quiz");
	enum check_status status = check_status_of(report);
	const cJSON *ex, *ch, *q;
	cJSON *tests;
	char *text, *out;
	int task = 0;

	(void)o;
	cJSON_AddNumberToObject(root, "version", 3);
	if (status != CHECK_PASS && status != CHECK_FAIL)
		status = CHECK_ERROR;
	cJSON_AddStringToObject(root, "status", check_status_name(status));
	if (status == CHECK_ERROR) {
		const char *msg = format_str(report, "message");
		add_clean(root, "message", has_text(msg) ? msg : "nothing could be graded",
			  EXERCISM_MESSAGE_MAX);
	}
	tests = cJSON_AddArrayToObject(root, "tests");
	cJSON_ArrayForEach(ex, format_array(report, "exercises")) {
		const char *ex_id = format_str0(ex, "id");
		task++;
		cJSON_ArrayForEach(ch, format_array(ex, "checks"))
			cJSON_AddItemToArray(tests, check_test(ex_id, task, ch));
	}
	/* Quiz questions are tests too, but belong to no task. */
	cJSON_ArrayForEach(q, format_array(quiz, "questions")) {
		cJSON *t = cJSON_CreateObject();
		const char *st = format_str0(q, "status");
		char *name = format_test_name("quiz", format_str0(q, "id"));
		add_clean(t, "name", name, 0);
		free(name);
		if (strcmp(st, "correct") == 0) {
			cJSON_AddStringToObject(t, "status", check_status_name(CHECK_PASS));
		} else {
			cJSON_AddStringToObject(t, "status", check_status_name(CHECK_FAIL));
			char *qtext = format_question_text(quiz, q);
			add_clean(t, "message", qtext, 0);
			free(qtext);
		}
		cJSON_AddItemToArray(tests, t);
	}

	text = cJSON_Print(root);
	out = text ? xasprintf("%s\n", text) : xstrdup("{}\n");
	cJSON_free(text);
	cJSON_Delete(root);
	return out;
}
