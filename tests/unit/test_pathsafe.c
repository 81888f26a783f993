/*
 * test_pathsafe.c - the path rules for untrusted names, resolve-inside,
 * and the tree copy that builds each check's work directory from a
 * submission the grader must not trust.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pathsafe.h"
#include "util.h"

static char scratch[256];

static int setup(void **state)
{
	(void)state;
	snprintf(scratch, sizeof(scratch), "/tmp/test_pathsafe.XXXXXX");
	return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
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

static char *slurp(const char *path)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n >= 0);
	buf[n] = '\0';
	return buf;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* ---- pathsafe_relative_ok ---- */

static void test_pathsafe__relative_ok_accepts_plain_paths(void **state)
{
	const char *why = "unchanged";
	(void)state;
	assert_true(pathsafe_relative_ok("a", &why));
	assert_null(why);
	assert_true(pathsafe_relative_ok("sql-injection/tests", NULL));
	assert_true(pathsafe_relative_ok("./starter/", NULL));
	assert_true(pathsafe_relative_ok("a/./b", NULL));
	assert_true(pathsafe_relative_ok("...", NULL));
	assert_true(pathsafe_relative_ok("..a/b..", NULL));
	assert_true(pathsafe_relative_ok("caf\xc3\xa9/notes.md", NULL));
}

static void test_pathsafe__relative_ok_refuses_escapes(void **state)
{
	const char *why = NULL;
	(void)state;
	assert_false(pathsafe_relative_ok("/etc/passwd", &why));
	assert_string_equal(why, "is absolute");
	assert_false(pathsafe_relative_ok("..", &why));
	assert_string_equal(why, "contains a '..' component");
	assert_false(pathsafe_relative_ok("a/../../b", &why));
	assert_string_equal(why, "contains a '..' component");
	assert_false(pathsafe_relative_ok("a/..", &why));
	assert_false(pathsafe_relative_ok("a//../b", &why));
	assert_false(pathsafe_relative_ok("", &why));
	assert_string_equal(why, "is empty");
	assert_false(pathsafe_relative_ok(NULL, &why));
	assert_false(pathsafe_relative_ok("a\nb", &why));
	assert_string_equal(why, "contains a control character");
	assert_false(pathsafe_relative_ok("a\033[2J", &why));
	assert_false(pathsafe_relative_ok("tab\there", NULL));
}

static void test_pathsafe__relative_ok_refuses_overlong(void **state)
{
	char *p = malloc(PATH_MAX + 10);
	const char *why = NULL;
	(void)state;
	assert_non_null(p);
	memset(p, 'a', PATH_MAX + 9);
	p[PATH_MAX + 9] = '\0';
	assert_false(pathsafe_relative_ok(p, &why));
	assert_string_equal(why, "is too long");
	free(p);
}

/* ---- pathsafe_resolve_inside ---- */

static void test_pathsafe__resolve_inside(void **state)
{
	char *r = NULL;
	char root[600];
	(void)state;
	mkdir(sp("root"), 0755);
	mkdir(sp("root/d"), 0755);
	write_file(sp("root/d/f"), "x", 0644);
	write_file(sp("secret"), "s", 0644);
	symlink("d/f", sp("root/in"));
	symlink("../secret", sp("root/out"));
	symlink("/etc", sp("root/etc"));
	mkdir(sp("rootsibling"), 0755);
	snprintf(root, sizeof(root), "%s", sp("root"));

	assert_int_equal(pathsafe_resolve_inside(root, "d/f", &r), 0);
	assert_string_equal(r, sp("root/d/f"));
	free(r);
	assert_int_equal(pathsafe_resolve_inside(root, "in", &r), 0);
	assert_string_equal(r, sp("root/d/f"));
	free(r);
	assert_int_equal(pathsafe_resolve_inside(root, ".", &r), 0);
	assert_string_equal(r, sp("root"));
	free(r);
	r = NULL;
	assert_int_equal(pathsafe_resolve_inside(root, "out", &r), -EXDEV);
	assert_int_equal(pathsafe_resolve_inside(root, "etc/passwd", &r), -EXDEV);
	assert_int_equal(pathsafe_resolve_inside(root, "../secret", &r), -EXDEV);
	/* A sibling sharing the prefix "root" is still outside. */
	assert_int_equal(pathsafe_resolve_inside(root, "../rootsibling", &r), -EXDEV);
	assert_int_equal(pathsafe_resolve_inside(root, "missing", &r), -ENOENT);
	assert_null(r);
}

