/*
 * validate.c - `roadmap-run validate PACK`: everything a pack author must
 * know before shipping, all at once. Beyond the schema and file checks of
 * manifest.c, every check is actually run, in the sandbox, against:
 *   - the reference solution   (every check must pass),
 *   - an empty submission      (every check must fail, else it is vacuous),
 *   - the starter code and each wrong/<name> solution (each check must fail
 *     on at least one of them, and none may score full marks),
 *   - each accept/<name> solution: other correct solutions, written another
 *     way (every check must pass on each, as on the reference). wrong/
 *     guards against checks that accept too much, accept/ against checks
 *     that reject correct work the prompt allows.
 * The reference's and the alternatives' CPU time calibrate the timeouts.
 */
#include <dirent.h>
#include <ftw.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "check_pool.h"
#include "command_table.h"
#include "commands.h"
#include "loaded_pack.h"
#include "roadmap.h"
#include "sandbox.h"
#include "pathsafe.h"
#include "report.h"
#include "util.h"

#define TIMEOUT_MARGIN 3.0

/* What a variant must do: the reference and accept/ ones pass every check,
 * the others must be caught. */
enum variant_kind { V_SOLUTION, V_EMPTY, V_STARTER, V_WRONG, V_ACCEPT };

struct variant {
	char *name; /* "solution", "starter", "empty", "wrong/<x>", "accept/<x>" */
	char *src;  /* directory, or a path that does not exist for "empty" */
	enum variant_kind kind;
};

struct outcome {
	bool pass;
	double cpu_ms;
	char *message;
	char *directive;  /* the first TODO/SKIP test point of a TAP check, or NULL */
};

/* "test 2 'greet(...)' carries '# TODO'" for the first test point of a TAP
 * check's report that carries a TODO or SKIP directive, or NULL. */
static char *first_directive(const cJSON *check)
{
	const cJSON *tests = cJSON_GetObjectItemCaseSensitive(check, "tests");
	const cJSON *t;
	cJSON_ArrayForEach(t, tests) {
		const cJSON *dir = cJSON_GetObjectItemCaseSensitive(t, "directive");
		const cJSON *num = cJSON_GetObjectItemCaseSensitive(t, "number");
		const cJSON *desc = cJSON_GetObjectItemCaseSensitive(t, "description");
		if (!cJSON_IsString(dir))
			continue;
		return xasprintf("test %.0f '%.80s' carries '# %.4s'",
				 cJSON_IsNumber(num) ? num->valuedouble : 0,
				 cJSON_IsString(desc) ? desc->valuestring : "", dir->valuestring);
	}
	return NULL;
}

/* Append one variant per sub-directory of the pack-relative directory rel
 * (wrong/ or accept/), named "<prefix>/<sub-directory>", in sorted order. */
static int add_dir_variants(const char *root, const char *rel, const char *prefix,
			    enum variant_kind kind, struct variant *v, int n, int cap)
{
	if (!rel)
		return n;
	char *dir = util_path_join(root, rel);
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char *names[64];
		int k = 0;
		while ((e = readdir(d)) && k < 64) {
			if (e->d_name[0] == '.')
				continue;
			char *p = util_path_join(dir, e->d_name);
			struct stat st;
			if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
				names[k++] = xstrdup(e->d_name);
			free(p);
		}
		closedir(d);
		/* Sorted, so the output is the same on every machine. */
		for (int i = 0; i < k; i++)
			for (int j = i + 1; j < k; j++)
				if (strcmp(names[j], names[i]) < 0) {
					char *t = names[i];
					names[i] = names[j];
					names[j] = t;
				}
		for (int i = 0; i < k; i++) {
			if (n < cap) {
				v[n].name = xasprintf("%s/%s", prefix, names[i]);
				v[n].src = util_path_join(dir, names[i]);
				v[n].kind = kind;
				n++;
			}
			free(names[i]);
		}
	}
	free(dir);
	return n;
}

