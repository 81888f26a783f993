/*
 * pack_write.c - write a pack directory as a reproducible archive.
 *
 * Reproducible means the bytes depend only on the tree's names, contents
 * and owner-execute bits: entries are sorted byte-wise, owners are 0/0
 * with no names, every mtime is 0 (or $SOURCE_DATE_EPOCH), modes are
 * 0644/0755, no atime/ctime is recorded, tar uses the restricted pax
 * format (plain ustar headers unless a name needs more) and the gzip
 * header carries no time stamp. Compressors run single-threaded at their
 * default levels, so their output is fixed for a given library version.
 *
 * The archive must be one pack_open accepts, so symlinks and special files
 * are refused here, and the same caps on entries, path length and bytes
 * are checked before anything is written.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "archive_dl.h"
#include "pack.h"
#include "roadmap.h"
#include "util.h"

struct wentry {
	char *rel;
	char *key; /* sort key: rel, plus '/' for a directory */
	bool dir, exec;
	off_t size;
	const char *content; /* stored instead of the file's bytes, or NULL */
};

struct walk {
	struct wentry *v;
	size_t n, alloc;
	const char *const *exclude;
	dev_t out_dev;
	ino_t out_ino;
	bool out_exists;
	int64_t bytes;
	struct diag_list *d;
	int errors;
};

static void push(struct walk *w, char *rel, bool dir, bool exec, off_t size)
{
	if (w->n == w->alloc) {
		w->alloc = w->alloc ? 2 * w->alloc : 64;
		w->v = xrealloc(w->v, w->alloc * sizeof(*w->v));
	}
	char *key = dir && *rel ? xasprintf("%s/", rel) : xstrdup(rel);
	w->v[w->n++] = (struct wentry){ rel, key, dir, exec, size, NULL };
}

/* Is rel one of the excluded paths, or inside one? Exclusions are given
 * pack-relative, possibly with "./" or a trailing "/". */
static bool excluded(const char *const *exclude, const char *rel)
{
	for (size_t i = 0; exclude && exclude[i]; i++) {
		const char *x = exclude[i];
		while (x[0] == '.' && x[1] == '/')
			x += 2;
		size_t n = strlen(x);
		while (n > 0 && x[n - 1] == '/')
			n--;
		if (n && strncmp(rel, x, n) == 0 && (rel[n] == '\0' || rel[n] == '/'))
			return true;
	}
	return false;
}

static int walk_dir(struct walk *w, int dfd, const char *prefix, int depth)
{
	DIR *dir = fdopendir(dfd);
	struct dirent *e;
	int ret = 0;

	if (!dir) {
		ret = -errno;
		close(dfd);
		return ret;
	}
	if (depth > 128) {
		closedir(dir);
		return -ELOOP;
	}
	while ((errno = 0, e = readdir(dir))) {
		const char *n = e->d_name;
		struct stat st;
		if (n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])))
			continue;
		char *rel = *prefix ? xasprintf("%s/%s", prefix, n) : xstrdup(n);
		if (excluded(w->exclude, rel)) {
			free(rel);
			continue;
		}
		if (fstatat(dirfd(dir), n, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			ret = -errno;
			free(rel);
			break;
		}
		if (w->out_exists && st.st_dev == w->out_dev && st.st_ino == w->out_ino) {
			free(rel); /* the archive we are replacing, inside the pack */
			continue;
		}
		if (S_ISREG(st.st_mode)) {
			w->bytes += st.st_size;
			push(w, rel, false, st.st_mode & S_IXUSR, st.st_size);
		} else if (S_ISDIR(st.st_mode)) {
			push(w, rel, true, true, 0);
			int sub = openat(dirfd(dir), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			ret = sub < 0 ? -errno : walk_dir(w, sub, rel, depth + 1);
			if (ret)
				break;
		} else {
			diag_add(w->d, DIAG_ERROR, rel, NULL, 0, 0, "%s cannot be packed: archives "
				 "may hold only regular files and directories",
				 S_ISLNK(st.st_mode) ? "a symbolic link" : "a special file");
			w->errors++;
			free(rel);
		}
	}
	if (!ret && errno)
		ret = -errno;
	closedir(dir);
	return ret;
}

/* Byte-wise order of the names as stored, where a directory ends in '/':
 * "a-b/" < "a/" < "a/z", so `tar tf | LC_ALL=C sort -c` holds and every
 * directory comes right before its contents. */
static int cmp_entry(const void *pa, const void *pb)
{
	return strcmp(((const struct wentry *)pa)->key, ((const struct wentry *)pb)->key);
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org): a malformed value is an
 * error rather than silently ignored. */
