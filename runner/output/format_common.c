/*
 * format_common.c - what the report renderers share (format_common.h).
 *
 * The report may come from a file written by an older or newer runner, so
 * the accessors treat a missing or mistyped field as its default instead
 * of trusting the shape. Strings from checks are arbitrary bytes: each
 * renderer repairs them to valid UTF-8, because XML and JSON consumers
 * reject anything else.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_status.h"
#include "format_common.h"
#include "util.h"

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
