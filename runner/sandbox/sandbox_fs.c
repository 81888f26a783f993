/*
 * sandbox_fs.c - owns the filesystem a check sees, built in its mount
 * namespace, and the workspace where the checks' work directories live.
 *
 * Two stages, so that a check pays for as few mounts as possible:
 *
 * Once per run, sandbox_fs_base() builds a base mount namespace in a
 * helper process and keeps it open by a file descriptor:
 *   - the skeleton root: a fresh tmpfs mounted on the (empty) directory
 *     sandbox_fs_prepare() made, holding the empty mount points usr/,
 *     etc/, dev/{null,zero,urandom,random,full}, proc/, tmp/, work/ and
 *     the merged-/usr symlinks (bin -> usr/bin...) copied from the host;
 *   - /usr, /etc and the five device nodes bound into it, all read-only
 *     and nosuid with ONE mount_setattr(AT_RECURSIVE);
 *   - the workspace at /.host/w: another fresh tmpfs, writable, where the
 *     runner makes the work directories through a descriptor the helper
 *     hands over (or, for a caller's own work directory, its parent
 *     directory bound there, in a second base namespace). /.host is mode
 *     0000 (0700 and root's when we are root) on the read-only root, so
 *     a check (no capabilities) can never look inside it, and cannot
 *     chmod it. Nothing a check sees is bound from a host directory of
 *     ours, so its mountinfo (which gives each mount's path inside its
 *     filesystem) names neither $TMPDIR nor our pid;
 *   - pivot_root into the skeleton and detach the host's root: nothing of
 *     the host (/, /home, /root, /tmp, the pack, the submissions) is
 *     reachable by any path.
 *
 * Per check, the child joins that namespace and unshares a copy of it
 * (nine mounts to copy, not the host's twenty), and the pid-namespace init
 * adds only what is the check's own (sandbox_fs_enter):
 *   - a private tmpfs /tmp and its own /proc;
 *   - /.host/w/<its work directory> bound at /work, and /work/tests bound
 *     on itself read-only.
 * Five mounts and no pivot or umount (a detach costs an RCU grace period).
 * Only system calls are used in the child: this runs between fork and
 * execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_internal.h"
#include "util.h"

static const char *const dev_nodes[] = { "null", "zero", "urandom", "random", "full", NULL };
/* Host directories that become the same path, read-only. On merged-/usr
 * systems the lib and bin ones are symlinks and are copied as symlinks. */
static const char *const sys_dirs[] = { "usr", "etc", "bin", "sbin", "lib", "lib64", "lib32", "libx32", NULL };

int sandbox_fs_prepare(struct sandbox *sb)
{
	/* Only a mount point: the skeleton itself is made on a tmpfs mounted
	 * here inside the helper's namespace (build_skeleton), so the check's
	 * root shows as "/" of a filesystem of its own in mountinfo, never as
	 * this directory's path (which names $TMPDIR and our pid). */
	char *dir = sandbox_tempdir("root");
	int r = 0;
	if (!dir)
		return -errno;
	if (strlen(dir) >= sizeof(sb->rootfs))
		r = -ENAMETOOLONG;
	else
		strcpy(sb->rootfs, dir);
	if (r < 0)
		util_tempdir_remove(dir);
	free(dir);
	return r;
}

/* In the helper, on the fresh tmpfs at root: the empty mount points and
 * links of the view (see the top of the file). */
