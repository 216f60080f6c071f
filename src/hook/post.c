/* post.c - PostToolUse: redact secrets from a tool's output.
 *
 * Security invariants: the output is rewritten only when a confident
 * recogniser (redact_has_key(): keys with a public marker, JWTs, private
 * key blocks, URL passwords) saw a secret in one of tool_response's
 * strings; then every such string is passed through redact() and the
 * whole response is returned as updatedToolOutput (updatedMCPToolOutput
 * for mcp__ tools), the other strings unchanged.  Clean output gets no
 * answer at all (exit 0, empty stdout), so it arrives byte for byte.  An
 * internal error after a secret was seen never lets the output through
 * silently: the answer is decision "block" with a reason, and when even
 * that cannot be written, exit 2.  Values never reach the context line
 * or the log.  The payload was parsed once by toolcall_parse, which
 * bounds it by CV_MAX_PAYLOAD_BYTES and fails closed on what it cannot
 * read. */
#include "hook/post.h"

#include <string.h>

#include "hook/hook_io.h"
#include "json/jval.h"
#include "util/buf.h"
#include "util/redact.h"

#define BLOCK_EXIT 2

/* Strings in v holding a secret (a nesting bound is jv's). */
static unsigned count_secrets(const struct jv *v)
{
	const struct jv *c;
	unsigned n = 0;

	if (jv_is(v, JV_STRING))
		return redact_has_key(v->s, v->len) ? 1 : 0;
	if (jv_is(v, JV_ARRAY) || jv_is(v, JV_OBJECT))
		for (c = v->child; c; c = c->next)
			n += count_secrets(c);
	return n;
}

/* v as JSON, its secret-bearing strings redacted. */
static int write_redacted(struct buf *b, const struct jv *v)
{
	const struct jv *c;
	struct buf r = BUF_INIT;
	int error;
	bool obj;

	if (jv_is(v, JV_STRING) && redact_has_key(v->s, v->len)) {
		error = redact(&r, v->s, v->len);
		if (!error)
			error = jv_write_string(b, r.data ? r.data : "",
						r.len);
		buf_release(&r);
		return error;
	}
	obj = jv_is(v, JV_OBJECT);
	if (!obj && !jv_is(v, JV_ARRAY))
		return jv_write(b, v);
	if ((error = buf_putc(b, obj ? '{' : '[')) < 0)
		return error;
	for (c = v->child; c; c = c->next) {
		if (c != v->child && (error = buf_putc(b, ',')) < 0)
			return error;
		if (obj && ((error = jv_write_string(b, c->key,
						     strlen(c->key))) < 0 ||
			    (error = buf_putc(b, ':')) < 0))
			return error;
		if ((error = write_redacted(b, c)) < 0)
			return error;
	}
	return buf_putc(b, obj ? '}' : ']');
}

/* The output is withheld: its reason reaches the model instead. */
static int emit_block(const char *reason)
{
	struct buf b = BUF_INIT;
	int error;

	error = buf_puts(&b, "{\"decision\":\"block\",\"reason\":");
	if (!error)
		error = jv_write_string(&b, reason, strlen(reason));
	if (!error)
		error = buf_puts(&b, "}\n");
	if (error || hook_write_stdout(b.data, b.len) < 0) {
		buf_release(&b);
		return BLOCK_EXIT;
	}
	buf_release(&b);
	return 0;
}

int post_hook(const struct jv *root, bool *handled)
{
	const struct jv *resp, *ev;
	const char *tool;
	struct buf b = BUF_INIT;
	unsigned n;
	int error;
	bool mcp;

	*handled = false;
	ev = jv_get(root, "hook_event_name");
	if (!jv_is(ev, JV_STRING) || strcmp(ev->s, "PostToolUse"))
		return 0;
	*handled = true;
	tool = jv_get_string(root, "tool_name");
	resp = jv_get(root, "tool_response");
	if (!resp || !(n = count_secrets(resp)))
		return 0;	/* clean: no answer, the output as it was */
	mcp = tool && !strncmp(tool, "mcp__", 5);
	error = buf_printf(&b, "{\"hookSpecificOutput\":{\"hookEventName\":"
			   "\"PostToolUse\",\"additionalContext\":\"ccveto "
			   "redacted %u field%s of this tool output that "
			   "held a secret (an API key, token, private key or "
			   "URL password); the values were replaced by %s "
			   "and are not available.\",\"%s\":", n,
			   n == 1 ? "" : "s", REDACT_MARK,
			   mcp ? "updatedMCPToolOutput" : "updatedToolOutput");
	if (!error)
		error = write_redacted(&b, resp);
	if (!error)
		error = buf_puts(&b, "}}\n");
	if (error) {
		buf_release(&b);
		return emit_block("ccveto: this tool output held a secret and "
				  "could not be redacted, so it is withheld");
	}
	/* Part of it may be out: no second object after it, exit 2. */
	if (hook_write_stdout(b.data, b.len) < 0)
		error = BLOCK_EXIT;
	buf_release(&b);
	return error;
}
