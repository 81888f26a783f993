/*
 * jsontext.h - a lexical look at JSON text that cJSON could not parse, so
 * messages can say "the file ends too early" or "nested too deeply" rather
 * than point at the last character read.
 */
#ifndef JSONTEXT_H
#define JSONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

/* Scan text[0, end): *depth is the number of objects and arrays still open
 * at end and *in_string whether end falls inside a string. Escapes inside
 * strings are honoured; nothing else is validated. */
void jsontext_scan(const char *text, size_t end, long *depth, bool *in_string);

/* Which members of obj repeat an earlier member's key (cJSON keeps both
 * copies silently). Returns an array of flags in document order, one per
 * member (caller frees; NULL for an empty object), and sets *n. Sorting
 * makes it O(n log n): an object may hold hundreds of thousands of keys. */
bool *jsontext_duplicate_keys(const cJSON *obj, size_t *n);

/* The 1-based line and column of offset in text (for cJSON errors), in
 * characters: a byte order mark takes no column, UTF-8 continuation bytes
 * none either. */
void jsontext_line_col(const char *text, size_t offset, int *line, int *col);

/* Where, in JSON text cJSON parsed, the value at path
 * ("exercises[0].needs[1].program") starts, as a byte offset; the deepest
 * value found when the rest of the path is missing (a missing key is
 * reported at its object), 0 when nothing matches. Keys are compared as
 * written, without unescaping. */
size_t jsontext_locate(const char *text, size_t len, const char *path);

#endif
