/* Unit tests of util.c: tree removal against what hostile checks leave
 * behind, atomic writes, ids and paths. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pathsafe.h"
#include "util.h"

static char *scratch(void)
{
	char *d = xstrdup("/tmp/rr-util-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static void test_util__rm_rf_removes_a_3000_deep_chain(void **state)
{
	(void)state;
	char *top = scratch();
	int fd = open(top, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	/* Far deeper than PATH_MAX allows to name in one path. */
	for (int i = 0; i < 3000; i++) {
		assert_int_equal(mkdirat(fd, "d", 0700), 0);
		int sub = openat(fd, "d", O_RDONLY | O_DIRECTORY);
		assert_true(sub >= 0);
		close(fd);
		fd = sub;
	}
	int f = openat(fd, "leaf", O_WRONLY | O_CREAT, 0600);
	assert_true(f >= 0);
	close(f);
	close(fd);
	assert_int_equal(util_rm_rf(top), 0);
	struct stat st;
	assert_int_equal(lstat(top, &st), -1);
	assert_int_equal(errno, ENOENT);
	free(top);
}

static void test_util__rm_rf_handles_mode_zero_dirs_and_never_follows_links(void **state)
{
	(void)state;
	char *top = scratch();
	char *victim = scratch();
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/keep", victim);
	assert_int_equal(pathsafe_write_named(path, "x", 1), 0);
	snprintf(path, sizeof(path), "%s/locked", top);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/locked/inner", top);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/locked/inner", top);
	chmod(path, 0);
	snprintf(path, sizeof(path), "%s/locked", top);
	chmod(path, 0);
	snprintf(path, sizeof(path), "%s/link", top);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(util_rm_rf(top), 0);
	struct stat st;
	assert_int_equal(lstat(top, &st), -1);
	snprintf(path, sizeof(path), "%s/keep", victim);
	assert_int_equal(lstat(path, &st), 0); /* the link's target is untouched */
	assert_int_equal(util_rm_rf(victim), 0);
	free(top);
	free(victim);
}

static void test_util__write_atomic_replaces_whole_file(void **state)
{
	(void)state;
	char *top = scratch();
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/f", top);
	assert_int_equal(pathsafe_write_named(path, "first version", 13), 0);
	assert_int_equal(pathsafe_write_named(path, "two", 3), 0);
	char *text;
	size_t len;
	assert_int_equal(util_read_file(path, 100, &text, &len), 0);
	assert_int_equal(len, 3);
	assert_string_equal(text, "two");
	free(text);
	assert_int_equal(util_read_file(path, 2, &text, &len), -EFBIG);
	assert_int_equal(util_rm_rf(top), 0);
	free(top);
}

static void test_util__valid_id(void **state)
{
	(void)state;
	assert_true(util_valid_id("sql-injection"));
	assert_true(util_valid_id("a1"));
	assert_false(util_valid_id(""));
	assert_false(util_valid_id("-a"));
	assert_false(util_valid_id("A"));
	assert_false(util_valid_id("a_b"));
	assert_false(util_valid_id("a/b"));
	char long_id[70];
	memset(long_id, 'a', 65);
	long_id[65] = '\0';
	assert_false(util_valid_id(long_id));
}

/* A submission's answers.json or hints.json may be a FIFO (reading would
 * block forever) or a symlink to a secret (a syntax error would quote its
 * first bytes): util_read_regular_file refuses both without reading. */
