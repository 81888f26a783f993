/*
 * sandbox_fs.c - the filesystem a check sees, built in its mount namespace.
 *
 * sandbox_open() makes a skeleton root once (sandbox_fs_prepare): empty
 * mount points usr/, etc/, dev/{null,zero,urandom,random,full}, proc/,
 * tmp/, work/, and the merged-/usr symlinks (bin -> usr/bin...) copied
 * from the host. Per check the namespace init (sandbox_fs_enter) then:
 *
 *   1. binds the skeleton onto itself (pivot_root needs a mount point),
 *      binds /usr, /etc and the five device nodes into it;
 *   2. makes all of that read-only and nosuid with ONE
 *      mount_setattr(AT_RECURSIVE) instead of a remount per mount;
 *   3. mounts what is writable or per-check on top, after step 2 so it
 *      stays writable: a private tmpfs /tmp, its own /proc, the work
 *      directory at /work, and the work directory's tests/ read-only;
 *   4. pivot_root(".", ".") and detaches the old root: the host's /,
 *      /home, /root, /tmp, the pack and other checks' directories are no
 *      longer reachable by any path.
 *
 * That is about twenty system calls; no directory is created per check.
 * Only system calls are used: this runs between fork and execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox_internal.h"
#include "util.h"

static const char *const dev_nodes[] = { "null", "zero", "urandom", "random", "full", NULL };
/* Host directories that become the same path, read-only. On merged-/usr
 * systems the lib and bin ones are symlinks and are copied as symlinks. */
static const char *const sys_dirs[] = { "usr", "etc", "bin", "sbin", "lib", "lib64", "lib32", "libx32", NULL };

int sandbox_fs_prepare(struct sandbox *sb)
{
	char *dir = util_tempdir("roadmap-run-root");
	char path[512], target[256];
	int r = 0;
	if (!dir)
		return -errno;
	if (strlen(dir) >= sizeof(sb->rootfs)) {
		r = -ENAMETOOLONG;
		goto out;
	}
	strcpy(sb->rootfs, dir);
	/* The check (another uid when we are root) must traverse its root. */
	if (chmod(dir, 0755) < 0) {
		r = -errno;
		goto out;
	}
	for (const char *const *d = sys_dirs; *d; d++) {
		char host[64];
		struct stat st;
		snprintf(host, sizeof(host), "/%s", *d);
		snprintf(path, sizeof(path), "%s/%s", dir, *d);
		if (lstat(host, &st) < 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(host, target, sizeof(target) - 1);
			if (n < 0)
				continue;
			target[n] = '\0';
			if (symlink(target, path) < 0) {
				r = -errno;
				goto out;
			}
		} else if (S_ISDIR(st.st_mode)) {
			if (mkdir(path, 0755) < 0) {
				r = -errno;
				goto out;
			}
		}
	}
	static const char *const dirs[] = { "dev", "proc", "tmp", "work", NULL };
	for (const char *const *d = dirs; *d; d++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *d);
		if (mkdir(path, 0755) < 0) {
			r = -errno;
			goto out;
		}
	}
	for (const char *const *d = dev_nodes; *d; d++) {
		snprintf(path, sizeof(path), "%s/dev/%s", dir, *d);
		int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0) {
			r = -errno;
			goto out;
		}
		close(fd);
	}
	/* What programs expect next to the device nodes: descriptors through
	 * the check's own /proc, and POSIX shared memory in its private /tmp. */
	static const char *const links[][2] = {
		{ "dev/fd", "/proc/self/fd" }, { "dev/stdin", "/proc/self/fd/0" },
		{ "dev/stdout", "/proc/self/fd/1" }, { "dev/stderr", "/proc/self/fd/2" },
		{ "dev/shm", "/tmp" },
	};
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, links[i][0]);
		if (symlink(links[i][1], path) < 0) {
			r = -errno;
			goto out;
		}
	}
out:
	if (r < 0) {
		util_tempdir_remove(dir);
		sb->rootfs[0] = '\0';
	}
	free(dir);
	return r;
}

void sandbox_fs_cleanup(struct sandbox *sb)
{
	if (sb->rootfs[0])
		util_tempdir_remove(sb->rootfs);
	sb->rootfs[0] = '\0';
}

/* Build "<a>/<b>" into buf; false when it does not fit. */
SANDBOX_CHILD_FN static bool join(char *buf, size_t len, const char *a, const char *b)
{
	int n = snprintf(buf, len, "%s/%s", a, b);
	return n > 0 && (size_t)n < len;
}

