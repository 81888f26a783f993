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
	fprintf(stderr, "roadmap-run %s: no exercise '", cmd);
	util_fputs_clean(stderr, id, false);
	fprintf(stderr, "' in pack '%s'; it has:", lp->m.id);
	for (size_t j = 0; j < lp->m.n_exercises; j++)
		fprintf(stderr, " %s", lp->m.exercises[j].id);
	fputc('\n', stderr);
}

void loaded_pack_close(struct loaded_pack *lp)
{
	manifest_free(&lp->m);
	pack_close(&lp->pack);
}
