/*
 * test_tap.c - the TAP consumer against good and malformed streams. Each
 * test asserts the parse and the verdict with its reason, because the
 * reason is what the learner reads.
 *
 * The outside corpus (tests/fixtures/tap: real output of node-tap, node
 * --test, Test::More, Test2, bats, pytest-tap and tappy) is judged here
 * against the verdicts pinned in its verdicts.tsv. Run as
 * "test_tap --verdict FILE..." it prints "FILE<TAB>pass|fail<TAB>RAN<TAB>
 * FAILED<TAB>reason" per file instead, so t3030 can set the same files
 * before Perl's TAP::Parser.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>

#include "tap.h"
#include "util.h"

static struct tap_result r;
static char why[512];

static bool run(const char *text)
{
	tap_result_clear(&r);
	tap_parse(text, strlen(text), &r);
	return tap_passed(&r, why, sizeof(why));
}

static int teardown(void **state)
{
	(void)state;
	tap_result_clear(&r);
	return 0;
}

static void test_tap__plain_passing_run(void **state)
{
	(void)state;
	assert_true(run("TAP version 13\n1..3\nok 1 - a\nok 2 - b\nok 3 - c\n"));
	assert_int_equal(r.version, 13);
	assert_int_equal(r.plan, 3);
	assert_int_equal(r.n_points, 3);
	assert_string_equal(r.points[1].description, "b");
	assert_int_equal(r.points[2].number, 3);
	assert_null(r.problem);
	assert_string_equal(why, "");
}

static void test_tap__version_defaults_to_12_and_accepts_14(void **state)
{
	(void)state;
	assert_true(run("1..1\nok 1\n"));
	assert_int_equal(r.version, 12);
	assert_true(run("TAP version 14\n1..1\nok 1\n"));
	assert_int_equal(r.version, 14);
}

static void test_tap__trailing_plan_passes(void **state)
{
	(void)state;
	assert_true(run("TAP version 13\nok 1 - a\nok 2 - b\n1..2\n"));
	assert_int_equal(r.plan, 2);
}

static void test_tap__ok_then_exit_without_plan_fails(void **state)
{
	(void)state;
	assert_false(run("ok 1\n"));
	assert_int_equal(r.plan, -1);
	assert_string_equal(why, "no plan (1..N) after 1 test: the test script stopped early");
}

static void test_tap__empty_output_fails(void **state)
{
	(void)state;
	assert_false(run(""));
	assert_string_equal(why, "no TAP output: no plan and no test points");
	assert_false(run("Traceback (most recent call last):\n  File \"x.py\"\n"));
	assert_string_equal(why, "no TAP output: no plan and no test points");
}

static void test_tap__plan_promising_more_fails(void **state)
{
	(void)state;
	assert_false(run("1..5\nok 1\nok 2\n"));
	assert_string_equal(why, "the plan promised 5 tests but 2 ran");
	assert_false(run("1..3\nok 1\nnot ok 2 - parses\n"));
	assert_string_equal(why, "the plan promised 3 tests but 2 ran; 1 failed: 2 - parses");
	assert_false(run("1..1\nok 1\nok 2\n"));
	assert_string_equal(why, "the plan promised 1 test but 2 ran");
}

static void test_tap__failures_are_listed(void **state)
{
	(void)state;
	assert_false(run("1..5\nok 1 - a\nnot ok 2 - rejects empty password\nok 3\n"
			 "not ok 4 - hashes\nnot ok 5\n"));
	assert_string_equal(why, "3 of 5 tests failed: 2 - rejects empty password, 4 - hashes, 5");
	assert_false(r.points[1].ok);
	assert_true(r.points[2].ok);
}

static void test_tap__failure_list_is_cut_to_fit(void **state)
{
	char small[40];
	(void)state;
	run("1..4\nnot ok 1 - first failure here\nnot ok 2 - second failure\n"
	    "not ok 3 - third\nnot ok 4 - fourth\n");
	assert_false(tap_passed(&r, small, sizeof(small)));
	assert_true(strlen(small) < sizeof(small));
	assert_string_equal(small, "4 of 4 tests failed: ...");
	run("1..2\nnot ok 1 - a\nnot ok 2 - second failure which is long\n");
	assert_false(tap_passed(&r, small, sizeof(small)));
	assert_string_equal(small, "2 of 2 tests failed: 1 - a, ...");
	assert_false(tap_passed(&r, NULL, 0));
}

static void test_tap__todo_failure_does_not_fail(void **state)
{
	(void)state;
	assert_true(run("1..2\nok 1\nnot ok 2 - later # TODO not written yet\n"));
	assert_true(r.points[1].todo);
	assert_false(r.points[1].skip);
	assert_string_equal(r.points[1].directive, "TODO not written yet");
	assert_string_equal(r.points[1].description, "later");
	/* Directives are case-insensitive. */
	assert_true(run("1..1\nnot ok 1 - x # todo\n"));
	assert_string_equal(r.points[0].directive, "TODO");
	assert_true(run("1..1\nnot ok 1 - x # ToDo: soon\n"));
	assert_string_equal(r.points[0].directive, "TODO soon");
}

