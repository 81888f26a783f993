/*
 * summary.h - the human-readable summary of a grading run: a line per
 * check as it finishes, then the totals. Colour only on a terminal, and
 * never when NO_COLOR is set (no-color.org).
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include <stdbool.h>
#include <stdio.h>
#include <cjson/cJSON.h>

#include <stdint.h>

/* Without --verbose, a message shows at most this many lines. */
#define SUMMARY_BRIEF_LINES 6
#define SUMMARY_SEEN_MAX 64

struct summary {
	FILE *fp;
	bool color;
	const char *last_exercise; /* borrowed; to print a header on change */
	const char *quiz_command;  /* borrowed; "roadmap-run quiz security" for a
				    * workspace, NULL when answers come from a file */
	bool verbose;              /* every line of every message */
	struct {
		uint64_t hash;
		char label[160];
	} seen[SUMMARY_SEEN_MAX];  /* messages shown so far, to collapse repeats */
	size_t n_seen;
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The --color choice, for every command (main.c sets it). Returns -1 for
 * a word that is not auto, always or never. */
int summary_set_color_mode(const char *when);

/* Whether to colour what goes to fp: --color=always, or --color=auto (the
 * default) with fp a terminal, NO_COLOR unset or empty and TERM not
 * "dumb". */
bool summary_color_wanted(FILE *fp);

/* Decide colour for fp, as summary_color_wanted() does. */
void summary_init(struct summary *s, FILE *fp);

/* grade_options.on_check callback: arg is a struct summary. */
void summary_on_check(const char *exercise_id, const cJSON *check, void *arg);

/* Per-exercise scores, the quiz and the total. */
void summary_footer(struct summary *s, const cJSON *report);

#endif
