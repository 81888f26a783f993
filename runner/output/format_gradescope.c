/*
 * format_gradescope.c - the report as Gradescope's results.json
 * (gradescope/autograder_samples docs/specs.md; schema in
 * docs/schema/gradescope-results.schema.json):
 *
 *   { "score", "execution_time", "output", "output_format": "text",
 *     "test_output_format": "text", "test_name_format": "text",
 *     "visibility": "visible", "stdout_visibility": "hidden",
 *     "extra_data": { pack, max_score, status, runner },
 *     "tests": [ { "name": "<exercise>/<check>", "number": "1.2",
 *                  "score", "max_score", "status": "passed"|"failed",
 *                  "output", "visibility", "tags" } ] }
 *
 * The top-level score is given explicitly: Gradescope then does not
 * re-add the tests, so hidden tests count exactly once. Gradescope has no
 * top-level max_score; it goes in extra_data. Hidden checks get the
 * visibility from the options ("hidden" or "after_published") and never
 * any output beyond their status. stdout_visibility stays "hidden": the
 * autograder's own stdout is for the instructor.
 *
 * Gradescope hides the total score from students while any test is
 * hidden, but the top-level "output" is always shown. So while a pack has
 * hidden checks, that output states neither the total nor the score of
 * an exercise a hidden check belongs to: either would tell a student how
 * the hidden checks went. extra_data is stored for the instructor, not
 * shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "formats_internal.h"
#include "util.h"

static void add_clean_string(cJSON *o, const char *key, const char *s)
{
	char *clean = format_utf8_clean(s, 0, NULL);
	cJSON_AddStringToObject(o, key, clean);
	free(clean);
}

static const char *hidden_visibility(const struct format_options *o)
{
	const char *v = o->gradescope_hidden_visibility;
	return v && strcmp(v, "after_published") == 0 ? "after_published" : "hidden";
}

static cJSON *check_test(const char *ex_id, int ex_no, int ch_no, const cJSON *ch,
			 const struct format_options *o)
{
	cJSON *t = cJSON_CreateObject();
	const char *st = format_str(ch, "status");
	bool pass = st && strcmp(st, "pass") == 0;
	bool hidden = format_bool(ch, "hidden");
	char *name = format_test_name(ex_id, format_str0(ch, "id"));
	char *number = xasprintf("%d.%d", ex_no, ch_no);
	struct strbuf out = STRBUF_INIT;

	add_clean_string(t, "name", name);
	cJSON_AddStringToObject(t, "number", number);
	cJSON_AddNumberToObject(t, "score", format_num(ch, "score", 0));
	cJSON_AddNumberToObject(t, "max_score", format_num(ch, "max_score", 0));
	cJSON_AddStringToObject(t, "status", pass ? "passed" : "failed");
	strbuf_addstr(&out, "");
	if (!pass)
		strbuf_addf(&out, "%s%s", hidden ? "hidden check: " : "status: ",
			    st ? st : "unknown");
	if (!hidden) {
		const char *msg = format_str(ch, "message");
		const char *output = format_str(ch, "output");
		if (msg && msg[0])
			strbuf_addf(&out, "%s%s", out.len ? "\n" : "", msg);
		if (output && output[0])
			strbuf_addf(&out, "%s%s", out.len ? "\n\n" : "", output);
		if (format_bool(ch, "output_truncated"))
			strbuf_addstr(&out, "\n... output truncated by roadmap-run");
	}
	add_clean_string(t, "output", out.buf);
	cJSON_AddStringToObject(t, "visibility", hidden ? hidden_visibility(o) : "visible");
	cJSON *tags = cJSON_AddArrayToObject(t, "tags");
	cJSON_AddItemToArray(tags, cJSON_CreateString(ex_id));
	if (st && !pass)
		cJSON_AddItemToArray(tags, cJSON_CreateString(st));
	strbuf_release(&out);
	free(name);
	free(number);
	return t;
}

static bool has_hidden_check(const cJSON *ex)
{
	const cJSON *ch;

	cJSON_ArrayForEach(ch, format_array(ex, "checks"))
		if (format_bool(ch, "hidden"))
			return true;
	return false;
}

/* The top-level output every student sees. */
static char *summary(const cJSON *report)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(report, "pack");
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(report, "quiz");
	const cJSON *ex;
	const char *msg = format_str(report, "message");
	bool any_hidden = false;

	cJSON_ArrayForEach(ex, format_array(report, "exercises"))
		any_hidden = any_hidden || has_hidden_check(ex);
	strbuf_addf(&sb, "Pack '%s' %s: ", format_str0(pack, "id"), format_str0(pack, "version"));
	if (any_hidden) {
		strbuf_addstr(&sb, "some checks are hidden, so the total is not shown here.\n");
	} else {
		format_add_number(&sb, format_num(report, "score", 0));
		strbuf_addstr(&sb, " of ");
		format_add_number(&sb, format_num(report, "max_score", 0));
		strbuf_addstr(&sb, " points.\n");
	}
	cJSON_ArrayForEach(ex, format_array(report, "exercises")) {
		const char *title = format_str(ex, "title");
		strbuf_addf(&sb, "%s%s%s%s: ", format_str0(ex, "id"), title ? " (" : "",
			    title ? title : "", title ? ")" : "");
		if (has_hidden_check(ex)) {
			strbuf_addstr(&sb, "has hidden checks, score not shown\n");
			continue;
		}
		format_add_number(&sb, format_num(ex, "score", 0));
		strbuf_addstr(&sb, "/");
		format_add_number(&sb, format_num(ex, "max_score", 0));
		strbuf_addstr(&sb, "\n");
	}
	if (cJSON_GetArraySize(format_array(quiz, "questions")) > 0) {
		strbuf_addstr(&sb, "quiz: ");
		format_add_number(&sb, format_num(quiz, "score", 0));
		strbuf_addstr(&sb, "/");
		format_add_number(&sb, format_num(quiz, "max_score", 0));
		strbuf_addstr(&sb, "\n");
	}
	if (strcmp(format_str0(report, "status"), "error") == 0)
		strbuf_addf(&sb, "Grading failed: %s\n", msg && msg[0] ? msg : "nothing could be graded");
	return strbuf_detach(&sb);
}

