/*
 * command_table.c - the one description of the command line
 * (command_table.h): every command's arguments, options and help text, the
 * lookup main() dispatches with, and the suggestion for a mistyped name.
 * A new command or option is added here, and only here: the parser, every
 * help text, the man page and the completions are generated from it.
 */
#include <string.h>

#include "command_table.h"
#include "commands.h"
#include "pack_locate.h"
#include "roadmap.h"
#include "util.h"

/* Option ids: the short letter when there is one, else a letter not used
 * as one. */
#define FORMATS "json junit tap gradescope exercism"

const struct cli_option cli_common_options[] = {
	{ "quiet", 'q', CLI_OPT_QUIET, CLI_FLAG, NULL, NULL,
	  "print nothing but errors and what the command is asked to show", false },
	{ "color", 0, CLI_OPT_COLOR, CLI_WORD, "WHEN", "auto always never",
	  "colour: auto (default: on a terminal, unless NO_COLOR or TERM=dumb), always or never", false },
	{ "help", 'h', CLI_OPT_HELP, CLI_FLAG, NULL, NULL, "show this help", false },
	{ "version", 'V', CLI_OPT_VERSION, CLI_FLAG, NULL, NULL, "show the version", false },
	{ 0 },
};

/* Checks at once, for run and validate. */
#define JOBS_OPTION                                                                              \
	{ "jobs", 'j', 'j', CLI_TEXT, "N", NULL,                                                 \
	  "run N checks at once, each in its own sandbox, 1 to 256 (default: the CPUs this process " \
	  "may use); the output and the report are the same for every N but for the timings", false }

/* The language of the submission or workspace: one of the pack's tracks
 * (docs/pack-format.md, "Tracks"). TRACK_OPTION_SAYING for a command whose
 * default is not the workspace's. */
#define TRACK_OPTION_SAYING(help) { "track", 0, 't', CLI_TEXT, "TRACK", NULL, help, false }
#define TRACK_OPTION                                                                             \
	TRACK_OPTION_SAYING("the language, one of the pack's tracks (`roadmap-run list PACK` shows " \
			    "them); default: the workspace's, else the pack's first")

static const struct cli_option run_options[] = {
	{ "report", 0, 'r', CLI_FILE, "FILE", NULL, "write the JSON report to FILE ('-' for stdout)", false },
	{ "format", 0, 'f', CLI_WORD, "NAME", FORMATS,
	  "report format: json (default), junit, tap, gradescope, exercism; may be given more than once with --out", false },
	{ "out", 0, 'o', CLI_DIR, "DIR", NULL, "write each --format into DIR under its usual name", false },
	{ "gradescope-hidden", 0, 'G', CLI_WORD, "V", "hidden after_published",
	  "Gradescope visibility of hidden checks: hidden (default) or after_published", false },
	{ "exercise", 0, 'e', CLI_TEXT, "ID", NULL, "grade only exercise ID; may be given more than once", false },
	{ "answers", 0, 'a', CLI_FILE, "FILE", NULL, "take the quiz answers from FILE ('-' for stdin)", false },
	{ "workspace", 0, 'w', CLI_DIR, "DIR", NULL, "use DIR as the workspace instead of the default", false },
	TRACK_OPTION,
	{ "check-sandbox", 0, 'S', CLI_FLAG, NULL, NULL, "print what this kernel offers and what a check gets", false },
	{ "pass-mark", 0, 'p', CLI_TEXT, "PERCENT", NULL,
	  "exit 0 when the score reaches PERCENT of the maximum (default: only at full score)", false },
	{ "verbose", 'v', 'v', CLI_FLAG, NULL, NULL,
	  "every line of every check's message (by default: the first failure of each, and a repeat only once)", false },
	JOBS_OPTION,
	{ 0 },
};

static const struct cli_option validate_options[] = {
	JOBS_OPTION,
	TRACK_OPTION_SAYING("validate this track alone (default: every track the pack offers)"),
	{ 0 },
};

static const struct cli_option workspace_track_options[] = {
	{ "workspace", 0, 'w', CLI_DIR, "DIR", NULL, "the workspace (default: your workspace for the pack)", false },
	TRACK_OPTION,
	{ 0 },
};