/* ---- pathsafe_copy_tree ---- */

static void make_src(void)
{
	mkdir(sp("src"), 0755);
	mkdir(sp("src/pkg"), 0700);
	mkdir(sp("src/pkg/deep"), 0755);
	write_file(sp("src/main.py"), "print('hi')\n", 0600);
	write_file(sp("src/run.sh"), "#!/bin/sh\necho run\n", 0700);
	write_file(sp("src/pkg/deep/data.txt"), "data\n", 0444);
	write_file(sp("src/empty"), "", 0644);
	write_file(sp("secret"), "outside secret\n", 0600);
}

static void test_pathsafe__copy_tree_copies_contents_and_modes(void **state)
{
	size_t skipped = 99;
	(void)state;
	make_src();
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), false, false, &skipped), 0);
	assert_int_equal(skipped, 0);
	assert_string_equal(slurp(sp("dst/main.py")), "print('hi')\n");
	assert_string_equal(slurp(sp("dst/run.sh")), "#!/bin/sh\necho run\n");
	assert_string_equal(slurp(sp("dst/pkg/deep/data.txt")), "data\n");
	assert_string_equal(slurp(sp("dst/empty")), "");
	assert_int_equal(mode_of(sp("dst/main.py")) & 07777, 0644);
	assert_int_equal(mode_of(sp("dst/run.sh")) & 07777, 0755);
	assert_int_equal(mode_of(sp("dst/pkg/deep/data.txt")) & 07777, 0644);
	assert_int_equal(mode_of(sp("dst")) & 07777, 0700);
	assert_int_equal(mode_of(sp("dst/pkg")) & 07777, 0700);
}

static void test_pathsafe__copy_tree_large_file(void **state)
{
	size_t n = 3 * 1024 * 1024 + 17;
	char *buf = malloc(n);
	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(i * 131 + (i >> 9));
	mkdir(sp("src"), 0755);
	int fd = open(sp("src/big"), O_WRONLY | O_CREAT, 0644);
	assert_int_equal(write(fd, buf, n), (ssize_t)n);
	close(fd);
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), false, false, NULL), 0);
	char *got = malloc(n + 1);
	fd = open(sp("dst/big"), O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, got, n + 1), (ssize_t)n);
	close(fd);
	assert_memory_equal(got, buf, n);
	free(got);
	free(buf);
}

static void test_pathsafe__copy_tree_never_follows_escaping_symlinks(void **state)
{
	size_t skipped = 0;
	(void)state;
	make_src();
	symlink("/etc/passwd", sp("src/abs"));
	symlink("../secret", sp("src/up"));
	symlink("../../secret", sp("src/pkg/upup"));
	symlink("/etc", sp("src/etcdir"));
	symlink("pkg/../../secret", sp("src/sneaky"));
	/* d/up points at the root (inside), but "d/up/.." would leave it. */
	symlink("..", sp("src/pkg/root"));
	symlink("pkg/root/../secret", sp("src/chain"));
	/* One level down a single ".." is in range, but after "root" it
	 * climbs out of src: src/pkg/root/.. is the scratch directory. */
	symlink("root/../secret", sp("src/pkg/chain2"));
	assert_string_equal(slurp(sp("src/pkg/chain2")), "outside secret\n");
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), false, false, &skipped), 0);
	assert_int_equal(skipped, 7);
	assert_false(exists(sp("dst/pkg/chain2")));
	assert_false(exists(sp("dst/abs")));
	assert_false(exists(sp("dst/up")));
	assert_false(exists(sp("dst/pkg/upup")));
	assert_false(exists(sp("dst/etcdir")));
	assert_false(exists(sp("dst/sneaky")));
	assert_false(exists(sp("dst/chain")));
	/* The in-tree one is kept, as a link. */
	assert_true(S_ISLNK(mode_of(sp("dst/pkg/root"))));
}

