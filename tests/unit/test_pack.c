/*
 * test_pack.c - pack_open on directories and archives. Hostile archives are
 * built here with libarchive's writer, so no binary fixtures are needed.
 * Every test runs in a fresh scratch directory with TMPDIR pointing inside
 * it, so "nothing written outside" and "temporary directory removed" are
 * checked by looking at the scratch directory afterwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pack.h"
#include "pack_extract.h"
#include "roadmap.h"
#include "sha256.h"
#include "util.h"

static char scratch[256];
static char tmpbase[300];

static int setup(void **state)
{
	(void)state;
	snprintf(scratch, sizeof(scratch), "/tmp/test_pack.XXXXXX");
	if (!mkdtemp(scratch))
		return -1;
	snprintf(tmpbase, sizeof(tmpbase), "%s/tmp", scratch);
	mkdir(tmpbase, 0700);
	setenv("TMPDIR", tmpbase, 1);
	pack_extract_limits = (struct pack_extract_limits){ PACK_MAX_BYTES, PACK_MAX_ENTRIES,
							    PACK_MAX_PATH, PACK_MAX_DEPTH };
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_rm_rf(scratch);
	return 0;
}

static char *sp(const char *rel)
{
	static char buf[4][512];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", scratch, rel);
	return buf[i];
}

static void write_file(const char *path, const char *data, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	fchmod(fd, mode);
	close(fd);
}

static size_t count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* ---- building archives ---- */

enum kind { F, D, SYM, HARD, CHR, FIFO, ZEROS };

struct ent {
	const char *name;
	enum kind kind;
	const char *data;   /* file content, or link target */
	int64_t size;       /* for ZEROS */
	mode_t perm;        /* 0: 0644 / 0755 */
};

static void build(const char *path, const char *format, const struct ent *v, size_t n)
{
	struct archive *a = archive_write_new();
	static char zeros[65536];

	if (strcmp(format, "zip") == 0) {
		assert_int_equal(archive_write_set_format_zip(a), ARCHIVE_OK);
	} else {
		assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
		if (strcmp(format, "tar.gz") == 0)
			assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
		else if (strcmp(format, "tar.xz") == 0)
			assert_int_equal(archive_write_add_filter_xz(a), ARCHIVE_OK);
		else if (strcmp(format, "tar.zst") == 0)
			assert_int_equal(archive_write_add_filter_zstd(a), ARCHIVE_OK);
		else if (strcmp(format, "tar.bz2") == 0)
			assert_int_equal(archive_write_add_filter_bzip2(a), ARCHIVE_OK);
	}
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, v[i].name);
		archive_entry_set_mtime(e, 1700000000, 0);
		switch (v[i].kind) {
		case F:
		case ZEROS:
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, v[i].perm ? v[i].perm : 0644);
			archive_entry_set_size(e, v[i].kind == F ? (int64_t)strlen(v[i].data) : v[i].size);
			break;
		case D:
			archive_entry_set_filetype(e, AE_IFDIR);
			archive_entry_set_perm(e, v[i].perm ? v[i].perm : 0755);
			break;
		case SYM:
			archive_entry_set_filetype(e, AE_IFLNK);
			archive_entry_set_perm(e, 0777);
			archive_entry_set_symlink(e, v[i].data);
			break;
		case HARD:
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			archive_entry_set_hardlink(e, v[i].data);
			break;
		case CHR:
			archive_entry_set_filetype(e, AE_IFCHR);
			archive_entry_set_perm(e, 0666);
			archive_entry_set_rdevmajor(e, 1);
			archive_entry_set_rdevminor(e, 3);
			break;
		case FIFO:
			archive_entry_set_filetype(e, AE_IFIFO);
			archive_entry_set_perm(e, 0644);
			break;
		}
		assert_true(archive_write_header(a, e) >= ARCHIVE_WARN);
		if (v[i].kind == F) {
			archive_write_data(a, v[i].data, strlen(v[i].data));
		} else if (v[i].kind == ZEROS) {
			for (int64_t left = v[i].size; left > 0; left -= (int64_t)sizeof(zeros))
				archive_write_data(a, zeros, left < (int64_t)sizeof(zeros) ? (size_t)left : sizeof(zeros));
		}
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

