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

#endif
