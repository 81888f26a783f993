/*
 * fuzz_gift_convert.c - libFuzzer harness for gift_convert (a Moodle GIFT
 * bank from anywhere). The first byte picks --skip-unsupported. Properties:
 * the result is always an array of exactly st.converted questions, every
 * one of which passes quiz_validate (an import never produces a quiz the
 * runner would then refuse), and the counts add up.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gift.h"
#include "quiz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool skip = data[0] & 1;
	size--;
	char *text = xmalloc(size);
	if (size)
		memcpy(text, data + 1, size);
	struct gift_stats st;
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *out = gift_convert(text, size, "bank.gift", skip, &st, &d);
	if (!cJSON_IsArray(out) || cJSON_GetArraySize(out) != st.converted)
		abort();
	if (st.converted + st.unsupported + st.malformed > st.questions || st.converted < 0)
		abort();
	struct diag_list vd = DIAG_LIST_INIT;
	quiz_validate(out, "out.json", &vd);
	if (diag_errors(&vd))
		abort();
	char *printed = cJSON_PrintUnformatted(out);
	cJSON *back = cJSON_Parse(printed);
	if (!back)
		abort(); /* the JSON written by quiz-import must parse */
	cJSON_Delete(back);
	cJSON_free(printed);
	diag_clear(&vd);
	diag_clear(&d);
	cJSON_Delete(out);
	free(text);
	return 0;
}
