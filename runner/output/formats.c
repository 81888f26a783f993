/*
 * formats.c - the format registry (names, file names), dispatch to the
 * renderers in format_*.c, and the helpers they share.
 *
 * Every renderer reads the cJSON report (report_version 1) and nothing
 * else, so all formats agree. The report may come from a file written by
 * an older or newer runner, so the accessors below treat a missing or
 * mistyped field as its default instead of trusting the shape. Strings
 * from checks are arbitrary bytes: each renderer repairs them to valid
 * UTF-8, because XML and JSON consumers reject anything else.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_status.h"
#include "formats.h"
#include "formats_internal.h"
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

const char *format_str(const cJSON *o, const char *key)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

const char *format_str0(const cJSON *o, const char *key)
{
	const char *s = format_str(o, key);
	return s ? s : "";
}

double format_num(const cJSON *o, const char *key, double def)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return def;
	return v->valuedouble;
}

bool format_bool(const cJSON *o, const char *key)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsTrue(v);
}

const cJSON *format_array(const cJSON *o, const char *key)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsArray(v) ? v : NULL;
}

size_t format_utf8_next(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0], min;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return c ? 1 : 0;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		goto invalid;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)  /* also stops at the NUL */
			goto invalid;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*cp = c;
	return n;
invalid:
	*cp = 0xFFFD;
	return 1;
}

void format_utf8_put(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
	}
	strbuf_add(sb, b, n);
}

char *format_utf8_clean(const char *s, size_t max_cp, bool *cut)
{
	struct strbuf sb = STRBUF_INIT;
	size_t count = 0;

	if (cut)
		*cut = false;
	strbuf_add(&sb, "", 0);
	if (!s)
		return strbuf_detach(&sb);
	while (*s) {
		uint32_t cp;
		size_t n = format_utf8_next(s, &cp);
		if (max_cp && count == max_cp) {
			if (cut)
				*cut = true;
			break;
		}
		if (cp == 0xFFFD && n == 1 && (unsigned char)*s >= 0x80)
			format_utf8_put(&sb, cp);
		else
			strbuf_add(&sb, s, n);
		s += n;
		count++;
	}
	return strbuf_detach(&sb);
}

bool format_status_is_error(enum check_status status)
{
	return status != CHECK_PASS && status != CHECK_FAIL;
}

char *format_test_name(const char *exercise_id, const char *check_id)
{
	return xasprintf("%s/%s", exercise_id, check_id);
}

void format_add_number(struct strbuf *sb, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		strbuf_addf(sb, "%.0f", v);
	else
		strbuf_addf(sb, "%g", v);
}

char *format_question_text(const cJSON *quiz, const cJSON *q)
{
	const char *st = format_str0(q, "status");
	const char *error = format_str0(quiz, "error");
	if (!*st)
		st = "incorrect";
	return *error ? xasprintf("%s: the quiz was not graded: %s", st, error) : xstrdup(st);
}