static int source_date_epoch(time_t *t, struct diag_list *d)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	*t = 0;
	if (!s || !*s)
		return 0;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || s[0] == '-' || v > 253402300799ULL /* 9999-12-31 */) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "SOURCE_DATE_EPOCH '%s' is not a number of seconds since 1970", s);
		return RR_EXIT_INVALID;
	}
	*t = (time_t)v;
	return 0;
}

static int set_format(struct archive *a, const char *format)
{
	int r;
	if (strcmp(format, "zip") == 0)
		return archive_write_set_format_zip(a);
	r = archive_write_set_format_pax_restricted(a);
	if (r != ARCHIVE_OK || strcmp(format, "tar") == 0)
		return r;
	if (strcmp(format, "tar.gz") == 0) {
		r = archive_write_add_filter_gzip(a);
		/* Without this the gzip header records the current time. */
		if (r == ARCHIVE_OK)
			r = archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
		return r;
	}
	if (strcmp(format, "tar.xz") == 0)
		return archive_write_add_filter_xz(a);
	if (strcmp(format, "tar.zst") == 0)
		return archive_write_add_filter_zstd(a);
	return ARCHIVE_FATAL;
}

static int write_entry(struct archive *a, struct archive_entry *e, int root,
		       const struct wentry *w, const char *top, time_t mtime,
		       struct diag_list *d)
{
	char buf[65536];
	int fd = -1, ret = RR_EXIT_INTERNAL;
	char *name = *w->rel ? xasprintf("%s/%s", top, w->rel) : xstrdup(top);

