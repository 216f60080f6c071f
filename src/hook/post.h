/* post.h - the PostToolUse event: secrets out of a tool's output before
 * the model reads it (docs/post-tool.md). */
#ifndef CV_POST_H
#define CV_POST_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* Handles payload[0..len) when it is a PostToolUse event: sets *handled
 * and returns the exit status.  Anything else (or JSON it cannot parse,
 * whose event it cannot know) leaves *handled false for the PreToolUse
 * path, which fails closed on it. */
int post_hook(struct arena *a, const char *payload, size_t len,
	      bool *handled);

#endif
