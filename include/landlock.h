/*
 * landlock.h - Landlock, detected by ABI and used at its best: the
 * check may read and execute the system directories, read and write its
 * work directory and private /tmp, and (ABI >= 4) neither bind nor connect
 * TCP; (ABI >= 6) abstract Unix sockets and signals are scoped to the check.
 */
#ifndef LANDLOCK_RULES_H
#define LANDLOCK_RULES_H

#include <stdbool.h>

/* The kernel's Landlock ABI version, 0 when unavailable. */
int landlock_abi(void);

/* In the child, before seccomp: restrict the calling process. ro_paths and
 * rw_paths are NULL-terminated; paths that do not exist are skipped. Uses
 * only system calls. Returns 0 or -errno. */
int landlock_restrict(int abi, const char *const *ro_paths,
		      const char *const *rw_paths, bool deny_tcp);

#endif
