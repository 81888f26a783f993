/* Unit tests of the pure parts of check.c and report.c: how sandbox
 * outcomes become statuses and messages, output comparison, text cleaning,
 * and score/status roll-up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "report.h"

static struct check_def def(void)
{
	static char *run[] = { "python4", "tests/x.py", NULL };
	struct check_def c;
	memset(&c, 0, sizeof(c));
	c.id = "x";
	c.run = run;
	c.run_len = 2;
	c.points = 2;
	c.limits.timeout = 3;
	c.limits.memory_mb = 64;
	c.limits.output_kb = 16;
	return c;
}

static void expect(enum sandbox_outcome o, int sig, int err, const char *status, const char *msg_part)
{
	struct sandbox_result r;
	memset(&r, 0, sizeof(r));
	r.outcome = o;
	r.signal = sig;
	r.exec_errno = err;
	struct check_def c = def();
	char msg[512];
	const char *s = check_status_for_outcome(&r, &c, msg, sizeof(msg));
	assert_string_equal(s, status);
	if (!strstr(msg, msg_part))
		fail_msg("message '%s' lacks '%s'", msg, msg_part);
}

/* A program that gave up when an allocation was refused reached the
 * limit; the sandbox says so (memory_evidence), the message follows. */
static void test_check__refused_allocation_reads_as_reached(void **state)
{
	(void)state;
	struct sandbox_result r;
	memset(&r, 0, sizeof(r));
	r.outcome = SANDBOX_MEMORY_LIMIT;
	r.memory_evidence = SANDBOX_MEMORY_ALLOCATION;
	struct check_def c = def();
	char msg[512];
	assert_string_equal(check_status_for_outcome(&r, &c, msg, sizeof(msg)), "memory");
	assert_string_equal(msg, "memory limit of 64 MiB reached: the program could not allocate more memory");
}

static void test_check__outcomes_map_to_contract_statuses(void **state)
{
	(void)state;
	expect(SANDBOX_CPU_LIMIT, SIGKILL, 0, "timeout", "CPU time limit of 3 s exceeded");
	expect(SANDBOX_WALL_LIMIT, SIGKILL, 0, "timeout", "wall-clock limit of 7 s exceeded after 0.00 s of CPU");
	expect(SANDBOX_MEMORY_LIMIT, SIGKILL, 0, "memory", "memory limit of 64 MiB exceeded");
	expect(SANDBOX_OUTPUT_LIMIT, SIGKILL, 0, "output", "output limit of 16 KiB");
	expect(SANDBOX_SIGNALED, SIGSEGV, 0, "crash", "killed by SIGSEGV (segmentation fault)");
	expect(SANDBOX_SIGNALED, SIGXCPU, 0, "timeout", "CPU time limit");
	expect(SANDBOX_SIGNALED, SIGXFSZ, 0, "output", "file size limit");
	expect(SANDBOX_EXEC_FAILED, 0, ENOENT, "error", "command 'python4' not found in PATH");
	expect(SANDBOX_EXEC_FAILED, 0, EACCES, "error", "not executable");
	expect(SANDBOX_SETUP_FAILED, 0, 0, "error", "could not be set up");
	expect(SANDBOX_SECCOMP_KILL, SIGSYS, 0, "crash", "killed by the sandbox");
}

static void test_check__wall_limit_tells_starved_from_blocked(void **state)
{
	(void)state;
	struct sandbox_result r;
	memset(&r, 0, sizeof(r));
	r.outcome = SANDBOX_WALL_LIMIT;
	r.cpu_seconds = 2.5;
	struct check_def c = def();
	char msg[512];
	assert_string_equal(check_status_for_outcome(&r, &c, msg, sizeof(msg)), "timeout");
	if (!strstr(msg, "while computing (2.5 s of CPU)"))
		fail_msg("message '%s' does not say the check was computing", msg);
	r.cpu_seconds = 0.01;
	check_status_for_outcome(&r, &c, msg, sizeof(msg));
	if (!strstr(msg, "sleeping"))
		fail_msg("message '%s' does not say the check was blocked", msg);
}

static void test_check__normalized_compare_ignores_crlf_and_trailing_blanks(void **state)
{
	(void)state;
	char msg[256];
	const char *e = "a\nb  \n\n";
	const char *a = "a\r\nb\n";
	assert_true(check_compare_output(e, strlen(e), a, strlen(a), false, msg, sizeof(msg)));
	assert_false(check_compare_output(e, strlen(e), a, strlen(a), true, msg, sizeof(msg)));
	const char *w = "a\nc\n";
	assert_false(check_compare_output(e, strlen(e), w, strlen(w), false, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "line 2"));
	assert_non_null(strstr(msg, "expected \"b\""));
	assert_non_null(strstr(msg, "got \"c\""));
	const char *shorter = "a\n";
	assert_false(check_compare_output(e, strlen(e), shorter, strlen(shorter), false, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "end of output"));
}