static void test_tap__skip_is_ok_only_on_an_ok_point(void **state)
{
	(void)state;
	assert_true(run("1..2\nok 1 - a\nok 2 # skip no network\n"));
	assert_true(r.points[1].skip);
	assert_string_equal(r.points[1].directive, "SKIP no network");
	assert_string_equal(r.points[1].description, "");
	/* "not ok # SKIP" fails, as in TAP::Parser: a directive a learner's
	 * text can carry must not turn a failure into a pass. */
	assert_false(run("1..2\nok 1 - a\nnot ok 2 - # SKIP no /sys\n"));
	assert_true(r.points[1].skip);
	assert_string_equal(r.points[1].description, "");
	assert_string_equal(r.points[1].directive, "SKIP no /sys");
	assert_string_equal(why, "1 of 2 tests failed: 2");
	assert_true(tap_point_failed(&r.points[1]));
	/* "SKIP\S*" (TAP 14 backwards compatibility). */
	assert_true(run("1..1\nok 1 - w # Skipped: only on windows\n"));
	assert_string_equal(r.points[0].directive, "SKIP only on windows");
	assert_true(run("1..1\nok 1 - #SkIp case insensitive\n"));
	assert_true(r.points[0].skip);
	/* "ok # TODO" passes (TAP::Parser: "unexpectedly succeeded"). */
	assert_true(run("1..1\nok 1 - fixed # TODO was broken\n"));
	assert_false(tap_point_failed(&r.points[0]));
}

static void test_tap__directive_only_at_the_first_unescaped_hash(void **state)
{
	(void)state;
	/* TAP::Parser looks only at the first unescaped '#', wherever it is. */
	assert_false(run("1..1\nnot ok 1 - C#sharp # TODO later\n"));
	assert_null(r.points[0].directive);
	assert_string_equal(r.points[0].description, "C#sharp # TODO later");
	assert_true(run("1..1\nnot ok 1 - page.html#todo\n"));
	assert_string_equal(r.points[0].directive, "TODO");
	assert_string_equal(r.points[0].description, "page.html");
	/* TAP 14's "ok 5 - hello \\# todo": an escaped backslash, then a
	 * directive. */
	assert_true(run("1..1\nnot ok 1 - hello \\\\# todo hash \\# character\n"));
	assert_string_equal(r.points[0].description, "hello \\");
	assert_string_equal(r.points[0].directive, "TODO hash # character");
	/* TODO ends at a non-word character, as TAP::Parser's "TODO\b". */
	assert_false(run("1..1\nnot ok 1 - x # TODOs\n"));
	assert_null(r.points[0].directive);
	assert_string_equal(r.points[0].description, "x # TODOs");
	assert_true(run("1..1\nnot ok 1 - x #TODO\n"));
	assert_string_equal(r.points[0].directive, "TODO");
	assert_true(run("1..1\nnot ok 1 - x # TODO & SKIP both\n"));
	assert_string_equal(r.points[0].directive, "TODO & SKIP both");
}

static void test_tap__unknown_directive_stays_in_description(void **state)
{
	(void)state;
	/* node-tap's timing, pytest-tap's strict XPASS: TAP 14 says unknown
	 * directives must not fail a test. */
	assert_true(run("1..1\nok 1 - a # time=1.2ms\n"));
	assert_null(r.points[0].directive);
	assert_string_equal(r.points[0].description, "a # time=1.2ms");
	assert_false(run("1..1\nnot ok 1 t.py::test_strict # unexpected success: [XPASS(strict)]\n"));
	assert_null(r.points[0].directive);
}

static void test_tap__escaped_hash_is_not_a_directive(void **state)
{
	(void)state;
	assert_false(run("1..1\nnot ok 1 - hello \\# TODO not a directive\n"));
	assert_null(r.points[0].directive);
	assert_false(r.points[0].todo);
	assert_string_equal(r.points[0].description, "hello # TODO not a directive");
	assert_string_equal(why, "1 of 1 test failed: 1 - hello # TODO not a directive");
	/* An escaped backslash does not escape the '#'. */
	assert_true(run("1..1\nnot ok 1 - hello \\\\ # todo hash \\# character\n"));
	assert_string_equal(r.points[0].description, "hello \\");
	assert_string_equal(r.points[0].directive, "TODO hash # character");
	/* Other backslashes are literal. */
	run("1..1\nok 1 - C:\\dir\\n\n");
	assert_string_equal(r.points[0].description, "C:\\dir\\n");
}

static void test_tap__hash_inside_words_or_unknown_directive_is_description(void **state)
{
	(void)state;
	assert_true(run("1..2\nok 1 not skipped: https://example.com/page.html#skip\n"
			"ok 2 - hello # description # todo\n"));
	/* The first '#' starts a directive even inside a word (TAP::Parser);
	 * on an "ok" point a SKIP there cannot change the verdict. */
	assert_string_equal(r.points[0].directive, "SKIP");
	assert_string_equal(r.points[0].description, "not skipped: https://example.com/page.html");
	assert_null(r.points[1].directive);
	assert_string_equal(r.points[1].description, "hello # description # todo");
}