static void test_pathsafe__copy_tree_recreates_inside_symlinks(void **state)
{
	size_t skipped = 0;
	char target[256];
	(void)state;
	make_src();
	symlink("main.py", sp("src/alias.py"));
	symlink("../main.py", sp("src/pkg/parent.py"));
	symlink("deep/data.txt", sp("src/pkg/data"));
	symlink("pkg/deep", sp("src/deeplink"));
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), false, false, &skipped), 0);
	assert_int_equal(skipped, 0);
	assert_true(S_ISLNK(mode_of(sp("dst/alias.py"))));
	ssize_t n = readlink(sp("dst/alias.py"), target, sizeof(target) - 1);
	assert_true(n > 0);
	target[n] = '\0';
	assert_string_equal(target, "main.py");
	/* They resolve inside the copy, not back into src. */
	assert_string_equal(slurp(sp("dst/pkg/parent.py")), "print('hi')\n");
	assert_string_equal(slurp(sp("dst/deeplink/data.txt")), "data\n");
	/* The link to a directory was not descended into as a directory. */
	assert_true(S_ISLNK(mode_of(sp("dst/deeplink"))));
}

static void test_pathsafe__copy_tree_skips_special_files(void **state)
{
	size_t skipped = 0;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	(void)state;
	make_src();
	assert_int_equal(mkfifo(sp("src/fifo"), 0644), 0);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sp("src/sock"));
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	if (getuid() == 0)
		assert_int_equal(mknod(sp("src/null"), S_IFCHR | 0666, makedev(1, 3)), 0);
	/* A FIFO would block a naive open forever; the copy must not. */
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), false, false, &skipped), 0);
	close(s);
	assert_int_equal(skipped, getuid() == 0 ? 3 : 2);
	assert_false(exists(sp("dst/fifo")));
	assert_false(exists(sp("dst/sock")));
	assert_false(exists(sp("dst/null")));
	assert_true(exists(sp("dst/main.py")));
}

static void test_pathsafe__copy_tree_read_only(void **state)
{
	(void)state;
	make_src();
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), true, false, NULL), 0);
	assert_int_equal(mode_of(sp("dst/main.py")) & 07777, 0444);
	/* Executables stay executable: tests/ may hold scripts to run. */
	assert_int_equal(mode_of(sp("dst/run.sh")) & 07777, 0555);
	assert_int_equal(mode_of(sp("dst/pkg")) & 07777, 0555);
	assert_int_equal(mode_of(sp("dst/pkg/deep")) & 07777, 0555);
	assert_int_equal(mode_of(sp("dst")) & 07777, 0555);
	assert_string_equal(slurp(sp("dst/pkg/deep/data.txt")), "data\n");
}

static void test_pathsafe__copy_tree_src_symlink_is_not_followed(void **state)
{
	(void)state;
	make_src();
	symlink("/etc", sp("linked"));
	assert_int_equal(pathsafe_copy_tree(sp("linked"), sp("dst"), false, false, NULL), -ELOOP);
	assert_false(exists(sp("dst/passwd")));
}

static void test_pathsafe__copy_tree_missing_src(void **state)
{
	size_t skipped = 7;
	(void)state;
	assert_int_equal(pathsafe_copy_tree(sp("nope"), sp("dst"), false, false, &skipped), -ENOENT);
	assert_int_equal(pathsafe_copy_tree(sp("nope"), sp("dst2"), false, true, &skipped), 0);
	assert_int_equal(skipped, 0);
	assert_true(S_ISDIR(mode_of(sp("dst2"))));
}

