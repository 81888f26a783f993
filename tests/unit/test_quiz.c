/* test_quiz.c - the quiz engine: validation, answers.json, scoring rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
/* cmocka's UNIT_TESTING redefines free(); memory from the library was made
 * by libc's malloc, so it must go back to libc's free. */
#undef free

#include "quiz.h"
#include "roadmap.h"

static const char *QUIZ =
	"[{\"id\":\"port\",\"type\":\"single\",\"prompt\":\"p\",\"choices\":[\"80\",\"443\",\"22\"],"
	"  \"answer\":1,\"explanation\":\"e\"},"
	" {\"id\":\"safe\",\"type\":\"multiple\",\"points\":4,\"prompt\":\"p\","
	"  \"choices\":[\"GET\",\"POST\",\"HEAD\",\"DELETE\",\"PATCH\"],\"answer\":[0,2],\"explanation\":\"e\"},"
	" {\"id\":\"tls\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\"},"
	" {\"id\":\"hdr\",\"type\":\"text\",\"points\":2,\"prompt\":\"p\",\"accept\":[\"Strict-Transport-Security\"],"
	"  \"regex\":[\"hsts( header)?\"],\"explanation\":\"e\"},"
	" {\"id\":\"rtt\",\"type\":\"number\",\"prompt\":\"p\",\"answer\":0.3,\"tolerance\":0.1,\"explanation\":\"e\"}]";

static cJSON *parse(const char *s)
{
	cJSON *j = cJSON_Parse(s);
	assert_non_null(j);
	return j;
}

/* The first diagnostic whose where or message contains needle, or NULL. */
static const struct diag *find_diag(const struct diag_list *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++) {
		if ((d->items[i].where && strstr(d->items[i].where, needle)) ||
		    strstr(d->items[i].message, needle))
			return &d->items[i];
	}
	return NULL;
}

static void dump(const struct diag_list *d)
{
	diag_print(d, stderr, "test");
}

/* Validate one question (JSON object text); returns the diagnostics. */
static void validate_one(const char *question, struct diag_list *d)
{
	char text[2048];
	snprintf(text, sizeof(text), "[%s]", question);
	cJSON *q = parse(text);
	quiz_validate(q, "pack.json", d);
	cJSON_Delete(q);
}

static void expect_error(const char *question, const char *where, const char *msg)
{
	struct diag_list d = DIAG_LIST_INIT;
	validate_one(question, &d);
	bool found = false;
	for (size_t i = 0; i < d.n; i++) {
		if (d.items[i].severity == DIAG_ERROR &&
		    (!where || (d.items[i].where && strcmp(d.items[i].where, where) == 0)) &&
		    strstr(d.items[i].message, msg))
			found = true;
	}
	if (!found) {
		fprintf(stderr, "wanted %s: ...%s...; got:\n", where ? where : "(none)", msg);
		dump(&d);
	}
	assert_true(found);
	assert_string_equal(d.items[0].file, "pack.json");
	diag_clear(&d);
}

/* One question, one answer given as JSON text: the score. */
static int score_text(const char *question, const char *given)
{
	const char *st;
	cJSON *q = parse(question), *g = parse(given);
	int pts = quiz_score_question(q, g, &st);
	cJSON_Delete(g);
	cJSON_Delete(q);
	return pts;
}

