/*
 * test_pack_write.c - reproducible pack archives: identical bytes on every
 * run whatever the files' times, owners or the umask; normalised entries
 * read back with libarchive; exclusions; refusals that leave the previous
 * archive untouched.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pack.h"
#include "roadmap.h"
#include "util.h"

static const char *formats[] = { "tar", "tar.gz", "tar.xz", "tar.zst", "zip" };
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

static char scratch[256];

static int setup(void **state)
{
	(void)state;
	snprintf(scratch, sizeof(scratch), "/tmp/test_pack_write.XXXXXX");
	unsetenv("SOURCE_DATE_EPOCH");
	return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("SOURCE_DATE_EPOCH");
	util_rm_rf(scratch);
	return 0;
}

static char *sp(const char *rel)
{
	static char buf[8][512];
	static int i;
	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", scratch, rel);
	return buf[i];
}

static void write_file(const char *path, const char *data, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void make_pack(const char *root)
{
	char p[600];
#define P(rel) (snprintf(p, sizeof(p), "%s/%s", root, rel), p)
	mkdir(root, 0755);
	write_file(P("pack.json"), "{\"format\": 1, \"id\": \"demo\"}\n", 0644);
	mkdir(P("ex"), 0750);
	write_file(P("ex/prompt.md"), "# Do it\n", 0600);
	mkdir(P("ex/starter"), 0755);
	write_file(P("ex/starter/main.py"), "print(1)\n", 0664);
	mkdir(P("ex/solution"), 0755);
	write_file(P("ex/solution/main.py"), "print(2)\n", 0644);
	write_file(P("ex/solution-notes.md"), "kept: only a prefix match\n", 0644);
	mkdir(P("ex/wrong"), 0755);
	mkdir(P("ex/wrong/off-by-one"), 0755);
	write_file(P("ex/wrong/off-by-one/main.py"), "print(3)\n", 0644);
	mkdir(P("ex/tests"), 0755);
	write_file(P("ex/tests/check.sh"), "#!/bin/sh\nexit 0\n", 0744);
	mkdir(P("ex/a-b"), 0755); /* "ex/a-b" sorts before "ex/a/..." */
	mkdir(P("ex/a"), 0755);
	write_file(P("ex/a/z"), "z", 0644);
	mkdir(P("empty-dir"), 0755);
#undef P
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	assert_int_equal(util_read_file(path, 1 << 26, &buf, len), 0);
	return buf;
}

/* Change everything reproducibility must ignore: times, group/other bits. */
static void disturb(const char *root)
{
	const char *rel[] = { "pack.json", "ex", "ex/prompt.md", "ex/starter/main.py",
			      "ex/tests/check.sh", "empty-dir" };
	struct timeval tv[2] = { { 1234567890, 0 }, { 1234567890, 0 } };
	char p[600];
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", root, rel[i]);
		assert_int_equal(utimes(p, tv), 0);
		struct stat st;
		stat(p, &st);
		chmod(p, (st.st_mode & 0700) | (S_ISDIR(st.st_mode) ? 0077 : 0066));
		if (getuid() == 0)
			assert_int_equal(chown(p, 1234, 5678), 0);
	}
}

static void test_pack_write__two_runs_are_byte_identical(void **state)
{
	(void)state;
	make_pack(sp("p"));
	for (size_t i = 0; i < NFORMATS; i++) {
		struct diag_list d = DIAG_LIST_INIT;
		char a[600], b[600];
		size_t la, lb;
		snprintf(a, sizeof(a), "%s/one.%s", scratch, formats[i]);
		snprintf(b, sizeof(b), "%s/two.%s", scratch, formats[i]);
		assert_int_equal(pack_write_archive(sp("p"), "demo", a, formats[i], NULL, NULL, &d), 0);
		disturb(sp("p"));
		mode_t old = umask(077);
		assert_int_equal(pack_write_archive(sp("p"), "demo", b, formats[i], NULL, NULL, &d), 0);
		umask(old);
		assert_int_equal(d.n, 0);
		char *x = slurp(a, &la), *y = slurp(b, &lb);
		assert_int_equal(la, lb);
		assert_memory_equal(x, y, la);
		free(x);
		free(y);
	}
}

struct seen_entry {
	char path[256];
	mode_t type, perm;
	int64_t uid, gid, size;
	time_t mtime;
	int has_atime, has_ctime;
	char uname[32];
};

