/*
 * run.c - `roadmap-run [run] PACK [SUBMISSION]`: grade one submission, or
 * the learner's own workspace, print a summary and write the report(s).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_pool.h"
#include "command_table.h"
#include "commands.h"
#include "formats.h"
#include "grade.h"
#include "loaded_pack.h"
#include "pathsafe.h"
#include "report.h"
#include "roadmap.h"
#include "sandbox.h"
#include "summary.h"
#include "util.h"
#include "workspace.h"

static int check_sandbox(void)
{
	struct sandbox *sb = NULL;
	struct sandbox_options so = { 0 };
	char err[512] = "";
	if (sandbox_open(&sb, &so, err, sizeof(err)) != 0) {
		fprintf(stderr, "roadmap-run: no sandbox: %s\n", err);
		return RR_EXIT_INTERNAL;
	}
	sandbox_describe(sb, stdout);
	sandbox_close(sb);
	return 0;
}

/* The report's directory must exist and path must not be a directory.
 * Returns 0 or RR_EXIT_INTERNAL with a message (what writing would give). */
static int check_report_target(const char *path)
{
	struct stat st;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int ret = 0;
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "error: cannot write the report '%s': Is a directory\n", util_esc(path));
		ret = RR_EXIT_INTERNAL;
	} else if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "error: cannot write the report '%s': no directory '%s'\n", util_esc(path),
			util_esc(dir));
		ret = RR_EXIT_INTERNAL;
	}
	free(dir);
	return ret;
}

/* Where the report goes: each format below out_dir under its usual name,
 * else to the file the user named (report_path, "-" is stdout), else
 * report.json in the workspace. The last two are names the runner picks
 * below a directory the user named, so no link there is followed. */
struct outputs {
	const char *report_path;
	const char *out_dir;
	const struct workspace *ws;
};

/* The anchor and rel of format f below out_dir or the workspace; rel is
 * NULL when the report goes to the file the user named. */
static char *output_rel(const struct outputs *o, enum report_format f, const char **anchor)
{
	if (o->out_dir) {
		*anchor = o->out_dir;
		return xstrdup(format_default_filename(f));
	}
	if (o->report_path)
		return NULL;
	*anchor = o->ws->anchor;
	return workspace_rel(o->ws, "report.json");
}

static int write_failed(const char *anchor, const char *rel, int err, const char *failed)
{
	char *path = rel ? util_path_join(anchor, rel) : xstrdup(anchor);
	char *msg = pathsafe_write_error("the report", path, err, failed);
	fprintf(stderr, "error: %s\n", util_esc(msg));
	free(msg);
	free(path);
	return RR_EXIT_INTERNAL;
}

/* Before grading: the files the runner will name itself can be created
 * (no link on the way or in their place), so a planted link is reported
 * now, not after every check ran. */
static int probe_outputs(const struct outputs *o, const enum report_format *formats,
			 size_t n_formats)
{
	for (size_t i = 0; i < n_formats; i++) {
		const char *anchor = NULL;
		char *rel = output_rel(o, formats[i], &anchor), *failed = NULL;
		if (!rel)
			return 0;
		struct pathsafe_out probe;
		int r = pathsafe_out_begin(&probe, anchor, rel, &failed);
		if (r == 0)
			pathsafe_out_abort(&probe);
		else
			r = write_failed(anchor, rel, r, failed);
		free(rel);
		free(failed);
		if (r)
			return r;
	}
	return 0;
}

/* Write the report in every requested format. */
static int write_outputs(const cJSON *report, const struct outputs *o,
			 const enum report_format *formats, size_t n_formats,
			 const struct format_options *opt)
{
	struct format_options fo = *opt;
	for (size_t i = 0; i < n_formats; i++) {
		const char *anchor = NULL;
		char *rel = output_rel(o, formats[i], &anchor), *failed = NULL;
		char *text = formats[i] == FORMAT_JSON ? report_text(report)
						       : format_render(formats[i], report, &fo);
		int r;
		if (!text)
			r = -ENOMEM;
		else if (rel)
			r = pathsafe_write_below(anchor, rel, text, strlen(text), &failed);
		else if (strcmp(o->report_path, "-") == 0)
			r = cli_write_stdout(text, strlen(text));
		else
			r = pathsafe_write_named(o->report_path, text, strlen(text));
		free(text);
		if (r < 0)
			r = write_failed(rel ? anchor : o->report_path, rel, r, failed);
		free(rel);
		free(failed);
		if (r)
			return r;
	}
	return 0;
}

/* A partial run of the workspace (--exercise) updates those exercises in
 * the workspace's last report instead of replacing it with a part of the
 * pack; without a usable last report the partial one is written. */
