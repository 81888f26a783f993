/* Placeholder until 'cmd_list' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'list' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
