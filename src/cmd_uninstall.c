/* cmd_uninstall.c - placeholder until the module lands (work in progress). */
#include <stdio.h>
#include "cmd.h"
int cmd_uninstall(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "ccveto: 'uninstall' is not built yet\n");
	return 2;
}