#define PACK_JSON "{\"format\": 1}\n"

/* Open path expecting failure; returns the joined diagnostics (static). */
static const char *open_fails(const char *path, int want)
{
	static char msgs[4096];
	struct diag_list d = DIAG_LIST_INIT;
	struct pack p;

	int r = pack_open(path, &p, &d);
	msgs[0] = '\0';
	for (size_t i = 0; i < d.n; i++) {
		strncat(msgs, d.items[i].message, sizeof(msgs) - strlen(msgs) - 2);
		strcat(msgs, "\n");
	}
	diag_clear(&d);
	if (r == 0)
		pack_close(&p);
	assert_int_equal(r, want);
	/* Nothing left behind: the extraction directory is gone. */
	assert_int_equal(count_entries(tmpbase), 0);
	return msgs;
}

static void expect_refused(const struct ent *v, size_t n, const char *format, const char *needle)
{
	const char *path = sp("evil.archive");
	build(path, format, v, n);
	const char *msg = open_fails(path, RR_EXIT_INVALID);
	if (!strstr(msg, needle))
		fail_msg("expected '%s' in: %s", needle, msg);
}

/* ---- hostile archives ---- */

static void test_pack__refuses_dotdot_entry(void **state)
{
	const struct ent v[] = {
		{ "pack.json", F, PACK_JSON, 0, 0 },
		{ "../../escape", F, "owned\n", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry '../../escape': path escapes the pack");
	struct stat st;
	assert_int_equal(lstat(sp("escape"), &st), -1);
	assert_int_equal(count_entries(scratch), 2); /* tmp/ and the archive */
}

static void test_pack__refuses_dotdot_in_the_middle(void **state)
{
	const struct ent v[] = { { "a/../../b", F, "x", 0, 0 } };
	(void)state;
	expect_refused(v, 1, "zip", "entry 'a/../../b': path escapes the pack");
}

static void test_pack__refuses_absolute_path(void **state)
{
	char abs[600];
	snprintf(abs, sizeof(abs), "%s/abs-target", scratch);
	const struct ent v[] = { { abs, F, "owned\n", 0, 0 } };
	(void)state;
	expect_refused(v, 1, "tar.gz", "absolute paths are not allowed");
	struct stat st;
	assert_int_equal(lstat(abs, &st), -1);
}

static void test_pack__refuses_symlink_to_etc(void **state)
{
	const struct ent v[] = {
		{ "pack.json", F, PACK_JSON, 0, 0 },
		{ "etc", SYM, "/etc", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry 'etc': symbolic links are not allowed (to '/etc')");
}

static void test_pack__refuses_file_written_through_symlink(void **state)
{
	mkdir(sp("outside"), 0755);
	const struct ent v[] = {
		{ "link", SYM, sp("outside"), 0, 0 },
		{ "link/owned", F, "owned\n", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry 'link': symbolic links are not allowed");
	assert_int_equal(count_entries(sp("outside")), 0);
}

static void test_pack__refuses_relative_symlink_in_zip(void **state)
{
	const struct ent v[] = { { "up", SYM, "../..", 0, 0 } };
	(void)state;
	expect_refused(v, 1, "zip", "entry 'up': symbolic links are not allowed");
}

static void test_pack__refuses_hardlink_to_passwd(void **state)
{
	const struct ent v[] = {
		{ "pack.json", F, PACK_JSON, 0, 0 },
		{ "passwd", HARD, "/etc/passwd", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry 'passwd': hard links are not allowed (to '/etc/passwd')");
}

static void test_pack__refuses_hardlink_inside(void **state)
{
	const struct ent v[] = {
		{ "pack.json", F, PACK_JSON, 0, 0 },
		{ "copy.json", HARD, "pack.json", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "hard links are not allowed");
}

static void test_pack__refuses_device_node(void **state)
{
	const struct ent v[] = {
		{ "pack.json", F, PACK_JSON, 0, 0 },
		{ "null", CHR, NULL, 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry 'null': character devices are not allowed");
}

static void test_pack__refuses_fifo(void **state)
{
	const struct ent v[] = { { "pipe", FIFO, NULL, 0, 0 } };
	(void)state;
	expect_refused(v, 1, "tar.xz", "entry 'pipe': FIFOs are not allowed");
}

static void test_pack__refuses_too_many_entries(void **state)
{
	struct ent v[12];
	char names[12][16];
	(void)state;
	pack_extract_limits.max_entries = 10;
	for (int i = 0; i < 12; i++) {
		snprintf(names[i], sizeof(names[i]), "f%02d", i);
		v[i] = (struct ent){ names[i], F, "x", 0, 0 };
	}
	expect_refused(v, 12, "tar", "entry 'f10': more than 10 entries in the archive");
	/* Exactly at the limit is fine. */
	build(sp("ok.tar"), "tar", v, 10);
	v[0].name = "pack.json";
	build(sp("ok.tar"), "tar", v, 10);
	struct diag_list d = DIAG_LIST_INIT;
	struct pack p;
	assert_int_equal(pack_open(sp("ok.tar"), &p, &d), 0);
	pack_close(&p);
	diag_clear(&d);
}

static void test_pack__gzip_bomb_fails_fast(void **state)
{
	const struct ent v[] = {
		{ "pack.json", F, PACK_JSON, 0, 0 },
		{ "bomb", ZEROS, NULL, 64L << 20, 0 },
	};
	(void)state;
	pack_extract_limits.max_bytes = 1 << 20;
	build(sp("bomb.tgz"), "tar.gz", v, 2);
	struct stat st;
	assert_int_equal(stat(sp("bomb.tgz"), &st), 0);
	assert_true(st.st_size < 200 * 1024); /* it is a bomb: small outside */

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	const char *msg = open_fails(sp("bomb.tgz"), RR_EXIT_INVALID);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_non_null(strstr(msg, "entry 'bomb': 64.0 MiB would take the pack over its limit of 1 MiB"));
	/* Refused at the header, before inflating 64 MiB. */
	assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 200);
}

static void test_pack__byte_cap_counts_all_entries(void **state)
{
	const struct ent v[] = {
		{ "a", ZEROS, NULL, 400 * 1024, 0 },
		{ "b", ZEROS, NULL, 400 * 1024, 0 },
		{ "c", ZEROS, NULL, 400 * 1024, 0 },
	};
	(void)state;
	pack_extract_limits.max_bytes = 1 << 20;
	expect_refused(v, 3, "zip", "entry 'c':");
}

static void test_pack__refuses_too_long_path(void **state)
{
	char longname[200];
	memset(longname, 'x', 100);
	longname[100] = '\0';
	const struct ent v[] = { { longname, F, "x", 0, 0 } };
	(void)state;
	pack_extract_limits.max_path = 64;
	expect_refused(v, 1, "tar", "name longer than 64 bytes");
}

static void test_pack__default_path_cap_is_enforced(void **state)
{
	char longname[PACK_MAX_PATH + 100];
	(void)state;
	/* Deep enough to pass PACK_MAX_PATH, each component short. */
	longname[0] = '\0';
	while (strlen(longname) < PACK_MAX_PATH + 10)
		strcat(longname, "abcdefghi/");
	strcat(longname, "f");
	const struct ent v[] = { { longname, F, "x", 0, 0 } };
	expect_refused(v, 1, "tar", "name longer than 1024 bytes");
}

static void test_pack__refuses_too_deep_nesting(void **state)
{
	char deep[400] = "";
	(void)state;
	for (int i = 0; i < PACK_MAX_DEPTH; i++)
		strcat(deep, "d/");
	strcat(deep, "f"); /* 65 levels, well under the byte cap */
	const struct ent v[] = { { deep, F, "x", 0, 0 } };
	expect_refused(v, 1, "tar", "nested deeper than 64 directories");

	/* Exactly 64 levels load: "p/" + 62 x "d/" + "f". */
	char ok[400] = "p/";
	for (int i = 0; i < PACK_MAX_DEPTH - 2; i++)
		strcat(ok, "d/");
	strcat(ok, "f");
	const struct ent w[] = { { "p/pack.json", F, PACK_JSON, 0, 0 }, { ok, F, "x", 0, 0 } };
	struct diag_list d = DIAG_LIST_INIT;
	struct pack p;
	build(sp("ok.tar"), "tar", w, 2);
	assert_int_equal(pack_open(sp("ok.tar"), &p, &d), 0);
	pack_close(&p);
	diag_clear(&d);
}

static void test_pack__refuses_duplicate_file(void **state)
{
	const struct ent v[] = {
		{ "pack.json", F, PACK_JSON, 0, 0 },
		{ "pack.json", F, "{}", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry 'pack.json': appears twice in the archive");
}

static void test_pack__refuses_directory_turned_into_file(void **state)
{
	const struct ent v[] = {
		{ "d/f", F, "x", 0, 0 },
		{ "d", F, "replaces the directory", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry 'd': would turn a directory into a file");
}

static void test_pack__refuses_file_used_as_directory(void **state)
{
	const struct ent v[] = {
		{ "f", F, "x", 0, 0 },
		{ "f/g", F, "y", 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar", "entry 'f/g': its parent 'f' is a file earlier in the archive");
}

/* Printable bytes that do not compress, so a cut lands in member data. */
static void noise_fill(char *buf, size_t n)
{
	uint32_t x = 2463534242u;
	for (size_t i = 0; i + 1 < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (char)('!' + x % 90);
	}
	buf[n - 1] = '\0';
}

static void test_pack__corrupt_archive_is_a_clear_error(void **state)
{
	char big[5000];
	noise_fill(big, sizeof(big));
	const struct ent v[] = {
		{ "p/pack.json", F, PACK_JSON, 0, 0 },
		{ "p/big", F, big, 0, 0 },
		{ "p/more", F, big, 0, 0 },
	};
	(void)state;
	/* Truncated in the middle of a member. */
	build(sp("good.tar"), "tar", v, 3);
	assert_int_equal(truncate(sp("good.tar"), 3000), 0);
	const char *msg = open_fails(sp("good.tar"), RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "truncated or corrupt"));

	/* A gzip stream cut short. */
	build(sp("good.tgz"), "tar.gz", v, 3);
	struct stat st;
	stat(sp("good.tgz"), &st);
	assert_int_equal(truncate(sp("good.tgz"), st.st_size / 2), 0);
	msg = open_fails(sp("good.tgz"), RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "truncated or corrupt"));

	/* Flipped bytes in a tar header (checksum mismatch). */
	build(sp("flip.tar"), "tar", v, 3);
	int fd = open(sp("flip.tar"), O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "ZZZZZZZZ", 8, 1024 + 100), 8); /* second header's mode */
	close(fd);
	msg = open_fails(sp("flip.tar"), RR_EXIT_INVALID);
	if (!strstr(msg, "truncated or corrupt"))
		fail_msg("%s", msg);

	/* A zip cut in the middle of a member. (A zip missing only its
	 * central directory is still read, through the local headers, with
	 * every member's CRC checked: that is recovery, not corruption.) */
	build(sp("cut.zip"), "zip", v, 3);
	stat(sp("cut.zip"), &st);
	assert_int_equal(truncate(sp("cut.zip"), st.st_size / 2), 0);
	msg = open_fails(sp("cut.zip"), RR_EXIT_INVALID);
	if (!strstr(msg, "truncated or corrupt"))
		fail_msg("%s", msg);

	/* A zip member whose deflated data was damaged: the CRC catches it. */
	const struct ent z[] = { { "p/pack.json", F, PACK_JSON, 0, 0 }, { "p/noise", F, big, 0, 0 } };
	build(sp("crc.zip"), "zip", z, 2);
	stat(sp("crc.zip"), &st);
	fd = open(sp("crc.zip"), O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "\xff\xff\xff\xff", 4, st.st_size / 2), 4);
	close(fd);
	msg = open_fails(sp("crc.zip"), RR_EXIT_INVALID);
	if (!strstr(msg, "truncated or corrupt"))
		fail_msg("%s", msg);
}

static void test_pack__non_archive_file_is_named(void **state)
{
	(void)state;
	write_file(sp("notes.txt"), "just some text, not an archive\n", 0644);
	const char *msg = open_fails(sp("notes.txt"), RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "notes.txt' is neither a directory with pack.json nor a "
				    "supported archive (tar, tar.gz, tar.xz, tar.zst, zip)"));
	write_file(sp("empty"), "", 0644);
	msg = open_fails(sp("empty"), RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "is neither a directory"));
	msg = open_fails("/dev/null", RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "is neither a directory"));
	msg = open_fails(sp("does-not-exist"), RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "No such file or directory"));
}

static void test_pack__name_with_terminal_escape_is_shown_safely(void **state)
{
	const struct ent v[] = { { "../\033[2Jx", F, "x", 0, 0 } };
	(void)state;
	expect_refused(v, 1, "tar", "entry '../?[2Jx': name contains a control character");
}

/* ---- good archives ---- */

static void make_tree(const char *root)
{
	char p[600];
	mkdir(root, 0755);
	snprintf(p, sizeof(p), "%s/pack.json", root);
	write_file(p, PACK_JSON, 0644);
	snprintf(p, sizeof(p), "%s/ex", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/ex/tests", root);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/ex/tests/run.sh", root);
	write_file(p, "#!/bin/sh\nexit 0\n", 0700);
	snprintf(p, sizeof(p), "%s/ex/a-b", root);
	write_file(p, "sorts before a/ byte-wise\n", 0600);
	snprintf(p, sizeof(p), "%s/ex/empty", root);
	write_file(p, "", 0644);
	snprintf(p, sizeof(p), "%s/ex/emptydir", root);
	mkdir(p, 0755);
}

static void test_pack__directory_pack(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct pack p;
	char want[72];
	(void)state;
	make_tree(sp("dirpack"));
	assert_int_equal(pack_open(sp("dirpack"), &p, &d), 0);
	assert_string_equal(p.format, "directory");
	assert_string_equal(p.root, sp("dirpack"));
	assert_null(p.tmpdir);
	assert_int_equal(pack_digest_dir(sp("dirpack"), want), 0);
	assert_string_equal(p.digest, want);
	pack_close(&p);
	diag_clear(&d);

	mkdir(sp("nopack"), 0755);
	const char *msg = open_fails(sp("nopack"), RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "no pack.json in '"));
}

static void test_pack__every_format_gives_the_directory_digest(void **state)
{
	static const char *formats[] = { "tar", "tar.gz", "tar.xz", "tar.zst", "zip" };
	char want[72];
	(void)state;
	make_tree(sp("src"));
	assert_int_equal(pack_digest_dir(sp("src"), want), 0);
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct diag_list d = DIAG_LIST_INIT;
		struct pack p;
		char out[600];
		/* A misleading name: detection must use the content. */
		snprintf(out, sizeof(out), "%s/pack-%zu.bin", scratch, i);
		assert_int_equal(pack_write_archive(sp("src"), "demo", out, formats[i], NULL, NULL, &d), 0);
		assert_int_equal(pack_open(out, &p, &d), 0);
		assert_string_equal(p.format, formats[i]);
		assert_string_equal(p.digest, want);
		/* One top-level directory: root is inside it. */
		char expect_root[600];
		snprintf(expect_root, sizeof(expect_root), "%s/demo", p.tmpdir);
		assert_string_equal(p.root, expect_root);
		/* Modes normalised: 0700 dir -> 0755, 0700 file -> 0755, 0600 -> 0644. */
		struct stat st;
		char q[700];
		snprintf(q, sizeof(q), "%s/ex/tests", p.root);
		assert_int_equal(stat(q, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0755);
		snprintf(q, sizeof(q), "%s/ex/tests/run.sh", p.root);
		assert_int_equal(stat(q, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0755);
		snprintf(q, sizeof(q), "%s/ex/a-b", p.root);
		assert_int_equal(stat(q, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0644);
		char *tmp = xstrdup(p.tmpdir);
		pack_close(&p);
		assert_int_equal(stat(tmp, &st), -1); /* removed by pack_close */
		free(tmp);
		diag_clear(&d);
	}
}

static void test_pack__tar_bz2_is_accepted(void **state)
{
	const struct ent v[] = { { "pack.json", F, PACK_JSON, 0, 0 } };
	struct diag_list d = DIAG_LIST_INIT;
	struct pack p;
	(void)state;
	build(sp("p.tbz"), "tar.bz2", v, 1);
	assert_int_equal(pack_open(sp("p.tbz"), &p, &d), 0);
	assert_string_equal(p.format, "tar.bz2");
	pack_close(&p);
	diag_clear(&d);
}

static void test_pack__pack_json_at_root_with_dot_slash_names(void **state)
{
	const struct ent v[] = {
		{ "./", D, NULL, 0, 0 },
		{ "./ex/x.txt", F, "hello\n", 0, 0 },
		{ "./pack.json", F, PACK_JSON, 0, 0 },
		{ "ex/", D, NULL, 0, 0700 },
		{ "suid", F, "x", 0, 04755 },
		{ "privdir/", D, NULL, 0, 0700 },
		{ "privdir/secret", F, "s", 0, 0600 },
		{ "tool", F, "#!/bin/sh\n", 0, 0700 },
	};
	struct diag_list d = DIAG_LIST_INIT;
	struct pack p;
	struct stat st;
	char q[700];
	(void)state;
	build(sp("root.tar"), "tar", v, 8);
	assert_int_equal(pack_open(sp("root.tar"), &p, &d), 0);
	assert_string_equal(p.root, p.tmpdir);
	snprintf(q, sizeof(q), "%s/ex/x.txt", p.root);
	assert_int_equal(stat(q, &st), 0);
	snprintf(q, sizeof(q), "%s/ex", p.root);
	assert_int_equal(stat(q, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	snprintf(q, sizeof(q), "%s/suid", p.root);
	assert_int_equal(stat(q, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755); /* setuid dropped */
	snprintf(q, sizeof(q), "%s/privdir", p.root);
	assert_int_equal(stat(q, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	snprintf(q, sizeof(q), "%s/privdir/secret", p.root);
	assert_int_equal(stat(q, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	snprintf(q, sizeof(q), "%s/tool", p.root);
	assert_int_equal(stat(q, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);

	/* Same content as a directory tree -> same digest. */
	char want[72];
	mkdir(sp("same"), 0755);
	mkdir(sp("same/ex"), 0755);
	write_file(sp("same/ex/x.txt"), "hello\n", 0644);
	write_file(sp("same/pack.json"), PACK_JSON, 0644);
	write_file(sp("same/suid"), "x", 0600);
	mkdir(sp("same/privdir"), 0755);
	write_file(sp("same/privdir/secret"), "s", 0644);
	write_file(sp("same/tool"), "#!/bin/sh\n", 0755);
	assert_int_equal(pack_digest_dir(sp("same"), want), 0);
	assert_string_equal(p.digest, want);
	pack_close(&p);
	diag_clear(&d);
}

static void test_pack__two_top_level_dirs_are_refused(void **state)
{
	const struct ent v[] = {
		{ "one/pack.json", F, PACK_JSON, 0, 0 },
		{ "two/pack.json", F, PACK_JSON, 0, 0 },
	};
	(void)state;
	expect_refused(v, 2, "tar.gz",
		       "no pack.json at the archive root, and 2 top-level entries ('one', 'two') "
		       "instead of exactly one directory holding it");
}

static void test_pack__one_top_level_dir_without_pack_json(void **state)
{
	const struct ent v[] = { { "one/readme", F, "x", 0, 0 } };
	(void)state;
	expect_refused(v, 1, "tar", "no pack.json at the archive root or in 'one/'");
	const struct ent w[] = { { "one/sub/pack.json", F, PACK_JSON, 0, 0 } };
	expect_refused(w, 1, "zip", "no pack.json at the archive root or in 'one/'");
}

static void test_pack__empty_archive(void **state)
{
	(void)state;
	build(sp("empty.tar"), "tar", NULL, 0);
	const char *msg = open_fails(sp("empty.tar"), RR_EXIT_INVALID);
	assert_non_null(strstr(msg, "is empty"));
}

/* ---- digest ---- */

static void test_pack__digest_is_the_documented_canonical_form(void **state)
{
	struct sha256 s;
	unsigned char md[32];
	char hex[65], want[72], got[72];
	(void)state;
	mkdir(sp("t"), 0755);
	mkdir(sp("t/b"), 0755);
	mkdir(sp("t/empty-dir"), 0755);
	write_file(sp("t/b/c"), "", 0644);
	write_file(sp("t/a"), "x", 0755);
	write_file(sp("t/b-c"), "yz", 0644);
	symlink("a", sp("t/link-not-counted"));
	/* Byte-wise order: "a" < "b-c" < "b/c" ('-' is 0x2d, '/' is 0x2f). */
	sha256_init(&s);
	sha256_update(&s, "a\0" "1\0" "x", 5);
	sha256_update(&s, "b-c\0" "2\0" "yz", 8);
	sha256_update(&s, "b/c\0" "0\0", 6);
	sha256_final(&s, md);
	sha256_hex(md, hex);
	snprintf(want, sizeof(want), "sha256:%s", hex);
	assert_int_equal(pack_digest_dir(sp("t"), got), 0);
	assert_string_equal(got, want);

	/* Modes do not count; content and names do. */
	chmod(sp("t/a"), 0600);
	assert_int_equal(pack_digest_dir(sp("t"), got), 0);
	assert_string_equal(got, want);
	write_file(sp("t/a"), "X", 0644);
	assert_int_equal(pack_digest_dir(sp("t"), got), 0);
	assert_string_not_equal(got, want);
	write_file(sp("t/a"), "x", 0644);
	rename(sp("t/b-c"), sp("t/b-d"));
	assert_int_equal(pack_digest_dir(sp("t"), got), 0);
	assert_string_not_equal(got, want);
	assert_int_equal(pack_digest_dir(sp("missing"), got), -ENOENT);
}

/* ---- cleanup on signals ---- */

static void test_pack__extraction_dir_removed_on_sigterm(void **state)
{
	const struct ent v[] = { { "p/pack.json", F, PACK_JSON, 0, 0 } };
	int fds[2];
	char path[512] = "";
	(void)state;
	build(sp("p.tar"), "tar", v, 1);
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* A fresh process, as roadmap-run is: a forked child never
		 * removes its parent's directories, by design. */
		dup2(fds[1], 1);
		execl("/proc/self/exe", "test_pack", "--open-and-wait", sp("p.tar"), (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	ssize_t n = read(fds[0], path, sizeof(path) - 1);
	close(fds[0]);
	assert_true(n > 0);
	path[n] = '\0';
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	kill(pid, SIGTERM);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

/* The child side of the SIGTERM test: open the pack, say where it went,
 * and wait to be killed. */
static int open_and_wait(const char *path)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct pack p;
	if (pack_open(path, &p, &d) != 0)
		return 1;
	printf("%s", p.tmpdir);
	fflush(stdout);
	close(1);
	pause();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--open-and-wait") == 0)
		return open_and_wait(argv[2]);

	const struct CMUnitTest tests[] = {
		T(test_pack__refuses_dotdot_entry),
		T(test_pack__refuses_dotdot_in_the_middle),
		T(test_pack__refuses_absolute_path),
		T(test_pack__refuses_symlink_to_etc),
		T(test_pack__refuses_file_written_through_symlink),
		T(test_pack__refuses_relative_symlink_in_zip),
		T(test_pack__refuses_hardlink_to_passwd),
		T(test_pack__refuses_hardlink_inside),
		T(test_pack__refuses_device_node),
		T(test_pack__refuses_fifo),
		T(test_pack__refuses_too_many_entries),
		T(test_pack__gzip_bomb_fails_fast),
		T(test_pack__byte_cap_counts_all_entries),
		T(test_pack__refuses_too_long_path),
		T(test_pack__default_path_cap_is_enforced),
		T(test_pack__refuses_too_deep_nesting),
		T(test_pack__refuses_duplicate_file),
		T(test_pack__refuses_directory_turned_into_file),
		T(test_pack__refuses_file_used_as_directory),
		T(test_pack__corrupt_archive_is_a_clear_error),
		T(test_pack__non_archive_file_is_named),
		T(test_pack__name_with_terminal_escape_is_shown_safely),
		T(test_pack__directory_pack),
		T(test_pack__every_format_gives_the_directory_digest),
		T(test_pack__tar_bz2_is_accepted),
		T(test_pack__pack_json_at_root_with_dot_slash_names),
		T(test_pack__two_top_level_dirs_are_refused),
		T(test_pack__one_top_level_dir_without_pack_json),
		T(test_pack__empty_archive),
		T(test_pack__digest_is_the_documented_canonical_form),
		T(test_pack__extraction_dir_removed_on_sigterm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
