/*
 * pack.h - open a pack given on the command line: a directory with
 * pack.json, or an archive of one (tar, tar.gz, tar.xz, tar.zst, zip,
 * detected from the content). Archives are extracted with libarchive into a
 * private temporary directory that is removed by pack_close, at exit and on
 * SIGINT/SIGTERM. Extraction is hostile-input safe: it refuses "..",
 * absolute paths, links, device nodes and FIFOs, and caps total bytes,
 * entry count and path length so a bomb fails fast.
 */
#ifndef PACK_H
#define PACK_H

#include <stdbool.h>
#include "diag.h"

/* Caps on archive extraction. */
#define PACK_MAX_BYTES   (256L * 1024 * 1024) /* total uncompressed bytes */
#define PACK_MAX_ENTRIES 20000
#define PACK_MAX_PATH    1024

struct pack {
	char *source;  /* the path as the user gave it */
	char *root;    /* directory that holds pack.json */
	char *tmpdir;  /* extraction directory, or NULL for a directory pack */
	const char *format; /* "directory", "tar", "tar.gz", "tar.xz", "tar.zst", "zip" */
	char digest[7 + 64 + 1]; /* "sha256:" + hex of the canonical content */
};

/* Open path. Returns 0 and fills *out, or RR_EXIT_INVALID (bad pack: the
 * diagnostics name the file and the problem) or RR_EXIT_INTERNAL (I/O
 * failure of our own), with nothing left behind.
 *
 * The digest is the same for a directory and for any archive of it:
 * sha256 over every regular file in byte-wise sorted path order of
 * "<path>\0<size in decimal>\0<content>". Directories and modes do not
 * count. */
int pack_open(const char *path, struct pack *out, struct diag_list *d);

/* Release everything pack_open made, removing the extraction directory. */
void pack_close(struct pack *p);

/* Compute the canonical digest of a directory tree (see pack_open).
 * Returns 0 or -errno. */
int pack_digest_dir(const char *root, char out[7 + 64 + 1]);

/* Write a reproducible archive of the pack directory dir to out_path
 * (atomically; "-" streams it to stdout). format is one of "tar", "tar.gz", "tar.xz", "tar.zst",
 * "zip". Entries are sorted, owner/group are 0/0 with empty names, mtime is
 * 0 (or $SOURCE_DATE_EPOCH), modes are 0644/0755 for files (by the owner
 * execute bit) and 0755 for directories; entries live under "<top>/" where
 * top is the pack id. Paths listed in exclude (pack-relative directories or
 * files) are left out. pack_json, when not NULL, is stored as the
 * archive's pack.json instead of the file's content (a learner edition's,
 * which names no excluded path). Two runs give byte-identical files.
 * Returns 0, RR_EXIT_INVALID or RR_EXIT_INTERNAL with diagnostics. */
int pack_write_archive(const char *dir, const char *top, const char *out_path,
		       const char *format, const char *const *exclude,
		       const char *pack_json, struct diag_list *d);

/* The pack.json of the learner edition of the manifest text: each
 * exercise's solution, wrong and accept paths removed and "edition":
 * "learner" added. NULL when text is not a JSON object. Caller frees. */
char *pack_learner_manifest(const char *text, size_t len);

#endif
