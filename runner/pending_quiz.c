/* Placeholder until 'cmd_quiz' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_quiz(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'quiz' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
