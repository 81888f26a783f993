/*
 * loaded_pack.c - open and validate a pack, and the learner's workspace:
 * created from the starter code on first use, never overwritten after.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loaded_pack.h"
#include "pack_locate.h"
#include "pathsafe.h"
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

char *workspace_default_path(const char *pack_id)
{
	const char *e = getenv("ROADMAP_RUN_HOME");
	if (e && *e)
		return xasprintf("%s/workspaces/%s", e, pack_id);
	e = getenv("XDG_DATA_HOME");
	if (e && e[0] == '/')
		return xasprintf("%s/roadmap-run/workspaces/%s", e, pack_id);
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
	}
	if (!home)
		return NULL;
	return xasprintf("%s/.local/share/roadmap-run/workspaces/%s", home, pack_id);
}

int workspace_ensure(const struct loaded_pack *lp, const char *dir, int *created)
{
	*created = 0;
	int r = util_mkdir_p(dir, 0755);
	if (r < 0) {
		fprintf(stderr, "error: cannot create the workspace '%s': %s\n", dir, strerror(-r));
		return RR_EXIT_INTERNAL;
	}
	for (size_t i = 0; i < lp->m.n_exercises; i++) {
		const struct exercise_def *ex = &lp->m.exercises[i];
		char *dst = util_path_join(dir, ex->id);
		struct stat st;
		if (lstat(dst, &st) == 0) {
			free(dst); /* the learner's own work: never touched */
			continue;
		}
		char *src = util_path_join(lp->pack.root, ex->starter);
		size_t skipped = 0;
		r = pathsafe_copy_tree(src, dst, false, false, &skipped);
		free(src);
		if (r < 0) {
			fprintf(stderr, "error: cannot create '%s' from the starter code: %s\n", dst,
				strerror(-r));
			util_rm_rf(dst);
			free(dst);
			return RR_EXIT_INTERNAL;
		}
		*created = 1;
		free(dst);
	}
	return 0;
}