static int build_skeleton(const struct sandbox *sb, const char *root, const char **why)
{
	char path[4096], target[256];
	for (const char *const *d = sys_dirs; *d; d++) {
		char host[64];
		struct stat st;
		snprintf(host, sizeof(host), "/%s", *d);
		snprintf(path, sizeof(path), "%s/%s", root, *d);
		if (lstat(host, &st) < 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(host, target, sizeof(target) - 1);
			if (n < 0)
				continue;
			target[n] = '\0';
			if (symlink(target, path) < 0)
				return *why = "copying a system symlink into the skeleton", -errno;
		} else if (S_ISDIR(st.st_mode) && mkdir(path, 0755) < 0) {
			return *why = "making the skeleton's system directories", -errno;
		}
	}
	static const char *const dirs[] = { "dev", "proc", "tmp", "work", ".host", ".host/w",
					    ".host/proc", NULL };
	for (const char *const *d = dirs; *d; d++) {
		snprintf(path, sizeof(path), "%s/%s", root, *d);
		if (mkdir(path, 0755) < 0)
			return *why = "making the skeleton's directories", -errno;
	}
	/* Only the init (with capabilities in the sandbox's user namespace,
	 * or as root the owner) may look into /.host. */
	snprintf(path, sizeof(path), "%s/.host", root);
	if (chmod(path, sb->root ? 0700 : 0000) < 0)
		return *why = "locking /.host", -errno;
	for (const char *const *d = dev_nodes; *d; d++) {
		snprintf(path, sizeof(path), "%s/dev/%s", root, *d);
		int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return *why = "making the device mount points", -errno;
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
		snprintf(path, sizeof(path), "%s/%s", root, links[i][0]);
		if (symlink(links[i][1], path) < 0)
			return *why = "making the skeleton's links", -errno;
	}
	return 0;
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

/* In the helper: build the base namespace (see the top of the file). */
static int build_base(const struct sandbox *sb, const char *parent, bool with_host_proc,
		      const char **why)
{
	const char *root = sb->rootfs;
	char src[4096], dst[4096];
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID };
	struct mount_attr rw = { .attr_set = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV };

	/* Created by root, the new mount namespace would still share
	 * propagation with the host: make it private first. (Created in our
	 * user namespace, shared mounts are already reduced to slaves.) */
	if (sb->root && mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return *why = "making the mounts private", -errno;
	/* Nothing of the host's names may show in the check's mountinfo
	 * (the root field of a mount is its path inside its filesystem): the
	 * root is a tmpfs of its own, and so is the work directories' home
	 * below. 64 inodes and 1 MiB hold the skeleton with room to spare. */
	if (mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=64,mode=0755") < 0)
		return *why = "mounting the root skeleton's tmpfs", -errno;
	int r = build_skeleton(sb, root, why);
	if (r < 0)
		return r;
	for (const char *const *d = sys_dirs; *d; d++) {
		struct stat st;
		snprintf(src, sizeof(src), "/%s", *d);
		if (lstat(src, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (!join(dst, sizeof(dst), root, *d))
			return *why = "path too long", -ENAMETOOLONG;
		if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) < 0)
			return *why = "binding a system directory", -errno;
	}
	for (const char *const *d = dev_nodes; *d; d++) {
		snprintf(src, sizeof(src), "/dev/%s", *d);
		snprintf(dst, sizeof(dst), "%s/dev/%s", root, *d);
		if (mount(src, dst, NULL, MS_BIND, NULL) < 0 && errno != ENOENT)
			return *why = "binding a device node", -errno;
	}
	if (mount_setattr(AT_FDCWD, root, AT_RECURSIVE, &ro, sizeof(ro)) < 0)
		return *why = "making the system directories read-only", -errno;
	/* Without a pid namespace a check cannot mount a /proc of its own
	 * (that needs a pid namespace owned by our user namespace): it sees
	 * the host's, as it would anyway. */
	if (with_host_proc) {
		snprintf(dst, sizeof(dst), "%s/proc", root);
		if (mount("/proc", dst, NULL, MS_BIND | MS_REC, NULL) < 0)
			return *why = "binding /proc", -errno;
	} else {
		/* The kernel lets a user namespace mount a proc only where a
		 * proc is already fully visible: keep the host's, under the
		 * locked /.host. */
		snprintf(dst, sizeof(dst), "%s/.host/proc", root);
		if (mount("/proc", dst, NULL, MS_BIND | MS_REC, NULL) < 0)
			return *why = "binding /proc", -errno;
	}
	/* After the read-only pass, so it stays writable. The workspace
	 * (no parent) is a tmpfs of the runner's that only this namespace
	 * and the runner's descriptor reach: the work directories' binds
	 * then show as "/<random>/check-N". A caller's own parent directory
	 * is bound instead, and its host path shows (unit tests only).
	 * Recursive: in a user namespace the kernel refuses a bind that
	 * would drop a mount below it (a tmpfs somewhere under $TMPDIR is
	 * enough), since that would uncover what the mount hides; and /.host
	 * is out of the check's reach, which sees only its own /work. */
	snprintf(dst, sizeof(dst), "%s/.host/w", root);
	if (!parent) {
		if (mount("tmpfs", dst, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0711") < 0)
			return *why = "mounting the workspace's tmpfs", -errno;
	} else {
		if (mount(parent, dst, NULL, MS_BIND | MS_REC, NULL) < 0)
			return *why = "binding the work directories' parent", -errno;
		if (mount_setattr(AT_FDCWD, dst, AT_RECURSIVE, &rw, sizeof(rw)) < 0)
			return *why = "making the work directories nosuid", -errno;
	}
	if (chdir(root) < 0)
		return *why = "entering the new root", -errno;
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return *why = "pivot_root", -errno;
	/* The old root is stacked under the new one: detach it. */
	if (umount2(".", MNT_DETACH) < 0)
		return *why = "detaching the host's root", -errno;
	if (chdir("/") < 0)
		return *why = "chdir /", -errno;
	return 0;
}

int sandbox_fs_base(const struct sandbox *sb, const char *parent, bool with_host_proc,
		    int *mntns_fd, int *workspace_fd, char *why, size_t whylen)
{
	int go[2], done[2], r = 0;
	if (pipe2(go, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(done, O_CLOEXEC) < 0) {
		r = -errno;
		close(go[0]);
		close(go[1]);
		return r;
	}
	pid_t pid = fork();
	if (pid < 0) {
		r = -errno;
		close(go[0]); close(go[1]); close(done[0]); close(done[1]);
		snprintf(why, whylen, "fork: %s", strerror(-r));
		return r;
	}
	if (pid == 0) {
		struct { int err, workspace_fd; char what[120]; } rep = { 0, -1, "" };
		const char *w = "";
		close(go[0]);
		close(done[1]);
		/* Once a check's init has shared the runner's memory, that
		 * memory is non-dumpable (the init makes it so, against the
		 * check), and so is this copy: the runner could not open our
		 * /proc/PID/ns/mnt without CAP_SYS_PTRACE. We hold nothing a
		 * check could reach. */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		/* With the runner's credentials, like the checks' namespaces:
		 * root's, or the sandbox user namespace's it joined. */
		if (unshare(CLONE_NEWNS) < 0)
			rep.err = errno, w = "unshare(CLONE_NEWNS)";
		else {
			int e = build_base(sb, parent, with_host_proc, &w);
			rep.err = e < 0 ? -e : 0;
			/* The runner reopens it through our /proc/PID/fd. */
			if (!e && !parent &&
			    (rep.workspace_fd = open("/.host/w", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
				rep.err = errno, w = "opening the workspace";
		}
		snprintf(rep.what, sizeof(rep.what), "%s", w);
		if (write(go[1], &rep, sizeof(rep)) < 0)
			_exit(1);
		char x;
		if (read(done[0], &x, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(go[1]);
	close(done[0]);
	struct { int err, workspace_fd; char what[120]; } rep;
	int ns_fd = -1, ws_fd = -1;
	if (read(go[0], &rep, sizeof(rep)) != (ssize_t)sizeof(rep)) {
		r = -EIO;
		snprintf(why, whylen, "the helper building the mount namespace died");
	} else if (rep.err) {
		r = -rep.err;
		snprintf(why, whylen, "%s: %s", rep.what, strerror(rep.err));
	} else {
		char path[64];
		snprintf(path, sizeof(path), "/proc/%d/ns/mnt", (int)pid);
		ns_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (ns_fd < 0) {
			r = -errno;
			snprintf(why, whylen, "opening %s: %s", path, strerror(errno));
		} else if (!parent) {
			snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, rep.workspace_fd);
			ws_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (ws_fd < 0) {
				r = -errno;
				snprintf(why, whylen, "opening the workspace %s: %s", path, strerror(errno));
				close(ns_fd);
				ns_fd = -1;
			}
		}
	}
	if (r == 0) {
		*mntns_fd = ns_fd;
		if (workspace_fd)
			*workspace_fd = ws_fd;
	}
	close(go[0]);
	close(done[1]);
	waitpid(pid, NULL, 0);
	return r;
}

/* Bind the directory at src (never through a symlink) onto dst. */
SANDBOX_CHILD_FN static int bind_dir(const char *src, const char *dst, bool readonly)
{
	int fd = open(src, O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	char fdpath[64];
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	int r = mount(fdpath, dst, NULL, MS_BIND, NULL);
	int e = errno;
	close(fd);
	if (r < 0)
		return -e;
	if (readonly) {
		struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV };
		if (mount_setattr(AT_FDCWD, dst, 0, &ro, sizeof(ro)) < 0)
			return -errno;
	}
	return 0;
}

SANDBOX_CHILD_FN int sandbox_fs_enter(const struct sandbox_child *c, const char **why)
{
	char dst[4096];
	char opts[64];
	int r;

	snprintf(opts, sizeof(opts), "size=%ldm,mode=1777", c->tmp_size_mb > 0 ? c->tmp_size_mb : 64);
	if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0)
		return *why = "mounting a private /tmp", -errno;
	/* Its own /proc shows only the check's processes. */
	if (c->use_pidns && mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return *why = "mounting /proc", -errno;
	if ((r = bind_dir(c->work_src, SANDBOX_INSIDE_WORKDIR, false)) < 0)
		return *why = "binding the work directory", r;
	if (c->readonly_subdir) {
		int n = snprintf(dst, sizeof(dst), SANDBOX_INSIDE_WORKDIR "/%s", c->readonly_subdir);
		if (n < 0 || (size_t)n >= sizeof(dst))
			return *why = "path too long", -ENAMETOOLONG;
		r = bind_dir(c->readonly_src ? c->readonly_src : dst, dst, true);
		if (r < 0 && (r != -ENOENT || c->readonly_src))
			return *why = "binding the read-only tests directory", r;
	}
	if (chdir(SANDBOX_INSIDE_WORKDIR) < 0)
		return *why = "entering the work directory", -errno;
	return 0;
}

/* ---- the workspace ------------------------------------------------------ */

/* The base mount namespace with the workspace, (re)built when it is
 * missing or was built for the other /proc (the trial check may turn the
 * pid namespace off). A rebuild empties the workspace, so only
 * sandbox_open does it, before any work directory exists. */
int sandbox_fs_workspace_ready(struct sandbox *sb, char *why, size_t whylen)
{
	bool host_proc = !sb->layers.pid_ns;
	if (sb->mntns_fd >= 0 && sb->mntns_host_proc == host_proc)
		return 0;
	int ns = -1, ws = -1;
	int r = sandbox_fs_base(sb, NULL, host_proc, &ns, &ws, why, whylen);
	if (r < 0)
		return r;
	sandbox_fs_workspace_close(sb);
	sb->mntns_fd = ns;
	sb->workspace_fd = ws;
	sb->mntns_host_proc = host_proc;
	snprintf(sb->workspace, sizeof(sb->workspace), "/proc/self/fd/%d", ws);
	return 0;
}

void sandbox_fs_workspace_close(struct sandbox *sb)
{
	if (sb->mntns_fd >= 0)
		close(sb->mntns_fd);
	if (sb->workspace_fd >= 0)
		close(sb->workspace_fd);
	sb->mntns_fd = sb->workspace_fd = -1;
	sb->workspace[0] = '\0';
}

const char *sandbox_workspace(const struct sandbox *sb)
{
	return sb->layers.mount_ns && sb->workspace[0] ? sb->workspace : NULL;
}
