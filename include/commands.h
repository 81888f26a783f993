/*
 * commands.h - the sub-commands. main() only dispatches (command_table.h);
 * each command parses its arguments with cli_next against its entry in the
 * command table, and returns an exit status from roadmap.h. Usage errors
 * return RR_EXIT_USAGE. The commands with more than a flag or two split
 * their parsing into a pure parse_*_args, which the unit tests call: it
 * returns -1 to go on, or the exit status (after --help, or a usage error
 * printed to stderr).
 */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <stdio.h>

#include <stdbool.h>
#include <stddef.h>

#include "formats.h"

int cmd_run(int argc, char **argv);          /* run.c: grade one submission */
int cmd_validate(int argc, char **argv);     /* validate.c */
int cmd_list(int argc, char **argv);         /* learner_cmds.c */
int cmd_init(int argc, char **argv);         /* learner_cmds.c */
int cmd_hint(int argc, char **argv);         /* learner_cmds.c */
int cmd_prompt(int argc, char **argv);       /* learner_cmds.c */
int cmd_pack(int argc, char **argv);         /* pack_cmd.c */
int cmd_quiz(int argc, char **argv);         /* quiz_cmd.c */
int cmd_quiz_import(int argc, char **argv);  /* quiz_import_cmd.c */
int cmd_grade(int argc, char **argv);        /* grade_cmd.c */
int cmd_merge(int argc, char **argv);        /* grade_cmd.c */
int cmd_status(int argc, char **argv);       /* status.c */
int cmd_watch(int argc, char **argv);        /* watch.c */
int cmd_report(int argc, char **argv);       /* report_cmd.c */
int cmd_help(int argc, char **argv);         /* command_table.c */

/* run: strings point into argv; run_args_release frees only. */
struct run_args {
	const char *pack_path, *submission;
	const char *report_path, *out_dir, *answers, *workspace;
	const char *track; /* --track, or NULL: the workspace's, else the pack's first */
	const char *gradescope_hidden;
	const char **only;
	size_t n_only;
	enum report_format formats[FORMAT_COUNT];
	size_t n_formats;
	double pass_mark; /* -1: full score only */
	int jobs;         /* checks at once */
	bool quiet, verbose, check_sandbox;
};
int run_parse_args(int argc, char **argv, struct run_args *a);
void run_args_release(struct run_args *a);

struct grade_args {
	const char *pack_path;
	char **submissions; /* into argv */
	int n_submissions;
	const char *submissions_dir, *out_dir, *gradescope_hidden;
	const char *track; /* --track, or NULL: the pack's first */
	enum report_format formats[FORMAT_COUNT];
	size_t n_formats;
	int jobs;
	long shard_k, shard_n;
	double pass_mark;
	bool resume, quiet;
};
int grade_parse_args(int argc, char **argv, struct grade_args *a);

struct pack_args {
	const char *dir, *out, *format; /* format: NULL, then from out's suffix */
	bool learner, quiet;
};
int pack_parse_args(int argc, char **argv, struct pack_args *a);

struct quiz_args {
	const char *pack_path, *answers;
	bool again, quiet;
};
int quiz_parse_args(int argc, char **argv, struct quiz_args *a);

#endif