SANDBOX_CHILD_FN int sandbox_fs_enter(const struct sandbox_child *c, const char **why)
{
	const char *root = c->sb->rootfs;
	char src[4096], dst[4096];
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID };
	struct mount_attr rw = { .attr_set = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV };

	/* Without a user namespace the new mount namespace would still share
	 * propagation with the host: make it private first. (Inside a user
	 * namespace shared mounts are already reduced to slaves.) */
	if (!c->use_userns && mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		*why = "making the mounts private";
		return -errno;
	}
	if (mount(root, root, NULL, MS_BIND, NULL) < 0) {
		*why = "binding the root skeleton";
		return -errno;
	}
	for (const char *const *d = sys_dirs; *d; d++) {
		struct stat st;
		snprintf(src, sizeof(src), "/%s", *d);
		if (lstat(src, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (!join(dst, sizeof(dst), root, *d))
			return *why = "path too long", -ENAMETOOLONG;
		if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) < 0) {
			*why = "binding a system directory";
			return -errno;
		}
	}
	for (const char *const *d = dev_nodes; *d; d++) {
		snprintf(src, sizeof(src), "/dev/%s", *d);
		snprintf(dst, sizeof(dst), "%s/dev/%s", root, *d);
		if (mount(src, dst, NULL, MS_BIND, NULL) < 0 && errno != ENOENT) {
			*why = "binding a device node";
			return -errno;
		}
	}
	if (mount_setattr(AT_FDCWD, root, AT_RECURSIVE, &ro, sizeof(ro)) < 0) {
		*why = "making the system directories read-only";
		return -errno;
	}

	/* Writable, per-check mounts on top of the read-only tree. */
	char opts[64];
	snprintf(opts, sizeof(opts), "size=%ldm,mode=1777", c->tmp_size_mb > 0 ? c->tmp_size_mb : 64);
	snprintf(dst, sizeof(dst), "%s/tmp", root);
	if (mount("tmpfs", dst, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) {
		*why = "mounting a private /tmp";
		return -errno;
	}
	snprintf(dst, sizeof(dst), "%s/proc", root);
	/* Its own /proc shows only the check's processes. Without a pid
	 * namespace there is nothing better than the host's. */
	if (c->use_pidns ? mount("proc", dst, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0
			 : mount("/proc", dst, NULL, MS_BIND | MS_REC, NULL) < 0) {
		*why = "mounting /proc";
		return -errno;
	}
	snprintf(dst, sizeof(dst), "%s" SANDBOX_INSIDE_WORKDIR, root);
	if (mount(c->workdir, dst, NULL, MS_BIND, NULL) < 0) {
		*why = "binding the work directory";
		return -errno;
	}
	if (mount_setattr(AT_FDCWD, dst, 0, &rw, sizeof(rw)) < 0) {
		*why = "making the work directory nosuid";
		return -errno;
	}
	if (c->readonly_subdir) {
		if (!join(src, sizeof(src), c->workdir, c->readonly_subdir) ||
		    !join(dst, sizeof(dst), root, SANDBOX_INSIDE_WORKDIR + 1) ||
		    strlen(dst) + 1 + strlen(c->readonly_subdir) >= sizeof(dst))
			return *why = "path too long", -ENAMETOOLONG;
		strcat(dst, "/");
		strcat(dst, c->readonly_subdir);
		/* O_NOFOLLOW: never bind whatever a symlink would point at. */
		int fd = open(src, O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			char fdpath[64];
			snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
			int r = mount(fdpath, dst, NULL, MS_BIND, NULL);
			int e = errno;
			close(fd);
			if (r < 0) {
				*why = "binding the read-only tests directory";
				return -e;
			}
			if (mount_setattr(AT_FDCWD, dst, 0, &ro, sizeof(ro)) < 0) {
				*why = "making the tests directory read-only";
				return -errno;
			}
		} else if (errno != ENOENT) {
			*why = "opening the tests directory";
			return -errno;
		}
	}

	if (chdir(root) < 0) {
		*why = "entering the new root";
		return -errno;
	}
	if (syscall(SYS_pivot_root, ".", ".") < 0) {
		*why = "pivot_root";
		return -errno;
	}
	/* The old root is stacked under the new one: detach it. */
	if (umount2(".", MNT_DETACH) < 0) {
		*why = "detaching the host's root";
		return -errno;
	}
	if (chdir(SANDBOX_INSIDE_WORKDIR) < 0) {
		*why = "entering the work directory";
		return -errno;
	}
	return 0;
}
