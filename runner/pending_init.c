/* Placeholder until 'cmd_init' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_init(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'init' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
