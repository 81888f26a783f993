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
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "commands.h"
#include "loaded_pack.h"
#include "roadmap.h"
#include "sandbox.h"
#include "pathsafe.h"
#include "util.h"

#define TIMEOUT_MARGIN 3.0

static const char validate_usage[] = "usage: roadmap-run validate PACK [--quiet] [--track TRACK]\n";
static const char validate_help[] =
	"Check PACK the way learners and CI will meet it, and list every problem:\n"
	"the pack.json schema, every referenced file, the quiz's answer keys, and\n"
	"by running every check in the sandbox, in every track the pack offers:\n"
	"the reference solution scores full marks, and so does each accept/<name>\n"
	"alternative; the starter and each wrong/<name> solution do not; no check\n"
	"passes on an empty submission (vacuous), every check catches the starter or a\n"
	"wrong solution, and each timeout is at least 3x the reference's CPU time.\n"
	"It also warns about foolable checks: ones that pass when the reference's\n"
	".py, .sh and .js files are replaced by code that just exits 0; and about TAP\n"
	"checks whose output under the empty, starter or a wrong submission holds\n"
	"a TODO or SKIP directive, which a submission may have injected.\n"
	"\n"
	"--track TRACK validates that track alone (default: every track).\n"
	"\n"
	"Exit status: 0 no problem (warnings allowed), 3 problems found,\n"
	"2 usage error, 4 the runner could not work.\n";

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

static struct outcome run_one(struct sandbox *sb, const char *root, const struct exercise_def *ex,
			      const struct check_def *c, const char *src, const char *scratch)
{
	/* Authors need the messages of hidden checks too. */
	struct check_def visible = *c;
	visible.hidden = false;
	cJSON *o = check_run(sb, root, ex, &visible, src, scratch);
	struct outcome out;
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "status");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(o, "message");
	const cJSON *cpu = cJSON_GetObjectItemCaseSensitive(o, "cpu_ms");
	out.pass = cJSON_IsString(st) && strcmp(st->valuestring, "pass") == 0;
	out.cpu_ms = cJSON_IsNumber(cpu) ? cpu->valuedouble : 0;
	out.message = xasprintf("%s%s%s", cJSON_IsString(st) ? st->valuestring : "?",
				cJSON_IsString(msg) && *msg->valuestring ? ": " : "",
				cJSON_IsString(msg) ? msg->valuestring : "");
	out.directive = c->kind == CHECK_KIND_TAP ? first_directive(o) : NULL;
	cJSON_Delete(o);
	return out;
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

