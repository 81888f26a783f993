/* Unit tests of the command line (runner/cli): the option parser every
 * command uses, the parse_*_args of the commands, and that the help, the
 * man page and the completions are what the command table says. Each
 * usage error must exit RR_EXIT_USAGE (2) with one clear line on stderr. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "command_table.h"
#include "commands.h"
#include "roadmap.h"
#include "util.h"

/* stderr and stdout of the code under test, captured in files. */
static char err_text[8192], out_text[65536];
static int saved_err = -1, saved_out = -1;

static void capture_begin(void)
{
	fflush(stderr);
	fflush(stdout);
	saved_err = dup(STDERR_FILENO);
	saved_out = dup(STDOUT_FILENO);
	int e = open("/tmp", O_TMPFILE | O_RDWR, 0600), o = open("/tmp", O_TMPFILE | O_RDWR, 0600);
	assert_true(e >= 0 && o >= 0);
	dup2(e, STDERR_FILENO);
	dup2(o, STDOUT_FILENO);
	close(e);
	close(o);
}

static void read_back(int fd, char *buf, size_t size)
{
	ssize_t n = pread(fd, buf, size - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
}

static void capture_end(void)
{
	fflush(stderr);
	fflush(stdout);
	read_back(STDERR_FILENO, err_text, sizeof(err_text));
	read_back(STDOUT_FILENO, out_text, sizeof(out_text));
	dup2(saved_err, STDERR_FILENO);
	dup2(saved_out, STDOUT_FILENO);
	close(saved_err);
	close(saved_out);
}

#define ARGV(...) ((char *[]){ __VA_ARGS__, NULL })

static int argc_of(char **v)
{
	int n = 0;
	while (v[n])
		n++;
	return n;
}

static int run_parse(char **argv, struct run_args *r)
{
	capture_begin();
	int st = run_parse_args(argc_of(argv), argv, r);
	capture_end();
	return st;
}

/* A usage error: exit 2, the message, and the usage line, on stderr only. */
static void assert_usage_error(int st, const char *message)
{
	assert_int_equal(st, RR_EXIT_USAGE);
	if (!strstr(err_text, message))
		fail_msg("expected '%s' in stderr:\n%s", message, err_text);
	if (!strstr(err_text, "\nusage: roadmap-run "))
		fail_msg("no usage line in stderr:\n%s", err_text);
	assert_string_equal(out_text, "");
}

static void test_cli__run_takes_options_anywhere_and_equals_values(void **state)
{
	(void)state;
	struct run_args r;
	int st = run_parse(ARGV("run", "--answers=a.json", "pk", "--exercise", "a", "sub", "-qv",
				"--exercise=b", "--format", "junit", "--format=junit", "--out=o"),
			   &r);
	assert_int_equal(st, -1);
	assert_string_equal(r.pack_path, "pk");
	assert_string_equal(r.submission, "sub");
	assert_int_equal(r.n_only, 2);
	assert_string_equal(r.only[1], "b");
	assert_true(r.quiet && r.verbose);
	assert_int_equal(r.n_formats, 1); /* a repeated format counts once */
	run_args_release(&r);
}

static void test_cli__double_dash_ends_the_options(void **state)
{
	(void)state;
	struct run_args r;
	int st = run_parse(ARGV("run", "pk", "--", "--report"), &r);
	assert_int_equal(st, -1);
	assert_string_equal(r.submission, "--report");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--", "a", "b"), &r), "unexpected argument 'b'");
	run_args_release(&r);
}

static void test_cli__dash_alone_is_a_positional(void **state)
{
	(void)state;
	struct run_args r;
	assert_int_equal(run_parse(ARGV("run", "pk", "--answers", "-", "--report", "-"), &r), -1);
	assert_string_equal(r.answers, "-");
	assert_string_equal(r.report_path, "-");
	run_args_release(&r);
	assert_int_equal(run_parse(ARGV("run", "-", "sub"), &r), -1);
	assert_string_equal(r.pack_path, "-");
	run_args_release(&r);
}

static void test_cli__unknown_options_are_usage_errors(void **state)
{
	(void)state;
	struct run_args r;
	assert_usage_error(run_parse(ARGV("run", "pk", "--nope"), &r), "roadmap-run: unknown option '--nope'");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--exercises", "a"), &r),
			   "unknown option '--exercises'; did you mean '--exercise'?");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "-qx"), &r), "unknown option '-x' in '-qx'");
	run_args_release(&r);
	/* no abbreviations: adding an option must not change what a prefix means */
	assert_usage_error(run_parse(ARGV("run", "pk", "--rep", "r"), &r), "unknown option '--rep'");
	run_args_release(&r);
	/* a hidden option of another command is not one of run's */
	assert_usage_error(run_parse(ARGV("run", "pk", "--man"), &r), "unknown option '--man'");
	run_args_release(&r);
	/* the user's bytes are escaped in the message */
	assert_usage_error(run_parse(ARGV("run", "pk", "--\033[31m"), &r), "unknown option '--\\x1b[31m'");
	run_args_release(&r);
}

