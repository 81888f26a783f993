/*
 * fuzz_util_escape.c - libFuzzer harness for util_escape, the one escaper
 * for text printed to a terminal. Properties, for both newline modes: the
 * result is valid UTF-8 (checked here independently, not with the decoder
 * under test) holding no C0 control but tab (and newline when kept), no
 * DEL, no C1 control and no bidi control; input that is valid UTF-8 free
 * of all of those comes back unchanged.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The next code point of valid UTF-8 at s[*i], or -1 when invalid. */
static long fue_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i], cp;
	size_t k;
	if (c < 0x80) {
		(*i)++;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		k = 1, cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 2, cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 3, cp = c & 0x07;
	} else {
		return -1;
	}
	for (size_t j = 1; j <= k; j++) {
		if (*i + j >= n || (s[*i + j] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[*i + j] & 0x3F);
	}
	if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += k + 1;
	return (long)cp;
}

static bool fue_control(long cp, bool keep_newlines)
{
	if (cp == '\t' || (cp == '\n' && keep_newlines))
		return false;
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* true when s[0..n) is valid UTF-8 without controls */
static bool fue_clean(const unsigned char *s, size_t n, bool keep_newlines)
{
	for (size_t i = 0; i < n;) {
		long cp = fue_next(s, n, &i);
		if (cp < 0 || fue_control(cp, keep_newlines))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int keep = 0; keep < 2; keep++) {
		struct strbuf sb = STRBUF_INIT;
		util_escape(&sb, (const char *)data, size, keep);
		if (!fue_clean((const unsigned char *)sb.buf, sb.len, keep))
			abort();
		if (fue_clean(data, size, keep) && (sb.len != size || (size && memcmp(sb.buf, data, size))))
			abort();
		strbuf_release(&sb);
	}
	return 0;
}
