/*
 * quiz.h - the quiz: validation of the pack's questions, loading of a
 * learner's answers.json, scoring, the interactive terminal quiz and the
 * Moodle GIFT importer. Question and answer formats: docs/pack-format.md.
 */
#ifndef QUIZ_H
#define QUIZ_H

#include <stdbool.h>
#include <stdio.h>
#include <cjson/cJSON.h>
#include "diag.h"

/* Validate the pack's "quiz" array (NULL is fine: no quiz). Problems are
 * appended with where = "quiz[3].answer" and file = file. Also checks that
 * every answer key is consistent with its choices (index in range, at
 * least one right choice, regexes compile). Returns the total points. */
int quiz_validate(const cJSON *quiz, const char *file, struct diag_list *d);

/* Parse answers.json text (file names it in messages) against quiz.
 * Returns 0 and sets *answers (the "answers" object, detached, caller
 * deletes) or RR_EXIT_INVALID with diagnostics (syntax errors with line and
 * column; wrong types name the question). */
int quiz_parse_answers(const char *text, size_t len, const char *file,
		       const cJSON *quiz, cJSON **answers, struct diag_list *d);

/* Score one question against a given answer (NULL = unanswered).
 * Returns the points earned, sets *status to "correct", "incorrect" or
 * "unanswered". */
int quiz_score_question(const cJSON *question, const cJSON *given,
			const char **status);

/* Build the report's "quiz" object:
 * { "score", "max_score", "questions": [ { "id", "status", "score",
 *   "max_score" } ] }. answers may be NULL. Caller deletes. */
cJSON *quiz_grade(const cJSON *quiz, const cJSON *answers);

/* Additions for the interactive quiz, the importer and the report (all
 * backward compatible with the interface above). */

/* A fraction within this of a whole number of points counts as it, so
 * weights such as 33.333% add up the way Moodle's grades do. */
#define QUIZ_FRACTION_SLACK 1e-4

/* Upper bound of a question's "points", so sums never overflow. */
#define QUIZ_MAX_POINTS 10000

/* A question's points: "points", or 1 when absent. */
int quiz_question_points(const cJSON *question);

/* The question with this id, or NULL. */
const cJSON *quiz_find_question(const cJSON *quiz, const char *id);

/* Check that given fits question's type (index in range, no duplicate
 * indexes, a string for text...). Returns NULL when it fits (null counts as
 * unanswered and fits), else why, filled with the reason. */
const char *quiz_check_answer(const cJSON *question, const cJSON *given,
			      char *why, size_t whylen);

/* Text as a text answer is compared (caller frees): Unicode NFC, or with
 * fold_case NFKC and full case folding ("Straße" and "STRASSE" give
 * "strasse"). Text that is not UTF-8 is returned as it is. */
char *quiz_fold_text(const char *s, bool fold_case);

#endif
