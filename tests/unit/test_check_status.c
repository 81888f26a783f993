/* test_check_status.c - the one table of status names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "check_status.h"

static void test_check_status__names_round_trip(void **state)
{
	(void)state;
	const char *const contract[] = { "pass", "fail", "timeout", "memory", "crash", "output", "error" };
	for (size_t i = 0; i < sizeof(contract) / sizeof(contract[0]); i++) {
		enum check_status s = check_status_parse(contract[i]);
		assert_int_not_equal(s, CHECK_STATUS_OTHER);
		assert_string_equal(check_status_name(s), contract[i]);
	}
	assert_string_equal(check_status_name(CHECK_PASS), "pass");
	assert_string_equal(check_status_name(CHECK_ERROR), "error");
}

static void test_check_status__unknown_names_are_other(void **state)
{
	(void)state;
	assert_int_equal(check_status_parse(NULL), CHECK_STATUS_OTHER);
	assert_int_equal(check_status_parse(""), CHECK_STATUS_OTHER);
	assert_int_equal(check_status_parse("PASS"), CHECK_STATUS_OTHER);
	assert_int_equal(check_status_parse("other"), CHECK_STATUS_OTHER);
	assert_string_equal(check_status_name(CHECK_STATUS_OTHER), "other");
	assert_string_equal(check_status_name((enum check_status)99), "other");
}

static void test_check_status__read_from_a_json_object(void **state)
{
	(void)state;
	cJSON *o = cJSON_Parse("{\"status\":\"timeout\"}");
	assert_int_equal(check_status_of(o), CHECK_TIMEOUT);
	cJSON_Delete(o);
	o = cJSON_Parse("{\"status\":1}");
	assert_int_equal(check_status_of(o), CHECK_STATUS_OTHER);
	cJSON_Delete(o);
	assert_int_equal(check_status_of(NULL), CHECK_STATUS_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_status__names_round_trip),
		cmocka_unit_test(test_check_status__unknown_names_are_other),
		cmocka_unit_test(test_check_status__read_from_a_json_object),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
