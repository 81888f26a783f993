/* Unit tests of pack.json validation: good and bad manifests, parsed from
 * text, without a pack on disk (pack_root NULL skips file checks). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "manifest.h"
#include "roadmap.h"
#include "util.h"

#define GOOD \
	"{\n" \
	"  \"format\": 1, \"id\": \"security\", \"title\": \"Security\", \"stage\": 8,\n" \
	"  \"version\": \"1.0.0\",\n" \
	"  \"defaults\": { \"timeout\": 5, \"memory_mb\": 256 },\n" \
	"  \"exercises\": [ { \"id\": \"sql\", \"title\": \"SQL\", \"prompt\": \"sql/prompt.md\",\n" \
	"    \"starter\": \"sql/starter\", \"tests\": \"sql/tests\", \"timeout\": 3,\n" \
	"    \"checks\": [ { \"id\": \"a\", \"run\": [\"python3\", \"tests/a.py\"], \"points\": 2 },\n" \
	"                  { \"id\": \"b\", \"run\": [\"sh\", \"tests/b.sh\"], \"points\": 3, \"kind\": \"tap\",\n" \
	"                    \"hidden\": true, \"memory_mb\": 64 } ] } ]\n" \
	"}\n"

static int parse(const char *text, struct pack_manifest *m, struct diag_list *d)
{
	return manifest_parse(text, strlen(text), "pack.json", NULL, m, d);
}

static bool has_diag(const struct diag_list *d, const char *where, const char *msg_part)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *x = &d->items[i];
		if ((!where || (x->where && strcmp(x->where, where) == 0)) &&
		    strstr(x->message, msg_part))
			return true;
	}
	return false;
}

static void test_manifest__good_pack_resolves_limits(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(parse(GOOD, &m, &d), 0);
	assert_int_equal(diag_errors(&d), 0);
	assert_string_equal(m.id, "security");
	assert_int_equal(m.n_exercises, 1);
	const struct exercise_def *e = manifest_find_exercise(&m, "sql");
	assert_non_null(e);
	assert_int_equal(e->max_score, 5);
	/* defaults < exercise < check */
	assert_true(e->checks[0].limits.timeout == 3.0);
	assert_int_equal(e->checks[0].limits.memory_mb, 256);
	assert_int_equal(e->checks[1].limits.memory_mb, 64);
	assert_int_equal(e->checks[1].limits.processes, MANIFEST_DEFAULT_PROCESSES);
	assert_int_equal(e->checks[1].kind, CHECK_KIND_TAP);
	assert_true(e->checks[1].hidden);
	assert_string_equal(e->checks[0].run[1], "tests/a.py");
	assert_null(e->checks[0].run[2]);
	manifest_free(&m);
	diag_clear(&d);
}

static void test_manifest__syntax_error_gives_line_and_column(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	const char *bad = "{\n  \"format\": 1,\n  \"id\": \"x\"\n  \"title\": \"t\"\n}\n";
	assert_int_equal(parse(bad, &m, &d), RR_EXIT_INVALID);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[0].col, 3);
	diag_clear(&d);
}

/* The text need not be NUL-terminated: the quoted context of a syntax
 * error stops at len and at the end of the line (found by fuzzing). */
