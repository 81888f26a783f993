/*
 * fuzz_quiz_parse_answers.c - libFuzzer harness for quiz_parse_answers
 * (a learner's answers.json) against a fixed quiz with one question of
 * every type, then quiz_grade on what was accepted. Properties: 0 comes
 * with no error and an object, RR_EXIT_INVALID with at least one error and
 * no object; graded scores stay within 0..max and add up.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz.h"
#include "roadmap.h"
#include "util.h"

static const char fqa_quiz_json[] =
	"[{\"id\":\"s\",\"type\":\"single\",\"prompt\":\"p\",\"explanation\":\"e\","
	"\"choices\":[\"a\",\"b\",\"c\"],\"answer\":1},"
	"{\"id\":\"m\",\"type\":\"multiple\",\"prompt\":\"p\",\"explanation\":\"e\",\"points\":4,"
	"\"choices\":[\"a\",\"b\",\"c\",\"d\"],\"answer\":[0,2]},"
	"{\"id\":\"b\",\"type\":\"bool\",\"prompt\":\"p\",\"explanation\":\"e\",\"answer\":true},"
	"{\"id\":\"t\",\"type\":\"text\",\"prompt\":\"p\",\"explanation\":\"e\","
	"\"accept\":[\"Zo\\u00eb  says\"],\"regex\":[\"hsts( header)?\",\"a.*b\"]},"
	"{\"id\":\"tc\",\"type\":\"text\",\"prompt\":\"p\",\"explanation\":\"e\","
	"\"accept\":[\"X\"],\"case_sensitive\":true,\"fold_whitespace\":false},"
	"{\"id\":\"n\",\"type\":\"number\",\"prompt\":\"p\",\"explanation\":\"e\","
	"\"answer\":0.3,\"tolerance\":0.1}]";

static int fqa_num(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsNumber(x))
		abort();
	return x->valueint;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cJSON *quiz;
	if (!quiz) {
		struct diag_list vd = DIAG_LIST_INIT;
		quiz = cJSON_Parse(fqa_quiz_json);
		if (!quiz || (quiz_validate(quiz, "quiz", &vd), diag_errors(&vd)))
			abort();
		diag_clear(&vd);
	}
	char *text = xmalloc(size);
	if (size)
		memcpy(text, data, size);
	cJSON *answers = (cJSON *)1;
	struct diag_list d = DIAG_LIST_INIT;
	int r = quiz_parse_answers(text, size, "answers.json", quiz, &answers, &d);
	if (r == 0) {
		if (diag_errors(&d) || !cJSON_IsObject(answers))
			abort();
		cJSON *g = quiz_grade(quiz, answers);
		int score = fqa_num(g, "score"), max = fqa_num(g, "max_score"), sum = 0;
		if (score < 0 || score > max || max != 1 + 4 + 1 + 1 + 1 + 1)
			abort();
		const cJSON *q;
		cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(g, "questions")) {
			int s = fqa_num(q, "score");
			if (s < 0 || s > fqa_num(q, "max_score"))
				abort();
			sum += s;
		}
		if (sum != score)
			abort();
		cJSON_Delete(g);
		cJSON_Delete(answers);
	} else if (r != RR_EXIT_INVALID || diag_errors(&d) == 0 || answers != NULL) {
		abort();
	}
	diag_clear(&d);
	free(text);
	return 0;
}
