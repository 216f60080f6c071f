/* text.h - small text facts used by several readers (the strict JSON
 * scan, the JSON locator, the shell lexer, URL handling), kept in one
 * place so that they cannot disagree. */
#ifndef CV_TEXT_H
#define CV_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct arena;

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlongs, no
 * surrogates, at most U+10FFFF), or 0 when it is invalid. */
size_t text_utf8_len(const unsigned char *s, size_t n);

/* Writes code point cp as UTF-8 (1-4 bytes) at out; returns the length.
 * Above U+10FFFF it writes U+FFFD. */
size_t text_put_utf8(char *out, unsigned long cp);

/* Value of one hex digit, or -1. */
int text_hexval(char c);
/* Four hex digits at p (a \uXXXX escape's digits): 0, or -1. */
int text_hex4(const char *p, unsigned *out);
/* The value of a base64 digit, standard or URL alphabet; -1 for none. */
int text_b64val(unsigned char c);

/* The host of a URL ("scheme://[user@]host[:port]/..."), lowercase,
 * copied into the arena; NULL when url has no "://" or on no memory. */
const char *text_url_host(struct arena *a, const char *url);

/* Does s (NULL: no) start with p / end with suf? */
bool text_prefix(const char *s, const char *p);
bool text_ends_with(const char *s, const char *suf);

/* Is s (NULL: no) one of the NULL-terminated list?  This and
 * text_base_name() are inline: the shell normaliser calls them for every
 * word of a hook call (out of line, the hook ran ~5% more instructions). */
static inline bool text_in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* The last component of a '/'-separated path, inside it; a path ending
 * in '/' is returned whole (it names a directory, not ""). */
static inline const char *text_base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b && b[1] ? b + 1 : path;
}

/* qsort() comparison of two `const char *`. */
int text_cmp_str(const void *a, const void *b);

#endif