static void test_manifest__syntax_error_quote_stays_within_len(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	const char buf[] = "{\"id\": @SECRET-BEYOND-LEN";
	assert_int_equal(manifest_parse(buf, 8, "pack.json", NULL, &m, &d), RR_EXIT_INVALID);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0].message, "near '@'"));
	assert_null(strstr(d.items[0].message, "SECRET"));
	diag_clear(&d);

	const char two[] = "{\"id\": @x\n  \"title\": 1}";
	assert_int_equal(parse(two, &m, &d), RR_EXIT_INVALID);
	assert_non_null(strstr(d.items[0].message, "near '@x'"));
	diag_clear(&d);

	/* 100000 levels of arrays: cJSON stops at its limit, and says so. */
	struct strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&deep, "[");
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&deep, "]");
	assert_int_equal(manifest_parse(deep.buf, deep.len, "pack.json", NULL, &m, &d), RR_EXIT_INVALID);
	assert_int_equal(d.items[0].col, 1001);
	assert_string_equal(d.items[0].message, "invalid JSON: nested deeper than 1000 levels");
	strbuf_release(&deep);
	diag_clear(&d);

	assert_int_equal(parse("{\"id\": ", &m, &d), RR_EXIT_INVALID);
	assert_non_null(strstr(d.items[0].message, "end of file"));
	diag_clear(&d);
}

/* Duplicate keys are found among many "x-" keys without comparing every
 * pair (a 4 MiB pack.json of x- keys must not take minutes). */
static void test_manifest__duplicate_key_among_many_is_found(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "{\"x-dup\": 1");
	for (int i = 0; i < 200000; i++)
		strbuf_addf(&sb, ", \"x-%d\": %d", i, i);
	strbuf_addstr(&sb, ", \"x-dup\": 2, \"x-dup\": 3}");
	double t0 = util_now();
	assert_int_equal(manifest_parse(sb.buf, sb.len, "pack.json", NULL, &m, &d), RR_EXIT_INVALID);
	assert_true(util_now() - t0 < 5.0);
	size_t dups = 0;
	for (size_t i = 0; i < d.n; i++)
		dups += d.items[i].where && strcmp(d.items[i].where, "x-dup") == 0 &&
			strcmp(d.items[i].message, "duplicate key") == 0;
	assert_int_equal(dups, 2); /* the second and the third, not the first */
	assert_true(has_diag(&d, "id", "missing"));
	strbuf_release(&sb);
	diag_clear(&d);
}

/* Strings reach the report and the terminal, so pack.json must be UTF-8:
 * the first bad byte is named with its line and column. A byte order mark
 * is skipped and takes no column. */
static void test_manifest__invalid_utf8_is_named_with_line_and_column(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(parse("{\n  \"title\": \"Zo\xc3\xab \xff\"\n}", &m, &d), RR_EXIT_INVALID);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 17); /* characters, not bytes */
	assert_non_null(strstr(d.items[0].message, "not valid UTF-8 (byte 0xff)"));
	diag_clear(&d);
	/* overlong '/', a UTF-16 surrogate, above U+10FFFF, cut short */
	const char *bad[] = { "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xe2\x82" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i], &m, &d), RR_EXIT_INVALID);
		assert_non_null(strstr(d.items[0].message, "not valid UTF-8"));
		diag_clear(&d);
	}
	int line, col;
	jsontext_line_col("\xef\xbb\xbf{x", 4, &line, &col);
	assert_int_equal(col, 2);
}

static void test_manifest__lists_every_problem_with_json_paths(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	const char *bad =
		"{ \"format\": 2, \"id\": \"Bad Id\", \"title\": \"t\", \"stage\": 1, \"version\": \"one\",\n"
		"  \"timout\": 3,\n"
		"  \"exercises\": [ { \"id\": \"e\", \"title\": \"E\", \"prompt\": \"../etc/passwd\",\n"
		"     \"starter\": \"/abs\", \"tests\": \"t\",\n"
		"     \"checks\": [ { \"id\": \"c\", \"run\": [], \"points\": -1 },\n"
		"                   { \"id\": \"c\", \"run\": [\"x\"], \"points\": 1, \"kind\": \"magic\", \"timeout\": 0 } ] } ] }";
	assert_int_equal(parse(bad, &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, "format", "unsupported pack format"));
	assert_true(has_diag(&d, "id", "not a valid id"));
	assert_true(has_diag(&d, "version", "MAJOR.MINOR.PATCH"));
	assert_true(has_diag(&d, "timout", "unknown field"));
	assert_true(has_diag(&d, "exercises[0].prompt", "'..'"));
	assert_true(has_diag(&d, "exercises[0].starter", "absolute"));
	assert_true(has_diag(&d, "exercises[0].checks[0].run", "non-empty array"));
	assert_true(has_diag(&d, "exercises[0].checks[0].points", "between"));
	assert_true(has_diag(&d, "exercises[0].checks[1].id", "duplicate check id"));
	assert_true(has_diag(&d, "exercises[0].checks[1].kind", "not a check kind"));
	assert_true(has_diag(&d, "exercises[0].checks[1].timeout", "more than 0"));
	assert_true(diag_errors(&d) >= 11);
	diag_clear(&d);
}

