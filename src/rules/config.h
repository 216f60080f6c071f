/* config.h - user and project configuration applied to a rule set.
 * User config: ~/.config/ccveto/config.json, ~ being the passwd home of
 * the real uid (userhome.h), never $HOME or $XDG_CONFIG_HOME.
 * Project config: .ccveto.json found from cwd upwards; it may only tighten
 * what the user's config allows, unless the user's config trusts that
 * project path.  config_apply() loads both and changes `set` in place
 * (disabled rules, decisions, extra packs, protected branches,
 * exceptions).  The log settings, plain values, are kept in this module
 * until the next config_apply(); see docs/configuration.md for the keys
 * and the precedence. */
#ifndef CV_CONFIG_H
#define CV_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "util/diag.h"

struct ruleset;
struct buf;

struct config_opts {
	const char *cwd;	/* where to look for .ccveto.json; NULL: none */
	const char *rules_dir;	/* --rules-dir (full power); the
				 * environment's $CCVETO_RULES_DIR is read
				 * here, and may only add rules unless the
				 * user's config has "trust_env" */
	int no_user_config;	/* for tests: ignore the user config */
	struct buf *warnings;	/* when set (`ccveto check`): one line per
				 * ignored or unknown setting; the hook
				 * leaves it NULL and prints nothing */
};

int config_apply(struct ruleset *set, const struct config_opts *opts,
		 struct diag *d);

/* Decision log settings from the last config_apply(); defaults before. */
struct config_log {
	bool enabled;			/* default true: deny and ask */
	bool all_calls;			/* also calls with no objection */
	unsigned long long max_bytes;	/* rotate beyond; default 10 MiB */
};
const struct config_log *config_log_settings(void);

/* PostToolUse settings from the last config_apply() ("post"): redaction
 * and injection scanning are on for every tool and every kind unless the
 * user's config says false.  Tool names are exact, or "mcp__server__*" for a server. */
#define CONFIG_POST_TOOLS 32
#define CONFIG_POST_NAME 128
struct config_post {
	bool redact;
	bool inject;			/* scan for injected instructions */
	unsigned n_off_tools;
	uint64_t kinds_off;		/* 1 << redact kind: left alone */
	char off_tools[CONFIG_POST_TOOLS][CONFIG_POST_NAME];
};
const struct config_post *config_post_settings(void);
bool config_post_tool_off(const char *tool);

/* Does the user's config (found from the passwd entry) say
 * "trust_env": true?  From the last config_apply(); false before.  Then,
 * and only then, the environment may move the log ($CCVETO_LOG_FILE,
 * $XDG_STATE_HOME), add a config ($XDG_CONFIG_HOME) and replace rules
 * ($CCVETO_RULES_DIR). */
bool config_trust_env(void);
#endif