static void test_tap__description_dash_and_spacing(void **state)
{
	(void)state;
	run("1..4\nok 1 this is fine\nok 2 - this is fine\nok 3 -\nok 4 -5 degrees\n");
	assert_string_equal(r.points[0].description, "this is fine");
	assert_string_equal(r.points[1].description, "this is fine");
	assert_string_equal(r.points[2].description, "");
	assert_string_equal(r.points[3].description, "-5 degrees");
}

static void test_tap__missing_numbers_follow_the_sequence(void **state)
{
	(void)state;
	assert_false(run("1..6\nnot ok\nok\nnot ok\nok\nok\n"));
	assert_int_equal(r.n_points, 5);
	assert_int_equal(r.points[4].number, 5);
	assert_string_equal(why, "the plan promised 6 tests but 5 ran; 2 failed: 1, 3");
	assert_true(run("ok - a\nok 2 - b\nok\n1..3\n"));
	assert_int_equal(r.points[2].number, 3);
	assert_string_equal(r.points[0].description, "a");
}

static void test_tap__out_of_sequence_is_a_problem(void **state)
{
	(void)state;
	assert_false(run("1..3\nok 1\nok 3\nok 2\n"));
	assert_string_equal(r.problem, "test 3 out of sequence (expected 2)");
	assert_string_equal(why, "malformed TAP: test 3 out of sequence (expected 2)");
	assert_false(run("1..1\nok 0\n"));
	assert_string_equal(r.problem, "test 0 out of sequence (expected 1)");
}

static void test_tap__repeated_number_is_a_problem(void **state)
{
	(void)state;
	/* A script that prints "ok 1" for every test must not pass. */
	assert_false(run("1..3\nok 1\nok 1\nok 1\n"));
	assert_string_equal(r.problem, "test 1 appears twice");
	assert_int_equal(r.n_points, 3);
}

static void test_tap__huge_number_is_handled(void **state)
{
	(void)state;
	assert_false(run("1..1\nok 99999999999999999999999999 - big\n"));
	assert_non_null(r.problem);
	assert_non_null(strstr(r.problem, "out of sequence (expected 1)"));
	assert_string_equal(r.points[0].description, "big");
	assert_false(run("1..99999999999999999999999\nok 1\n"));
	assert_string_equal(why, "the plan promised 9223372036854775807 tests but 1 ran");
}

static void test_tap__plan_twice_is_a_problem(void **state)
{
	(void)state;
	assert_false(run("1..2\nok 1\nok 2\n1..2\n"));
	assert_string_equal(r.problem, "plan appears twice");
	assert_string_equal(why, "malformed TAP: plan appears twice");
	assert_int_equal(r.plan, 2);
	/* A learner's program printing its own plan cannot replace ours. */
	assert_false(run("TAP version 13\n1..3\n1..1\nok 1\n"));
	assert_string_equal(r.problem, "plan appears twice");
}

static void test_tap__point_after_trailing_plan_is_a_problem(void **state)
{
	(void)state;
	assert_false(run("ok 1\n1..1\nok 2\n"));
	assert_string_equal(r.problem, "test 2 comes after the plan at the end");
}

static void test_tap__plan_must_start_at_one(void **state)
{
	(void)state;
	assert_false(run("2..3\nok 1\nok 2\n"));
	assert_string_equal(r.problem, "plan 2..3 does not start at 1");
	/* Not a plan at all: garbage after the numbers. */
	assert_false(run("1..2 tests\nok 1\nok 2\n"));
	assert_int_equal(r.plan, -1);
	assert_true(run("1..2 # two of them\nok 1\nok 2\n"));
}

static void test_tap__skip_all(void **state)
{
	(void)state;
	assert_true(run("TAP version 13\n1..0 # SKIP no database here\n"));
	assert_true(r.skip_all);
	assert_int_equal(r.plan, 0);
	assert_int_equal(r.n_points, 0);
	assert_false(run("1..0 # skip\nok 1\n"));
	assert_string_equal(r.problem, "the plan 1..0 skips every test but 1 test ran");
}

static void test_tap__yaml_block_attaches_to_previous_point(void **state)
{
	(void)state;
	assert_false(run("TAP version 13\n1..2\nnot ok 1 - login\n  ---\n  message: 'bad'\n"
			 "  got:\n    - 1\n\n  wanted: 2\n  ...\nok 2 - after\n"));
	assert_string_equal(r.points[0].diagnostic, "message: 'bad'\ngot:\n  - 1\n\nwanted: 2");
	assert_null(r.points[1].diagnostic);
	assert_int_equal(r.n_points, 2);
	assert_string_equal(why, "1 of 2 tests failed: 1 - login");
}

static void test_tap__yaml_lines_are_not_tap(void **state)
{
	(void)state;
	/* "ok", "1..1" and "Bail out!" inside YAML are data, not TAP. */
	assert_true(run("1..1\nok 1\n  ---\n  ok 5\n  1..9\n  Bail out! no\n  ...\n"));
	assert_int_equal(r.n_points, 1);
	assert_false(r.bailed_out);
	assert_string_equal(r.points[0].diagnostic, "ok 5\n1..9\nBail out! no");
}