static const struct cli_option track_option[] = {
	TRACK_OPTION,
	{ 0 },
};

static const struct cli_option quiz_options[] = {
	{ "answers", 0, 'a', CLI_FILE, "FILE", NULL,
	  "read and save the answers in FILE (default: the workspace's answers.json, created if needed)", false },
	{ "again", 0, 'A', CLI_FLAG, NULL, NULL, "ask every question, also those already answered", false },
	{ 0 },
};

static const struct cli_option pack_options[] = {
	{ "output", 'o', 'o', CLI_FILE, "FILE", NULL,
	  "the archive to write (atomically: temporary file, rename); '-' for stdout", false },
	{ "format", 0, 'f', CLI_WORD, "FORMAT", "tar tar.gz tar.xz tar.zst zip",
	  "tar, tar.gz, tar.xz, tar.zst or zip; by default taken from FILE's suffix (.tar, .tar.gz/.tgz, "
	  ".tar.xz/.txz, .tar.zst/.tzst, .zip), else tar.gz", false },
	{ "learner", 0, 'l', CLI_FLAG, NULL, NULL, "leave out each exercise's solution, wrong and accept directories", false },
	{ 0 },
};

static const struct cli_option import_options[] = {
	{ "output", 'o', 'o', CLI_FILE, "FILE", NULL, "write the JSON to FILE (atomically) instead of stdout", false },
	{ "skip-unsupported", 0, 'S', CLI_FLAG, NULL, NULL,
	  "questions of a kind that cannot be converted are warnings, not errors (malformed ones are still errors)", false },
	{ 0 },
};

static const struct cli_option grade_options[] = {
	{ "submissions-dir", 0, 'd', CLI_DIR, "DIR", NULL,
	  "grade every entry of DIR (except .hidden ones); one that is not a real directory (a link, a file) is an error row", false },
	{ "jobs", 'j', 'j', CLI_TEXT, "N", NULL, "grade N submissions at once, 1 to 256 (default: the number of CPUs)", false },
	{ "out", 'o', 'o', CLI_DIR, "DIR", NULL, "where to write (default: grades)", false },
	{ "format", 0, 'f', CLI_WORD, "NAME", FORMATS,
	  "also write junit, tap, gradescope or exercism for each submission; may be given more than once", false },
	{ "gradescope-hidden", 0, 'G', CLI_WORD, "V", "hidden after_published",
	  "Gradescope visibility of hidden checks: hidden (default) or after_published", false },
	{ "resume", 0, 'R', CLI_FLAG, NULL, NULL, "skip submissions whose report exists for this pack digest and track", false },
	{ "shard", 0, 's', CLI_TEXT, "K/N", NULL,
	  "grade only the Kth of N shares of the submissions sorted by name (1 <= K <= N); join the gradebooks with merge", false },
	{ "pass-mark", 0, 'p', CLI_TEXT, "PERCENT", NULL, "exit 0 when every submission scores at least PERCENT", false },
	TRACK_OPTION_SAYING("the language of every submission, one of the pack's tracks (default: the "
			    "pack's first); recorded in reports and gradebooks"),
	{ 0 },
};

static const struct cli_option merge_options[] = {
	{ "out", 'o', 'o', CLI_DIR, "DIR", NULL, "where to write (default: grades)", false },
	{ "allow-partial", 0, 'P', CLI_FLAG, NULL, NULL,
	  "merge even when shards are missing (the gradebook then records which, e.g. shard 1,3/4)", false },
	{ 0 },
};

static const struct cli_option report_options[] = {
	{ "output", 'o', 'o', CLI_FILE, "FILE", NULL, "the HTML page (default: GRADES_DIR/report.html); '-' for stdout", false },
	{ "markdown", 0, 'm', CLI_FILE, "FILE", NULL, "also write a Markdown summary to FILE; '-' for stdout", false },
	{ 0 },
};

static const struct cli_option help_options[] = {
	{ "man", 0, 'M', CLI_FLAG, NULL, NULL, "print the man page roadmap-run(1) in roff", true },
	{ "packs", 0, 'P', CLI_FLAG, NULL, NULL, "print the name of every pack found, for the completions", true },
	{ "completion", 0, 'c', CLI_WORD, "SHELL", "bash zsh fish", "print the completion script for SHELL", true },
	{ 0 },
};

