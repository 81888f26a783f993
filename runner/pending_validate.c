/* Placeholder until 'cmd_validate' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_validate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'validate' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
