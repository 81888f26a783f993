/*
 * workspace.c - the learner's workspace (workspace.h): located under the
 * data home or where --workspace says, created from the starter code on
 * first use, never overwritten after.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathsafe.h"
#include "roadmap.h"
#include "util.h"
#include "workspace.h"

/* The default workspace is anchor/rel: the data home is the user's
 * (followed as the environment gives it), everything the runner adds below
 * it is not. */
int workspace_locate(struct workspace *ws, const char *named, const char *pack_id)
{
	memset(ws, 0, sizeof(*ws));
	if (named) {
		ws->anchor = xstrdup(named);
		ws->rel = xstrdup("");
	} else {
		const char *e = getenv("ROADMAP_RUN_HOME");
		const char *xdg = getenv("XDG_DATA_HOME");
		if (e && *e) {
			ws->anchor = xstrdup(e);
			ws->rel = xasprintf("workspaces/%s", pack_id);
		} else if (xdg && xdg[0] == '/') {
			ws->anchor = xstrdup(xdg);
			ws->rel = xasprintf("roadmap-run/workspaces/%s", pack_id);
		} else {
			const char *home = getenv("HOME");
			if (!home || home[0] != '/') {
				struct passwd *pw = getpwuid(getuid());
				home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
			}
			if (!home)
				return -ENOENT;
			ws->anchor = xasprintf("%s/.local/share", home);
			ws->rel = xasprintf("roadmap-run/workspaces/%s", pack_id);
		}
	}
	ws->path = *ws->rel ? util_path_join(ws->anchor, ws->rel) : xstrdup(ws->anchor);
	return 0;
}

void workspace_release(struct workspace *ws)
{
	free(ws->path);
	free(ws->anchor);
	free(ws->rel);
	memset(ws, 0, sizeof(*ws));
}

char *workspace_rel(const struct workspace *ws, const char *name)
{
	return *ws->rel ? xasprintf("%s/%s", ws->rel, name) : xstrdup(name);
}

void workspace_print_write_error(const struct workspace *ws, const char *rel, int err,
				 const char *failed)
{
	char *path = util_path_join(ws->anchor, rel);
	char *msg = pathsafe_write_error(NULL, path, err, failed);
	fprintf(stderr, "error: %s\n", util_esc(msg));
	free(msg);
	free(path);
}

int workspace_ensure(const struct loaded_pack *lp, const struct workspace *ws, int *created)
{
	char *failed = NULL;
	*created = 0;
	/* Every exercise directory is made inside this fd: a workspace
	 * directory (or one above it, below the anchor) swapped for a link is
	 * refused, and the starter code is never copied through one. */
	int dfd = pathsafe_open_dir(ws->anchor, ws->rel, true, &failed);
	if (dfd < 0) {
		char *msg = pathsafe_write_error(NULL, ws->path, dfd, failed);
		fprintf(stderr, "error: cannot create the workspace: %s\n", util_esc(msg));
		free(msg);
		free(failed);
		return RR_EXIT_INTERNAL;
	}
	int ret = 0;
	for (size_t i = 0; i < lp->m.n_exercises; i++) {
		const struct exercise_def *ex = &lp->m.exercises[i];
		struct stat st;
		if (fstatat(dfd, ex->id, &st, AT_SYMLINK_NOFOLLOW) == 0)
			continue; /* the learner's own work: never touched */
		char *src = util_path_join(lp->pack.root, ex->starter);
		size_t skipped = 0;
		int r = pathsafe_copy_tree_at(src, dfd, ex->id, &skipped);
		free(src);
		if (r < 0) {
			char *dst = util_path_join(ws->path, ex->id);
			fprintf(stderr, "error: cannot create '%s' from the starter code: %s\n",
				util_esc(dst), strerror(-r));
			/* Remove the half-made copy through the fd, never by a
			 * path that could lead elsewhere by now. */
			char *via = xasprintf("/proc/self/fd/%d/%s", dfd, ex->id);
			util_rm_rf(via);
			free(via);
			free(dst);
			ret = RR_EXIT_INTERNAL;
			break;
		}
		*created = 1;
	}
	close(dfd);
	return ret;
}
