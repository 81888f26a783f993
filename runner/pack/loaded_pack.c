/*
 * loaded_pack.c - open a pack and validate its pack.json, printing every
 * problem: what most commands start with.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaded_pack.h"
#include "pack_locate.h"
#include "roadmap.h"
#include "util.h"

int loaded_pack_open(const char *arg, struct loaded_pack *lp)
{
	memset(lp, 0, sizeof(*lp));
	char *path = pack_locate(arg);
	if (!path) {
		pack_locate_explain(stderr, arg);
		return RR_EXIT_INVALID;
	}
	struct diag_list d = DIAG_LIST_INIT;
	char *subject = xasprintf("pack '%s'", path);
	int r = pack_open(path, &lp->pack, &d);
	if (r == 0) {
		r = manifest_load(lp->pack.root, &lp->m, &d);
		if (r)
			pack_close(&lp->pack);
	}
	diag_print(&d, stderr, subject);
	diag_clear(&d);
	free(subject);
	free(path);
	if (r)
		memset(lp, 0, sizeof(*lp));
	return r;
}

void loaded_pack_no_exercise(const struct loaded_pack *lp, const char *cmd, const char *id)
{
	for (size_t j = 0; j < lp->m.n_off_track; j++) {
		if (strcmp(lp->m.off_track[j].id, id) == 0) {
			fprintf(stderr, "roadmap-run %s: exercise '%s' is not in the '%s' track of pack '%s'\n",
				cmd, lp->m.off_track[j].id, lp->m.track, lp->m.id);
			return;
		}
	}
	fprintf(stderr, "roadmap-run %s: no exercise '", cmd);
	util_fputs_clean(stderr, id, false);
	fprintf(stderr, "' in pack '%s'; it has:", lp->m.id);
	for (size_t j = 0; j < lp->m.n_exercises; j++)
		fprintf(stderr, " %s", lp->m.exercises[j].id);
	fputc('\n', stderr);
}

int loaded_pack_select_track(struct loaded_pack *lp, const char *cmd, const char *track)
{
	if (!track || manifest_select_track(&lp->m, track) == 0)
		return 0;
	fprintf(stderr, "roadmap-run %s: pack '%s' has no track '", cmd, lp->m.id);
	util_fputs_clean(stderr, track, false);
	fputs("'; it offers:", stderr);
	for (size_t i = 0; i < lp->m.n_tracks; i++)
		fprintf(stderr, " %s", lp->m.tracks[i]);
	fputc('\n', stderr);
	return RR_EXIT_USAGE;
}

void loaded_pack_print_off_track(const struct loaded_pack *lp, FILE *fp)
{
	if (!lp->m.n_off_track)
		return;
	fprintf(fp, "not in this track (%s):", lp->m.track);
	for (size_t i = 0; i < lp->m.n_off_track; i++)
		fprintf(fp, " %s", lp->m.off_track[i].id);
	fputc('\n', fp);
}

void loaded_pack_close(struct loaded_pack *lp)
{
	manifest_free(&lp->m);
	pack_close(&lp->pack);
}
