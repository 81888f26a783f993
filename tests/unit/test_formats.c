/*
 * test_formats.c - every report format rendered from reports built here
 * with cJSON, asserting what CI tools and learners rely on: counts,
 * status mapping, escaping, limits, and that hidden checks leak nothing
 * in any format (the fixture even plants secrets in a hidden check's
 * output and message, which report.c already empties, to prove the
 * renderers do not depend on that).
 *
 * Run as "test_formats --render FORMAT REPORT.json [after_published]" it
 * renders a report file to stdout instead, so the shell suites can feed
 * real consumers (junitparser, prove, jsonschema) before the CLI has
 * --format (tests/e2e/t3000-formats-consumers.sh).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "formats.h"
#include "formats_internal.h"
#include "tap.h"
#include "util.h"

static cJSON *add_check(cJSON *checks, const char *id, const char *status, int score,
			int max, bool hidden, const char *message, const char *output)
{
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "id", id);
	cJSON_AddStringToObject(c, "kind", "exit");
	cJSON_AddBoolToObject(c, "hidden", hidden);
	cJSON_AddStringToObject(c, "status", status);
	cJSON_AddNumberToObject(c, "score", score);
	cJSON_AddNumberToObject(c, "max_score", max);
	cJSON_AddNumberToObject(c, "duration_ms", 1500);
	cJSON_AddNullToObject(c, "exit_code");
	cJSON_AddNullToObject(c, "signal");
	cJSON_AddStringToObject(c, "message", message);
	cJSON_AddStringToObject(c, "output", output);
	cJSON_AddBoolToObject(c, "output_truncated", false);
	cJSON *run = cJSON_AddArrayToObject(c, "run");
	cJSON_AddItemToArray(run, cJSON_CreateString("python3"));
	cJSON_AddItemToArray(run, cJSON_CreateString("tests/check.py"));
	cJSON_AddItemToArray(run, cJSON_CreateString(id));
	cJSON_AddItemToArray(checks, c);
	return c;
}

static cJSON *add_exercise(cJSON *report, const char *id, const char *status, int score, int max)
{
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "id", id);
	cJSON_AddStringToObject(e, "title", "An exercise");
	cJSON_AddStringToObject(e, "status", status);
	cJSON_AddNumberToObject(e, "score", score);
	cJSON_AddNumberToObject(e, "max_score", max);
	cJSON_AddArrayToObject(e, "checks");
	cJSON_AddItemToArray(cJSON_GetObjectItem(report, "exercises"), e);
	return cJSON_GetObjectItem(e, "checks");
}

static cJSON *new_report(const char *status, int score, int max)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddNumberToObject(r, "report_version", 1);
	cJSON *runner = cJSON_AddObjectToObject(r, "runner");
	cJSON_AddStringToObject(runner, "name", "roadmap-run");
	cJSON_AddStringToObject(runner, "version", "0.1.0");
	cJSON *pack = cJSON_AddObjectToObject(r, "pack");
	cJSON_AddStringToObject(pack, "id", "security");
	cJSON_AddStringToObject(pack, "version", "1.0.0");
	cJSON_AddStringToObject(pack, "digest", "sha256:abc");
	cJSON_AddStringToObject(r, "submission", "/tmp/sub");
	cJSON_AddNumberToObject(r, "duration_ms", 4321);
	cJSON_AddStringToObject(r, "status", status);
	cJSON_AddNumberToObject(r, "score", score);
	cJSON_AddNumberToObject(r, "max_score", max);
	cJSON_AddArrayToObject(r, "exercises");
	cJSON *quiz = cJSON_AddObjectToObject(r, "quiz");
	cJSON_AddNumberToObject(quiz, "score", 0);
	cJSON_AddNumberToObject(quiz, "max_score", 0);
	cJSON_AddArrayToObject(quiz, "questions");
	return r;
}

static void add_question(cJSON *r, const char *id, const char *status, int score, int max)
{
	cJSON *quiz = cJSON_GetObjectItem(r, "quiz");
	cJSON *q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, "id", id);
	cJSON_AddStringToObject(q, "status", status);
	cJSON_AddNumberToObject(q, "score", score);
	cJSON_AddNumberToObject(q, "max_score", max);
	cJSON_AddItemToArray(cJSON_GetObjectItem(quiz, "questions"), q);
	cJSON_SetNumberValue(cJSON_GetObjectItem(quiz, "score"),
			     cJSON_GetObjectItem(quiz, "score")->valuedouble + score);
	cJSON_SetNumberValue(cJSON_GetObjectItem(quiz, "max_score"),
			     cJSON_GetObjectItem(quiz, "max_score")->valuedouble + max);
}

/* The mixed report: every status, hostile text, a hidden check with
 * planted secrets, and a quiz. 4 of 14 points. */