static void test_manifest__missing_required_fields_are_named(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(parse("{}", &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, "format", "missing"));
	assert_true(has_diag(&d, "id", "missing"));
	assert_true(has_diag(&d, "title", "missing"));
	assert_true(has_diag(&d, "version", "missing"));
	assert_true(has_diag(&d, "stage", "missing"));
	assert_true(has_diag(&d, "exercises", "missing"));
	diag_clear(&d);
}

static void test_manifest__rejects_duplicate_keys_and_trailing_text(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	const char *dup = "{ \"format\": 1, \"format\": 1 }";
	assert_int_equal(parse(dup, &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, "format", "duplicate key"));
	diag_clear(&d);
	assert_int_equal(parse(GOOD "x", &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, NULL, "after the JSON document"));
	diag_clear(&d);
}

static void test_manifest__output_check_needs_expected_in_tests(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	const char *t =
		"{ \"format\": 1, \"id\": \"p\", \"title\": \"t\", \"stage\": 1, \"version\": \"1.0.0\",\n"
		"  \"exercises\": [ { \"id\": \"e\", \"title\": \"E\", \"prompt\": \"p.md\", \"starter\": \"s\",\n"
		"    \"tests\": \"t\", \"checks\": [ { \"id\": \"o\", \"run\": [\"x\"], \"points\": 1, \"kind\": \"output\" },\n"
		"      { \"id\": \"p\", \"run\": [\"x\"], \"points\": 1, \"kind\": \"output\", \"expected\": \"out.txt\" } ] } ] }";
	assert_int_equal(parse(t, &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, "exercises[0].checks[0].expected", "missing"));
	assert_true(has_diag(&d, "exercises[0].checks[1].expected", "inside tests/"));
	diag_clear(&d);
}

static void test_manifest__line_col_counts_characters(void **state)
{
	(void)state;
	int l, c;
	jsontext_line_col("ab\ncd\xc3\xa9x", 7, &l, &c); /* at the x */
	assert_int_equal(l, 2);
	assert_int_equal(c, 4);
}

/* An exercise with the given "needs"/"prepare" members, on line 3. */
#define WITH(members) \
	"{ \"format\": 1, \"id\": \"p\", \"title\": \"t\", \"stage\": 1, \"version\": \"1.0.0\",\n" \
	"  \"exercises\": [ { \"id\": \"e\", \"title\": \"E\", \"prompt\": \"p.md\", \"starter\": \"s\",\n" \
	"    \"tests\": \"t\", " members ",\n" \
	"    \"checks\": [ { \"id\": \"c\", \"run\": [\"x\"], \"points\": 1 } ] } ] }\n"

static const struct diag *find_diag(const struct diag_list *d, const char *where)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].where && strcmp(d->items[i].where, where) == 0)
			return &d->items[i];
	return NULL;
}

/* A bad shape of "needs" or "prepare": the path, a message with msg_part,
 * and the line and column of the offending value. */
