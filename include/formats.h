/*
 * formats.h - render a report (report_version 1, as built by report.c) into
 * the formats CI systems read: JUnit XML, TAP 13, Gradescope results.json
 * and Exercism results.json version 3. Every renderer takes the cJSON
 * report, so there is one source of truth. Hidden checks never reveal
 * output or messages in any format.
 */
#ifndef FORMATS_H
#define FORMATS_H

#include <stdbool.h>
#include <cjson/cJSON.h>

enum report_format {
	FORMAT_JSON,
	FORMAT_JUNIT,
	FORMAT_TAP,
	FORMAT_GRADESCOPE,
	FORMAT_EXERCISM,
	FORMAT_COUNT
};

struct format_options {
	/* Gradescope visibility of hidden checks: "hidden" (default) or
	 * "after_published". */
	const char *gradescope_hidden_visibility;
};

/* Parse "json", "junit", "tap", "gradescope", "exercism". Returns 0 or -1. */
int format_from_name(const char *name, enum report_format *out);
const char *format_name(enum report_format f);

/* File name used inside --out DIR: "report.json", "junit.xml",
 * "report.tap", "gradescope/results.json", "exercism/results.json". */
const char *format_default_filename(enum report_format f);

/* Render; returns a NUL-terminated string the caller frees. */
char *format_render(enum report_format f, const cJSON *report,
		    const struct format_options *opts);

#endif
