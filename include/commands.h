/*
 * commands.h - the sub-commands. main() only dispatches; each command
 * parses its own options, prints its own --help, and returns an exit
 * status from roadmap.h. Usage errors return RR_EXIT_USAGE.
 */
#ifndef COMMANDS_H
#define COMMANDS_H

int cmd_run(int argc, char **argv);          /* run.c: grade one submission */
int cmd_validate(int argc, char **argv);     /* validate.c */
int cmd_list(int argc, char **argv);         /* authoring.c */
int cmd_init(int argc, char **argv);         /* authoring.c */
int cmd_hint(int argc, char **argv);         /* authoring.c */
int cmd_pack(int argc, char **argv);         /* pack_cmd.c */
int cmd_quiz(int argc, char **argv);         /* quiz_cli.c */
int cmd_quiz_import(int argc, char **argv);  /* gift.c */
int cmd_grade(int argc, char **argv);        /* batch.c */
int cmd_merge(int argc, char **argv);        /* batch.c */

#endif