static void test_pathsafe__copy_tree_into_existing_dir(void **state)
{
	(void)state;
	make_src();
	mkdir(sp("work"), 0700);
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("work"), false, false, NULL), 0);
	assert_string_equal(slurp(sp("work/main.py")), "print('hi')\n");
	/* A second copy onto the same names fails rather than overwriting. */
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("work"), false, false, NULL), -EEXIST);
}

static void test_pathsafe__copy_tree_never_writes_through_dst_symlink(void **state)
{
	(void)state;
	make_src();
	mkdir(sp("victim"), 0755);
	symlink(sp("victim"), sp("dst"));
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), false, false, NULL), -ELOOP);
	DIR *d = opendir(sp("victim"));
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)))
		n++;
	closedir(d);
	assert_int_equal(n, 2); /* only . and .. */
}

/* ---- pathsafe_merge_tree, pathsafe_seal_tree: a check's tests view ---- */

static void test_pathsafe__merge_tree_merges_dirs_and_keeps_existing(void **state)
{
	size_t skipped = 0;
	(void)state;
	make_src();
	mkdir(sp("view"), 0700);
	mkdir(sp("view/pkg"), 0700);
	write_file(sp("view/main.py"), "exercise's own\n", 0644);
	write_file(sp("view/pkg/mine.txt"), "mine\n", 0644);
	symlink("../secret", sp("src/up"));
	assert_int_equal(pathsafe_merge_tree(sp("src"), sp("view"), &skipped), 0);
	/* What was there wins; the rest arrives, directories merged. */
	assert_string_equal(slurp(sp("view/main.py")), "exercise's own\n");
	assert_string_equal(slurp(sp("view/pkg/mine.txt")), "mine\n");
	assert_string_equal(slurp(sp("view/pkg/deep/data.txt")), "data\n");
	assert_string_equal(slurp(sp("view/run.sh")), "#!/bin/sh\necho run\n");
	/* The same refusals as a copy. */
	assert_int_equal(skipped, 1);
	assert_false(exists(sp("view/up")));
}

static void test_pathsafe__merge_tree_never_merges_through_a_symlink(void **state)
{
	(void)state;
	make_src();
	mkdir(sp("victim"), 0755);
	mkdir(sp("view"), 0700);
	symlink(sp("victim"), sp("view/pkg"));
	assert_true(pathsafe_merge_tree(sp("src"), sp("view"), NULL) < 0);
	assert_false(exists(sp("victim/deep")));
}

static void test_pathsafe__seal_tree(void **state)
{
	(void)state;
	make_src();
	assert_int_equal(pathsafe_copy_tree(sp("src"), sp("dst"), false, false, NULL), 0);
	symlink("main.py", sp("dst/link"));
	assert_int_equal(pathsafe_seal_tree(sp("dst")), 0);
	assert_int_equal(mode_of(sp("dst")) & 07777, 0555);
	assert_int_equal(mode_of(sp("dst/pkg")) & 07777, 0555);
	assert_int_equal(mode_of(sp("dst/main.py")) & 07777, 0444);
	assert_int_equal(mode_of(sp("dst/run.sh")) & 07777, 0555);
	assert_int_equal(mode_of(sp("dst/pkg/deep/data.txt")) & 07777, 0444);
	assert_true(S_ISLNK(mode_of(sp("dst/link"))));
	/* teardown must be able to remove it */
	chmod(sp("dst"), 0755);
	chmod(sp("dst/pkg"), 0755);
	chmod(sp("dst/pkg/deep"), 0755);
}

