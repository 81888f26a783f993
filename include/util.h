/*
 * util.h - small helpers shared by every module: allocation that dies on
 * OOM, a growable string buffer, file I/O, directory trees and the registry
 * of temporary directories that are removed at exit and on SIGINT/SIGTERM.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Allocation: on failure print "fatal: out of memory" and exit(RR_EXIT_INTERNAL). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable NUL-terminated byte buffer (git's strbuf, reduced). */
struct strbuf {
	char *buf;   /* always NUL-terminated once anything was added */
	size_t len, alloc;
};
#define STRBUF_INIT { NULL, 0, 0 }
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Return the buffer (never NULL, caller frees) and reset sb. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

/* Read a whole regular file, at most max bytes. Returns 0 and sets *out
 * (NUL-terminated, caller frees) and *len; on failure returns -errno
 * (-EFBIG when larger than max) and sets nothing. */
int util_read_file(const char *path, size_t max, char **out, size_t *len);

/* Like util_read_file, for a file an untrusted tree (a submission) may have
 * planted: path must be a regular file. A final symlink is not followed
 * (-ELOOP), and a FIFO or device is refused (-EINVAL) without ever being
 * read, so it can neither hang us nor show us another file's bytes. */
int util_read_regular_file(const char *path, size_t max, char **out, size_t *len);

/* util_read_regular_file of name inside the directory open at dfd. */
int util_read_regular_file_at(int dfd, const char *name, size_t max, char **out, size_t *len);

/* mkdir -p with mode, following links: only for a path the user named
 * (a pathsafe anchor); below it, pathsafe_open_dir. Returns 0 or -errno. */
int util_mkdir_p(const char *path, mode_t mode);

/* Remove a tree without following symlinks. Returns 0 or -errno. */
int util_rm_rf(const char *path);

/* util_rm_rf of the entry name in the open directory dirfd: a link there
 * is removed, never followed. Returns 0 (also when missing) or -errno. */
int util_rm_rf_at(int dirfd, const char *name);

/* Create a private temporary directory (mode 0700) under $TMPDIR or /tmp,
 * named "<prefix>.XXXXXX", and register it for removal at exit and on
 * SIGINT/SIGTERM/SIGHUP. Returns the path (caller frees) or NULL with errno. */
char *util_tempdir(const char *prefix);

/* An async-signal-safe function the fatal-signal handler calls first,
 * before removing temporary directories (e.g. to kill a running check so
 * nothing keeps writing into them). NULL removes it. */
void util_set_signal_hook(void (*hook)(void));

/* The directory util_tempdir creates in: $TMPDIR when it is an absolute
 * path, else "/tmp". For messages that must say where it failed. */
const char *util_tempdir_base(void);

/* util_tempdir, but in base (NULL: util_tempdir_base()). */
char *util_tempdir_in(const char *base, const char *prefix);

/* In a forked child that lives on as a process of its own (a worker):
 * forget the parent's temporary directories (they stay the parent's to
 * remove), and make this process the owner of the ones it creates from
 * now on, removed at its exit and when a signal kills it. */
void util_tempdir_own_from_here(void);

/* Remove a directory made by util_tempdir now and forget it. */
void util_tempdir_remove(const char *path);

/* Install the handlers that remove registered temporary directories on
 * SIGINT, SIGTERM and SIGHUP, then die by the same signal. Idempotent. */
void util_install_cleanup_handlers(void);

/* The one escaper for text roadmap-run prints but did not write itself
 * (ids, paths, file names, JSON keys, titles, hints, quiz text, program
 * output, submission names): appends s[0..n) to sb with every code point a
 * terminal would act on escaped, so it cannot move the cursor, recolour or
 * clear the screen, set the window title, overwrite a line or reorder it:
 * - C0 controls and DEL as \xNN (tab kept; newline kept when
 *   keep_newlines, else written as \n: one message, one line);
 * - C1 controls encoded in UTF-8 (U+0080..U+009F: CSI, OSC, ST, NEL) and
 *   the bidi controls (U+202A..U+202E, U+2066..U+2069) as \uNNNN;
 * - bytes that are not valid UTF-8 as \xNN, one by one.
 * Everything else, other UTF-8 included, is copied as it is. */
void util_escape(struct strbuf *sb, const char *s, size_t n, bool keep_newlines);

/* util_escape of s to fp. */
void util_fputs_clean(FILE *fp, const char *s, bool keep_newlines);

/* util_escape of s (NULL gives "(null)") on one line, for a printf
 * argument: fprintf(stderr, "cannot read '%s'\n", util_esc(path)). The
 * result lives until UTIL_ESC_SLOTS more calls; do not free it. */
#define UTIL_ESC_SLOTS 8
const char *util_esc(const char *s);

/* The CPUs this process may run on (its affinity mask, as taskset or a
 * container's cpuset sets it), else the online CPUs; at least 1. The
 * default number of parallel jobs. */
int util_cpu_count(void);

/* Monotonic clock in seconds. */
double util_now(void);

/* Our pid namespace's identity (the inode of /proc/self/ns/pid), 0 if
 * unknown. Names that carry a pid, for a later run to tell whether their
 * owner died, carry this too: a pid means nothing in another pid
 * namespace, where a live runner's pid may be free (or taken). */
unsigned long util_pidns_id(void);

/* Whether the runner named by pid and pidns (from such a name) is known
 * to be gone: it was in our pid namespace and no such process exists. */
bool util_runner_gone(long pid, unsigned long pidns);

/* True when the id matches [a-z0-9][a-z0-9-]* and is at most 64 chars. */
bool util_valid_id(const char *s);

/* Join two path parts with one '/'. Caller frees. */
char *util_path_join(const char *a, const char *b);

#endif
