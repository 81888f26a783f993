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

struct summary {
	FILE *fp;
	bool color;
	const char *last_exercise; /* borrowed; to print a header on change */
};

/* Decide colour for fp: a TTY and NO_COLOR unset or empty. */
void summary_init(struct summary *s, FILE *fp);

/* grade_options.on_check callback: arg is a struct summary. */
void summary_on_check(const char *exercise_id, const cJSON *check, void *arg);

/* Per-exercise scores, the quiz and the total. */
void summary_footer(struct summary *s, const cJSON *report);

#endif
