/*
 * main.c - dispatch to a sub-command. "roadmap-run PACK [SUBMISSION]" is
 * short for "roadmap-run run PACK [SUBMISSION]". Everything else lives in
 * the commands (commands.h), so this file stays small.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "roadmap.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "run", cmd_run },
	{ "validate", cmd_validate },
	{ "list", cmd_list },
	{ "init", cmd_init },
	{ "hint", cmd_hint },
	{ "pack", cmd_pack },
	{ "quiz", cmd_quiz },
	{ "quiz-import", cmd_quiz_import },
	{ "grade", cmd_grade },
	{ "merge", cmd_merge },
};

int main(int argc, char **argv)
{
	if (argc >= 2) {
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].fn(argc - 1, argv + 1);
		}
	}
	/* No sub-command: the arguments are run's (PACK, options, --help...). */
	return cmd_run(argc, argv);
}