static void test_quiz__score_text_normalises_unicode_and_folds_case_fully(void **state)
{
	(void)state;
	const char *zoe = "{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\"Zo\u00eb\"],"
			  "\"explanation\":\"e\"}";
	/* NFD: e + COMBINING DIAERESIS */
	assert_int_equal(score_text(zoe, "\"Zoe\u0308\""), 1);
	assert_int_equal(score_text(zoe, "\"ZOE\u0308\""), 1);
	assert_int_equal(score_text(zoe, "\"Zoe\""), 0);
	/* the same when case matters: canonical equivalence is not a case */
	const char *zoe_cs = "{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\"Zoe\u0308\"],"
			     "\"case_sensitive\":true,\"explanation\":\"e\"}";
	assert_int_equal(score_text(zoe_cs, "\"Zo\u00eb\""), 1);
	assert_int_equal(score_text(zoe_cs, "\"ZO\u00cb\""), 0);
	/* full case folding: sharp s is "ss" */
	const char *strasse = "{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\"stra\u00dfe\"],"
			      "\"explanation\":\"e\"}";
	assert_int_equal(score_text(strasse, "\"STRASSE\""), 1);
	assert_int_equal(score_text(strasse, "\"Stra\u1e9ee\""), 1); /* capital sharp s */
	assert_int_equal(score_text(strasse, "\"STRASE\""), 0);
	/* compatibility forms: full-width letters, a no-break space */
	const char *csp = "{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\"CSP header\"],"
			  "\"explanation\":\"e\"}";
	assert_int_equal(score_text(csp, "\"\uff23\uff33\uff30 header\""), 1);
	assert_int_equal(score_text(csp, "\"csp\u00a0header\""), 1);
	/* regexes see the NFC answer */
	const char *re = "{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"regex\":[\"caf\u00e9s?\"],"
			 "\"explanation\":\"e\"}";
	assert_int_equal(score_text(re, "\"CAFE\u0301S\""), 1);
	char *f = quiz_fold_text("Stra\xc3\x9f" "e", true);
	assert_string_equal(f, "strasse");
	free(f);
	f = quiz_fold_text("not \xff utf-8", true);
	assert_string_equal(f, "not \xff utf-8");
	free(f);
}

static void test_quiz__validate_accepts_every_type_and_sums_points(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *q = parse(QUIZ);
	assert_int_equal(quiz_validate(q, "pack.json", &d), 1 + 4 + 1 + 2 + 1);
	if (d.n)
		dump(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(quiz_validate(NULL, "pack.json", &d), 0);
	assert_int_equal(d.n, 0);
	cJSON_Delete(q);
}

static void test_quiz__validate_rejects_unknown_fields_but_keeps_x_fields(void **state)
{
	(void)state;
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\",\"explaination\":\"x\"}",
		     "quiz[0].explaination", "unknown field");
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\",\"choices\":[\"a\",\"b\"]}",
		     "quiz[0].choices", "does not apply to a 'bool' question");
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"answer\":false,\"explanation\":\"e\"}",
		     "quiz[0].answer", "duplicate key");

	struct diag_list d = DIAG_LIST_INIT;
	validate_one("{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\",\"x-source\":\"moodle\"}", &d);
	assert_int_equal(d.n, 0);
}

static void test_quiz__validate_requires_common_fields(void **state)
{
	(void)state;
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true}",
		     "quiz[0].explanation", "missing");
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"  \",\"answer\":true,\"explanation\":\"e\"}",
		     "quiz[0].prompt", "must not be empty");
	expect_error("{\"id\":\"A b\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\"}",
		     "quiz[0].id", "not a valid id");
	expect_error("{\"id\":\"a\",\"type\":\"essay\",\"prompt\":\"p\",\"explanation\":\"e\"}",
		     "quiz[0].type", "unknown question type 'essay'");
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"points\":1.5,\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\"}",
		     "quiz[0].points", "integer");
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"points\":-1,\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\"}",
		     "quiz[0].points", "integer");
	expect_error("7", "quiz[0]", "must be an object");
}

static void test_quiz__validate_rejects_duplicate_ids(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *q = parse("[{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\"},"
			 " {\"id\":\"b\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\"},"
			 " {\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":true,\"explanation\":\"e\"}]");
	quiz_validate(q, "pack.json", &d);
	assert_int_equal(diag_errors(&d), 1);
	assert_string_equal(d.items[0].where, "quiz[2].id");
	assert_non_null(strstr(d.items[0].message, "duplicate question id 'a' (also quiz[0])"));
	diag_clear(&d);
	cJSON_Delete(q);
}