static cJSON *mixed_report(void)
{
	cJSON *r = new_report("fail", 4, 14);
	cJSON *c = add_exercise(r, "sql-injection", "fail", 2, 10);
	add_check(c, "passes", "pass", 2, 2, false, "", "all good\n");
	add_check(c, "fails", "fail", 0, 2, false, "expected 1 row, got 3",
		  "line1\n<b>&amp; ]]> \"q\" \x01\x1b[31m bad\xff\xc0\xaf end\r\n");
	add_check(c, "loops", "timeout", 0, 2, false, "CPU time limit of 3 s exceeded", "");
	add_check(c, "secret", "fail", 0, 2, true, "SECRET-MESSAGE", "SECRET-OUTPUT");
	add_check(c, "segv", "crash", 0, 2, false, "killed by SIGSEGV (segmentation fault)", "");
	c = add_exercise(r, "xss", "fail", 0, 2);
	add_check(c, "bomb", "memory", 0, 1, false, "memory limit of 64 MiB exceeded", "");
	add_check(c, "hidden-pass", "pass", 0, 1, true, "", "SECRET-PASS-OUTPUT");
	add_question(r, "https-port", "correct", 1, 1);
	add_question(r, "safe-methods", "incorrect", 1, 2);
	return r;
}

static cJSON *full_report(void)
{
	cJSON *r = new_report("pass", 3, 3);
	cJSON *c = add_exercise(r, "sql-injection", "pass", 2, 2);
	add_check(c, "a", "pass", 1, 1, false, "", "ok\n");
	add_check(c, "b", "pass", 1, 1, true, "", "");
	add_question(r, "q1", "correct", 1, 1);
	return r;
}

static char *render(enum report_format f, cJSON *report, const char *hidden_vis)
{
	struct format_options o = { hidden_vis };
	char *s = format_render(f, report, &o);
	assert_non_null(s);
	return s;
}

static bool valid_utf8(const char *s)
{
	while (*s) {
		uint32_t cp;
		size_t n = format_utf8_next(s, &cp);
		if (cp == 0xFFFD && n == 1 && (unsigned char)*s >= 0x80)
			return false;
		s += n;
	}
	return true;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) {
		print_error("expected to find '%s' in:\n%s\n", needle, hay);
		fail();
	}
}

static void assert_no_secrets(const char *s)
{
	assert_null(strstr(s, "SECRET"));
}

static void test_formats__names_round_trip(void **state)
{
	enum report_format f;
	(void)state;
	for (int i = 0; i < FORMAT_COUNT; i++) {
		assert_int_equal(format_from_name(format_name((enum report_format)i), &f), 0);
		assert_int_equal(f, i);
	}
	assert_int_equal(format_from_name("xml", &f), -1);
	assert_int_equal(format_from_name("JUNIT", &f), -1);
	assert_int_equal(format_from_name(NULL, &f), -1);
	assert_string_equal(format_default_filename(FORMAT_JSON), "report.json");
	assert_string_equal(format_default_filename(FORMAT_JUNIT), "junit.xml");
	assert_string_equal(format_default_filename(FORMAT_TAP), "report.tap");
	assert_string_equal(format_default_filename(FORMAT_GRADESCOPE), "gradescope/results.json");
	assert_string_equal(format_default_filename(FORMAT_EXERCISM), "exercism/results.json");
}

static void test_formats__utf8_repair(void **state)
{
	char *s;
	bool cut;
	(void)state;
	s = format_utf8_clean("ok \xc3\xa9 \xff \xc0\xaf \xed\xa0\x80 \xe2\x82", 0, &cut);
	assert_string_equal(s, "ok \xc3\xa9 \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd");
	assert_false(cut);
	free(s);
	s = format_utf8_clean("\xc3\xa9\xc3\xa9\xc3\xa9", 2, &cut);
	assert_string_equal(s, "\xc3\xa9\xc3\xa9");
	assert_true(cut);
	free(s);
	s = format_utf8_clean(NULL, 0, NULL);
	assert_string_equal(s, "");
	free(s);
}

