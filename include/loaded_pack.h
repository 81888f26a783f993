/*
 * loaded_pack.h - what most commands start with: open PACK (directory or
 * archive) and validate its pack.json, printing every problem.
 */
#ifndef LOADED_PACK_H
#define LOADED_PACK_H

#include "manifest.h"
#include "pack.h"

struct loaded_pack {
	struct pack pack;
	struct pack_manifest m;
};

/* Open and validate. path is what the user typed: a bare name is looked
 * up as pack_locate.h says. Diagnostics go to stderr prefixed
 * "pack '<path>'".
 * Returns 0, RR_EXIT_INVALID or RR_EXIT_INTERNAL; on failure nothing needs
 * closing. */
int loaded_pack_open(const char *path, struct loaded_pack *lp);
void loaded_pack_close(struct loaded_pack *lp);

/* "roadmap-run CMD: no exercise 'ID' in pack 'P'; it has: a b c" on
 * stderr: the one message for an exercise id that is not in the pack. */
void loaded_pack_no_exercise(const struct loaded_pack *lp, const char *cmd, const char *id);

/* Select track (a --track value) for the loaded pack. When the pack does
 * not offer it, prints "roadmap-run CMD: pack 'P' has no track 'T'; it
 * offers: ..." and returns RR_EXIT_USAGE; 0 otherwise. */
int loaded_pack_select_track(struct loaded_pack *lp, const char *cmd, const char *track);

/* "  not in this track (T): a b c" on fp when the selected track leaves
 * exercises out; nothing otherwise. */
void loaded_pack_print_off_track(const struct loaded_pack *lp, FILE *fp);

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
