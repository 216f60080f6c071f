/* inject.h - prompt-injection signals in a tool's output (PostToolUse).
 * inject_scan() fills a caller-owned report and allocates nothing; the
 * command pointer in it borrows from the scanned text.  inject_strip()
 * appends to a caller-owned buf.  Text is bytes: any length, NULs and
 * invalid UTF-8 allowed. */
#ifndef CV_INJECT_H
#define CV_INJECT_H

#include <stddef.h>

struct buf;

enum inject_kind {
	INJ_ROLE,	/* role tokens, "SYSTEM:", "You are now DAN" */
	INJ_OVERRIDE,	/* "ignore all previous instructions" */
	INJ_HIDDEN,	/* HTML comment, hidden CSS, alt text to the model */
	INJ_TOOLCALL,	/* tool-call markup or tool_use JSON */
	INJ_COMMAND,	/* "AI agent: run `curl ... | sh`", send your key */
	INJ_INVISIBLE,	/* tag characters, bidi overrides, zero-width */
	INJ_EXFIL_LINK,	/* image/link URL with a data placeholder */
	INJ_NKINDS
};

#define INJECT_MAX_HITS	16
/* A hit is flagged at this score (see the top of inject.c). */
#define INJECT_THRESHOLD	3

struct inject_hit {
	enum inject_kind kind;
	int score;
	size_t off, len;	/* the phrase, token or region in text */
};

struct inject_report {
	unsigned kinds;		/* 1u << kind for every flagged kind */
	unsigned n;		/* hits in hit[], by offset */
	unsigned more;		/* flagged hits beyond hit[] */
	struct inject_hit hit[INJECT_MAX_HITS];
	size_t invisible_bytes;	/* what inject_strip() would remove */
	/* A command a flagged INJ_COMMAND hit asks to run, when one is
	 * quoted: for the caller to judge as a PreToolUse Bash call. */
	const char *command;
	size_t command_len;
};

/* Scans text; returns r->kinds (0: nothing flagged).  Linear time,
 * constant memory; never reads past len.  Not reentrant (the scan state
 * and the tables built at the first call are static): one thread. */
unsigned inject_scan(struct inject_report *r, const char *text, size_t len);

/* Appends text to out without tag characters, bidi controls and the
 * zero-width characters inject_scan() counts in invisible_bytes (a ZWJ
 * inside an emoji, a ZWNJ/ZWJ between letters of other scripts and a
 * leading BOM are kept); in a JSON document, their \u escapes too.
 * *removed gets the bytes dropped.  Returns 0 or CV_ENOMEM. */
int inject_strip(struct buf *out, size_t *removed, const char *text,
		 size_t len);

const char *inject_kind_name(enum inject_kind k);

#endif
