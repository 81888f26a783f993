/*
 * pack.c - open the PACK argument: a directory with pack.json, or an archive
 * of one, extracted by pack_extract into a private temporary directory; and
 * the pack's canonical digest, which is the same for the directory and for
 * every archive of it (so a report says which pack content was graded, not
 * which wrapping it came in).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack.h"
#include "pack_extract.h"
#include "roadmap.h"
#include "sha256.h"
#include "util.h"

/* ---- digest ---- */

struct file_list {
	char **paths;
	size_t n, alloc;
};

static void list_push(struct file_list *l, char *path)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 64;
		l->paths = xrealloc(l->paths, l->alloc * sizeof(*l->paths));
	}
	l->paths[l->n++] = path;
}

static void list_free(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
}

/* Collect the regular files under the directory open at dfd (consumed),
 * whose path relative to the root is prefix. Symlinks are not followed
 * and, like special files, do not count: archives cannot carry them. */
static int collect(int dfd, const char *prefix, struct file_list *l, int depth)
{
	DIR *dir = fdopendir(dfd);
	struct dirent *e;
	int ret = 0;

	if (!dir) {
		ret = -errno;
		close(dfd);
		return ret;
	}
	if (depth > 256) {
		closedir(dir);
		return -ELOOP;
	}
	while ((errno = 0, e = readdir(dir))) {
		const char *n = e->d_name;
		if (n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])))
			continue;
		unsigned char type = e->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (fstatat(dirfd(dir), n, &st, AT_SYMLINK_NOFOLLOW) < 0) {
				ret = -errno;
				break;
			}
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		}
		char *rel = *prefix ? xasprintf("%s/%s", prefix, n) : xstrdup(n);
		if (type == DT_REG) {
			list_push(l, rel);
		} else if (type == DT_DIR) {
			int sub = openat(dirfd(dir), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			ret = sub < 0 ? -errno : collect(sub, rel, l, depth + 1);
			free(rel);
			if (ret)
				break;
		} else {
			free(rel);
		}
	}
	if (!ret && errno)
		ret = -errno;
	closedir(dir);
	return ret;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int hash_file(int root, const char *rel, struct sha256 *s)
{
	char buf[65536];
	struct stat st;
	int ret = 0;
	int fd = openat(root, rel, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		ret = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = -EINVAL; /* replaced since the walk */
		goto out;
	}
	int hdr = snprintf(buf, sizeof(buf), "%jd", (intmax_t)st.st_size);
	sha256_update(s, rel, strlen(rel) + 1);
	sha256_update(s, buf, (size_t)hdr + 1);
	off_t left = st.st_size;
	while (left > 0) {
		ssize_t n = read(fd, buf, sizeof(buf) < (size_t)left ? sizeof(buf) : (size_t)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = -errno;
			goto out;
		}
		if (n == 0) {
			ret = -EIO; /* shrank while we read: the digest would lie */
			goto out;
		}
		sha256_update(s, buf, (size_t)n);
		left -= n;
	}
out:
	close(fd);
	return ret;
}

int pack_digest_dir(const char *root, char out[7 + 64 + 1])
{
	struct file_list l = { NULL, 0, 0 };
	struct sha256 s;
	unsigned char md[32];
	int ret, rfd, cfd;

	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rfd < 0)
		return -errno;
	cfd = dup(rfd);
	ret = cfd < 0 ? -errno : collect(cfd, "", &l, 0);
	if (ret)
		goto out;
	if (l.n)
		qsort(l.paths, l.n, sizeof(*l.paths), cmp_path);
	sha256_init(&s);
	for (size_t i = 0; i < l.n && !ret; i++)
		ret = hash_file(rfd, l.paths[i], &s);
	if (ret)
		goto out;
	sha256_final(&s, md);
	memcpy(out, "sha256:", 7);
	sha256_hex(md, out + 7);
out:
	close(rfd);
	list_free(&l);
	return ret;
}

/* ---- opening ---- */

static bool is_regular(const char *dir, const char *name)
{
	struct stat st;
	char *p = util_path_join(dir, name);
	bool ok = lstat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok;
}

/* The kind of a file that is not a regular one, for messages. */
static const char *kind_of(mode_t mode)
{
	return S_ISLNK(mode) ? "a symbolic link" : S_ISDIR(mode) ? "a directory"
	     : S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" : "a device";
}

