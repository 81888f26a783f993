/*
 * grade.h - grade one submission against a loaded pack: every check in its
 * own sandboxed child, the quiz, and the JSON report (report_version 1).
 * This is the single grading entry point; `run` and the batch `grade`
 * command both call it.
 */
#ifndef GRADE_H
#define GRADE_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "diag.h"
#include "loaded_pack.h"
#include "sandbox.h"
#include "check_pool.h"

struct grade_options {
	const char *const *only_exercises; /* --exercise ids, or NULL for all */
	size_t n_only;
	const char *answers_path;  /* quiz answers; NULL: SUBMISSION/answers.json if present */
	const char *submission_label; /* recorded as "submission"; NULL: the path */
	/* Called after each check with the check's report object, e.g. for a
	 * live progress line; may be NULL. */
	void (*on_check)(const char *exercise_id, const cJSON *check, void *arg);
	void *on_check_arg;
	/* Run the checks on this pool's workers, several at once (the
	 * report and the on_check calls keep pack order); NULL: one after
	 * another in this process, in sb. */
	struct check_pool *pool;
};

/* Grade submission_dir. Returns 0 and sets *report (caller deletes), or
 * RR_EXIT_INVALID (bad submission or answers: diagnostics say why) or
 * RR_EXIT_INTERNAL (our own failure, e.g. no temporary directory).
 * A broken answers file does not stop grading: the report's quiz scores
 * 0 with "error" saying why (a warning is added to d), and the exercises
 * are graded as usual. */
int grade_submission(const struct loaded_pack *lp, struct sandbox *sb,
		     const char *submission_dir, const struct grade_options *o,
		     struct diag_list *d, cJSON **report);

/* The exit status a report stands for: RR_EXIT_PASS at full score,
 * RR_EXIT_FAIL otherwise. */
int grade_exit_status(const cJSON *report);

/* --pass-mark PERCENT, for run and grade: parses text as a number from 0
 * to 100 into *mark. Returns 0, or -1 for anything else. */
int grade_parse_pass_mark(const char *text, double *mark);

/* Whether score of max reaches mark percent (an empty pack reaches any). */
bool grade_reaches_pass_mark(double score, double max, double mark);

/* The exit status of a report under --pass-mark (mark < 0: none, the
 * report's own status): RR_EXIT_PASS when it reaches the mark. */
int grade_exit_status_at(const cJSON *report, double mark);

/* Hints used so far for an exercise, recorded by `roadmap-run hint` in
 * <submission>/.roadmap-run/hints.json; 0 when none. */
/* The report's unknown_entries (the submission's top-level entries no
 * exercise has the name of) as one line: "'Codes' (did you mean
 * 'codes/'?), 'notes.txt'", and " and N more" when more. Caller frees. */
char *grade_unknown_entries_text(const cJSON *list, size_t more);

int grade_hints_used(const char *submission_dir, const char *exercise_id);

#endif
