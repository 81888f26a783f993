/*
 * learner_cmds.c - the small commands around a pack: list what it holds,
 * create a workspace, show an exercise's prompt, and give hints one at a
 * time (counted, because the report carries hints_used).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "command_table.h"
#include "commands.h"
#include "grade.h"
#include "loaded_pack.h"
#include "pathsafe.h"
#include "roadmap.h"
#include "summary.h"
#include "util.h"
#include "workspace.h"

/* The arguments of a small command: its positionals in a->pos, --track,
 * and --workspace where it takes one. Returns -1 to go on, or an exit
 * status. */
static int parse_simple(const char *name, int argc, char **argv, struct cli_args *a,
			const char **workspace, const char **track)
{
	int c;
	cli_begin(a, name, argc, argv);
	while ((c = cli_next(a)) > 0) {
		if (c == 'w' && workspace)
			*workspace = a->value;
		else if (c == 't')
			*track = a->value;
	}
	return c == CLI_STOP ? a->status : -1;
}

/* "python, javascript": the tracks exercise x has. */
static void list_print_tracks(const struct exercise_tracks *x)
{
	for (size_t k = 0; k < x->n_defs; k++)
		printf("%s%s", k ? ", " : "", x->defs[k].track);
}

/* The number of sub-directories of the pack-relative directory rel (wrong/
 * or accept/), 0 when it is NULL or absent. */
