/*
 * check.h - run one check: build its private work directory (a copy of the
 * submission's exercise directory with the pack's tests/ read-only), run
 * it in the sandbox, judge it by its kind (exit, tap, output), and turn the
 * outcome into the contract's status and a message a learner understands:
 * a struct check_result, which report.c writes into the report.
 */
#ifndef CHECK_H
#define CHECK_H

/* The most an exercise of a submission may hold: measured once before its
 * checks (grade.c), and enforced again on what each check's copy writes,
 * since the submission may grow while it is graded. */
#define CHECK_MAX_SUBMISSION_BYTES (128L * 1024 * 1024)
#define CHECK_MAX_SUBMISSION_ENTRIES 20000L

#include <stdbool.h>
#include "check_status.h"
#include "manifest.h"
#include "sandbox.h"
#include "tap.h"

/* What one check came to. check.c fills it; report.c alone turns it into
 * the report's check object, and applies the hidden-check rules there, so
 * a result here always holds everything (validate shows authors the
 * messages of hidden checks). */
struct check_result {
	enum check_status status;
	char *message;  /* what happened, in the learner's terms ("" when there
			 * is nothing to add); raw bytes, never NULL */
	bool ran;       /* the command ran: sandbox holds the facts */
	struct sandbox_result sandbox;
	bool has_tap;   /* a TAP check that exited: tap holds its test points */
	struct tap_result tap;
};

/* Free what r holds and zero it. */
void check_result_clear(struct check_result *r);

/* Run check c of exercise ex. exercise_src is SUBMISSION/<exercise-id>
 * (it may not exist: the check then sees an empty directory), pack_root the
 * pack's root, scratch a private directory this call may create work
 * directories in. Always fills *out (status CHECK_ERROR when the check
 * could not be run); clear it with check_result_clear. */
void check_run(struct sandbox *sb, const char *pack_root,
	       const struct exercise_def *ex, const struct check_def *c,
	       const char *exercise_src, const char *scratch,
	       struct check_result *out);

/* The result of a check that was not run because of a problem found
 * before (e.g. the submission's exercise directory cannot be copied):
 * CHECK_ERROR with message. Clear it with check_result_clear. */
void check_not_run(const char *message, struct check_result *out);

/* seconds as the report's whole milliseconds, rounded. */
long check_milliseconds(double seconds);

/* Where check work directories are made: the sandbox's workspace when
 * checks have a mount namespace (nothing of the host's paths then shows
 * inside a check); else $TMPDIR when it is set; else /dev/shm when it is
 * a writable tmpfs and the sandbox charges a check's memory (and so its
 * tmpfs files) to a cgroup; else NULL for /tmp. Work directories are
 * created and removed for every check, and on a disk file system that
 * costs more than the check itself. */
const char *check_scratch_base(const struct sandbox *sb);

/* Keep the output of every exercise's "prepare" step in dir (an existing
 * directory only the runner can reach), shared by this process and the
 * workers it forks after the call, so that a step runs once per runner
 * and not once per submission; NULL goes back to one per scratch
 * directory. The output depends only on the pack, and dir must serve one
 * pack: it is keyed by exercise id. */
void check_share_prepared(const char *dir);

/* Pure parts, exposed for unit tests. */

/* Map a sandbox outcome (for anything but a clean exit judged by kind) to
 * a status and message. Returns CHECK_TIMEOUT, CHECK_MEMORY, CHECK_OUTPUT,
 * CHECK_CRASH or CHECK_ERROR and writes msg. */
enum check_status check_status_for_outcome(const struct sandbox_result *r,
					   const struct check_def *c,
					   char *msg, size_t msglen);

/* "SIGSEGV (segmentation fault)" for 11. */
const char *check_signal_description(int sig, char *buf, size_t len);

/* Compare actual stdout with expected per the check's compare mode.
 * Returns true when equal; otherwise writes a message naming the first
 * differing line with the expected and actual text. */
bool check_compare_output(const char *expected, size_t elen, const char *actual,
			  size_t alen, bool exact, char *msg, size_t msglen);

/* Make text safe for JSON: valid UTF-8 (invalid bytes become U+FFFD), no
 * NUL bytes. Caller frees. */
char *check_clean_text(const char *s, size_t len);

#endif
