/*
 * report.c - the JSON report (contract "Report"): the one place that turns
 * typed results into its objects, and applies the hidden-check rules as it
 * does; the totals; its atomic write; merging a partial run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_status.h"
#include "check.h"
#include "pathsafe.h"
#include "roadmap.h"
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

static void add_tap_points(cJSON *obj, const struct tap_result *t)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "tests");
	for (size_t i = 0; i < t->n_points; i++) {
		const struct tap_point *p = &t->points[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "number", (double)p->number);
		cJSON_AddBoolToObject(o, "ok", p->ok);
		char *d = check_clean_text(p->description ? p->description : "",
					   p->description ? strlen(p->description) : 0);
		cJSON_AddStringToObject(o, "description", d);
		free(d);
		if (p->directive)
			cJSON_AddStringToObject(o, "directive", p->directive);
		else
			cJSON_AddNullToObject(o, "directive");
		cJSON_AddItemToArray(arr, o);
	}
}

cJSON *report_check_object(const struct check_def *c, const struct check_result *res)
{
	cJSON *obj = cJSON_CreateObject();
	cJSON_AddStringToObject(obj, "id", c->id);
	cJSON_AddStringToObject(obj, "kind", manifest_check_kind_name(c->kind));
	cJSON_AddBoolToObject(obj, "hidden", c->hidden);
	if (c->description)
		cJSON_AddStringToObject(obj, "description", c->description);
	/* What ran, so a learner can run it too (and Exercism's test_code
	 * shows it); a hidden check's command is as hidden as its output,
	 * and so are its test points. */
	if (!c->hidden) {
		cJSON *run = cJSON_AddArrayToObject(obj, "run");
		for (size_t i = 0; c->run && c->run[i]; i++)
			cJSON_AddItemToArray(run, cJSON_CreateString(c->run[i]));
		if (res->has_tap)
			add_tap_points(obj, &res->tap);
	}
	struct sandbox_result none;
	memset(&none, 0, sizeof(none));
	bool ran = res->ran;
	const struct sandbox_result *r = ran ? &res->sandbox : &none;
	bool pass = res->status == CHECK_PASS;
	cJSON_AddStringToObject(obj, "status", check_status_name(res->status));
	cJSON_AddNumberToObject(obj, "score", pass ? c->points : 0);
	cJSON_AddNumberToObject(obj, "max_score", c->points);
	/* A hidden check's exit code, signal, time and memory are as much its
	 * output as what it prints: a submission could spell out the hidden
	 * tests (or their expected answers) in them, a byte per check. Only
	 * status and score stay; duration_ms, which every consumer sums, is
	 * 0, and cpu_ms and max_rss_kb are left out (docs/report-formats.md). */
	bool measured = ran && !c->hidden;
	cJSON_AddNumberToObject(obj, "duration_ms", measured ? (double)check_milliseconds(r->wall_seconds) : 0);
	if (!c->hidden) {
		cJSON_AddNumberToObject(obj, "cpu_ms", ran ? (double)check_milliseconds(r->cpu_seconds) : 0);
		cJSON_AddNumberToObject(obj, "max_rss_kb", ran ? (double)r->max_rss_kb : 0);
	}
	if (measured && r->outcome == SANDBOX_EXITED)
		cJSON_AddNumberToObject(obj, "exit_code", r->exit_code);
	else
		cJSON_AddNullToObject(obj, "exit_code");
	if (measured && r->signal && r->outcome != SANDBOX_EXITED) {
		char sig[96];
		check_signal_description(r->signal, sig, sizeof(sig));
		sig[strcspn(sig, " ")] = '\0';
		cJSON_AddStringToObject(obj, "signal", sig);
	} else {
		cJSON_AddNullToObject(obj, "signal");
	}
	/* Hidden checks keep status and score; nothing else about them may
	 * leak (contract, "Other rules"). */
	if (c->hidden) {
		cJSON_AddStringToObject(obj, "message", "");
		cJSON_AddStringToObject(obj, "output", "");
		cJSON_AddBoolToObject(obj, "output_truncated", false);
		cJSON_AddNullToObject(obj, "denial");
	} else {
		char *m = check_clean_text(res->message, strlen(res->message));
		cJSON_AddStringToObject(obj, "message", m);
		free(m);
		char *o = ran ? check_clean_text(r->combined, r->combined_len) : xstrdup("");
		cJSON_AddStringToObject(obj, "output", o);
		free(o);
		cJSON_AddBoolToObject(obj, "output_truncated", ran && r->output_truncated);
		if (ran && r->denial)
			cJSON_AddStringToObject(obj, "denial", r->denial);
		else
			cJSON_AddNullToObject(obj, "denial");
	}
	return obj;
}

static int num(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) ? x->valueint : 0;
}

/* The totals of a report, from its check objects and its quiz: the one
 * place scores are added up and statuses decided. */
struct totals {
	int score, max;
	int checks, errors;  /* checks run or not, and those with status error */
	int quiz_max;
};

static void exercise_totals(const cJSON *checks, int *score, int *max, struct totals *t)
{
	const cJSON *c;
	*score = *max = 0;
	cJSON_ArrayForEach(c, checks) {
		*score += num(c, "score");
		*max += num(c, "max_score");
		t->checks++;
		t->errors += check_status_of(c) == CHECK_ERROR;
	}
	t->score += *score;
	t->max += *max;
}

static enum check_status exercise_status(int score, int max)
{
	return score == max ? CHECK_PASS : CHECK_FAIL;
}

/* "pass" at full score, else "fail"; "error" when nothing could be
 * graded: every check has status "error" and there is no quiz. */
