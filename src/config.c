/* config.c - placeholder until the configuration module lands. */
#include "config.h"
int config_apply(struct ruleset *set, const struct config_opts *opts,
		 struct diag *d)
{
	(void)set; (void)opts; (void)d;
	return 0;
}