/* Adds the error for a directory pack whose pack.json is missing or not a
 * regular file. It says what is there: a link is not "no pack.json", it
 * is a link a pack may not hold (pack.json is read, hashed and packed
 * without following links). */
static void pack_json_problem(const char *dir, struct diag_list *d)
{
	struct stat st;
	char *p = util_path_join(dir, "pack.json");
	if (lstat(p, &st) < 0)
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "no pack.json in '%s'", dir);
	else if (S_ISLNK(st.st_mode))
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "'%s' is a symbolic link; a pack may not hold links there (pack.json is read, "
			 "hashed and packed without following links): make it a regular file", p);
	else
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "'%s' is %s, not a regular file", p,
			 kind_of(st.st_mode));
	free(p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* pack.json sits at the root of the extraction or inside exactly one
 * top-level directory. Sets *root (caller frees). */
static int find_root(const char *tmp, const char *source, char **root, struct diag_list *d)
{
	struct file_list top = { NULL, 0, 0 };
	struct dirent *e;
	int ret = RR_EXIT_INVALID;
	DIR *dir;

	if (is_regular(tmp, "pack.json")) {
		*root = xstrdup(tmp);
		return 0;
	}
	dir = opendir(tmp);
	if (!dir) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot read '%s': %s", tmp, strerror(errno));
		return RR_EXIT_INTERNAL;
	}
	while ((e = readdir(dir))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			list_push(&top, xstrdup(e->d_name));
	}
	closedir(dir);
	if (top.n)
		qsort(top.paths, top.n, sizeof(*top.paths), cmp_str);

	if (top.n == 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "the archive '%s' is empty", source);
	} else if (top.n == 1) {
		char *sub = util_path_join(tmp, top.paths[0]);
		struct stat st;
		bool is_dir = lstat(sub, &st) == 0 && S_ISDIR(st.st_mode);
		if (is_dir && is_regular(sub, "pack.json")) {
			*root = sub;
			ret = 0;
		} else {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 is_dir ? "no pack.json at the archive root or in '%s/'"
						     : "no pack.json in the archive (only '%s')",
				 top.paths[0]);
			free(sub);
		}
	} else {
		struct strbuf names = STRBUF_INIT;
		for (size_t i = 0; i < top.n && i < 5; i++)
			strbuf_addf(&names, "%s'%s'", i ? ", " : "", top.paths[i]);
		if (top.n > 5)
			strbuf_addstr(&names, ", ...");
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "no pack.json at the archive root, and %zu top-level entries (%s) "
			 "instead of exactly one directory holding it", top.n, names.buf);
		strbuf_release(&names);
	}
	list_free(&top);
	return ret;
}

int pack_open(const char *path, struct pack *out, struct diag_list *d)
{
	struct stat st;
	int ret, r;

	memset(out, 0, sizeof(*out));
	out->source = xstrdup(path);
	if (stat(path, &st) < 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot open '%s': %s", path,
			 strerror(errno));
		ret = RR_EXIT_INVALID;
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!is_regular(path, "pack.json")) {
			pack_json_problem(path, d);
			ret = RR_EXIT_INVALID;
			goto fail;
		}
		out->root = xstrdup(path);
		out->format = "directory";
	} else if (S_ISREG(st.st_mode)) {
		out->tmpdir = util_tempdir("roadmap-run-pack");
		if (!out->tmpdir) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 "cannot create a temporary directory for '%s': %s", path,
				 strerror(errno));
			ret = RR_EXIT_INTERNAL;
			goto fail;
		}
		ret = pack_extract(path, out->tmpdir, &out->format, d);
		if (ret)
			goto fail;
		ret = find_root(out->tmpdir, path, &out->root, d);
		if (ret)
			goto fail;
	} else {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "'%s' is neither a directory with pack.json nor a supported archive "
			 "(tar, tar.gz, tar.xz, tar.zst, zip)", path);
		ret = RR_EXIT_INVALID;
		goto fail;
	}
	r = pack_digest_dir(out->root, out->digest);
	if (r) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot compute the digest of '%s': %s",
			 path, strerror(-r));
		ret = RR_EXIT_INTERNAL;
		goto fail;
	}
	return 0;
fail:
	pack_close(out);
	return ret;
}

void pack_close(struct pack *p)
{
	if (p->tmpdir) {
		util_tempdir_remove(p->tmpdir);
		free(p->tmpdir);
	}
	free(p->source);
	free(p->root);
	memset(p, 0, sizeof(*p));
}