static void test_formats__json_is_the_report(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_JSON, r, NULL);
	cJSON *back = cJSON_Parse(s);
	(void)state;
	assert_non_null(back);
	assert_true(cJSON_Compare(r, back, true));
	cJSON_Delete(back);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__junit_counts_and_structure(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_JUNIT, r, NULL);
	(void)state;
	assert_true(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 50) == 0);
	assert_contains(s, "<testsuites name=\"roadmap-run: security\" tests=\"9\" failures=\"3\" "
			"errors=\"3\" time=\"4.321\">");
	assert_contains(s, "<testsuite name=\"sql-injection\" tests=\"5\" failures=\"2\" errors=\"2\" "
			"skipped=\"0\" time=\"7.500\">");
	assert_contains(s, "<testsuite name=\"xss\" tests=\"2\" failures=\"0\" errors=\"1\"");
	assert_contains(s, "<testcase classname=\"security.sql-injection\" name=\"passes\" time=\"1.500\">");
	/* GitLab shows only the element text: every reason is there too, and
	 * the output is in <system-out> alone. */
	assert_contains(s, "<failure message=\"expected 1 row, got 3\" type=\"fail\">"
			"fail: the check failed\nexpected 1 row, got 3</failure>\n"
			"      <system-out>line1\n");
	assert_contains(s, "<error message=\"CPU time limit of 3 s exceeded\" type=\"timeout\">"
			"timeout: the check ran out of time\nCPU time limit of 3 s exceeded</error>");
	assert_contains(s, "<error message=\"killed by SIGSEGV (segmentation fault)\" type=\"crash\">"
			"crash: the check crashed\nkilled by SIGSEGV (segmentation fault)</error>");
	assert_contains(s, "<error message=\"memory limit of 64 MiB exceeded\" type=\"memory\">"
			"memory: the check ran out of memory\nmemory limit of 64 MiB exceeded</error>");
	assert_int_equal(count(s, "/>\n    </testcase>"), 0);
	assert_contains(s, "<system-out>all good\n</system-out>");
	assert_contains(s, "<property name=\"pack.digest\" value=\"sha256:abc\"/>");
	/* The quiz is a suite of its own. */
	assert_contains(s, "<testsuite name=\"quiz\" tests=\"2\" failures=\"1\" errors=\"0\"");
	assert_contains(s, "<testcase classname=\"security.quiz\" name=\"safe-methods\" time=\"0.000\">\n"
			"      <failure message=\"incorrect (1 of 2 points)\" type=\"incorrect\">"
			"incorrect: the answer is not fully correct (1 of 2 points)</failure>");
	assert_int_equal(count(s, "<testcase "), 9);
	assert_int_equal(count(s, "</testcase>"), 9);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__junit_escapes_everything(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_JUNIT, r, NULL);
	(void)state;
	/* Markup is escaped, "]]>" cannot end anything, controls and invalid
	 * bytes become U+FFFD, CR survives as a reference. */
	assert_contains(s, "&lt;b&gt;&amp;amp; ]]&gt; \"q\" \xef\xbf\xbd\xef\xbf\xbd[31m bad"
			"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end&#13;\n");
	assert_true(valid_utf8(s));
	for (const char *p = s; *p; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\n');
	/* Attributes keep newlines as references. */
	cJSON *ch = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
		cJSON_GetObjectItem(r, "exercises"), 0), "checks"), 1);
	cJSON_ReplaceItemInObject(ch, "message", cJSON_CreateString("a \"b\"\nc\td"));
	free(s);
	s = render(FORMAT_JUNIT, r, NULL);
	assert_contains(s, "<failure message=\"a &quot;b&quot;&#10;c&#9;d\" type=\"fail\">");
	cJSON_Delete(r);
	free(s);
}

static void test_formats__junit_hides_hidden_checks(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_JUNIT, r, NULL);
	(void)state;
	assert_no_secrets(s);
	assert_contains(s, "name=\"secret\" time=\"1.500\">\n      <failure message=\"hidden check: fail\" "
			"type=\"fail\">hidden check failed (fail); its output and message are not "
			"shown</failure>\n    </testcase>");
	assert_contains(s, "name=\"hidden-pass\" time=\"1.500\">\n    </testcase>");
	cJSON_Delete(r);
	free(s);
}

static void test_formats__junit_nothing_graded_is_an_error(void **state)
{
	cJSON *r = new_report("error", 0, 0);
	cJSON_AddStringToObject(r, "message", "pack 'x': no sandbox");
	char *s = render(FORMAT_JUNIT, r, NULL);
	(void)state;
	assert_contains(s, "tests=\"1\" failures=\"0\" errors=\"1\"");
	assert_contains(s, "<error message=\"pack 'x': no sandbox\" type=\"error\">"
			"error: nothing could be graded\npack 'x': no sandbox</error>");
	cJSON_Delete(r);
	free(s);
}

static void test_formats__junit_cannot_forge_attachments(void **state)
{
	cJSON *r = new_report("fail", 0, 1);
	cJSON *c = add_exercise(r, "e", "fail", 0, 1);
	(void)state;
	add_check(c, "x", "fail", 0, 1, false, "see [[ATTACHMENT|/etc/shadow]]",
		  "[[ATTACHMENT|/etc/passwd]] [[attachment|a]] [[[AtTaChMeNt|b]] [[ok]]\n");
	char *s = render(FORMAT_JUNIT, r, NULL);
	/* GitLab and Jenkins look for "[[ATTACHMENT|" in the parsed text: a
	 * zero-width space between the brackets breaks every spelling. */
	assert_null(strcasestr(s, "[[ATTACHMENT"));
	assert_contains(s, "<system-out>[\xe2\x80\x8b[ATTACHMENT|/etc/passwd]] "
			"[\xe2\x80\x8b[attachment|a]] [[\xe2\x80\x8b[AtTaChMeNt|b]] [[ok]]\n</system-out>");
	assert_contains(s, "message=\"see [\xe2\x80\x8b[ATTACHMENT|/etc/shadow]]\"");
	cJSON_Delete(r);
	free(s);
}