static void test_quiz__validate_checks_answer_key_against_choices(void **state)
{
	(void)state;
	expect_error("{\"id\":\"a\",\"type\":\"single\",\"prompt\":\"p\",\"choices\":[\"x\",\"y\"],\"answer\":2,\"explanation\":\"e\"}",
		     "quiz[0].answer", "index 2 is out of range: there are 2 choices (0 to 1)");
	expect_error("{\"id\":\"a\",\"type\":\"single\",\"prompt\":\"p\",\"choices\":[\"x\",\"y\"],\"answer\":\"x\",\"explanation\":\"e\"}",
		     "quiz[0].answer", "index");
	expect_error("{\"id\":\"a\",\"type\":\"single\",\"prompt\":\"p\",\"choices\":[\"x\"],\"answer\":0,\"explanation\":\"e\"}",
		     "quiz[0].choices", "at least 2");
	expect_error("{\"id\":\"a\",\"type\":\"single\",\"prompt\":\"p\",\"choices\":[\"x\",\"x\"],\"answer\":0,\"explanation\":\"e\"}",
		     "quiz[0].choices[1]", "same text");
	expect_error("{\"id\":\"a\",\"type\":\"multiple\",\"prompt\":\"p\",\"choices\":[\"x\",\"y\",\"z\"],\"answer\":[],\"explanation\":\"e\"}",
		     "quiz[0].answer", "at least one choice is right");
	expect_error("{\"id\":\"a\",\"type\":\"multiple\",\"prompt\":\"p\",\"choices\":[\"x\",\"y\",\"z\"],\"answer\":[0,2,0],\"explanation\":\"e\"}",
		     "quiz[0].answer[2]", "listed twice");
	expect_error("{\"id\":\"a\",\"type\":\"multiple\",\"prompt\":\"p\",\"choices\":[\"x\",\"y\",\"z\"],\"answer\":[3],\"explanation\":\"e\"}",
		     "quiz[0].answer[0]", "out of range");
	expect_error("{\"id\":\"a\",\"type\":\"multiple\",\"prompt\":\"p\",\"choices\":[\"x\",\"y\",\"z\"],\"answer\":1,\"explanation\":\"e\"}",
		     "quiz[0].answer", "array");
	expect_error("{\"id\":\"a\",\"type\":\"bool\",\"prompt\":\"p\",\"answer\":\"true\",\"explanation\":\"e\"}",
		     "quiz[0].answer", "true or false");
	expect_error("{\"id\":\"a\",\"type\":\"number\",\"prompt\":\"p\",\"answer\":1,\"tolerance\":-0.5,\"explanation\":\"e\"}",
		     "quiz[0].tolerance", ">= 0");
	expect_error("{\"id\":\"a\",\"type\":\"number\",\"prompt\":\"p\",\"explanation\":\"e\"}",
		     "quiz[0].answer", "missing");
}

static void test_quiz__validate_checks_text_accept_and_regexes(void **state)
{
	(void)state;
	expect_error("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"explanation\":\"e\"}",
		     "quiz[0]", "needs \"accept\"");
	expect_error("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[],\"explanation\":\"e\"}",
		     "quiz[0]", "at least one");
	expect_error("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"regex\":[\"a(b\"],\"explanation\":\"e\"}",
		     "quiz[0].regex[0]", "not a valid POSIX extended regular expression");
	expect_error("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\" \"],\"explanation\":\"e\"}",
		     "quiz[0].accept[0]", "must not be empty");
	expect_error("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\"x\"],\"case_sensitive\":\"yes\",\"explanation\":\"e\"}",
		     "quiz[0].case_sensitive", "true or false");

	/* Patterns that would make regcomp take gigabytes are refused
	 * before it sees them (a hostile pack must not hang the runner). */
	expect_error("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"regex\":[\"a{1,32767}\"],\"explanation\":\"e\"}",
		     "quiz[0].regex[0]", "repetition bound above 100");
	expect_error("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"regex\":[\"a++++++++++++++++++++++++\"],\"explanation\":\"e\"}",
		     "quiz[0].regex[0]", "repetition of a repetition");

	struct diag_list d = DIAG_LIST_INIT;
	validate_one("{\"id\":\"a\",\"type\":\"text\",\"prompt\":\"p\",\"regex\":[\"[0-9]+ ?ms\", \"(GET|HEAD)\\\\+x{2,3}\"],\"explanation\":\"e\"}", &d);
	if (d.n)
		dump(&d);
	assert_int_equal(d.n, 0);
}

