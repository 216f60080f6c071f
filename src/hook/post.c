/* post.c - PostToolUse: secrets out of a tool's output before the model
 * reads it (docs/post-tool.md).
 *
 * Security invariants:
 * - Every string of tool_response is scanned once, whole, by
 *   redact_output(); the payload it comes from was bounded
 *   (CV_MAX_PAYLOAD_BYTES) and parsed once by toolcall_parse, which fails
 *   closed on what it cannot read.
 * - Output with no secret gets no answer at all (exit 0, empty stdout),
 *   so it arrives byte for byte.  Otherwise the whole response comes
 *   back as updatedToolOutput (updatedMCPToolOutput for mcp__ tools),
 *   with only the secret-bearing strings rewritten.
 * - When the rewrite cannot be built, the output is withheld, not let
 *   through: the answer replaces it with a fixed notice (the client
 *   sends a PostToolUse "block" reason alongside the output, not instead
 *   of it, so blocking would not keep the secret from the model).  Only
 *   when even that cannot be written, exit 2.
 * - Values never reach the context line or the log: kinds only.
 * - Only the user's own config can switch redaction off, for all tools,
 *   one tool or one kind (config.c ignores a project's "post"). */
#include "hook/post.h"

#include <string.h>

#include "hook/declog.h"
#include "hook/hook_io.h"
#include "json/jval.h"
#include "judge/toolcall.h"
#include "rules/config.h"
#include "util/buf.h"
#include "util/redact.h"

#define BLOCK_EXIT 2

/* A string that had a secret, and where its rewrite sits in `red`. */
struct rewritten {
	const struct jv *v;
	size_t off, len;
};

struct scan {
	struct buf red;		/* the rewritten strings, back to back */
	struct buf list;	/* struct rewritten, in document order */
	size_t next;		/* write_redacted()'s place in list */
	unsigned fields;
	struct redact_tally tally;
};

/* Pass 1: every string once.  (Nesting is bounded by jv's parser.) */
static int scan_value(struct scan *s, const struct jv *v, uint64_t keep)
{
	const struct jv *c;
	int found, error;

	if (jv_is(v, JV_STRING)) {
		struct rewritten r = { v, s->red.len, 0 };

		found = redact_output(&s->red, v->s, v->len, keep,
				      &s->tally);
		if (found <= 0)
			return found;
		r.len = s->red.len - r.off;
		s->fields++;
		return buf_put(&s->list, (const char *)&r, sizeof(r));
	}
	if (jv_is(v, JV_ARRAY) || jv_is(v, JV_OBJECT))
		for (c = v->child; c; c = c->next)
			if ((error = scan_value(s, c, keep)) < 0)
				return error;
	return 0;
}

/* Pass 2: v as JSON, the strings of pass 1 in their rewritten form. */
static int write_redacted(struct buf *b, struct scan *s, const struct jv *v)
{
	const struct rewritten *r = (const struct rewritten *)
		(void *)(s->list.data + s->next * sizeof(*r));
	const struct jv *c;
	int error;
	bool obj;

	if (jv_is(v, JV_STRING)) {
		if (s->next * sizeof(*r) < s->list.len && r->v == v) {
			s->next++;
			return jv_write_string(b, s->red.data + r->off, r->len);
		}
		return jv_write(b, v);
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
		if ((error = write_redacted(b, s, c)) < 0)
			return error;
	}
	return buf_putc(b, obj ? '}' : ']');
}

/* "aws-access-key-id, private-key" */
static int put_kinds(struct buf *b, uint64_t kinds)
{
	const char *name;
	unsigned k;
	int error = 0, n = 0;

	for (k = 0; (name = redact_kind_name(k)) && !error; k++)
		if (kinds & ((uint64_t)1 << k))
			error = buf_printf(b, "%s%s", n++ ? ", " : "", name);
	return error;
}

static int answer(struct buf *b, struct scan *s, const struct jv *resp,
		  bool mcp)
{
	int error;

	error = buf_printf(b, "{\"hookSpecificOutput\":{\"hookEventName\":"
			   "\"PostToolUse\",\"additionalContext\":\"ccveto "
			   "redacted %u secret%s (", s->tally.n,
			   s->tally.n == 1 ? "" : "s");
	if (!error)
		error = put_kinds(b, s->tally.kinds);
	if (!error)
		error = buf_printf(b, ") from this tool output before you "
				   "saw it: each is replaced by a [ccveto: "
				   "redacted KIND] marker and its value is "
				   "not available. Do not try to recover it; "
				   "if a task needs it, ask the user.\","
				   "\"%s\":", mcp ? "updatedMCPToolOutput" :
				   "updatedToolOutput");
	if (!error)
		error = write_redacted(b, s, resp);
	if (!error)
		error = buf_puts(b, "}}\n");
	return error;
}

int post_hook(const struct toolcall *call, const struct config_post *cfg)
{
	const struct jv *resp;
	struct scan s = { BUF_INIT, BUF_INIT, 0, 0, { 0, 0 } };
	struct buf b = BUF_INIT;
	int error, status = 0;
	bool mcp;

	mcp = call->tool && !strncmp(call->tool, "mcp__", 5);
	hook_post_mode(mcp);
	resp = jv_get(call->root, "tool_response");
	if (!resp || !cfg->redact || config_post_tool_off(call->tool))
		return 0;
	error = scan_value(&s, resp, cfg->kinds_off);
	if (!error && !s.fields)
		goto done;	/* clean: no answer, the output as it was */
	if (error || (error = answer(&b, &s, resp, mcp)) < 0) {
		status = hook_emit_withheld();
		declog_record_post(call, &s.tally, "withheld");
		goto done;
	}
	/* Part of it may be out: no second object after it, exit 2. */
	if (hook_write_stdout(b.data, b.len) < 0)
		status = BLOCK_EXIT;
	declog_record_post(call, &s.tally, "redact");
done:
	buf_release(&b);
	buf_release(&s.red);
	buf_release(&s.list);
	return status;
}
