/* cmd.h - the subcommands of ccveto-full; main.c only dispatches to
 * these (and to cmd_hook, hook/cmd_hook.h).  Each takes argv with
 * argv[0] = the subcommand name and returns the process exit status. */
#ifndef CV_CMD_H
#define CV_CMD_H

#include "hook/cmd_hook.h"

int cmd_check(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_tools(int argc, char **argv);
int cmd_selftest(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_install(int argc, char **argv);
int cmd_uninstall(int argc, char **argv);
int cmd_log(int argc, char **argv);
/* Internal, for the static hook binary (stake_exec.c). */
int cmd_worktree_stake(int argc, char **argv);

#endif