/* What a check's report object says, for validate. */
static struct outcome outcome_of(const cJSON *o, const struct check_def *c)
{
	struct outcome out;
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "status");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(o, "message");
	const cJSON *cpu = cJSON_GetObjectItemCaseSensitive(o, "cpu_ms");
	out.pass = check_status_of(o) == CHECK_PASS;
	out.cpu_ms = cJSON_IsNumber(cpu) ? cpu->valuedouble : 0;
	out.message = xasprintf("%s%s%s", cJSON_IsString(st) ? st->valuestring : "?",
				cJSON_IsString(msg) && *msg->valuestring ? ": " : "",
				cJSON_IsString(msg) ? msg->valuestring : "");
	out.directive = c->kind == CHECK_KIND_TAP ? first_directive(o) : NULL;
	return out;
}

static void outcome_clear(struct outcome *o)
{
	free(o->message);
	free(o->directive);
	*o = (struct outcome){ 0 };
}

/* The cheat a learner tries first: code that exits 0 as soon as it is
 * imported or run. In the "gutted" copy of the reference every .py file
 * becomes "import os; os._exit(0)" and every .sh file "exit 0"; in the
 * "removed" copy they are deleted. A check that passes on the gutted copy
 * but not on the removed one depends on the learner's code yet judges it by
 * exit status alone: it can be fooled. (A check that passes on both only
 * reads the learner's data files, which is fine.) */
static int cheat_files;
static bool cheat_remove;

static int cheat_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	size_t n = strlen(path);
	const char *body = NULL;
	if (n > 3 && strcmp(path + n - 3, ".py") == 0)
		body = "import os\nos._exit(0)\n";
	else if (n > 3 && strcmp(path + n - 3, ".sh") == 0)
		body = "exit 0\n";
	else if ((n > 3 && strcmp(path + n - 3, ".js") == 0) ||
		 (n > 4 && (strcmp(path + n - 4, ".mjs") == 0 || strcmp(path + n - 4, ".cjs") == 0)))
		body = "process.exit(0);\n";
	if (!body)
		return 0;
	if (cheat_remove ? unlink(path) == 0 : pathsafe_write_named(path, body, strlen(body)) == 0)
		cheat_files++;
	return 0;
}

static char *make_cheat(const char *root, const struct exercise_def *ex, const char *scratch,
			bool remove)
{
	char *src = util_path_join(root, ex->solution);
	char *dst = xasprintf("%s/cheat-%s-%s", scratch, remove ? "removed" : "gutted", ex->id);
	size_t skipped;
	cheat_files = 0;
	cheat_remove = remove;
	if (pathsafe_copy_tree(src, dst, false, false, &skipped) < 0 ||
	    nftw(dst, cheat_one, 16, FTW_PHYS) != 0 || cheat_files == 0) {
		util_rm_rf(dst);
		free(dst);
		dst = NULL;
	}
	free(src);
	return dst;
}

static void remove_cheat(char *dir)
{
	if (dir) {
		util_rm_rf(dir);
		free(dir);
	}
}

/* The JSON path of exercise index in its track, then rest:
 * "exercises[2].tracks.javascript.solution". Caller frees. */
static char *ex_where(size_t index, const struct exercise_def *ex, const char *rest)
{
	bool base = !ex->track || strcmp(ex->track, MANIFEST_BASE_TRACK) == 0;
	return xasprintf("exercises[%zu]%s%s%s", index, base ? "" : ".tracks.", base ? "" : ex->track, rest);
}

/* Prompts state every rule a check enforces: a hidden check hides its data,
 * never its rule. The lint: each check is named in the prompt, as `id` in
 * backticks (the convention is a "## Checks" section listing each check id
 * with the rule it enforces), or the prompt contains the check's
 * description word for word. A check the prompt does not cover is a warning:
 * the learner may be marked down for a rule they were never told. */
static void lint_prompt_covers(const char *root, const struct exercise_def *ex, size_t index,
			       struct diag_list *d)
{
	char *path = util_path_join(root, ex->prompt), *text = NULL;
	size_t len = 0;
	if (util_read_file(path, 1 << 20, &text, &len) < 0) {
		free(path);
		return; /* manifest.c already reported a missing prompt */
	}
	for (size_t j = 0; j < ex->n_checks; j++) {
		const struct check_def *c = &ex->checks[j];
		char *tick = xasprintf("`%s`", c->id);
		bool covered = strstr(text, tick) || (c->description && *c->description &&
						       strstr(text, c->description));
		if (!covered) {
			char *rest = xasprintf(".checks[%zu] '%s/%s'", j, ex->id, c->id);
			char *where = ex_where(index, ex, rest);
			free(rest);
			diag_add(d, DIAG_WARNING, NULL, where, 0, 0,
				 "%s check whose rule the prompt never states: name it as `%s` in the "
				 "prompt's \"## Checks\" section with the rule it enforces",
				 c->hidden ? "a hidden" : "a", c->id);
			free(where);
		}
		free(tick);
	}
	free(text);
	free(path);
}

