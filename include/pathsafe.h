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

/* pathsafe_copy_tree (read-write modes) into the directory name, created
 * inside the open directory dst_at (a workspace opened by
 * pathsafe_open_dir), so no path to it is resolved again. */
int pathsafe_copy_tree_at(const char *src, int dst_at, const char *name, size_t *skipped);

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

/*
 * Writing files. A path the user named (--report FILE, -o FILE, --out DIR,
 * --workspace DIR, the data home that holds the default workspaces) is an
 * anchor: it is followed as given. Every name below it (rel) is one the
 * runner picked, and is never followed: each directory on the way is
 * opened relative to the one before with O_NOFOLLOW. A symlink there is
 * refused with -ELOOP, and *failed (when not NULL; caller frees) is set to
 * the path that failed, the link itself for -ELOOP.
 * rel is relative ("a/b/report.json"), with no ".." component.
 */

/* Open the directory anchor/rel, creating it and every missing directory
 * on the way (mode 0755, the anchor with mkdir -p) when create. Returns the
 * fd (caller closes) or -errno. An empty rel opens the anchor itself. */
int pathsafe_open_dir(const char *anchor, const char *rel, bool create, char **failed);

/* A file being written: a temporary "<name>.tmp.<pid>" (O_EXCL, never
 * through a link) in the open directory of the final name, renamed over
 * it by commit inside that directory. A killed run never leaves a
 * half-written file under the final name. */
struct pathsafe_out {
	int dirfd;  /* the final name's directory */
	int fd;     /* the temporary file, open for writing */
	char *name, *tmp;
};

/* Start writing anchor/rel: the directories on the way are created as in
 * pathsafe_open_dir; a final name that is a link is -ELOOP, a directory
 * -EISDIR. Returns 0 with o->fd ready, or -errno (o then holds nothing). */
int pathsafe_out_begin(struct pathsafe_out *o, const char *anchor, const char *rel,
		       char **failed);

/* fsync, close and rename over the final name; a link put there since
 * begin is refused (-ELOOP). On failure the temporary file is removed.
 * Either way o is released. Returns 0 or -errno. */
int pathsafe_out_commit(struct pathsafe_out *o);

/* Remove the temporary file and release o. */
void pathsafe_out_abort(struct pathsafe_out *o);

/* begin, write data, commit. Returns 0 or -errno; anchor/rel is untouched
 * on failure. */
int pathsafe_write_below(const char *anchor, const char *rel, const void *data, size_t len,
			 char **failed);

/* Write data to path, which the user named on the command line: a
 * temporary file in its directory, fsync, then a rename. When path is a
 * device, FIFO, socket or symlink (/dev/null, a pipe, /dev/stdout), it is
 * written through (truncated, not atomically), never replaced; a dangling
 * symlink is -ENOENT and a directory -EISDIR. Returns 0 or -errno; on
 * failure path is untouched. */
int pathsafe_write_named(const char *path, const void *data, size_t len);

/* The message for a failed write of path: "cannot write [WHAT ]'P': 'L' is
 * a symbolic link; ..." for -ELOOP, naming failed when it is not path
 * itself; what ("the report") may be NULL. Caller frees. The paths are not
 * escaped: print the message with util_esc. */
char *pathsafe_write_error(const char *what, const char *path, int err, const char *failed);

#endif
