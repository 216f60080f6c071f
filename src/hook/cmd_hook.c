/* cmd_hook.c - `ccveto hook`: the PreToolUse (and PreSkillShellCommand)
 * hook itself.
 *
 * Security invariant: every path out of this file is a defined verdict.
 * Claude Code lets a call through when its hook crashes, hangs, exits 1 or
 * prints malformed JSON, so every error below becomes a deny through
 * fail_closed(), a watchdog alarm denies if judging takes too long, and
 * nothing but the verdict is ever written to stdout. */
#include "hook/cmd_hook.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hook/declog.h"
#include "hook/hook_io.h"
#include "hook/post.h"
#include "judge/judge.h"
#include "judge/load.h"
#include "judge/toolcall.h"
#include "rules/config.h"
#include "rules/ruleset.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/opt.h"
#include "util/userhome.h"

static int fail_closed(struct arena *a, int error, const char *what)
{
	struct verdict v;

	judge_fail_closed(&v, a, error, what);
	return hook_emit(&v);
}

int cmd_hook(int argc, char **argv)
{
	const char *input = NULL, *home = NULL, *rules_dir = NULL;
	int no_user_config = 0, nargs = 0, status, error, fd = 0;
	bool post;
	const struct opt_spec opts[] = {
		{ 'i', "input", OPT_VALUE, &input, "FILE",
		  "read the payload from FILE instead of stdin" },
		{ 0, "home", OPT_VALUE, &home, "DIR",
		  "the user's home: config, log, \"~\" (default: the "
		  "passwd entry of your uid; $HOME is a home too)" },
		{ 'r', "rules-dir", OPT_VALUE, &rules_dir, "DIR",
		  "load extra rule packs from DIR (also $CCVETO_RULES_DIR)" },
		{ 0, "no-user-config", OPT_FLAG, &no_user_config, NULL,
		  "ignore the user's config file (for tests)" },
		{ 0 }
	};
	struct toolcall_opts topts = { 0 };
	struct config_opts copts = { 0 };
	struct ruleset *set = NULL;
	struct toolcall call;
	struct verdict v;
	struct buf in = BUF_INIT;
	struct arena a;
	struct diag d;

	/* Before anything else: a hang or crash must still deny. */
	hook_guard_install(CV_WATCHDOG_SECONDS);
	arena_init(&a);
	diag_clear(&d);
	memset(&call, 0, sizeof(call));
	status = opt_parse(opts, argc, argv, &nargs, "ccveto hook [options] "
			   "< payload.json", "Judges one Claude Code hook "
			   "payload: exit 2 with a reason to block, JSON "
			   "\"ask\" on stdout, or exit 0 and silence.");
	if (status != 0 || nargs != 0) {
		/* A registration typo must block, not fail open. */
		status = fail_closed(&a, CV_EUSAGE, "bad 'ccveto hook' "
				     "arguments; see 'ccveto hook --help'");
		goto done;
	}
	if (input && (fd = open(input, O_RDONLY | O_CLOEXEC)) < 0) {
		status = fail_closed(&a, CV_EIO, "cannot open --input file");
		goto done;
	}
	error = buf_read_fd(&in, fd, CV_MAX_PAYLOAD_BYTES);
	if (fd > 0)
		close(fd);
	if (error == CV_ETOOBIG) {
		status = fail_closed(&a, error, "the payload is larger than "
				     "16 MiB");
		goto done;
	}
	if (error < 0) {
		status = fail_closed(&a, error, "cannot read the payload");
		goto done;
	}
	if (home)
		userhome_set(home);
	topts.home = home;
	topts.env_home = true;
	if ((error = toolcall_parse(&call, &a, in.data, in.len, &topts,
				    &d)) < 0) {
		status = fail_closed(&a, error, d.msg);
		goto done;
	}
	post = call.event && !strcmp(call.event, "PostToolUse");
	/* A skill's inline shell line is judged like that tool's call. */
	if (!post && (!call.tool || !call.judged)) {
		status = 0;	/* not a tool call: no opinion */
		goto done;
	}
	copts.cwd = call.cwd;
	copts.rules_dir = rules_dir;
	copts.no_user_config = no_user_config;
	if ((error = load_ruleset(&set, &copts, &d)) < 0) {
		/* After the call, a deny would let the output through. */
		if (post) {
			status = post_withhold(&call);
		} else {
			status = fail_closed(&a, error, d.msg);
		}
		goto done;
	}
	/* PostToolUse: the output, not a call, is what is judged. */
	if (post) {
		struct post_env env = { set, home };

		status = post_hook(&call, config_post_settings(), &env);
		goto done;
	}
	judge_call(&v, &a, set, &call, &d);
	declog_record(&call, &v);
	status = hook_emit_event(&v, call.event);
done:
	ruleset_free(set);
	buf_release(&in);
	arena_release(&a);
	return status;
}
