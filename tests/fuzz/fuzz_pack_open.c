/*
 * fuzz_pack_open.c - libFuzzer harness for pack_open on an archive (tar,
 * tar.gz/xz/zst/bz2, zip, or garbage), then manifest_load on what it
 * extracted, as every command does.
 *
 * The input is written to a file in a private directory that is also
 * $TMPDIR, so the extraction directory lands there too. Properties: the
 * result is 0, RR_EXIT_INVALID or RR_EXIT_INTERNAL with a diagnostic on
 * failure; the pack's root lies inside its extraction directory; after
 * pack_close nothing but the input file is left in the private directory
 * (no extraction left behind, nothing written beside it) and the working
 * directory is the one before (extraction chdirs into its destination).
 * The caps are lowered so a bomb costs megabytes, not the default 256 MiB.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "manifest.h"
#include "pack.h"
#include "pack_extract.h"
#include "roadmap.h"
#include "util.h"

static char fpo_dir[PATH_MAX], fpo_input[PATH_MAX + 16];

static void fpo_setup(void)
{
	const char *base = getenv("FUZZ_TMPDIR");
	if (!base)
		base = getenv("TMPDIR");
	if (!base || base[0] != '/')
		base = "/tmp";
	snprintf(fpo_dir, sizeof(fpo_dir), "%s/fuzz-pack-open.XXXXXX", base);
	if (!mkdtemp(fpo_dir))
		abort();
	snprintf(fpo_input, sizeof(fpo_input), "%s/input", fpo_dir);
	setenv("TMPDIR", fpo_dir, 1);
	pack_extract_limits.max_bytes = 4L << 20;
	pack_extract_limits.max_entries = 500;
}

/* Number of entries in the private directory besides "input". */
static int fpo_leftovers(void)
{
	DIR *dir = opendir(fpo_dir);
	struct dirent *e;
	int n = 0;
	if (!dir)
		abort();
	while ((e = readdir(dir)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "input");
	closedir(dir);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char cwd[PATH_MAX], cwd2[PATH_MAX];
	if (!fpo_dir[0])
		fpo_setup();
	int fd = open(fpo_input, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) || close(fd) < 0)
		abort();
	if (!getcwd(cwd, sizeof(cwd)))
		abort();

	struct pack p;
	struct diag_list d = DIAG_LIST_INIT;
	int r = pack_open(fpo_input, &p, &d);
	if (r == 0) {
		if (!p.tmpdir || strncmp(p.root, p.tmpdir, strlen(p.tmpdir)) != 0 ||
		    strncmp(p.digest, "sha256:", 7) != 0 || !p.format)
			abort();
		struct pack_manifest m;
		if (manifest_load(p.root, &m, &d) == 0)
			manifest_free(&m);
		pack_close(&p);
	} else if ((r != RR_EXIT_INVALID && r != RR_EXIT_INTERNAL) || diag_errors(&d) == 0) {
		abort();
	}
	if (!getcwd(cwd2, sizeof(cwd2)) || strcmp(cwd, cwd2) != 0)
		abort();
	if (fpo_leftovers() != 0)
		abort();
	diag_clear(&d);
	return 0;
}
