/* Placeholder until 'cmd_pack' is implemented; delete this file then. */
#include <stdio.h>
#include "commands.h"
#include "roadmap.h"

int cmd_pack(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "roadmap-run: 'pack' is not implemented yet\n");
	return RR_EXIT_INTERNAL;
}
