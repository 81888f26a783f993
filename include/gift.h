/*
 * gift.h - convert a Moodle GIFT question bank to quiz JSON (pack format 1,
 * docs/pack-format.md "Importing a GIFT question bank"). Pure: text in,
 * cJSON out, diagnostics with line and column. cmd_quiz_import (gift.c) is
 * the command around it.
 */
#ifndef GIFT_H
#define GIFT_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "diag.h"

/* The largest question bank quiz-import reads. */
#define GIFT_MAX_BYTES (16L * 1024 * 1024)

struct gift_stats {
	int questions;   /* question blocks seen */
	int converted;
	int unsupported; /* valid GIFT with nothing to grade: essay, description */
	int malformed;   /* GIFT Moodle refuses, or whose import cannot mean what the bank means */
};

/* Convert text (file names it in messages). Returns the array of the
 * questions that converted (never NULL; possibly empty; caller deletes).
 * Every question that did not convert is named in d with its line:
 * malformed ones as errors, unsupported ones as errors too unless
 * skip_unsupported, when they are warnings. Lossy conversions (dropped
 * partial credit) are warnings; $CATEGORY lines are notes. */
cJSON *gift_convert(const char *text, size_t len, const char *file,
		    bool skip_unsupported, struct gift_stats *st,
		    struct diag_list *d);

#endif