static void test_cli__missing_and_empty_values(void **state)
{
	(void)state;
	struct run_args r;
	assert_usage_error(run_parse(ARGV("run", "pk", "--report"), &r), "option '--report' needs a value");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--report="), &r),
			   "option '--report' needs a non-empty value");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--workspace", ""), &r),
			   "option '--workspace' needs a non-empty value");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--quiet=1"), &r), "option '--quiet' takes no value");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--format", "xml"), &r),
			   "option '--format' takes one of: json junit tap gradescope exercism, not 'xml'");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--format="), &r), "option '--format' takes one of");
	run_args_release(&r);
}

static void test_cli__positionals_are_counted_from_the_table(void **state)
{
	(void)state;
	struct run_args r;
	assert_usage_error(run_parse(ARGV("run"), &r), "roadmap-run: missing PACK");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "-q"), &r), "missing PACK");
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "a", "b", "c"), &r), "unexpected argument 'c'");
	run_args_release(&r);
	/* --check-sandbox stands alone: no PACK needed */
	assert_int_equal(run_parse(ARGV("run", "--check-sandbox"), &r), -1);
	assert_true(r.check_sandbox);
	run_args_release(&r);
	assert_usage_error(run_parse(ARGV("run", "pk", "--report", "r", "--out", "o"), &r),
			   "give either --report FILE or --out DIR, not both");
	run_args_release(&r);
}

static void test_cli__numbers_out_of_range(void **state)
{
	(void)state;
	struct grade_args g;
	const char *bad_jobs[] = { "0", "-1", "257", "abc", "4x", "", "99999999999999999999999" };
	for (size_t i = 0; i < sizeof(bad_jobs) / sizeof(*bad_jobs); i++) {
		capture_begin();
		int st = grade_parse_args(5, ARGV("grade", "pk", "sub", "-j", (char *)bad_jobs[i]), &g);
		capture_end();
		assert_usage_error(st, "option '-j' takes a number of jobs from 1 to 256, not '");
	}
	capture_begin();
	int st = grade_parse_args(4, ARGV("grade", "pk", "sub", "--jobs=256"), &g);
	capture_end();
	assert_int_equal(st, -1);
	assert_int_equal(g.jobs, 256);
	capture_begin();
	st = grade_parse_args(4, ARGV("grade", "pk", "sub", "-j3"), &g);
	capture_end();
	assert_int_equal(g.jobs, 3);
	const char *bad_marks[] = { "101", "-5", "abc", "50%" };
	for (size_t i = 0; i < sizeof(bad_marks) / sizeof(*bad_marks); i++) {
		capture_begin();
		st = grade_parse_args(5, ARGV("grade", "pk", "sub", "--pass-mark", (char *)bad_marks[i]), &g);
		capture_end();
		assert_usage_error(st, "option '--pass-mark' takes a percentage from 0 to 100");
	}
	const char *bad_shards[] = { "3/2", "0/0", "x", "1/", "/2", "1/0" };
	for (size_t i = 0; i < sizeof(bad_shards) / sizeof(*bad_shards); i++) {
		capture_begin();
		st = grade_parse_args(5, ARGV("grade", "pk", "sub", "--shard", (char *)bad_shards[i]), &g);
		capture_end();
		assert_usage_error(st, "option '--shard' takes K/N");
	}
	capture_begin();
	st = grade_parse_args(2, ARGV("grade", "pk"), &g);
	capture_end();
	assert_usage_error(st, "roadmap-run grade: no submissions");
}

static void test_cli__pack_and_quiz_arguments(void **state)
{
	(void)state;
	struct pack_args p;
	capture_begin();
	int st = pack_parse_args(2, ARGV("pack", "dir"), &p);
	capture_end();
	assert_usage_error(st, "roadmap-run pack: missing -o FILE");
	capture_begin();
	st = pack_parse_args(4, ARGV("pack", "dir", "-ox.tar.xz", "--learner"), &p);
	capture_end();
	assert_int_equal(st, -1);
	assert_string_equal(p.format, "tar.xz");
	assert_true(p.learner);
	struct quiz_args q;
	capture_begin();
	st = quiz_parse_args(4, ARGV("quiz", "pk", "--answers", "-"), &q);
	capture_end();
	assert_usage_error(st, "--answers - is not for the quiz");
	capture_begin();
	st = quiz_parse_args(3, ARGV("quiz", "pk", "--again"), &q);
	capture_end();
	assert_int_equal(st, -1);
	assert_true(q.again);
}

