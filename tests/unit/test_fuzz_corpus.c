/*
 * test_fuzz_corpus.c - replay every seed and crash reproducer in
 * tests/fuzz/corpus/<target>/ through its libFuzzer harness, without
 * libFuzzer: the harnesses (tests/fuzz/fuzz_<target>.c) are included here
 * with their entry point renamed, and their property checks abort on a
 * violation. So `make check` (and `make SANITIZE=address,undefined
 * check-unit`) keeps every bug the fuzzers found fixed, at the cost of a
 * few hundred small inputs. Fuzzing itself is `make fuzz` and
 * scripts/fuzz-smoke.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define LLVMFuzzerTestOneInput fuzz_manifest_parse_one
#include "../fuzz/fuzz_manifest_parse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_tap_parse_one
#include "../fuzz/fuzz_tap_parse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_quiz_parse_answers_one
#include "../fuzz/fuzz_quiz_parse_answers.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_quiz_validate_one
#include "../fuzz/fuzz_quiz_validate.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_gift_convert_one
#include "../fuzz/fuzz_gift_convert.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_check_compare_output_one
#include "../fuzz/fuzz_check_compare_output.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_check_clean_text_one
#include "../fuzz/fuzz_check_clean_text.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_pack_open_one
#include "../fuzz/fuzz_pack_open.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_util_escape_one
#include "../fuzz/fuzz_util_escape.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_gradebook_read_one
#include "../fuzz/fuzz_gradebook_read.c"
#undef LLVMFuzzerTestOneInput

static const char *dirname_of_this_file(void)
{
	static char buf[PATH_MAX];
	snprintf(buf, sizeof(buf), "%s", __FILE__);
	char *slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(buf, sizeof(buf), ".");
	return buf;
}

/* The corpus directory: $ROOT/tests/fuzz/corpus (the suites set ROOT), or
 * relative to the repository top, where `make check-unit` runs. */
static char *corpus_dir(const char *target)
{
	const char *root = getenv("ROOT");
	char *p = xasprintf("%s/tests/fuzz/corpus/%s", root && *root ? root : ".", target);
	if (access(p, R_OK | X_OK) != 0) {
		free(p);
		p = xasprintf("%s/../fuzz/corpus/%s", dirname_of_this_file(), target);
	}
	return p;
}

/* Run every file of the target's corpus; returns how many. */
static int replay(const char *target, int (*one)(const uint8_t *, size_t))
{
	char *dir = corpus_dir(target);
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("no corpus for '%s' at '%s'", target, dir);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = util_path_join(dir, e->d_name);
		char *data = NULL;
		size_t len = 0;
		int r = util_read_file(path, 1 << 20, &data, &len);
		if (r < 0)
			fail_msg("cannot read '%s': %s", path, strerror(-r));
		one((const uint8_t *)data, len);
		free(data);
		free(path);
		n++;
	}
	closedir(d);
	free(dir);
	return n;
}

static void test_fuzz_corpus__util_escape_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("util_escape", fuzz_util_escape_one) >= 3);
}

static void test_fuzz_corpus__manifest_parse_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("manifest_parse", fuzz_manifest_parse_one) >= 3);
}

static void test_fuzz_corpus__gradebook_read_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("gradebook_read", fuzz_gradebook_read_one) >= 3);
}

static void test_fuzz_corpus__tap_parse_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("tap_parse", fuzz_tap_parse_one) >= 3);
}

static void test_fuzz_corpus__quiz_parse_answers_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("quiz_parse_answers", fuzz_quiz_parse_answers_one) >= 3);
}

static void test_fuzz_corpus__quiz_validate_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("quiz_validate", fuzz_quiz_validate_one) >= 3);
}

static void test_fuzz_corpus__gift_convert_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("gift_convert", fuzz_gift_convert_one) >= 3);
}

static void test_fuzz_corpus__check_compare_output_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("check_compare_output", fuzz_check_compare_output_one) >= 3);
}

static void test_fuzz_corpus__check_clean_text_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("check_clean_text", fuzz_check_clean_text_one) >= 3);
}

static void test_fuzz_corpus__pack_open_replays_cleanly(void **state)
{
	(void)state;
	assert_true(replay("pack_open", fuzz_pack_open_one) >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzz_corpus__manifest_parse_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__tap_parse_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__gradebook_read_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__quiz_parse_answers_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__quiz_validate_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__gift_convert_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__check_compare_output_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__check_clean_text_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__pack_open_replays_cleanly),
		cmocka_unit_test(test_fuzz_corpus__util_escape_replays_cleanly),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	/* fuzz_pack_open made a private directory holding its input file. */
	if (fpo_dir[0])
		util_rm_rf(fpo_dir);
	return r;
}
