/*
 * formats.c - the format registry (names, file names) and dispatch to the
 * renderers in format_*.c. Every renderer reads the cJSON report
 * (report_version 1) and nothing else, so all formats agree; what they
 * share is in format_common.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "format_renderers.h"
#include "util.h"

static const struct {
	const char *name;
	const char *file;
} formats[FORMAT_COUNT] = {
	[FORMAT_JSON] = { "json", "report.json" },
	[FORMAT_JUNIT] = { "junit", "junit.xml" },
	[FORMAT_TAP] = { "tap", "report.tap" },
	[FORMAT_GRADESCOPE] = { "gradescope", "gradescope/results.json" },
	[FORMAT_EXERCISM] = { "exercism", "exercism/results.json" },
};

int format_from_name(const char *name, enum report_format *out)
{
	if (!name)
		return -1;
	for (int f = 0; f < FORMAT_COUNT; f++) {
		if (strcmp(name, formats[f].name) == 0) {
			*out = (enum report_format)f;
			return 0;
		}
	}
	return -1;
}

const char *format_name(enum report_format f)
{
	return (unsigned)f < FORMAT_COUNT ? formats[f].name : "unknown";
}

const char *format_default_filename(enum report_format f)
{
	return (unsigned)f < FORMAT_COUNT ? formats[f].file : NULL;
}

static char *render_json(const cJSON *report)
{
	char *text = report ? cJSON_Print(report) : NULL;
	char *out;

	if (!text)
		return xstrdup("{}\n");
	/* cJSON allocates with its own hooks; hand back our own copy. */
	out = xasprintf("%s\n", text);
	cJSON_free(text);
	return out;
}

char *format_render(enum report_format f, const cJSON *report,
		    const struct format_options *opts)
{
	static const struct format_options defaults = { NULL };

	if (!opts)
		opts = &defaults;
	switch (f) {
	case FORMAT_JSON:
		return render_json(report);
	case FORMAT_JUNIT:
		return format_render_junit(report, opts);
	case FORMAT_TAP:
		return format_render_tap(report, opts);
	case FORMAT_GRADESCOPE:
		return format_render_gradescope(report, opts);
	case FORMAT_EXERCISM:
		return format_render_exercism(report, opts);
	case FORMAT_COUNT:
		break;
	}
	return xstrdup("");
}
