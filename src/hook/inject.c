/* inject.c - prompt-injection signals in tool output, see inject.h.
 *
 * Security invariants:
 * - One left-to-right pass.  Every lookahead and lookback is bounded by a
 *   constant (the LOOK_* and W below), no regexes, no backtracking, no
 *   allocation: time is linear in len and memory constant, on any bytes.
 *   No read at or past len, NULs and invalid UTF-8 are ordinary bytes.
 * - Tag characters (U+E0000-E007F) and bidi controls (U+202A-202E,
 *   U+2066-2069) are always flagged and always stripped.  The one
 *   exception is an emoji tag sequence (a subdivision flag: U+1F3F4, 1-6
 *   tag letters or digits, U+E007F), which Unicode defines and which
 *   carries no text.
 * - Zero-width characters (U+200B-200D, U+2060, U+FEFF) are stripped
 *   unless legitimate (ZWJ inside an emoji sequence, ZWJ/ZWNJ between
 *   letters of non-Latin scripts, a BOM at offset 0); they are flagged
 *   when they split an ASCII word or come in runs.
 * - Everything else is scored, and the caller decides what a flag does.
 *
 * Scoring.  The scan turns the text into events: words from a small
 * keyword table (case-insensitive; a 256-entry byte table skips every
 * other byte in a few instructions), and markup (HTML tags, comments,
 * `[//]: #` comments, role tokens such as "<|im_start|>", code fences and
 * spans, markdown links).  Patterns over the last few events make
 * candidates of a kind, with a base score:
 *
 *   OVERRIDE  ignore/disregard/forget/override/bypass (or "do not follow")
 *             + previous/prior/above/all/your/system... + instructions/
 *             prompt/rules/guidelines, in that order, in one sentence: 2.
 *             "new instructions:" / "your new task is": 2.
 *   ROLE      <|im_start|>, <|system|>, [INST], <<SYS>>, <system>,
 *             <system-reminder>, [SYSTEM ...]: 2.  A line-start label
 *             "System:" / "Human:" / "Assistant:" or "### Instruction": 1
 *             (+1 after a blank line, the old Human/Assistant framing).
 *             "You are now" + DAN/in ... mode/unrestricted/acting...: 2,
 *             + a/an: 1 ("you are now a member" is a forum notice).
 *   TOOLCALL  function_calls/invoke markup: 3 (4 with the model's own
 *             namespace); tool_use / tool_calls / function_call: 2;
 *             "name": <agent tool> followed by "input"/"arguments": 3.
 *   COMMAND   run/execute + a quoted command (backticks, a fence, or the
 *             rest of the line after ':'): 1.  read/cat/print + a
 *             credential (id_rsa, .env, .ssh, API key, password...): 1;
 *             send/post/upload/email + a credential: 2.
 *   EXFIL     image/link URL whose query value is a placeholder ({x},
 *             [X], <X>, $X, DATA): 2; a long base64 value or an empty
 *             last value: 1; +1 for an image, +1 for a data-ish name.
 *   HIDDEN    a hidden region (HTML comment, display:none, white or
 *             zero-size text, aria-hidden, hidden, alt/title text,
 *             `[//]: #`): 2, +1 when it addresses the model ("assistant",
 *             "AI", "Claude", "agent", "LLM") and is imperative or in the
 *             second person, +1 when a candidate of base >= 2 is inside.
 *
 * Then signals within W bytes either side adjust every candidate but
 * HIDDEN:
 *
 *   +1 the model is addressed (assistant, AI, agent, Claude, LLM, ...)
 *   +2 agentic stealth: "do not tell/mention/inform", "without asking",
 *      "silently", "before answering", "the user wants you", "your next
 *      reply" - said to a model, hardly ever in documentation
 *   +1 inside a hidden region          +1 all-caps IMPORTANT/URGENT/...
 *   +1 a candidate of another kind (or another role token) nearby;
 *      two line labels are no pair (a log, a prompt template)
 *   +1 a dangerous command nearby (| sh, base64 -d, /dev/tcp, a
 *      credential file) - COMMAND, TOOLCALL
 *   +1 an agent tool name (Bash, run_shell...) - TOOLCALL
 *   +1 "append/encode/replace ... URL/link/image" - EXFIL
 *   +1 the override verb starts a sentence (imperative) - OVERRIDE
 *   -2 in a code fence or code span (not in a hidden region)
 *   -2 quoted: a quote mark, backtick or blockquote right before it
 *   -1 an example marker before it: "for example", "e.g.", "such as",
 *      "like", "phrases", "strings", "payload"
 *   -1 writing about attacks nearby: injection, attacker, malicious,
 *      jailbreak, OWASP, vulnerability, mitigation...
 *   -1 the document is about attacks (3+ such words; -2 from 8); not
 *      applied in hidden regions
 *
 * A candidate scoring INJECT_THRESHOLD (3) or more is a hit.  So a
 * phrase alone is not enough: "ignore previous instructions" needs to be
 * imperative, addressed, hidden or near another signal, and quoting it
 * as an example takes it below the line.  An attacker who wraps the
 * payload in security vocabulary can lower its score: that residue is
 * accepted, the hidden channels (where that vocabulary would be odd) are
 * not discounted. */
#include "hook/inject.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/text.h"

#define W		160	/* context either side of a candidate */
#define CAND_MAX	64	/* open candidates; older ones are settled */
#define NEV		8	/* recent keyword events */
#define WORD_MAX	24	/* longer words are not keywords */
#define LOOK_TAG	1024	/* an HTML tag's attributes */
#define LOOK_SPAN	512	/* a code span, a command */
#define LOOK_URL	2048	/* a link's URL */
#define LOOK_CMD	120	/* from "run" to its command */
#define HIDDEN_MAX	(16u * 1024)	/* an unclosed hidden element */

/* byte classes */
enum {
	C_WORD = 1,	/* [A-Za-z0-9_] */
	C_TRIG = 2,	/* starts markup or a multi-byte character */
	C_ALPHA = 4,
	C_UPPER = 8,
	C_SPACE = 16,
};

/* keyword classes */
enum {
	K_OVR = 1u << 0,	/* ignore, disregard ... */
	K_MOD = 1u << 1,	/* previous, prior, all, your ... */
	K_OBJ = 1u << 2,	/* instructions, prompt, rules ... */
	K_NEW = 1u << 3,	/* new, updated */
	K_TASK = 1u << 4,	/* task, goal, role */
	K_ADDR = 1u << 5,	/* assistant, AI, Claude ... */
	K_SECOND = 1u << 6,	/* you, your */
	K_URG = 1u << 7,	/* IMPORTANT (all caps only) */
	K_NEG = 1u << 8,	/* not, never, don('t), without */
	K_STEALTHV = 1u << 9,	/* tell, mention, inform (after a NEG) */
	K_EXEC = 1u << 10,	/* run, execute */
	K_SEND = 1u << 11,	/* send, post, upload */
	K_READ = 1u << 12,	/* read, cat, print, include */
	K_CRED = 1u << 13,	/* id_rsa, credentials, password */
	K_META = 1u << 14,	/* injection, attacker, jailbreak */
	K_EX = 1u << 15,	/* example, such, like */
	K_TOOLUSE = 1u << 16,	/* tool_use, tool_calls */
	K_TOOLNAME = 1u << 17,	/* bash, run_shell */
	K_EXFV = 1u << 18,	/* append, encode, replace */
	K_URLW = 1u << 19,	/* url, link, image */
	K_IMP = 1u << 20,	/* imperative: tell, say, must, please ... */
	K_LABEL = 1u << 21,	/* system, human, assistant (line labels) */
	K_STEALTH = 1u << 22,	/* silently, secretly */
	K_KEYW = 1u << 23,	/* key, keys (credential after api/ssh) */
	K_KEYPRE = 1u << 24,	/* api, private, ssh, access */
	K_ARGS = 1u << 25,	/* input, arguments, parameters */
	K_NAME = 1u << 26,	/* name */
	K_WITHOUTV = 1u << 27,	/* asking, telling (after "without") */
	K_BEFORE = 1u << 28,	/* before */
	K_REPLYV = 1u << 29,	/* answering, responding, reply */
	K_MISC = 1u << 30,	/* are, now, user, wants, next: patterns */
	K_CHG = 1u << 31,	/* changed, replaced, revoked (of instructions) */
};