#define MAX_VARIANTS (3 + 2 * 64) /* solution, empty, starter, wrong/ and accept/ */

/* The timeout must leave room for slower machines: warn when a check used
 * more than a third of it on a solution that must pass. */
static void check_timeout(struct diag_list *d, const char *where, const struct check_def *c,
			  const struct variant *v, double cpu_ms)
{
	double limit_ms = c->limits.timeout * 1000;
	if (cpu_ms * TIMEOUT_MARGIN > limit_ms)
		diag_add(d, DIAG_WARNING, NULL, where, 0, 0,
			 "timeout %g s is less than %.0fx the CPU time of the %s (%.0f ms); "
			 "slow machines may time out", c->limits.timeout, TIMEOUT_MARGIN,
			 v->kind == V_SOLUTION ? "reference" : v->name, cpu_ms);
}

/* Every check of an exercise is run on every variant, and on the gutted
 * and (when the gutted one passes) the removed copy of the reference.
 * The runs are independent: they go to a check pool when there is one,
 * in any order, and the exercise is judged (its diagnostics and line, in
 * pack order) once all its runs are in. */
struct ex_plan {
	const struct exercise_def *ex;
	size_t index;           /* into the track's exercises (the pool's job) */
	size_t pack_index;      /* into the pack's "exercises" (for messages) */
	bool no_solution;       /* judged without running: the solution is missing */
	bool learner;           /* a learner edition: only the empty and starter runs */
	struct variant v[MAX_VARIANTS];
	int nv;
	char *gutted, *removed; /* cheat copies, or NULL */
	struct outcome *out;    /* [check * nv + variant] */
	struct outcome *g, *r;  /* [check]: gutted, removed */
	size_t waiting;         /* runs not in yet */
};

/* Which run a ticket of the pool stands for. */
struct run_ref {
	size_t plan, check;
	int which; /* a variant index, or RUN_GUTTED, RUN_REMOVED */
};
#define RUN_GUTTED (-1)
#define RUN_REMOVED (-2)

struct runs {
	bool learner;             /* the pack is a learner edition (pack --learner) */
	struct sandbox *sb;       /* runs here when there is no pool */
	struct check_pool *pool;
	size_t pool_base;         /* the track's first exercise in the pool's manifest */
	const char *root, *scratch;
	struct ex_plan *plans;
	struct run_ref *refs;     /* by ticket */
	size_t n_refs, alloc_refs;
};

static struct outcome *run_slot(struct ex_plan *pl, const struct run_ref *ref)
{
	if (ref->which == RUN_GUTTED)
		return &pl->g[ref->check];
	if (ref->which == RUN_REMOVED)
		return &pl->r[ref->check];
	return &pl->out[ref->check * (size_t)pl->nv + (size_t)ref->which];
}

static void run_done(struct runs *R, const struct run_ref *ref, const cJSON *report);

/* Run (or queue) one check of plan on src. */
static void run_check(struct runs *R, size_t plan, size_t check, int which, const char *src)
{
	struct ex_plan *pl = &R->plans[plan];
	struct run_ref ref = { plan, check, which };
	pl->waiting++;
	if (R->pool) {
		struct check_pool_job job = { .exercise = R->pool_base + pl->index, .check = check, .src = src,
					      .reveal_hidden = true };
		size_t t = check_pool_submit(R->pool, &job);
		if (t >= R->alloc_refs) {
			R->alloc_refs = 2 * t + 64;
			R->refs = xrealloc(R->refs, R->alloc_refs * sizeof(*R->refs));
		}
		R->refs[t] = ref;
		return;
	}
	/* Authors need the messages of hidden checks too. */
	struct check_def visible = pl->ex->checks[check];
	visible.hidden = false;
	struct check_result res;
	check_run(R->sb, R->root, pl->ex, &visible, src, R->scratch, &res);
	cJSON *o = report_check_object(&visible, &res);
	check_result_clear(&res);
	run_done(R, &ref, o);
	cJSON_Delete(o);
}

