/* test_diag.c - collected diagnostics and how they are printed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static char *print(const struct diag_list *d, const char *subject)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	diag_print(d, fp, subject);
	fclose(fp);
	return buf;
}

static void test_diag__prints_git_style_with_line_and_path(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	diag_add(&d, DIAG_ERROR, "pack.json", NULL, 12, 5, "expected ','");
	diag_add(&d, DIAG_WARNING, "pack.json", "exercises[2].run", 0, 0, "must be %s", "an array");
	diag_add(&d, DIAG_NOTE, NULL, NULL, 0, 0, "plain");
	assert_int_equal(diag_errors(&d), 1);
	char *out = print(&d, "pack 'security'");
	assert_string_equal(out,
			    "error: pack 'security': pack.json line 12, column 5: expected ','\n"
			    "warning: pack 'security': pack.json: exercises[2].run: must be an array\n"
			    "note: pack 'security': plain\n");
	free(out);
	diag_clear(&d);
	assert_int_equal(d.n, 0);
}

/* Hostile text in a message (an id, a path, a JSON key, an archive entry)
 * must not reach the terminal as control characters: no escape sequences,
 * no forged extra lines. */
static void test_diag__control_characters_are_escaped(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	diag_add(&d, DIAG_ERROR, "pack\033[2J.json", "x\033]0;t\007", 0, 0,
		 "'%s' is bad\nerror: forged", "a\033[31mred\177");
	char *out = print(&d, "pack '\033[1m'");
	assert_null(strchr(out, '\033'));
	assert_null(strchr(out, '\007'));
	assert_null(strchr(out, '\177'));
	assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1); /* one line */
	assert_non_null(strstr(out, "'a\\x1b[31mred\\x7f' is bad\\nerror: forged"));
	assert_non_null(strstr(out, "pack '\\x1b[1m': pack\\x1b[2J.json: x\\x1b]0;t\\x07: "));
	free(out);
	diag_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag__prints_git_style_with_line_and_path),
		cmocka_unit_test(test_diag__control_characters_are_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
