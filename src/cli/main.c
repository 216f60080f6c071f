/* main.c - dispatches `ccveto-full <command>`; nothing else lives here.
 * The `ccveto` that users run is front.c: it judges hook calls itself
 * and executes this program for every other command. */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"

#ifndef CV_VERSION
#define CV_VERSION "0.0.0"
#endif

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{ "hook", cmd_hook, "judge a Claude Code hook payload on stdin" },
	{ "check", cmd_check, "judge a command or payload and explain" },
	{ "rules", cmd_rules, "list the loaded rules" },
	{ "selftest", cmd_selftest, "run every rule's examples" },
	{ "tools", cmd_tools, "list the Claude Code tools and what is judged" },
	{ "audit", cmd_audit, "lint Claude Code, MCP and devcontainer configs" },
	{ "install", cmd_install, "register the hook in Claude Code settings" },
	{ "uninstall", cmd_uninstall, "remove ccveto's hook registration" },
	{ "log", cmd_log, "summarise the decision log" },
	{ "worktree-stake", cmd_worktree_stake, NULL },	/* internal */
};

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: ccveto <command> [options]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].help)
			fprintf(out, "  %-10s %s\n", commands[i].name,
				commands[i].help);
	fprintf(out, "\n'ccveto help <command>' or 'ccveto <command> --help' "
		"describes each command;\n'man ccveto' has the rest.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("ccveto %s\n", CV_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		/* `ccveto help audit` is `ccveto audit --help`. */
		if (argc > 2 && !strcmp(argv[1], "help")) {
			char *args[] = { argv[2], "--help", NULL };

			for (i = 0; i < sizeof(commands) / sizeof(commands[0]);
			     i++)
				if (commands[i].help &&
				    !strcmp(argv[2], commands[i].name))
					return commands[i].fn(2, args);
			fprintf(stderr, "ccveto: unknown command '%s'\n",
				argv[2]);
			usage(stderr);
			return 2;
		}
		usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ccveto: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