static void run_done(struct runs *R, const struct run_ref *ref, const cJSON *report)
{
	struct ex_plan *pl = &R->plans[ref->plan];
	const struct check_def *c = &pl->ex->checks[ref->check];
	struct outcome *slot = run_slot(pl, ref);
	*slot = outcome_of(report, c);
	pl->waiting--;
	/* The removed copy only matters when the gutted one passes. */
	if (ref->which == RUN_GUTTED && slot->pass && pl->removed)
		run_check(R, ref->plan, ref->check, RUN_REMOVED, pl->removed);
}

/* Set up an exercise's variants and queue its runs. */
static void plan_exercise(struct runs *R, size_t plan, const struct exercise_def *ex, size_t index,
			  size_t pack_index, const char *cheats)
{
	struct ex_plan *pl = &R->plans[plan];
	*pl = (struct ex_plan){ .ex = ex, .index = index, .pack_index = pack_index, .learner = R->learner };
	struct variant *v = pl->v;
	int nv = 0;
	char *solution = NULL;
	if (R->learner)
		/* No reference, wrong or accepted solutions in a learner edition:
		 * what can still be checked is that no check passes on an empty
		 * submission and that the starter does not score full marks. */
		goto variants;
	solution = ex->solution ? util_path_join(R->root, ex->solution) : NULL;
	struct stat st;
	if (!solution || (lstat(solution, &st) < 0 && errno == ENOENT)) {
		pl->no_solution = true;
		free(solution);
		return;
	}
	v[nv++] = (struct variant){ xstrdup("solution"), solution, V_SOLUTION };
variants:
	v[nv++] = (struct variant){ xstrdup("empty"), util_path_join(cheats, "no-such-submission"), V_EMPTY };
	v[nv++] = (struct variant){ xstrdup("starter"), util_path_join(R->root, ex->starter), V_STARTER };
	nv = add_dir_variants(R->root, ex->wrong, "wrong", V_WRONG, v, nv, MAX_VARIANTS);
	nv = add_dir_variants(R->root, ex->accept, "accept", V_ACCEPT, v, nv, MAX_VARIANTS);
	pl->nv = nv;
	size_t nc = ex->n_checks ? ex->n_checks : 1;
	pl->out = xcalloc(nc * (size_t)nv, sizeof(*pl->out));
	pl->g = xcalloc(nc, sizeof(*pl->g));
	pl->r = xcalloc(nc, sizeof(*pl->r));
	pl->gutted = R->learner ? NULL : make_cheat(R->root, ex, cheats, false);
	pl->removed = pl->gutted ? make_cheat(R->root, ex, cheats, true) : NULL;
	for (size_t j = 0; j < ex->n_checks; j++) {
		for (int k = 0; k < nv; k++)
			run_check(R, plan, j, k, v[k].src);
		if (pl->gutted && pl->removed)
			run_check(R, plan, j, RUN_GUTTED, pl->gutted);
	}
}

static void plan_clear(struct ex_plan *pl)
{
	size_t nc = pl->ex->n_checks;
	for (size_t j = 0; pl->out && j < nc; j++) {
		for (int k = 0; k < pl->nv; k++)
			outcome_clear(&pl->out[j * (size_t)pl->nv + (size_t)k]);
		outcome_clear(&pl->g[j]);
		outcome_clear(&pl->r[j]);
	}
	for (int k = 0; k < pl->nv; k++) {
		free(pl->v[k].name);
		free(pl->v[k].src);
	}
	free(pl->out);
	free(pl->g);
	free(pl->r);
	remove_cheat(pl->gutted);
	remove_cheat(pl->removed);
	pl->out = pl->g = pl->r = NULL;
	pl->gutted = pl->removed = NULL;
	pl->nv = 0;
}