static void merge_into_workspace_report(cJSON **report, const char *path)
{
	cJSON *previous = report_read(path, NULL);
	cJSON *merged = previous ? report_merge_partial(previous, *report) : NULL;
	cJSON_Delete(previous);
	if (merged) {
		cJSON_Delete(*report);
		*report = merged;
	}
}

void run_args_release(struct run_args *a)
{
	free(a->only);
	a->only = NULL;
}

int run_parse_args(int argc, char **argv, struct run_args *r)
{
	struct cli_args a;
	int c;
	memset(r, 0, sizeof(*r));
	r->pass_mark = -1;
	r->jobs = util_cpu_count();
	r->only = xcalloc((size_t)argc + 1, sizeof(char *));
	cli_begin(&a, "run", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		switch (c) {
		case 'r':
			r->report_path = a.value;
			break;
		case 'f': {
			enum report_format f;
			if (format_from_name(a.value, &f) < 0) /* the table lists only known ones */
				abort();
			bool dup = false;
			for (size_t i = 0; i < r->n_formats; i++)
				dup |= r->formats[i] == f;
			if (!dup)
				r->formats[r->n_formats++] = f;
			break;
		}
		case 'o':
			r->out_dir = a.value;
			break;
		case 'G':
			r->gradescope_hidden = a.value;
			break;
		case 'e':
			r->only[r->n_only++] = a.value;
			break;
		case 'a':
			r->answers = a.value;
			break;
		case 'w':
			r->workspace = a.value;
			break;
		case 't':
			r->track = a.value;
			break;
		case 'S': /* does only that, with or without PACK: the rest is not read */
			r->check_sandbox = true;
			r->quiet = a.quiet;
			return -1;
		case 'v':
			r->verbose = true;
			break;
		case 'p':
			if (grade_parse_pass_mark(a.value, &r->pass_mark) < 0)
				return cli_bad_value(&a, "a percentage from 0 to 100"), a.status;
			break;
		case 'j':
			if (check_pool_parse_jobs(a.value, &r->jobs) < 0)
				return cli_bad_value(&a, "a number of jobs from 1 to 256"), a.status;
			break;
		}
	}
	if (c == CLI_STOP)
		return a.status;
	r->quiet = a.quiet;
	if (r->n_formats == 0)
		r->formats[r->n_formats++] = FORMAT_JSON;
	if (r->n_formats > 1 && !r->out_dir)
		return cli_usage_error(a.cmd, "more than one --format needs --out DIR");
	if (r->out_dir && r->report_path)
		return cli_usage_error(a.cmd, "give either --report FILE or --out DIR, not both");
	if (r->workspace && a.n_pos == 2)
		return cli_usage_error(a.cmd, "--workspace and SUBMISSION both name what to grade; give one");
	r->pack_path = a.pos[0];
	r->submission = a.n_pos == 2 ? a.pos[1] : NULL;
	return -1;
}