static void test_pathsafe__copy_tree_owned_gives_every_entry_but_the_top(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	make_src();
	symlink("main.py", sp("src/link"));
	mkdir(sp("dst"), 0700);
	assert_int_equal(pathsafe_copy_tree_owned(sp("src"), sp("dst"), 65534, 65533, false, NULL), 0);
	const char *const mine[] = { "dst/main.py", "dst/run.sh", "dst/pkg", "dst/pkg/deep",
				     "dst/pkg/deep/data.txt", "dst/link", NULL };
	for (int i = 0; mine[i]; i++) {
		struct stat st;
		assert_int_equal(lstat(sp(mine[i]), &st), 0);
		assert_int_equal(st.st_uid, 65534);
		assert_int_equal(st.st_gid, 65533);
	}
	struct stat top;
	assert_int_equal(lstat(sp("dst"), &top), 0);
	assert_int_equal(top.st_uid, 0);
	assert_int_equal(mode_of(sp("dst/run.sh")) & 07777, 0755);
}

/* ---- writing below an anchor ---- */

/* Only the names in want[] are in dir (no temporary file left behind). */
static void only_entries(const char *dir, const char *const *want)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		bool ok = false;
		for (int i = 0; want[i]; i++)
			ok |= strcmp(want[i], e->d_name) == 0;
		if (!ok)
			fail_msg("unexpected '%s' in '%s'", e->d_name, dir);
	}
	closedir(d);
}

static void test_pathsafe__write_below_creates_dirs_and_replaces_atomically(void **state)
{
	(void)state;
	char *failed = NULL;
	assert_int_equal(pathsafe_write_below(sp("anchor"), "reports/alice/report.json", "one", 3,
					      &failed), 0);
	assert_null(failed);
	assert_string_equal(slurp(sp("anchor/reports/alice/report.json")), "one");
	assert_int_equal(pathsafe_write_below(sp("anchor"), "reports/alice/report.json", "two!", 4,
					      &failed), 0);
	assert_string_equal(slurp(sp("anchor/reports/alice/report.json")), "two!");
	const char *const want[] = { "report.json", NULL };
	only_entries(sp("anchor/reports/alice"), want);
	/* a name with control characters is a legal file name */
	assert_int_equal(pathsafe_write_below(sp("anchor"), "reports/a\033b/x", "x", 1, NULL), 0);
	/* ".." and absolute paths are not below the anchor */
	assert_int_equal(pathsafe_write_below(sp("anchor"), "reports/../../x", "x", 1, NULL), -EINVAL);
	assert_int_equal(pathsafe_write_below(sp("anchor"), "/etc/x", "x", 1, NULL), -EINVAL);
}