static void test_tap__unterminated_yaml_recovers(void **state)
{
	(void)state;
	assert_true(run("1..2\nok 1\n  ---\n  a: 1\nok 2\n"));
	assert_int_equal(r.n_points, 2);
	assert_string_equal(r.points[0].diagnostic, "a: 1");
	assert_true(run("1..1\nok 1\n  ---\n  a: 1\n"));
	assert_string_equal(r.points[0].diagnostic, "a: 1");
}

static void test_tap__yaml_marker_without_point_is_ignored(void **state)
{
	(void)state;
	assert_true(run("1..1\n  ---\n  x: 1\n  ...\nok 1\n"));
	assert_null(r.points[0].diagnostic);
	/* Garbage between the point and the block detaches it. */
	run("1..1\nok 1\nnoise\n  ---\n  x: 1\n  ...\n");
	assert_null(r.points[0].diagnostic);
}

static void test_tap__comments_after_point_are_its_diagnostic(void **state)
{
	(void)state;
	assert_false(run("# before any test\n1..2\nnot ok 1 - sums\n  # expected 3\n"
			 "  # got 4\nok 2\n# after 2\n"));
	assert_string_equal(r.points[0].diagnostic, "expected 3\ngot 4");
	assert_string_equal(r.points[1].diagnostic, "after 2");
	/* Comments followed by YAML: both kept, in order. */
	run("1..1\nnot ok 1\n# note\n  ---\n  k: v\n  ...\n");
	assert_string_equal(r.points[0].diagnostic, "note\nk: v");
	/* Comments after a trailing plan are not the last point's. */
	run("ok 1\n1..1\n# tests 1\n");
	assert_null(r.points[0].diagnostic);
}

static void test_tap__bail_out_stops_and_fails(void **state)
{
	(void)state;
	assert_false(run("1..3\nok 1\nBail out! MySQL is not running.\nok 2\nok 3\n"));
	assert_true(r.bailed_out);
	assert_string_equal(r.bail_reason, "MySQL is not running.");
	assert_int_equal(r.n_points, 1);
	assert_string_equal(why, "the tests bailed out: MySQL is not running.");
	assert_false(run("1..1\nok 1\nbail OUT!\n"));
	assert_true(r.bailed_out);
	assert_null(r.bail_reason);
	assert_string_equal(why, "the tests bailed out");
	assert_false(run("Bail out! \\# and \\\\ unsupported\n"));
	assert_string_equal(r.bail_reason, "# and \\ unsupported");
}

static const char tap14_subtests[] =
	"TAP version 14\n"
	"1..2\n"
	"\n"
	"# Subtest: foo.tap\n"
	"    1..2\n"
	"    ok 1\n"
	"    ok 2 - this passed\n"
	"ok 1 - foo.tap\n"
	"\n"
	"# Subtest: bar.tap\n"
	"    ok 1 - object should be a Bar\n"
	"    not ok 2 - object.isBar should return true\n"
	"      ---\n"
	"      found: false\n"
	"      wanted: true\n"
	"      ...\n"
	"    ok 3 - object can bar bears # TODO\n"
	"    1..3\n"
	"not ok 2 - bar.tap\n"
	"  ---\n"
	"  fail: 1\n"
	"  todo: 1\n"
	"  ...\n";

static void test_tap__subtests_are_summarised_by_parent(void **state)
{
	(void)state;
	assert_false(run(tap14_subtests));
	assert_int_equal(r.n_points, 2);
	assert_int_equal(r.plan, 2);
	assert_null(r.problem);
	assert_true(r.points[0].ok);
	assert_null(r.points[0].diagnostic);
	assert_false(r.points[1].ok);
	assert_string_equal(r.points[1].description, "bar.tap");
	assert_string_equal(r.points[1].diagnostic,
			    "subtest: 1 of 3 tests failed: 2 - object.isBar should return true\n"
			    "fail: 1\ntodo: 1");
	assert_string_equal(why, "1 of 2 tests failed: 2 - bar.tap");
}

static void test_tap__bare_and_nested_subtests(void **state)
{
	(void)state;
	assert_true(run("TAP version 14\n"
			"        ok 1 - nested twice\n"
			"        1..1\n"
			"    ok 1 - nested parent\n"
			"    1..1\n"
			"ok 1 - double nest passing\n"
			"1..1\n"));
	assert_int_equal(r.n_points, 1);
	assert_string_equal(r.points[0].description, "double nest passing");
	assert_null(r.problem);
}

static void test_tap__ok_parent_cannot_hide_failing_subtest(void **state)
{
	(void)state;
	assert_false(run("1..1\n# Subtest: s\n    1..2\n    ok 1\n    not ok 2\nok 1 - s\n"));
	assert_string_equal(r.problem, "test 1 - s is ok but its subtest did not pass: "
			    "1 of 2 tests failed: 2");
	/* ... unless the parent is a TODO. */
	assert_true(run("1..1\n# Subtest: s\n    1..1\n    not ok 1\nok 1 - s # TODO\n"));
	/* A subtest missing its plan is a failing subtest too. */
	assert_false(run("1..1\n    ok 1\nok 1\n"));
	assert_non_null(strstr(why, "its subtest did not pass: no plan"));
}

