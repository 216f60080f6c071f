/* cmd_install.c - placeholder until the module lands (work in progress). */
#include <stdio.h>
#include "cmd.h"
int cmd_install(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "ccveto: 'install' is not built yet\n");
	return 2;
}