static void test_cli__help_and_version_exit_0_on_stdout(void **state)
{
	(void)state;
	size_t n;
	const struct command *all = command_all(&n);
	for (size_t i = 0; i < n; i++) {
		struct cli_args a;
		capture_begin();
		cli_begin(&a, all[i].name, 2, ARGV((char *)all[i].name, "--help"));
		int c = cli_next(&a);
		capture_end();
		assert_int_equal(c, CLI_STOP);
		assert_int_equal(a.status, 0);
		assert_string_equal(err_text, "");
		assert_non_null(strstr(out_text, "usage: roadmap-run"));
		capture_begin();
		cli_begin(&a, all[i].name, 3, ARGV((char *)all[i].name, "-q", "-V"));
		c = cli_next(&a);
		capture_end();
		assert_int_equal(c, CLI_STOP);
		assert_int_equal(a.status, 0);
		assert_string_equal(out_text, RR_NAME " " RR_VERSION "\n");
	}
}

/* Every option of every command appears in its --help, in the man page and
 * in each completion; hidden ones appear nowhere; every command is in the
 * top help, the man page and the completions. A drift goes red here. */
static void test_cli__help_man_and_completions_agree_with_the_table(void **state)
{
	(void)state;
	static char man[1 << 17], comp[3][1 << 17], top[16384];
	const char *shells[] = { "bash", "zsh", "fish" };
	size_t n;
	const struct command *all = command_all(&n);
	capture_begin();
	cli_print_man(stdout);
	capture_end();
	memcpy(man, out_text, sizeof(out_text));
	for (int s = 0; s < 3; s++) {
		capture_begin();
		assert_int_equal(cli_print_completion(stdout, shells[s]), 0);
		fflush(stdout);
		read_back(STDOUT_FILENO, comp[s], sizeof(comp[s]));
		capture_end();
	}
	capture_begin();
	cli_print_top_help(stdout);
	capture_end();
	memcpy(top, out_text, sizeof(top) - 1);
	for (size_t i = 0; i < n; i++) {
		char want[128];
		snprintf(want, sizeof(want), "\n  %s ", all[i].name);
		assert_non_null(strstr(top, want));
		snprintf(want, sizeof(want), ".SS \"%s", all[i].name);
		for (char *p = want + 5; *p; p++) /* '-' in a name is \- in roff */
			if (*p == '-') {
				memmove(p + 1, p, strlen(p) + 1);
				*p++ = '\\';
			}
		char *section = strstr(man, want);
		if (!section)
			fail_msg("man page: no section for '%s'", all[i].name);
		/* the command's own options are in its section, up to the next one */
		char *end = strstr(section + 1, "\n.S");
		size_t section_len = end ? (size_t)(end - section) : strlen(section);
		char *own = xstrndup(section, section_len);
		for (int s = 0; s < 3; s++)
			if (!strstr(comp[s], all[i].name))
				fail_msg("%s completion: no command '%s'", shells[s], all[i].name);
		capture_begin();
		cli_print_help(stdout, &all[i]);
		capture_end();
		const struct cli_option *lists[] = { all[i].options, cli_common_options };
		for (int l = 0; l < 2; l++)
			for (const struct cli_option *o = lists[l]; o && o->name; o++) {
				char help_form[64], man_form[96];
				snprintf(help_form, sizeof(help_form), "--%s", o->name);
				snprintf(man_form, sizeof(man_form), "\\fB\\-\\-%s\\fR", o->name);
				for (char *p = man_form + 9; *p; p++) /* '-' in a name is \- in roff */
					if (*p == '-' && p[-1] != '\\') {
						memmove(p + 1, p, strlen(p) + 1);
						*p++ = '\\';
					}
				bool in_help = strstr(out_text, help_form) != NULL;
				bool in_man = strstr(l == 0 ? own : man, man_form) != NULL;
				if (o->hidden) {
					if (in_help || in_man)
						fail_msg("hidden option --%s is shown", o->name);
					continue;
				}
				if (!in_help)
					fail_msg("'%s --help' lacks --%s", all[i].name, o->name);
				if (!in_man)
					fail_msg("man page lacks --%s (%s)", o->name, man_form);
				char fish_form[96];
				snprintf(fish_form, sizeof(fish_form), "__fish_seen_subcommand_from %s' -l %s",
					 all[i].name, o->name);
				if (!strstr(comp[0], help_form) || !strstr(comp[1], help_form) ||
				    !strstr(comp[2], fish_form))
					fail_msg("a completion lacks %s of '%s'", help_form, all[i].name);
			}
		free(own);
	}
	assert_int_equal(cli_print_completion(stdout, "tcsh"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli__run_takes_options_anywhere_and_equals_values),
		cmocka_unit_test(test_cli__double_dash_ends_the_options),
		cmocka_unit_test(test_cli__dash_alone_is_a_positional),
		cmocka_unit_test(test_cli__unknown_options_are_usage_errors),
		cmocka_unit_test(test_cli__missing_and_empty_values),
		cmocka_unit_test(test_cli__positionals_are_counted_from_the_table),
		cmocka_unit_test(test_cli__numbers_out_of_range),
		cmocka_unit_test(test_cli__pack_and_quiz_arguments),
		cmocka_unit_test(test_cli__help_and_version_exit_0_on_stdout),
		cmocka_unit_test(test_cli__help_man_and_completions_agree_with_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
