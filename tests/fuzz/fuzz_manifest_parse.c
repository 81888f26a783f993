/*
 * fuzz_manifest_parse.c - libFuzzer harness for manifest_parse (pack.json
 * text, no pack root, so no file checks). Properties checked beyond "no
 * crash, no sanitizer report, no leak":
 *   - the result is 0 or RR_EXIT_INVALID, and RR_EXIT_INVALID comes with at
 *     least one error diagnostic while 0 comes with none;
 *   - on failure *m is zeroed (the header's promise);
 *   - on success every exercise and check has a valid id, a non-empty argv
 *     and limits inside the documented ranges, and manifest_find_exercise
 *     finds each exercise by its id.
 * The text is copied into a buffer with no terminating NUL so an over-read
 * past len is an ASan report.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "roadmap.h"
#include "util.h"

static void fmp_check_limits(const struct limits *l)
{
	if (!(l->timeout > 0 && l->timeout <= 600))
		abort();
	if (l->memory_mb < 16 || l->memory_mb > 16384 || l->processes < 1 || l->processes > 4096 ||
	    l->output_kb < 1 || l->output_kb > 65536)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	char *text = xmalloc(size);
	if (size)
		memcpy(text, data, size);
	struct pack_manifest m;
	struct diag_list d = DIAG_LIST_INIT;
	int r = manifest_parse(text, size, "pack.json", NULL, &m, &d);

	if (r == 0) {
		if (diag_errors(&d) != 0 || m.n_exercises == 0 || !m.root || !util_valid_id(m.id))
			abort();
		fmp_check_limits(&m.defaults);
		for (size_t i = 0; i < m.n_exercises; i++) {
			const struct exercise_def *e = &m.exercises[i];
			if (!util_valid_id(e->id) || !e->title || !e->prompt || !e->starter || !e->tests ||
			    e->n_checks == 0 || manifest_find_exercise(&m, e->id) != e)
				abort();
			fmp_check_limits(&e->limits);
			int sum = 0;
			for (size_t j = 0; j < e->n_checks; j++) {
				const struct check_def *c = &e->checks[j];
				if (!util_valid_id(c->id) || !c->run || c->run_len == 0 || !c->run[0][0] ||
				    c->run[c->run_len] != NULL || c->points < 0)
					abort();
				if (c->kind == CHECK_KIND_OUTPUT && !c->expected)
					abort();
				fmp_check_limits(&c->limits);
				sum += c->points;
			}
			if (sum != e->max_score)
				abort();
		}
		manifest_free(&m);
	} else {
		static const struct pack_manifest zero;
		if (r != RR_EXIT_INVALID || diag_errors(&d) == 0 || memcmp(&m, &zero, sizeof(m)) != 0)
			abort();
	}
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	diag_print(&d, devnull, "pack 'fuzz'");
	diag_clear(&d);
	free(text);
	return 0;
}