static void test_util__read_regular_file_refuses_fifo_and_symlink(void **state)
{
	(void)state;
	char *dir = scratch();
	char *file = util_path_join(dir, "file"), *fifo = util_path_join(dir, "fifo");
	char *link = util_path_join(dir, "link");
	char *text = NULL;
	size_t len = 0;
	FILE *fp = fopen(file, "w");
	assert_non_null(fp);
	fputs("{\"format\": 1}", fp);
	fclose(fp);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink(file, link), 0);

	assert_int_equal(util_read_regular_file(file, 1024, &text, &len), 0);
	assert_int_equal(len, 13);
	assert_string_equal(text, "{\"format\": 1}");
	free(text);
	text = NULL;
	/* Would block forever if the FIFO were opened for reading normally. */
	assert_int_equal(util_read_regular_file(fifo, 1024, &text, &len), -EINVAL);
	assert_int_equal(util_read_regular_file(link, 1024, &text, &len), -ELOOP);
	assert_int_equal(util_read_regular_file("/dev/zero", 1024, &text, &len), -EINVAL);
	assert_int_equal(util_read_regular_file(dir, 1024, &text, &len), -EISDIR);
	assert_int_equal(util_read_regular_file(file, 4, &text, &len), -EFBIG);
	assert_null(text);
	/* The trusting variant still follows a link the caller chose. */
	assert_int_equal(util_read_file(link, 1024, &text, &len), 0);
	free(text);
	util_rm_rf(dir);
	free(dir);
	free(file);
	free(fifo);
	free(link);
}

static void test_util__tempdir_base_is_tmpdir_when_absolute(void **state)
{
	(void)state;
	char *old = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/var/tmp", 1);
	assert_string_equal(util_tempdir_base(), "/var/tmp");
	setenv("TMPDIR", "relative", 1);
	assert_string_equal(util_tempdir_base(), "/tmp");
	setenv("TMPDIR", "", 1);
	assert_string_equal(util_tempdir_base(), "/tmp");
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}

/* --report /dev/stdout or /dev/null: the device is written to, never
 * replaced by a regular file (which, as root, would break the system's
 * /dev/null or /dev/stdout). Symlinks in the scratch directory stand in
 * for /dev/stdout, so the test harms nothing even when it fails. */