static const struct command commands[] = {
	{ "run", "PACK [SUBMISSION]", "grade (the default command)",
	  "Grade SUBMISSION against PACK. PACK is a directory with pack.json or an\n"
	  "archive of one (tar, tar.gz, tar.xz, tar.zst, zip), or the name of a pack\n"
	  "in $ROADMAP_RUN_PACKS (a colon-separated list of directories), the\n"
	  "checkout's exercises/ or the installed packs. SUBMISSION holds one\n"
	  "directory per exercise id, plus answers.json for the quiz. Without\n"
	  "SUBMISSION, your workspace for the pack is graded; the first run creates it\n"
	  "from the starter code and later runs never overwrite it.\n"
	  "\n"
	  "Exit status: 0 graded with full score, 1 graded without full score,\n"
	  "2 usage error, 3 invalid pack or submission, 4 the runner could not work.\n",
	  run_options, cmd_run, true },
	{ "watch", "PACK", "regrade each exercise as you save it; keys for hints and more",
	  "Watch your workspace for PACK. Each time you save a file of an exercise,\n"
	  "that exercise alone is graded again and its first failing check is shown.\n"
	  "Keys on a terminal: h hint, n next exercise, l list, p prompt, r regrade,\n"
	  "q quit. Without a terminal, each regrade prints one line:\n"
	  "  STATUS EXERCISE SCORE/MAX [- CHECK: STATUS: MESSAGE] (SECONDS s)\n"
	  "and watch runs until it is interrupted. The workspace's track is used;\n"
	  "--track TRACK chooses it for a workspace that does not exist yet.\n",
	  workspace_track_options, cmd_watch, false },
	{ "status", "", "the whole roadmap: points per stage and what to do next",
	  "Show every stage of the roadmap in order: the points of your last graded\n"
	  "workspace, when it was graded, and the next exercise to do. Nothing is\n"
	  "graded; run `roadmap-run PACK` to grade. Packs are found as PACK names are\n"
	  "(ROADMAP_RUN_PACKS, the checkout's exercises/, the installed packs).\n",
	  NULL, cmd_status, false },
	{ "prompt", "PACK EXERCISE", "show an exercise's task",
	  "Print the task of EXERCISE: its prompt.md from the pack, in the track of\n"
	  "your workspace for the pack (--track: that track's).\n",
	  track_option, cmd_prompt, false },
	{ "quiz", "PACK", "answer the pack's quiz on the terminal",
	  "Ask the pack's quiz on the terminal: each question with numbered\n"
	  "choices, then whether the answer was right and the explanation.\n"
	  "Every answer is saved at once, so Ctrl-C loses nothing; the next run\n"
	  "asks only the questions not answered yet. The answers file is what\n"
	  "\"roadmap-run PACK\" grades.\n"
	  "\n"
	  "Answer a 'choose one' question with its number, a 'choose all that\n"
	  "apply' question with numbers such as 1,3 or 1 3, a true/false question\n"
	  "with y or n, a number question with a number. Ctrl-D stops.\n"
	  "\n"
	  "Without a terminal it refuses: write answers.json yourself (format in\n"
	  "docs/pack-format.md) and grade it with \"roadmap-run PACK SUBMISSION\" or\n"
	  "\"roadmap-run PACK --answers FILE\".\n"
	  "\n"
	  "Exit status: 0 every question answered right, 1 otherwise (also after\n"
	  "Ctrl-D), 2 usage error or no terminal, 3 invalid pack or answers file,\n"
	  "4 the answers cannot be saved.\n",
	  quiz_options, cmd_quiz, false },
	{ "hint", "PACK EXERCISE", "show the next hint for an exercise",
	  "Show the next hint for EXERCISE, one more each time. The number of hints\n"
	  "used is recorded in the workspace and reported as hints_used. The hints\n"
	  "are the workspace's track's (--track: another track's).\n",
	  workspace_track_options, cmd_hint, false },
	{ "list", "PACK", "list exercises, checks, points and the quiz",
	  "Show the pack's tracks, exercises, their checks and points, and the quiz size.\n"
	  "--track TRACK lists the exercises as that track has them (default: the\n"
	  "pack's first track).\n",
	  track_option, cmd_list, false },
	{ "init", "PACK [DIR]", "create a workspace from the starter code",
	  "Create a workspace for PACK in DIR (default: your workspace for the pack)\n"
	  "from the starter code. Existing exercise directories are never touched.\n"
	  "--track TRACK: the language, one of the pack's tracks (`roadmap-run list`\n"
	  "shows them; default: the pack's first). The workspace remembers it: run,\n"
	  "watch, quiz, status, prompt and hint use it.\n",
	  track_option, cmd_init, false },
	{ "validate", "PACK", "check a pack for every problem (authors)",
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
	  "Exit status: 0 no problem (warnings allowed), 3 problems found,\n"
	  "2 usage error, 4 the runner could not work.\n",
	  validate_options, cmd_validate, false },
	{ "pack", "DIR -o FILE", "write a reproducible pack archive (authors)",
	  "Validate the pack in DIR (a directory, or an archive of one) and write it\n"
	  "to FILE (-o, required) as a reproducible archive: entries sorted, owner\n"
	  "0/0, mtime 0 (or $SOURCE_DATE_EPOCH), modes 0644/0755. Two runs give\n"
	  "identical bytes.\n"
	  "\n"
	  "Exit status: 0 written, 2 usage error, 3 invalid pack, 4 could not write.\n",
	  pack_options, cmd_pack, false },
	{ "quiz-import", "FILE.gift", "convert a Moodle GIFT quiz to pack JSON",
	  "Convert a Moodle GIFT question bank to quiz JSON: an array of questions\n"
	  "in pack format 1, ready to paste as \"quiz\" into pack.json. FILE may be\n"
	  "'-' for stdin. See docs/pack-format.md, \"Importing a GIFT question bank\".\n"
	  "\n"
	  "Read as Moodle's importer reads it: multiple choice {=right ~wrong} (single,\n"
	  "with weights when a wrong choice earns something), {~%50%a ~%-100%b}\n"
	  "(multiple, with weights), true/false {T} {FALSE}, short answers {=a =%50%b}\n"
	  "and {One} (text; * wildcards become regexes), numeric {#v:tol} {#min..max}\n"
	  "{#=v1 =%50%v2}, matching {=a -> b}, titles, feedback, missing words.\n"
	  "Empty answers are dropped as Moodle drops them. Refused, with their line:\n"
	  "essays {}, descriptions, and what Moodle itself refuses.\n"
	  "\n"
	  "The questions that converted are always written. Exit status: 0 when\n"
	  "every question converted, 3 when any question was malformed or (without\n"
	  "--skip-unsupported) unsupported or the file cannot be read, 2 usage\n"
	  "error, 4 the output cannot be written.\n",
	  import_options, cmd_quiz_import, false },
	{ "grade", "PACK [SUBMISSION...]", "grade many submissions (CI)",
	  "Grade many submissions against PACK, several at once, into DIR (--out):\n"
	  "  DIR/gradebook.csv, DIR/gradebook.jsonl  one row per submission: score, status,\n"
	  "                                          a score per exercise, pack digest, duration,\n"
	  "                                          message, shard, track\n"
	  "  DIR/gradebook.meta.json                 the shard K/N, pack digest and class size\n"
	  "  DIR/reports/NAME/report.json            each submission's report (and --format files)\n"
	  "  DIR/reports/NAME/error.json             why a submission could not be graded\n"
	  "NAME is the submission directory's name. A submission that cannot be graded\n"
	  "is recorded with status 'error' and the batch goes on. A regrade replaces all\n"
	  "of reports/NAME at once. Give SUBMISSION..., --submissions-dir DIR, or both.\n"
	  "\n"
	  "Progress goes to stderr: a bar on a terminal, a line per submission otherwise.\n"
	  "Exit status: 0 every submission has full score (or reaches --pass-mark), 1 not,\n"
	  "or a submission could not be graded, 2 usage error or nothing to grade (an\n"
	  "empty --submissions-dir), 3 invalid pack, 4 the runner could not work. See\n"
	  "docs/ci.md for CI, sharding and Gradescope.\n",
	  grade_options, cmd_grade, false },
	{ "merge", "GRADEBOOK...", "join gradebooks of sharded runs",
	  "Join the gradebooks of `roadmap-run grade --shard K/N` runs into one, as if\n"
	  "the submissions had been graded in one run. GRADEBOOK is the --out directory\n"
	  "of a shard, its gradebook.jsonl or gradebook.csv, or '-' for one on stdin.\n"
	  "Writes DIR/gradebook.csv, DIR/gradebook.jsonl and DIR/gradebook.meta.json\n"
	  "(default DIR: grades).\n"
	  "\n"
	  "Every gradebook records its shard K/N and pack digest (gradebook.meta.json\n"
	  "beside it, and each row). merge refuses, naming what is wrong: a missing shard,\n"
	  "a shard given twice, shards of different N, packs (digests) or classes, and a\n"
	  "submission in two gradebooks. Exit status: 0 merged, 2 usage error, 3 the\n"
	  "gradebooks do not fit together or cannot be read, 4 the result cannot be written.\n",
	  merge_options, cmd_merge, false },
	{ "report", "GRADES_DIR", "the class report of a batch: an HTML page, and Markdown",
	  "Write the class report of a `roadmap-run grade --out GRADES_DIR` batch: one\n"
	  "self-contained HTML page with the score histogram, mean and median, pass\n"
	  "rates per exercise and per check (hardest first), status counts and times\n"
	  "per check, and every submission linked to its report. --markdown FILE also\n"
	  "writes a short summary for a CI job's page (e.g. \"$GITHUB_STEP_SUMMARY\").\n"
	  "\n"
	  "Exit status: 0 written, 2 usage error, 3 no gradebook or an unreadable one,\n"
	  "4 the report cannot be written.\n",
	  report_options, cmd_report, false },
	{ "help", "[COMMAND]", "show this list, or a command's help",
	  "Without COMMAND, list the commands; with one, show its help (the same as\n"
	  "`roadmap-run COMMAND --help`).\n",
	  help_options, cmd_help, false },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

const struct command *command_all(size_t *n_out)
{
	*n_out = N_COMMANDS;
	return commands;
}

const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

const struct command *command_suggest(const char *word)
{
	const struct command *best = NULL;
	size_t best_d = 3;
	int ties = 0;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		size_t d = util_edit_distance(word, commands[i].name, 2);
		if (d < best_d) {
			best_d = d;
			best = &commands[i];
			ties = 0;
		} else if (d == best_d) {
			ties++;
		}
	}
	/* one edit away is a typo; two only for long words ("nopack" is a
	 * pack someone named, not "pack"), and never when two commands are
	 * equally close */
	if (!best || ties || (best_d == 2 && strlen(word) < 8))
		return NULL;
	return best;
}

