/* config.h - user and project configuration applied to a rule set.
 * User config: $XDG_CONFIG_HOME/ccveto/config.json (~/.config/...).
 * Project config: .ccveto.json found from cwd upwards; it may only tighten
 * what the user's config allows, unless the user's config trusts that
 * project path.  config_apply() loads both and changes `set` in place
 * (disabled rules, decisions, extra packs, protected branches). */
#ifndef CV_CONFIG_H
#define CV_CONFIG_H

#include "diag.h"

struct ruleset;

struct config_opts {
	const char *cwd;	/* where to look for .ccveto.json; NULL: none */
	const char *rules_dir;	/* --rules-dir, else $CCVETO_RULES_DIR */
	int no_user_config;	/* for tests: ignore the user config */
};

int config_apply(struct ruleset *set, const struct config_opts *opts,
		 struct diag *d);

#endif
