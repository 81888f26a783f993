/*
 * format_junit.c - the report as JUnit XML, the format CI servers
 * (GitLab, Jenkins, GitHub test reporters) read:
 *
 *   <testsuites name="roadmap-run: <pack>" tests= failures= errors= time=>
 *     <testsuite name="<exercise>" tests= failures= errors= skipped=0 time=>
 *       <properties> title, score, max_score, pack version and digest
 *       <testcase classname="<pack>.<exercise>" name="<check>" time=>
 *         <failure message= type="fail">reason</failure>       status fail
 *         <error message= type="timeout|memory|...">reason</error>  others
 *         <system-out>output</system-out>                 visible checks
 *     <testsuite name="quiz"> one testcase per question
 *
 * GitLab shows a failure's element text and <system-out>, never the
 * message attribute (lib/gitlab/ci/parsers/test/junit.rb), so every
 * <failure> and <error> carries its reason as text; the output is in
 * <system-out> only, where both GitLab and Jenkins show it under its own
 * heading. Jenkins keeps the message attribute, so it stays too.
 *
 * Text is escaped rather than put in CDATA, so no output (not even one
 * containing "]]>") can end an element early. Characters XML 1.0 forbids
 * (most C0 controls, invalid UTF-8, U+FFFE/U+FFFF) become U+FFFD. GitLab
 * and Jenkins' junit-attachments turn "[[ATTACHMENT|path]]" in
 * <system-out> into a link to a job artifact; no text we write can spell
 * it, because a zero-width space goes between the two brackets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_status.h"
#include "format_common.h"
#include "format_renderers.h"
#include "util.h"

static bool xml_allowed(uint32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* GitLab matches /\[\[ATTACHMENT\|.../ case-sensitively, Jenkins'
 * attachments plugin likewise; breaking every spelling of the opening
 * "[[ATTACHMENT" (any case) breaks them all. */
static const char attachment_tag[] = "[[ATTACHMENT";
#define ZERO_WIDTH_SPACE "\xe2\x80\x8b"

/* Escape s for element text (attr false) or a double-quoted attribute. */
static void xml_escape(struct strbuf *sb, const char *s, bool attr)
{
	if (!s)
		return;
	while (*s) {
		uint32_t cp;
		size_t n = format_utf8_next(s, &cp);
		if (cp == '[' && strncasecmp(s, attachment_tag, strlen(attachment_tag)) == 0) {
			strbuf_addstr(sb, "[" ZERO_WIDTH_SPACE);
			s += n;
			continue;
		}
		if (!xml_allowed(cp))
			cp = 0xFFFD;
		switch (cp) {
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '"': strbuf_addstr(sb, attr ? "&quot;" : "\""); break;
		/* Parsers normalise raw \r (and, in attributes, \n and \t). */
		case '\r': strbuf_addstr(sb, "&#13;"); break;
		case '\n': strbuf_addstr(sb, attr ? "&#10;" : "\n"); break;
		case '\t': strbuf_addstr(sb, attr ? "&#9;" : "\t"); break;
		default: format_utf8_put(sb, cp); break;
		}
		s += n;
	}
}

static void attr(struct strbuf *sb, const char *name, const char *value)
{
	strbuf_addf(sb, " %s=\"", name);
	xml_escape(sb, value, true);
	strbuf_addstr(sb, "\"");
}

static void attr_secs(struct strbuf *sb, const char *name, double ms)
{
	strbuf_addf(sb, " %s=\"%.3f\"", name, ms < 0 ? 0.0 : ms / 1000.0);
}

static void property(struct strbuf *sb, const char *name, const char *value)
{
	strbuf_addstr(sb, "      <property");
	attr(sb, "name", name);
	attr(sb, "value", value);
	strbuf_addstr(sb, "/>\n");
}

struct counts {
	int tests, failures, errors;
	double ms;
};

static void count_checks(const cJSON *checks, struct counts *c)
{
	const cJSON *ch;

	cJSON_ArrayForEach(ch, checks) {
		enum check_status st = check_status_of(ch);
		c->tests++;
		c->ms += format_num(ch, "duration_ms", 0);
		if (st == CHECK_PASS)
			continue;
		if (format_status_is_error(st))
			c->errors++;
		else
			c->failures++;
	}
}

static void count_quiz(const cJSON *questions, struct counts *c)
{
	const cJSON *q;

	cJSON_ArrayForEach(q, questions) {
		c->tests++;
		if (strcmp(format_str0(q, "status"), "correct") != 0)
			c->failures++;
	}
}

