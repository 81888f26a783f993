/*
 * pathsafe.c - rules for untrusted paths, and the safe tree copy that builds
 * each check's work directory.
 *
 * The copy runs with the grader's privileges (often root) over a tree the
 * learner or a CI submission controls, so it never follows a symlink: every
 * open is relative to an already-open directory and uses O_NOFOLLOW, and
 * the type is taken from fstat of the opened descriptor, not from a name
 * that could be swapped in between. It is on the per-check hot path, so it
 * does no realpath and no per-file path building: one openat per entry,
 * contents through copy_file_range (kernel-side), read/write as fallback.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathsafe.h"
#include "util.h"

/* Deeper trees than this are refused rather than exhausting descriptors. */
#define COPY_MAX_DEPTH 128

bool pathsafe_relative_ok(const char *path, const char **why)
{
	const char *reason = NULL;

	if (!path || !*path) {
		reason = "is empty";
	} else if (path[0] == '/') {
		reason = "is absolute";
	} else if (strlen(path) >= PATH_MAX) {
		reason = "is too long";
	} else {
		for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
			if (*p < 0x20 || *p == 0x7f) {
				reason = "contains a control character";
				break;
			}
		}
		for (const char *c = path; !reason && *c;) {
			size_t n = strcspn(c, "/");
			if (n == 2 && c[0] == '.' && c[1] == '.')
				reason = "contains a '..' component";
			c += n;
			while (*c == '/')
				c++;
		}
	}
	if (why)
		*why = reason;
	return reason == NULL;
}

int pathsafe_resolve_inside(const char *root, const char *rel, char **resolved)
{
	char *rroot = NULL, *joined = NULL, *rpath = NULL;
	int ret = 0;

	rroot = realpath(root, NULL);
	if (!rroot) {
		ret = -errno;
		goto out;
	}
	joined = util_path_join(rroot, rel);
	rpath = realpath(joined, NULL);
	if (!rpath) {
		ret = -errno;
		goto out;
	}
	size_t n = strlen(rroot);
	bool inside = strcmp(rroot, "/") == 0 ||
		      (strncmp(rpath, rroot, n) == 0 && (rpath[n] == '\0' || rpath[n] == '/'));
	if (!inside) {
		ret = -EXDEV;
		goto out;
	}
	*resolved = rpath;
	rpath = NULL;
out:
	free(rroot);
	free(joined);
	free(rpath);
	return ret;
}

/* A symlink target is kept only when it cannot leave the copied tree:
 * relative, its ".." components all leading and no more of them than the
 * link's depth below the root, and no ".." after a normal component. Every
 * kept link therefore lands on a path inside the tree, and since every
 * other link in the tree obeys the same rule, following any chain of them
 * stays inside too (a "d/up/.." trick needs a non-leading ".."). */
static bool link_target_inside(const char *target, int depth)
{
	int ups = 0;
	bool seen_name = false;

	if (!*target || target[0] == '/')
		return false;
	for (const char *c = target; *c;) {
		size_t n = strcspn(c, "/");
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (seen_name || ++ups > depth)
				return false;
		} else if (n > 0 && !(n == 1 && c[0] == '.')) {
			seen_name = true;
		}
		c += n;
		while (*c == '/')
			c++;
	}
	return true;
}

static int copy_fd_contents(int in, int out, off_t size)
{
	off_t left = size;
	int mode = 0; /* 0 copy_file_range, 1 sendfile, 2 read/write */

	while (left > 0) {
		ssize_t n;
		size_t want = left > (off_t)1 << 30 ? (size_t)1 << 30 : (size_t)left;

		if (mode == 0) {
			n = copy_file_range(in, NULL, out, NULL, want, 0);
			if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS ||
				      errno == EOPNOTSUPP || errno == EPERM)) {
				mode = 1;
				continue;
			}
		} else if (mode == 1) {
			n = sendfile(out, in, NULL, want);
			if (n < 0 && (errno == EINVAL || errno == ENOSYS)) {
				mode = 2;
				continue;
			}
		} else {
			char buf[65536];
			n = read(in, buf, want < sizeof(buf) ? want : sizeof(buf));
			for (ssize_t done = 0; n > 0 && done < n;) {
				ssize_t w = write(out, buf + done, (size_t)(n - done));
				if (w < 0) {
					if (errno == EINTR)
						continue;
					return -errno;
				}
				done += w;
			}
		}
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break; /* the file shrank while we copied: keep what there was */
		left -= n;
	}
	return 0;
}