/* Judge one exercise from its runs; returns the number of errors. */
static int judge_exercise(const char *root, struct ex_plan *pl, struct diag_list *d, bool quiet)
{
	const struct exercise_def *ex = pl->ex;
	size_t index = pl->pack_index;
	struct variant *v = pl->v;
	int nv = pl->nv, errors = 0;
	if (pl->learner)
		goto run;
	if (!ex->solution) {
		char *w = ex_where(index, ex, ".solution");
		diag_add(d, DIAG_ERROR, "pack.json", w, 0, 0,
			 "missing: validate needs the reference solution to prove the checks");
		free(w);
		return 1;
	}
	if (pl->no_solution) {
		/* pack --learner leaves the solutions out: say that, instead of a
		 * reference that "fails" every check */
		char *w = ex_where(index, ex, ".solution");
		diag_add(d, DIAG_ERROR, "pack.json", w, 0, 0,
			 "'%s' is not in the pack: a learner edition (roadmap-run pack --learner) holds no "
			 "solutions; validate the author's pack", ex->solution);
		free(w);
		return 1;
	}

run:
	lint_prompt_covers(root, ex, index, d);
	int *score = xcalloc((size_t)nv, sizeof(int));
	for (size_t j = 0; j < ex->n_checks; j++) {
		const struct check_def *c = &ex->checks[j];
		char *rest = xasprintf(".checks[%zu] '%s/%s'", j, ex->id, c->id);
		char *where = ex_where(index, ex, rest);
		free(rest);
		bool caught = false, directive_warned = false;
		for (int k = 0; k < nv; k++) {
			const struct outcome o = pl->out[j * (size_t)nv + (size_t)k];
			if (o.pass)
				score[k] += c->points;
			switch (v[k].kind) {
			case V_SOLUTION:
			case V_ACCEPT:
				if (o.pass) {
					check_timeout(d, where, c, &v[k], o.cpu_ms);
				} else if (v[k].kind == V_SOLUTION) {
					diag_add(d, DIAG_ERROR, NULL, where, 0, 0,
						 "fails on the reference solution: %s", o.message);
					errors++;
				} else {
					/* A false negative: a correct solution the check rejects. */
					diag_add(d, DIAG_ERROR, NULL, where, 0, 0,
						 "rejects the correct %s: %s", v[k].name, o.message);
					errors++;
				}
				break;
			case V_EMPTY:
				if (o.pass) {
					diag_add(d, DIAG_ERROR, NULL, where, 0, 0,
						 "vacuous: passes on an empty submission");
					errors++;
				}
				break;
			case V_STARTER:
			case V_WRONG:
				caught = caught || !o.pass;
				break;
			}
			/* A TODO or SKIP in the output of a submission that is not
			 * the reference is where a learner's text turned into a
			 * directive, if the check prints the learner's values in
			 * its descriptions without escaping '#'. */
			if (k >= 1 && o.directive && !directive_warned) {
				diag_add(d, DIAG_WARNING, NULL, where, 0, 0,
					 "under the %s submission, %s: if a description or reason can "
					 "hold text from the submission, escape '\\' as '\\\\' and '#' "
					 "as '\\#' there, or a submission that prints '# TODO' passes "
					 "its own failing test", v[k].name, o.directive);
				directive_warned = true;
			}
		}
		if (pl->gutted && pl->removed && pl->g[j].pass && !pl->r[j].pass)
			diag_add(d, DIAG_WARNING, NULL, where, 0, 0,
				 "foolable: passes when the reference's .py/.sh files just exit 0; "
				 "judge with a TAP plan or run the learner's code in a child process");
		if (!caught && !pl->learner) {
			diag_add(d, DIAG_ERROR, NULL, where, 0, 0,
				 "passes on the starter and on every wrong solution: it catches no mistake "
				 "(add a wrong/<name>/ solution it fails on)");
			errors++;
		}
		free(where);
	}
	for (int k = 0; k < nv; k++) {
		if ((v[k].kind == V_STARTER || v[k].kind == V_WRONG) && score[k] >= ex->max_score) {
			char *rest = xasprintf(" '%s'", ex->id);
			char *w = ex_where(index, ex, rest);
			free(rest);
			diag_add(d, DIAG_ERROR, NULL, w, 0, 0, "the %s scores full marks (%d/%d)",
				 v[k].name, score[k], ex->max_score);
			free(w);
			errors++;
		}
	}
	if (!quiet) {
		printf("%s %s:", errors ? "FAIL" : "ok  ", util_esc(ex->id));
		for (int k = 0; k < nv; k++)
			printf(" %s %d/%d%s", util_esc(v[k].name), score[k], ex->max_score, k + 1 < nv ? "," : "");
		putchar('\n');
		fflush(stdout);
	}
	free(score);
	return errors;
}

