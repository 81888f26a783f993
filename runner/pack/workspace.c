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

#define WORKSPACE_TRACK_FILE ".roadmap-run/track"

/* The recorded track: 0 with *track set (NULL when there is no record),
 * or -EINVAL for a record that is not a track name. */
static int workspace_recorded_track(const struct workspace *ws, char **track)
{
	char *path = util_path_join(ws->path, WORKSPACE_TRACK_FILE);
	char *text = NULL;
	size_t len = 0;
	*track = NULL;
	int r = util_read_regular_file(path, 256, &text, &len);
	free(path);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	if (strlen(text) != len || !util_valid_id(text)) {
		free(text);
		return -EINVAL;
	}
	*track = text;
	return 0;
}

int workspace_select_track(struct loaded_pack *lp, const struct workspace *ws, const char *cmd,
			   const char *wanted)
{
	char *recorded = NULL;
	int r = workspace_recorded_track(ws, &recorded);
	if (r < 0) {
		fprintf(stderr, "roadmap-run %s: '%s/%s' does not name a track (%s); "
			"write one of the pack's tracks into it, or delete it\n", cmd, util_esc(ws->path),
			WORKSPACE_TRACK_FILE, r == -EINVAL ? "not a track name" : strerror(-r));
		return RR_EXIT_INVALID;
	}
	struct stat st;
	bool exists = stat(ws->path, &st) == 0;
	const char *on = recorded ? recorded : exists ? lp->m.tracks[0] : NULL;
	if (wanted && on && strcmp(wanted, on) != 0) {
		fprintf(stderr, "roadmap-run %s: the workspace '%s' is on the '%s' track (its code is in that "
			"language); give another workspace for '", cmd, util_esc(ws->path), on);
		util_fputs_clean(stderr, wanted, false);
		fputs("'\n", stderr);
		free(recorded);
		return RR_EXIT_USAGE;
	}
	r = loaded_pack_select_track(lp, cmd, wanted ? wanted : on);
	free(recorded);
	return r;
}

int workspace_record_track(const struct loaded_pack *lp, const struct workspace *ws)
{
	char *recorded = NULL;
	if (workspace_recorded_track(ws, &recorded) == 0 && recorded) {
		free(recorded);
		return 0;
	}
	char *rel = workspace_rel(ws, WORKSPACE_TRACK_FILE), *failed = NULL;
	char *text = xasprintf("%s\n", lp->m.track);
	int w = pathsafe_write_below(ws->anchor, rel, text, strlen(text), &failed);
	if (w < 0)
		workspace_print_write_error(ws, rel, w, failed);
	free(text);
	free(failed);
	free(rel);
	return w < 0 ? RR_EXIT_INTERNAL : 0;
}