/* Score given (JSON text) against question number idx of QUIZ. */
static int score(int idx, const char *given, const char **status)
{
	cJSON *quiz = parse(QUIZ);
	cJSON *g = given ? parse(given) : NULL;
	int pts = quiz_score_question(cJSON_GetArrayItem(quiz, idx), g, status);
	cJSON_Delete(g);
	cJSON_Delete(quiz);
	return pts;
}

static void test_quiz__score_single_bool_number(void **state)
{
	(void)state;
	const char *st;
	assert_int_equal(score(0, "1", &st), 1);
	assert_string_equal(st, "correct");
	assert_int_equal(score(0, "2", &st), 0);
	assert_string_equal(st, "incorrect");
	assert_int_equal(score(0, NULL, &st), 0);
	assert_string_equal(st, "unanswered");
	assert_int_equal(score(0, "null", &st), 0);
	assert_string_equal(st, "unanswered");
	/* a wrong type scores nothing instead of crashing */
	assert_int_equal(score(0, "\"443\"", &st), 0);
	assert_string_equal(st, "incorrect");

	assert_int_equal(score(2, "true", &st), 1);
	assert_int_equal(score(2, "false", &st), 0);

	/* answer 0.3, tolerance 0.1: the bounds are inside despite binary
	 * floating point (0.4 - 0.3 > 0.1 in doubles) */
	assert_int_equal(score(4, "0.3", &st), 1);
	assert_int_equal(score(4, "0.4", &st), 1);
	assert_int_equal(score(4, "0.2", &st), 1);
	assert_int_equal(score(4, "0.41", &st), 0);
	assert_int_equal(score(4, "0.19", &st), 0);
	assert_int_equal(score(4, "-0.3", &st), 0);
}

static void test_quiz__score_multiple_partial_credit(void **state)
{
	(void)state;
	const char *st;
	/* 4 points, right choices {0, 2}: floor(4 * max(0, r - w) / 2) */
	assert_int_equal(score(1, "[0,2]", &st), 4);
	assert_string_equal(st, "correct");
	assert_int_equal(score(1, "[2,0]", &st), 4);
	assert_int_equal(score(1, "[0]", &st), 2);
	assert_string_equal(st, "incorrect");
	assert_int_equal(score(1, "[0,2,1]", &st), 2);
	assert_string_equal(st, "incorrect");
	assert_int_equal(score(1, "[0,1]", &st), 0);
	assert_int_equal(score(1, "[0,1,3,4]", &st), 0); /* never negative */
	assert_int_equal(score(1, "[]", &st), 0);
	assert_string_equal(st, "incorrect");
	assert_int_equal(score(1, "[0,0]", &st), 0); /* duplicates are not an answer */

	/* floor: 3 points, 2 right choices, one picked -> 1 */
	cJSON *q = parse("{\"id\":\"m\",\"type\":\"multiple\",\"points\":3,\"prompt\":\"p\","
			 "\"choices\":[\"a\",\"b\",\"c\"],\"answer\":[0,1],\"explanation\":\"e\"}");
	cJSON *g = parse("[1]");
	assert_int_equal(quiz_score_question(q, g, &st), 1);
	cJSON_Delete(g);
	cJSON_Delete(q);
}

