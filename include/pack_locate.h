/*
 * pack_locate.h - turn the PACK a user typed into a path. A path that
 * exists, or that has a '/', is taken as it is. A bare name ("security")
 * is looked up, first hit wins, in:
 *   1. each directory of $ROADMAP_RUN_PACKS (colon-separated);
 *   2. exercises/ of the checkout the binary was built in (build/..);
 *   3. the installed data directory, $(DATADIR)/roadmap-run/exercises.
 * In each directory, NAME is a pack directory, NAME.tar.gz or
 * NAME-learner.tar.gz.
 */
#ifndef PACK_LOCATE_H
#define PACK_LOCATE_H

#include <stdbool.h>
#include <stdio.h>

/* The path to open for arg (caller frees). Returns NULL, with nothing
 * printed, when arg is a bare name that is not found anywhere. */
char *pack_locate(const char *arg);

/* Call fn for every pack found by name in the search path, once per
 * name (the first in search order), in no particular order. */
void pack_locate_each(void (*fn)(const char *name, const char *path, void *arg), void *arg);

/* The message for a name that pack_locate() did not find: the places
 * searched, the closest known name, and every known name. */
void pack_locate_explain(FILE *fp, const char *arg);

/* True when arg looks like a pack name rather than a path. */
bool pack_locate_is_name(const char *arg);

#endif
