/*
 * landlock.c - Landlock, detected by ABI and used at its best.
 *
 * Landlock lets an unprivileged process take away its own access to the
 * filesystem (and, from ABI 4, TCP; from ABI 6, signals and abstract Unix
 * sockets outside its domain). It is the filesystem layer when mount
 * namespaces are unavailable, and a second wall behind them when they are.
 *
 * What each ABI adds, and what we do with it:
 *   1  (5.13) filesystem rights: execute, read, write, make, remove
 *   2  (5.19) REFER: renames and links across directories (rw paths only)
 *   3  (6.2)  TRUNCATE (rw paths only)
 *   4  (6.7)  TCP bind/connect: both refused when deny_tcp
 *   5  (6.10) IOCTL_DEV: ioctl on device files (rw paths only)
 *   6  (6.12) scopes: signals and abstract Unix sockets stay inside the check
 *   7  (6.15) audit logging flags: nothing to restrict, treated as 6
 * A newer kernel is used at ABI 7; an older one gets the rights it knows,
 * because asking for unknown rights makes the kernel refuse the ruleset.
 *
 * Runs in the child after fork: system calls only, no allocation. Debian
 * 12's linux/landlock.h stops at ABI 2, so the ABI is spelled out here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "landlock.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1

#define LL_FS_EXECUTE (1ULL << 0)
#define LL_FS_WRITE_FILE (1ULL << 1)
#define LL_FS_READ_FILE (1ULL << 2)
#define LL_FS_READ_DIR (1ULL << 3)
#define LL_FS_REMOVE_DIR (1ULL << 4)
#define LL_FS_REMOVE_FILE (1ULL << 5)
#define LL_FS_MAKE_CHAR (1ULL << 6)
#define LL_FS_MAKE_DIR (1ULL << 7)
#define LL_FS_MAKE_REG (1ULL << 8)
#define LL_FS_MAKE_SOCK (1ULL << 9)
#define LL_FS_MAKE_FIFO (1ULL << 10)
#define LL_FS_MAKE_BLOCK (1ULL << 11)
#define LL_FS_MAKE_SYM (1ULL << 12)
#define LL_FS_REFER (1ULL << 13)      /* ABI 2 */
#define LL_FS_TRUNCATE (1ULL << 14)   /* ABI 3 */
#define LL_FS_IOCTL_DEV (1ULL << 15)  /* ABI 5 */

#define LL_NET_BIND_TCP (1ULL << 0)   /* ABI 4 */
#define LL_NET_CONNECT_TCP (1ULL << 1)

#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) /* ABI 6 */
#define LL_SCOPE_SIGNAL (1ULL << 1)

#define LL_ABI_MAX_KNOWN 7

#define LL_FS_ABI1 (LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | \
		    LL_FS_READ_DIR | LL_FS_REMOVE_DIR | LL_FS_REMOVE_FILE | \
		    LL_FS_MAKE_CHAR | LL_FS_MAKE_DIR | LL_FS_MAKE_REG | \
		    LL_FS_MAKE_SOCK | LL_FS_MAKE_FIFO | LL_FS_MAKE_BLOCK | \
		    LL_FS_MAKE_SYM)
/* Rights that make sense on a file (the kernel refuses the others there). */
#define LL_FS_FILE (LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | \
		    LL_FS_TRUNCATE | LL_FS_IOCTL_DEV)
#define LL_FS_RO (LL_FS_EXECUTE | LL_FS_READ_FILE | LL_FS_READ_DIR)

/* The kernel's struct landlock_ruleset_attr as of ABI 6; older kernels get
 * the prefix they know (its size is passed to the call). */
struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net; /* ABI 4 */
	uint64_t scoped;             /* ABI 6 */
};

struct ll_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

int landlock_abi(void)
{
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
	return v < 0 ? 0 : (int)v;
}

/* Everything the ruleset handles on the filesystem at this ABI. */
static uint64_t handled_fs(int abi)
{
	uint64_t fs = LL_FS_ABI1;
	if (abi >= 2)
		fs |= LL_FS_REFER;
	if (abi >= 3)
		fs |= LL_FS_TRUNCATE;
	if (abi >= 5)
		fs |= LL_FS_IOCTL_DEV;
	return fs;
}

/* Allow access (masked to what the ruleset handles) beneath each path. */
static int add_paths(int ruleset, const char *const *paths, uint64_t access)
{
	for (; paths && *paths; paths++) {
		struct ll_path_beneath_attr pb;
		struct stat st;
		int fd = open(*paths, O_PATH | O_CLOEXEC);
		int r = 0;

		if (fd < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				continue; /* e.g. /lib32 on this system */
			return -errno;
		}
		if (fstat(fd, &st) < 0) {
			r = -errno;
		} else {
			pb.allowed_access = S_ISDIR(st.st_mode) ? access : access & LL_FS_FILE;
			pb.parent_fd = fd;
			if (pb.allowed_access &&
			    syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &pb, 0) < 0)
				r = -errno;
		}
		close(fd);
		if (r < 0)
			return r;
	}
	return 0;
}

int landlock_restrict(int abi, const char *const *ro_paths,
		      const char *const *rw_paths, bool deny_tcp)
{
	struct ll_ruleset_attr attr = { 0 };
	size_t size;
	int ruleset, r;

	if (abi <= 0)
		return -EOPNOTSUPP;
	if (abi > LL_ABI_MAX_KNOWN)
		abi = LL_ABI_MAX_KNOWN;

	attr.handled_access_fs = handled_fs(abi);
	size = sizeof(attr.handled_access_fs);
	if (abi >= 4) {
		/* Handling a right and granting it nowhere refuses it. */
		if (deny_tcp)
			attr.handled_access_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
		size = offsetof(struct ll_ruleset_attr, scoped);
	}
	if (abi >= 6) {
		/* Signals only to processes of this check; abstract Unix
		 * sockets (which ignore the filesystem) only within it, so
		 * the host's D-Bus or X11 abstract sockets are unreachable. */
		attr.scoped = LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL;
		size = sizeof(attr);
	}

	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (ruleset < 0)
		return -errno;

	/* Read-only paths: read and execute, no device ioctls. Read-write
	 * paths: every right this ABI handles. */
	r = add_paths(ruleset, ro_paths, LL_FS_RO);
	if (r == 0)
		r = add_paths(ruleset, rw_paths, attr.handled_access_fs);
	if (r < 0)
		goto out;

	/* Required unprivileged; the caller sets it too. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_landlock_restrict_self, ruleset, 0) < 0) {
		r = -errno;
		goto out;
	}
	r = 0;
out:
	close(ruleset);
	return r;
}
