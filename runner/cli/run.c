/*
 * run.c - `roadmap-run [run] PACK [SUBMISSION]`: grade one submission, or
 * the learner's own workspace, print a summary and write the report(s).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static const char run_usage[] =
	"usage: roadmap-run [run] PACK [SUBMISSION] [options]\n"
	"       roadmap-run COMMAND [options]   (roadmap-run --help lists the commands)\n";

static const char run_help[] =
	"Grade SUBMISSION against PACK. PACK is a directory with pack.json or an\n"
	"archive of one (tar, tar.gz, tar.xz, tar.zst, zip). SUBMISSION holds one\n"
	"directory per exercise id, plus answers.json for the quiz. Without\n"
	"SUBMISSION, your workspace for the pack is graded; the first run creates it\n"
	"from the starter code and later runs never overwrite it.\n"
	"\n"
	"Options:\n"
	"  --report FILE      write the JSON report to FILE ('-' for stdout)\n"
	"  --format NAME      report format: json (default), junit, tap, gradescope,\n"
	"                     exercism; may be given more than once with --out\n"
	"  --out DIR          write each --format into DIR under its usual name\n"
	"  --gradescope-hidden V  Gradescope visibility of hidden checks: hidden\n"
	"                     (default) or after_published\n"
	"  --exercise ID      grade only exercise ID; may be given more than once\n"
	"  --answers FILE     take the quiz answers from FILE\n"
	"  --workspace DIR    use DIR as the workspace instead of the default\n"
	"  --track TRACK      the language the submission is in, one of the pack's\n"
	"                     tracks (default: the workspace's, else the pack's first)\n"
	"  --check-sandbox    print what this kernel offers and what a check gets\n"
	"  --color WHEN       colour: auto (default: on a terminal), always or never;\n"
	"                     taken by every command\n"
	"  --pass-mark PERCENT  exit 0 when the score reaches PERCENT of the maximum\n"
	"                     (default: only at full score)\n"
	"  -q, --quiet        print nothing but errors\n"
	"  -v, --verbose      every line of every check's message (by default: the\n"
	"                     first failure of each, and a repeat only once)\n"
	"  -h, --help         show this help\n"
	"  -V, --version      show the version\n";

static const char run_help_tail[] =
	"\n"
	"PACK is a path, or the name of a pack in $ROADMAP_RUN_PACKS (a colon-separated\n"
	"list of directories), the checkout's exercises/ or the installed packs.\n"
	"\n"
	"Exit status: 0 graded with full score, 1 graded without full score,\n"
	"2 usage error, 3 invalid pack or submission, 4 the runner could not work.\n"
	"Environment: NO_COLOR or TERM=dumb disable colour; ROADMAP_RUN_HOME or XDG_DATA_HOME\n"
	"move the workspaces. See docs/ for the pack format and the sandbox.\n";

void run_print_help(FILE *fp)
{
	fputs(run_usage, fp);
	fputc('\n', fp);
	fputs(run_help, fp);
	fputs("\nCommands:\n", fp);
	command_table_print(fp);
	fputs(run_help_tail, fp);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("roadmap-run: ", stderr);
	fprintf(stderr, fmt, util_esc(arg)); /* arg is the user's or a file's text */
	fputc('\n', stderr);
	fputs(run_usage, stderr);
	return RR_EXIT_USAGE;
}

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
			r = fputs(text, stdout) < 0 || fflush(stdout) ? -EIO : 0;
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

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "report", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "gradescope-hidden", required_argument, NULL, 'G' },
		{ "exercise", required_argument, NULL, 'e' },
		{ "answers", required_argument, NULL, 'a' },
		{ "workspace", required_argument, NULL, 'w' },
		{ "track", required_argument, NULL, 't' },
		{ "check-sandbox", no_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "pass-mark", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *report_path = NULL, *out_dir = NULL, *answers = NULL, *workspace = NULL;
	const char *track = NULL;
	const char **only = xcalloc((size_t)argc + 1, sizeof(char *));
	enum report_format formats[FORMAT_COUNT];
	size_t n_only = 0, n_formats = 0;
	bool quiet = false, verbose = false;
	double pass_mark = -1;
	int ret = RR_EXIT_USAGE, c;
	struct loaded_pack lp;
	bool pack_loaded = false;
	struct sandbox *sb = NULL;
	cJSON *report = NULL;
	struct workspace ws = { 0 };
	bool in_workspace = false;
	char *quiz_command = NULL;
	struct format_options fo = { 0 };

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qvhV", opts, NULL)) != -1) {
		/* "--report=" or --report "": a value that names nothing (a
		 * shell variable that was not set) is a usage error, not a
		 * failure to write '' after grading everything. */
		if (optarg && !*optarg && strchr("roawt", c)) {
			const struct option *o = opts;
			while (o->name && o->val != c)
				o++;
			ret = usage_error("option '--%s' needs a non-empty value", o->name);
			goto out;
		}
		switch (c) {
		case 'r':
			report_path = optarg;
			break;
		case 'f': {
			enum report_format f;
			if (format_from_name(optarg, &f) < 0) {
				ret = usage_error("unknown --format '%s' (use json, junit, tap, gradescope or exercism)", optarg);
				goto out;
			}
			bool dup = false;
			for (size_t i = 0; i < n_formats; i++)
				dup |= formats[i] == f;
			if (!dup)
				formats[n_formats++] = f;
			break;
		}
		case 'o':
			out_dir = optarg;
			break;
		case 'G':
			if (strcmp(optarg, "hidden") != 0 && strcmp(optarg, "after_published") != 0) {
				ret = usage_error("--gradescope-hidden is 'hidden' or 'after_published', not '%s'",
						  optarg);
				goto out;
			}
			fo.gradescope_hidden_visibility = optarg;
			break;
		case 'e':
			only[n_only++] = optarg;
			break;
		case 'a':
			answers = optarg;
			break;
		case 'w':
			workspace = optarg;
			break;
		case 't':
			track = optarg;
			break;
		case 'S':
			ret = check_sandbox();
			goto out;
		case 'q':
			quiet = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'p':
			if (grade_parse_pass_mark(optarg, &pass_mark) < 0) {
				ret = usage_error("--pass-mark takes a percentage from 0 to 100, not '%s'", optarg);
				goto out;
			}
			break;
		case 'h':
			run_print_help(stdout);
			ret = 0;
			goto out;
		case 'V':
			printf("%s %s\n", RR_NAME, RR_VERSION);
			ret = 0;
			goto out;
		case ':':
			ret = usage_error("option '%s' needs a value", argv[optind - 1]);
			goto out;
		default:
			ret = usage_error("unknown option '%s'", argv[optind - 1]);
			goto out;
		}
	}
	int npos = argc - optind;
	if (npos < 1) {
		ret = usage_error("%s", "missing PACK");
		goto out;
	}
	if (npos > 2) {
		ret = usage_error("unexpected argument '%s'", argv[optind + 2]);
		goto out;
	}
	if (n_formats == 0)
		formats[n_formats++] = FORMAT_JSON;
	if (n_formats > 1 && !out_dir) {
		ret = usage_error("%s", "more than one --format needs --out DIR");
		goto out;
	}
	if (out_dir && report_path) {
		ret = usage_error("%s", "give either --report FILE or --out DIR, not both");
		goto out;
	}
	if (workspace && npos == 2) {
		ret = usage_error("%s", "--workspace and SUBMISSION both name what to grade; give one");
		goto out;
	}
	const char *pack_path = argv[optind];
	const char *submission = npos == 2 ? argv[optind + 1] : NULL;
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
		if (workspace_locate(&ws, workspace, lp.m.id) < 0) {
			fprintf(stderr, "roadmap-run: cannot find your home directory for the workspace; "
				"give SUBMISSION or --workspace DIR\n");
			ret = RR_EXIT_INTERNAL;
			goto out;
		}
		ret = workspace_select_track(&lp, &ws, "run", track);
	} else {
		ret = loaded_pack_select_track(&lp, "run", track);
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

	char err[512] = "";
	struct sandbox_options so = { 0 };
	if (sandbox_open(&sb, &so, err, sizeof(err)) != 0) {
		fprintf(stderr, "roadmap-run: cannot build the sandbox: %s\n", err);
		ret = RR_EXIT_INTERNAL;
		goto out;
	}

	struct summary sum;
	summary_init(&sum, human);
	sum.verbose = verbose;
	if (in_workspace && !answers)
		sum.quiz_command = quiz_command = xasprintf("roadmap-run quiz %s", pack_path);
	struct grade_options go = {
		.only_exercises = only,
		.n_only = n_only,
		.answers_path = answers,
		.submission_label = submission,
		.on_check = quiet ? NULL : summary_on_check,
		.on_check_arg = &sum,
	};
	struct diag_list d = DIAG_LIST_INIT;
	ret = grade_submission(&lp, sb, submission, &go, &d, &report);
	diag_print(&d, stderr, NULL);
	diag_clear(&d);
	if (ret)
		goto out;
	if (!quiet)
		summary_footer(&sum, report);

	int status = grade_exit_status_at(report, pass_mark);
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
	cJSON_Delete(report);
	if (sb)
		sandbox_close(sb);
	if (pack_loaded)
		loaded_pack_close(&lp);
	workspace_release(&ws);
	free(quiz_command);
	free(only);
	return ret;
}
