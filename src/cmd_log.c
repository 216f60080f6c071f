/* cmd_log.c - placeholder until the module lands (work in progress). */
#include <stdio.h>
#include "cmd.h"
int cmd_log(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "ccveto: 'log' is not built yet\n");
	return 2;
}
