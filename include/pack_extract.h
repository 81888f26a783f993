/*
 * pack_extract.h - hostile-input-safe extraction of a pack archive with
 * libarchive (used by pack_open; see pack.h for the policy).
 */
#ifndef PACK_EXTRACT_H
#define PACK_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"

/* The caps extraction enforces. They start as PACK_MAX_BYTES,
 * PACK_MAX_ENTRIES and PACK_MAX_PATH; only unit tests lower them (so a bomb
 * test needs megabytes, not gigabytes). */
struct pack_extract_limits {
	int64_t max_bytes;   /* total uncompressed bytes of all entries */
	long max_entries;    /* archive entries, directories included */
	size_t max_path;     /* bytes of one entry's name */
	int max_depth;       /* directory levels of one entry's name */
};

/* Deeper trees are refused: nothing legitimate nests this far, and every
 * tree walk (removal, digest, copy) stays well inside its own bound. */
#define PACK_MAX_DEPTH 64
extern struct pack_extract_limits pack_extract_limits;

/* Extract the archive at path into dest, an existing empty directory.
 * The format is detected from the content; on success *format points at a
 * static name ("tar", "tar.gz", "tar.xz", "tar.zst", "tar.bz2", "zip").
 * Returns 0, RR_EXIT_INVALID (not an archive, corrupt, or an entry refused:
 * each diagnostic names the entry and the reason) or RR_EXIT_INTERNAL
 * (our own I/O failed). On failure dest may hold a partial tree; nothing
 * is ever written outside dest. */
int pack_extract(const char *path, const char *dest, const char **format,
		 struct diag_list *d);

#endif
