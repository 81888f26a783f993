/*
 * format_common.h - what the report renderers (runner/output/format_*.c) share:
 * tolerant accessors for the cJSON report (a missing or mistyped field
 * reads as a default, so a renderer never crashes on an odd report),
 * UTF-8 repair, and the status vocabulary. Not for other modules.
 */
#ifndef FORMAT_COMMON_H
#define FORMAT_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

#include "check_status.h"
#include "util.h"

/* The string at key, or NULL when absent or not a string. */
const char *format_str(const cJSON *o, const char *key);

/* The string at key, or "" (never NULL). */
const char *format_str0(const cJSON *o, const char *key);

/* The number at key, or def when absent or not a number. */
double format_num(const cJSON *o, const char *key, double def);

/* True only when key holds JSON true. */
bool format_bool(const cJSON *o, const char *key);

/* The array at key, or NULL when absent or not an array. */
const cJSON *format_array(const cJSON *o, const char *key);

/* Decode one UTF-8 sequence at s (NUL-terminated). Returns the bytes used
 * (at least 1 unless *s is NUL) and sets *cp, or U+FFFD for an invalid,
 * overlong, surrogate or truncated sequence (consuming one byte). */
size_t format_utf8_next(const char *s, uint32_t *cp);

/* Append code point cp to sb as UTF-8. */
void format_utf8_put(struct strbuf *sb, uint32_t cp);

/* Copy s as valid UTF-8 (invalid bytes become U+FFFD). When max_cp > 0,
 * at most max_cp code points are kept and *cut (if not NULL) tells whether
 * anything was dropped. s may be NULL (gives ""). Caller frees. */
char *format_utf8_clean(const char *s, size_t max_cp, bool *cut);

/* The check statuses that mean "could not be judged" rather than "ran
 * and failed": timeout, memory, output, crash, error, and anything this
 * version does not know. */
bool format_status_is_error(enum check_status status);

/* "<exercise>/<check>", caller frees. */
char *format_test_name(const char *exercise_id, const char *check_id);

/* What a quiz question that is not correct says in every format: its
 * status, and why the whole quiz was not graded when the answers file was
 * broken (the report's quiz.error). Caller frees. */
char *format_question_text(const cJSON *quiz, const cJSON *q);

/* Append a score (an integer in practice; fractions kept if present). */
void format_add_number(struct strbuf *sb, double v);

#endif
