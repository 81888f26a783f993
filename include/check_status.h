/*
 * check_status.h - the statuses of the report (contract "Report"): a
 * check's seven, of which a report and an exercise use pass, fail and
 * error. This is the one place that turns a status into its name and a
 * name back into a status; nothing else compares status strings.
 */
#ifndef CHECK_STATUS_H
#define CHECK_STATUS_H

#include <cjson/cJSON.h>

/* In the order the class report lists them. */
enum check_status {
	CHECK_PASS,
	CHECK_FAIL,
	CHECK_TIMEOUT,
	CHECK_MEMORY,
	CHECK_CRASH,
	CHECK_OUTPUT,
	CHECK_ERROR,
	/* A name the contract does not know (a report from elsewhere, or a
	 * missing status): named "other". */
	CHECK_STATUS_OTHER,
};
#define CHECK_STATUS_COUNT (CHECK_STATUS_OTHER + 1)

/* "pass" for CHECK_PASS ... "other" for CHECK_STATUS_OTHER (and for a
 * value out of range). Never NULL. */
const char *check_status_name(enum check_status s);

/* The status named name; CHECK_STATUS_OTHER for NULL or an unknown name. */
enum check_status check_status_parse(const char *name);

/* The status in obj's "status" member (a report, an exercise, a check or
 * a gradebook row); CHECK_STATUS_OTHER when it is missing or not a
 * string. */
enum check_status check_status_of(const cJSON *obj);

#endif