static void expect_bad(const char *text, const char *where, const char *msg_part, int line, int col)
{
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(parse(text, &m, &d), RR_EXIT_INVALID);
	const struct diag *x = find_diag(&d, where);
	if (!x || !strstr(x->message, msg_part) || x->line != line || x->col != col) {
		for (size_t i = 0; i < d.n; i++)
			print_message("  %s:%d:%d: %s\n", d.items[i].where ? d.items[i].where : "-",
				      d.items[i].line, d.items[i].col, d.items[i].message);
		fail_msg("expected %s at %d:%d: ...%s...", where, line, col, msg_part);
	}
	diag_clear(&d);
}

static void test_manifest__needs_and_prepare_parse(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	const char *t = WITH("\"needs\": [ { \"program\": \"/usr/sbin/nginx\", \"package\": \"nginx\" },"
			     " { \"python_module\": \"psycopg2\", \"package\": \"python3-psycopg2\" } ],"
			     " \"prepare\": { \"run\": [\"sh\", \"tests/p.sh\"], \"timeout\": 20,"
			     " \"network\": \"loopback\" }");
	assert_int_equal(parse(t, &m, &d), 0);
	const struct exercise_def *e = &m.exercises[0];
	assert_int_equal(e->n_needs, 2);
	assert_string_equal(e->needs[0].program, "/usr/sbin/nginx");
	assert_null(e->needs[0].python_module);
	assert_string_equal(e->needs[0].package, "nginx");
	assert_null(e->needs[1].program);
	assert_string_equal(e->needs[1].python_module, "psycopg2");
	assert_string_equal(e->needs[1].package, "python3-psycopg2");
	assert_non_null(e->prepare);
	assert_string_equal(e->prepare->run[1], "tests/p.sh");
	assert_true(e->prepare->limits.timeout == 20.0);
	assert_int_equal(e->prepare->network, CHECK_NET_LOOPBACK);
	assert_int_equal(e->prepare->points, 0);
	manifest_free(&m);
	diag_clear(&d);
}

static void test_manifest__bad_needs_are_named_with_line_and_column(void **state)
{
	(void)state;
	/* line 3 is `    "tests": "t", ` + members: members start at column 19 */
	expect_bad(WITH("\"needs\": { \"program\": \"nginx\" }"), "exercises[0].needs", "must be an array", 3, 28);
	expect_bad(WITH("\"needs\": [ \"nginx\" ]"), "exercises[0].needs[0]", "must be an object", 3, 30);
	expect_bad(WITH("\"needs\": [ { \"package\": \"nginx\" } ]"), "exercises[0].needs[0]",
		   "needs \"program\" (a command) or \"python_module\"", 3, 30);
	expect_bad(WITH("\"needs\": [ { \"program\": \"x\", \"python_module\": \"y\", \"package\": \"z\" } ]"),
		   "exercises[0].needs[0]", "names both", 3, 30);
	expect_bad(WITH("\"needs\": [ { \"program\": \"/usr/sbin/nginx\" } ]"), "exercises[0].needs[0].package",
		   "missing", 3, 30);
	expect_bad(WITH("\"needs\": [ { \"program\": \"bin/nginx\", \"package\": \"nginx\" } ]"),
		   "exercises[0].needs[0].program", "absolute path or a bare command name", 3, 43);
	expect_bad(WITH("\"needs\": [ { \"program\": \"nginx\", \"package\": \"Nginx Full\" } ]"),
		   "exercises[0].needs[0].package", "'Nginx Full' is not a Debian package name", 3, 63);
	expect_bad(WITH("\"needs\": [ { \"python_module\": \"psycopg2.extras\", \"package\": \"p\" } ]"),
		   "exercises[0].needs[0].python_module", "top-level module name", 3, 49);
	expect_bad(WITH("\"needs\": [ { \"python_module\": 2, \"package\": \"p\" } ]"),
		   "exercises[0].needs[0].python_module", "string", 3, 49);
	expect_bad(WITH("\"needs\": [ { \"program\": \"x\", \"package\": \"p\", \"version\": \"1\" } ]"),
		   "exercises[0].needs[0].version", "unknown", 3, 75);
}

