/*
 * commands.h - the sub-commands. main() only dispatches; each command
 * parses its own options, prints its own --help, and returns an exit
 * status from roadmap.h. Usage errors return RR_EXIT_USAGE.
 */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <stdio.h>

int cmd_run(int argc, char **argv);          /* run.c: grade one submission */
int cmd_validate(int argc, char **argv);     /* validate.c */
int cmd_list(int argc, char **argv);         /* learner_cmds.c */
int cmd_init(int argc, char **argv);         /* learner_cmds.c */
int cmd_hint(int argc, char **argv);         /* learner_cmds.c */
int cmd_pack(int argc, char **argv);         /* pack_cmd.c */
int cmd_quiz(int argc, char **argv);         /* quiz_cmd.c */
int cmd_quiz_import(int argc, char **argv);  /* quiz_import_cmd.c */
int cmd_grade(int argc, char **argv);        /* grade_cmd.c */
int cmd_merge(int argc, char **argv);        /* grade_cmd.c */
int cmd_status(int argc, char **argv);       /* status.c */
int cmd_watch(int argc, char **argv);        /* watch.c */
int cmd_report(int argc, char **argv);       /* report_cmd.c */
int cmd_prompt(int argc, char **argv);       /* learner_cmds.c */
int cmd_help(int argc, char **argv);         /* command_table.c */

/* run.c: the top-level help (usage, options, the command table). */
void run_print_help(FILE *fp);

#endif