static void test_formats__junit_types_are_our_words(void **state)
{
	cJSON *r = new_report("fail", 0, 2);
	cJSON *c = add_exercise(r, "e", "fail", 0, 2);
	(void)state;
	/* A report from elsewhere: GitLab's XML-to-hash step would convert
	 * the text of type="integer" and reject the file for type="yaml". */
	add_check(c, "x", "yaml", 0, 1, false, "", "");
	add_check(c, "y", "integer", 0, 1, false, "odd", "");
	add_question(r, "q", "unanswered", 0, 1);
	char *s = render(FORMAT_JUNIT, r, NULL);
	assert_contains(s, "<error message=\"check: yaml\" type=\"error\">the check did not pass "
			"(status 'yaml')</error>");
	assert_contains(s, "<error message=\"odd\" type=\"error\">the check did not pass "
			"(status 'integer')\nodd</error>");
	assert_contains(s, "<failure message=\"unanswered (0 of 1 points)\" type=\"unanswered\">"
			"unanswered: the question was not answered (0 of 1 points)</failure>");
	cJSON_Delete(r);
	free(s);
}

static void test_formats__tap_points_and_yaml(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_TAP, r, NULL);
	(void)state;
	assert_true(strncmp(s, "TAP version 13\n# roadmap-run 0.1.0: pack security 1.0.0 "
			    "(sha256:abc)\n1..9\n", 67) == 0);
	assert_contains(s, "\nok 1 - sql-injection/passes\nnot ok 2 - sql-injection/fails\n"
			"  ---\n  status: \"fail\"\n  score: 0\n  max_score: 2\n"
			"  message: \"expected 1 row, got 3\"\n");
	/* Output with control characters cannot be a literal block. */
	assert_contains(s, "  output: \"line1\\n<b>&amp; ]]> \\\"q\\\" \\x01\\x1b[31m bad"
			"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end\\r\\n\"\n  ...\n");
	assert_contains(s, "not ok 3 - sql-injection/loops\n  ---\n  status: \"timeout\"\n");
	assert_contains(s, "ok 8 - quiz/https-port\nnot ok 9 - quiz/safe-methods\n  ---\n"
			"  status: \"incorrect\"\n  score: 1\n  max_score: 2\n  ...\n# score 4 of 14\n");
	assert_true(valid_utf8(s));
	cJSON_Delete(r);
	free(s);
}

static void test_formats__tap_yaml_escapes_what_yaml_forbids(void **state)
{
	cJSON *r = new_report("fail", 0, 1);
	cJSON *c = add_exercise(r, "e", "fail", 0, 1);
	(void)state;
	/* Noncharacters U+FFFE/U+FFFF, DEL, C1 (NEL, CSI), U+2028/U+2029,
	 * the BOM and a bidi override, in text that would otherwise be a
	 * block: every one is an escape in a quoted string. U+FDD0 and
	 * U+1FFFE are valid YAML and stay. */
	add_check(c, "x", "fail", 0, 1, false, "a\xef\xbf\xbe" "b\xef\xbf\xbf",
		  "one\n\x7f \xc2\x85 \xc2\x9b \xe2\x80\xa8 \xe2\x80\xa9 \xef\xbb\xbf \xe2\x80\xae "
		  "\xef\xb7\x90 \xf0\x9f\xbf\xbe\n");
	cJSON *ch = add_check(c, "y", "fail", 0, 1, false, "", "");
	cJSON_ReplaceItemInObject(ch, "id", cJSON_CreateString("id\x1b[2J\xe2\x80\xae#x"));
	char *s = render(FORMAT_TAP, r, NULL);
	assert_contains(s, "  message: \"a\\ufffeb\\uffff\"\n");
	assert_contains(s, "  output: \"one\\n\\x7f \\x85 \\x9b \\u2028 \\u2029 \\ufeff \\u202e "
			"\xef\xb7\x90 \xf0\x9f\xbf\xbe\\n\"\n");
	/* A description is one line with nothing a terminal obeys. */
	assert_contains(s, "not ok 2 - e/id\xef\xbf\xbd[2J\xef\xbf\xbd\\#x\n");
	assert_true(valid_utf8(s));
	cJSON_Delete(r);
	free(s);
}

