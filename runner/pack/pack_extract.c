/*
 * pack_extract.c - extract a pack archive that may be hostile.
 *
 * Threat model: the archive comes from anyone (a downloaded pack, a CI
 * artefact). Extraction runs with the grader's privileges, often root. So:
 * - every entry is checked before libarchive sees it: only regular files
 *   and directories; no links of either kind, devices, FIFOs or sockets;
 *   no absolute path and no ".." component; no name longer than the cap;
 *   no entry that would replace an earlier one or turn a file into a
 *   directory's parent (libarchive would silently unlink the file);
 * - archive_write_disk additionally gets the SECURE_* flags and never
 *   OWNER/PERM/ACL/XATTR/FFLAGS (PERM would restore setuid bits), and the
 *   mode is rewritten to 0644/0755 before the header is written;
 * - bytes are counted per data block, with holes of sparse entries
 *   included, and a declared size is checked before any data is read, so
 *   a gzip bomb fails at its first header instead of filling the disk;
 * - only in-process decompressors are enabled: archive_read_support_filter_all
 *   would also enable lrzip/lzop/grzip, which run external programs on
 *   the hostile bytes.
 * archive_write_disk resolves names against the current directory (and
 * SECURE_NOABSOLUTEPATHS forbids anchoring them elsewhere), so extraction
 * runs with the cwd in dest and umask 022, both restored afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_dl.h"
#include "pack.h"
#include "pack_extract.h"
#include "roadmap.h"
#include "util.h"

struct pack_extract_limits pack_extract_limits = {
	.max_bytes = PACK_MAX_BYTES,
	.max_entries = PACK_MAX_ENTRIES,
	.max_path = PACK_MAX_PATH,
	.max_depth = PACK_MAX_DEPTH,
};

#define SUPPORTED "tar, tar.gz, tar.xz, tar.zst, zip"
/* libarchive's "unrecognized format" errno (archive_private.h: EFTYPE where
 * it exists, else EILSEQ, as on Linux). */
#ifdef EFTYPE
#define ERRNO_FILE_FORMAT EFTYPE
#else
#define ERRNO_FILE_FORMAT EILSEQ
#endif
#define NEITHER "'%s' is neither a directory with pack.json nor a supported archive (" SUPPORTED ")"

/* ---- names seen so far: path -> 'd' (directory) or 'f' (file) ---- */

struct seen {
	char **keys;
	char *types;
	size_t cap, n;
};

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t seen_slot(const struct seen *s, const char *key, size_t n)
{
	size_t i = (size_t)hash_str(key, n) & (s->cap - 1);
	while (s->keys[i] && !(strncmp(s->keys[i], key, n) == 0 && s->keys[i][n] == '\0'))
		i = (i + 1) & (s->cap - 1);
	return i;
}

/* The type recorded for the first n bytes of key, or 0. */
static char seen_get(const struct seen *s, const char *key, size_t n)
{
	if (!s->cap)
		return 0;
	size_t i = seen_slot(s, key, n);
	return s->keys[i] ? s->types[i] : 0;
}

static void seen_put(struct seen *s, const char *key, size_t n, char type)
{
	if (2 * (s->n + 1) > s->cap) {
		struct seen bigger = { NULL, NULL, s->cap ? 2 * s->cap : 256, 0 };
		bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
		bigger.types = xcalloc(bigger.cap, 1);
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->keys[i])
				continue;
			size_t j = seen_slot(&bigger, s->keys[i], strlen(s->keys[i]));
			bigger.keys[j] = s->keys[i];
			bigger.types[j] = s->types[i];
			bigger.n++;
		}
		free(s->keys);
		free(s->types);
		*s = bigger;
	}
	size_t i = seen_slot(s, key, n);
	if (!s->keys[i]) {
		s->keys[i] = xstrndup(key, n);
		s->n++;
	}
	s->types[i] = type;
}

static void seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->types);
}

/* ---- entry names ---- */

/* A hostile name may carry terminal escapes: show it with control bytes
 * replaced and cut to a readable length. */
static void shown(const char *raw, char *buf, size_t size)
{
	size_t i = 0, max = size - 4;
	for (; raw[i] && i < max; i++)
		buf[i] = ((unsigned char)raw[i] < 0x20 || raw[i] == 0x7f) ? '?' : raw[i];
	if (raw[i]) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
}

