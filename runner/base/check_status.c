/* check_status.c - the one table of status names (check_status.h). */
#include <string.h>

#include "check_status.h"

static const char *const names[CHECK_STATUS_COUNT] = {
	[CHECK_PASS] = "pass",       [CHECK_FAIL] = "fail",     [CHECK_TIMEOUT] = "timeout",
	[CHECK_MEMORY] = "memory",   [CHECK_CRASH] = "crash",   [CHECK_OUTPUT] = "output",
	[CHECK_ERROR] = "error",     [CHECK_STATUS_OTHER] = "other",
};

const char *check_status_name(enum check_status s)
{
	return (unsigned)s < CHECK_STATUS_COUNT ? names[s] : names[CHECK_STATUS_OTHER];
}

enum check_status check_status_parse(const char *name)
{
	for (int s = 0; name && s < CHECK_STATUS_OTHER; s++)
		if (strcmp(name, names[s]) == 0)
			return (enum check_status)s;
	return CHECK_STATUS_OTHER;
}

enum check_status check_status_of(const cJSON *obj)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(obj, "status");
	return check_status_parse(cJSON_IsString(st) ? st->valuestring : NULL);
}
