/* Placeholder until 'cmd_merge' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_merge(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'merge' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