/* Normalise an entry name ("./a//b/" -> "a/b"). Returns NULL and sets
 * *why when the name is refused; "" for the archive's root directory. */
static char *normalize(const char *raw, const char **why)
{
	struct strbuf sb = STRBUF_INIT;

	if (raw[0] == '/') {
		*why = "absolute paths are not allowed";
		return NULL;
	}
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*why = "name contains a control character";
			return NULL;
		}
	}
	for (const char *c = raw; *c;) {
		size_t n = strcspn(c, "/");
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			strbuf_release(&sb);
			*why = "path escapes the pack";
			return NULL;
		}
		if (n > 0 && !(n == 1 && c[0] == '.')) {
			if (sb.len)
				strbuf_addstr(&sb, "/");
			strbuf_add(&sb, c, n);
		}
		c += n;
		while (*c == '/')
			c++;
	}
	return strbuf_detach(&sb);
}

static const char *type_name(mode_t type)
{
	switch (type) {
	case AE_IFLNK: return "symbolic links are not allowed";
	case AE_IFCHR: return "character devices are not allowed";
	case AE_IFBLK: return "block devices are not allowed";
	case AE_IFIFO: return "FIFOs are not allowed";
	case AE_IFSOCK: return "sockets are not allowed";
	default: return "unsupported entry type";
	}
}

/* "tar.gz" etc. from the detected format and filter chain; NULL when the
 * combination is not one we support. */
static const char *archive_kind_name(struct archive *a)
{
	int base = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
	int nfilters = archive_filter_count(a);
	int code = ARCHIVE_FILTER_NONE;

	/* The last filter is the "none" pass-through reading the file. */
	for (int i = 0; i < nfilters; i++) {
		int c = archive_filter_code(a, i);
		if (c == ARCHIVE_FILTER_NONE)
			continue;
		if (code != ARCHIVE_FILTER_NONE)
			return NULL; /* nested compression */
		code = c;
	}
	if (base == ARCHIVE_FORMAT_ZIP)
		return code == ARCHIVE_FILTER_NONE ? "zip" : NULL;
	if (base != ARCHIVE_FORMAT_TAR)
		return NULL;
	switch (code) {
	case ARCHIVE_FILTER_NONE: return "tar";
	case ARCHIVE_FILTER_GZIP: return "tar.gz";
	case ARCHIVE_FILTER_XZ: return "tar.xz";
	case ARCHIVE_FILTER_ZSTD: return "tar.zst";
	case ARCHIVE_FILTER_BZIP2: return "tar.bz2";
	default: return NULL;
	}
}

static bool io_errno(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EIO || e == EROFS || e == ENOMEM ||
	       e == EMFILE || e == ENFILE;
}

/* ARCHIVE_RETRY (-10) sorts above ARCHIVE_WARN (-20) but means the entry
 * was damaged (e.g. a tar header checksum): for hostile input it is fatal. */
#define FAILED(r) ((r) < ARCHIVE_WARN || (r) == ARCHIVE_RETRY)

#define MIB(x) ((double)(x) / (1024.0 * 1024.0))

int pack_extract(const char *path, const char *dest, const char **format,
		 struct diag_list *d)
{
	const struct pack_extract_limits lim = pack_extract_limits;
	struct archive *a = NULL, *ext = NULL;
	struct archive_entry *e;
	struct seen seen = { NULL, NULL, 0, 0 };
	char show[160];
	char *name = NULL;
	int64_t total = 0;
	long entries = 0;
	int ret = RR_EXIT_INTERNAL, cwd = -1;
	mode_t old_umask = 0;
	bool in_dest = false;