/* Where ex (of the selected track) is in the pack's "exercises". */
static size_t pack_index_of(const struct pack_manifest *m, const struct exercise_def *ex)
{
	size_t index = 0;
	while (index < m->n_all && strcmp(m->all[index].defs[0].id, ex->id) != 0)
		index++;
	return index;
}

/* Run every exercise's checks and judge the exercises in pack order, each
 * as soon as its runs (and those of the exercises before it) are in.
 * Returns the number of problems, or -1 when the check pool failed (err
 * says why). */
static int validate_exercises(struct runs *R, const struct pack_manifest *m, const char *cheats,
			      struct diag_list *d, bool quiet, char *err, size_t errlen)
{
	size_t n = m->n_exercises, judged = 0;
	int errors = 0, ret = 0;
	R->plans = xcalloc(n ? n : 1, sizeof(*R->plans));
	for (size_t i = 0; i < n; i++) {
		plan_exercise(R, i, &m->exercises[i], i, pack_index_of(m, &m->exercises[i]), cheats);
		/* Without a pool everything ran already: judge as we go. */
		for (; judged < n && judged <= i && R->plans[judged].waiting == 0; judged++) {
			errors += judge_exercise(R->root, &R->plans[judged], d, quiet);
			plan_clear(&R->plans[judged]);
		}
	}
	while (judged < n) {
		size_t t;
		cJSON *o = NULL;
		int w = R->pool ? check_pool_wait(R->pool, &t, &o, err, errlen) : 1;
		if (w != 0) {
			if (w == 1)
				snprintf(err, errlen, "internal error: runs missing, none pending");
			ret = -1;
			break;
		}
		run_done(R, &R->refs[t], o);
		cJSON_Delete(o);
		for (; judged < n && R->plans[judged].waiting == 0; judged++) {
			errors += judge_exercise(R->root, &R->plans[judged], d, quiet);
			plan_clear(&R->plans[judged]);
		}
	}
	for (size_t i = judged; i < n; i++)
		if (R->plans[i].ex)
			plan_clear(&R->plans[i]);
	free(R->plans);
	free(R->refs);
	return ret < 0 ? ret : errors;
}

