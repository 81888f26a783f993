/*
 * validate.c - `roadmap-run validate PACK`: everything a pack author must
 * know before shipping, all at once. Beyond the schema and file checks of
 * manifest.c, every check is actually run, in the sandbox, against:
 *   - the reference solution   (every check must pass),
 *   - an empty submission      (every check must fail, else it is vacuous),
 *   - the starter code and each wrong/<name> solution (each check must fail
 *     on at least one of them, and none may score full marks).
 * The reference's CPU time calibrates the timeouts.
 */
#include <dirent.h>
#include <ftw.h>
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

static const char validate_usage[] = "usage: roadmap-run validate PACK [--quiet]\n";
static const char validate_help[] =
	"Check PACK the way learners and CI will meet it, and list every problem:\n"
	"the pack.json schema, every referenced file, the quiz's answer keys, and\n"
	"by running every check in the sandbox: the reference solution scores full\n"
	"marks, the starter and each wrong/<name> solution do not, no check passes\n"
	"on an empty submission (vacuous), every check catches the starter or a\n"
	"wrong solution, and each timeout is at least 3x the reference's CPU time.\n"
	"It also warns about foolable checks: ones that pass when the reference's\n"
	".py and .sh files are replaced by code that just exits 0; and about TAP\n"
	"checks whose output under the empty, starter or a wrong submission holds\n"
	"a TODO or SKIP directive, which a submission may have injected.\n"
	"\n"
	"Exit status: 0 no problem (warnings allowed), 3 problems found,\n"
	"2 usage error, 4 the runner could not work.\n";

struct variant {
	char *name; /* "solution", "starter", "empty", "wrong/<x>" */
	char *src;  /* directory, or a path that does not exist for "empty" */
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

static int add_wrong_variants(const char *root, const struct exercise_def *ex,
			      struct variant *v, int n, int cap)
{
	if (!ex->wrong)
		return n;
	char *dir = util_path_join(root, ex->wrong);
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
				v[n].name = xasprintf("wrong/%s", names[i]);
				v[n].src = util_path_join(dir, names[i]);
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
	if (!body)
		return 0;
	if (cheat_remove ? unlink(path) == 0 : util_write_atomic(path, body, strlen(body)) == 0)
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

/* Validate one exercise by running it; returns the number of errors. */
static int validate_exercise(struct sandbox *sb, const char *root, const struct exercise_def *ex,
			     size_t index, const char *scratch, struct diag_list *d, bool quiet)
{
	struct variant v[70];
	int nv = 0, errors = 0;
	if (!ex->solution) {
		char *w = xasprintf("exercises[%zu].solution", index);
		diag_add(d, DIAG_ERROR, "pack.json", w, 0, 0,
			 "missing: validate needs the reference solution to prove the checks");
		free(w);
		return 1;
	}
	v[nv].name = xstrdup("solution");
	v[nv++].src = util_path_join(root, ex->solution);
	v[nv].name = xstrdup("empty");
	v[nv++].src = util_path_join(scratch, "no-such-submission");
	v[nv].name = xstrdup("starter");
	v[nv++].src = util_path_join(root, ex->starter);
	nv = add_wrong_variants(root, ex, v, nv, 70);

	int *score = xcalloc((size_t)nv, sizeof(int));
	char *gutted = make_cheat(root, ex, scratch, false);
	char *removed = gutted ? make_cheat(root, ex, scratch, true) : NULL;
	for (size_t j = 0; j < ex->n_checks; j++) {
		const struct check_def *c = &ex->checks[j];
		char *where = xasprintf("exercises[%zu].checks[%zu] '%s/%s'", index, j, ex->id, c->id);
		bool caught = false, directive_warned = false;
		for (int k = 0; k < nv; k++) {
			struct outcome o = run_one(sb, root, ex, c, v[k].src, scratch);
			if (o.pass)
				score[k] += c->points;
			if (k == 0 && !o.pass) {
				diag_add(d, DIAG_ERROR, NULL, where, 0, 0,
					 "fails on the reference solution: %s", o.message);
				errors++;
			} else if (k == 0) {
				double limit_ms = c->limits.timeout * 1000;
				if (o.cpu_ms * TIMEOUT_MARGIN > limit_ms)
					diag_add(d, DIAG_WARNING, NULL, where, 0, 0,
						 "timeout %g s is less than %.0fx the reference's CPU time "
						 "(%.0f ms); slow machines may time out", c->limits.timeout,
						 TIMEOUT_MARGIN, o.cpu_ms);
			} else if (k == 1 && o.pass) {
				diag_add(d, DIAG_ERROR, NULL, where, 0, 0,
					 "vacuous: passes on an empty submission");
				errors++;
			} else if (k >= 2 && !o.pass) {
				caught = true;
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
	for (int k = 2; k < nv; k++) {
		if (score[k] >= ex->max_score) {
			char *w = xasprintf("exercises[%zu] '%s'", index, ex->id);
			diag_add(d, DIAG_ERROR, NULL, w, 0, 0, "the %s scores full marks (%d/%d)",
				 v[k].name, score[k], ex->max_score);
			free(w);
			errors++;
		}
	}
	if (!quiet) {
		printf("%s %s:", errors ? "FAIL" : "ok  ", ex->id);
		for (int k = 0; k < nv; k++)
			printf(" %s %d/%d%s", v[k].name, score[k], ex->max_score, k + 1 < nv ? "," : "");
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool quiet = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'q':
			quiet = true;
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
	for (size_t i = 0; i < lp.m.n_exercises; i++)
		errors += validate_exercise(sb, lp.pack.root, &lp.m.exercises[i], i, scratch, &d, quiet);
	char *subject = xasprintf("pack '%s'", argv[optind]);
	diag_print(&d, stderr, subject);
	free(subject);
	size_t warnings = d.n - diag_errors(&d);
	if (!quiet)
		printf("%s: %zu exercises, %d quiz points, %d problem%s, %zu warning%s\n",
		       lp.m.id, lp.m.n_exercises, lp.m.quiz_max_score, errors, errors == 1 ? "" : "s",
		       warnings, warnings == 1 ? "" : "s");
	diag_clear(&d);
	util_tempdir_remove(scratch);
	free(scratch);
	sandbox_close(sb);
	loaded_pack_close(&lp);
	return errors ? RR_EXIT_INVALID : 0;
}