static void test_util__write_atomic_writes_through_to_devices(void **state)
{
	(void)state;
	char *dir = scratch();
	char *link = util_path_join(dir, "stdout"), *tmpfile = xasprintf("%s.tmp.%ld", link, (long)getpid());
	struct stat st;
	assert_int_equal(symlink("/dev/null", link), 0);
	assert_int_equal(pathsafe_write_named(link, "report\n", 7), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	/* A symlink to a regular file (what /dev/stdout is when stdout is
	 * redirected to a file) is written through, not replaced. */
	char *file = util_path_join(dir, "file"), *flink = util_path_join(dir, "flink");
	char *text = NULL;
	size_t len;
	assert_int_equal(pathsafe_write_named(file, "old old old", 11), 0);
	assert_int_equal(symlink(file, flink), 0);
	assert_int_equal(pathsafe_write_named(flink, "new", 3), 0);
	assert_int_equal(lstat(flink, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(util_read_file(file, 100, &text, &len), 0);
	assert_string_equal(text, "new");
	free(text);
	char *dangling = util_path_join(dir, "dangling");
	assert_int_equal(symlink("nowhere", dangling), 0);
	assert_int_equal(pathsafe_write_named(dangling, "x", 1), -ENOENT);
	assert_int_equal(pathsafe_write_named(dir, "x", 1), -EISDIR);
	assert_int_equal(access(tmpfile, F_OK), -1);
	char *nodir = util_path_join(dir, "missing/report.json");
	assert_int_equal(pathsafe_write_named(nodir, "x", 1), -ENOENT);
	util_rm_rf(dir);
	free(dangling);
	free(file);
	free(flink);
	free(nodir);
	free(tmpfile);
	free(link);
	free(dir);
}

static char *escaped(const char *s, size_t n, bool keep_newlines)
{
	struct strbuf sb = STRBUF_INIT;
	util_escape(&sb, s, n, keep_newlines);
	return strbuf_detach(&sb);
}

#define ESC_EQ(in, keep, want)                                         \
	do {                                                           \
		char *got_ = escaped(in, sizeof(in) - 1, keep);        \
		assert_string_equal(got_, want);                       \
		free(got_);                                            \
	} while (0)

static void test_util__escape_c0_c1_bidi_and_invalid_utf8(void **state)
{
	(void)state;
	ESC_EQ("a\033[31mb\a\r", false, "a\\x1b[31mb\\x07\\x0d");
	ESC_EQ("tab\there\nline", false, "tab\there\\nline");
	ESC_EQ("tab\there\nline", true, "tab\there\nline");
	ESC_EQ("del\x7f", false, "del\\x7f");
	/* C1 in UTF-8: CSI, OSC, NEL, ST */
	ESC_EQ("\xc2\x9b" "31m \xc2\x9d \xc2\x85 \xc2\x9c", false, "\\u009b31m \\u009d \\u0085 \\u009c");
	/* the edges of C1 */
	ESC_EQ("\xc2\x80\xc2\x9f\xc2\xa0", false, "\\u0080\\u009f\xc2\xa0");
	/* bidi: LRE..RLO, LRI..PDI; U+2029 and U+206A are not controls here */
	ESC_EQ("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x81\xaa", false,
	       "\\u202a\\u202e\\u2066\\u2069\xe2\x81\xaa");
	/* invalid UTF-8: stray continuation, overlong '/', truncated, 0xff,
	 * a surrogate, past U+10FFFF - byte by byte */
	ESC_EQ("\x80|\xc0\xaf|\xe2\x80|\xff|\xed\xa0\x80|\xf4\x90\x80\x80", false,
	       "\\x80|\\xc0\\xaf|\\xe2\\x80|\\xff|\\xed\\xa0\\x80|\\xf4\\x90\\x80\\x80");
	/* other UTF-8 is kept as it is */
	ESC_EQ("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80", false,
	       "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
	/* util_esc: rotating buffers, one line */
	const char *a = util_esc("x\ny"), *b = util_esc("\xc2\x9b");
	assert_string_equal(a, "x\\ny");
	assert_string_equal(b, "\\u009b");
	assert_string_equal(util_esc(NULL), "(null)");
}

/* A learner's output in a CI log must not become a workflow command:
 * GitHub's "::cmd::" at a line's start (after blanks) and "##[cmd]"
 * anywhere; Azure's "##vso[" and TeamCity's "##teamcity[" anywhere. */
static void test_util__escape_neutralises_ci_runner_commands(void **state)
{
	(void)state;
	ESC_EQ("::error::forged", false, ":\\x3aerror::forged");
	ESC_EQ("  \t::add-mask::x", false, "  \t:\\x3aadd-mask::x");
	ESC_EQ("ok\n::set-output name=a::b", true, "ok\n:\\x3aset-output name=a::b");
	ESC_EQ("ok\r::warning::x", false, "ok\\x0d:\\x3awarning::x");
	/* "::" inside a line is no command and stays */
	ESC_EQ("a::b std::vector", true, "a::b std::vector");
	ESC_EQ("x ##[error]forged", false, "x #\\x23[error]forged");
	ESC_EQ("##vso[task.setvariable variable=x]1", false, "#\\x23vso[task.setvariable variable=x]1");
	ESC_EQ("##TeamCity[buildStatus]", false, "#\\x23TeamCity[buildStatus]");
	/* a Markdown heading or a lone ## is text */
	ESC_EQ("## Heading [link]", true, "## Heading [link]");
	ESC_EQ("##", false, "##");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__rm_rf_removes_a_3000_deep_chain),
		cmocka_unit_test(test_util__rm_rf_handles_mode_zero_dirs_and_never_follows_links),
		cmocka_unit_test(test_util__write_atomic_replaces_whole_file),
		cmocka_unit_test(test_util__valid_id),
		cmocka_unit_test(test_util__read_regular_file_refuses_fifo_and_symlink),
		cmocka_unit_test(test_util__tempdir_base_is_tmpdir_when_absolute),
		cmocka_unit_test(test_util__write_atomic_writes_through_to_devices),
		cmocka_unit_test(test_util__escape_c0_c1_bidi_and_invalid_utf8),
		cmocka_unit_test(test_util__escape_neutralises_ci_runner_commands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
