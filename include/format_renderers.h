/*
 * format_renderers.h - the renderers formats.c dispatches to, one a
 * format_*.c file. Not for other modules: they call format_render().
 */
#ifndef FORMAT_RENDERERS_H
#define FORMAT_RENDERERS_H

#include <cjson/cJSON.h>
#include "formats.h"

char *format_render_junit(const cJSON *report, const struct format_options *o);
char *format_render_tap(const cJSON *report, const struct format_options *o);
char *format_render_gradescope(const cJSON *report, const struct format_options *o);
char *format_render_exercism(const cJSON *report, const struct format_options *o);

#endif