static void test_formats__tap_long_quoted_strings_are_cut(void **state)
{
	cJSON *r = new_report("fail", 0, 1);
	cJSON *c = add_exercise(r, "e", "fail", 0, 1);
	struct strbuf big = STRBUF_INIT;
	(void)state;
	/* Control characters force a quoted string; TAP::Parser's reader
	 * rejects the stream once one passes 65535 bytes or escapes. */
	for (int i = 0; i < 20000; i++)
		strbuf_addstr(&big, "\x01\xc3\xa9x");
	add_check(c, "x", "fail", 0, 1, false, "m", big.buf);
	char *s = render(FORMAT_TAP, r, NULL);
	const char *line = strstr(s, "  output: \"");
	assert_non_null(line);
	size_t len = (size_t)(strchr(line, '\n') - line);
	assert_true(len <= 60000 + strlen("  output: \"\""));
	assert_contains(s, "\\x01\xc3\xa9x\\n... cut here: TAP::Parser cannot read a longer quoted "
			"string; report.json has it all\"\n  output_truncated: true\n  ...\n");
	assert_true(valid_utf8(s));
	strbuf_release(&big);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__tap_multiline_output_is_a_block(void **state)
{
	cJSON *r = new_report("fail", 0, 1);
	cJSON *c = add_exercise(r, "e", "fail", 0, 1);
	add_check(c, "x", "fail", 0, 1, false, "m", "first line\n  indented\n\n...\nlast\n");
	/* "|" keeps exactly one final newline: any other ending is quoted, so
	 * the value reads back exactly (YAMLish knows no "|-" or "|+"). */
	add_check(c, "y", "fail", 0, 1, false, "two\nlines", "two\nnewlines\n\n");
	char *s = render(FORMAT_TAP, r, NULL);
	(void)state;
	assert_contains(s, "  output: |\n    first line\n      indented\n    \n    ...\n    last\n  ...\n");
	assert_contains(s, "  message: \"two\\nlines\"\n  output: \"two\\nnewlines\\n\\n\"\n");
	assert_null(strstr(s, "|-"));
	assert_null(strstr(s, "|+"));
	cJSON_Delete(r);
	free(s);
}

static void test_formats__tap_hides_hidden_checks(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_TAP, r, NULL);
	(void)state;
	assert_no_secrets(s);
	assert_contains(s, "not ok 4 - sql-injection/secret\n  ---\n  status: \"fail\"\n"
			"  score: 0\n  max_score: 2\n  hidden: true\n  ...\n");
	assert_contains(s, "ok 7 - xss/hidden-pass\nok 8");
	cJSON_Delete(r);
	free(s);
}

static void test_formats__tap_reads_back_with_our_consumer(void **state)
{
	struct tap_result t;
	char why[256];
	cJSON *r = mixed_report();
	char *s = render(FORMAT_TAP, r, NULL);
	(void)state;
	tap_parse(s, strlen(s), &t);
	assert_int_equal(t.version, 13);
	assert_int_equal(t.plan, 9);
	assert_int_equal(t.n_points, 9);
	assert_null(t.problem);
	assert_false(tap_passed(&t, why, sizeof(why)));
	assert_string_equal(why, "6 of 9 tests failed: 2 - sql-injection/fails, 3 - sql-injection/loops, "
			    "4 - sql-injection/secret, 5 - sql-injection/segv, 6 - xss/bomb, "
			    "9 - quiz/safe-methods");
	assert_string_equal(t.points[2].diagnostic, "status: \"timeout\"\nscore: 0\nmax_score: 2\n"
			    "message: \"CPU time limit of 3 s exceeded\"");
	tap_result_clear(&t);
	cJSON_Delete(r);
	free(s);

	r = full_report();
	s = render(FORMAT_TAP, r, NULL);
	tap_parse(s, strlen(s), &t);
	assert_true(tap_passed(&t, why, sizeof(why)));
	assert_int_equal(t.n_points, 3);
	tap_result_clear(&t);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__tap_nothing_graded_fails(void **state)
{
	struct tap_result t;
	cJSON *r = new_report("error", 0, 0);
	char *s = render(FORMAT_TAP, r, NULL);
	(void)state;
	assert_contains(s, "1..1\nnot ok 1 - grading\n");
	tap_parse(s, strlen(s), &t);
	assert_false(tap_passed(&t, NULL, 0));
	tap_result_clear(&t);
	cJSON_Delete(r);
	free(s);
}

static const cJSON *test_at(const cJSON *doc, int i)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "tests"), i);
}

