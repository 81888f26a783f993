/* test_gift.c - the Moodle GIFT importer, on realistic banks from
 * tests/fixtures/gift/ and on small malformed inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libgen.h>
#include <unistd.h>
#include <cmocka.h>
/* cmocka's UNIT_TESTING redefines free(); memory from the library was made
 * by libc's malloc, so it must go back to libc's free. */
#undef free

#include "gift.h"
#include "quiz.h"
#include "util.h"

/* The fixture, found from the current directory (make check runs at the
 * top of the tree) or from the binary (build/tests/test_gift). */
static char *fixture(const char *name, size_t *len)
{
	char *text = NULL;
	char *path = xasprintf("tests/fixtures/gift/%s", name);
	if (util_read_file(path, 1 << 20, &text, len) == 0) {
		free(path);
		return text;
	}
	free(path);
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(n > 0);
	exe[n] = '\0';
	path = xasprintf("%s/../../tests/fixtures/gift/%s", dirname(exe), name);
	if (util_read_file(path, 1 << 20, &text, len) != 0)
		fail_msg("cannot find fixture %s (run from the top of the tree)", name);
	free(path);
	return text;
}

struct conv {
	cJSON *quiz;
	struct gift_stats st;
	struct diag_list d;
};

static void convert_text(struct conv *c, const char *text, size_t len, bool skip)
{
	memset(c, 0, sizeof(*c));
	c->quiz = gift_convert(text, len, "bank.gift", skip, &c->st, &c->d);
	assert_non_null(c->quiz);
}

static void convert_fixture(struct conv *c, const char *name, bool skip)
{
	size_t len;
	char *text = fixture(name, &len);
	convert_text(c, text, len, skip);
	free(text);
}

static void convert_str(struct conv *c, const char *text)
{
	convert_text(c, text, strlen(text), false);
}

static void conv_free(struct conv *c)
{
	cJSON_Delete(c->quiz);
	diag_clear(&c->d);
}

static const cJSON *q(const struct conv *c, const char *id)
{
	const cJSON *x = quiz_find_question(c->quiz, id);
	if (!x) {
		char *s = cJSON_Print(c->quiz);
		fprintf(stderr, "no question '%s' in:\n%s\n", id, s);
		free(s);
		diag_print(&c->d, stderr, NULL);
	}
	assert_non_null(x);
	return x;
}

static const char *str(const cJSON *obj, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
	assert_true(cJSON_IsString(x));
	return x->valuestring;
}

static double num(const cJSON *obj, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
	assert_true(cJSON_IsNumber(x));
	return x->valuedouble;
}

static char *json(const cJSON *obj, const char *key)
{
	return cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(obj, key));
}

