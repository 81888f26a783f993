/*
 * fuzz_quiz_validate.c - libFuzzer harness for quiz_validate (the pack's
 * quiz, written by an author or imported), then scoring.
 *
 * The input is JSON: a quiz array, or {"quiz": [...], "answers": {...}}.
 * Properties: validation never crashes or leaks; for a quiz without errors,
 * every question answered with its own key (single, multiple, bool,
 * number, a text question's first accept string) is "correct" at full
 * points; every answer quiz_check_answer accepts scores within 0..points.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quiz.h"
#include "util.h"

static void fqv_score_key(const cJSON *q)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(q, "type");
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(q, "answer");
	if (strcmp(type->valuestring, "text") == 0) {
		const cJSON *acc = cJSON_GetObjectItemCaseSensitive(q, "accept");
		key = acc ? acc->child : NULL;
	}
	if (!key)
		return;
	char why[128];
	if (quiz_check_answer(q, key, why, sizeof(why)))
		abort(); /* the author's own key must be a well-formed answer */
	const char *status = NULL;
	int s = quiz_score_question(q, key, &status);
	if (s != quiz_question_points(q) || strcmp(status, "correct") != 0)
		abort();
}

/* Known issue (robustness finding 1, quiz.c): glibc regcomp needs memory
 * exponential in stacked quantifiers ("a+++...") and large bounds
 * ("a{1,32767}"), so such a quiz exhausts memory on load. Until quiz.c
 * refuses those patterns, skip inputs that contain them so the fuzzer can
 * look for other bugs; delete this filter once the fix is in. */
static bool fqv_known_regex_blowup(const cJSON *quiz)
{
	const cJSON *q, *re;
	cJSON_ArrayForEach(q, quiz) {
		cJSON_ArrayForEach(re, cJSON_GetObjectItemCaseSensitive(q, "regex")) {
			if (!cJSON_IsString(re))
				continue;
			const char *s = re->valuestring;
			if (strchr(s, '{') || strlen(s) > 200)
				return true;
			for (size_t i = 1; s[0] && s[i]; i++)
				if (strchr("*+?", s[i]) && strchr("*+?)", s[i - 1]))
					return true;
		}
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *root = cJSON_ParseWithLength((const char *)data, size);
	if (!root)
		return 0;
	const cJSON *quiz = root, *answers = NULL;
	if (cJSON_IsObject(root)) {
		quiz = cJSON_GetObjectItemCaseSensitive(root, "quiz");
		answers = cJSON_GetObjectItemCaseSensitive(root, "answers");
	}
	if (cJSON_IsArray(quiz) && fqv_known_regex_blowup(quiz)) {
		cJSON_Delete(root);
		return 0;
	}
	struct diag_list d = DIAG_LIST_INIT;
	int total = quiz_validate(quiz, "pack.json", &d);
	if (total < 0)
		abort();
	if (quiz && cJSON_IsArray(quiz) && diag_errors(&d) == 0) {
		const cJSON *q;
		cJSON_ArrayForEach(q, quiz)
			fqv_score_key(q);
		if (!cJSON_IsObject(answers))
			answers = NULL; /* quiz_parse_answers only ever passes an object */
		cJSON_ArrayForEach(q, answers) {
			const cJSON *question = quiz_find_question(quiz, q->string);
			char why[64];
			if (!question || quiz_check_answer(question, q, why, sizeof(why)))
				continue;
			const char *status = NULL;
			int s = quiz_score_question(question, q, &status);
			if (s < 0 || s > quiz_question_points(question) || !status)
				abort();
		}
		cJSON *g = quiz_grade(quiz, answers);
		const cJSON *max = cJSON_GetObjectItemCaseSensitive(g, "max_score");
		if (!cJSON_IsNumber(max) || max->valueint != total)
			abort();
		cJSON_Delete(g);
	}
	diag_clear(&d);
	cJSON_Delete(root);
	return 0;
}
