/*
 * pack_cmd.c - "roadmap-run pack DIR -o FILE": validate a pack, then write
 * it as a reproducible archive (pack_write_archive). --learner leaves out
 * every exercise's solution, wrong and accepted solutions, which the pack format
 * lets learner archives omit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command_table.h"
#include "commands.h"
#include "loaded_pack.h"
#include "pack.h"
#include "roadmap.h"
#include "util.h"

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

int pack_parse_args(int argc, char **argv, struct pack_args *p)
{
	struct cli_args a;
	int c;
	memset(p, 0, sizeof(*p));
	cli_begin(&a, "pack", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		switch (c) {
		case 'o': p->out = a.value; break;
		case 'f': p->format = a.value; break; /* one of the table's choices */
		case 'l': p->learner = true; break;
		}
	}
	if (c == CLI_STOP)
		return a.status;
	p->quiet = a.quiet;
	if (!p->out)
		return cli_usage_error(a.cmd, "missing -o FILE (or -o - for stdout)");
	/* An archive is bytes, not text: never sprayed on a terminal. */
	if (strcmp(p->out, "-") == 0 && isatty(STDOUT_FILENO))
		return cli_usage_error(a.cmd, "-o - writes the archive to stdout, which is a terminal; "
				       "redirect it to a file or a pipe");
	if (!p->format)
		p->format = strcmp(p->out, "-") == 0 ? "tar.gz" : format_from_suffix(p->out);
	p->dir = a.pos[0];
	return -1;
}

int cmd_pack(int argc, char **argv)
{
	struct pack_args args;
	int r = pack_parse_args(argc, argv, &args);
	if (r >= 0)
		return r;
	const char *out = args.out, *format = args.format;
	bool learner = args.learner, quiet = args.quiet;
	const char *dir = args.dir;
	struct loaded_pack lp;

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
	/* The learner edition's pack.json names none of what it leaves out. */
	char *learner_json = NULL;
	if (learner) {
		char *text = NULL;
		size_t len = 0;
		char *path = util_path_join(lp.pack.root, "pack.json");
		if (util_read_regular_file(path, 4u << 20, &text, &len) == 0)
			learner_json = pack_learner_manifest(text, len);
		free(text);
		free(path);
		if (!learner_json) {
			fprintf(stderr, "roadmap-run pack: cannot read '%s/pack.json' again\n",
				util_esc(dir));
			free(exclude);
			loaded_pack_close(&lp);
			return RR_EXIT_INTERNAL;
		}
	}
	r = pack_write_archive(lp.pack.root, lp.m.id, out, format, exclude, learner_json, &d);
	free(learner_json);
	char *subject = xasprintf("pack '%s'", dir);
	diag_print(&d, stderr, subject);
	free(subject);
	diag_clear(&d);
	if (!r && !quiet && strcmp(out, "-") == 0) {
		fprintf(stderr, "wrote the archive to stdout: %s %s, %s%s\n", util_esc(lp.m.id),
			util_esc(lp.m.version), format, learner ? ", learner edition (no solutions)" : "");
	} else if (!r && !quiet) {
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
