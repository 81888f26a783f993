/*
 * sandbox_fallback.c - owns what stands in for the mount namespace and the
 * cgroup when a check has neither: its TMPDIR (a directory of the
 * runner's, emptied after every check), the cleanup of what it leaves in
 * the host's /dev/shm, and the watch of memory-backed files no limit
 * would otherwise see.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "sandbox_internal.h"
#include "util.h"

/* ---- TMPDIR in the fallback ---------------------------------------------- */

/* Without a mount namespace the check's private temporary directory is a
 * directory of the runner's (TMPDIR names it), made once and emptied after
 * every check: creating and removing one per check costs an inode
 * allocation each time, which on ext4 is the slowest thing in a check. */
int sandbox_fallback_tmp_ready(struct sandbox *sb)
{
	if (sb->fallback_tmp)
		return 0;
	char *dir = sandbox_tempdir("tmp");
	if (!dir)
		return -errno;
	if (sb->root && chown(dir, sb->run_uid, sb->run_gid) < 0) {
		int e = errno;
		util_tempdir_remove(dir);
		free(dir);
		return -e;
	}
	sb->fallback_tmp = dir;
	return 0;
}

void sandbox_fallback_tmp_empty(struct sandbox *sb)
{
	DIR *d = opendir(sb->fallback_tmp);
	struct dirent *e;
	bool empty = d != NULL;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	if (d)
		closedir(d);
	if (empty)
		return;
	/* Whatever the check left, in whatever mode: start again. */
	util_rm_rf(sb->fallback_tmp);
	if (mkdir(sb->fallback_tmp, 0700) < 0 ||
	    (sb->root && chown(sb->fallback_tmp, sb->run_uid, sb->run_gid) < 0)) {
		free(sb->fallback_tmp);
		sb->fallback_tmp = NULL; /* made again by the next check */
	}
}

/* ---- /dev/shm in the fallback ------------------------------------------- */

/* Without a mount namespace a check writes POSIX shared memory and
 * semaphores into the host's /dev/shm, where they would outlive it and hold
 * memory no limit covers. As root, remove everything run_uid owns there
 * after the check; unprivileged, remove what appeared during the check and
 * belongs to us (snapshot of inode numbers taken before). */
void sandbox_shm_snapshot_take(struct sandbox_shm_snapshot *s)
{
	DIR *d = opendir("/dev/shm");
	struct dirent *e;
	size_t alloc = 0;
	s->inos = NULL;
	s->n = 0;
	while (d && (e = readdir(d))) {
		if (s->n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			s->inos = xrealloc(s->inos, alloc * sizeof(ino_t));
		}
		s->inos[s->n++] = e->d_ino;
	}
	if (d)
		closedir(d);
}

void sandbox_shm_cleanup(const struct sandbox *sb, struct sandbox_shm_snapshot *s)
{
	DIR *d = opendir("/dev/shm");
	struct dirent *e;
	uid_t uid = sb->root ? sb->run_uid : geteuid();
	while (d && (e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.' || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    st.st_uid != uid || S_ISDIR(st.st_mode))
			continue;
		bool old = false;
		for (size_t i = 0; !sb->root && i < s->n && !old; i++)
			old = s->inos[i] == st.st_ino;
		if (!old)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	if (d)
		closedir(d);
	free(s->inos);
	s->inos = NULL;
}

/* ---- memory-backed files, without a cgroup ------------------------------ */

/*
 * With a memory cgroup, pages a check writes into a tmpfs are charged to
 * it like any other memory. Without one, RLIMIT_AS counts only mappings:
 * files written into a memory-backed filesystem (the work directory when
 * $TMPDIR is a tmpfs; in the fallback also its TMPDIR and the host's
 * /dev/shm) hold memory that no limit sees. So the runner watches how
 * much those filesystems fill while the check runs (statfs, at the CPU
 * poll's pace) and ends the check with SANDBOX_MEMORY_LIMIT once they
 * hold more than its memory limit over what they held at its start.
 * (The check's private /tmp in a mount namespace is a tmpfs of its own,
 * sized from the limit, and needs no watching.) The measure is of the
 * whole filesystem: another process filling the same tmpfs at the same
 * time counts too, which errs on the safe side.
 */
static long long statfs_used(const char *path, fsid_t *fsid)
{
	struct statfs fs;
	if (statfs(path, &fs) < 0 || (fs.f_type != TMPFS_MAGIC && fs.f_type != RAMFS_MAGIC))
		return -1;
	if (fsid)
		*fsid = fs.f_fsid;
	return (long long)(fs.f_blocks - fs.f_bfree) * (long long)fs.f_bsize;
}

void sandbox_memfs_add(struct sandbox_memfs_watch *w, const char *path)
{
	fsid_t id;
	long long used = path ? statfs_used(path, &id) : -1;
	if (used < 0 || w->n == SANDBOX_MEMFS_MAX)
		return;
	for (int i = 0; i < w->n; i++)
		if (!memcmp(&w->fsid[i], &id, sizeof(id)))
			return;
	w->fsid[w->n] = id;
	w->path[w->n] = path;
	w->used_at_start[w->n++] = used;
}

/* True when the watched filesystems grew by more than the limit. */
bool sandbox_memfs_over(const struct sandbox_memfs_watch *w)
{
	long long grown = 0;
	for (int i = 0; i < w->n; i++) {
		long long used = statfs_used(w->path[i], NULL);
		if (used > w->used_at_start[i])
			grown += used - w->used_at_start[i];
	}
	return w->n > 0 && grown > w->limit;
}
