/* cmd_audit.c - placeholder until the module lands (work in progress). */
#include <stdio.h>
#include "cmd.h"
int cmd_audit(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "ccveto: 'audit' is not built yet\n");
	return 2;
}
