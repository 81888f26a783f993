/* Placeholder until 'cmd_hint' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_hint(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'hint' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