void command_table_print(FILE *fp)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		char left[64];
		snprintf(left, sizeof(left), "%s %s", commands[i].name, commands[i].args);
		fprintf(fp, "  %-26s %s\n", left, commands[i].summary);
	}
}

static void print_pack_name(const char *name, const char *path, void *arg)
{
	(void)path;
	(void)arg;
	printf("%s\n", util_esc(name));
}

int cmd_help(int argc, char **argv)
{
	struct cli_args a;
	int c;
	cli_begin(&a, "help", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		if (c == 'M') {
			cli_print_man(stdout);
			return 0;
		}
		if (c == 'P') {
			pack_locate_each(print_pack_name, NULL);
			return 0;
		}
		if (c == 'c') /* the value is one of the shells (CLI_WORD) */
			return cli_print_completion(stdout, a.value) < 0 ? RR_EXIT_INTERNAL : 0;
	}
	if (c == CLI_STOP)
		return a.status;
	if (a.n_pos == 0) {
		cli_print_top_help(stdout);
		return 0;
	}
	const struct command *cmd = command_find(a.pos[0]);
	if (!cmd) {
		const struct command *s = command_suggest(a.pos[0]);
		if (s)
			return cli_usage_error(a.cmd, "no command '%s'; did you mean '%s'?", util_esc(a.pos[0]), s->name);
		return cli_usage_error(a.cmd, "no command '%s'", util_esc(a.pos[0]));
	}
	if (cmd->fn == cmd_help)
		cli_print_top_help(stdout);
	else
		cli_print_help(stdout, cmd);
	return 0;
}