static int list_count_dirs(const char *root, const char *rel)
{
	if (!rel)
		return 0;
	char *dir = util_path_join(root, rel);
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = util_path_join(dir, e->d_name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			n++;
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
	return n;
}

int cmd_list(int argc, char **argv)
{
	const char *track = NULL;
	struct cli_args a;
	int r = parse_simple("list", argc, argv, &a, NULL, &track);
	if (r >= 0)
		return r;
	struct loaded_pack lp;
	util_install_cleanup_handlers();
	if ((r = loaded_pack_open(a.pos[0], &lp)))
		return r;
	if ((r = loaded_pack_select_track(&lp, "list", track))) {
		loaded_pack_close(&lp);
		return r;
	}
	const struct pack_manifest *m = &lp.m;
	/* Titles, the summary and hints are the pack's text: printed with
	 * control characters escaped (util_fputs_clean). The version is
	 * checked to be MAJOR.MINOR.PATCH only up to its suffix. */
	printf("%s ", util_esc(m->id));
	util_fputs_clean(stdout, m->version, false);
	fputs(": ", stdout);
	util_fputs_clean(stdout, m->title, false);
	printf(" (stage %d)\n", m->stage);
	if (m->summary) {
		util_fputs_clean(stdout, m->summary, true);
		fputc('\n', stdout);
	}
	printf("digest %s\n", lp.pack.digest);
	printf("tracks:");
	for (size_t i = 0; i < m->n_tracks; i++)
		printf("%s %s%s", i ? "," : "", m->tracks[i], i == 0 ? " (default)" : "");
	printf("; listing the %s track\n\n", m->track);
	int total = 0;
	for (size_t i = 0; i < m->n_exercises; i++) {
		const struct exercise_def *e = &m->exercises[i];
		printf("%-24s %3d points  ", util_esc(e->id), e->max_score);
		util_fputs_clean(stdout, e->title, false);
		fputc('\n', stdout);
		for (size_t j = 0; j < e->n_checks; j++) {
			const struct check_def *c = &e->checks[j];
			printf("    %-30s %3d  %-6s %gs%s%s\n", util_esc(c->id), c->points,
			       manifest_check_kind_name(c->kind), c->limits.timeout,
			       c->hidden ? "  hidden" : "", c->network == CHECK_NET_LOOPBACK ? "  loopback" : "");
		}
		/* What validate proves the checks against (absent from learner archives). */
		int nw = list_count_dirs(lp.pack.root, e->wrong), na = list_count_dirs(lp.pack.root, e->accept);
		if (nw || na)
			printf("    validated against %d wrong solution%s and %d accepted alternative%s\n", nw,
			       nw == 1 ? "" : "s", na, na == 1 ? "" : "s");
		if (m->n_tracks > 1)
			for (size_t k = 0; k < m->n_all; k++)
				if (strcmp(m->all[k].defs[0].id, e->id) == 0) {
					printf("    tracks: ");
					list_print_tracks(&m->all[k]);
					putchar('\n');
				}
		total += e->max_score;
	}
	for (size_t i = 0; i < m->n_off_track; i++) {
		printf("%-24s   -         not in this track: ", util_esc(m->off_track[i].id));
		util_fputs_clean(stdout, m->off_track[i].title, false);
		fputc('\n', stdout);
	}
	int nq = m->quiz ? cJSON_GetArraySize(m->quiz) : 0;
	printf("\nquiz: %d question%s, %d points\n", nq, nq == 1 ? "" : "s", m->quiz_max_score);
	printf("total: %d points\n", total + m->quiz_max_score);
	loaded_pack_close(&lp);
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const char *track = NULL;
	struct cli_args a;
	int r = parse_simple("init", argc, argv, &a, NULL, &track);
	if (r >= 0)
		return r;
	struct loaded_pack lp;
	util_install_cleanup_handlers();
	if ((r = loaded_pack_open(a.pos[0], &lp)))
		return r;
	struct workspace ws;
	if (workspace_locate(&ws, a.n_pos == 2 ? a.pos[1] : NULL, lp.m.id) < 0) {
		fprintf(stderr, "roadmap-run init: cannot find your home directory; give DIR\n");
		loaded_pack_close(&lp);
		return RR_EXIT_INTERNAL;
	}
	int created = 0;
	r = workspace_select_track(&lp, &ws, "init", track);
	if (!r)
		r = workspace_ensure(&lp, &ws, &created);
	if (!r)
		r = workspace_record_track(&lp, &ws);
	if (!r && !a.quiet) {
		printf("%s: %s (track %s)\n", created ? "created workspace" : "workspace already exists, left as it is",
		       util_esc(ws.path), lp.m.track);
		loaded_pack_print_off_track(&lp, stdout);
	}
	workspace_release(&ws);
	loaded_pack_close(&lp);
	return r;
}

int cmd_hint(int argc, char **argv)
{
	const char *workspace = NULL, *track = NULL;
	struct cli_args a;
	int r = parse_simple("hint", argc, argv, &a, &workspace, &track);
	if (r >= 0)
		return r;
	struct loaded_pack lp;
	util_install_cleanup_handlers();
	if ((r = loaded_pack_open(a.pos[0], &lp)))
		return r;
	const char *id = a.pos[1];
	const struct exercise_def *ex = NULL;
	struct workspace ws = { 0 };
	char *rel = NULL, *path = NULL, *failed = NULL, *text = NULL;
	cJSON *j = NULL;
	if (workspace_locate(&ws, workspace, lp.m.id) < 0) {
		fprintf(stderr, "roadmap-run hint: cannot find your home directory; give --workspace DIR\n");
		r = RR_EXIT_INTERNAL;
		goto out;
	}
	if ((r = workspace_select_track(&lp, &ws, "hint", track)))
		goto out;
	if (!(ex = manifest_find_exercise(&lp.m, id))) {
		loaded_pack_no_exercise(&lp, "hint", id);
		r = RR_EXIT_USAGE;
		goto out;
	}
	if (ex->n_hints == 0) {
		printf("'%s' has no hints.\n", util_esc(id));
		r = 0;
		goto out;
	}
	rel = workspace_rel(&ws, ".roadmap-run/hints.json");
	path = util_path_join(ws.anchor, rel);
	int used = grade_hints_used(ws.path, id);
	size_t len;
	if (util_read_regular_file(path, 65536, &text, &len) == 0)
		j = cJSON_ParseWithLength(text, len);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		j = cJSON_CreateObject();
	}
	if ((size_t)used >= ex->n_hints) {
		printf("No more hints for '%s'. All %zu:\n", util_esc(id), ex->n_hints);
		for (size_t i = 0; i < ex->n_hints; i++) {
			printf("  %zu. ", i + 1);
			util_fputs_clean(stdout, ex->hints[i], true);
			fputc('\n', stdout);
		}
		r = 0;
		goto out;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(j, id);
	cJSON_AddNumberToObject(j, id, used + 1);
	char *out = cJSON_Print(j);
	/* Recorded before it is shown: a hint that cannot be counted (a link
	 * planted in the way) is not shown. */
	int w = pathsafe_write_below(ws.anchor, rel, out, strlen(out), &failed);
	cJSON_free(out);
	if (w == 0) {
		printf("hint %d of %zu for '%s': ", used + 1, ex->n_hints, util_esc(id));
		util_fputs_clean(stdout, ex->hints[used], true);
		fputc('\n', stdout);
	}
	if (w < 0) {
		char *msg = pathsafe_write_error(NULL, path, w, failed);
		fprintf(stderr, "roadmap-run hint: cannot record the hint: %s\n", util_esc(msg));
		free(msg);
		r = RR_EXIT_INTERNAL;
		goto out;
	}
	r = 0;
out:
	cJSON_Delete(j);
	free(text);
	free(path);
	free(rel);
	free(failed);
	workspace_release(&ws);
	loaded_pack_close(&lp);
	return r;
}

/* A line of markdown for a terminal: headings in bold when colour is on,
 * everything else as written (the pack's text, with controls escaped). */
static void print_prompt_line(const char *line, bool color)
{
	bool heading = line[0] == '#';
	if (heading && color)
		fputs("\033[1m", stdout);
	util_fputs_clean(stdout, line, false);
	if (heading && color)
		fputs("\033[0m", stdout);
	fputc('\n', stdout);
}

int cmd_prompt(int argc, char **argv)
{
	const char *track = NULL;
	struct cli_args a;
	int r = parse_simple("prompt", argc, argv, &a, NULL, &track);
	if (r >= 0)
		return r;
	struct loaded_pack lp;
	util_install_cleanup_handlers();
	if ((r = loaded_pack_open(a.pos[0], &lp)))
		return r;
	struct workspace ws;
	if (track || workspace_locate(&ws, NULL, lp.m.id) < 0) {
		r = loaded_pack_select_track(&lp, "prompt", track);
	} else {
		r = workspace_select_track(&lp, &ws, "prompt", NULL);
		workspace_release(&ws);
	}
	if (r) {
		loaded_pack_close(&lp);
		return r;
	}
	const struct exercise_def *ex = manifest_find_exercise(&lp.m, a.pos[1]);
	if (!ex) {
		loaded_pack_no_exercise(&lp, "prompt", a.pos[1]);
		loaded_pack_close(&lp);
		return RR_EXIT_USAGE;
	}
	char *path = util_path_join(lp.pack.root, ex->prompt);
	char *text = NULL;
	size_t len = 0;
	r = util_read_regular_file(path, 1 << 20, &text, &len);
	if (r < 0) {
		fprintf(stderr, "roadmap-run prompt: cannot read '%s': %s\n", path, strerror(-r));
		r = RR_EXIT_INVALID;
	} else {
		bool color = summary_color_wanted(stdout);
		for (char *line = text; line < text + len;) {
			char *nl = memchr(line, '\n', (size_t)(text + len - line));
			if (nl)
				*nl = '\0';
			print_prompt_line(line, color);
			line = nl ? nl + 1 : text + len;
		}
		r = 0;
	}
	free(text);
	free(path);
	loaded_pack_close(&lp);
	return r;
}