static void assert_json(const cJSON *obj, const char *key, const char *want)
{
	char *got = json(obj, key);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The diagnostic at line with severity whose message contains needle. */
static const struct diag *diag_at(const struct conv *c, enum diag_severity sev, int line,
				  const char *needle)
{
	for (size_t i = 0; i < c->d.n; i++) {
		const struct diag *x = &c->d.items[i];
		if (x->severity == sev && x->line == line && strstr(x->message, needle))
			return x;
	}
	fprintf(stderr, "no diagnostic at line %d with '%s'; got:\n", line, needle);
	diag_print(&c->d, stderr, NULL);
	return NULL;
}

static void test_gift__http_bank_converts_every_supported_type(void **state)
{
	(void)state;
	struct conv c;
	convert_fixture(&c, "http-basics.gift", false);
	assert_int_equal(diag_errors(&c.d), 0);
	assert_int_equal(c.st.questions, 8);
	assert_int_equal(c.st.converted, 8);
	assert_int_equal(cJSON_GetArraySize(c.quiz), 8);
	assert_non_null(diag_at(&c, DIAG_NOTE, 4, "category '$course$/top/Backend/Week 3 - HTTP' ignored"));

	const cJSON *x = q(&c, "https-default-port");
	assert_string_equal(str(x, "type"), "single");
	assert_string_equal(str(x, "prompt"), "Which TCP port does `https://` use when the URL names none?");
	assert_json(x, "choices", "[\"80\",\"443\",\"8080\",\"22\"]");
	assert_json(x, "answer", "1");
	/* general feedback first, then the per-choice feedback */
	assert_non_null(strstr(str(x, "explanation"), "The scheme decides the default port"));
	assert_non_null(strstr(str(x, "explanation"), "- 22: SSH."));

	x = q(&c, "safe-methods");
	assert_string_equal(str(x, "type"), "multiple");
	assert_json(x, "answer", "[0,2]");
	assert_int_equal(num(x, "points"), 2); /* one point per right choice */

	x = q(&c, "tls-needed");
	assert_string_equal(str(x, "type"), "bool");
	assert_json(x, "answer", "true");
	/* {T#wrong-answer feedback#right-answer feedback} */
	assert_non_null(strstr(str(x, "explanation"),
			       "If you answered true: Correct: the first request can still be intercepted."));
	assert_non_null(strstr(str(x, "explanation"),
			       "If you answered false: Read about the trust-on-first-use problem."));

	x = q(&c, "hsts-header");
	assert_string_equal(str(x, "type"), "text");
	assert_json(x, "accept", "[\"Strict-Transport-Security\",\"Strict Transport Security\"]");

	x = q(&c, "rtt"); /* a question over two lines */
	assert_string_equal(str(x, "type"), "number");
	assert_non_null(strstr(str(x, "prompt"), "6000 km long.\nWhat is the minimum"));
	assert_true(num(x, "answer") == 60 && num(x, "tolerance") == 5);

	x = q(&c, "status-range"); /* {#400..499} */
	assert_true(num(x, "answer") == 449.5 && num(x, "tolerance") == 49.5);
	assert_non_null(strstr(str(x, "explanation"), "Any number from 400 to 499"));

	x = q(&c, "escapes");
	assert_string_equal(str(x, "prompt"),
			    "In a GIFT file, how do you write a literal equals sign = or a brace { inside a question?");
	assert_non_null(strstr(str(x, "explanation"), "The characters ~ = # { } and : need one."));

	x = q(&c, "q8"); /* untitled: numbered by position */
	assert_true(num(x, "answer") == 304 && num(x, "tolerance") == 0);

	/* whatever the importer makes passes the pack's own validation */
	struct diag_list vd = DIAG_LIST_INIT;
	assert_int_equal(quiz_validate(c.quiz, "quiz.json", &vd), 8 * 2); /* 50% weights: 2 points each */
	assert_int_equal(diag_errors(&vd), 0);
	diag_clear(&vd);
	conv_free(&c);
}

static void test_gift__unsupported_questions_are_named_with_their_line(void **state)
{
	(void)state;
	struct conv c;
	convert_fixture(&c, "moodle-features.gift", false);
	assert_int_equal(c.st.questions, 9);
	assert_int_equal(c.st.converted, 7);
	assert_int_equal(c.st.unsupported, 2);
	assert_int_equal(c.st.malformed, 0);
	assert_int_equal(diag_errors(&c.d), 2);
	assert_non_null(diag_at(&c, DIAG_ERROR, 19, "question 'Essay': an essay question"));
	assert_non_null(diag_at(&c, DIAG_ERROR, 21, "question 'This line is a description"));
	/* partial numeric credit, several right numbers, weighted short
	 * answers and matching are all kept now */
	assert_json(q(&c, "year-of-http-1-1"), "answers",
		    "[{\"answer\":1999,\"tolerance\":0,\"weight\":100},{\"answer\":1999,\"tolerance\":2,\"weight\":50}]");
	assert_json(q(&c, "capital"), "accept", "[\"Paris\",{\"text\":\"Lyon\",\"weight\":50}]");
	assert_string_equal(str(q(&c, "match-codes"), "type"), "match");

	/* missing word: the block becomes a blank in the prompt */
	assert_string_equal(str(q(&c, "missing-word"), "prompt"),
			    "The HTTP method used to submit an HTML form by default is _____ when no method attribute is given.");
	assert_json(q(&c, "grant"), "accept", "[\"no one\",\"nobody\"]");

	/* Moodle's '*' wildcard: every answer becomes a regex, in order */
	const cJSON *w = q(&c, "wildcard");
	assert_json(w, "regex", "[\"Cookie\",\"[^\\n]*cookie header\"]");
	cJSON *given = cJSON_CreateString("The Cookie header");
	const char *status;
	assert_int_equal(quiz_score_question(w, given, &status), num(w, "points"));
	cJSON_Delete(given);
	conv_free(&c);

	/* --skip-unsupported: the same questions, named as warnings */
	convert_fixture(&c, "moodle-features.gift", true);
	assert_int_equal(diag_errors(&c.d), 0);
	assert_int_equal(c.st.unsupported, 2);
	assert_non_null(diag_at(&c, DIAG_WARNING, 19, "question 'Essay'"));
	assert_int_equal(cJSON_GetArraySize(c.quiz), 7);
	conv_free(&c);
}

static void test_gift__malformed_input_gives_line_and_column(void **state)
{
	(void)state;
	struct conv c;
	convert_fixture(&c, "malformed.gift", true);
	assert_int_equal(c.st.malformed, 6);
	assert_int_equal(c.st.converted, 1);
	const struct diag *x = diag_at(&c, DIAG_ERROR, 3, "question 'Unclosed': unclosed '{'");
	assert_non_null(x);
	assert_int_equal(x->col, 28); /* the '{' */
	assert_string_equal(x->file, "bank.gift");
	assert_non_null(diag_at(&c, DIAG_ERROR, 5, "'eight' is not a number"));
	assert_non_null(diag_at(&c, DIAG_ERROR, 7, "at least 2 non-empty choices"));
	assert_non_null(diag_at(&c, DIAG_ERROR, 9, "positive weights add up to 0%"));
	assert_non_null(diag_at(&c, DIAG_ERROR, 11, "minimum 10 is above the maximum 1"));
	assert_non_null(diag_at(&c, DIAG_ERROR, 14, "a second answer block; is a blank line missing"));
	assert_non_null(q(&c, "good-one"));
	conv_free(&c);

	static const struct {
		const char *text;
		int line;
		const char *msg;
	} bad[] = {
		{ "::T::x{=a ~b", 1, "unclosed '{'" },
		{ "\n\n::T::x {=a\n~b\n\n~c}", 3, "unclosed '{'" },
		{ "::T::x {=a {~b}", 1, "'{' inside an answer block" },
		{ "::T::x } {=a ~b}", 1, "'}' without a '{'" },
		{ "::T::x {#}", 1, "no numeric answer" },
		{ "::T::x {#1:-1}", 1, "bad tolerance '-1'" },
		{ "::T::x {#1..z}", 1, "bad numeric range" },
		{ "::T::x {#=5 =%50%4}x", 1, "" }, /* fine: text after a numeric block */
		{ "::T::x {#=%50%5 =%20%4}", 1, "no numeric answer earns 100%" },
		{ "::T::x {=a ~%150%b}", 1, "weight 150% is not one of Moodle's grades" },
		{ "::T::x {=a ~%35%b}", 1, "weight 35% is not one of Moodle's grades" },
		{ "::T::x {=a ~%5b}", 1, "" }, /* not a weight: the choice reads "%5b" */
		{ "::T::x {~a}", 1, "at least 2 non-empty choices" },
		{ "::T::x {=a ~a}", 1, "two choices read 'a'" },
		{ "::T::x {maybe}", 1, "" }, /* a short answer, as in Moodle */
		{ "::T::x {=}", 1, "no answer is worth 100%" },
		{ "::T::{T}", 1, "no question text" },
		{ "x\n\n::T::y {~%50%a ~b}", 3, "add up to 50%" },
		{ "::T::x {#eight}", 1, "'eight' is not a number" },
		{ "::T::x {=a -> b =c}", 1, "has no '->'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		convert_str(&c, bad[i].text);
		if (!*bad[i].msg) {
			assert_int_equal(diag_errors(&c.d), 0);
		} else {
			if (!diag_at(&c, DIAG_ERROR, bad[i].line, bad[i].msg))
				fail_msg("input %zu: %s", i, bad[i].text);
		}
		conv_free(&c);
	}
}

static void test_gift__windows_file_with_bom_and_html(void **state)
{
	(void)state;
	struct conv c;
	convert_fixture(&c, "sql-windows.gift", false);
	assert_int_equal(diag_errors(&c.d), 0);
	assert_int_equal(c.st.converted, 3);
	const cJSON *x = q(&c, "prepared-statements");
	assert_string_equal(str(x, "prompt"), "<p>Which of these <b>prevents</b> SQL injection?</p>");
	assert_json(x, "choices", "[\"Parameterised queries with placeholders\",\"Escaping quotes by hand\","
		    "\"Checking that the input has no spaces\"]");
	assert_null(strchr(str(x, "explanation"), '\r'));
	x = q(&c, "where-clause");
	assert_string_equal(str(x, "prompt"),
			    "Complete the query safely: SELECT * FROM users WHERE name = _____ (the placeholder used by sqlite3)");
	assert_json(x, "accept", "[\"?\"]");
	assert_string_equal(str(q(&c, "tautology"), "prompt"),
			    "The input { ' OR 1=1 -- } is a classic injection payload.");
	conv_free(&c);
}

static void test_gift__titles_become_unique_ids(void **state)
{
	(void)state;
	struct conv c;
	convert_str(&c, "::Same Title!::a{T}\n\n::same title::b{T}\n\n::!!!::c{T}\n\nd{F}\n\n"
			"::Caf\303\251 \\: cr\303\250me::e{T}\n\n"
			"::aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa::f{T}\n\n"
			"::aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa::g{T}");
	assert_int_equal(diag_errors(&c.d), 0);
	char *ids = NULL;
	struct strbuf sb = STRBUF_INIT;
	const cJSON *x;
	cJSON_ArrayForEach(x, c.quiz)
		strbuf_addf(&sb, "%s ", str(x, "id"));
	ids = strbuf_detach(&sb);
	assert_string_equal(ids,
		"same-title same-title-2 q3 q4 caf-cr-me "
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-2 ");
	free(ids);
	conv_free(&c);
}

static void test_gift__comments_and_blank_lines_separate_questions(void **state)
{
	(void)state;
	struct conv c;
	/* a comment line inside a question does not end it; blank lines with
	 * spaces do; "//" inside text is text */
	convert_str(&c, "// header\n::A::See http://example.com/x\n// a note for the teacher\nand answer {T}\n   \t\n"
			"::B::second{F}\n");
	assert_int_equal(diag_errors(&c.d), 0);
	assert_int_equal(c.st.questions, 2);
	assert_string_equal(str(q(&c, "a"), "prompt"), "See http://example.com/x\nand answer");
	conv_free(&c);

	convert_str(&c, "");
	assert_int_equal(c.st.questions, 0);
	assert_int_equal(c.d.n, 0);
	conv_free(&c);

	convert_str(&c, "::A::x{T}\n\n::B::\xff{T}");
	assert_non_null(diag_at(&c, DIAG_ERROR, 3, "not UTF-8"));
	assert_int_equal(cJSON_GetArraySize(c.quiz), 0);
	conv_free(&c);
}

static void test_gift__general_feedback_and_weights(void **state)
{
	(void)state;
	struct conv c;
	convert_str(&c, "::W::Pick the odd numbers.{~%33.33333%1 ~%33.33333%3 ~%33.33334%5 ~%-100%2 ~4####Odd: not divisible by 2.}\n\n"
			"::S::Pick.{=right#yes ~%50%half ~wrong}");
	const cJSON *x = q(&c, "w");
	assert_json(x, "answer", "[0,1,2]");
	assert_int_equal(num(x, "points"), 6); /* thirds and halves: 6 points each */
	assert_string_equal(str(x, "explanation"), "Odd: not divisible by 2.");
	x = q(&c, "s");
	assert_json(x, "answer", "0");
	assert_json(x, "weights", "[100,50,0]");
	assert_int_equal(diag_errors(&c.d), 0);
	conv_free(&c);
}

/* Score of the question with this id for an answer written as JSON. */
static int score_of(const cJSON *quiz, const char *id, const char *answer_json, const char **status)
{
	const cJSON *q = quiz_find_question(quiz, id);
	assert_non_null(q);
	cJSON *given = cJSON_Parse(answer_json);
	int pts = quiz_score_question(q, given, status);
	cJSON_Delete(given);
	return pts;
}

static void test_gift__weights_grade_as_moodle_grades(void **state)
{
	(void)state;
	static const char bank[] =
		"::grant::Who? {~No one ~%50%Grant ~%50%Grant's wife ~Grant's father}\n\n"
		"::colours::Which? {~%50%yellow ~%-100%red ~%50%off-beige ~%-100%blue}\n\n"
		"::half::Which? {~wrong ~%50%half =full}\n\n"
		"::animal::Best animal?{=Frog =%50%Cat =%0%*}\n\n"
		"::grant-born::Born? {#=1822:0 =%50%1822:2}\n";
	struct conv c;
	const char *st;
	convert_text(&c, bank, strlen(bank), false);
	assert_int_equal(c.st.converted, 5);
	assert_int_equal(diag_errors(&c.d), 0);
	/* every question: 2 points, so 50% is exactly 1 */
	assert_int_equal(score_of(c.quiz, "grant", "[0,1,2,3]", &st), 2);
	assert_string_equal(st, "correct");
	assert_int_equal(score_of(c.quiz, "colours", "[0,1,2]", &st), 0);
	assert_int_equal(score_of(c.quiz, "colours", "[0]", &st), 1);
	assert_string_equal(st, "incorrect");
	assert_int_equal(score_of(c.quiz, "half", "1", &st), 1);
	assert_int_equal(score_of(c.quiz, "animal", "\" cat \"", &st), 1);
	assert_int_equal(score_of(c.quiz, "animal", "\"FROG\"", &st), 2);
	assert_int_equal(score_of(c.quiz, "animal", "\"dog\"", &st), 0);
	assert_int_equal(score_of(c.quiz, "grant-born", "1823", &st), 1);
	assert_int_equal(score_of(c.quiz, "grant-born", "1822", &st), 2);
	cJSON_Delete(c.quiz);
	diag_clear(&c.d);
}

static void test_gift__what_moodle_reads_differently(void **state)
{
	(void)state;
	static const char bank[] =
		"::empty::Some {~=some~a few}\n\n"
		"::reset::Command? {=%reset}\n\n"
		"::bare::Say one {One}\n\n"
		"::star::Operator? {=a\\*b}\n\n"
		"::lower::Lower case {true}\n\n"
		"::wrongfb::A number {#3:2~#Completely wrong}\n\n"
		"::pairs::Match {=Canada -> Ottawa =Italy -> Rome = -> Paris}\n";
	struct conv c;
	const char *st;
	convert_text(&c, bank, strlen(bank), false);
	assert_int_equal(c.st.converted, 7);
	assert_int_equal(diag_errors(&c.d), 0);
	/* the matching question's halves make every question 2 points */
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(quiz_find_question(c.quiz, "empty"), "choices")), 2);
	assert_int_equal(score_of(c.quiz, "reset", "\"%reset\"", &st), 2);
	assert_int_equal(score_of(c.quiz, "bare", "\"one\"", &st), 2);
	/* an escaped star is a literal star, not a wildcard */
	assert_int_equal(score_of(c.quiz, "star", "\"a*b\"", &st), 2);
	assert_int_equal(score_of(c.quiz, "star", "\"axxb\"", &st), 0);
	assert_string_equal(cJSON_GetObjectItem(quiz_find_question(c.quiz, "lower"), "type")->valuestring, "text");
	assert_int_equal(score_of(c.quiz, "wrongfb", "4.5", &st), 2);
	/* choices sorted: Ottawa, Paris, Rome */
	assert_int_equal(score_of(c.quiz, "pairs", "[0,2]", &st), 2);
	assert_int_equal(score_of(c.quiz, "pairs", "[0,1]", &st), 1); /* 1 of 2 pairs */
	assert_int_equal(score_of(c.quiz, "pairs", "[1,1]", &st), 0);
	cJSON_Delete(c.quiz);
	diag_clear(&c.d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gift__http_bank_converts_every_supported_type),
		cmocka_unit_test(test_gift__unsupported_questions_are_named_with_their_line),
		cmocka_unit_test(test_gift__malformed_input_gives_line_and_column),
		cmocka_unit_test(test_gift__windows_file_with_bom_and_html),
		cmocka_unit_test(test_gift__titles_become_unique_ids),
		cmocka_unit_test(test_gift__comments_and_blank_lines_separate_questions),
		cmocka_unit_test(test_gift__general_feedback_and_weights),
		cmocka_unit_test(test_gift__weights_grade_as_moodle_grades),
		cmocka_unit_test(test_gift__what_moodle_reads_differently),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
