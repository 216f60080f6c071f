/* post.h - the PostToolUse event: secrets out of a tool's output before
 * the model reads it (docs/post-tool.md). */
#ifndef CV_POST_H
#define CV_POST_H

#include <stdbool.h>

struct jv;

/* Answers the payload root (parsed once, by toolcall_parse) when it is a
 * PostToolUse event: sets *handled and returns the exit status.  Another
 * event leaves *handled false. */
int post_hook(const struct jv *root, bool *handled);

#endif
