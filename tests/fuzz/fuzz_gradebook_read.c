/*
 * fuzz_gradebook_read.c - libFuzzer harness for the gradebook reader that
 * `roadmap-run merge` uses on CSV and JSON Lines gradebooks (files that
 * come back from CI artifacts, possibly edited in a spreadsheet).
 * Properties: never crashes, hangs or leaks on any byte string; every row
 * it returns has a string "submission" and an object "exercises"; an
 * error always comes with a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradebook.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = xmalloc(size + 1);
	if (size)
		memcpy(copy, data, size);
	FILE *f = fmemopen(copy, size ? size : 1, "r");
	if (!f) {
		free(copy);
		return 0;
	}
	struct gradebook_reader *r = NULL;
	char *why = NULL;
	if (gradebook_reader_open_stream(&r, f, "fuzz", &why) == 0) {
		cJSON *row;
		for (int n = 0; n < 100000; n++) {
			int k = gradebook_reader_next(r, &row, &why);
			if (k < 0) {
				if (!why)
					abort();
				break;
			}
			if (!row)
				break;
			if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(row, "submission")) ||
			    !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(row, "exercises")))
				abort();
			cJSON_Delete(row);
		}
		gradebook_reader_close(r);
	} else if (!why) {
		abort();
	}
	free(why);
	free(copy);
	return 0;
}