/* Exact comparison works on the raw, len-bounded buffers of the check's
 * output, which need not be NUL-terminated: quoting the differing line must
 * not read past len (found by fuzzing; the over-read shows under
 * SANITIZE=address, the buffers below end exactly at len). */
static void test_check__exact_compare_quotes_within_len(void **state)
{
	(void)state;
	char msg[256];
	char *e = malloc(3), *a = malloc(3);
	memcpy(e, "abc", 3);
	memcpy(a, "abd", 3);
	assert_false(check_compare_output(e, 3, a, 3, true, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "expected \"abc\", got \"abd\""));
	free(e);
	free(a);
}

static void test_check__clean_text_is_valid_utf8_without_nul(void **state)
{
	(void)state;
	const char in[] = "ok \xc3\xa9 bad \xff nul\0x over \xc0\xaf sur \xed\xa0\x80";
	char *out = check_clean_text(in, sizeof(in) - 1);
	assert_non_null(strstr(out, "ok \xc3\xa9 bad \xEF\xBF\xBD nulx"));
	assert_null(strstr(out, "\xc0\xaf"));
	assert_null(strstr(out, "\xed\xa0\x80"));
	free(out);
}

static cJSON *check_obj(const char *status, int score, int max)
{
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "status", status);
	cJSON_AddNumberToObject(c, "score", score);
	cJSON_AddNumberToObject(c, "max_score", max);
	return c;
}

static void test_report__finalize_rolls_up_scores_and_status(void **state)
{
	(void)state;
	cJSON *r = cJSON_CreateObject();
	cJSON *exs = cJSON_AddArrayToObject(r, "exercises");
	cJSON *e = cJSON_CreateObject();
	cJSON *cs = cJSON_AddArrayToObject(e, "checks");
	cJSON_AddItemToArray(cs, check_obj("pass", 2, 2));
	cJSON_AddItemToArray(cs, check_obj("timeout", 0, 3));
	cJSON_AddItemToArray(exs, e);
	cJSON *q = cJSON_AddObjectToObject(r, "quiz");
	cJSON_AddNumberToObject(q, "score", 1);
	cJSON_AddNumberToObject(q, "max_score", 1);
	report_finalize(r);
	assert_int_equal(cJSON_GetObjectItem(r, "score")->valueint, 3);
	assert_int_equal(cJSON_GetObjectItem(r, "max_score")->valueint, 6);
	assert_string_equal(cJSON_GetObjectItem(r, "status")->valuestring, "fail");
	assert_string_equal(cJSON_GetObjectItem(e, "status")->valuestring, "fail");
	assert_int_equal(cJSON_GetObjectItem(e, "score")->valueint, 2);
	cJSON_Delete(r);

	/* Nothing could be graded: every check is an error and no quiz. */
	r = cJSON_CreateObject();
	exs = cJSON_AddArrayToObject(r, "exercises");
	e = cJSON_CreateObject();
	cs = cJSON_AddArrayToObject(e, "checks");
	cJSON_AddItemToArray(cs, check_obj("error", 0, 2));
	cJSON_AddItemToArray(exs, e);
	report_finalize(r);
	assert_string_equal(cJSON_GetObjectItem(r, "status")->valuestring, "error");
	cJSON_Delete(r);
}

static void test_report__write_is_atomic_and_complete(void **state)
{
	(void)state;
	char dir[] = "/tmp/rr-report-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/r.json", dir);
	cJSON *r = cJSON_CreateObject();
	cJSON_AddNumberToObject(r, "report_version", 1);
	assert_int_equal(report_write(r, path), 0);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[128] = "";
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	cJSON *back = cJSON_ParseWithLength(buf, n);
	assert_non_null(back);
	assert_int_equal(cJSON_GetObjectItem(back, "report_version")->valueint, 1);
	/* An unwritable destination leaves nothing behind and says so. */
	assert_true(report_write(r, "/nonexistent-dir/r.json") < 0);
	cJSON_Delete(back);
	cJSON_Delete(r);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check__outcomes_map_to_contract_statuses),
		cmocka_unit_test(test_check__refused_allocation_reads_as_reached),
		cmocka_unit_test(test_check__wall_limit_tells_starved_from_blocked),
		cmocka_unit_test(test_check__normalized_compare_ignores_crlf_and_trailing_blanks),
		cmocka_unit_test(test_check__exact_compare_quotes_within_len),
		cmocka_unit_test(test_check__clean_text_is_valid_utf8_without_nul),
		cmocka_unit_test(test_report__finalize_rolls_up_scores_and_status),
		cmocka_unit_test(test_report__write_is_atomic_and_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