static void test_tap__subtest_name_must_match(void **state)
{
	(void)state;
	assert_false(run("1..1\n# Subtest: alpha\n    1..1\n    ok 1\nok 1 - beta\n"));
	assert_string_equal(r.problem, "subtest 'alpha' was ended by test 1 'beta'");
	/* The name is compared without directives, known or unknown. */
	assert_true(run("TAP version 14\n# Subtest: a\n    ok 1 - x\n    1..1\n"
			"ok 1 - a # time=1.2ms\n1..1\n"));
	assert_null(r.problem);
	assert_true(run("1..1\n# Subtest: a\n    1..1\n    ok 1\nok 1 - a # SKIP later\n"));
	assert_true(run("1..1\n# Subtest: a\n    1..1\n    not ok 1\nnot ok 1 - a # TODO later\n"));
	/* Escaped alike: "# Subtest: a \# b" and "ok 1 - a \# b # time=1ms". */
	assert_true(run("1..1\n# Subtest: h \\# x\n    1..1\n    ok 1\nok 1 - h \\# x # time=1ms\n"));
	assert_null(r.problem);
	/* A "#" the producer did not escape is still the same name. */
	assert_true(run("1..1\n# Subtest: h # x\n    1..1\n    ok 1\nok 1 - h # x\n"));
	/* Older Test2 ends a streamed subtest with "Subtest: name". */
	assert_true(run("1..1\n# Subtest: s\n    ok 1\n    1..1\nok 1 - Subtest: s\n"));
	assert_null(r.problem);
	/* Test::More ends a skipped subtest with a point without a name. */
	assert_true(run("1..1\n# Subtest: skipped inner\n    1..0 # SKIP not here\nok 1 # skip not here\n"));
	assert_null(r.problem);
	assert_false(run("1..1\n# Subtest: a\n    1..1\n    ok 1\nok 1 - ab # time=1ms\n"));
	assert_string_equal(r.problem, "subtest 'a' was ended by test 1 'ab # time=1ms'");
}

static void test_tap__buffered_subtest(void **state)
{
	(void)state;
	/* Test2's subtest_buffered. */
	assert_true(run("ok 1 - buf ok {\n    ok 1 - a\n    ok 2 - b\n    1..2\n}\n"
			"not ok 2 - buf fail {\n    ok 1 - a\n    not ok 2 - b\n    1..2\n}\n"
			"1..2\n") == false);
	assert_null(r.problem);
	assert_int_equal(r.n_points, 2);
	assert_string_equal(r.points[0].description, "buf ok");
	assert_string_equal(r.points[1].description, "buf fail");
	assert_string_equal(r.points[1].diagnostic, "subtest: 1 of 2 tests failed: 2 - b");
	assert_string_equal(why, "1 of 2 tests failed: 2 - buf fail");
	/* The brace before the directive (Test2) or after it. */
	assert_true(run("1..2\nnot ok 1 - t { # TODO not yet\n    not ok 1\n    1..1\n}\n"
			"ok 2 - s # SKIP no db {\n    1..0\n}\n"));
	assert_string_equal(r.points[0].description, "t");
	assert_string_equal(r.points[0].directive, "TODO not yet");
	assert_string_equal(r.points[1].directive, "SKIP no db");
	/* Nested buffered subtests. */
	assert_false(run("1..1\nok 1 - outer {\n    ok 1 - inner {\n        not ok 1\n"
			 "        1..1\n    }\n    1..1\n}\n"));
	assert_non_null(strstr(r.problem, "test 1 - outer is ok but its subtest did not pass"));
	/* A missing "}" does not save a failing body. */
	assert_false(run("1..1\nok 1 - x {\n    not ok 1\n    1..1\n"));
	assert_non_null(strstr(why, "test 1 - x is ok but its subtest did not pass"));
	/* A body that a point ends, not a "}", is that point's subtest, as
	 * in any other form: the brace was just text (tap-parser's
	 * subtest-confusing.tap). */
	assert_false(run("ok 1 - x {\n    not ok 1\n    1..1\nok 2\n1..2\n"));
	assert_non_null(strstr(why, "test 2 is ok but its subtest did not pass"));
	assert_string_equal(r.points[0].description, "x {");
	assert_true(run("TAP version 13\nok 1 - a brace looks like this {\n    # Subtest: x\n"
			"        # Subtest: y\n        ok 1 - ypoint\n        1..1\n    ok 1 - y\n"
			"    1..1\nok 2 - x\n1..2\n"));
	assert_null(r.problem);
	/* node-tap: "{" on its own line, after the point's YAML. */
	assert_false(run("1..1\nok 1 - child # time=4ms\n  ---\n  some: diagnostics\n  ...\n"
			 "{\n    not ok 1\n    1..1\n}\n"));
	assert_non_null(strstr(why, "test 1 - child # time=4ms is ok but its subtest did not pass"));
	assert_string_equal(r.points[0].diagnostic, "some: diagnostics\nsubtest: 1 of 1 test failed: 1");
	assert_true(run("1..1\nok 1 - child\n{\n    ok 1\n    1..1\n}\n"));
	assert_null(r.problem);
	/* One body per point: a second "{" is not TAP, and its body is a
	 * bare subtest that no point ends. */
	assert_true(run("1..1\nok 1 - child\n{\n    ok 1\n    1..1\n}\n{\n    not ok 1\n}\n"));
	assert_null(r.points[0].diagnostic);
	/* A description that just ends in "{" keeps it. */
	assert_true(run("1..2\nok 1 - prints {\nok 2 - }\n"));
	assert_string_equal(r.points[0].description, "prints {");
	assert_true(run("1..1\nok 1 - prints {\n# a comment\n}\n"));
	assert_string_equal(r.points[0].description, "prints {");
}

