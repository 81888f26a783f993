/*
 * test_gradebook.c - gradebook rows, CSV escaping (quotes, commas, line
 * breaks, spreadsheet formulas) and the two-file writer that only ever
 * shows complete gradebooks.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <setjmp.h>
#include <cmocka.h>

#include "gradebook.h"
#include "progress.h"
#include "util.h"

static struct exercise_def exercises[2];
static struct pack_manifest manifest;

static int setup(void **state)
{
	(void)state;
	memset(exercises, 0, sizeof(exercises));
	exercises[0].id = "sql-injection";
	exercises[0].max_score = 5;
	exercises[1].id = "xss";
	exercises[1].max_score = 3;
	memset(&manifest, 0, sizeof(manifest));
	manifest.exercises = exercises;
	manifest.n_exercises = 2;
	manifest.quiz = cJSON_CreateArray();
	manifest.quiz_max_score = 2;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cJSON_Delete(manifest.quiz);
	return 0;
}

static void check_field(const char *in, bool text, const char *want)
{
	char *got = gradebook_csv_field(in, text);
	assert_string_equal(got, want);
	free(got);
}

static void test_gradebook__csv_fields_are_escaped(void **state)
{
	(void)state;
	check_field("alice", true, "alice");
	check_field("a,b", true, "\"a,b\"");
	check_field("say \"hi\"", true, "\"say \"\"hi\"\"\"");
	check_field("two\nlines", true, "\"two\nlines\"");
	/* Formulas are defused in text cells... */
	check_field("=HYPERLINK(\"x\")", true, "\"'=HYPERLINK(\"\"x\"\")\"");
	check_field("+1", true, "\"'+1\"");
	check_field("@sum", true, "\"'@sum\"");
	check_field("-x", true, "\"'-x\"");
	/* ...but not in numbers or ids. */
	check_field("-1", false, "-1");
	check_field("", true, "");
	/* A leading ' before a formula character gets one more, so the reader
	 * (which drops one) gives the text back exactly. */
	check_field("'=x", true, "\"''=x\"");
	check_field("'plain", true, "'plain");
}

static cJSON *report(void)
{
	return cJSON_Parse("{\"report_version\":1,\"pack\":{\"id\":\"p\",\"digest\":\"sha256:ab\"},"
			   "\"status\":\"fail\",\"score\":6,\"max_score\":10,\"duration_ms\":1234,"
			   "\"exercises\":[{\"id\":\"xss\",\"score\":3},{\"id\":\"sql-injection\",\"score\":2}],"
			   "\"quiz\":{\"score\":1,\"max_score\":2}}");
}

/* A row that is not a pass says why: the quiz's error and the checks that
 * did not pass, by exercise/check and status. */
static void test_gradebook__fail_row_says_why(void **state)
{
	(void)state;
	cJSON *r = cJSON_Parse("{\"pack\":{\"digest\":\"sha256:ab\"},\"status\":\"fail\",\"score\":1,"
			       "\"max_score\":10,\"exercises\":[{\"id\":\"xss\",\"score\":1,\"checks\":["
			       "{\"id\":\"text\",\"status\":\"pass\"},{\"id\":\"url\",\"status\":\"timeout\"}]}],"
			       "\"quiz\":{\"score\":0,\"max_score\":2,\"error\":\"answers.json line 1, column 2: bad\"}}");
	cJSON *row = gradebook_row_from_report("bob", r, &manifest);
	const char *msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(row, "message"));
	assert_string_equal(msg, "quiz not graded: answers.json line 1, column 2: bad; 1 check did not pass: "
				 "xss/url (timeout)");
	cJSON_Delete(row);
	cJSON_Delete(r);
}

static void test_gradebook__row_from_report_in_pack_order(void **state)
{
	cJSON *r = report();
	cJSON *row = gradebook_row_from_report("alice", r, &manifest);
	char *s = cJSON_PrintUnformatted(row);
	(void)state;
	assert_string_equal(s, "{\"submission\":\"alice\",\"status\":\"fail\",\"score\":6,\"max_score\":10,"
			    "\"exercises\":{\"sql-injection\":2,\"xss\":3},\"quiz\":1,"
			    "\"pack_digest\":\"sha256:ab\",\"track\":\"python\",\"duration_ms\":1234,\"message\":\"score 6 of 10\"}");
	cJSON_free(s);
	cJSON_Delete(row);
	/* An exercise missing from the report is null, not 0. */
	cJSON_DeleteItemFromArray(cJSON_GetObjectItem(r, "exercises"), 0);
	row = gradebook_row_from_report("alice", r, &manifest);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(row, "exercises"), "xss")));
	cJSON_Delete(row);
	cJSON_Delete(r);
}

static void test_gradebook__error_row(void **state)
{
	cJSON *row = gradebook_row_error("bob", &manifest, "sha256:ab", "bad answers", 12.6);
	char *s = cJSON_PrintUnformatted(row);
	(void)state;
	assert_string_equal(s, "{\"submission\":\"bob\",\"status\":\"error\",\"score\":0,\"max_score\":10,"
			    "\"exercises\":{\"sql-injection\":null,\"xss\":null},\"quiz\":null,"
			    "\"pack_digest\":\"sha256:ab\",\"track\":\"python\",\"duration_ms\":13,\"message\":\"bad answers\"}");
	cJSON_free(s);
	cJSON_Delete(row);
}

static char *slurp(const char *path)
{
	char *text = NULL;
	size_t len;
	if (util_read_file(path, 1 << 20, &text, &len) < 0)
		return NULL;
	return text;
}