static size_t read_back(const char *path, struct seen_entry *v, size_t max)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	size_t n = 0;
	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	assert_int_equal(archive_read_open_filename(a, path, 16384), ARCHIVE_OK);
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		assert_true(n < max);
		struct seen_entry *s = &v[n++];
		snprintf(s->path, sizeof(s->path), "%s", archive_entry_pathname(e));
		s->type = archive_entry_filetype(e);
		s->perm = archive_entry_perm(e);
		s->uid = archive_entry_uid(e);
		s->gid = archive_entry_gid(e);
		s->size = archive_entry_size(e);
		s->mtime = archive_entry_mtime(e);
		s->has_atime = archive_entry_atime_is_set(e);
		s->has_ctime = archive_entry_ctime_is_set(e);
		const char *u = archive_entry_uname(e);
		snprintf(s->uname, sizeof(s->uname), "%s", u ? u : "");
	}
	archive_read_free(a);
	return n;
}

static void test_pack_write__entries_are_sorted_and_normalised(void **state)
{
	static const char *want[] = {
		"demo/", "demo/empty-dir/", "demo/ex/", "demo/ex/a-b/", "demo/ex/a/", "demo/ex/a/z",
		"demo/ex/prompt.md", "demo/ex/solution-notes.md", "demo/ex/solution/",
		"demo/ex/solution/main.py", "demo/ex/starter/", "demo/ex/starter/main.py",
		"demo/ex/tests/", "demo/ex/tests/check.sh", "demo/ex/wrong/",
		"demo/ex/wrong/off-by-one/", "demo/ex/wrong/off-by-one/main.py", "demo/pack.json",
	};
	struct seen_entry v[64];
	(void)state;
	make_pack(sp("p"));
	disturb(sp("p"));
	for (size_t f = 0; f < NFORMATS; f++) {
		struct diag_list d = DIAG_LIST_INIT;
		char out[600];
		snprintf(out, sizeof(out), "%s/out.%s", scratch, formats[f]);
		assert_int_equal(pack_write_archive(sp("p"), "demo", out, formats[f], NULL, NULL, &d), 0);
		size_t n = read_back(out, v, 64);
		assert_int_equal(n, sizeof(want) / sizeof(want[0]));
		for (size_t i = 0; i < n; i++) {
			char w[256];
			snprintf(w, sizeof(w), "%s", want[i]);
			bool dir = w[strlen(w) - 1] == '/';
			/* Some readers give directories without the slash. */
			if (v[i].path[strlen(v[i].path) - 1] != '/' && dir)
				w[strlen(w) - 1] = '\0';
			assert_string_equal(v[i].path, w);
			assert_int_equal(v[i].type, dir ? AE_IFDIR : AE_IFREG);
			bool exec = dir || strstr(w, "check.sh");
			assert_int_equal(v[i].perm, exec ? 0755 : 0644);
			assert_int_equal(v[i].uid, 0);
			assert_int_equal(v[i].gid, 0);
			assert_string_equal(v[i].uname, "");
			assert_int_equal(v[i].mtime, 0);
			if (strcmp(formats[f], "zip") != 0)
				assert_false(v[i].has_ctime);
			if (strcmp(formats[f], "zip") != 0)
				assert_false(v[i].has_atime);
		}
	}
}

static void test_pack_write__source_date_epoch(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct seen_entry v[64];
	(void)state;
	make_pack(sp("p"));
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("e.tar"), "tar", NULL, NULL, &d), 0);
	size_t n = read_back(sp("e.tar"), v, 64);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].mtime, 1700000000);

	setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("f.tar"), "tar", NULL, NULL, &d),
			 RR_EXIT_INVALID);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0].message, "SOURCE_DATE_EPOCH 'yesterday'"));
	diag_clear(&d);
	assert_int_equal(access(sp("f.tar"), F_OK), -1);
}

static void test_pack_write__gzip_header_has_no_time_or_name(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	size_t len;
	(void)state;
	make_pack(sp("p"));
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("x.tar.gz"), "tar.gz", NULL, NULL, &d), 0);
	unsigned char *g = (unsigned char *)slurp(sp("x.tar.gz"), &len);
	assert_true(len > 10);
	assert_int_equal(g[0], 0x1f);
	assert_int_equal(g[1], 0x8b);
	assert_int_equal(g[3] & 0x08, 0); /* FNAME flag */
	assert_int_equal(g[4] | g[5] | g[6] | g[7], 0); /* MTIME */
	free(g);
}

static void test_pack_write__exclude_drops_solution_and_wrong(void **state)
{
	const char *exclude[] = { "ex/solution", "./ex/wrong/", NULL };
	struct diag_list d = DIAG_LIST_INIT;
	struct seen_entry v[64];
	(void)state;
	make_pack(sp("p"));
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("l.zip"), "zip", exclude, NULL, &d), 0);
	size_t n = read_back(sp("l.zip"), v, 64);
	bool notes = false;
	for (size_t i = 0; i < n; i++) {
		assert_null(strstr(v[i].path, "ex/solution/"));
		assert_null(strstr(v[i].path, "ex/wrong"));
		notes |= strcmp(v[i].path, "demo/ex/solution-notes.md") == 0;
	}
	assert_true(notes);
	assert_int_equal(n, 18 - 5);
}

