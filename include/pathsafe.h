/*
 * pathsafe.h - rules for paths that come from untrusted packs, archives and
 * submissions, and the safe tree copy used to build each check's work
 * directory. Pure string rules are apart from the file-system walk so they
 * can be unit-tested without a disk.
 */
#ifndef PATHSAFE_H
#define PATHSAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Syntactic check of a pack-relative path: non-empty, relative, no ".."
 * component, no NUL/control characters, at most PATH_MAX.
 * On false, *why (if not NULL) points at a static reason such as
 * "is absolute" or "contains a '..' component". */
bool pathsafe_relative_ok(const char *path, const char **why);

/* Resolve root/rel with symlinks followed and check that the result stays
 * inside root (itself resolved). Returns 0 and sets *resolved (caller frees)
 * when inside; -EXDEV when it escapes; -errno otherwise (e.g. -ENOENT). */
int pathsafe_resolve_inside(const char *root, const char *rel, char **resolved);

/* Copy the tree at src into dst (dst is created, mode 0700 for dirs).
 * - never follows a symlink: symlinks are recreated only when relative and
 *   pointing inside src; others are skipped and counted in *skipped;
 * - regular files and directories only; FIFOs, sockets and devices are
 *   skipped and counted;
 * - file modes keep only the owner's rwx bits mirrored (0755 or 0644);
 * - when read_only, files become 0444 (0555 when the owner could execute
 *   them, so a check may run tests/run.sh) and directories 0555 after the copy.
 * *skipped (if not NULL) is set to the number of entries skipped.
 * dst may already exist as a directory (never a symlink); an entry that
 * already exists there is an error (-EEXIST), never overwritten.
 * A missing src is not an error when missing_ok (dst is then empty); a src
 * that is itself a symlink is refused with -ELOOP.
 * Returns 0 or -errno; on error dst may be partly filled (caller removes). */
int pathsafe_copy_tree(const char *src, const char *dst, bool read_only,
		       bool missing_ok, size_t *skipped);

/* pathsafe_copy_tree (read-write modes), every entry below dst (not dst
 * itself) made uid:gid's as it is created: a check's work directory as
 * root hands it to the check's uid. */
int pathsafe_copy_tree_owned(const char *src, const char *dst, uid_t uid, gid_t gid,
			     bool missing_ok, size_t *skipped);

/* A submission's copy: pathsafe_copy_tree_owned when uid and gid are
 * given (else pathsafe_copy_tree, read-write, missing_ok), writing at most
 * max_bytes of file contents and max_entries entries in all: -EFBIG when
 * the tree holds more at the time of the copy (it may have grown since it
 * was measured). */
int pathsafe_copy_tree_bounded(const char *src, const char *dst, const uid_t *uid,
			       const gid_t *gid, off_t max_bytes, long max_entries,
			       size_t *skipped);

/* Copy the tree at src into the existing directory dst as
 * pathsafe_copy_tree does (same refusals, read-write modes), merging
 * directories that exist in both; an entry that exists in dst already is
 * kept as it is, not overwritten. */
int pathsafe_merge_tree(const char *src, const char *dst, size_t *skipped);

/* Make the tree at dir read-only for everybody and readable by everybody:
 * directories 0555, files 0444 (0555 when the owner could execute them).
 * Symlinks are not followed. Returns 0 or -errno. */
int pathsafe_seal_tree(const char *dir);

#endif