/* What a learner reads first in GitLab: the outcome in words. The type
 * attribute takes only these words, never a status from elsewhere:
 * GitLab's XML-to-hash step gives meaning to some type values ("yaml",
 * "integer", ...). */
static const char *const check_headlines[CHECK_STATUS_COUNT] = {
	[CHECK_FAIL] = "the check failed",
	[CHECK_TIMEOUT] = "the check ran out of time",
	[CHECK_MEMORY] = "the check ran out of memory",
	[CHECK_OUTPUT] = "the check printed more than its output limit",
	[CHECK_CRASH] = "the check crashed",
	[CHECK_ERROR] = "the check could not be run",
};

/* <failure> or <error> with the reason both as the message attribute
 * (Jenkins) and as element text (GitLab shows only the text). */
static void result_element(struct strbuf *sb, bool error, const char *type,
			   const char *message, const char *text)
{
	const char *tag = error ? "error" : "failure";

	strbuf_addf(sb, "      <%s", tag);
	attr(sb, "message", message);
	attr(sb, "type", type);
	strbuf_addstr(sb, ">");
	xml_escape(sb, text, false);
	strbuf_addf(sb, "</%s>\n", tag);
}

static void render_check(struct strbuf *sb, const char *pack_id, const char *ex_id,
			 const cJSON *ch)
{
	const char *st = format_str(ch, "status");
	enum check_status status = check_status_parse(st);
	bool hidden = format_bool(ch, "hidden");
	/* Hidden checks keep status and score only: whatever the report holds
	 * in output or message, none of it is copied. */
	const char *message = hidden ? NULL : format_str(ch, "message");
	const char *output = hidden ? NULL : format_str(ch, "output");
	char *classname = xasprintf("%s.%s", pack_id, ex_id);

	strbuf_addstr(sb, "    <testcase");
	attr(sb, "classname", classname);
	attr(sb, "name", format_str0(ch, "id"));
	attr_secs(sb, "time", format_num(ch, "duration_ms", 0));
	strbuf_addstr(sb, ">\n");
	free(classname);

	if (status != CHECK_PASS) {
		const char *headline = check_headlines[status];
		const char *type = check_status_name(headline ? status : CHECK_ERROR);
		const char *shown = st ? st : "unknown status";
		bool has_msg = message && message[0];
		char *attr_msg, *text;

		if (hidden) {
			attr_msg = xasprintf("hidden check: %s", shown);
			text = xasprintf("hidden check failed (%s); its output and message "
					 "are not shown", shown);
		} else {
			attr_msg = has_msg ? xstrdup(message) : xasprintf("check: %s", shown);
			if (!headline)
				text = xasprintf("the check did not pass (status '%s')%s%s", shown,
						 has_msg ? "\n" : "", has_msg ? message : "");
			else
				text = xasprintf("%s: %s%s%s", type, headline,
						 has_msg ? "\n" : "", has_msg ? message : "");
		}
		result_element(sb, format_status_is_error(status), type, attr_msg, text);
		free(attr_msg);
		free(text);
	}
	if (output && output[0]) {
		strbuf_addstr(sb, "      <system-out>");
		xml_escape(sb, output, false);
		strbuf_addstr(sb, "</system-out>\n");
	}
	strbuf_addstr(sb, "    </testcase>\n");
}

static void render_question(struct strbuf *sb, const char *classname, const cJSON *quiz,
			    const cJSON *q)
{
	const char *st = format_str0(q, "status");

	strbuf_addstr(sb, "    <testcase");
	attr(sb, "classname", classname);
	attr(sb, "name", format_str0(q, "id"));
	strbuf_addstr(sb, " time=\"0.000\">\n");
	if (strcmp(st, "correct") != 0) {
		bool unanswered = strcmp(st, "unanswered") == 0;
		struct strbuf points = STRBUF_INIT;
		char *attr_msg, *text;

		strbuf_addstr(&points, "");
		format_add_number(&points, format_num(q, "score", 0));
		strbuf_addstr(&points, " of ");
		format_add_number(&points, format_num(q, "max_score", 0));
		strbuf_addstr(&points, " points");
		attr_msg = xasprintf("%s (%s)", unanswered ? "unanswered" : "incorrect", points.buf);
		const char *quiz_error = format_str0(quiz, "error");
		text = *quiz_error ? xasprintf("unanswered: the quiz was not graded: %s (%s)", quiz_error,
					       points.buf)
			: xasprintf("%s: %s (%s)", unanswered ? "unanswered" : "incorrect",
				    unanswered ? "the question was not answered"
					       : "the answer is not fully correct", points.buf);
		result_element(sb, false, unanswered ? "unanswered" : "incorrect", attr_msg, text);
		free(attr_msg);
		free(text);
		strbuf_release(&points);
	}
	strbuf_addstr(sb, "    </testcase>\n");
}