struct copy_ctx {
	bool read_only;
	bool chown;     /* give every entry to uid:gid */
	uid_t uid;
	gid_t gid;
	bool merge;     /* into an existing tree: directories merge, existing entries win */
	size_t skipped;
	bool bounded;   /* pathsafe_copy_tree_bounded: */
	off_t budget;   /* bytes of contents the copy may still write */
	long entries;   /* entries it may still create */
};

static int copy_dir(struct copy_ctx *cx, int sfd, int dfd, int depth);

/* Copy one entry of the directory open at sfd into the one open at dfd. */
static int copy_entry(struct copy_ctx *cx, int sfd, int dfd, const char *name,
		      unsigned char d_type, int depth)
{
	struct stat st;
	int in = -1, out = -1, ret = 0;

	if (cx->bounded && --cx->entries < 0)
		return -EFBIG;
	if (d_type == DT_LNK) {
		char target[PATH_MAX];
		ssize_t n = readlinkat(sfd, name, target, sizeof(target) - 1);
		if (n < 0)
			return errno == ENOENT ? 0 : -errno;
		target[n] = '\0';
		if (!link_target_inside(target, depth)) {
			cx->skipped++;
			return 0;
		}
		if (symlinkat(target, dfd, name) < 0)
			return cx->merge && errno == EEXIST ? 0 : -errno;
		if (cx->chown && fchownat(dfd, name, cx->uid, cx->gid, AT_SYMLINK_NOFOLLOW) < 0)
			return -errno;
		return 0;
	}
	if (d_type != DT_UNKNOWN && d_type != DT_REG && d_type != DT_DIR) {
		cx->skipped++; /* FIFO, socket, device: never opened */
		return 0;
	}

	/* O_NONBLOCK: if the name was swapped for a FIFO since readdir, the
	 * open must not hang; fstat below then skips it. O_NOFOLLOW: if it
	 * was swapped for a symlink, the open fails with ELOOP. */
	in = openat(sfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (in < 0) {
		if (errno == ELOOP) {
			/* a symlink after all (DT_UNKNOWN or a race) */
			return copy_entry(cx, sfd, dfd, name, DT_LNK, depth);
		}
		if (errno == ENXIO || errno == ENODEV) {
			cx->skipped++;
			return 0;
		}
		return errno == ENOENT ? 0 : -errno;
	}
	if (fstat(in, &st) < 0) {
		ret = -errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth + 1 > COPY_MAX_DEPTH) {
			ret = -ELOOP;
			goto out;
		}
		if (mkdirat(dfd, name, 0700) < 0 && !(cx->merge && errno == EEXIST)) {
			ret = -errno;
			goto out;
		}
		out = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (out < 0 || (cx->chown && fchown(out, cx->uid, cx->gid) < 0)) {
			ret = -errno;
			goto out;
		}
		ret = copy_dir(cx, in, out, depth + 1);
		in = -1; /* copy_dir took it */
		if (!ret && cx->read_only && fchmod(out, 0555) < 0)
			ret = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		cx->skipped++;
		goto out;
	}
	mode_t mode = (st.st_mode & S_IXUSR) ? 0755 : 0644;
	if (cx->read_only)
		mode &= 0555;
	out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (out < 0) {
		ret = cx->merge && errno == EEXIST ? 0 : -errno;
		goto out;
	}
	/* O_CREAT applies the umask; the modes are part of the contract. */
	if (fchmod(out, mode) < 0 || (cx->chown && fchown(out, cx->uid, cx->gid) < 0)) {
		ret = -errno;
		goto out;
	}
	/* What the copy writes is bounded, not what was measured before: a
	 * file that grows between the measure and this copy (copy_fd_contents
	 * stops at the size seen here) cannot bring more than the budget. */
	if (cx->bounded) {
		if (st.st_size > cx->budget) {
			ret = -EFBIG;
			goto out;
		}
		cx->budget -= st.st_size;
	}
	ret = copy_fd_contents(in, out, st.st_size);
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return ret;
}

