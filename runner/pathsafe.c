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
static int open_dir_nofollow(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	int e = errno;
	if (e == ENOTDIR && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		e = ELOOP;
	return -e;
}

/* cx says how (read_only, merge, chown); its skipped count is set here. */
static int copy_tree(const char *src, const char *dst, struct copy_ctx cx, bool missing_ok,
		     size_t *skipped)
{
	cx.skipped = 0;
	int sfd = -1, dfd = -1, ret = 0;

	sfd = open_dir_nofollow(src);
	if (sfd < 0 && !(sfd == -ENOENT && missing_ok)) {
		/* -ELOOP: src itself is a symlink, which is never followed. */
		ret = sfd;
		goto out;
	}
	if (mkdir(dst, 0700) < 0 && errno != EEXIST) {
		ret = -errno;
		goto out;
	}
	/* dst may already exist (the caller's fresh work directory); it must
	 * be a real directory, never a symlink planted in its place. */
	dfd = open_dir_nofollow(dst);
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
	return copy_tree(src, dst, (struct copy_ctx){ .read_only = read_only }, missing_ok, skipped);
}

int pathsafe_copy_tree_owned(const char *src, const char *dst, uid_t uid, gid_t gid,
			     bool missing_ok, size_t *skipped)
{
	return copy_tree(src, dst, (struct copy_ctx){ .chown = true, .uid = uid, .gid = gid },
			 missing_ok, skipped);
}

int pathsafe_copy_tree_bounded(const char *src, const char *dst, const uid_t *uid,
			       const gid_t *gid, off_t max_bytes, long max_entries, size_t *skipped)
{
	struct copy_ctx cx = { .chown = uid && gid, .uid = uid ? *uid : 0, .gid = gid ? *gid : 0,
			       .bounded = true, .budget = max_bytes, .entries = max_entries };
	return copy_tree(src, dst, cx, true, skipped);
}

int pathsafe_merge_tree(const char *src, const char *dst, size_t *skipped)
{
	return copy_tree(src, dst, (struct copy_ctx){ .merge = true }, false, skipped);
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