static void test_gradebook__writer_commits_both_files(void **state)
{
	char *dir = util_tempdir("test-gradebook");
	const char *ids[] = { "sql-injection", "xss" };
	struct gradebook *g;
	cJSON *r = report();
	(void)state;
	struct gradebook_info info = { "2/3", "sha256:ab", 7 };
	assert_int_equal(gradebook_create(&g, dir, ids, 2, true, &info, NULL), 0);
	cJSON *row = gradebook_row_from_report("=cmd", r, &manifest);
	assert_int_equal(gradebook_add(g, row), 0);
	cJSON_Delete(row);
	row = gradebook_row_error("zed", &manifest, "sha256:ab", "no, really", 0);
	assert_int_equal(gradebook_add(g, row), 0);
	cJSON_Delete(row);

	/* Nothing shows under the final names before the commit. */
	char *csv = util_path_join(dir, GRADEBOOK_CSV);
	char *jsonl = util_path_join(dir, GRADEBOOK_JSONL);
	assert_int_equal(access(csv, F_OK), -1);
	assert_int_equal(access(jsonl, F_OK), -1);
	assert_int_equal(gradebook_commit(g), 0);

	char *text = slurp(csv);
	assert_non_null(text);
	assert_string_equal(text,
		"submission,status,score,max_score,sql-injection,xss,quiz,pack_digest,duration_ms,message,shard,track\r\n"
		"\"'=cmd\",fail,6,10,2,3,1,sha256:ab,1234,score 6 of 10,2/3,python\r\n"
		"zed,error,0,10,,,,sha256:ab,0,\"no, really\",2/3,python\r\n");
	free(text);
	text = slurp(jsonl);
	assert_non_null(text);
	assert_non_null(strstr(text, "{\"submission\":\"=cmd\",\"status\":\"fail\""));
	assert_non_null(strstr(text, ",\"shard\":\"2/3\",\"track\":\"python\"}\n"));
	assert_int_equal(strchr(strchr(text, '\n') + 1, '\n')[1], '\0');
	/* The CSV reads back as the JSON Lines rows, formula prefix undone. */
	struct gradebook_reader *rc, *rj;
	char *why = NULL;
	assert_int_equal(gradebook_reader_open(&rc, csv, &why), 0);
	assert_int_equal(gradebook_reader_open(&rj, jsonl, &why), 0);
	for (int n = 0; n < 3; n++) {
		cJSON *a, *b;
		assert_int_equal(gradebook_reader_next(rc, &a, &why), 0);
		assert_int_equal(gradebook_reader_next(rj, &b, &why), 0);
		if (!a) {
			assert_null(b);
			assert_int_equal(n, 2);
			break;
		}
		char *ta = cJSON_PrintUnformatted(a), *tb = cJSON_PrintUnformatted(b);
		assert_string_equal(ta, tb);
		cJSON_free(ta);
		cJSON_free(tb);
		cJSON_Delete(a);
		cJSON_Delete(b);
	}
	gradebook_reader_close(rc);
	gradebook_reader_close(rj);
	cJSON *meta = gradebook_meta_read(jsonl);
	char *mt = cJSON_PrintUnformatted(meta);
	assert_string_equal(mt, "{\"gradebook_version\":1,\"shard\":\"2/3\",\"pack_digest\":\"sha256:ab\","
				"\"listed\":7,\"rows\":2}");
	cJSON_free(mt);
	cJSON_Delete(meta);
	free(text);
	free(csv);
	free(jsonl);
	cJSON_Delete(r);
	util_tempdir_remove(dir);
	free(dir);
}

static void test_gradebook__abort_leaves_nothing(void **state)
{
	char *dir = util_tempdir("test-gradebook");
	const char *ids[] = { "a" };
	struct gradebook *g;
	(void)state;
	struct gradebook_info info = { "1/1", "sha256:ab", 1 };
	assert_int_equal(gradebook_create(&g, dir, ids, 1, false, &info, NULL), 0);
	gradebook_abort(g);
	char *cmd = xasprintf("test -z \"$(ls -A %s)\"", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	util_tempdir_remove(dir);
	free(dir);
	/* A directory that cannot be made is an error, not a crash. */
	assert_int_equal(gradebook_create(&g, "/dev/null/dir", ids, 1, false, &info, NULL), -ENOTDIR);
	assert_null(g);
}

static void test_gradebook__progress_durations(void **state)
{
	char buf[16];
	(void)state;
	progress_format_duration(0, buf, sizeof(buf));
	assert_string_equal(buf, "0:00");
	progress_format_duration(125.4, buf, sizeof(buf));
	assert_string_equal(buf, "2:05");
	progress_format_duration(3723, buf, sizeof(buf));
	assert_string_equal(buf, "1:02:03");
	progress_format_duration(-5, buf, sizeof(buf));
	assert_string_equal(buf, "0:00");
}

static void test_gradebook__progress_plain_lines(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct progress p;
	(void)state;
	progress_init(&p, f, false, false, 12, 2);
	progress_step(&p, "alice", CHECK_PASS, 5, 5, 1.26);
	progress_step(&p, "bob", CHECK_ERROR, 0, 0, 0);
	progress_init(&p, f, false, true, 12, 0);  /* quiet */
	progress_step(&p, "carol", CHECK_FAIL, 1, 5, 1);
	fclose(f);
	assert_string_equal(out, "[ 3/12] alice: pass 5/5 (1.3 s)\n[ 4/12] bob: error (0.0 s)\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gradebook__csv_fields_are_escaped),
		cmocka_unit_test(test_gradebook__fail_row_says_why),
		cmocka_unit_test_setup_teardown(test_gradebook__row_from_report_in_pack_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gradebook__error_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gradebook__writer_commits_both_files, setup, teardown),
		cmocka_unit_test(test_gradebook__abort_leaves_nothing),
		cmocka_unit_test(test_gradebook__progress_durations),
		cmocka_unit_test(test_gradebook__progress_plain_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