/* The same failing child under an "ok" parent, in each subtest form TAP
 * producers write: every form fails, with the same reason. */
static void test_tap__every_subtest_form_fails_alike(void **state)
{
	static const char *const forms[] = {
		"1..1\n# Subtest: s\n    ok 1\n    not ok 2\n    1..2\nok 1 - s\n",
		"1..1\n    ok 1\n    not ok 2\n    1..2\nok 1 - s\n",
		"1..1\nok 1 - s {\n    ok 1\n    not ok 2\n    1..2\n}\n",
		"TAP version 14\n# Subtest: s\n    ok 1\n    not ok 2\n    1..2\nok 1 - s # time=3ms\n1..1\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		assert_false(run(forms[i]));
		assert_non_null(r.problem);
		assert_non_null(strstr(r.problem, "is ok but its subtest did not pass: "
					      "1 of 2 tests failed: 2"));
	}
}

static void test_tap__tap12_todo_plan(void **state)
{
	(void)state;
	/* "1..5 todo 3 2;": tests 3 and 2 are TODO, as TAP::Parser reads it. */
	assert_true(run("1..5 todo 3 2;\nok 1\nnot ok 2\nnot ok 3\nok 4\nok 5\n"));
	assert_int_equal(r.plan, 5);
	assert_true(r.points[1].todo);
	assert_string_equal(r.points[2].directive, "TODO");
	assert_false(r.points[3].todo);
	assert_false(run("1..3 todo 2\nok 1\nok 2\nnot ok 3\n"));
	assert_string_equal(why, "1 of 3 tests failed: 3");
	/* TAP::Parser applies the list to numbered tests only, and a trailing
	 * plan's list to none. */
	assert_false(run("1..2 todo 2\nok\nnot ok\n"));
	assert_false(run("ok 1\nnot ok 2\n1..2 todo 2\n"));
	/* TAP 13 and 14 have no such plan: say so, not "stopped early". */
	assert_false(run("TAP version 13\n1..5 todo 3 2;\nok 1\nnot ok 2\nnot ok 3\nok 4\nok 5\n"));
	assert_string_equal(why, "malformed TAP: the plan '1..5 todo 3 2;' lists TODO tests, "
			    "which only TAP 12 (no version line) allows; mark each test with "
			    "'# TODO' instead");
}

static void test_tap__bail_out_in_subtest_stops_everything(void **state)
{
	(void)state;
	assert_false(run("1..2\n# Subtest: s\n    1..2\n    ok 1\n    Bail out! disk full\n"
			 "ok 1 - s\nok 2\n"));
	assert_true(r.bailed_out);
	assert_string_equal(r.bail_reason, "disk full");
	assert_int_equal(r.n_points, 0);
}

static void test_tap__indented_comments_are_not_subtests(void **state)
{
	(void)state;
	assert_false(run("1..2\nnot ok 1 - x\n    # deeply indented note\nok 2\n"));
	assert_string_equal(r.points[0].diagnostic, "deeply indented note");
	assert_null(r.problem);
}

static void test_tap__unterminated_subtest_is_ignored(void **state)
{
	(void)state;
	assert_true(run("1..1\nok 1\n# Subtest: late\n    1..1\n    ok 1\n"));
	assert_int_equal(r.n_points, 1);
}

static void test_tap__garbage_lines_are_ignored(void **state)
{
	(void)state;
	assert_true(run("hello from the program\nTAP version 13\n1..2\nokay this is not a point\n"
			"ok 1 - a\n  ok 7 - two-space indent is not TAP\nnotok\nnot okay\n"
			"pragma +strict\nok 2 - b\nrandom 1..5\n"));
	assert_int_equal(r.n_points, 2);
	assert_int_equal(r.plan, 2);
	assert_int_equal(r.version, 13);
}

static void test_tap__line_endings(void **state)
{
	(void)state;
	assert_true(run("TAP version 13\r\n1..2\r\nok 1 - a\r\nok 2 - b\r\n"));
	assert_string_equal(r.points[0].description, "a");
	assert_true(run("1..2\rok 1\rok 2"));
	assert_int_equal(r.n_points, 2);
}

static void test_tap__version_line_problems(void **state)
{
	(void)state;
	assert_false(run("TAP version 13\nTAP version 13\n1..1\nok 1\n"));
	assert_string_equal(r.problem, "version line appears twice");
	assert_false(run("1..1\nTAP version 13\nok 1\n"));
	assert_string_equal(r.problem, "version line after the tests started");
	assert_false(run("TAP version 99\n1..1\nok 1\n"));
	assert_string_equal(r.problem, "unsupported TAP version '99'");
}