static void test_formats__gradescope_results(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_GRADESCOPE, r, NULL);
	cJSON *g = cJSON_Parse(s);
	(void)state;
	assert_non_null(g);
	assert_int_equal(cJSON_GetObjectItem(g, "score")->valuedouble, 4);
	assert_true(cJSON_GetObjectItem(g, "execution_time")->valuedouble == 4.321);
	assert_string_equal(cJSON_GetObjectItem(g, "visibility")->valuestring, "visible");
	assert_string_equal(cJSON_GetObjectItem(g, "stdout_visibility")->valuestring, "hidden");
	/* the learner's output ("<b>" below) is shown as text, never markup */
	assert_string_equal(cJSON_GetObjectItem(g, "output_format")->valuestring, "text");
	assert_string_equal(cJSON_GetObjectItem(g, "test_output_format")->valuestring, "text");
	assert_string_equal(cJSON_GetObjectItem(g, "test_name_format")->valuestring, "text");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(g, "extra_data"), "max_score")->valuedouble, 14);
	/* Both exercises have a hidden check: neither their scores nor the
	 * total reach the output every student sees. */
	assert_string_equal(cJSON_GetObjectItem(g, "output")->valuestring,
			    "Pack 'security' 1.0.0: some checks are hidden, so the total is not "
			    "shown here.\nsql-injection (An exercise): has hidden checks, score not "
			    "shown\nxss (An exercise): has hidden checks, score not shown\nquiz: 2/3\n");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(g, "tests")), 9);
	const cJSON *t = test_at(g, 1);
	assert_string_equal(cJSON_GetObjectItem(t, "name")->valuestring, "sql-injection/fails");
	assert_string_equal(cJSON_GetObjectItem(t, "number")->valuestring, "1.2");
	assert_string_equal(cJSON_GetObjectItem(t, "status")->valuestring, "failed");
	assert_int_equal(cJSON_GetObjectItem(t, "max_score")->valuedouble, 2);
	assert_string_equal(cJSON_GetObjectItem(t, "visibility")->valuestring, "visible");
	assert_contains(cJSON_GetObjectItem(t, "output")->valuestring,
			"status: fail\nexpected 1 row, got 3\n\nline1\n<b>");
	assert_true(valid_utf8(cJSON_GetObjectItem(t, "output")->valuestring));
	t = test_at(g, 0);
	assert_string_equal(cJSON_GetObjectItem(t, "status")->valuestring, "passed");
	assert_int_equal(cJSON_GetObjectItem(t, "score")->valuedouble, 2);
	t = test_at(g, 5);
	assert_string_equal(cJSON_GetObjectItem(t, "name")->valuestring, "xss/bomb");
	assert_string_equal(cJSON_GetObjectItem(t, "number")->valuestring, "2.1");
	t = test_at(g, 8);
	assert_string_equal(cJSON_GetObjectItem(t, "name")->valuestring, "quiz/safe-methods");
	assert_int_equal(cJSON_GetObjectItem(t, "score")->valuedouble, 1);
	assert_string_equal(cJSON_GetObjectItem(t, "status")->valuestring, "failed");
	cJSON_Delete(g);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__gradescope_hidden_visibility(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_GRADESCOPE, r, NULL);
	cJSON *g = cJSON_Parse(s);
	(void)state;
	assert_no_secrets(s);
	const cJSON *t = test_at(g, 3);
	assert_string_equal(cJSON_GetObjectItem(t, "name")->valuestring, "sql-injection/secret");
	assert_string_equal(cJSON_GetObjectItem(t, "visibility")->valuestring, "hidden");
	assert_string_equal(cJSON_GetObjectItem(t, "output")->valuestring, "hidden check: fail");
	assert_string_equal(cJSON_GetObjectItem(test_at(g, 6), "output")->valuestring, "");
	cJSON_Delete(g);
	free(s);

	s = render(FORMAT_GRADESCOPE, r, "after_published");
	g = cJSON_Parse(s);
	assert_no_secrets(s);
	assert_string_equal(cJSON_GetObjectItem(test_at(g, 3), "visibility")->valuestring, "after_published");
	assert_string_equal(cJSON_GetObjectItem(test_at(g, 1), "visibility")->valuestring, "visible");
	cJSON_Delete(g);
	free(s);

	/* Anything else falls back to the safe default. */
	s = render(FORMAT_GRADESCOPE, r, "visible");
	g = cJSON_Parse(s);
	assert_string_equal(cJSON_GetObjectItem(test_at(g, 3), "visibility")->valuestring, "hidden");
	cJSON_Delete(g);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__gradescope_totals_only_without_hidden(void **state)
{
	cJSON *r = new_report("fail", 3, 5);
	cJSON *c = add_exercise(r, "open", "fail", 1, 2);
	(void)state;
	add_check(c, "a", "pass", 1, 1, false, "", "");
	add_check(c, "b", "fail", 0, 1, false, "", "");
	char *s = render(FORMAT_GRADESCOPE, r, NULL);
	cJSON *g = cJSON_Parse(s);
	assert_string_equal(cJSON_GetObjectItem(g, "output")->valuestring,
			    "Pack 'security' 1.0.0: 3 of 5 points.\nopen (An exercise): 1/2\n");
	cJSON_Delete(g);
	free(s);
	/* One hidden check elsewhere: the total and its exercise go quiet, the
	 * exercise without hidden checks keeps its score. */
	c = add_exercise(r, "closed", "pass", 2, 3);
	add_check(c, "c", "pass", 2, 2, false, "", "");
	add_check(c, "d", "fail", 0, 1, true, "", "");
	s = render(FORMAT_GRADESCOPE, r, NULL);
	g = cJSON_Parse(s);
	assert_string_equal(cJSON_GetObjectItem(g, "output")->valuestring,
			    "Pack 'security' 1.0.0: some checks are hidden, so the total is not shown "
			    "here.\nopen (An exercise): 1/2\nclosed (An exercise): has hidden checks, "
			    "score not shown\n");
	assert_null(strstr(s, "3 of 5"));
	cJSON_Delete(g);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__exercism_results(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_EXERCISM, r, NULL);
	cJSON *e = cJSON_Parse(s);
	(void)state;
	assert_non_null(e);
	assert_int_equal(cJSON_GetObjectItem(e, "version")->valuedouble, 3);
	assert_string_equal(cJSON_GetObjectItem(e, "status")->valuestring, "fail");
	assert_null(cJSON_GetObjectItem(e, "message"));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(e, "tests")), 9);
	const char *want[][2] = {
		{ "sql-injection/passes", "pass" }, { "sql-injection/fails", "fail" },
		{ "sql-injection/loops", "error" }, { "sql-injection/secret", "fail" },
		{ "sql-injection/segv", "error" }, { "xss/bomb", "error" },
		{ "xss/hidden-pass", "pass" }, { "quiz/https-port", "pass" },
		{ "quiz/safe-methods", "fail" },
	};
	for (int i = 0; i < 9; i++) {
		const cJSON *t = test_at(e, i);
		assert_string_equal(cJSON_GetObjectItem(t, "name")->valuestring, want[i][0]);
		assert_string_equal(cJSON_GetObjectItem(t, "status")->valuestring, want[i][1]);
		/* message is required for fail and error. */
		if (strcmp(want[i][1], "pass") != 0)
			assert_true(cJSON_IsString(cJSON_GetObjectItem(t, "message")));
	}
	const cJSON *t = test_at(e, 1);
	assert_string_equal(cJSON_GetObjectItem(t, "message")->valuestring, "expected 1 row, got 3");
	assert_string_equal(cJSON_GetObjectItem(t, "test_code")->valuestring, "python3 tests/check.py fails");
	assert_int_equal(cJSON_GetObjectItem(t, "task_id")->valuedouble, 1);
	assert_int_equal(cJSON_GetObjectItem(test_at(e, 5), "task_id")->valuedouble, 2);
	assert_null(cJSON_GetObjectItem(test_at(e, 7), "task_id"));
	assert_string_equal(cJSON_GetObjectItem(test_at(e, 2), "message")->valuestring,
			    "CPU time limit of 3 s exceeded");
	cJSON_Delete(e);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__exercism_hides_hidden_checks(void **state)
{
	cJSON *r = mixed_report();
	char *s = render(FORMAT_EXERCISM, r, NULL);
	cJSON *e = cJSON_Parse(s);
	(void)state;
	assert_no_secrets(s);
	const cJSON *t = test_at(e, 3);
	assert_string_equal(cJSON_GetObjectItem(t, "message")->valuestring, "hidden check: fail");
	assert_null(cJSON_GetObjectItem(t, "output"));
	assert_null(cJSON_GetObjectItem(t, "test_code"));
	cJSON_Delete(e);
	cJSON_Delete(r);
	free(s);
}

