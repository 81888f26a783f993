/*
 * workspace.h - a learner's workspace: where it is (--workspace DIR or the
 * default under the data home), the names inside it, and its creation
 * from a pack's starter code, which never overwrites the learner's work.
 */
#ifndef WORKSPACE_H
#define WORKSPACE_H

#include "loaded_pack.h"

/* A learner's workspace: the directory anchor/rel. The anchor is followed
 * as given: --workspace DIR (rel is then ""), or the data home that holds
 * the default workspaces. Below it the runner picks every name, and
 * follows no link (pathsafe.h, "Writing files"). The default for a pack id
 * is $ROADMAP_RUN_HOME + workspaces/<id>, else $XDG_DATA_HOME +
 * roadmap-run/workspaces/<id>, else ~/.local/share +
 * roadmap-run/workspaces/<id>. */
struct workspace {
	char *path;    /* anchor/rel, for messages and for reading */
	char *anchor;
	char *rel;
};

/* Locate the workspace: named (NULL: the default for pack_id). Returns 0,
 * or -ENOENT when no home directory can be found. Release it after. */
int workspace_locate(struct workspace *ws, const char *named, const char *pack_id);
void workspace_release(struct workspace *ws);

/* The path, relative to ws->anchor, of name inside the workspace ("report.json",
 * ".roadmap-run/hints.json"). Caller frees. */
char *workspace_rel(const struct workspace *ws, const char *name);

/* Print "error: cannot write ..." for a failed pathsafe write of rel below
 * ws->anchor. */
void workspace_print_write_error(const struct workspace *ws, const char *rel, int err,
				 const char *failed);

/* Create the workspace from the starter code when it does not exist yet;
 * an existing workspace is never overwritten, but an exercise directory
 * missing from it is added. No link below the anchor is followed. Sets
 * *created when anything was created. Returns 0 or RR_EXIT_INTERNAL
 * (message printed). */
int workspace_ensure(const struct loaded_pack *lp, const struct workspace *ws, int *created);

/* The workspace's track. A workspace remembers the track it was made for
 * in .roadmap-run/track; one without the file (made before tracks) is on
 * the pack's default track. wanted (--track, or NULL) must agree with the
 * recorded one: the code in the workspace is in that language. Selects
 * the track in lp. Returns 0, RR_EXIT_USAGE (wanted differs, or the pack
 * lacks it) or RR_EXIT_INVALID (an unreadable record), message printed. */
int workspace_select_track(struct loaded_pack *lp, const struct workspace *ws, const char *cmd,
			   const char *wanted);
/* Record lp's selected track in the workspace unless one is recorded.
 * Returns 0 or RR_EXIT_INTERNAL (message printed). */
int workspace_record_track(const struct loaded_pack *lp, const struct workspace *ws);


#endif