	archive_entry_clear(e);
	archive_entry_set_pathname(e, name);
	archive_entry_set_mtime(e, mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_filetype(e, w->dir ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(e, w->dir || w->exec ? 0755 : 0644);
	if (w->content) {
		size_t len = strlen(w->content);
		archive_entry_set_size(e, (la_int64_t)len);
		if (archive_write_header(a, e) < ARCHIVE_WARN ||
		    archive_write_data(a, w->content, len) != (la_ssize_t)len) {
			diag_add(d, DIAG_ERROR, w->rel, NULL, 0, 0, "cannot add to the archive: %s",
				 archive_error_string(a));
			goto out;
		}
		ret = 0;
		goto out;
	}
	if (!w->dir) {
		struct stat st;
		fd = openat(root, w->rel, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd < 0 || fstat(fd, &st) < 0) {
			diag_add(d, DIAG_ERROR, w->rel, NULL, 0, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (!S_ISREG(st.st_mode) || st.st_size != w->size) {
			diag_add(d, DIAG_ERROR, w->rel, NULL, 0, 0, "changed while being packed");
			goto out;
		}
		archive_entry_set_size(e, w->size);
	}
	if (archive_write_header(a, e) < ARCHIVE_WARN) {
		diag_add(d, DIAG_ERROR, w->rel, NULL, 0, 0, "cannot add to the archive: %s",
			 archive_error_string(a));
		goto out;
	}
	for (off_t left = w->dir ? 0 : w->size; left > 0;) {
		ssize_t n = read(fd, buf, (size_t)left < sizeof(buf) ? (size_t)left : sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag_add(d, DIAG_ERROR, w->rel, NULL, 0, 0, "%s",
				 n < 0 ? strerror(errno) : "changed while being packed");
			goto out;
		}
		if (archive_write_data(a, buf, (size_t)n) != n) {
			diag_add(d, DIAG_ERROR, w->rel, NULL, 0, 0, "cannot add to the archive: %s",
				 archive_error_string(a));
			goto out;
		}
		left -= n;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	free(name);
	return ret;
}

int pack_write_archive(const char *dir, const char *top, const char *out_path,
		       const char *format, const char *const *exclude,
		       const char *pack_json, struct diag_list *d)
{
	struct walk w = { .exclude = exclude, .d = d };
	struct archive *a = NULL;
	struct archive_entry *e = NULL;
	struct stat st;
	char *tmp = NULL;
	int root = -1, fd = -1, ret = RR_EXIT_INTERNAL, r;
	time_t mtime;

	if (!util_valid_id(top)) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "'%s' is not a valid pack id", top);
		return RR_EXIT_INVALID;
	}
	if (strcmp(format, "tar") && strcmp(format, "tar.gz") && strcmp(format, "tar.xz") &&
	    strcmp(format, "tar.zst") && strcmp(format, "zip")) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "unknown archive format '%s' (tar, tar.gz, tar.xz, tar.zst, zip)", format);
		return RR_EXIT_INVALID;
	}
	ret = source_date_epoch(&mtime, d);
	if (ret)
		return ret;

	root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot open '%s': %s", dir, strerror(errno));
		return RR_EXIT_INVALID;
	}
	if (stat(out_path, &st) == 0) {
		w.out_exists = true;
		w.out_dev = st.st_dev;
		w.out_ino = st.st_ino;
	}
	push(&w, xstrdup(""), true, true, 0); /* the top directory itself */
	int dup_root = dup(root);
	r = dup_root < 0 ? -errno : walk_dir(&w, dup_root, "", 0);
	if (r) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot read '%s': %s", dir, strerror(-r));
		ret = RR_EXIT_INTERNAL;
		goto out;
	}
	if (w.errors) {
		ret = RR_EXIT_INVALID;
		goto out;
	}
	qsort(w.v, w.n, sizeof(*w.v), cmp_entry);
	for (size_t i = 0; pack_json && i < w.n; i++) {
		if (!w.v[i].dir && strcmp(w.v[i].rel, "pack.json") == 0) {
			w.bytes += (int64_t)strlen(pack_json) - w.v[i].size;
			w.v[i].content = pack_json;
			w.v[i].size = (off_t)strlen(pack_json);
		}
	}

	/* Refuse what pack_open would refuse, before writing anything. */
	if (w.n > PACK_MAX_ENTRIES)
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "%zu entries; a pack may have at most %d", w.n, PACK_MAX_ENTRIES);
	if (w.bytes > PACK_MAX_BYTES)
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "%" PRId64 " bytes; a pack may hold at most %ld", w.bytes, PACK_MAX_BYTES);
	for (size_t i = 0; i < w.n; i++) {
		if (strlen(top) + 2 + strlen(w.v[i].rel) > PACK_MAX_PATH)
			diag_add(d, DIAG_ERROR, w.v[i].rel, NULL, 0, 0,
				 "path longer than %d bytes", PACK_MAX_PATH);
	}
	if (diag_errors(d)) {
		ret = RR_EXIT_INVALID;
		goto out;
	}

	/* The archive replaces out_path by a rename, which must never hit a
	 * device, FIFO or symlink ("-o /dev/null" as root would replace the
	 * device node with a file). */
	struct stat ost;
	bool to_stdout = strcmp(out_path, "-") == 0; /* streamed: no temporary file, no rename */
	if (!to_stdout && lstat(out_path, &ost) == 0 && !S_ISREG(ost.st_mode)) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "'%s' exists and is not a regular file; give a file name for the archive",
			 out_path);
		ret = RR_EXIT_USAGE;
		goto out;
	}
	char why[300];
	if (archive_dl_load(why, sizeof(why)) < 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "%s", why);
		ret = RR_EXIT_INTERNAL;
		goto out;
	}
	if (!to_stdout)
		tmp = xasprintf("%s.tmp.XXXXXX", out_path);
	fd = to_stdout ? fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0) : mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot create '%s': %s", out_path,
			 strerror(errno));
		free(tmp);
		tmp = NULL;
		ret = RR_EXIT_INTERNAL;
		goto out;
	}
	a = archive_write_new();
	e = archive_entry_new();
	if (!a || !e || set_format(a, format) != ARCHIVE_OK ||
	    archive_write_open_fd(a, fd) != ARCHIVE_OK) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot start a %s archive: %s", format,
			 a ? archive_error_string(a) : "out of memory");
		ret = RR_EXIT_INTERNAL;
		goto out;
	}
	for (size_t i = 0; i < w.n; i++) {
		ret = write_entry(a, e, root, &w.v[i], top, mtime, d);
		if (ret)
			goto out;
	}
	ret = RR_EXIT_INTERNAL;
	if (archive_write_close(a) != ARCHIVE_OK) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot write '%s': %s", out_path,
			 archive_error_string(a));
		goto out;
	}
	if (to_stdout) {
		int closed = close(fd);
		fd = -1;
		if (closed < 0) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot write to stdout: %s", strerror(errno));
			goto out;
		}
		ret = 0;
		goto out;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0644 & ~mask) < 0 || fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot write '%s': %s", out_path,
			 strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, out_path) < 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot rename '%s' to '%s': %s", tmp,
			 out_path, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	ret = 0;
out:
	if (a)
		archive_write_free(a);
	if (e)
		archive_entry_free(e);
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	if (root >= 0)
		close(root);
	for (size_t i = 0; i < w.n; i++) {
		free(w.v[i].rel);
		free(w.v[i].key);
	}
	free(w.v);
	return ret;
}

char *pack_learner_manifest(const char *text, size_t len)
{
	static const char *const dropped[] = { "solution", "wrong", "accept", NULL };
	cJSON *root = cJSON_ParseWithLength(text, len);
	cJSON *e;

	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return NULL;
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "exercises"))
		for (size_t k = 0; dropped[k]; k++)
			cJSON_DeleteItemFromObjectCaseSensitive(e, dropped[k]);
	cJSON_DeleteItemFromObjectCaseSensitive(root, "edition");
	cJSON_AddStringToObject(root, "edition", "learner");
	char *printed = cJSON_Print(root);
	cJSON_Delete(root);
	char *out = printed ? xasprintf("%s\n", printed) : NULL;
	cJSON_free(printed);
	return out;
}