static void test_pack_write__output_inside_the_pack_is_not_packed(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct seen_entry v[64];
	size_t la, lb;
	(void)state;
	make_pack(sp("p"));
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("p/self.tar"), "tar", NULL, NULL, &d), 0);
	char *a = slurp(sp("p/self.tar"), &la);
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("p/self.tar"), "tar", NULL, NULL, &d), 0);
	char *b = slurp(sp("p/self.tar"), &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	size_t n = read_back(sp("p/self.tar"), v, 64);
	for (size_t i = 0; i < n; i++)
		assert_null(strstr(v[i].path, "self.tar"));
	free(a);
	free(b);
}

static size_t count_entries(const char *dir)
{
	DIR *dd = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	while ((e = readdir(dd)))
		n += e->d_name[0] != '.';
	closedir(dd);
	return n;
}

static void test_pack_write__refusal_keeps_the_old_archive(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	size_t len;
	(void)state;
	make_pack(sp("p"));
	mkdir(sp("out"), 0755);
	write_file(sp("out/pack.tgz"), "previous archive", 0644);
	symlink("/etc/passwd", sp("p/ex/passwd"));
	mkfifo(sp("p/ex/fifo"), 0644);
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("out/pack.tgz"), "tar.gz", NULL, NULL, &d),
			 RR_EXIT_INVALID);
	assert_int_equal(d.n, 2); /* both named, not only the first */
	bool link = false, fifo = false;
	for (size_t i = 0; i < d.n; i++) {
		link |= strcmp(d.items[i].file, "ex/passwd") == 0 &&
			strstr(d.items[i].message, "a symbolic link cannot be packed") != NULL;
		fifo |= strcmp(d.items[i].file, "ex/fifo") == 0 &&
			strstr(d.items[i].message, "a special file cannot be packed") != NULL;
	}
	assert_true(link && fifo);
	diag_clear(&d);
	char *old = slurp(sp("out/pack.tgz"), &len);
	assert_string_equal(old, "previous archive");
	free(old);
	assert_int_equal(count_entries(sp("out")), 1); /* no temporary left */
}

static void test_pack_write__bad_arguments(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	(void)state;
	make_pack(sp("p"));
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("x.rar"), "rar", NULL, NULL, &d),
			 RR_EXIT_INVALID);
	assert_non_null(strstr(d.items[0].message, "unknown archive format 'rar'"));
	diag_clear(&d);
	assert_int_equal(pack_write_archive(sp("p"), "../evil", sp("x.tar"), "tar", NULL, NULL, &d),
			 RR_EXIT_INVALID);
	diag_clear(&d);
	assert_int_equal(pack_write_archive(sp("p"), "demo", sp("no/such/dir/x.tar"), "tar", NULL, NULL, &d),
			 RR_EXIT_INTERNAL);
	assert_non_null(strstr(d.items[0].message, "cannot create"));
	diag_clear(&d);
	assert_int_equal(pack_write_archive(sp("missing"), "demo", sp("x.tar"), "tar", NULL, NULL, &d),
			 RR_EXIT_INVALID);
	diag_clear(&d);
}

static void test_pack_write__refuses_more_entries_than_a_runner_accepts(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	char p[600];
	(void)state;
	mkdir(sp("big"), 0755);
	write_file(sp("big/pack.json"), "{}", 0644);
	for (int i = 0; i < PACK_MAX_ENTRIES; i++) {
		snprintf(p, sizeof(p), "%s/big/f%05d", scratch, i);
		int fd = open(p, O_WRONLY | O_CREAT, 0644);
		assert_true(fd >= 0);
		close(fd);
	}
	assert_int_equal(pack_write_archive(sp("big"), "big", sp("big.tar"), "tar", NULL, NULL, &d),
			 RR_EXIT_INVALID);
	assert_non_null(strstr(d.items[0].message, "a pack may have at most 20000"));
	diag_clear(&d);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pack_write__two_runs_are_byte_identical),
		T(test_pack_write__entries_are_sorted_and_normalised),
		T(test_pack_write__source_date_epoch),
		T(test_pack_write__gzip_header_has_no_time_or_name),
		T(test_pack_write__exclude_drops_solution_and_wrong),
		T(test_pack_write__output_inside_the_pack_is_not_packed),
		T(test_pack_write__refusal_keeps_the_old_archive),
		T(test_pack_write__bad_arguments),
		T(test_pack_write__refuses_more_entries_than_a_runner_accepts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
