/* mcp.h - an MCP tool call read by what its fields mean.
 * An mcp__<server>__<tool> call is one SUBJECT_MCP subject (its server,
 * tool, every string leaf, the tool name as words in mcp_action, whether
 * a string holds a key in a known format, database statements); and, for
 * what the server will do on this machine, subjects the rest of the
 * engine already judges: a command field becomes the Bash commands it
 * spells, a path field a Read, Write or Edit of that path, or the rm, mv
 * or cp its tool's verb implies.  Private to judge/. */
#ifndef CV_MCP_H
#define CV_MCP_H

#include "judge/toolcall.h"

struct arena;
struct jv;
struct shell_env;

/* Fills s (kind SUBJECT_MCP, strings collected) and appends the derived
 * subjects to call->subjects.  server: the payload's mcp_server.name, or
 * NULL.  <0 on an error (the hook denies). */
int mcp_read(struct toolcall *call, struct subject *s, struct arena *a,
	     const struct shell_env *env, const struct jv *input,
	     const char *server, struct diag *d);

/* From toolcall.c: a path as a file tool's, made absolute and resolved
 * (both the path and its symlink target when they differ). */
int toolcall_add_path(struct subject *s, struct arena *a,
		      const struct shell_env *env, const char *raw,
		      bool follow, struct diag *d);

/* From toolcall.c: whether a string holds a credential in a known format
 * (redact_has_key). */
bool toolcall_strings_hold_secret(const struct strlist *l);

#endif