int cmd_validate(int argc, char **argv)
{
	struct cli_args a;
	const char *only_track = NULL;
	int c, jobs = util_cpu_count();
	cli_begin(&a, "validate", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		if (c == 'j' && check_pool_parse_jobs(a.value, &jobs) < 0)
			return cli_bad_value(&a, "a number of jobs from 1 to 256"), a.status;
		if (c == 't')
			only_track = a.value;
	}
	if (c == CLI_STOP)
		return a.status;
	bool quiet = a.quiet;
	util_install_cleanup_handlers();
	util_set_signal_hook(sandbox_kill_active);
	struct loaded_pack lp;
	int r = loaded_pack_open(a.pos[0], &lp);
	if (r)
		return r;
	if (only_track && (r = loaded_pack_select_track(&lp, "validate", only_track))) {
		loaded_pack_close(&lp);
		return r;
	}
	/* The workers first, each to open its own sandbox (check_pool.h).
	 * One pool serves every track: its manifest lists the exercises of
	 * each validated track in turn (shallow copies; each definition names
	 * its track), and a job names one by its place in that list. */
	struct pack_manifest every = lp.m;
	size_t *base = xcalloc(lp.m.n_tracks, sizeof(*base));
	every.exercises = NULL;
	every.n_exercises = 0;
	for (size_t t = 0; t < lp.m.n_tracks; t++) {
		if (only_track && strcmp(lp.m.tracks[t], only_track) != 0)
			continue;
		manifest_select_track(&lp.m, lp.m.tracks[t]);
		base[t] = every.n_exercises;
		every.exercises = xrealloc(every.exercises,
					   (every.n_exercises + lp.m.n_exercises + 1) * sizeof(*every.exercises));
		memcpy(every.exercises + every.n_exercises, lp.m.exercises,
		       lp.m.n_exercises * sizeof(*every.exercises));
		every.n_exercises += lp.m.n_exercises;
	}
	struct check_pool *pool = jobs > 1 ? check_pool_open(jobs, lp.pack.root, &every) : NULL;
	char err[512] = "";
	struct sandbox *sb = NULL;
	struct sandbox_options so = { 0 };
	if (sandbox_open(&sb, &so, err, sizeof(err)) != 0) {
		fprintf(stderr, "roadmap-run validate: cannot build the sandbox: %s\n", err);
		check_pool_close(pool);
		free(every.exercises);
		free(base);
		loaded_pack_close(&lp);
		return RR_EXIT_INTERNAL;
	}
	if (pool && !check_pool_fits(sb)) {
		check_pool_close(pool); /* no private process limits: one at a time */
		pool = NULL;
	}
	/* scratch: this process's work directories; cheats: the cheat copies
	 * of the references, which the workers read too (they cannot reach
	 * this process's sandbox workspace). */
	char *scratch = util_tempdir_in(check_scratch_base(sb), "roadmap-run-validate");
	char *cheats = scratch ? util_tempdir("roadmap-run-validate-cheats") : NULL;
	if (!scratch || !cheats) {
		perror("roadmap-run validate: temporary directory");
		if (scratch)
			util_tempdir_remove(scratch);
		free(scratch);
		check_pool_close(pool);
		free(every.exercises);
		free(base);
		sandbox_close(sb);
		loaded_pack_close(&lp);
		return RR_EXIT_INTERNAL;
	}
	chmod(scratch, 0711);
	struct diag_list d = DIAG_LIST_INIT;
	bool learner = lp.m.learner_edition;
	if (learner && !quiet)
		printf("%s is a learner edition (roadmap-run pack --learner): it holds no reference, "
		       "wrong or accepted solutions, so the checks are run on the empty submission and "
		       "the starter only; whether they accept a correct solution and catch wrong ones "
		       "is for 'validate' on the author's pack\n", util_esc(a.pos[0]));
	int errors = 0;
	size_t validated = 0;
	/* Every track, each with its own exercises: a variant's checks are
	 * proved against its own solution, wrong and accepted solutions. */
	for (size_t t = 0; t < lp.m.n_tracks && errors >= 0; t++) {
		if (only_track && strcmp(lp.m.tracks[t], only_track) != 0)
			continue;
		manifest_select_track(&lp.m, lp.m.tracks[t]);
		if (!quiet && lp.m.n_tracks > 1)
			printf("track %s:\n", lp.m.track);
		struct runs R = { .learner = learner, .sb = sb, .pool = pool, .pool_base = base[t],
				  .root = lp.pack.root, .scratch = scratch };
		int e = validate_exercises(&R, &lp.m, cheats, &d, quiet, err, sizeof(err));
		errors = e < 0 ? e : errors + e;
		validated += lp.m.n_exercises;
	}
	int ret = errors ? RR_EXIT_INVALID : 0;
	if (errors < 0) {
		diag_add(&d, DIAG_ERROR, NULL, NULL, 0, 0, "%s", err);
		ret = RR_EXIT_INTERNAL;
	}
	char *subject = xasprintf("pack '%s'", a.pos[0]);
	diag_print(&d, stderr, subject);
	free(subject);
	size_t warnings = d.n - diag_errors(&d);
	if (!quiet && errors >= 0) {
		printf("%s: %zu exercises", lp.m.id, lp.m.n_all);
		if (lp.m.n_tracks > 1)
			printf(" (%zu in %zu tracks)", validated, lp.m.n_tracks);
		printf(", %d quiz points, %d problem%s, %zu warning%s%s\n",
		       lp.m.quiz_max_score, errors, errors == 1 ? "" : "s",
		       warnings, warnings == 1 ? "" : "s",
		       learner ? " (learner edition: the checks were not proved against solutions)" : "");
	}
	diag_clear(&d);
	check_pool_close(pool);
	free(every.exercises);
	free(base);
	util_tempdir_remove(cheats);
	free(cheats);
	util_tempdir_remove(scratch);
	free(scratch);
	sandbox_close(sb);
	loaded_pack_close(&lp);
	return ret;
}