static void test_manifest__bad_prepare_is_named_with_line_and_column(void **state)
{
	(void)state;
	expect_bad(WITH("\"prepare\": [\"sh\", \"p.sh\"]"), "exercises[0].prepare", "must be an object", 3, 30);
	expect_bad(WITH("\"prepare\": { \"timeout\": 5 }"), "exercises[0].prepare.run", "missing", 3, 30);
	expect_bad(WITH("\"prepare\": { \"run\": [] }"), "exercises[0].prepare.run", "", 3, 39);
	expect_bad(WITH("\"prepare\": { \"run\": [\"sh\"], \"points\": 1 }"), "exercises[0].prepare.points",
		   "unknown", 3, 57);
	expect_bad(WITH("\"prepare\": { \"run\": [\"sh\"], \"timeout\": -1 }"), "exercises[0].prepare.timeout",
		   "at most 600", 3, 58);
	expect_bad(WITH("\"prepare\": { \"run\": [\"sh\"], \"network\": \"host\" }"),
		   "exercises[0].prepare.network", "", 3, 58);
}

#define TRACKED(tracks, variant, second) \
	"{ \"format\": 1, \"id\": \"f\", \"title\": \"F\", \"stage\": 1, \"version\": \"1.0.0\",\n" \
	tracks \
	"  \"exercises\": [ { \"id\": \"lru\", \"title\": \"LRU\", \"prompt\": \"lru/prompt.md\",\n" \
	"    \"starter\": \"lru/starter\", \"tests\": \"lru/tests\", \"hints\": [\"h\"], \"timeout\": 3,\n" \
	"    \"checks\": [ { \"id\": \"a\", \"run\": [\"python3\", \"tests/a.py\"], \"points\": 2 } ]\n" \
	variant \
	"  }, { \"id\": \"bfs\", \"title\": \"BFS\", \"prompt\": \"b/p.md\", \"starter\": \"b/s\", \"tests\": \"b/t\",\n" \
	"    \"checks\": [ { \"id\": \"c\", \"run\": [\"true\"], \"points\": 1 } ]" second " } ] }\n"

static void test_manifest__variant_inherits_what_it_leaves_out(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	const char *text = TRACKED("\"tracks\": [\"python\", \"javascript\"],\n",
		", \"tracks\": { \"javascript\": { \"starter\": \"lru/javascript/starter\",\n"
		"  \"solution\": \"lru/javascript/solution\", \"timeout\": 4 } }\n", "");
	assert_int_equal(parse(text, &m, &d), 0);
	assert_int_equal(m.n_tracks, 2);
	/* The default is the first track: python, every exercise. */
	assert_string_equal(m.track, "python");
	assert_int_equal(m.n_exercises, 2);
	assert_int_equal(m.n_off_track, 0);
	assert_int_equal(manifest_select_track(&m, "javascript"), 0);
	assert_int_equal(m.n_exercises, 1);
	const struct exercise_def *e = manifest_find_exercise(&m, "lru");
	assert_non_null(e);
	assert_string_equal(e->track, "javascript");
	assert_string_equal(e->starter, "lru/javascript/starter");
	assert_string_equal(e->prompt, "lru/prompt.md");   /* inherited */
	assert_string_equal(e->tests, "lru/tests");
	assert_int_equal(e->n_hints, 1);
	assert_int_equal(e->n_checks, 1);                 /* inherited, with the variant's limits */
	assert_true(e->checks[0].limits.timeout == 4.0);
	assert_int_equal(e->max_score, 2);
	/* bfs has no javascript variant: listed, not graded. */
	assert_null(manifest_find_exercise(&m, "bfs"));
	assert_int_equal(m.n_off_track, 1);
	assert_string_equal(m.off_track[0].id, "bfs");
	assert_int_equal(manifest_select_track(&m, "ruby"), -ENOENT);
	assert_string_equal(m.track, "javascript");
	manifest_free(&m);
	diag_clear(&d);
}