/* Validate one exercise by running it; returns the number of errors. */
static int validate_exercise(struct sandbox *sb, const char *root, const struct exercise_def *ex,
			     size_t index, const char *scratch, struct diag_list *d, bool quiet)
{
	struct variant v[MAX_VARIANTS];
	int nv = 0, errors = 0;
	if (!ex->solution) {
		char *w = ex_where(index, ex, ".solution");
		diag_add(d, DIAG_ERROR, "pack.json", w, 0, 0,
			 "missing: validate needs the reference solution to prove the checks");
		free(w);
		return 1;
	}
	char *solution = util_path_join(root, ex->solution);
	struct stat st;
	if (lstat(solution, &st) < 0 && errno == ENOENT) {
		/* pack --learner leaves the solutions out: say that, instead of a
		 * reference that "fails" every check */
		char *w = ex_where(index, ex, ".solution");
		diag_add(d, DIAG_ERROR, "pack.json", w, 0, 0,
			 "'%s' is not in the pack: a learner edition (roadmap-run pack --learner) holds no "
			 "solutions; validate the author's pack", ex->solution);
		free(w);
		free(solution);
		return 1;
	}
	v[nv] = (struct variant){ xstrdup("solution"), solution, V_SOLUTION };
	nv++;
	v[nv] = (struct variant){ xstrdup("empty"), util_path_join(scratch, "no-such-submission"), V_EMPTY };
	nv++;
	v[nv] = (struct variant){ xstrdup("starter"), util_path_join(root, ex->starter), V_STARTER };
	nv++;
	nv = add_dir_variants(root, ex->wrong, "wrong", V_WRONG, v, nv, MAX_VARIANTS);
	nv = add_dir_variants(root, ex->accept, "accept", V_ACCEPT, v, nv, MAX_VARIANTS);

	lint_prompt_covers(root, ex, index, d);
	int *score = xcalloc((size_t)nv, sizeof(int));
	char *gutted = make_cheat(root, ex, scratch, false);
	char *removed = gutted ? make_cheat(root, ex, scratch, true) : NULL;
	for (size_t j = 0; j < ex->n_checks; j++) {
		const struct check_def *c = &ex->checks[j];
		char *rest = xasprintf(".checks[%zu] '%s/%s'", j, ex->id, c->id);
		char *where = ex_where(index, ex, rest);
		free(rest);
		bool caught = false, directive_warned = false;
		for (int k = 0; k < nv; k++) {
			struct outcome o = run_one(sb, root, ex, c, v[k].src, scratch);
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
			free(o.message);
			free(o.directive);
		}
		if (gutted && removed) {
			struct outcome g = run_one(sb, root, ex, c, gutted, scratch);
			struct outcome r = g.pass ? run_one(sb, root, ex, c, removed, scratch)
						  : (struct outcome){ 0 };
			if (g.pass && !r.pass)
				diag_add(d, DIAG_WARNING, NULL, where, 0, 0,
					 "foolable: passes when the reference's .py/.sh files just exit 0; "
					 "judge with a TAP plan or run the learner's code in a child process");
			free(g.message);
			free(g.directive);
			free(r.message);
			free(r.directive);
		}
		if (!caught) {
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
	for (int k = 0; k < nv; k++) {
		free(v[k].name);
		free(v[k].src);
	}
	remove_cheat(gutted);
	remove_cheat(removed);
	free(score);
	return errors;
}

int cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "track", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool quiet = false;
	const char *only_track = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'q':
			quiet = true;
			break;
		case 't':
			only_track = optarg;
			break;
		case 'h':
			printf("%s\n%s", validate_usage, validate_help);
			return 0;
		default:
			fprintf(stderr, "roadmap-run validate: unknown option '%s'\n%s", argv[optind - 1],
				validate_usage);
			return RR_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "roadmap-run validate: %s\n%s",
			argc - optind < 1 ? "missing PACK" : "too many arguments", validate_usage);
		return RR_EXIT_USAGE;
	}
	util_install_cleanup_handlers();
	util_set_signal_hook(sandbox_kill_active);
	struct loaded_pack lp;
	int r = loaded_pack_open(argv[optind], &lp);
	if (r)
		return r;
	if (only_track && (r = loaded_pack_select_track(&lp, "validate", only_track))) {
		loaded_pack_close(&lp);
		return r;
	}
	char err[512] = "";
	struct sandbox *sb = NULL;
	struct sandbox_options so = { 0 };
	if (sandbox_open(&sb, &so, err, sizeof(err)) != 0) {
		fprintf(stderr, "roadmap-run validate: cannot build the sandbox: %s\n", err);
		loaded_pack_close(&lp);
		return RR_EXIT_INTERNAL;
	}
	char *scratch = util_tempdir_in(check_scratch_base(sb), "roadmap-run-validate");
	if (!scratch) {
		perror("roadmap-run validate: temporary directory");
		sandbox_close(sb);
		loaded_pack_close(&lp);
		return RR_EXIT_INTERNAL;
	}
	chmod(scratch, 0711);
	struct diag_list d = DIAG_LIST_INIT;
	int errors = 0;
	size_t validated = 0;
	/* Every track, each with its own exercises: a variant's checks are
	 * proved against its own solution, wrong and accepted solutions. */
	for (size_t t = 0; t < lp.m.n_tracks; t++) {
		if (only_track && strcmp(lp.m.tracks[t], only_track) != 0)
			continue;
		manifest_select_track(&lp.m, lp.m.tracks[t]);
		if (!quiet && lp.m.n_tracks > 1)
			printf("track %s:\n", lp.m.track);
		for (size_t i = 0; i < lp.m.n_exercises; i++) {
			size_t index = 0;
			while (index < lp.m.n_all && strcmp(lp.m.all[index].defs[0].id, lp.m.exercises[i].id) != 0)
				index++;
			errors += validate_exercise(sb, lp.pack.root, &lp.m.exercises[i], index, scratch, &d, quiet);
			validated++;
		}
	}
	char *subject = xasprintf("pack '%s'", argv[optind]);
	diag_print(&d, stderr, subject);
	free(subject);
	size_t warnings = d.n - diag_errors(&d);
	if (!quiet) {
		printf("%s: %zu exercises", lp.m.id, lp.m.n_all);
		if (lp.m.n_tracks > 1)
			printf(" (%zu in %zu tracks)", validated, lp.m.n_tracks);
		printf(", %d quiz points, %d problem%s, %zu warning%s\n",
		       lp.m.quiz_max_score, errors, errors == 1 ? "" : "s",
		       warnings, warnings == 1 ? "" : "s");
	}
	diag_clear(&d);
	util_tempdir_remove(scratch);
	free(scratch);
	sandbox_close(sb);
	loaded_pack_close(&lp);
	return errors ? RR_EXIT_INVALID : 0;
}
