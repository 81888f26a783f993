/*
 * fuzz_check_compare_output.c - libFuzzer harness for check_compare_output
 * (expected output from the pack, actual output from the learner's
 * program). Input: one flag byte (bit 0: exact), one split byte, then the
 * two texts. Properties: the message is NUL-terminated within its buffer
 * even when small; a text equals itself; the comparison is symmetric;
 * exact equality implies normalised equality; a mismatch always says which
 * line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

static bool fco_cmp(const char *a, size_t al, const char *b, size_t bl, bool exact,
		    size_t msglen)
{
	char *msg = xmalloc(msglen);
	memset(msg, 'x', msglen);
	bool same = check_compare_output(a, al, b, bl, exact, msg, msglen);
	if (!same && !memchr(msg, '\0', msglen))
		abort();
	if (!same && msglen >= 64 && strncmp(msg, "output differs at line ", 23) != 0)
		abort();
	free(msg);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	bool exact = data[0] & 1;
	size_t msglen = (data[0] & 2) ? 7 : 512;
	size_t rest = size - 2, cut = rest * data[1] / 255;
	/* Separate allocations without terminators: over-reads are reports. */
	char *e = xmalloc(cut), *a = xmalloc(rest - cut);
	memcpy(e, data + 2, cut);
	memcpy(a, data + 2 + cut, rest - cut);

	if (!fco_cmp(e, cut, e, cut, exact, msglen))
		abort();
	bool ea = fco_cmp(e, cut, a, rest - cut, exact, msglen);
	bool ae = fco_cmp(a, rest - cut, e, cut, exact, msglen);
	if (ea != ae)
		abort();
	if (exact && ea && !fco_cmp(e, cut, a, rest - cut, false, msglen))
		abort();
	free(e);
	free(a);
	return 0;
}
