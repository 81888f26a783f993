/*
 * fuzz_tap_parse.c - libFuzzer harness for tap_parse and tap_passed.
 * Properties: never crashes or leaks on any byte string (TAP comes from
 * the learner's program), tap_passed's reason fits its buffer and is
 * NUL-terminated, and a passing result is consistent with the rules in
 * docs/pack-format.md (a plan, as many points as planned, none failing
 * unless TODO, no bail out, no structural problem).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size);
	if (size)
		memcpy(text, data, size);
	struct tap_result t;
	tap_parse(text, size, &t);

	char why[96];
	memset(why, 'x', sizeof(why));
	bool ok = tap_passed(&t, why, sizeof(why));
	if (!ok && !memchr(why, '\0', sizeof(why)))
		abort();
	if (ok) {
		if (t.plan < 0 || t.bailed_out || t.problem)
			abort();
		if (!t.skip_all && (long)t.n_points != t.plan)
			abort();
		/* Only TODO excuses a "not ok" (SKIP does not, as in TAP::Parser). */
		for (size_t i = 0; i < t.n_points; i++)
			if (!t.points[i].ok && !t.points[i].todo)
				abort();
	}
	for (size_t i = 0; i < t.n_points; i++)
		if (!t.points[i].description)
			abort();
	/* A reason into a one-byte buffer must still be terminated. */
	char tiny[1] = { 'x' };
	tap_passed(&t, tiny, sizeof(tiny));
	if (!ok && tiny[0] != '\0')
		abort();
	tap_result_clear(&t);
	free(text);
	return 0;
}