static void test_manifest__tracks_are_validated(void **state)
{
	(void)state;
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	/* No "tracks": python only, and a variant names a track not offered. */
	const char *text = TRACKED("",
		", \"tracks\": { \"javascript\": { \"starter\": \"x\", \"solution\": \"y\" } }\n", "");
	assert_int_equal(parse(text, &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, "exercises[0].tracks.javascript", "not one of the pack's"));
	diag_clear(&d);
	/* starter and solution are required; python is the exercise's own fields;
	 * a variant takes no id; tracks listed twice. */
	text = TRACKED("\"tracks\": [\"python\", \"javascript\", \"python\"],\n",
		", \"tracks\": { \"javascript\": { \"prompt\": \"p.md\", \"id\": \"z\" },\n"
		"  \"python\": { \"starter\": \"a\", \"solution\": \"b\" } }\n", "");
	assert_int_equal(parse(text, &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, "tracks[2]", "listed twice"));
	assert_true(has_diag(&d, "exercises[0].tracks.javascript.starter", "missing (required)"));
	assert_true(has_diag(&d, "exercises[0].tracks.javascript.solution", "missing (required)"));
	assert_true(has_diag(&d, "exercises[0].tracks.javascript.id", "unknown field"));
	assert_true(has_diag(&d, "exercises[0].tracks.python", "own fields are its python track"));
	diag_clear(&d);
	/* An inherited check's problem is reported once, not once per track. */
	text = "{ \"format\": 1, \"id\": \"f\", \"title\": \"F\", \"stage\": 1, \"version\": \"1.0.0\",\n"
	       "  \"tracks\": [\"python\", \"javascript\"], \"exercises\": [ { \"id\": \"e\", \"title\": \"E\",\n"
	       "  \"prompt\": \"p\", \"starter\": \"s\", \"tests\": \"t\", \"checks\": [ { \"id\": \"a\",\n"
	       "  \"run\": [\"x\"], \"points\": 1, \"kind\": \"nope\" } ],\n"
	       "  \"tracks\": { \"javascript\": { \"starter\": \"a\", \"solution\": \"b\" } } } ] }\n";
	assert_int_equal(parse(text, &m, &d), RR_EXIT_INVALID);
	assert_int_equal(diag_errors(&d), 1);
	diag_clear(&d);
	/* "tracks" must be a non-empty array of names. */
	text = TRACKED("\"tracks\": [],\n", "", "");
	assert_int_equal(parse(text, &m, &d), RR_EXIT_INVALID);
	assert_true(has_diag(&d, "tracks", "non-empty array"));
	diag_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest__good_pack_resolves_limits),
		cmocka_unit_test(test_manifest__syntax_error_gives_line_and_column),
		cmocka_unit_test(test_manifest__syntax_error_quote_stays_within_len),
		cmocka_unit_test(test_manifest__duplicate_key_among_many_is_found),
		cmocka_unit_test(test_manifest__invalid_utf8_is_named_with_line_and_column),
		cmocka_unit_test(test_manifest__lists_every_problem_with_json_paths),
		cmocka_unit_test(test_manifest__missing_required_fields_are_named),
		cmocka_unit_test(test_manifest__rejects_duplicate_keys_and_trailing_text),
		cmocka_unit_test(test_manifest__output_check_needs_expected_in_tests),
		cmocka_unit_test(test_manifest__line_col_counts_characters),
		cmocka_unit_test(test_manifest__needs_and_prepare_parse),
		cmocka_unit_test(test_manifest__bad_needs_are_named_with_line_and_column),
		cmocka_unit_test(test_manifest__bad_prepare_is_named_with_line_and_column),
		cmocka_unit_test(test_manifest__variant_inherits_what_it_leaves_out),
		cmocka_unit_test(test_manifest__tracks_are_validated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