static void test_quiz__score_text_folds_case_and_whitespace(void **state)
{
	(void)state;
	const char *st;
	assert_int_equal(score(3, "\"Strict-Transport-Security\"", &st), 2);
	assert_int_equal(score(3, "\"  strict-transport-SECURITY \"", &st), 2);
	assert_int_equal(score(3, "\"Strict-Transport\"", &st), 0);
	/* regexes match the whole folded answer, case-insensitively */
	assert_int_equal(score(3, "\"HSTS\"", &st), 2);
	assert_int_equal(score(3, "\"hsts   header\"", &st), 2);
	assert_int_equal(score(3, "\"the hsts header\"", &st), 0);
	assert_int_equal(score(3, "\"hstsx\"", &st), 0);

	cJSON *q = parse("{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\"Zoë Café\"],"
			 "\"explanation\":\"e\"}");
	cJSON *g = parse("\"ZOË  CAFÉ\"");
	assert_int_equal(quiz_score_question(q, g, &st), 1);
	cJSON_Delete(g);
	cJSON_Delete(q);

	q = parse("{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"accept\":[\"HTTP_X\"],"
		  "\"case_sensitive\":true,\"fold_whitespace\":false,\"explanation\":\"e\"}");
	g = parse("\"http_x\"");
	assert_int_equal(quiz_score_question(q, g, &st), 0);
	cJSON_Delete(g);
	g = parse("\"HTTP_X \"");
	assert_int_equal(quiz_score_question(q, g, &st), 0);
	cJSON_Delete(g);
	g = parse("\"HTTP_X\"");
	assert_int_equal(quiz_score_question(q, g, &st), 1);
	cJSON_Delete(g);
	cJSON_Delete(q);

	/* a regex with alternation still has to cover the whole answer */
	q = parse("{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"regex\":[\"a|ab\",\"[0-9]+ ?ms\"],"
		  "\"explanation\":\"e\"}");
	g = parse("\"ab\"");
	assert_int_equal(quiz_score_question(q, g, &st), 1);
	cJSON_Delete(g);
	g = parse("\"42MS\"");
	assert_int_equal(quiz_score_question(q, g, &st), 1);
	cJSON_Delete(g);
	g = parse("\"about 42 ms\"");
	assert_int_equal(quiz_score_question(q, g, &st), 0);
	cJSON_Delete(g);
	cJSON_Delete(q);
}

static int answers(const char *text, cJSON **out, struct diag_list *d)
{
	cJSON *quiz = parse(QUIZ);
	int r = quiz_parse_answers(text, strlen(text), "answers.json", quiz, out, d);
	cJSON_Delete(quiz);
	return r;
}

static void test_quiz__answers_parse_and_grade(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *a = NULL;
	const char *text = "{\"format\": 1, \"answers\": {\"port\": 1, \"safe\": [0], \"tls\": false,"
			   " \"hdr\": null, \"x-note\": 1}}";
	/* x- keys are not allowed inside answers: they would be question ids */
	assert_int_equal(answers(text, &a, &d), RR_EXIT_INVALID);
	assert_non_null(find_diag(&d, "no question 'x-note'"));
	diag_clear(&d);

	text = "{\"format\": 1, \"x-tool\": \"mine\", \"answers\": {\"port\": 1, \"safe\": [0], \"tls\": false, \"hdr\": null}}";
	assert_int_equal(answers(text, &a, &d), 0);
	assert_int_equal(d.n, 0);
	assert_non_null(a);

	cJSON *quiz = parse(QUIZ);
	cJSON *g = quiz_grade(quiz, a);
	char *s = cJSON_PrintUnformatted(g);
	assert_string_equal(s,
		"{\"score\":3,\"max_score\":9,\"questions\":["
		"{\"id\":\"port\",\"status\":\"correct\",\"score\":1,\"max_score\":1},"
		"{\"id\":\"safe\",\"status\":\"incorrect\",\"score\":2,\"max_score\":4},"
		"{\"id\":\"tls\",\"status\":\"incorrect\",\"score\":0,\"max_score\":1},"
		"{\"id\":\"hdr\",\"status\":\"unanswered\",\"score\":0,\"max_score\":2},"
		"{\"id\":\"rtt\",\"status\":\"unanswered\",\"score\":0,\"max_score\":1}]}");
	free(s);
	cJSON_Delete(g);

	g = quiz_grade(quiz, NULL);
	assert_int_equal(cJSON_GetObjectItem(g, "max_score")->valueint, 9);
	assert_int_equal(cJSON_GetObjectItem(g, "score")->valueint, 0);
	cJSON_Delete(g);
	g = quiz_grade(NULL, NULL);
	s = cJSON_PrintUnformatted(g);
	assert_string_equal(s, "{\"score\":0,\"max_score\":0,\"questions\":[]}");
	free(s);
	cJSON_Delete(g);
	cJSON_Delete(quiz);
	cJSON_Delete(a);
}

