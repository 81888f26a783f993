/* Placeholder until 'cmd_grade' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_grade(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'grade' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
