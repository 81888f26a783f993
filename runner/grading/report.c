/* report.c - the JSON report's shared parts and its atomic write. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_status.h"
#include "pathsafe.h"
#include "report.h"
#include "util.h"

cJSON *report_sandbox_object(const struct sandbox_layers *l)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *ns = cJSON_AddArrayToObject(o, "namespaces");
	const struct { bool on; const char *name; } nss[] = {
		{ l->user_ns, "user" }, { l->pid_ns, "pid" }, { l->net_ns, "net" },
		{ l->mount_ns, "mount" }, { l->ipc_ns, "ipc" }, { l->uts_ns, "uts" },
	};
	for (size_t i = 0; i < sizeof(nss) / sizeof(nss[0]); i++)
		if (nss[i].on)
			cJSON_AddItemToArray(ns, cJSON_CreateString(nss[i].name));
	cJSON_AddNumberToObject(o, "landlock_abi", l->landlock_abi);
	cJSON_AddBoolToObject(o, "seccomp", l->seccomp);
	cJSON_AddBoolToObject(o, "seccomp_notify", l->seccomp_notify);
	if (l->cgroup && l->cgroup_version)
		cJSON_AddStringToObject(o, "cgroup", l->cgroup_version);
	else
		cJSON_AddNullToObject(o, "cgroup");
	cJSON_AddBoolToObject(o, "rlimits", l->rlimits);
	cJSON_AddBoolToObject(o, "privilege_drop", l->privilege_drop);
	return o;
}

static int num(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) ? x->valueint : 0;
}

static void set_num(cJSON *o, const char *k, int v)
{
	cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	if (x)
		cJSON_SetNumberValue(x, v);
	else
		cJSON_AddNumberToObject(o, k, v);
}

static void set_str(cJSON *o, const char *k, const char *v)
{
	if (cJSON_GetObjectItemCaseSensitive(o, k))
		cJSON_ReplaceItemInObjectCaseSensitive(o, k, cJSON_CreateString(v));
	else
		cJSON_AddStringToObject(o, k, v);
}

void report_finalize(cJSON *report)
{
	int score = 0, max = 0, checks = 0, errors = 0;
	const cJSON *ex;
	cJSON_ArrayForEach(ex, cJSON_GetObjectItemCaseSensitive(report, "exercises")) {
		int es = 0, em = 0;
		const cJSON *c;
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(ex, "checks")) {
			es += num(c, "score");
			em += num(c, "max_score");
			checks++;
			errors += check_status_of(c) == CHECK_ERROR;
		}
		set_num((cJSON *)ex, "score", es);
		set_num((cJSON *)ex, "max_score", em);
		set_str((cJSON *)ex, "status", check_status_name(es == em ? CHECK_PASS : CHECK_FAIL));
		score += es;
		max += em;
	}
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(report, "quiz");
	int quiz_max = num(quiz, "max_score");
	score += num(quiz, "score");
	max += quiz_max;
	set_num(report, "score", score);
	set_num(report, "max_score", max);
	enum check_status status = score == max ? CHECK_PASS : CHECK_FAIL;
	if (checks > 0 && errors == checks && quiz_max == 0)
		status = CHECK_ERROR;
	set_str(report, "status", check_status_name(status));
}

char *report_text(const cJSON *report)
{
	char *text = cJSON_Print(report);
	if (!text)
		return NULL;
	char *with_nl = xasprintf("%s\n", text);
	cJSON_free(text);
	return with_nl;
}

int report_write(const cJSON *report, const char *path)
{
	char *text = report_text(report);
	if (!text)
		return -ENOMEM;
	size_t len = strlen(text);
	int ret = 0;
	if (strcmp(path, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
			ret = -EIO;
	} else {
		ret = pathsafe_write_named(path, text, len);
	}
	free(text);
	return ret;
}

static const char *pack_digest(const cJSON *report)
{
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(report, "pack");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(pack, "digest");
	return cJSON_IsString(d) ? d->valuestring : NULL;
}

static const cJSON *find_exercise(const cJSON *report, const char *id)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(report, "exercises")) {
		const cJSON *eid = cJSON_GetObjectItemCaseSensitive(e, "id");
		if (cJSON_IsString(eid) && strcmp(eid->valuestring, id) == 0)
			return e;
	}
	return NULL;
}

cJSON *report_merge_partial(const cJSON *previous, const cJSON *partial)
{
	const char *old_digest = pack_digest(previous), *new_digest = pack_digest(partial);
	const cJSON *old_ex = cJSON_GetObjectItemCaseSensitive(previous, "exercises");
	if (!old_digest || !new_digest || strcmp(old_digest, new_digest) != 0 || !cJSON_IsArray(old_ex) ||
	    !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(previous, "quiz")))
		return NULL;
	cJSON *merged = cJSON_Duplicate(partial, true);
	cJSON *exercises = cJSON_CreateArray();
	const cJSON *e;
	/* the previous report's order is the pack's order */
	cJSON_ArrayForEach(e, old_ex) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		const cJSON *now = cJSON_IsString(id) ? find_exercise(partial, id->valuestring) : NULL;
		cJSON_AddItemToArray(exercises, cJSON_Duplicate(now ? now : e, true));
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(partial, "exercises")) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		if (cJSON_IsString(id) && !find_exercise(previous, id->valuestring))
			cJSON_AddItemToArray(exercises, cJSON_Duplicate(e, true));
	}
	cJSON_ReplaceItemInObjectCaseSensitive(merged, "exercises", exercises);
	cJSON_ReplaceItemInObjectCaseSensitive(
		merged, "quiz", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(previous, "quiz"), true));
	if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(previous, "partial")))
		cJSON_DeleteItemFromObjectCaseSensitive(merged, "partial");
	report_finalize(merged);
	return merged;
}

cJSON *report_read(const char *path, time_t *mtime)
{
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	/* util_read_regular_file refuses a link or a FIFO; lstat gives the time */
	if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    util_read_regular_file(path, 64 << 20, &text, &len) < 0)
		return NULL;
	cJSON *report = cJSON_ParseWithLength(text, len);
	free(text);
	if (report && mtime)
		*mtime = st.st_mtime;
	return report;
}