static enum check_status report_status(const struct totals *t)
{
	if (t->checks > 0 && t->errors == t->checks && t->quiz_max == 0)
		return CHECK_ERROR;
	return t->score == t->max ? CHECK_PASS : CHECK_FAIL;
}

static void add_quiz_totals(const cJSON *quiz, struct totals *t)
{
	t->quiz_max = num(quiz, "max_score");
	t->score += num(quiz, "score");
	t->max += t->quiz_max;
}

cJSON *report_build(struct report_parts *p)
{
	struct totals t = { 0 };
	int *ex_score = xcalloc(p->n_exercises + 1, sizeof(int));
	int *ex_max = xcalloc(p->n_exercises + 1, sizeof(int));
	for (size_t i = 0; i < p->n_exercises; i++)
		exercise_totals(p->exercises[i].checks, &ex_score[i], &ex_max[i], &t);
	cJSON *quiz = p->quiz;
	if (quiz) {
		if (p->quiz_error)
			cJSON_AddStringToObject(quiz, "error", p->quiz_error);
	} else {
		quiz = cJSON_CreateObject();
		cJSON_AddNumberToObject(quiz, "score", 0);
		cJSON_AddNumberToObject(quiz, "max_score", 0);
		cJSON_AddArrayToObject(quiz, "questions");
	}
	p->quiz = NULL;
	add_quiz_totals(quiz, &t);

	cJSON *rep = cJSON_CreateObject();
	cJSON_AddNumberToObject(rep, "report_version", RR_REPORT_VERSION);
	cJSON *runner = cJSON_AddObjectToObject(rep, "runner");
	cJSON_AddStringToObject(runner, "name", RR_NAME);
	cJSON_AddStringToObject(runner, "version", RR_VERSION);
	cJSON *pack = cJSON_AddObjectToObject(rep, "pack");
	cJSON_AddStringToObject(pack, "id", p->m->id);
	cJSON_AddStringToObject(pack, "title", p->m->title);
	cJSON_AddStringToObject(pack, "version", p->m->version);
	cJSON_AddNumberToObject(pack, "stage", p->m->stage);
	cJSON_AddStringToObject(pack, "digest", p->digest);
	cJSON_AddStringToObject(rep, "track", p->m->track ? p->m->track : MANIFEST_BASE_TRACK);
	cJSON_AddStringToObject(rep, "submission", p->submission);
	cJSON_AddStringToObject(rep, "status", check_status_name(report_status(&t)));
	cJSON_AddNumberToObject(rep, "score", t.score);
	cJSON_AddNumberToObject(rep, "max_score", t.max);
	cJSON *exercises = cJSON_AddArrayToObject(rep, "exercises");
	for (size_t i = 0; i < p->n_exercises; i++) {
		struct report_exercise *e = &p->exercises[i];
		cJSON *eo = cJSON_CreateObject();
		cJSON_AddStringToObject(eo, "id", e->ex->id);
		cJSON_AddStringToObject(eo, "title", e->ex->title);
		cJSON_AddStringToObject(eo, "status", check_status_name(exercise_status(ex_score[i], ex_max[i])));
		cJSON_AddNumberToObject(eo, "score", ex_score[i]);
		cJSON_AddNumberToObject(eo, "max_score", ex_max[i]);
		cJSON_AddNumberToObject(eo, "hints_used", e->hints_used);
		cJSON_AddItemToObject(eo, "checks", e->checks);
		e->checks = NULL;
		if (e->warning)
			cJSON_AddStringToObject(eo, "warning", e->warning);
		cJSON_AddItemToArray(exercises, eo);
	}
	cJSON_AddItemToObject(rep, "quiz", quiz);
	if (p->unknown_entries) {
		cJSON_AddItemToObject(rep, "unknown_entries", p->unknown_entries);
		p->unknown_entries = NULL;
		if (p->unknown_entries_more)
			cJSON_AddNumberToObject(rep, "unknown_entries_more", (double)p->unknown_entries_more);
	}
	if (p->partial)
		cJSON_AddBoolToObject(rep, "partial", true);
	cJSON_AddItemToObject(rep, "sandbox", report_sandbox_object(p->layers));
	cJSON_AddNumberToObject(rep, "duration_ms", (double)check_milliseconds(p->seconds));
	free(ex_score);
	free(ex_max);
	return rep;
}

/* A member set to v, added when a report read from disk lacks it. */
static void set_num(cJSON *o, const char *k, int v)
{
	if (!cJSON_ReplaceItemInObjectCaseSensitive(o, k, cJSON_CreateNumber(v)))
		cJSON_AddNumberToObject(o, k, v);
}

static void set_str(cJSON *o, const char *k, const char *v)
{
	if (!cJSON_ReplaceItemInObjectCaseSensitive(o, k, cJSON_CreateString(v)))
		cJSON_AddStringToObject(o, k, v);
}

void report_finalize(cJSON *report)
{
	struct totals t = { 0 };
	cJSON *ex;
	cJSON_ArrayForEach(ex, cJSON_GetObjectItemCaseSensitive(report, "exercises")) {
		int es, em;
		exercise_totals(cJSON_GetObjectItemCaseSensitive(ex, "checks"), &es, &em, &t);
		set_num(ex, "score", es);
		set_num(ex, "max_score", em);
		set_str(ex, "status", check_status_name(exercise_status(es, em)));
	}
	add_quiz_totals(cJSON_GetObjectItemCaseSensitive(report, "quiz"), &t);
	set_num(report, "score", t.score);
	set_num(report, "max_score", t.max);
	set_str(report, "status", check_status_name(report_status(&t)));
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
