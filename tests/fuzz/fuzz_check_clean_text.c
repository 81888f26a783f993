/*
 * fuzz_check_clean_text.c - libFuzzer harness for check_clean_text, which
 * makes a check's output safe for the JSON report. Properties: the result
 * is valid UTF-8 (RFC 3629: no overlongs, surrogates or code points above
 * U+10FFFF) without NUL bytes; valid UTF-8 input without NUL comes back
 * unchanged; the result survives a cJSON print/parse round trip intact.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

/* An independent validator (not the code under test). */
static bool fct_valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		unsigned cp;
		size_t k;
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1, cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2, cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3, cp = c & 0x07;
		} else {
			return false;
		}
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k + 1;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = xmalloc(size);
	if (size)
		memcpy(in, data, size);
	char *out = check_clean_text(in, size);
	size_t n = strlen(out);
	if (!fct_valid_utf8((const unsigned char *)out, n))
		abort();
	if (fct_valid_utf8(data, size) && (n != size || memcmp(out, data, size) != 0))
		abort();
	cJSON *s = cJSON_CreateString(out);
	char *printed = cJSON_PrintUnformatted(s);
	cJSON *back = cJSON_Parse(printed);
	if (!cJSON_IsString(back) || strcmp(back->valuestring, out) != 0)
		abort();
	cJSON_Delete(back);
	cJSON_free(printed);
	cJSON_Delete(s);
	free(out);
	free(in);
	return 0;
}