static void test_tap__nul_bytes_do_not_truncate_or_crash(void **state)
{
	static const char text[] = "1..2\nok 1 - a\0b\nnot ok 2\n  # x\0y\n";
	(void)state;
	tap_result_clear(&r);
	tap_parse(text, sizeof(text) - 1, &r);
	assert_int_equal(r.n_points, 2);
	assert_string_equal(r.points[0].description, "a?b");
	assert_string_equal(r.points[1].diagnostic, "x?y");
	assert_false(tap_passed(&r, why, sizeof(why)));
}

static void test_tap__flood_of_points_is_cut(void **state)
{
	size_t n = 100001;
	char *text = malloc(n * 3 + 1);
	(void)state;
	for (size_t i = 0; i < n; i++)
		memcpy(text + 3 * i, "ok\n", 3);
	tap_result_clear(&r);
	tap_parse(text, n * 3, &r);
	free(text);
	assert_int_equal(r.n_points, 100000);
	assert_string_equal(r.problem, "more than 100000 test points");
}

static void test_tap__deep_indentation_is_bounded(void **state)
{
	/* 200 levels of bare subtests, each ended by its "ok 1": parsing stops
	 * nesting at a fixed depth instead of recursing 200 times. */
	struct strbuf_like { char *p; size_t n; } t = { malloc(200 * 205 * 4), 0 };
	(void)state;
	for (int k = 200; k >= 0; k--) {
		memset(t.p + t.n, ' ', (size_t)k * 4);
		t.n += (size_t)k * 4;
		memcpy(t.p + t.n, "ok 1\n", 5);
		t.n += 5;
	}
	tap_result_clear(&r);
	tap_parse(t.p, t.n, &r);
	free(t.p);
	assert_int_equal(r.n_points, 1);
	assert_int_equal(r.plan, -1);
	/* The innermost level has no plan, which fails every parent. */
	assert_non_null(r.problem);
	assert_non_null(strstr(r.problem, "is ok but its subtest did not pass"));
}

static void test_tap__null_text_is_empty(void **state)
{
	(void)state;
	tap_result_clear(&r);
	tap_parse(NULL, 5, &r);
	assert_int_equal(r.n_points, 0);
	assert_int_equal(r.plan, -1);
	assert_false(tap_passed(&r, why, sizeof(why)));
}

static void test_tap__taplib_style_output(void **state)
{
	(void)state;
	/* What the packs' tests/taplib.py prints for a failing import. */
	assert_false(run("TAP version 13\n1..2\n"
			 "not ok 1 - not run: users.py not found: your submission must contain the file users.py\n"
			 "  # users.py not found: your submission must contain the file users.py\n"
			 "not ok 2 - not run: users.py not found: your submission must contain the file users.py\n"));
	assert_string_equal(r.points[0].diagnostic,
			    "users.py not found: your submission must contain the file users.py");
	assert_null(r.points[1].diagnostic);
	assert_non_null(strstr(why, "2 of 2 tests failed: 1 - not run: users.py not found"));
}

struct verdict {
	bool pass;
	size_t ran, failed;
	char why[512];
};

static int judge_file(const char *path, struct verdict *v)
{
	char *text;
	size_t len;
	struct tap_result t;
	int e = util_read_file(path, 16 << 20, &text, &len);

	if (e < 0)
		return e;
	tap_parse(text, len, &t);
	v->pass = tap_passed(&t, v->why, sizeof(v->why));
	v->ran = t.n_points;
	v->failed = 0;
	for (size_t i = 0; i < t.n_points; i++)
		v->failed += tap_point_failed(&t.points[i]);
	tap_result_clear(&t);
	free(text);
	return 0;
}

static int verdict_main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 2; i < argc; i++) {
		struct verdict v;
		int e = judge_file(argv[i], &v);
		if (e < 0) {
			fprintf(stderr, "test_tap: %s: %s\n", argv[i], strerror(-e));
			rc = 1;
			continue;
		}
		for (char *c = v.why; *c; c++)
			if (*c == '\t' || *c == '\n')
				*c = ' ';
		printf("%s\t%s\t%zu\t%zu\t%s\n", argv[i], v.pass ? "pass" : "fail", v.ran, v.failed,
		       v.why);
	}
	return rc;
}

/* $ROOT/tests/fixtures/tap (the suites set ROOT), else next to this file. */
static char *corpus_path(const char *name)
{
	const char *root = getenv("ROOT");
	if (root && *root)
		return xasprintf("%s/tests/fixtures/tap/%s", root, name);
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", __FILE__);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	return xasprintf("%s/../fixtures/tap/%s", dir, name);
}

