/*
 * tap.h - a TAP 12/13/14 consumer (testanything.org): version line, plan
 * (leading or trailing, "1..0 # SKIP", TAP 12's "1..N todo 3 5"), test
 * points with directives, YAML diagnostic blocks, "Bail out!", and
 * subtests (TAP 14's indented and commented ones, Test2's buffered
 * "ok 1 - name {" ... "}"), which are summarised by their parent point.
 * docs/pack-format.md, "How TAP is read", is the reader's full contract.
 * Pure: no I/O.
 */
#ifndef TAP_H
#define TAP_H

#include <stdbool.h>
#include <stddef.h>

struct tap_point {
	long number;        /* as printed, or the implied sequence number */
	bool ok;
	char *description;  /* may be "" */
	char *directive;    /* "TODO ..." or "SKIP ...", or NULL */
	bool todo, skip;
	char *diagnostic;   /* YAML block or following "# ..." lines, or NULL */
};

struct tap_result {
	int version;         /* 12 when no version line */
	long plan;           /* -1 when no plan was seen */
	bool skip_all;       /* "1..0 # SKIP ..." */
	bool bailed_out;
	char *bail_reason;   /* or NULL */
	struct tap_point *points;
	size_t n_points;
	char *problem;       /* first structural problem (e.g. "test 3 out of
				sequence", "plan appears twice"), or NULL */
};

/* Parse text. Never fails on malformed input: problems are recorded. */
void tap_parse(const char *text, size_t len, struct tap_result *out);

/* True when the point counts as failed: "not ok" without a TODO directive.
 * "not ok ... # SKIP" fails, as in Perl's TAP::Parser (TAP 14 would not
 * fail it): SKIP says a test did not run, so it may not turn a failure
 * into a pass. "ok ... # TODO" passes. */
bool tap_point_failed(const struct tap_point *p);

/* True when the run counts as passing: a plan was seen, points == plan,
 * no point failed (tap_point_failed), no bail out, and no structural
 * problem.
 * On false, why (if not NULL) gets a learner-readable reason such as
 * "3 of 5 tests failed: 2 - rejects empty password, ..." or
 * "the plan promised 5 tests but 2 ran". */
bool tap_passed(const struct tap_result *t, char *why, size_t why_len);

void tap_result_clear(struct tap_result *t);

#endif