static void test_quiz__answers_syntax_error_has_line_and_column(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *a = (cJSON *)1;
	assert_int_equal(answers("{\"format\": 1,\n  \"answers\": {\n    \"port\": 1,\n  }\n}", &a, &d),
			 RR_EXIT_INVALID);
	assert_null(a);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].file, "answers.json");
	assert_int_equal(d.items[0].line, 4);
	/* cJSON points at or just after the '}' that follows the comma */
	assert_in_range(d.items[0].col, 3, 4);
	diag_clear(&d);

	assert_int_equal(answers("{\"format\": 1, \"answers\": {", &a, &d), RR_EXIT_INVALID);
	assert_non_null(find_diag(&d, "end of file"));
	assert_int_equal(d.items[0].line, 1);
	diag_clear(&d);

	assert_int_equal(answers("{\"format\": 1, \"answers\": {}} x", &a, &d), RR_EXIT_INVALID);
	assert_non_null(find_diag(&d, "after the JSON document"));
	assert_int_equal(d.items[0].col, 30);
	diag_clear(&d);
}

static void test_quiz__answers_wrong_type_names_the_question(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *a = NULL;
	assert_int_equal(answers("{\"format\": 1, \"answers\": {\"port\": \"443\", \"safe\": [0, 9],"
				 " \"rtt\": \"fast\", \"tls\": 1, \"nope\": 1, \"port\": 1}}", &a, &d),
			 RR_EXIT_INVALID);
	assert_null(a);
	const struct diag *x = find_diag(&d, "question 'port' (single): expected the 0-based index");
	assert_non_null(x);
	assert_string_equal(x->where, "answers.port");
	assert_non_null(find_diag(&d, "question 'safe' (multiple): index 9 is out of range"));
	assert_non_null(find_diag(&d, "question 'rtt' (number): expected a number, got a string"));
	assert_non_null(find_diag(&d, "question 'tls' (bool): expected true or false"));
	assert_non_null(find_diag(&d, "the pack has no question 'nope'"));
	assert_non_null(find_diag(&d, "question 'port' is answered twice"));
	diag_clear(&d);

	assert_int_equal(answers("{\"answers\": {}}", &a, &d), RR_EXIT_INVALID);
	assert_non_null(find_diag(&d, "format"));
	diag_clear(&d);
	assert_int_equal(answers("{\"format\": 2, \"answers\": {}}", &a, &d), RR_EXIT_INVALID);
	assert_non_null(find_diag(&d, "unsupported answers format"));
	diag_clear(&d);
	assert_int_equal(answers("[1]", &a, &d), RR_EXIT_INVALID);
	assert_non_null(find_diag(&d, "top level must be an object"));
	diag_clear(&d);
	assert_int_equal(answers("{\"format\": 1, \"answers\": []}", &a, &d), RR_EXIT_INVALID);
	diag_clear(&d);
	assert_int_equal(answers("{\"format\": 1, \"answer\": {}}", &a, &d), RR_EXIT_INVALID);
	assert_non_null(find_diag(&d, "unknown field"));
	diag_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiz__validate_accepts_every_type_and_sums_points),
		cmocka_unit_test(test_quiz__validate_rejects_unknown_fields_but_keeps_x_fields),
		cmocka_unit_test(test_quiz__validate_requires_common_fields),
		cmocka_unit_test(test_quiz__validate_rejects_duplicate_ids),
		cmocka_unit_test(test_quiz__validate_checks_answer_key_against_choices),
		cmocka_unit_test(test_quiz__validate_checks_text_accept_and_regexes),
		cmocka_unit_test(test_quiz__score_single_bool_number),
		cmocka_unit_test(test_quiz__score_multiple_partial_credit),
		cmocka_unit_test(test_quiz__score_text_folds_case_and_whitespace),
		cmocka_unit_test(test_quiz__score_text_normalises_unicode_and_folds_case_fully),
		cmocka_unit_test(test_quiz__answers_parse_and_grade),
		cmocka_unit_test(test_quiz__answers_syntax_error_has_line_and_column),
		cmocka_unit_test(test_quiz__answers_wrong_type_names_the_question),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