/* Every row of verdicts.tsv: roadmap-run's verdict and counts as pinned. */
static void test_tap__outside_corpus_verdicts(void **state)
{
	char *tsv = corpus_path("verdicts.tsv");
	char *text;
	size_t len, rows = 0;
	(void)state;

	if (util_read_file(tsv, 1 << 20, &text, &len) < 0)
		fail_msg("cannot read '%s'", tsv);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char file[256], want[8];
		size_t ran, failed;
		struct verdict v;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%255s %7s %zu %zu", file, want, &ran, &failed) != 4)
			fail_msg("verdicts.tsv: bad row '%s'", line);
		char *path = corpus_path(file);
		if (judge_file(path, &v) < 0)
			fail_msg("cannot read '%s'", path);
		if (strcmp(want, v.pass ? "pass" : "fail") != 0 || ran != v.ran || failed != v.failed)
			fail_msg("%s: pinned %s, %zu ran, %zu failed; got %s, %zu ran, %zu failed (%s)",
				 file, want, ran, failed, v.pass ? "pass" : "fail", v.ran, v.failed,
				 v.why);
		free(path);
		rows++;
	}
	assert_true(rows >= 30);
	free(text);
	free(tsv);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--verdict") == 0)
		return verdict_main(argc, argv);

	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_tap__plain_passing_run, teardown),
		cmocka_unit_test_teardown(test_tap__version_defaults_to_12_and_accepts_14, teardown),
		cmocka_unit_test_teardown(test_tap__trailing_plan_passes, teardown),
		cmocka_unit_test_teardown(test_tap__ok_then_exit_without_plan_fails, teardown),
		cmocka_unit_test_teardown(test_tap__empty_output_fails, teardown),
		cmocka_unit_test_teardown(test_tap__plan_promising_more_fails, teardown),
		cmocka_unit_test_teardown(test_tap__failures_are_listed, teardown),
		cmocka_unit_test_teardown(test_tap__failure_list_is_cut_to_fit, teardown),
		cmocka_unit_test_teardown(test_tap__todo_failure_does_not_fail, teardown),
		cmocka_unit_test_teardown(test_tap__skip_is_ok_only_on_an_ok_point, teardown),
		cmocka_unit_test_teardown(test_tap__directive_only_at_the_first_unescaped_hash, teardown),
		cmocka_unit_test_teardown(test_tap__unknown_directive_stays_in_description, teardown),
		cmocka_unit_test_teardown(test_tap__escaped_hash_is_not_a_directive, teardown),
		cmocka_unit_test_teardown(test_tap__hash_inside_words_or_unknown_directive_is_description, teardown),
		cmocka_unit_test_teardown(test_tap__description_dash_and_spacing, teardown),
		cmocka_unit_test_teardown(test_tap__missing_numbers_follow_the_sequence, teardown),
		cmocka_unit_test_teardown(test_tap__out_of_sequence_is_a_problem, teardown),
		cmocka_unit_test_teardown(test_tap__repeated_number_is_a_problem, teardown),
		cmocka_unit_test_teardown(test_tap__huge_number_is_handled, teardown),
		cmocka_unit_test_teardown(test_tap__plan_twice_is_a_problem, teardown),
		cmocka_unit_test_teardown(test_tap__point_after_trailing_plan_is_a_problem, teardown),
		cmocka_unit_test_teardown(test_tap__plan_must_start_at_one, teardown),
		cmocka_unit_test_teardown(test_tap__skip_all, teardown),
		cmocka_unit_test_teardown(test_tap__yaml_block_attaches_to_previous_point, teardown),
		cmocka_unit_test_teardown(test_tap__yaml_lines_are_not_tap, teardown),
		cmocka_unit_test_teardown(test_tap__unterminated_yaml_recovers, teardown),
		cmocka_unit_test_teardown(test_tap__yaml_marker_without_point_is_ignored, teardown),
		cmocka_unit_test_teardown(test_tap__comments_after_point_are_its_diagnostic, teardown),
		cmocka_unit_test_teardown(test_tap__bail_out_stops_and_fails, teardown),
		cmocka_unit_test_teardown(test_tap__subtests_are_summarised_by_parent, teardown),
		cmocka_unit_test_teardown(test_tap__bare_and_nested_subtests, teardown),
		cmocka_unit_test_teardown(test_tap__ok_parent_cannot_hide_failing_subtest, teardown),
		cmocka_unit_test_teardown(test_tap__subtest_name_must_match, teardown),
		cmocka_unit_test_teardown(test_tap__buffered_subtest, teardown),
		cmocka_unit_test_teardown(test_tap__every_subtest_form_fails_alike, teardown),
		cmocka_unit_test_teardown(test_tap__tap12_todo_plan, teardown),
		cmocka_unit_test_teardown(test_tap__bail_out_in_subtest_stops_everything, teardown),
		cmocka_unit_test_teardown(test_tap__indented_comments_are_not_subtests, teardown),
		cmocka_unit_test_teardown(test_tap__unterminated_subtest_is_ignored, teardown),
		cmocka_unit_test_teardown(test_tap__garbage_lines_are_ignored, teardown),
		cmocka_unit_test_teardown(test_tap__line_endings, teardown),
		cmocka_unit_test_teardown(test_tap__version_line_problems, teardown),
		cmocka_unit_test_teardown(test_tap__nul_bytes_do_not_truncate_or_crash, teardown),
		cmocka_unit_test_teardown(test_tap__flood_of_points_is_cut, teardown),
		cmocka_unit_test_teardown(test_tap__deep_indentation_is_bounded, teardown),
		cmocka_unit_test_teardown(test_tap__null_text_is_empty, teardown),
		cmocka_unit_test_teardown(test_tap__taplib_style_output, teardown),
		cmocka_unit_test(test_tap__outside_corpus_verdicts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
