/*
 * command_table.h - the one list of sub-commands: their names, usage lines
 * and one-line summaries. main() dispatches through it, `--help` and
 * `roadmap-run help` print it, and a mistyped command is matched against
 * it ("did you mean"). Nothing else lists the commands.
 */
#ifndef COMMAND_TABLE_H
#define COMMAND_TABLE_H

#include <stdio.h>

struct command {
	const char *name;
	const char *synopsis; /* arguments after the name, for the help list */
	const char *summary;  /* one line, lower case, no full stop */
	int (*fn)(int argc, char **argv);
};

/* The command called name, or NULL. */
const struct command *command_find(const char *name);

/* The command whose name is within two edits of word (the closest, and
 * only when one is clearly closest), or NULL. */
const struct command *command_suggest(const char *word);

/* "  name SYNOPSIS   summary" for every command, one per line. */
void command_table_print(FILE *fp);

#endif
