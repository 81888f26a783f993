/*
 * pack_cmd.c - "roadmap-run pack DIR -o FILE": validate a pack, then write
 * it as a reproducible archive (pack_write_archive). --learner leaves out
 * every exercise's solution, wrong and accepted solutions, which the pack format
 * lets learner archives omit.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "loaded_pack.h"
#include "pack.h"
#include "roadmap.h"
#include "util.h"

static const char pack_usage[] =
	"usage: roadmap-run pack DIR -o FILE [--format tar|tar.gz|tar.xz|tar.zst|zip] [--learner] [--quiet]\n";

static const char pack_help[] =
	"Validate the pack in DIR (a directory, or an archive of one) and write it\n"
	"to FILE as a reproducible archive: entries sorted, owner 0/0, mtime 0 (or\n"
	"$SOURCE_DATE_EPOCH), modes 0644/0755. Two runs give identical bytes.\n"
	"\n"
	"  -o, --output FILE   the archive to write (atomically: temporary file, rename)\n"
	"  --format FORMAT     tar, tar.gz, tar.xz, tar.zst or zip; by default taken from\n"
	"                      FILE's suffix (.tar, .tar.gz/.tgz, .tar.xz/.txz,\n"
	"                      .tar.zst/.tzst, .zip), else tar.gz\n"
	"  --learner           leave out each exercise's solution, wrong and accept directories\n"
	"  --quiet             print nothing on success\n"
	"  -h, --help          show this help\n"
	"\n"
	"Exit status: 0 written, 2 usage error, 3 invalid pack, 4 could not write.\n";

static const struct {
	const char *suffix, *format;
} suffixes[] = {
	{ ".tar.gz", "tar.gz" }, { ".tgz", "tar.gz" },
	{ ".tar.xz", "tar.xz" }, { ".txz", "tar.xz" },
	{ ".tar.zst", "tar.zst" }, { ".tzst", "tar.zst" },
	{ ".tar", "tar" }, { ".zip", "zip" },
};

static const char *format_from_suffix(const char *file)
{
	size_t n = strlen(file);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t k = strlen(suffixes[i].suffix);
		if (n > k && strcmp(file + n - k, suffixes[i].suffix) == 0)
			return suffixes[i].format;
	}
	return "tar.gz";
}

static bool known_format(const char *f)
{
	return !strcmp(f, "tar") || !strcmp(f, "tar.gz") || !strcmp(f, "tar.xz") ||
	       !strcmp(f, "tar.zst") || !strcmp(f, "zip");
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "roadmap-run pack: ");
	fprintf(stderr, fmt, util_esc(arg)); /* arg is the user's or a file's text */
	fprintf(stderr, "\n%s", pack_usage);
	return RR_EXIT_USAGE;
}

int cmd_pack(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "learner", no_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *format = NULL;
	bool learner = false, quiet = false;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:hq", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'f': format = optarg; break;
		case 'l': learner = true; break;
		case 'q': quiet = true; break;
		case 'h':
			printf("%s\n%s", pack_usage, pack_help);
			return 0;
		case ':':
			return usage_error("option needs a value: '%s'", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return usage_error(argc - optind ? "expected one DIR, got '%s' and more"
						 : "expected a pack DIR%s",
				   argc - optind ? argv[optind + 1] : "");
	if (!out || !*out)
		return usage_error("missing -o FILE%s", "");
	if (format && !known_format(format))
		return usage_error("unknown format '%s' (tar, tar.gz, tar.xz, tar.zst, zip)", format);
	if (!format)
		format = format_from_suffix(out);

	const char *dir = argv[optind];
	struct loaded_pack lp;
	int r;

	util_install_cleanup_handlers();
	if ((r = loaded_pack_open(dir, &lp)))
		return r;

	/* Exclusions: each exercise's solution, wrong and accept directories,
	 * in every track (not only the selected one). */
	size_t ndefs = 0;
	for (size_t i = 0; i < lp.m.n_all; i++)
		ndefs += lp.m.all[i].n_defs;
	const char **exclude = xcalloc(3 * ndefs + 1, sizeof(*exclude));
	size_t nx = 0;
	for (size_t i = 0; learner && i < lp.m.n_all; i++) {
		for (size_t k = 0; k < lp.m.all[i].n_defs; k++) {
			const struct exercise_def *e = &lp.m.all[i].defs[k];
			if (e->solution)
				exclude[nx++] = e->solution;
			if (e->wrong)
				exclude[nx++] = e->wrong;
			if (e->accept)
				exclude[nx++] = e->accept;
		}
	}

	struct diag_list d = DIAG_LIST_INIT;
	r = pack_write_archive(lp.pack.root, lp.m.id, out, format, exclude, &d);
	char *subject = xasprintf("pack '%s'", dir);
	diag_print(&d, stderr, subject);
	free(subject);
	diag_clear(&d);
	if (!r && !quiet) {
		struct stat st;
		long long size = stat(out, &st) == 0 ? (long long)st.st_size : -1;
		printf("wrote '%s': %s %s, %s%s, %lld bytes\n", util_esc(out), util_esc(lp.m.id),
		       util_esc(lp.m.version),
		       format, learner ? ", learner edition (no solutions)" : "", size);
	}
	free(exclude);
	loaded_pack_close(&lp);
	return r;
}
