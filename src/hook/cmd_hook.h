/* cmd_hook.h - `ccveto hook`, the one command the static `ccveto` runs
 * itself (hook/front.c); ccveto-full dispatches to it too (cli/main.c).
 * Takes argv with argv[0] = "hook" and returns the exit status of the
 * answer (hook_io.h); every failure inside is a deny. */
#ifndef CV_CMD_HOOK_H
#define CV_CMD_HOOK_H

int cmd_hook(int argc, char **argv);

#endif
