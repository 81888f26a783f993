/*
 * main.c - dispatch to a sub-command (command_table.h). "roadmap-run PACK
 * [SUBMISSION]" is short for "roadmap-run run PACK [SUBMISSION]", and
 * "roadmap-run" alone on a terminal is "roadmap-run status". --color is
 * taken here, for every command, before the command parses the rest.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command_table.h"
#include "commands.h"
#include "pack_locate.h"
#include "roadmap.h"
#include "summary.h"
#include "util.h"

/* Remove "--color=WHEN" / "--color WHEN" from argv (up to a "--"), setting
 * the colour mode. Returns the new argc, or -1 after a usage message. */
static int take_color_option(int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *when = NULL;
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(a, "--color=", 8) == 0) {
			when = a + 8;
		} else if (strcmp(a, "--color") == 0) {
			if (i + 1 >= argc) {
				fputs("roadmap-run: option '--color' needs a value: auto, always or never\n", stderr);
				return -1;
			}
			when = argv[++i];
		} else {
			argv[out++] = argv[i];
			continue;
		}
		if (summary_set_color_mode(when) < 0) {
			fputs("roadmap-run: --color is auto, always or never, not '", stderr);
			util_fputs_clean(stderr, when, false);
			fputs("'\n", stderr);
			return -1;
		}
	}
	argv[out] = NULL;
	return out;
}

/* argv[1] is neither a command nor an option: a typo of a command when it
 * names no file and no pack but is close to a command's name. */
static const struct command *mistyped_command(const char *word)
{
	struct stat st;
	if (word[0] == '-' || lstat(word, &st) == 0 || !pack_locate_is_name(word))
		return NULL;
	const struct command *c = command_suggest(word);
	if (!c)
		return NULL;
	char *pack = pack_locate(word);
	bool is_pack = pack != NULL;
	free(pack);
	return is_pack ? NULL : c;
}

int main(int argc, char **argv)
{
	argc = take_color_option(argc, argv);
	if (argc < 0)
		return RR_EXIT_USAGE;
	if (argc == 1 && isatty(STDOUT_FILENO))
		return cmd_status(argc, argv);
	if (argc >= 2) {
		const struct command *c = command_find(argv[1]);
		if (c)
			return c->fn(argc - 1, argv + 1);
		if ((c = mistyped_command(argv[1]))) {
			fputs("roadmap-run: '", stderr);
			util_fputs_clean(stderr, argv[1], false);
			fprintf(stderr, "' is not a command or a pack; did you mean '%s'?\n"
					"  roadmap-run help   lists the commands\n", c->name);
			return RR_EXIT_USAGE;
		}
	}
	/* No sub-command: the arguments are run's (PACK, options, --help...). */
	return cmd_run(argc, argv);
}