static size_t codepoints(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void test_formats__exercism_output_limit(void **state)
{
	cJSON *r = new_report("fail", 0, 2);
	cJSON *c = add_exercise(r, "e", "fail", 0, 2);
	struct strbuf big = STRBUF_INIT;
	(void)state;
	for (int i = 0; i < 400; i++)
		strbuf_addstr(&big, "\xc3\xa9-");  /* 800 code points, 1200 bytes */
	add_check(c, "long", "fail", 0, 1, false, "m", big.buf);
	cJSON *ch = add_check(c, "cut-by-runner", "fail", 0, 1, false, "m", "short\n");
	cJSON_ReplaceItemInObject(ch, "output_truncated", cJSON_CreateTrue());
	char *s = render(FORMAT_EXERCISM, r, NULL);
	cJSON *e = cJSON_Parse(s);
	const char *out = cJSON_GetObjectItem(test_at(e, 0), "output")->valuestring;
	assert_int_equal(codepoints(out), 500);
	assert_true(valid_utf8(out));
	assert_true(strncmp(out, "\xc3\xa9-\xc3\xa9-", 6) == 0);
	size_t n = strlen(out);
	assert_string_equal(out + n - 48, "\nOutput was truncated. Please limit to 500 chars");
	assert_string_equal(cJSON_GetObjectItem(test_at(e, 1), "output")->valuestring,
			    "short\n\nOutput was truncated. Please limit to 500 chars");
	strbuf_release(&big);
	cJSON_Delete(e);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__exercism_error_needs_message(void **state)
{
	cJSON *r = new_report("error", 0, 0);
	char *s = render(FORMAT_EXERCISM, r, NULL);
	cJSON *e = cJSON_Parse(s);
	(void)state;
	assert_string_equal(cJSON_GetObjectItem(e, "status")->valuestring, "error");
	assert_string_equal(cJSON_GetObjectItem(e, "message")->valuestring, "nothing could be graded");
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(e, "tests")));
	cJSON_Delete(e);
	free(s);

	struct strbuf big = STRBUF_INIT;
	for (int i = 0; i < 70000; i++)
		strbuf_addstr(&big, "x");
	cJSON_AddStringToObject(r, "message", big.buf);
	s = render(FORMAT_EXERCISM, r, NULL);
	e = cJSON_Parse(s);
	assert_int_equal(strlen(cJSON_GetObjectItem(e, "message")->valuestring), 65535);
	strbuf_release(&big);
	cJSON_Delete(e);
	cJSON_Delete(r);
	free(s);

	/* A message of blanks is no message: Exercism would show an empty box. */
	r = new_report("error", 0, 1);
	cJSON_AddStringToObject(r, "message", " \n\t ");
	cJSON *c = add_exercise(r, "e", "fail", 0, 1);
	add_check(c, "x", "fail", 0, 1, false, "\n  \n", "");
	s = render(FORMAT_EXERCISM, r, NULL);
	e = cJSON_Parse(s);
	assert_string_equal(cJSON_GetObjectItem(e, "message")->valuestring, "nothing could be graded");
	assert_string_equal(cJSON_GetObjectItem(test_at(e, 0), "message")->valuestring, "check: fail");
	cJSON_Delete(e);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__exercism_quotes_test_code(void **state)
{
	cJSON *r = new_report("fail", 0, 1);
	cJSON *c = add_exercise(r, "e", "fail", 0, 1);
	cJSON *ch = add_check(c, "x", "fail", 0, 1, false, "m", "");
	cJSON *run = cJSON_CreateArray();
	cJSON_AddItemToArray(run, cJSON_CreateString("sh"));
	cJSON_AddItemToArray(run, cJSON_CreateString("-c"));
	cJSON_AddItemToArray(run, cJSON_CreateString("echo 'hi' $HOME"));
	cJSON_AddItemToArray(run, cJSON_CreateString(""));
	cJSON_ReplaceItemInObject(ch, "run", run);
	char *s = render(FORMAT_EXERCISM, r, NULL);
	cJSON *e = cJSON_Parse(s);
	(void)state;
	assert_string_equal(cJSON_GetObjectItem(test_at(e, 0), "test_code")->valuestring,
			    "sh -c 'echo '\\''hi'\\'' $HOME' ''");
	cJSON_Delete(e);
	cJSON_Delete(r);
	free(s);
}

static void test_formats__odd_reports_do_not_crash(void **state)
{
	(void)state;
	cJSON *odd = cJSON_Parse("{\"exercises\": [1, {\"checks\": [null, {\"status\": 5}]}],"
				 "\"quiz\": {\"questions\": \"no\"}, \"pack\": []}");
	assert_non_null(odd);
	for (int f = 0; f < FORMAT_COUNT; f++) {
		char *s = format_render((enum report_format)f, NULL, NULL);
		assert_non_null(s);
		free(s);
		s = format_render((enum report_format)f, odd, NULL);
		assert_non_null(s);
		assert_true(valid_utf8(s));
		free(s);
	}
	char *s = format_render(FORMAT_COUNT, odd, NULL);
	assert_string_equal(s, "");
	free(s);
	cJSON_Delete(odd);
}

/* "--render FORMAT FILE [hidden-visibility]": for the shell suites. */
static int render_main(int argc, char **argv)
{
	enum report_format f;
	char *text, *out;
	size_t len;
	struct format_options o = { argc > 4 ? argv[4] : NULL };

	if (argc < 4 || format_from_name(argv[2], &f) < 0) {
		fprintf(stderr, "usage: test_formats --render FORMAT REPORT.json [visibility]\n");
		return 2;
	}
	if (util_read_file(argv[3], 64 << 20, &text, &len) < 0) {
		fprintf(stderr, "error: cannot read '%s'\n", argv[3]);
		return 1;
	}
	cJSON *report = cJSON_ParseWithLength(text, len);
	free(text);
	if (!report) {
		fprintf(stderr, "error: '%s' is not JSON\n", argv[3]);
		return 1;
	}
	out = format_render(f, report, &o);
	fputs(out, stdout);
	free(out);
	cJSON_Delete(report);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--render") == 0)
		return render_main(argc, argv);

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats__names_round_trip),
		cmocka_unit_test(test_formats__utf8_repair),
		cmocka_unit_test(test_formats__json_is_the_report),
		cmocka_unit_test(test_formats__junit_counts_and_structure),
		cmocka_unit_test(test_formats__junit_escapes_everything),
		cmocka_unit_test(test_formats__junit_hides_hidden_checks),
		cmocka_unit_test(test_formats__junit_nothing_graded_is_an_error),
		cmocka_unit_test(test_formats__junit_cannot_forge_attachments),
		cmocka_unit_test(test_formats__junit_types_are_our_words),
		cmocka_unit_test(test_formats__tap_points_and_yaml),
		cmocka_unit_test(test_formats__tap_yaml_escapes_what_yaml_forbids),
		cmocka_unit_test(test_formats__tap_long_quoted_strings_are_cut),
		cmocka_unit_test(test_formats__tap_multiline_output_is_a_block),
		cmocka_unit_test(test_formats__tap_hides_hidden_checks),
		cmocka_unit_test(test_formats__tap_reads_back_with_our_consumer),
		cmocka_unit_test(test_formats__tap_nothing_graded_fails),
		cmocka_unit_test(test_formats__gradescope_results),
		cmocka_unit_test(test_formats__gradescope_hidden_visibility),
		cmocka_unit_test(test_formats__gradescope_totals_only_without_hidden),
		cmocka_unit_test(test_formats__exercism_results),
		cmocka_unit_test(test_formats__exercism_hides_hidden_checks),
		cmocka_unit_test(test_formats__exercism_output_limit),
		cmocka_unit_test(test_formats__exercism_error_needs_message),
		cmocka_unit_test(test_formats__exercism_quotes_test_code),
		cmocka_unit_test(test_formats__odd_reports_do_not_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