int cmd_run(int argc, char **argv)
{
	struct run_args args;
	int ret = run_parse_args(argc, argv, &args);
	struct loaded_pack lp;
	bool pack_loaded = false;
	struct sandbox *sb = NULL;
	cJSON *report = NULL;
	struct workspace ws = { 0 };
	bool in_workspace = false;
	char *quiz_command = NULL;
	struct format_options fo = { .gradescope_hidden_visibility = args.gradescope_hidden };
	const char *report_path = args.report_path, *out_dir = args.out_dir, *answers = args.answers;
	const char **only = args.only;
	const enum report_format *formats = args.formats;
	size_t n_only = args.n_only, n_formats = args.n_formats;
	bool quiet = args.quiet;
	char *answers_file = NULL;
	int jobs = args.jobs;
	struct check_pool *pool = NULL;

	if (ret >= 0)
		goto out;
	if (args.check_sandbox) {
		ret = check_sandbox();
		goto out;
	}
	const char *pack_path = args.pack_path;
	const char *submission = args.submission;
	/* A report that cannot be written is known now, not after grading. */
	if (report_path && strcmp(report_path, "-") != 0 && (ret = check_report_target(report_path)))
		goto out;

	util_install_cleanup_handlers();
	util_set_signal_hook(sandbox_kill_active);
	ret = loaded_pack_open(pack_path, &lp);
	if (ret)
		goto out;
	pack_loaded = true;
	if (!submission) {
		if (workspace_locate(&ws, args.workspace, lp.m.id) < 0) {
			fprintf(stderr, "roadmap-run: cannot find your home directory for the workspace; "
				"give SUBMISSION or --workspace DIR\n");
			ret = RR_EXIT_INTERNAL;
			goto out;
		}
		ret = workspace_select_track(&lp, &ws, "run", args.track);
	} else {
		ret = loaded_pack_select_track(&lp, "run", args.track);
	}
	if (ret)
		goto out;
	for (size_t i = 0; i < n_only; i++) {
		if (!manifest_find_exercise(&lp.m, only[i])) {
			loaded_pack_no_exercise(&lp, "run", only[i]);
			ret = RR_EXIT_USAGE;
			goto out;
		}
	}

	/* A report to stdout keeps stdout clean: the summary goes to stderr. */
	bool report_on_stdout = report_path && strcmp(report_path, "-") == 0;
	FILE *human = report_on_stdout ? stderr : stdout;

	if (!submission) {
		int created = 0;
		ret = workspace_ensure(&lp, &ws, &created);
		if (!ret)
			ret = workspace_record_track(&lp, &ws);
		if (ret)
			goto out;
		if (!quiet) {
			fprintf(human, "workspace: %s%s\n", util_esc(ws.path),
				created ? " (created from the starter code: edit the files there)" : "");
			if (lp.m.n_tracks > 1 || lp.m.n_off_track)
				fprintf(human, "track: %s\n", lp.m.track);
			loaded_pack_print_off_track(&lp, human);
		}
		submission = ws.path;
		in_workspace = true;
	}
	struct outputs outs = { report_path, out_dir, in_workspace ? &ws : NULL };
	bool write_report = report_path || out_dir || in_workspace;
	if (write_report && (ret = probe_outputs(&outs, formats, n_formats)))
		goto out;

	/* The workers come first: each must open its own sandbox in a process
	 * that never opened one (check_pool.h). One job needs no worker: it
	 * runs in this process. */
	size_t n_checks = 0;
	for (size_t i = 0; i < lp.m.n_exercises; i++) {
		bool sel = n_only == 0;
		for (size_t k = 0; k < n_only; k++)
			sel |= strcmp(only[k], lp.m.exercises[i].id) == 0;
		n_checks += sel ? lp.m.exercises[i].n_checks : 0;
	}
	if ((size_t)jobs > n_checks)
		jobs = (int)n_checks;
	if (jobs > 1)
		pool = check_pool_open(jobs, lp.pack.root, &lp.m);

	char err[512] = "";
	struct sandbox_options so = { 0 };
	if (sandbox_open(&sb, &so, err, sizeof(err)) != 0) {
		fprintf(stderr, "roadmap-run: cannot build the sandbox: %s\n", err);
		ret = RR_EXIT_INTERNAL;
		goto out;
	}

	if (pool && !check_pool_fits(sb)) {
		check_pool_close(pool); /* no private process limits: one at a time */
		pool = NULL;
	}

	struct summary sum;
	summary_init(&sum, human);
	sum.verbose = args.verbose;
	if (in_workspace && !args.answers)
		sum.quiz_command = quiz_command = xasprintf("roadmap-run quiz %s", pack_path);
	struct grade_options go = {
		.only_exercises = only,
		.n_only = n_only,
		/* "-" is stdin: read as a pipe is, through its name */
		.answers_path = answers && strcmp(answers, "-") == 0 ? "/dev/stdin" : answers,
		.submission_label = submission,
		.on_check = quiet ? NULL : summary_on_check,
		.on_check_arg = &sum,
		.pool = pool,
	};
	struct diag_list d = DIAG_LIST_INIT;
	ret = grade_submission(&lp, sb, submission, &go, &d, &report);
	check_pool_close(pool);
	pool = NULL;
	diag_print(&d, stderr, NULL);
	diag_clear(&d);
	if (ret)
		goto out;
	if (!quiet)
		summary_footer(&sum, report);

	int status = grade_exit_status_at(report, args.pass_mark);
	if (in_workspace && n_only > 0 && !report_path && !out_dir) {
		char *previous = util_path_join(ws.path, "report.json");
		merge_into_workspace_report(&report, previous);
		free(previous);
	}
	if (write_report) {
		ret = write_outputs(report, &outs, formats, n_formats, &fo);
		if (!ret && !quiet && !report_path && !out_dir) {
			char *shown = util_path_join(ws.path, "report.json");
			fprintf(human, "report: %s\n", util_esc(shown));
			free(shown);
		}
	}
	if (!ret)
		ret = status;
out:
	check_pool_close(pool);
	cJSON_Delete(report);
	if (sb)
		sandbox_close(sb);
	if (pack_loaded)
		loaded_pack_close(&lp);
	workspace_release(&ws);
	free(quiz_command);
	free(answers_file);
	run_args_release(&args);
	return ret;
}