	*format = NULL;
	char dl_why[300];
	if (archive_dl_load(dl_why, sizeof(dl_why)) < 0) {
		diag_add(d, DIAG_ERROR, path, NULL, 0, 0, "%s", dl_why);
		return RR_EXIT_INTERNAL;
	}
	a = archive_read_new();
	ext = archive_write_disk_new();
	if (!a || !ext) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "out of memory");
		goto out;
	}
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_zip(a);
	archive_write_disk_set_options(ext, ARCHIVE_EXTRACT_SECURE_NODOTDOT |
				       ARCHIVE_EXTRACT_SECURE_SYMLINKS |
				       ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS |
				       ARCHIVE_EXTRACT_NO_OVERWRITE);

	/* Opening already reads the start and bids for a format. */
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		int e0 = archive_errno(a);
		if (e0 == ERRNO_FILE_FORMAT)
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, NEITHER, path);
		else if (e0 > 0)
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot read '%s': %s", path,
				 strerror(e0));
		else
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "'%s' is truncated or corrupt: %s",
				 path, archive_error_string(a));
		ret = io_errno(e0) ? RR_EXIT_INTERNAL : RR_EXIT_INVALID;
		goto out;
	}

	cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cwd < 0 || chdir(dest) < 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot enter '%s': %s", dest,
			 strerror(errno));
		goto out;
	}
	in_dest = true;
	old_umask = umask(022);

	for (;;) {
		int r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (!*format && !FAILED(r)) {
			*format = archive_kind_name(a);
			if (!*format) {
				diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
					 "'%s' is a %s archive, which is not supported (" SUPPORTED ")",
					 path, archive_format_name(a));
				ret = RR_EXIT_INVALID;
				goto out;
			}
		}
		if (FAILED(r)) {
			if (entries == 0 && !(archive_format(a) & ARCHIVE_FORMAT_BASE_MASK))
				diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, NEITHER, path);
			else
				diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
					 "'%s' is truncated or corrupt after %ld entries: %s",
					 path, entries, archive_error_string(a));
			ret = RR_EXIT_INVALID;
			goto out;
		}
		entries++;
		const char *raw = archive_entry_pathname(e);
		if (!raw) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 "entry #%ld: name cannot be decoded", entries);
			ret = RR_EXIT_INVALID;
			goto out;
		}
		shown(raw, show, sizeof(show));
		if (entries > lim.max_entries) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 "entry '%s': more than %ld entries in the archive", show,
				 lim.max_entries);
			ret = RR_EXIT_INVALID;
			goto out;
		}
		if (strlen(raw) > lim.max_path) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 "entry '%s': name longer than %zu bytes", show, lim.max_path);
			ret = RR_EXIT_INVALID;
			goto out;
		}
		const char *why = NULL;
		free(name);
		name = normalize(raw, &why);
		if (!name) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "entry '%s': %s", show, why);
			ret = RR_EXIT_INVALID;
			goto out;
		}
		int depth = 1;
		for (const char *c = name; (c = strchr(c, '/')); c++)
			depth++;
		if (depth > lim.max_depth) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 "entry '%s': nested deeper than %d directories", show, lim.max_depth);
			ret = RR_EXIT_INVALID;
			goto out;
		}
		/* Link entries may carry a regular-file type (tar hard links),
		 * so test the link fields before the type. */
		if (archive_entry_hardlink(e)) {
			shown(archive_entry_hardlink(e), show + 80, sizeof(show) - 80);
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 "entry '%.70s': hard links are not allowed (to '%s')", show, show + 80);
			ret = RR_EXIT_INVALID;
			goto out;
		}
		mode_t type = archive_entry_filetype(e);
		if (archive_entry_symlink(e) || (type != AE_IFREG && type != AE_IFDIR)) {
			if (archive_entry_symlink(e)) {
				shown(archive_entry_symlink(e), show + 80, sizeof(show) - 80);
				diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
					 "entry '%.70s': symbolic links are not allowed (to '%s')",
					 show, show + 80);
			} else {
				diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "entry '%s': %s", show,
					 type_name(type));
			}
			ret = RR_EXIT_INVALID;
			goto out;
		}
		bool is_dir = type == AE_IFDIR;
		if (!*name) {
			if (is_dir)
				continue; /* "./": the root itself */
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "entry '%s': not a file name", show);
			ret = RR_EXIT_INVALID;
			goto out;
		}

		/* Every parent must be (or become) a directory, never a file
		 * seen earlier: libarchive would unlink that file to make room. */
		for (const char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
			size_t n = (size_t)(slash - name);
			char t = seen_get(&seen, name, n);
			if (t == 'f') {
				diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
					 "entry '%s': its parent '%.*s' is a file earlier in the archive",
					 show, (int)n, name);
				ret = RR_EXIT_INVALID;
				goto out;
			}
			if (!t)
				seen_put(&seen, name, n, 'd');
		}
		char before = seen_get(&seen, name, strlen(name));
		if (before && !(before == 'd' && is_dir)) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 before == 'd' ? "entry '%s': would turn a directory into a file"
					       : "entry '%s': appears twice in the archive", show);
			ret = RR_EXIT_INVALID;
			goto out;
		}
		seen_put(&seen, name, strlen(name), is_dir ? 'd' : 'f');

		int64_t declared = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
		if (!is_dir && declared > lim.max_bytes - total) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
				 "entry '%s': %.1f MiB would take the pack over its limit of %.0f MiB",
				 show, MIB(declared), MIB(lim.max_bytes));
			ret = RR_EXIT_INVALID;
			goto out;
		}

		/* Rewrite what reaches the disk: the clean name, a plain mode,
		 * nothing that names owners. */
		archive_entry_set_pathname(e, name);
		archive_entry_set_perm(e, is_dir ? 0755 :
				       (archive_entry_perm(e) & 0100) ? 0755 : 0644);
		archive_entry_set_uid(e, 0);
		archive_entry_set_gid(e, 0);
		archive_entry_set_uname(e, NULL);
		archive_entry_set_gname(e, NULL);
		if (is_dir)
			archive_entry_unset_size(e);

		r = archive_write_header(ext, e);
		if (FAILED(r)) {
			int e0 = archive_errno(ext);
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "entry '%s': cannot extract: %s",
				 show, archive_error_string(ext));
			ret = io_errno(e0) ? RR_EXIT_INTERNAL : RR_EXIT_INVALID;
			goto out;
		}
		if (!is_dir) {
			int64_t end = 0;
			for (;;) {
				const void *buf;
				size_t size;
				la_int64_t offset;
				r = archive_read_data_block(a, &buf, &size, &offset);
				if (r == ARCHIVE_EOF)
					break;
				/* A warning here is a failed check, e.g. a zip
				 * member's CRC: the data is wrong, not suspicious. */
				if (r != ARCHIVE_OK) {
					diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
						 "entry '%s': '%s' is truncated or corrupt: %s",
						 show, path, archive_error_string(a));
					ret = RR_EXIT_INVALID;
					goto out;
				}
				/* Holes count: they become file size on disk. */
				if (offset < 0 || (int64_t)size > lim.max_bytes ||
				    offset > lim.max_bytes - (int64_t)size ||
				    total + offset + (int64_t)size > lim.max_bytes) {
					diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
						 "entry '%s': the pack's content exceeds its limit of %.0f MiB",
						 show, MIB(lim.max_bytes));
					ret = RR_EXIT_INVALID;
					goto out;
				}
				if (offset + (int64_t)size > end)
					end = offset + (int64_t)size;
				if (FAILED(archive_write_data_block(ext, buf, size, offset))) {
					int e0 = archive_errno(ext);
					diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
						 "entry '%s': cannot write: %s", show,
						 archive_error_string(ext));
					ret = io_errno(e0) ? RR_EXIT_INTERNAL : RR_EXIT_INVALID;
					goto out;
				}
			}
			/* A declared size beyond the data is a trailing hole that
			 * finish_entry will extend the file to. */
			total += end > declared ? end : declared;
		}
		if (FAILED(archive_write_finish_entry(ext))) {
			int e0 = archive_errno(ext);
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "entry '%s': cannot finish: %s",
				 show, archive_error_string(ext));
			ret = io_errno(e0) ? RR_EXIT_INTERNAL : RR_EXIT_INVALID;
			goto out;
		}
	}
	if (!*format)
		*format = archive_kind_name(a);
	if (!*format) {
		/* An archive with no entry at all still has a detected format;
		 * this is only reached for formats we do not name. */
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, NEITHER, path);
		ret = RR_EXIT_INVALID;
		goto out;
	}
	if (archive_write_close(ext) != ARCHIVE_OK) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "cannot finish extracting '%s': %s",
			 path, archive_error_string(ext));
		goto out;
	}
	ret = 0;
out:
	if (ext)
		archive_write_free(ext);
	if (a)
		archive_read_free(a);
	if (in_dest) {
		umask(old_umask);
		if (fchdir(cwd) < 0) {
			/* The caller's cwd vanished; stay in dest rather than die. */
		}
	}
	if (cwd >= 0)
		close(cwd);
	free(name);
	seen_free(&seen);
	return ret;
}
