/* post.h - the PostToolUse event: secrets out of a tool's output before
 * the model reads it, injected instructions named (docs/post-tool.md). */
#ifndef CV_POST_H
#define CV_POST_H

struct config_post;
struct ruleset;
struct toolcall;

/* What judging a command an output asks for needs: the loaded rules,
 * and --home. */
struct post_env {
	struct ruleset *set;
	const char *home;
};

/* Answers a PostToolUse call (parsed once, by toolcall_parse; its root
 * holds tool_response) under the config's "post" settings; returns the
 * exit status.  Records what it did in the decision log. */
int post_hook(const struct toolcall *call, const struct config_post *cfg,
	      const struct post_env *env);

/* The PostToolUse answer when the call cannot be looked at (the config
 * has an error): the output withheld.  Returns the exit status. */
int post_withhold(const struct toolcall *call);

#endif