static void suite_open(struct strbuf *sb, const char *name, const struct counts *c)
{
	strbuf_addstr(sb, "  <testsuite");
	attr(sb, "name", name);
	strbuf_addf(sb, " tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\"",
		    c->tests, c->failures, c->errors);
	attr_secs(sb, "time", c->ms);
	strbuf_addstr(sb, ">\n");
}

static void score_properties(struct strbuf *sb, const cJSON *pack, const cJSON *scored)
{
	struct strbuf num = STRBUF_INIT;

	strbuf_addstr(sb, "    <properties>\n");
	format_add_number(&num, format_num(scored, "score", 0));
	property(sb, "score", num.buf);
	strbuf_release(&num);
	format_add_number(&num, format_num(scored, "max_score", 0));
	property(sb, "max_score", num.buf);
	strbuf_release(&num);
	property(sb, "pack.version", format_str0(pack, "version"));
	property(sb, "pack.digest", format_str0(pack, "digest"));
	strbuf_addstr(sb, "    </properties>\n");
}

char *format_render_junit(const cJSON *report, const struct format_options *o)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(report, "pack");
	const cJSON *exercises = format_array(report, "exercises");
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(report, "quiz");
	const cJSON *questions = format_array(quiz, "questions");
	const char *pack_id = format_str(pack, "id");
	struct counts total = { 0 };
	const cJSON *ex, *ch, *q;
	char *suites_name;

	(void)o;
	if (!pack_id)
		pack_id = "pack";
	cJSON_ArrayForEach(ex, exercises)
		count_checks(format_array(ex, "checks"), &total);
	count_quiz(questions, &total);
	/* Nothing could be graded: one error, so CI does not show "0 tests,
	 * all passed". */
	bool graded_nothing = total.tests == 0 &&
			      check_status_of(report) != CHECK_PASS;
	if (graded_nothing) {
		total.tests = 1;
		total.errors = 1;
	}

	strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
	suites_name = xasprintf("roadmap-run: %s", pack_id);
	attr(&sb, "name", suites_name);
	free(suites_name);
	strbuf_addf(&sb, " tests=\"%d\" failures=\"%d\" errors=\"%d\"",
		    total.tests, total.failures, total.errors);
	attr_secs(&sb, "time", format_num(report, "duration_ms", total.ms));
	strbuf_addstr(&sb, ">\n");

	cJSON_ArrayForEach(ex, exercises) {
		const cJSON *checks = format_array(ex, "checks");
		const char *ex_id = format_str0(ex, "id");
		struct counts c = { 0 };

		count_checks(checks, &c);
		suite_open(&sb, ex_id, &c);
		score_properties(&sb, pack, ex);
		cJSON_ArrayForEach(ch, checks)
			render_check(&sb, pack_id, ex_id, ch);
		strbuf_addstr(&sb, "  </testsuite>\n");
	}

	if (questions && cJSON_GetArraySize(questions) > 0) {
		struct counts c = { 0 };
		char *classname = xasprintf("%s.quiz", pack_id);

		count_quiz(questions, &c);
		suite_open(&sb, "quiz", &c);
		score_properties(&sb, pack, quiz);
		cJSON_ArrayForEach(q, questions)
			render_question(&sb, classname, quiz, q);
		strbuf_addstr(&sb, "  </testsuite>\n");
		free(classname);
	}
	if (graded_nothing) {
		const char *msg = format_str(report, "message");
		strbuf_addstr(&sb, "  <testsuite name=\"roadmap-run\" tests=\"1\" failures=\"0\" "
			      "errors=\"1\" skipped=\"0\" time=\"0.000\">\n    <testcase");
		attr(&sb, "classname", pack_id);
		strbuf_addstr(&sb, " name=\"grading\" time=\"0.000\">\n");
		bool has_msg = msg && msg[0];
		char *text = xasprintf("error: nothing could be graded%s%s", has_msg ? "\n" : "",
				       has_msg ? msg : "");
		result_element(&sb, true, "error", has_msg ? msg : "nothing could be graded", text);
		free(text);
		strbuf_addstr(&sb, "    </testcase>\n  </testsuite>\n");
	}
	strbuf_addstr(&sb, "</testsuites>\n");
	return strbuf_detach(&sb);
}