char *format_render_gradescope(const cJSON *report, const struct format_options *o)
{
	cJSON *root = cJSON_CreateObject();
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(report, "pack");
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(report, "quiz");
	const cJSON *ex, *ch, *q;
	cJSON *tests, *extra, *xpack;
	char *text, *out;
	int ex_no = 0;

	cJSON_AddNumberToObject(root, "score", format_num(report, "score", 0));
	cJSON_AddNumberToObject(root, "execution_time",
				format_num(report, "duration_ms", 0) / 1000.0);
	text = summary(report);
	add_clean_string(root, "output", text);
	free(text);
	/* Text everywhere, said explicitly: a learner's output shown as
	 * Markdown or HTML could carry links and markup into Gradescope's
	 * page, whatever Gradescope's defaults become. */
	cJSON_AddStringToObject(root, "output_format", "text");
	cJSON_AddStringToObject(root, "test_output_format", "text");
	cJSON_AddStringToObject(root, "test_name_format", "text");
	cJSON_AddStringToObject(root, "visibility", "visible");
	cJSON_AddStringToObject(root, "stdout_visibility", "hidden");

	extra = cJSON_AddObjectToObject(root, "extra_data");
	cJSON_AddNumberToObject(extra, "max_score", format_num(report, "max_score", 0));
	add_clean_string(extra, "status", format_str0(report, "status"));
	xpack = cJSON_AddObjectToObject(extra, "pack");
	add_clean_string(xpack, "id", format_str0(pack, "id"));
	add_clean_string(xpack, "version", format_str0(pack, "version"));
	add_clean_string(xpack, "digest", format_str0(pack, "digest"));
	if (format_str(report, "submission"))
		add_clean_string(extra, "submission", format_str(report, "submission"));

	tests = cJSON_AddArrayToObject(root, "tests");
	cJSON_ArrayForEach(ex, format_array(report, "exercises")) {
		const char *ex_id = format_str0(ex, "id");
		int ch_no = 0;
		ex_no++;
		cJSON_ArrayForEach(ch, format_array(ex, "checks"))
			cJSON_AddItemToArray(tests, check_test(ex_id, ex_no, ++ch_no, ch, o));
	}
	int q_no = 0;
	ex_no++;
	cJSON_ArrayForEach(q, format_array(quiz, "questions")) {
		cJSON *t = cJSON_CreateObject();
		const char *st = format_str0(q, "status");
		char *name = format_test_name("quiz", format_str0(q, "id"));
		char *number = xasprintf("%d.%d", ex_no, ++q_no);
		add_clean_string(t, "name", name);
		cJSON_AddStringToObject(t, "number", number);
		cJSON_AddNumberToObject(t, "score", format_num(q, "score", 0));
		cJSON_AddNumberToObject(t, "max_score", format_num(q, "max_score", 0));
		cJSON_AddStringToObject(t, "status", strcmp(st, "correct") == 0 ? "passed" : "failed");
		char *qtext = format_question_text(quiz, q);
		add_clean_string(t, "output", strcmp(st, "correct") == 0 ? st : qtext);
		free(qtext);
		cJSON_AddStringToObject(t, "visibility", "visible");
		cJSON_AddItemToArray(cJSON_AddArrayToObject(t, "tags"), cJSON_CreateString("quiz"));
		cJSON_AddItemToArray(tests, t);
		free(name);
		free(number);
	}

	text = cJSON_Print(root);
	out = text ? xasprintf("%s\n", text) : xstrdup("{}\n");
	cJSON_free(text);
	cJSON_Delete(root);
	return out;
}