static const struct kw {
	const char *w;
	unsigned cls;
} kws[] = {
	{ "ignore", K_OVR | K_IMP }, { "ignoring", K_OVR },
	{ "disregard", K_OVR | K_IMP }, { "forget", K_OVR | K_IMP },
	{ "override", K_OVR | K_IMP }, { "bypass", K_OVR | K_IMP },
	{ "discard", K_OVR }, { "abandon", K_OVR }, { "follow", 0 },
	{ "previous", K_MOD }, { "prior", K_MOD }, { "above", K_MOD },
	{ "earlier", K_MOD }, { "preceding", K_MOD }, { "original", K_MOD },
	{ "initial", K_MOD }, { "all", K_MOD }, { "any", K_MOD },
	{ "your", K_MOD | K_SECOND }, { "system", K_MOD | K_LABEL },
	{ "safety", K_MOD }, { "other", K_MOD }, { "these", K_MOD },
	{ "instructions", K_OBJ | K_TASK }, { "instruction", K_OBJ },
	{ "prompt", K_OBJ }, { "prompts", K_OBJ }, { "directives", K_OBJ |
	K_TASK }, { "directive", K_OBJ }, { "rules", K_OBJ },
	{ "guidelines", K_OBJ }, { "guardrails", K_OBJ },
	{ "restrictions", K_OBJ }, { "constraints", K_OBJ },
	{ "programming", K_OBJ }, { "context", K_OBJ }, { "orders", K_OBJ },
	{ "new", K_NEW }, { "updated", K_NEW | K_CHG }, { "real", K_NEW },
	{ "actual", K_NEW }, { "revised", K_NEW },
	{ "task", K_TASK }, { "goal", K_TASK }, { "role", K_TASK },
	{ "objective", K_TASK }, { "mission", K_TASK },
	{ "assistant", K_ADDR | K_LABEL }, { "assistants", K_ADDR },
	{ "ai", K_ADDR }, { "agent", K_ADDR }, { "agents", K_ADDR },
	{ "claude", K_ADDR }, { "llm", K_ADDR }, { "llms", K_ADDR },
	{ "chatgpt", K_ADDR }, { "gpt", K_ADDR }, { "copilot", K_ADDR },
	{ "gemini", K_ADDR }, { "chatbot", K_ADDR },
	{ "you", K_SECOND }, { "yourself", K_SECOND },
	{ "important", K_URG }, { "urgent", K_URG }, { "attention", K_URG },
	{ "critical", K_URG }, { "mandatory", K_URG },
	{ "not", K_NEG }, { "never", K_NEG | K_IMP }, { "don", K_NEG | K_IMP },
	{ "cannot", K_NEG }, { "without", K_NEG }, { "stop", K_NEG },
	{ "tell", K_STEALTHV | K_IMP }, { "mention", K_STEALTHV },
	{ "inform", K_STEALTHV }, { "notify", K_STEALTHV },
	{ "alert", K_STEALTHV }, { "reveal", K_STEALTHV },
	{ "asking", K_WITHOUTV }, { "telling", K_WITHOUTV },
	{ "informing", K_WITHOUTV }, { "confirmation", K_WITHOUTV },
	{ "permission", K_WITHOUTV }, { "notifying", K_WITHOUTV },
	{ "silently", K_STEALTH }, { "secretly", K_STEALTH },
	{ "quietly", K_STEALTH }, { "covertly", K_STEALTH },
	{ "before", K_BEFORE }, { "answering", K_REPLYV },
	{ "changed", K_CHG }, { "replaced", K_CHG }, { "revoked", K_CHG },
	{ "superseded", K_CHG }, { "modified", K_CHG },
	{ "overridden", K_CHG }, { "cancelled", K_CHG },
	{ "responding", K_REPLYV }, { "replying", K_REPLYV },
	{ "reply", K_REPLYV | K_IMP }, { "response", K_REPLYV },
	{ "answer", K_REPLYV }, { "run", K_EXEC | K_IMP },
	{ "execute", K_EXEC | K_IMP }, { "exec", K_EXEC },
	{ "send", K_SEND | K_IMP }, { "post", K_SEND }, { "upload", K_SEND },
	{ "email", K_SEND }, { "forward", K_SEND }, { "exfiltrate", K_SEND },
	{ "leak", K_SEND }, { "transmit", K_SEND },
	{ "read", K_READ }, { "cat", K_READ }, { "print", K_READ | K_IMP },
	{ "include", K_READ | K_EXFV }, { "output", K_READ },
	{ "dump", K_READ },
	{ "id_rsa", K_CRED }, { "id_ed25519", K_CRED },
	{ "id_ecdsa", K_CRED }, { "credentials", K_CRED },
	{ "password", K_CRED }, { "passwords", K_CRED },
	{ "secrets", K_CRED }, { "apikey", K_CRED }, { "api_key", K_CRED },
	{ "key", K_KEYW }, { "keys", K_KEYW }, { "api", K_KEYPRE },
	{ "private", K_KEYPRE }, { "ssh", K_KEYPRE }, { "access", K_KEYPRE },
	{ "env", 0 }, { "aws", 0 },
	{ "injection", K_META }, { "injections", K_META },
	{ "attacker", K_META }, { "attackers", K_META }, { "attack", K_META },
	{ "attacks", K_META }, { "malicious", K_META },
	{ "adversarial", K_META }, { "jailbreak", K_META },
	{ "jailbreaks", K_META }, { "owasp", K_META }, { "payload", K_META |
	K_EX }, { "payloads", K_META | K_EX }, { "exploit", K_META },
	{ "vulnerability", K_META }, { "vulnerabilities", K_META },
	{ "vulnerable", K_META }, { "mitigation", K_META },
	{ "mitigations", K_META }, { "researcher", K_META },
	{ "researchers", K_META }, { "classifier", K_META },
	{ "smuggling", K_META }, { "phishing", K_META },
	{ "example", K_EX }, { "examples", K_EX }, { "instance", K_EX },
	{ "such", K_EX }, { "like", K_EX }, { "phrase", K_EX },
	{ "phrases", K_EX }, { "string", K_EX }, { "strings", K_EX },
	{ "says", K_EX }, { "e", 0 },
	{ "tool_use", K_TOOLUSE }, { "tool_calls", K_TOOLUSE },
	{ "tool_call", K_TOOLUSE }, { "function_call", K_TOOLUSE },
	{ "bash", K_TOOLNAME }, { "run_shell", K_TOOLNAME },
	{ "execute_command", K_TOOLNAME }, { "shell_exec", K_TOOLNAME },
	{ "run_command", K_TOOLNAME }, { "webfetch", K_TOOLNAME },
	{ "terminal", K_TOOLNAME }, { "computer", K_TOOLNAME },
	{ "append", K_EXFV }, { "encode", K_EXFV }, { "replace", K_EXFV },
	{ "insert", K_EXFV }, { "concatenate", K_EXFV },
	{ "url", K_URLW }, { "link", K_URLW }, { "image", K_URLW },
	{ "query", K_URLW }, { "parameter", K_URLW },
	{ "say", K_IMP }, { "recommend", K_IMP }, { "describe", K_IMP },
	{ "treat", K_IMP }, { "skip", K_IMP }, { "respond", K_IMP },
	{ "summarise", K_IMP }, { "summarize", K_IMP }, { "must", K_IMP },
	{ "should", K_IMP }, { "please", K_IMP }, { "always", K_IMP },
	{ "approve", K_IMP }, { "delete", K_IMP }, { "write", K_IMP },
	{ "human", K_LABEL }, { "developer", K_LABEL },
	{ "input", K_ARGS }, { "arguments", K_ARGS },
	{ "parameters", K_ARGS }, { "name", K_NAME },
	{ "are", K_MISC }, { "now", K_MISC }, { "user", K_MISC },
	{ "wants", K_MISC }, { "authorized", K_MISC },
	{ "next", K_MISC }, { "model", K_MISC },
	{ "$envcred", K_CRED },	/* ANTHROPIC_API_KEY, GITHUB_TOKEN ... */
};
#define NKW (sizeof(kws) / sizeof(kws[0]))

/* signals */
enum {
	S_ADDR, S_STEALTH, S_HIDDEN, S_URG, S_PEER, S_DANGER, S_TOOLNAME,
	S_EXFILTXT, S_META, S_NSIG
};

struct cand {
	uint8_t kind, code, quoted, example, imper, hidden, danger, label;
	int8_t base;
	unsigned sig;		/* 1u << S_* */
	size_t off, end, win_end;
	size_t cmd, cmd_len;	/* COMMAND: the quoted command */
};

struct ev {
	unsigned cls;
	uint16_t id;		/* index in kws[] */
	size_t off, end;
};

enum { H_NONE, H_COMMENT, H_ELEMENT, H_ATTR, H_LINE };

struct scan {
	const char *t;
	size_t len;
	struct inject_report *r;
	struct cand c[CAND_MAX];
	unsigned nc;
	struct ev ev[NEV];
	unsigned nev;		/* events seen (ring index = nev % NEV) */
	size_t last[S_NSIG];	/* last signal of each kind: offset + 1 */
	size_t last_ex;		/* last example marker: offset + 1 */
	unsigned meta;		/* words about attacks, whole text */
	size_t line;		/* offset of the current line */
	bool json;		/* a JSON document: \u escapes count */
	bool fence;		/* inside a ``` fence */
	size_t code_end;	/* inside a code span until here */
	size_t code_close;	/* the span's closing backticks start here */
	size_t lb;		/* last '[' + 1 */
	bool lb_img;
	size_t last_exfv, last_urlw;	/* + 1, 0 for none */
	size_t ovr_used;	/* an override verb already made a candidate */
	/* the open hidden region */
	int htype;
	size_t hstart, hend;	/* hend: known end (H_ATTR, H_LINE) */
	char hname[16];
	size_t hnlen;
	unsigned hdepth;
	bool haddr, himp, hcand;
	/* invisible characters */
	size_t inv_off, inv_end;	/* the open INVISIBLE hit */
	bool inv_open;
	size_t zw_end;		/* end of the last counted zero-width */
	unsigned zw_run;
};

static void hidden_expire(struct scan *s, size_t i);

static uint8_t ctab[256];
static uint8_t lowtab[256];	/* ASCII lowercase, other bytes as is */
static uint8_t kwlen[NKW];
/* Words the patterns name, tagged once: no strcmp per event. */
enum {
	T_NONE,
	T_FOLLOW,
	T_MODEL,
	T_ENV,
	T_SSH,
	T_AWS,
	T_E,
	T_WITHOUT,
	T_NEXT,
	T_YOUR,
	T_YOU,
	T_WANTS,
	T_USER,
	T_AUTHORIZED,
	T_NOW,
	T_ARE,
	T_SYSTEM,
};
static const char *const tagged[] = { NULL, "follow", "model", "env",
	"ssh", "aws", "e", "without", "next", "your", "you", "wants", "user",
	"authorized", "now", "are", "system" };
static uint8_t kwtag[NKW];
#define HASH_SLOTS	1024	/* > 3x the keywords: short probes */
static uint16_t kwhash[HASH_SLOTS];	/* kws[] index + 1 */
static unsigned kw_envcred;
static bool ready;

