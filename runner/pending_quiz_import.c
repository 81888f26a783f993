/* Placeholder until 'cmd_quiz_import' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_quiz_import(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'quiz_import' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
