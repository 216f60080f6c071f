/* cmd_uninstall.c - `ccveto uninstall`: removes ccveto's own PreToolUse
 * entries from a Claude Code settings file.  Shares everything with
 * install (cmd_install.c, settings_edit.c). */
#include "cli/cmd.h"
#include "cli/settings_edit.h"

int cmd_uninstall(int argc, char **argv)
{
	return settings_cmd(argc, argv, 1);
}