static void test_pathsafe__write_below_refuses_a_final_link(void **state)
{
	(void)state;
	char *failed = NULL;
	assert_int_equal(mkdir(sp("ws"), 0755), 0);
	write_file(sp("victim.sh"), "#!/bin/sh\n", 0755);
	assert_int_equal(symlink(sp("victim.sh"), sp("ws/report.json")), 0);
	assert_int_equal(pathsafe_write_below(sp("ws"), "report.json", "{}", 2, &failed), -ELOOP);
	assert_string_equal(failed, sp("ws/report.json"));
	assert_string_equal(slurp(sp("victim.sh")), "#!/bin/sh\n");
	/* the link is still there: refused, not replaced; no temporary left */
	struct stat st;
	assert_int_equal(lstat(sp("ws/report.json"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	const char *const want[] = { "report.json", NULL };
	only_entries(sp("ws"), want);
	/* a dangling link is refused as well: its target is never created */
	assert_int_equal(symlink(sp("nothing"), sp("ws/hints.json")), 0);
	assert_int_equal(pathsafe_write_below(sp("ws"), "hints.json", "{}", 2, NULL), -ELOOP);
	assert_int_equal(access(sp("nothing"), F_OK), -1);
	free(failed);
}

static void test_pathsafe__write_below_refuses_a_link_on_the_way(void **state)
{
	(void)state;
	char *failed = NULL;
	assert_int_equal(mkdir(sp("out"), 0755), 0);
	assert_int_equal(mkdir(sp("elsewhere"), 0755), 0);
	assert_int_equal(mkdir(sp("out/reports"), 0755), 0);
	assert_int_equal(symlink(sp("elsewhere"), sp("out/reports/bob")), 0);
	assert_int_equal(pathsafe_write_below(sp("out"), "reports/bob/report.json", "{}", 2, &failed),
			 -ELOOP);
	assert_string_equal(failed, sp("out/reports/bob"));
	const char *const none[] = { NULL };
	only_entries(sp("elsewhere"), none);
	assert_int_equal(pathsafe_open_dir(sp("out"), "reports/bob", false, NULL), -ELOOP);
	/* a file where a directory belongs */
	write_file(sp("out/reports/carol"), "x", 0644);
	assert_int_equal(pathsafe_write_below(sp("out"), "reports/carol/r.json", "{}", 2, NULL),
			 -ENOTDIR);
	/* the anchor itself, named by the user, may be a link */
	assert_int_equal(symlink(sp("out"), sp("named")), 0);
	assert_int_equal(pathsafe_write_below(sp("named"), "gradebook.csv", "a,b\n", 4, NULL), 0);
	assert_string_equal(slurp(sp("out/gradebook.csv")), "a,b\n");
	char *msg = pathsafe_write_error(NULL, "out/reports/bob/report.json", -ELOOP, "out/reports/bob");
	assert_non_null(strstr(msg, "'out/reports/bob' is a symbolic link"));
	free(msg);
	free(failed);
}

static void test_pathsafe__out_commit_refuses_a_link_swapped_in(void **state)
{
	(void)state;
	struct pathsafe_out o;
	assert_int_equal(mkdir(sp("d"), 0755), 0);
	write_file(sp("victim"), "keep", 0644);
	assert_int_equal(pathsafe_out_begin(&o, sp("d"), "file", NULL), 0);
	assert_int_equal(write(o.fd, "data", 4), 4);
	assert_int_equal(symlink(sp("victim"), sp("d/file")), 0);
	assert_int_equal(pathsafe_out_commit(&o), -ELOOP);
	assert_string_equal(slurp(sp("victim")), "keep");
	const char *const want[] = { "file", NULL };
	only_entries(sp("d"), want);
}

static void test_pathsafe__write_named_writes_through_the_users_link(void **state)
{
	(void)state;
	write_file(sp("target"), "old old old", 0644);
	assert_int_equal(symlink(sp("target"), sp("mine")), 0);
	assert_int_equal(pathsafe_write_named(sp("mine"), "new", 3), 0);
	assert_string_equal(slurp(sp("target")), "new");
	struct stat st;
	assert_int_equal(lstat(sp("mine"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(pathsafe_write_named("/dev/null", "x", 1), 0);
	assert_int_equal(pathsafe_write_named(sp("plain"), "p", 1), 0);
	assert_string_equal(slurp(sp("plain")), "p");
}

/* ---- pathsafe_copy_tree_bounded: the submission's copy per check ---- */

/* src: a.txt (10 bytes), d/ (an entry), d/b.txt (20 bytes): 30 bytes in
 * 3 entries. */
static void make_bounded_src(void)
{
	assert_int_equal(mkdir(sp("src"), 0755), 0);
	assert_int_equal(mkdir(sp("src/d"), 0755), 0);
	write_file(sp("src/a.txt"), "0123456789", 0644);
	write_file(sp("src/d/b.txt"), "abcdefghijklmnopqrst", 0644);
}

static off_t size_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 ? st.st_size : -1;
}

static void test_pathsafe__bounded_copy_takes_a_tree_at_its_limits(void **state)
{
	(void)state;
	make_bounded_src();
	assert_int_equal(pathsafe_copy_tree_bounded(sp("src"), sp("dst"), NULL, NULL, 30, 3, NULL), 0);
	assert_string_equal(slurp(sp("dst/a.txt")), "0123456789");
	assert_string_equal(slurp(sp("dst/d/b.txt")), "abcdefghijklmnopqrst");
}

static void test_pathsafe__bounded_copy_refuses_one_byte_more(void **state)
{
	(void)state;
	make_bounded_src();
	assert_int_equal(pathsafe_copy_tree_bounded(sp("src"), sp("dst"), NULL, NULL, 29, 3, NULL),
			 -EFBIG);
	/* Whatever it wrote before it stopped stays within the budget. */
	off_t written = (exists(sp("dst/a.txt")) ? size_of(sp("dst/a.txt")) : 0) +
			(exists(sp("dst/d/b.txt")) ? size_of(sp("dst/d/b.txt")) : 0);
	assert_true(written <= 29);
}

static void test_pathsafe__bounded_copy_refuses_one_entry_more(void **state)
{
	(void)state;
	make_bounded_src();
	assert_int_equal(pathsafe_copy_tree_bounded(sp("src"), sp("dst"), NULL, NULL, 30, 2, NULL),
			 -EFBIG);
}

/* The case of issue 10: measured small, the submission's file grows
 * (here to a sparse 1 GiB, which costs no disk) before a later check's
 * copy; that copy refuses it before writing a byte of it. */
static void test_pathsafe__bounded_copy_refuses_a_file_that_grew(void **state)
{
	(void)state;
	make_bounded_src();
	assert_int_equal(pathsafe_copy_tree_bounded(sp("src"), sp("dst1"), NULL, NULL, 1 << 20, 100,
						    NULL), 0);
	assert_int_equal(truncate(sp("src/d/b.txt"), 1L << 30), 0);
	assert_int_equal(pathsafe_copy_tree_bounded(sp("src"), sp("dst2"), NULL, NULL, 1 << 20, 100,
						    NULL), -EFBIG);
	assert_true(!exists(sp("dst2/d/b.txt")) || size_of(sp("dst2/d/b.txt")) == 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pathsafe__relative_ok_accepts_plain_paths),
		T(test_pathsafe__relative_ok_refuses_escapes),
		T(test_pathsafe__relative_ok_refuses_overlong),
		T(test_pathsafe__resolve_inside),
		T(test_pathsafe__copy_tree_copies_contents_and_modes),
		T(test_pathsafe__copy_tree_large_file),
		T(test_pathsafe__copy_tree_never_follows_escaping_symlinks),
		T(test_pathsafe__copy_tree_recreates_inside_symlinks),
		T(test_pathsafe__copy_tree_skips_special_files),
		T(test_pathsafe__copy_tree_read_only),
		T(test_pathsafe__copy_tree_src_symlink_is_not_followed),
		T(test_pathsafe__copy_tree_missing_src),
		T(test_pathsafe__copy_tree_into_existing_dir),
		T(test_pathsafe__copy_tree_never_writes_through_dst_symlink),
		T(test_pathsafe__merge_tree_merges_dirs_and_keeps_existing),
		T(test_pathsafe__merge_tree_never_merges_through_a_symlink),
		T(test_pathsafe__seal_tree),
		T(test_pathsafe__copy_tree_owned_gives_every_entry_but_the_top),
		T(test_pathsafe__write_below_creates_dirs_and_replaces_atomically),
		T(test_pathsafe__write_below_refuses_a_final_link),
		T(test_pathsafe__write_below_refuses_a_link_on_the_way),
		T(test_pathsafe__out_commit_refuses_a_link_swapped_in),
		T(test_pathsafe__write_named_writes_through_the_users_link),
		T(test_pathsafe__bounded_copy_takes_a_tree_at_its_limits),
		T(test_pathsafe__bounded_copy_refuses_one_byte_more),
		T(test_pathsafe__bounded_copy_refuses_one_entry_more),
		T(test_pathsafe__bounded_copy_refuses_a_file_that_grew),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