/* Copy the contents of the directory open at sfd (consumed) into dfd. */
static int copy_dir(struct copy_ctx *cx, int sfd, int dfd, int depth)
{
	DIR *dir = fdopendir(sfd);
	struct dirent *e;
	int ret = 0;

	if (!dir) {
		ret = -errno;
		close(sfd);
		return ret;
	}
	for (;;) {
		errno = 0;
		e = readdir(dir);
		if (!e) {
			if (errno)
				ret = -errno;
			break;
		}
		if (e->d_name[0] == '.' &&
		    (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		ret = copy_entry(cx, dirfd(dir), dfd, e->d_name, e->d_type, depth);
		if (ret)
			break;
	}
	closedir(dir);
	return ret;
}

/* Open a directory without following a final symlink. Linux reports a
 * symlink opened with O_DIRECTORY|O_NOFOLLOW as ENOTDIR; say ELOOP, which
 * is what it is. Returns the fd or -errno. */
static int open_dir_nofollow_at(int at, const char *path)
{
	struct stat st;
	int fd = openat(at, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	int e = errno;
	if (e == ENOTDIR && fstatat(at, path, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
		e = ELOOP;
	return -e;
}

/* cx says how (read_only, merge, chown); its skipped count is set here. */
static int copy_tree(const char *src, int dst_at, const char *dst, struct copy_ctx cx,
		     bool missing_ok, size_t *skipped)
{
	cx.skipped = 0;
	int sfd = -1, dfd = -1, ret = 0;

	sfd = open_dir_nofollow_at(AT_FDCWD, src);
	if (sfd < 0 && !(sfd == -ENOENT && missing_ok)) {
		/* -ELOOP: src itself is a symlink, which is never followed. */
		ret = sfd;
		goto out;
	}
	if (mkdirat(dst_at, dst, 0700) < 0 && errno != EEXIST) {
		ret = -errno;
		goto out;
	}
	/* dst may already exist (the caller's fresh work directory); it must
	 * be a real directory, never a symlink planted in its place. */
	dfd = open_dir_nofollow_at(dst_at, dst);
	if (dfd < 0) {
		ret = dfd;
		goto out;
	}
	if (sfd >= 0) {
		ret = copy_dir(&cx, sfd, dfd, 0);
		sfd = -1;
	}
	if (!ret && cx.read_only && fchmod(dfd, 0555) < 0)
		ret = -errno;
out:
	if (sfd >= 0)
		close(sfd);
	if (dfd >= 0)
		close(dfd);
	if (skipped)
		*skipped = cx.skipped;
	return ret;
}

int pathsafe_copy_tree(const char *src, const char *dst, bool read_only,
		       bool missing_ok, size_t *skipped)
{
	return copy_tree(src, AT_FDCWD, dst, (struct copy_ctx){ .read_only = read_only }, missing_ok,
			 skipped);
}

int pathsafe_copy_tree_at(const char *src, int dst_at, const char *name, size_t *skipped)
{
	return copy_tree(src, dst_at, name, (struct copy_ctx){ 0 }, false, skipped);
}

int pathsafe_copy_tree_owned(const char *src, const char *dst, uid_t uid, gid_t gid,
			     bool missing_ok, size_t *skipped)
{
	return copy_tree(src, AT_FDCWD, dst, (struct copy_ctx){ .chown = true, .uid = uid, .gid = gid },
			 missing_ok, skipped);
}

int pathsafe_copy_tree_bounded(const char *src, const char *dst, const uid_t *uid,
			       const gid_t *gid, off_t max_bytes, long max_entries, size_t *skipped)
{
	struct copy_ctx cx = { .chown = uid && gid, .uid = uid ? *uid : 0, .gid = gid ? *gid : 0,
			       .bounded = true, .budget = max_bytes, .entries = max_entries };
	return copy_tree(src, AT_FDCWD, dst, cx, true, skipped);
}

int pathsafe_merge_tree(const char *src, const char *dst, size_t *skipped)
{
	return copy_tree(src, AT_FDCWD, dst, (struct copy_ctx){ .merge = true }, false, skipped);
}

static int seal_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type == FTW_SL)
		return 0;
	mode_t mode = type == FTW_D || type == FTW_DP || (st->st_mode & S_IXUSR) ? 0555 : 0444;
	return chmod(path, mode) < 0 ? -1 : 0;
}

int pathsafe_seal_tree(const char *dir)
{
	/* FTW_DEPTH: a directory after its entries, so it is still writable
	 * (for a runner without CAP_DAC_OVERRIDE) while they change. */
	if (nftw(dir, seal_one, 16, FTW_PHYS | FTW_DEPTH) != 0)
		return errno ? -errno : -EIO;
	return 0;
}

/*
 * Writing. Two kinds of path reach the writers below. A path the user named
 * (--report FILE, -o FILE, --out DIR, --workspace DIR, the data home of
 * the default workspace) is the anchor: it is followed as given, since the
 * user chose it. Below the anchor, every name is one the runner picked
 * (report.json, hints.json, answers.json, reports/<submission>/...), in a
 * directory other hands may fill (a cloned workspace, a downloaded CI
 * artifact): those are never followed. Each directory on the way is opened
 * relative to the one before with O_NOFOLLOW, so no name is resolved twice
 * and a link swapped in meanwhile is refused rather than followed.
 *
 * The walk is done one component at a time rather than with one
 * openat2(RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH): it must create missing
 * directories on the way and name the component that is a link, which
 * openat2 cannot, and it needs no fallback on kernels without openat2.
 */

/* The file type at dfd/name, not following it; 0 when it does not exist. */
static mode_t type_at(int dfd, const char *name)
{
	struct stat st;
	return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_mode & S_IFMT : 0;
}

static void set_failed(char **failed, const char *anchor, const char *rel, size_t rel_len)
{
	if (!failed)
		return;
	free(*failed);
	*failed = rel_len ? xasprintf("%s/%.*s", anchor, (int)rel_len, rel) : xstrdup(anchor);
}

/* Walk the directories of rel below the open directory dfd (consumed),
 * creating missing ones when create; stop before the last component when
 * leave_last (the file's own name). Returns the last directory's fd or
 * -errno; *last (when leave_last) points at the final name inside rel. */
static int walk_below(int dfd, const char *anchor, const char *rel, bool create, bool leave_last,
		      const char **last, char **failed)
{
	const char *c = rel;
	while (*c == '/')
		c++;
	while (*c) {
		size_t n = strcspn(c, "/");
		const char *next = c + n;
		while (*next == '/')
			next++;
		if (leave_last && !*next)
			break;
		char name[NAME_MAX + 1];
		if (n > NAME_MAX) {
			close(dfd);
			return -ENAMETOOLONG;
		}
		memcpy(name, c, n);
		name[n] = '\0';
		if (strcmp(name, ".") == 0) {
			c = next;
			continue;
		}
		if (create && mkdirat(dfd, name, 0755) < 0 && errno != EEXIST) {
			int e = errno;
			set_failed(failed, anchor, rel, (size_t)(c + n - rel));
			close(dfd);
			return -e;
		}
		int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0) {
			int e = errno;
			/* O_DIRECTORY|O_NOFOLLOW on a link gives ENOTDIR: say what it is. */
			if (e == ENOTDIR && type_at(dfd, name) == S_IFLNK)
				e = ELOOP;
			set_failed(failed, anchor, rel, (size_t)(c + n - rel));
			close(dfd);
			return -e;
		}
		close(dfd);
		dfd = sub;
		c = next;
	}
	if (leave_last)
		*last = c;
	return dfd;
}

/* Open the anchor (followed, created with its parents when create). */
static int open_anchor(const char *anchor, bool create, char **failed)
{
	if (create) {
		int r = util_mkdir_p(anchor, 0755);
		if (r < 0) {
			set_failed(failed, anchor, "", 0);
			return r;
		}
	}
	int fd = open(anchor, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		set_failed(failed, anchor, "", 0);
		return -e;
	}
	return fd;
}

/* rel is below the anchor: not absolute, no ".." component. Control
 * characters are allowed: a submission's directory may be named with
 * them, and its reports are filed under that name. */
static bool rel_ok(const char *rel)
{
	if (rel[0] == '/')
		return false;
	for (const char *c = rel; *c;) {
		size_t n = strcspn(c, "/");
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return false;
		c += n;
		while (*c == '/')
			c++;
	}
	return true;
}

int pathsafe_open_dir(const char *anchor, const char *rel, bool create, char **failed)
{
	if (!rel_ok(rel))
		return -EINVAL;
	int dfd = open_anchor(anchor, create, failed);
	if (dfd < 0)
		return dfd;
	return walk_below(dfd, anchor, rel, create, false, NULL, failed);
}

/* Create the temporary "<name>.tmp.<pid>" in dfd, never through a link:
 * O_EXCL, and a leftover of an earlier run with our pid is removed first
 * (unlinkat removes a link, it never follows one). */
static int create_tmp(struct pathsafe_out *o)
{
	o->tmp = xasprintf("%s.tmp.%ld", o->name, (long)getpid());
	for (int tries = 0; tries < 2; tries++) {
		o->fd = openat(o->dirfd, o->tmp,
			       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0644);
		if (o->fd >= 0)
			return 0;
		if (errno != EEXIST || unlinkat(o->dirfd, o->tmp, 0) < 0)
			break;
	}
	return -errno;
}

int pathsafe_out_begin(struct pathsafe_out *o, const char *anchor, const char *rel,
		       char **failed)
{
	const char *last = NULL;
	*o = (struct pathsafe_out){ .dirfd = -1, .fd = -1 };
	if (!*rel || !rel_ok(rel))
		return -EINVAL;
	int dfd = open_anchor(anchor, true, failed);
	if (dfd >= 0)
		dfd = walk_below(dfd, anchor, rel, true, true, &last, failed);
	if (dfd < 0)
		return dfd;
	o->dirfd = dfd;
	o->name = xstrndup(last, strcspn(last, "/"));
	/* The final name is checked here, for an early clear message, and
	 * again at commit: rename would replace a link, never follow it, but
	 * a link there was planted and deserves to be named, not erased. */
	mode_t t = type_at(dfd, o->name);
	int r = t == S_IFLNK ? -ELOOP : t == S_IFDIR ? -EISDIR : create_tmp(o);
	if (r < 0) {
		set_failed(failed, anchor, rel, strlen(rel));
		pathsafe_out_abort(o);
	}
	return r;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int pathsafe_out_commit(struct pathsafe_out *o)
{
	int r = 0;
	if (fsync(o->fd) < 0 && errno != EINVAL)
		r = -errno;
	if (close(o->fd) < 0 && !r)
		r = -errno;
	o->fd = -1;
	if (!r && type_at(o->dirfd, o->name) == S_IFLNK)
		r = -ELOOP;
	if (!r && renameat(o->dirfd, o->tmp, o->dirfd, o->name) < 0)
		r = -errno;
	if (r) {
		pathsafe_out_abort(o);
		return r;
	}
	close(o->dirfd);
	free(o->name);
	free(o->tmp);
	*o = (struct pathsafe_out){ .dirfd = -1, .fd = -1 };
	return 0;
}

void pathsafe_out_abort(struct pathsafe_out *o)
{
	if (o->fd >= 0)
		close(o->fd);
	if (o->dirfd >= 0 && o->tmp)
		unlinkat(o->dirfd, o->tmp, 0);
	if (o->dirfd >= 0)
		close(o->dirfd);
	free(o->name);
	free(o->tmp);
	*o = (struct pathsafe_out){ .dirfd = -1, .fd = -1 };
}

int pathsafe_write_below(const char *anchor, const char *rel, const void *data, size_t len,
			 char **failed)
{
	struct pathsafe_out o;
	int r = pathsafe_out_begin(&o, anchor, rel, failed);
	if (r < 0)
		return r;
	if ((r = write_all(o.fd, data, len)) < 0) {
		pathsafe_out_abort(&o);
		return r;
	}
	r = pathsafe_out_commit(&o);
	if (r < 0)
		set_failed(failed, anchor, rel, strlen(rel));
	return r;
}

int pathsafe_write_named(const char *path, const void *data, size_t len)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : dir;
	int r;

	if (slash == dir)
		dir[1] = '\0', base = path + 1;
	else if (slash)
		*slash = '\0', base = path + (slash - dir) + 1;
	else
		base = path, strcpy(dir, ".");
	if (!*base) {
		free(dir);
		return -EISDIR;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		r = -errno;
		free(dir);
		return r;
	}
	free(dir);
	/* A device, FIFO or socket, or a symlink (--report /dev/null, a
	 * pipe, /dev/stdout, which leads through /proc to whatever stdout
	 * is): the user named it, so it is written through, never replaced
	 * (as root, a rename would turn /dev/null into a regular file). */
	mode_t t = type_at(dfd, base);
	if (t && t != S_IFREG) {
		struct stat st;
		if (fstatat(dfd, base, &st, 0) < 0) {
			r = -errno; /* a dangling link: never create its target */
		} else if (S_ISDIR(st.st_mode)) {
			r = -EISDIR;
		} else {
			int fd = openat(dfd, base, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
			r = fd < 0 ? -errno : write_all(fd, data, len);
			if (fd >= 0 && close(fd) < 0 && !r)
				r = -errno;
		}
		close(dfd);
		return r;
	}
	struct pathsafe_out o = { .dirfd = dfd, .fd = -1, .name = xstrdup(base) };
	if ((r = create_tmp(&o)) < 0 || (r = write_all(o.fd, data, len)) < 0) {
		pathsafe_out_abort(&o);
		return r;
	}
	/* commit refuses a link swapped in meanwhile; the user named a
	 * regular file, and that is what gets replaced. */
	return pathsafe_out_commit(&o);
}

char *pathsafe_write_error(const char *what, const char *path, int err, const char *failed)
{
	const char *at = failed ? failed : path;
	const char *w = what ? what : "", *sp = what ? " " : "";
	if (err == -ELOOP)
		return xasprintf("cannot write %s%s'%s': '%s' is a symbolic link; roadmap-run does not "
				 "follow links in the paths it picks itself (only in a path named "
				 "on the command line)", w, sp, path, at);
	if (err == -ENOTDIR)
		return xasprintf("cannot write %s%s'%s': '%s' is not a directory", w, sp, path, at);
	if (failed && strcmp(failed, path) != 0)
		return xasprintf("cannot write %s%s'%s': '%s': %s", w, sp, path, failed, strerror(-err));
	return xasprintf("cannot write %s%s'%s': %s", w, sp, path, strerror(-err));
}