static unsigned word_hash(const char *w, size_t n)
{
	unsigned h = 5381;
	size_t k;

	for (k = 0; k < n; k++)
		h = h * 33 + (unsigned char)w[k];
	return h & (HASH_SLOTS - 1);
}

static unsigned char lower(unsigned char c);

static void init_tables(void)
{
	unsigned i, k;

	for (i = 0; i < 256; i++) {
		uint8_t c = 0;

		if ((i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z'))
			c |= C_WORD | C_ALPHA;
		if (i >= 'A' && i <= 'Z')
			c |= C_UPPER;
		if ((i >= '0' && i <= '9') || i == '_')
			c |= C_WORD;
		if (i == ' ' || i == '\t' || i == '\r')
			c |= C_SPACE;
		ctab[i] = c;
		lowtab[i] = (uint8_t)lower((unsigned char)i);
	}
	/* '\n' lines, '<' '>' markup, '[' ']' '!' links and role tokens,
	 * '#' headings, '`' code, '|' pipes to a shell, '\\' JSON escapes
	 * of invisible characters, and the lead bytes
	 * of the invisible characters: E2 (U+2xxx), EF (U+FEFF), F3 (tags). */
	{
		static const unsigned char trig[] = "\n<>[]#`|\\\xe2\xef\xf3";

		for (i = 0; trig[i]; i++)
			ctab[trig[i]] |= C_TRIG;
	}
	/* Keywords in an open-addressed hash of their (lowercase) text:
	 * a word costs its hash, computed while it is scanned, and most
	 * probes hit an empty slot. */
	for (k = 0; k < NKW; k++)
		kwlen[k] = (uint8_t)strlen(kws[k].w);
	for (k = 0; k < NKW; k++) {
		unsigned h = word_hash(kws[k].w, strlen(kws[k].w)), t;

		if (kws[k].w[0] == '$')
			kw_envcred = k;
		for (t = 1; t < sizeof(tagged) / sizeof(tagged[0]); t++)
			if (!strcmp(kws[k].w, tagged[t]))
				kwtag[k] = (uint8_t)t;
		while (kwhash[h])
			h = (h + 1) % HASH_SLOTS;
		kwhash[h] = (uint16_t)(k + 1);
	}
	ready = true;
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Case-insensitive: does t[i..] start with lowercase p (n bytes)?
 * ihas() takes a literal, whose length the compiler knows. */
#define ihas(s, i, lit)	ihasn(s, i, lit, sizeof(lit) - 1)
static bool ihasn(const struct scan *s, size_t i, const char *p, size_t n)
{
	size_t k;

	if (i > s->len || s->len - i < n)
		return false;
	for (k = 0; k < n; k++)
		if (lower((unsigned char)s->t[i + k]) != (unsigned char)p[k])
			return false;
	return true;
}

/* Case-insensitive search for p in t[from, to). */
static bool ifind(const struct scan *s, size_t from, size_t to,
		  const char *p)
{
	size_t i, n = strlen(p);

	if (to > s->len)
		to = s->len;
	for (i = from; i < to; i++)
		if (lower((unsigned char)s->t[i]) == (unsigned char)p[0] &&
		    ihasn(s, i, p, n))
			return true;
	return false;
}

static size_t skip_sp(const struct scan *s, size_t i, size_t max)
{
	size_t end = s->len - i < max ? s->len : i + max;

	while (i < end && (ctab[(unsigned char)s->t[i]] & C_SPACE))
		i++;
	return i;
}

/* Only spaces (at most 3) between the line's start and i; a JSON-escaped
 * "\n" counts as a line break, so text inside JSON strings has lines. */
static bool at_line_start(const struct scan *s, size_t i)
{
	size_t k = i;

	while (k > 0 && i - k < 4 && (s->t[k - 1] == ' ' ||
				      s->t[k - 1] == '\t'))
		k--;
	if (k == 0 || s->t[k - 1] == '\n')
		return true;
	return k >= 2 && s->t[k - 1] == 'n' && s->t[k - 2] == '\\';
}

/* Only ':' and spaces from i to the end of the line ("### Response:"). */
static bool line_end_after(const struct scan *s, size_t i)
{
	i = skip_sp(s, i, 4);
	if (i < s->len && s->t[i] == ':')
		i = skip_sp(s, i + 1, 4);
	return i >= s->len || s->t[i] == '\n' ||
	       (s->t[i] == '\\' && i + 1 < s->len && s->t[i + 1] == 'n');
}

/* A blank line (or an escaped "\n\n") right before i. */
static bool blank_before(const struct scan *s, size_t i)
{
	if (i >= 2 && s->t[i - 1] == '\n' && s->t[i - 2] == '\n')
		return true;
	return i >= 4 && !memcmp(s->t + i - 4, "\\n\\n", 4);
}

static bool in_code(const struct scan *s, size_t i)
{
	return s->fence || i < s->code_end;
}

static bool hidden_at(const struct scan *s, size_t i)
{
	if (s->htype == H_NONE || i < s->hstart)
		return false;
	return !((s->htype == H_ATTR || s->htype == H_LINE) && i >= s->hend);
}

/* A quote mark, backtick or blockquote right before i. */
static bool quoted_at(const struct scan *s, size_t i)
{
	size_t k = i;
	unsigned char c;

	while (k > 0 && i - k < 3 && s->t[k - 1] == ' ')
		k--;
	if (k == 0)
		return false;
	c = (unsigned char)s->t[k - 1];
	if (c == '"' || c == '`')
		return !(s->htype == H_ATTR && k - 1 < s->hstart + 2 &&
			 k >= s->hstart);
	if (c == '\'')
		return k < 2 || !(ctab[(unsigned char)s->t[k - 2]] & C_WORD);
	if (c == '>' && at_line_start(s, k - 1))
		return true;	/* markdown blockquote */
	/* U+201C U+2018 U+201E, U+00AB */
	if (k >= 3 && (unsigned char)s->t[k - 3] == 0xe2 &&
	    (unsigned char)s->t[k - 2] == 0x80 &&
	    (c == 0x9c || c == 0x98 || c == 0x9e))
		return true;
	return k >= 2 && (unsigned char)s->t[k - 2] == 0xc2 && c == 0xab;
}

/* The word at i starts a sentence (imperative position). */
static bool sentence_start(const struct scan *s, size_t i)
{
	static const char *const soft[] = { "please", "now", "just",
		"simply", "also", "then", NULL };
	size_t k = i, n;
	unsigned char c;
	int round;

	for (round = 0; round < 2; round++) {
		while (k > 0 && i - k < 8 &&
		       is_space((unsigned char)s->t[k - 1]))
			if (s->t[--k] == '\n')
				return true;
		if (k == 0)
			return true;
		c = (unsigned char)s->t[k - 1];
		if (strchr(".!?:;>#*-/(", c) && c)
			return true;
		if (!(ctab[c] & C_ALPHA) || round)
			return false;
		for (n = 0; k > 0 && n < 8 &&
		     (ctab[(unsigned char)s->t[k - 1]] & C_ALPHA); n++)
			k--;
		for (c = 0; soft[c]; c++)
			if (strlen(soft[c]) == n && ihasn(s, k, soft[c], n))
				break;
		if (!soft[c])
			return false;
		i = k;
	}
	return false;
}

static void signal(struct scan *s, int sig, size_t at)
{
	unsigned k;

	s->last[sig] = at + 1;
	for (k = 0; k < s->nc; k++)
		if (s->c[k].win_end > at && s->c[k].off < at + W)
			s->c[k].sig |= 1u << sig;
}

static int score(const struct scan *s, const struct cand *c)
{
	int v = c->base;
	unsigned g = c->sig;

	if (c->kind == INJ_HIDDEN)
		return v;
	v += !!(g & 1u << S_ADDR) + 2 * !!(g & 1u << S_STEALTH) +
	     !!(g & 1u << S_URG) + !!(g & 1u << S_PEER) + c->hidden;
	/* a command's own text; for markup, anything nearby */
	if (c->kind == INJ_COMMAND)
		v += c->danger;
	if (c->kind == INJ_TOOLCALL)
		v += !!(g & 1u << S_DANGER);
	if (c->kind == INJ_TOOLCALL)
		v += !!(g & 1u << S_TOOLNAME);
	if (c->kind == INJ_EXFIL_LINK)
		v += !!(g & 1u << S_EXFILTXT);
	if (c->kind == INJ_OVERRIDE)
		v += c->imper;
	if (c->code && !c->hidden)
		v -= 2;
	if (c->quoted)
		v -= 2;
	v -= c->example;
	v -= !!(g & 1u << S_META);
	if (!c->hidden)
		v -= s->meta >= 8 ? 2 : s->meta >= 3 ? 1 : 0;
	return v;
}

static void add_hit(struct scan *s, enum inject_kind kind, int sc,
		    size_t off, size_t len)
{
	struct inject_report *r = s->r;
	unsigned k;

	r->kinds |= 1u << kind;
	if (r->n == INJECT_MAX_HITS) {
		r->more++;
		return;
	}
	/* by offset: hits arrive nearly in order */
	for (k = r->n; k > 0 && r->hit[k - 1].off > off; k--)
		r->hit[k] = r->hit[k - 1];
	r->hit[k].kind = kind;
	r->hit[k].score = sc;
	r->hit[k].off = off;
	r->hit[k].len = len;
	r->n++;
}

static void settle(struct scan *s, const struct cand *c)
{
	int sc = score(s, c);

	if (sc < INJECT_THRESHOLD)
		return;
	add_hit(s, (enum inject_kind)c->kind, sc, c->off, c->end - c->off);
	if (c->kind == INJ_COMMAND && c->cmd_len && !s->r->command) {
		s->r->command = s->t + c->cmd;
		s->r->command_len = c->cmd_len;
	}
}

/* Settles candidates whose window is behind `at` (all, at SIZE_MAX). */
static void settle_before(struct scan *s, size_t at)
{
	unsigned k, n = 0;

	for (k = 0; k < s->nc; k++) {
		if (s->c[k].win_end <= at)
			settle(s, &s->c[k]);
		else
			s->c[n++] = s->c[k];
	}
	s->nc = n;
}

/* label: a line label ("System:", "### Response"); two of them are a
 * log or a prompt template, not a pair. */
static struct cand *cand_l(struct scan *s, enum inject_kind kind, int base,
			   size_t off, size_t end, bool label)
{
	struct cand *c;
	unsigned k;
	int g;

	if (s->nc == CAND_MAX)
		settle_before(s, off);
	if (s->nc == CAND_MAX) {
		/* 64 candidates within W bytes: settle the oldest early
		 * (with the meta count so far, which can only flag more) */
		settle(s, &s->c[0]);
		memmove(&s->c[0], &s->c[1], --s->nc * sizeof(s->c[0]));
	}
	/* Nearby candidates are peers: another kind, or role tokens (an
	 * opening and a closing tag are the pattern). */
	for (k = 0; k < s->nc; k++)
		if (s->c[k].win_end > off && (s->c[k].kind != kind ||
					      kind == INJ_ROLE) &&
		    !(label && s->c[k].label))
			s->c[k].sig |= 1u << S_PEER;
	c = &s->c[s->nc++];
	memset(c, 0, sizeof(*c));
	c->kind = (uint8_t)kind;
	c->base = (int8_t)base;
	c->off = off;
	c->end = end;
	c->win_end = end + W;
	for (g = 0; g < S_NSIG; g++)
		if (s->last[g] && s->last[g] + W > off)
			c->sig |= 1u << g;
	c->sig &= ~(1u << S_PEER);
	for (k = 0; k + 1 < s->nc; k++)
		if (s->c[k].win_end > off && (s->c[k].kind != kind ||
					      kind == INJ_ROLE) &&
		    !(label && s->c[k].label))
			c->sig |= 1u << S_PEER;
	c->label = label;
	c->code = in_code(s, off);
	c->hidden = hidden_at(s, off);
	/* Prose quoted is an example; markup and JSON are quoted anyway. */
	if (kind == INJ_OVERRIDE || kind == INJ_COMMAND)
		c->quoted = quoted_at(s, off);
	c->example = s->last_ex && s->last_ex + 100 > off;
	if (hidden_at(s, off) && base >= 2)
		s->hcand = true;
	return c;
}

static struct cand *cand(struct scan *s, enum inject_kind kind, int base,
			 size_t off, size_t end)
{
	return cand_l(s, kind, base, off, end, false);
}

/* --- invisible characters ------------------------------------------ */

static void invisible(struct scan *s, size_t off, size_t n, bool flag)
{
	s->r->invisible_bytes += n;
	if (!flag)
		return;
	if (s->inv_open && off <= s->inv_end + 8) {
		s->inv_end = off + n;
		return;
	}
	if (s->inv_open)
		add_hit(s, INJ_INVISIBLE, INJECT_THRESHOLD, s->inv_off,
			s->inv_end - s->inv_off);
	s->inv_open = true;
	s->inv_off = off;
	s->inv_end = off + n;
}

/* An emoji tag sequence at i (the first tag character, right after
 * U+1F3F4): returns its length, 0 when it is not one. */
static size_t flag_tags(const struct scan *s, size_t i)
{
	size_t k = i, n = 0;

	while (k + 4 <= s->len && n < 8 &&
	       (unsigned char)s->t[k] == 0xf3 &&
	       (unsigned char)s->t[k + 1] == 0xa0 &&
	       ((unsigned char)s->t[k + 2] & 0xfe) == 0x80) {
		unsigned cp = ((unsigned)(s->t[k + 2] & 1) << 6) |
			      (s->t[k + 3] & 0x3f);

		k += 4;
		if (cp == 0x7f)
			return n >= 1 && n <= 6 ? k - i : 0;
		if (!((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')))
			return 0;
		n++;
	}
	return 0;
}

static bool emoji_before(const struct scan *s, size_t i)
{
	/* U+1Fxxx (F0 9F ..), U+2600-27BF (E2 98-9E), U+FE0F (EF B8 8F) */
	if (i >= 4 && (unsigned char)s->t[i - 4] == 0xf0 &&
	    (unsigned char)s->t[i - 3] == 0x9f)
		return true;
	if (i >= 3 && (unsigned char)s->t[i - 3] == 0xef &&
	    (unsigned char)s->t[i - 2] == 0xb8 &&
	    (unsigned char)s->t[i - 1] == 0x8f)
		return true;
	return i >= 3 && (unsigned char)s->t[i - 3] == 0xe2 &&
	       (unsigned char)s->t[i - 2] >= 0x98 &&
	       (unsigned char)s->t[i - 2] <= 0x9e;
}

static bool emoji_after(const struct scan *s, size_t i)
{
	return (i + 1 < s->len && (unsigned char)s->t[i] == 0xf0 &&
		(unsigned char)s->t[i + 1] == 0x9f) ||
	       (i + 1 < s->len && (unsigned char)s->t[i] == 0xe2 &&
		(unsigned char)s->t[i + 1] >= 0x98 &&
		(unsigned char)s->t[i + 1] <= 0x9e);
}

/* Length of an invisible character at i that inject_strip() drops (0:
 * none, or a legitimate one); *flag says whether it is flagged alone,
 * *zw whether it is zero-width (flagged in runs and inside words). */
static size_t invis_len(const struct scan *s, size_t i, bool *flag,
			bool *zw)
{
	const unsigned char *u = (const unsigned char *)s->t + i;
	size_t left = s->len - i;

	*flag = *zw = false;
	if (u[0] == 0xf3) {
		if (left < 4 || u[1] != 0xa0 || (u[2] & 0xfe) != 0x80 ||
		    (u[3] & 0xc0) != 0x80)
			return 0;
		*flag = true;
		return 4;
	}
	if (u[0] == 0xef) {
		if (left < 3 || u[1] != 0xbb || u[2] != 0xbf || i == 0)
			return 0;
		*zw = true;
		return 3;
	}
	if (u[0] != 0xe2 || left < 3)
		return 0;
	if (u[1] == 0x80 && u[2] >= 0xaa && u[2] <= 0xae) {
		*flag = true;	/* LRE RLE PDF LRO RLO */
		return 3;
	}
	if (u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9) {
		*flag = true;	/* LRI RLI FSI PDI */
		return 3;
	}
	if (u[1] == 0x81 && u[2] == 0xa0) {
		*zw = true;	/* WORD JOINER */
		return 3;
	}
	if (u[1] != 0x80 || u[2] < 0x8b || u[2] > 0x8d)
		return 0;
	if (u[2] == 0x8d && (emoji_before(s, i) || emoji_after(s, i + 3)))
		return 0;	/* ZWJ in an emoji sequence */
	/* ZWNJ, ZWJ (and ZWSP, which CJK text uses for line breaks) between
	 * non-ASCII letters: Persian, Arabic, Indic, Han. */
	if (i > 0 && left > 3 && ((unsigned char)s->t[i - 1] & 0x80) &&
	    (u[3] & 0x80) && !(u[3] == 0xe2 || u[3] == 0xf3 || u[3] == 0xef))
		return 0;
	*zw = true;
	return 3;
}

/* "\\uXXXX" at i: its value, 0x10000 for none. */
static unsigned hex4(const struct scan *s, size_t i)
{
	unsigned v;

	if (i + 6 > s->len || s->t[i] != '\\' || s->t[i + 1] != 'u' ||
	    text_hex4(s->t + i + 2, &v) < 0)
		return 0x10000;
	return v;
}

/* An invisible character written as a JSON escape ("\u200b", a tag
 * character as "\udb40\udc41"): its length, 0 for none. */
static size_t invis_escape(const struct scan *s, size_t i, bool *flag,
			   bool *zw)
{
	unsigned v = hex4(s, i), lo;

	*flag = *zw = false;
	if (v == 0xdb40) {
		lo = hex4(s, i + 6);
		if (lo < 0xdc00 || lo > 0xdc7f)
			return 0;
		*flag = true;
		return 12;
	}
	if ((v >= 0x202a && v <= 0x202e) || (v >= 0x2066 && v <= 0x2069)) {
		*flag = true;
		return 6;
	}
	if (v == 0x200d && ((i >= 6 && hex4(s, i - 6) >= 0xdc00 &&
			     hex4(s, i - 6) <= 0xdfff) ||
			    (hex4(s, i + 6) >= 0xd800 &&
			     hex4(s, i + 6) <= 0xdbff)))
		return 0;	/* ZWJ between escaped emoji */
	if ((v >= 0x200b && v <= 0x200d) || v == 0x2060 ||
	    (v == 0xfeff && i > 0)) {
		*zw = true;
		return 6;
	}
	return 0;
}

static size_t on_invisible(struct scan *s, size_t i)
{
	bool flag, zw;
	size_t n, f;

	/* U+1F3F4 then tags: a subdivision flag */
	if ((unsigned char)s->t[i] == 0xf3 && i >= 4 &&
	    !memcmp(s->t + i - 4, "\xf0\x9f\x8f\xb4", 4) &&
	    (f = flag_tags(s, i)))
		return i + f;
	if (s->t[i] == '\\') {
		/* "\\n" and the like are consumed whole, so that "\\nHuman"
		 * is the word "Human" */
		if (!s->json || !(n = invis_escape(s, i, &flag, &zw)))
			return i + (i + 1 < s->len &&
				    strchr("\\nrtbf", s->t[i + 1]) &&
				    s->t[i + 1] ? 2 : 1);
	} else if (!(n = invis_len(s, i, &flag, &zw))) {
		return i + 1;
	}
	if (zw) {
		bool inword = i > 0 && i + n < s->len &&
			      (ctab[(unsigned char)s->t[i - 1]] & C_ALPHA) &&
			      (ctab[(unsigned char)s->t[i + n]] & C_ALPHA);

		s->zw_run = s->zw_end == i ? s->zw_run + 1 : 1;
		s->zw_end = i + n;
		flag = inword || s->zw_run >= 2;
		if (s->zw_run == 2)	/* the run's first one, too */
			invisible(s, i - n, 0, true);
	}
	invisible(s, i, n, flag);
	return i + n;
}

/* --- words ---------------------------------------------------------- */

static const struct ev *prev_ev(const struct scan *s, unsigned back)
{
	if (back >= s->nev || back >= NEV)
		return NULL;
	return &s->ev[(s->nev - 1 - back) % NEV];
}

/* Bytes between two events hold no sentence end. */
static bool same_sentence(const struct scan *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to && i < s->len; i++)
		if (s->t[i] == '.' || s->t[i] == '!' || s->t[i] == '?' ||
		    (s->t[i] == '\n' && i + 1 < to && s->t[i + 1] == '\n'))
			return false;
	return true;
}

/* A modifier that points back at what came before ("the document
 * above", "what you were told before"), not a quantity ("all", "any"). */
static bool positional(const struct scan *s, const struct ev *v)
{
	return (v->cls & (K_MOD | K_BEFORE)) &&
	       (ihas(s, v->off, "above") || ihas(s, v->off, "previous") ||
		ihas(s, v->off, "prior") || ihas(s, v->off, "earlier") ||
		ihas(s, v->off, "preceding") || ihas(s, v->off, "original") ||
		ihas(s, v->off, "initial") || ihas(s, v->off, "before"));
}

static size_t word_at(const struct scan *s, size_t i, char *w, size_t max)
{
	size_t n = 0;

	while (i + n < s->len && n < max &&
	       (ctab[(unsigned char)s->t[i + n]] & C_ALPHA)) {
		w[n] = (char)lower((unsigned char)s->t[i + n]);
		n++;
	}
	return n;
}

/* After a positional modifier: the sentence ends, or what it points at
 * is the text or the asking ("the document above.", "earlier requests"),
 * not a thing of the world ("previous commits"). */
static bool points_at_text(const struct scan *s, const struct ev *e)
{
	static const char *const what[] = { "document", "text", "page",
		"message", "messages", "content", "context", "request",
		"requests", "conversation", "input", "guidance", "directions",
		"commands", "prompt", "task", "tasks", NULL };
	char w[16];
	size_t k = e->end, n;
	unsigned q;

	while (k < s->len && (s->t[k] == ' ' || s->t[k] == '\t'))
		k++;
	if (k >= s->len || s->t[k] == '.' || s->t[k] == '!' ||
	    s->t[k] == '\n' || s->t[k] == ':' || s->t[k] == ';' ||
	    s->t[k] == ',')
		return true;
	n = word_at(s, k, w, 15);
	for (q = 0; what[q]; q++)
		if (strlen(what[q]) == n && !memcmp(w, what[q], n))
			return true;
	return false;
}

static void check_override(struct scan *s, const struct ev *e)
{
	unsigned b;
	bool mod = (e->cls & K_MOD) != 0, obj = (e->cls & K_OBJ) != 0;
	bool pos = positional(s, e) && points_at_text(s, e);

	for (b = 1; b < 7; b++) {
		const struct ev *v = prev_ev(s, b);

		if (!v || e->off - v->end > 80)
			return;
		if (v->cls & K_OVR) {
			struct cand *c;

			/* "ignore the document above": weaker than with
			 * an object (instructions, rules), but a start */
			if ((!mod && !pos) || (!obj && !pos) || (s->ovr_used &&
						       s->ovr_used - 1 ==
						       v->off) ||
			    !same_sentence(s, v->end, e->off))
				return;
			if (obj)	/* a weak one does not stop a strong */
				s->ovr_used = v->off + 1;
			c = cand(s, INJ_OVERRIDE, obj ? 2 : 1, v->off, e->end);
			c->imper = sentence_start(s, v->off);
			/* "don't follow": the negation starts the sentence */
			if (kwtag[v->id] == T_FOLLOW) {
				const struct ev *n = prev_ev(s, b + 1);

				size_t at = n ? n->off : 0;

				if (n && at >= 3 && ihas(s, at - 3, "do "))
					at -= 3;
				c->imper = n && sentence_start(s, at);
			}
			return;
		}
		if (v->cls & K_MOD)
			mod = true;
		/* "instructions above" */
		if ((v->cls & K_OBJ) && (e->cls & K_MOD) &&
		    e->off - v->end < 3)
			obj = true;
	}
}

/* The command a "run"/"execute" at j asks for: a code span, a fence's
 * first line, or the rest of the line after ':'. */
static bool find_command(const struct scan *s, size_t j, size_t *off,
			 size_t *clen)
{
	size_t end = s->len - j < LOOK_CMD ? s->len : j + LOOK_CMD, i, n, k;

	for (i = j; i < end; i++) {
		char c = s->t[i];

		if (c == '\n' && i + 1 < s->len && s->t[i + 1] == '\n' &&
		    !(i + 4 < s->len && !memcmp(s->t + i + 1, "\n```", 4)))
			return false;
		if (c == '.' && i + 1 < s->len && is_space(s->t[i + 1]))
			return false;
		if (c == '`') {
			for (n = 0; i + n < s->len && s->t[i + n] == '`'; n++)
				;
			if (n >= 3) {
				/* the fence's first line */
				for (k = i + n; k < s->len && s->t[k] != '\n';
				     k++)
					;
				*off = ++k;
				for (; k < s->len && k - *off < LOOK_SPAN &&
				     s->t[k] != '\n'; k++)
					;
				*clen = k > *off ? k - *off : 0;
				return *clen > 0;
			}
			*off = i + n;
			for (k = *off; k < s->len && k - *off < LOOK_SPAN; k++)
				if (s->t[k] == '`' || s->t[k] == '\n')
					break;
			if (k >= s->len || s->t[k] != '`' || k == *off)
				return false;
			*clen = k - *off;
			return true;
		}
		if (c == ':') {
			k = skip_sp(s, i + 1, 8);
			if (k < s->len && (s->t[k] == '`' || s->t[k] == '\n'))
				continue;
			*off = k;
			for (; k < s->len && k - *off < LOOK_SPAN &&
			     s->t[k] != '\n'; k++)
				;
			*clen = k - *off;
			return *clen > 2;
		}
	}
	return false;
}

/* A command that fetches and runs code, opens a shell to the network,
 * or reads credentials. */
static bool dangerous(const struct scan *s, size_t off, size_t n)
{
	static const char *const pats[] = { "| sh", "|sh", "| bash", "|bash",
		"| zsh", "base64 -d", "base64 --decode", "/dev/tcp", "id_rsa",
		".ssh/", ".aws/", "credentials", " nc ", "rm -rf", "-d @",
		"--data-binary @", "env |", ".env", "--force", NULL };
	size_t i, end = off + n < s->len ? off + n : s->len;
	unsigned k;

	/* one pass: only bytes that start a pattern try them */
	for (i = off; i < end; i++) {
		char c = (char)lower((unsigned char)s->t[i]);

		if (!strchr("|b/i. cr-e", c) || !c)
			continue;
		for (k = 0; pats[k]; k++)
			if (pats[k][0] == c &&
			    ihasn(s, i, pats[k], strlen(pats[k])) &&
			    i + strlen(pats[k]) <= end)
				return true;
	}
	return false;
}

static void on_word(struct scan *s, unsigned id, size_t i, size_t j)
{
	unsigned cls = kws[id].cls;
	const struct ev *p = prev_ev(s, 0), *p2 = prev_ev(s, 1);
	struct ev *e;

	/* context-dependent classes */
	if (kwtag[id] == T_FOLLOW && p && (p->cls & K_NEG) &&
	    i - p->end < 6)
		cls |= K_OVR;
	if (kwtag[id] == T_MODEL && i >= 9 && ihas(s, i - 9, "language "))
		cls |= K_ADDR;
	if ((cls & K_ADDR) && i > 0 && s->t[i - 1] == '-')
		cls &= ~K_ADDR;		/* user-agent */
	if ((cls & K_URG) && !(ctab[(unsigned char)s->t[i + 1]] & C_UPPER))
		cls &= ~K_URG;		/* all caps only */
	if ((cls & K_KEYW) && p && (p->cls & K_KEYPRE) && i - p->end < 3)
		cls |= K_CRED;
	if (i > 0 && s->t[i - 1] == '.' && (kwtag[id] == T_ENV ||
					    kwtag[id] == T_SSH ||
					    kwtag[id] == T_AWS))
		cls |= K_CRED;
	/* Part of a host or file name ("attacker.example", "upload.py",
	 * "/bin/bash"): no prose, only a credential's name counts. */
	if ((i > 0 && (s->t[i - 1] == '.' || s->t[i - 1] == '/' ||
		       s->t[i - 1] == '?' || s->t[i - 1] == '&')) ||
	    (j + 1 < s->len && (s->t[j] == '/' || s->t[j] == '=' ||
				(s->t[j] == '.' &&
	     (ctab[(unsigned char)s->t[j + 1]] & C_ALPHA)))))
		cls &= K_CRED;
	if (kwtag[id] == T_E && !(j + 1 < s->len && s->t[j] == '.' &&
				 lower(s->t[j + 1]) == 'g'))
		return;
	if (kwtag[id] == T_E)
		cls = K_EX;

	/* signals */
	if (cls & K_ADDR)
		signal(s, S_ADDR, i);
	if (cls & K_URG)
		signal(s, S_URG, i);
	if (cls & K_META) {
		s->meta++;
		signal(s, S_META, i);
	}
	if (cls & K_EX)
		s->last_ex = i + 1;
	if (cls & K_CRED)
		signal(s, S_DANGER, i);
	if (cls & K_TOOLNAME)
		signal(s, S_TOOLNAME, i);
	if (cls & K_STEALTH)
		signal(s, S_STEALTH, i);
	if ((cls & K_STEALTHV) && p && (p->cls & K_NEG) && i - p->end < 8)
		signal(s, S_STEALTH, i);
	if ((cls & K_WITHOUTV) && p && kwtag[p->id] == T_WITHOUT &&
	    i - p->end < 6)
		signal(s, S_STEALTH, i);
	if ((cls & K_REPLYV) && p && (((p->cls & K_BEFORE) &&
				       i - p->end < 3) ||
				      (kwtag[p->id] == T_NEXT && p2 &&
				       kwtag[p2->id] == T_YOUR)))
		signal(s, S_STEALTH, i);
	if (kwtag[id] == T_YOU && p && p2 && kwtag[p->id] == T_WANTS &&
	    kwtag[p2->id] == T_USER)
		signal(s, S_STEALTH, i);
	if (kwtag[id] == T_AUTHORIZED && p && kwtag[p->id] == T_USER)
		signal(s, S_STEALTH, i);
	if (cls & K_EXFV) {
		s->last_exfv = i + 1;
		if (s->last_urlw && s->last_urlw + 60 > i)
			signal(s, S_EXFILTXT, i);
	}
	if (cls & K_URLW) {
		s->last_urlw = i + 1;
		if (s->last_exfv && s->last_exfv + 60 > i)
			signal(s, S_EXFILTXT, i);
	}
	if (hidden_at(s, i)) {
		s->haddr |= (cls & K_ADDR) != 0;
		s->himp |= (cls & (K_IMP | K_SECOND | K_OVR)) != 0;
	}

	e = &s->ev[s->nev++ % NEV];
	e->cls = cls;
	e->id = (uint16_t)id;
	e->off = i;
	e->end = j;

	if (cls & (K_MOD | K_OBJ | K_BEFORE))
		check_override(s, e);
	/* "your instructions have changed / were replaced" */
	if ((cls & K_CHG) && p && (p->cls & K_OBJ) && i - p->end < 12 &&
	    p2 && kwtag[p2->id] == T_YOUR && p->off - p2->end < 3)
		cand(s, INJ_OVERRIDE, 2, p2->off, j);
	/* "new instructions:", "your new task is" */
	if ((cls & K_TASK) && p && (p->cls & K_NEW) && i - p->end < 3) {
		size_t k = skip_sp(s, j, 4);

		if (k < s->len && (s->t[k] == ':' || ihas(s, k, "is ") ||
				   ihas(s, k, "are ") || ihas(s, k, "follow")))
			cand(s, INJ_OVERRIDE, 2, p->off, j)->imper =
				sentence_start(s, p->off);
	}
	/* "you are now a/an/DAN/in developer mode/..." */
	if (kwtag[id] == T_NOW && p && p2 && kwtag[p->id] == T_ARE &&
	    kwtag[p2->id] == T_YOU && i - p->end < 3 &&
	    p->off - p2->end < 3) {
		static const char *const strong[] = { "a", "an", "dan", "no",
			"free", "unrestricted", "unfiltered", "jailbroken",
			"acting", "operating", "going", "my", "playing",
			"called", "named", "in", NULL };
		char nw[16];
		size_t k = skip_sp(s, j, 4), n = word_at(s, k, nw, 15);
		unsigned q;

		for (q = 0; strong[q]; q++)
			if (strlen(strong[q]) == n && !memcmp(nw, strong[q], n))
				break;
		/* "a"/"an" start membership notices as often as personas */
		if (strong[q] && (strcmp(strong[q], "in") ||
				  ifind(s, k, k + 40, "mode")))
			cand(s, INJ_ROLE, q < 2 ? 1 : 2, p2->off,
			     k + n)->quoted = quoted_at(s, p2->off);
	}
	/* line labels: "System:", "Human:", "System message:" */
	if ((cls & K_LABEL) && at_line_start(s, i)) {
		size_t k = j;
		char nw[16];
		size_t n;

		if (k < s->len && s->t[k] == ' ') {
			n = word_at(s, k + 1, nw, 15);
			if ((n == 7 && !memcmp(nw, "message", 7)) ||
			    (n == 6 && !memcmp(nw, "prompt", 6)) ||
			    (n == 4 && !memcmp(nw, "note", 4)) ||
			    (n == 8 && !memcmp(nw, "override", 8)))
				k += 1 + n;
		}
		if (k < s->len && s->t[k] == ':') {
			int base = 1;

			/* "\n\nHuman:" the old completion framing */
			if (blank_before(s, i) && kwtag[id] != T_SYSTEM)
				base = 2;
			cand_l(s, INJ_ROLE, base, i, k + 1, true);
		}
	}
	/* run/execute + a command */
	if ((cls & K_EXEC) && !(j < s->len && (s->t[j] == '-' ||
					       s->t[j] == '.')) &&
	    !(i > 0 && s->t[i - 1] == '-') &&	/* dry-run */
	    !(p && (p->cls & K_NEG) && i - p->end < 6)) {
		size_t off, n;

		if (find_command(s, j, &off, &n)) {
			struct cand *c = cand(s, INJ_COMMAND, 1, i, j);

			c->cmd = off;
			c->cmd_len = n;
			c->danger = dangerous(s, off, n);
		}
	}
	/* read/send + a credential, either order */
	if (cls & (K_CRED | K_SEND | K_READ)) {
		unsigned b;
		int base = 0;
		size_t from = i;

		for (b = 1; b < 5; b++) {
			const struct ev *v = prev_ev(s, b);
			const struct ev *vn = prev_ev(s, b + 1);

			if (!v || i - v->end > 60)
				break;
			if ((cls & K_CRED) && (v->cls & (K_SEND | K_READ)) &&
			    !(vn && (vn->cls & K_NEG) &&
			      v->off - vn->end < 6)) {
				base = (v->cls & K_SEND) ? 2 : 1;
				from = v->off;
				break;
			}
			if ((cls & (K_SEND | K_READ)) && (v->cls & K_CRED) &&
			    !(p && (p->cls & K_NEG) && i - p->end < 6)) {
				base = (cls & K_SEND) ? 2 : 1;
				from = v->off;
				break;
			}
		}
		if (base)
			cand(s, INJ_COMMAND, base, from, j);
	}
	/* tool_use JSON: a key or value in quotes ("the model returns
	 * tool_use blocks" is prose about it) */
	if ((cls & K_TOOLUSE) && i > 0 && s->t[i - 1] == '"' && j < s->len &&
	    (s->t[j] == '"' || s->t[j] == '\\'))
		cand(s, INJ_TOOLCALL, 2, i, j);
	/* "name": "Bash", ... "input": */
	if ((cls & K_TOOLNAME) && p && (p->cls & K_NAME) && i - p->end < 8 &&
	    ifind(s, p->end, i, ":")) {
		size_t k, end = s->len - j < 80 ? s->len : j + 80;

		for (k = j; k < end; k++)
			if (ihas(s, k, "input") || ihas(s, k, "arguments") ||
			    ihas(s, k, "parameters"))
				break;
		if (k < end)
			cand(s, INJ_TOOLCALL, 2, p->off, k);
	}
}

static size_t on_word_start(struct scan *s, size_t i)
{
	const unsigned char *t = (const unsigned char *)s->t;
	size_t j = i, n, k;
	unsigned h = 5381, z;

	/* the word and its hash in one pass (the hash of its lowercase) */
	while (j < s->len && (ctab[t[j]] & C_WORD))
		h = h * 33 + lowtab[t[j++]];
	if (s->htype != H_NONE)
		hidden_expire(s, i);
	n = j - i;
	/* SOME_API_KEY, GITHUB_TOKEN, DB_PASSWORD: a credential's name */
	z = lowtab[t[j - 1]];
	if (n >= 7 && n <= 64 && (z == 'y' || z == 'n' || z == 't' ||
				  z == 'd') &&
	    (ihas(s, j - 4, "_key") || ihas(s, j - 6, "_token") ||
	     ihas(s, j - 7, "_secret") ||
	     (n >= 9 && ihas(s, j - 9, "_password")))) {
		on_word(s, kw_envcred, i, j);
		return j;
	}
	if (n > WORD_MAX)
		return j;
	for (h &= HASH_SLOTS - 1; kwhash[h]; h = (h + 1) & (HASH_SLOTS - 1)) {
		unsigned id = kwhash[h] - 1u;

		if (kwlen[id] != n)
			continue;
		for (k = 0; k < n && lowtab[t[i + k]] ==
				     (unsigned char)kws[id].w[k]; k++)
			;
		if (k == n) {
			on_word(s, id, i, j);
			break;
		}
	}
	return j;
}

/* --- markup ---------------------------------------------------------- */

static void hidden_open(struct scan *s, int type, size_t start, size_t end,
			const char *name, size_t nlen)
{
	if (s->htype != H_NONE || in_code(s, start))
		return;
	s->htype = type;
	s->hstart = start;
	s->hend = end;
	s->hnlen = nlen < sizeof(s->hname) ? nlen : 0;
	if (s->hnlen)
		memcpy(s->hname, name, s->hnlen);
	s->hdepth = 1;
	s->haddr = s->himp = s->hcand = false;
}

static void hidden_close(struct scan *s, size_t end);

/* An attribute's or a line's region ends where it was known to; an
 * unclosed hidden element after HIDDEN_MAX. */
static void hidden_expire(struct scan *s, size_t i)
{
	if (((s->htype == H_ATTR || s->htype == H_LINE) && i >= s->hend) ||
	    (s->htype == H_ELEMENT && i > s->hstart &&
	     i - s->hstart > HIDDEN_MAX))
		hidden_close(s, s->htype == H_ELEMENT ? i : s->hend);
}

static void hidden_close(struct scan *s, size_t end)
{
	int v = 2 + (s->haddr && s->himp) + s->hcand;

	if (s->htype == H_NONE)
		return;
	if (v >= INJECT_THRESHOLD)
		add_hit(s, INJ_HIDDEN, v, s->hstart, end - s->hstart);
	s->htype = H_NONE;
}

static bool data_name(const struct scan *s, size_t off, size_t n)
{
	static const char *const names[] = { "data", "d", "m", "msg",
		"message", "c", "content", "secret", "key", "token", "payload",
		"p", "x", "history", "chat", "conversation", "memory",
		"summary", "info", "exfil", "leak", "s", "text", "q", NULL };
	unsigned k;

	for (k = 0; names[k]; k++)
		if (strlen(names[k]) == n && ihasn(s, off, names[k], n))
			return strcmp(names[k], "q") != 0;
	return false;
}

/* {name} [NAME] <NAME> $NAME, or DATA / CHAT_HISTORY in capitals. */
static bool placeholder(const struct scan *s, size_t v, size_t n,
			bool dataish)
{
	size_t k, caps = 0, under = 0;
	char c = n ? s->t[v] : 0;

	if (n >= 3 && (c == '{' || c == '[' || c == '<')) {
		char close = c == '{' ? '}' : c == '[' ? ']' : '>';
		size_t e = v + n - 1;

		while (e > v && s->t[e] == '}' && close == '}' &&
		       s->t[e - 1] == '}')
			e--;
		if (s->t[v + n - 1] != close)
			return false;
		for (k = v + 1; k < e; k++) {
			unsigned char ch = (unsigned char)s->t[k];

			if (!(ctab[ch] & C_WORD) && ch != '{' && ch != ' ' &&
			    ch != '-')
				return false;
		}
		return e > v + 1;
	}
	if (c == '$' && n >= 3)
		return (ctab[(unsigned char)s->t[v + 1]] & C_UPPER) != 0;
	for (k = v; k < v + n; k++) {
		unsigned char ch = (unsigned char)s->t[k];

		if (ctab[ch] & C_UPPER)
			caps++;
		else if (ch == '_')
			under++;
		else
			return false;
	}
	return caps >= 4 && (under || dataish);
}

static bool b64_long(const struct scan *s, size_t v, size_t n)
{
	size_t k;
	bool up = false, lo = false, dig = false;

	if (n < 32)
		return false;
	for (k = v; k < v + n; k++) {
		unsigned char ch = (unsigned char)s->t[k];

		if (ch >= 'A' && ch <= 'Z')
			up = true;
		else if (ch >= 'a' && ch <= 'z')
			lo = true;
		else if (ch >= '0' && ch <= '9')
			dig = true;
		else if (!strchr("+/=-_%", ch) || !ch)
			return false;
	}
	return up && lo && dig;
}

/* A URL in a markdown link or image, or an HTML src/href. */
static void on_url(struct scan *s, size_t u, size_t n, bool image)
{
	size_t k = u, end = u + n;
	int base = 0;

	while (k < end && s->t[k] != '?')
		k++;
	while (k < end) {
		size_t name = k + 1, eq, v, vn;
		int b = 0;
		bool dataish;

		for (eq = name; eq < end && s->t[eq] != '=' && s->t[eq] != '&';
		     eq++)
			;
		for (v = eq + (eq < end && s->t[eq] == '='); v < end; v++)
			if (s->t[v] == '&')
				break;
		vn = v - (eq + 1);
		dataish = eq < end && data_name(s, name, eq - name);
		if (eq < end && s->t[eq] == '=') {
			if (placeholder(s, eq + 1, vn, dataish))
				b = 2;
			else if (b64_long(s, eq + 1, vn))
				b = 1;
			else if (vn == 0 && v == end)
				b = 1;
			if (b)
				b += image + dataish;
		}
		if (b > base)
			base = b;
		k = v;
	}
	if (base)
		cand(s, INJ_EXFIL_LINK, base, u, end);
}

/* CSS that hides text. */
static bool hiding_style(const struct scan *s, size_t v, size_t n)
{
	char b[256];
	size_t k, m = 0;

	for (k = v; k < v + n && m + 1 < sizeof(b); k++)
		if (!is_space((unsigned char)s->t[k]))
			b[m++] = (char)lower((unsigned char)s->t[k]);
	b[m] = '\0';
	if (strstr(b, "display:none") || strstr(b, "visibility:hidden") ||
	    strstr(b, "font-size:0") || strstr(b, "font-size:1px") ||
	    strstr(b, "left:-9999") || strstr(b, "opacity:0;") ||
	    (m >= 9 && !strcmp(b + m - 9, "opacity:0")))
		return true;
	for (k = 0; k + 10 <= m; k++)
		if (!memcmp(b + k, "color:", 6) &&
		    (k == 0 || b[k - 1] == ';' || b[k - 1] == '"') &&
		    (!memcmp(b + k + 6, "#fff", 4) ||
		     !memcmp(b + k + 6, "white", 5)))
			return true;
	return false;
}

static bool void_tag(const char *name, size_t n)
{
	static const char *const v[] = { "img", "br", "hr", "input", "meta",
		"link", "source", "area", "wbr", NULL };
	unsigned k;

	for (k = 0; v[k]; k++)
		if (strlen(v[k]) == n && !memcmp(v[k], name, n))
			return true;
	return false;
}

static size_t on_tag(struct scan *s, size_t i)
{
	static const char *const role_tags[] = { "system", "system-reminder",
		"system_prompt", "system-prompt", "sys", NULL };
	static const char *const call_tags[] = { "function_calls", "invoke",
		"tool_call", "tool_use", "function_results", NULL };
	static const char ns[] = "ant" "ml:";
	char name[32];
	size_t k = i + 1, n = 0, end, limit;
	bool close = false, hide = false, isns = false, prose = false;
	unsigned q;
	unsigned char nx = k < s->len ? (unsigned char)s->t[k] : 0;

	/* most '<' are a tag or a comparison: one byte decides */
	if (!(ctab[nx] & C_ALPHA) && nx != '!' && nx != '|' && nx != '<' &&
	    nx != '/')
		return i + 1;
	if (nx == '!' && ihas(s, i, "<!--")) {
		hidden_open(s, H_COMMENT, i, 0, NULL, 0);
		return i + 4;
	}
	if (nx == '|') {
		for (k = i + 2; k < s->len && k - i < 32 &&
		     ((ctab[(unsigned char)s->t[k]] & C_WORD)); k++)
			;
		if (k > i + 2 && k + 1 < s->len && s->t[k] == '|' &&
		    s->t[k + 1] == '>')
			cand(s, INJ_ROLE, 2, i, k + 2);
		return i + 2;
	}
	if (nx == '<' && (ihas(s, i, "<<sys>>") || ihas(s, i, "<</sys>>"))) {
		cand(s, INJ_ROLE, 2, i, i + 7);
		return i + 2;
	}
	if (k < s->len && s->t[k] == '/') {
		close = true;
		k++;
	}
	if (k < s->len && lower((unsigned char)s->t[k]) == 'a' &&
	    ihas(s, k, ns)) {
		isns = true;
		k += sizeof(ns) - 1;
	}
	while (k < s->len && n < sizeof(name) - 1 &&
	       ((ctab[(unsigned char)s->t[k]] & C_WORD) || s->t[k] == '-' ||
		(s->t[k] == ':' && n)))
		name[n++] = (char)lower((unsigned char)s->t[k++]);
	name[n] = '\0';
	if (!n)
		return i + 1;
	if (close) {
		if (s->htype == H_ELEMENT && n == s->hnlen &&
		    !memcmp(name, s->hname, n) && --s->hdepth == 0)
			hidden_close(s, i);
		for (q = 0; name[0] == 's' && name[1] == 'y' && role_tags[q];
		     q++)
			if (!strcmp(name, role_tags[q]))
				cand(s, INJ_ROLE, 1, i, k);
		return k;
	}
	if (s->htype == H_ELEMENT && n == s->hnlen &&
	    !memcmp(name, s->hname, n))
		s->hdepth++;
	for (q = 0; name[0] == 's' && name[1] == 'y' && role_tags[q]; q++)
		if (!strcmp(name, role_tags[q]) && k < s->len &&
		    (s->t[k] == '>' || s->t[k] == ' '))
			cand(s, INJ_ROLE, 2, i, k + 1);
	for (q = 0; (name[0] == 'f' || (name[0] == 'i' && n == 6) ||
		     (name[0] == 't' && n > 7)) && call_tags[q]; q++)
		if (!strcmp(name, call_tags[q]))
			cand(s, INJ_TOOLCALL, isns ? 4 : q < 2 ? 3 : 2, i, k);
	if (!strcmp(name, "parameter") && isns)
		cand(s, INJ_TOOLCALL, 4, i, k);
	/* attributes, to the tag's end */
	limit = s->len - k < LOOK_TAG ? s->len : k + LOOK_TAG;
	for (end = k; end < limit && s->t[end] != '>' && s->t[end] != '<';
	     end++) {
		size_t an = end, ae, v, ve;
		char qc;

		/* invisible characters are the main loop's to count */
		if ((unsigned char)s->t[end] >= 0x80 || s->t[end] == '\\')
			prose = true;
		if (!(ctab[(unsigned char)s->t[end]] & C_ALPHA) ||
		    !is_space((unsigned char)s->t[end - 1]))
			continue;
		for (ae = an; ae < limit && ((ctab[(unsigned char)s->t[ae]] &
					      C_WORD) || s->t[ae] == '-');
		     ae++)
			;
		if (ae - an == 6 && ihas(s, an, "hidden") &&
		    (ae >= limit || s->t[ae] != '='))
			hide = true;
		v = ae;
		if (v >= limit || s->t[v] != '=')
			continue;
		v++;
		if (v < limit && s->t[v] == '\\')
			v++;
		if (v >= limit || (s->t[v] != '"' && s->t[v] != '\''))
			continue;
		qc = s->t[v++];
		for (ve = v; ve < limit && s->t[ve] != qc; ve++)
			if ((unsigned char)s->t[ve] >= 0x80 || s->t[ve] == '\\')
				prose = true;
		if (ve > v && s->t[ve - 1] == '\\')
			ve--;
		/* a long value may hold text for the model (data-prompt=,
		 * content=): the main loop reads it; short ones it skips */
		if (ve - v > 40)
			prose = true;
		/* the names below, by first letter and length */
		switch (lower((unsigned char)s->t[an])) {
		case 's': case 't': case 'h': case 'a':
			if (ae - an == 3 || ae - an == 4 || ae - an == 5 ||
			    ae - an == 10 || ae - an == 11)
				break;
			/* fall through */
		default:
			goto next;
		}
		if (ihas(s, an, "style=") && hiding_style(s, v, ve - v))
			hide = true;
		if (ihas(s, an, "aria-hidden=") && ihas(s, v, "true"))
			hide = true;
		if ((ihas(s, an, "src=") || ihas(s, an, "href=")) && ve > v)
			on_url(s, v, ve - v, ihas(s, an, "src="));
		if ((ihas(s, an, "alt=") || ihas(s, an, "title=") ||
		     ihas(s, an, "aria-label=")) && ve - v > 8 &&
		    s->htype == H_NONE)
			hidden_open(s, H_ATTR, v, ve, NULL, 0);
next:
		end = ve;
		if (end >= limit)
			break;
	}
	if (hide && !void_tag(name, n) && !(end > 0 && end < s->len &&
					    s->t[end - 1] == '/'))
		hidden_open(s, H_ELEMENT, end < s->len ? end + 1 : end, 0,
			    name, n);
	return prose || s->htype == H_ATTR || end >= s->len ||
	       s->t[end] != '>' ? k : end;
}

static size_t on_backtick(struct scan *s, size_t i)
{
	size_t n = 0, k, run;

	while (i + n < s->len && s->t[i + n] == '`')
		n++;
	if (i == s->code_close && s->code_end) {
		s->code_close = 0;
		return i + n;
	}
	if (n >= 3 && at_line_start(s, i)) {
		s->fence = !s->fence;
		return i + n;
	}
	if (in_code(s, i))
		return i + n;
	/* a code span: the next run of the same length, in the paragraph */
	for (k = i + n; k < s->len && k - i < LOOK_SPAN; k += run ? run : 1) {
		run = 0;
		if (s->t[k] == '\n' && k + 1 < s->len && s->t[k + 1] == '\n')
			break;
		while (k + run < s->len && s->t[k + run] == '`')
			run++;
		if (run == n) {
			s->code_end = k + n;
			s->code_close = k;
			break;
		}
	}
	return i + n;
}

static size_t on_special(struct scan *s, size_t i)
{
	unsigned char c = (unsigned char)s->t[i];

	if (s->htype != H_NONE)
		hidden_expire(s, i);

	switch (c) {
	case '\n':
		s->line = i + 1;
		if (s->htype == H_LINE)
			hidden_close(s, i);
		return i + 1;
	case '<':
		return on_tag(s, i);
	case '>':
		if (s->htype == H_COMMENT && i >= 2 && s->t[i - 1] == '-' &&
		    s->t[i - 2] == '-')
			hidden_close(s, i + 1);
		return i + 1;
	case '[':
		s->lb = i + 1;
		s->lb_img = i > 0 && s->t[i - 1] == '!';
		if (ihas(s, i, "[inst]") || ihas(s, i, "[/inst]"))
			cand(s, INJ_ROLE, 2, i, i + 6);
		else if (ihas(s, i, "[system") && i + 7 < s->len &&
			 (s->t[i + 7] == ']' || s->t[i + 7] == ' ')) {
			size_t k;

			for (k = i + 7; k < s->len && k - i < 32 &&
			     s->t[k] != ']' && s->t[k] != '\n'; k++)
				;
			if (k < s->len && s->t[k] == ']')
				cand(s, INJ_ROLE, 2, i, k + 1);
		} else if (ihas(s, i, "[//]: #") && at_line_start(s, i)) {
			size_t k;

			for (k = i; k < s->len && k - i < LOOK_SPAN &&
			     s->t[k] != '\n'; k++)
				;
			hidden_open(s, H_LINE, i, k, NULL, 0);
		}
		return i + 1;
	case ']':
		if (i + 1 < s->len && s->t[i + 1] == '(' && s->lb &&
		    i - s->lb < 1024) {
			size_t u = i + 2, k;

			for (k = u; k < s->len && k - u < LOOK_URL &&
			     s->t[k] != ')' &&
			     !is_space((unsigned char)s->t[k]);
			     k++)
				;
			if (k > u)
				on_url(s, u, k - u, s->lb_img);
			s->lb = 0;
		}
		return i + 1;
	case '#':
		if (at_line_start(s, i)) {
			size_t k = i;
			char w[16];
			size_t n;

			while (k < s->len && k - i < 6 && s->t[k] == '#')
				k++;
			k = skip_sp(s, k, 4);
			n = word_at(s, k, w, 15);
			if (((n == 11 && !memcmp(w, "instruction", 11)) ||
			     (n == 12 && !memcmp(w, "instructions", 12)) ||
			     (n == 6 && !memcmp(w, "system", 6)) ||
			     (n == 8 && !memcmp(w, "response", 8))) &&
			    line_end_after(s, k + n))
				cand_l(s, INJ_ROLE, 1, i, k + n, true);
			return i + 1;
		}
		return i + 1;
	case '`':
		return on_backtick(s, i);
	case '|': {
		size_t k = skip_sp(s, i + 1, 4);

		if (ihas(s, k, "sh") || ihas(s, k, "bash") ||
		    ihas(s, k, "zsh") || ihas(s, k, "python"))
			signal(s, S_DANGER, i);
		return i + 1;
	}
	default:
		return on_invisible(s, i);
	}
}

/* A JSON document (a fetched API response): its \u escapes are read as
 * the characters they stand for.  In prose "\u200b" is writing about
 * one. */
static bool looks_json(const char *t, size_t len)
{
	size_t i = 0;

	while (i < len && i < 64 && is_space((unsigned char)t[i]))
		i++;
	return i < len && (t[i] == '{' || t[i] == '[');
}

unsigned inject_scan(struct inject_report *r, const char *text, size_t len)
{
	static struct scan s;	/* ~5 KB, kept off the stack */
	size_t i = 0;

	if (!ready)
		init_tables();
	memset(r, 0, sizeof(*r));
	memset(&s, 0, sizeof(s));
	s.t = text;
	s.len = len;
	s.r = r;
	s.json = looks_json(text, len);
	while (i < len) {
		uint8_t k = ctab[(unsigned char)text[i]];

		if (!k) {
			i++;
			continue;
		}
		if (k & C_WORD) {
			i = on_word_start(&s, i);
			continue;
		}
		if (k & C_TRIG) {
			i = on_special(&s, i);
			continue;
		}
		i++;
	}
	if (s.htype != H_NONE)
		hidden_close(&s, len);
	settle_before(&s, SIZE_MAX);
	if (s.inv_open)
		add_hit(&s, INJ_INVISIBLE, INJECT_THRESHOLD, s.inv_off,
			s.inv_end - s.inv_off);
	return r->kinds;
}

int inject_strip(struct buf *out, size_t *removed, const char *text,
		 size_t len)
{
	struct scan s;
	size_t i = 0, from = 0;
	struct inject_report r;
	int error;

	if (!ready)
		init_tables();
	memset(&s, 0, sizeof(s));
	memset(&r, 0, sizeof(r));
	s.t = text;
	s.len = len;
	s.r = &r;
	s.json = looks_json(text, len);
	*removed = 0;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		bool flag, zw;
		size_t n, f;

		if (c == '\\' && s.json) {
			/* "\\" is an escaped backslash, never an escape */
			if (i + 1 < len && text[i + 1] == '\\') {
				i += 2;
				continue;
			}
			if (!(n = invis_escape(&s, i, &flag, &zw))) {
				i++;
				continue;
			}
		} else if (c != 0xe2 && c != 0xef && c != 0xf3) {
			i++;
			continue;
		} else if
		(c == 0xf3 && i >= 4 &&
			   !memcmp(text + i - 4, "\xf0\x9f\x8f\xb4", 4) &&
			   (f = flag_tags(&s, i))) {
			i += f;
			continue;
		} else if (!(n = invis_len(&s, i, &flag, &zw))) {
			i++;
			continue;
		}
		if ((error = buf_put(out, text + from, i - from)) < 0)
			return error;
		*removed += n;
		i += n;
		from = i;
	}
	return buf_put(out, text + from, len - from);
}

const char *inject_kind_name(enum inject_kind k)
{
	static const char *const names[INJ_NKINDS] = {
		"role", "override", "hidden", "toolcall", "command",
		"invisible", "exfil_link",
	};

	return (unsigned)k < INJ_NKINDS ? names[k] : "unknown";
}
