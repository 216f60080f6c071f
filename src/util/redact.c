/* redact.c - secrets out of text, see redact.h.
 *
 * Invariant: no recognised secret reaches `out` with more than its first
 * 4 characters.  The scanner is a single left-to-right pass with no
 * regexes (linear time on hostile input); at every position it tries the
 * recognisers below and, on a match, copies only the part that may be
 * kept, then REDACT_MARK, and continues after the secret. */
#include "util/redact.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"

#define KEEP_MAX 4

static bool alnum(char c)
{
	return isalnum((unsigned char)c);
}

static bool tokc(char c)	/* characters of API keys and tokens */
{
	return alnum(c) || c == '_' || c == '-';
}

static bool b64c(char c)
{
	return tokc(c) || c == '+' || c == '/' || c == '.' || c == '~' ||
	       c == '=';
}

static bool namec(char c)
{
	return alnum(c) || c == '_' || c == '-' || c == '.';
}

static bool valuec(char c)
{
	return c && !isspace((unsigned char)c) && c != '&' && c != ';' &&
	       c != ',' && c != '"' && c != '\'' && c != ')' && c != '}' &&
	       c != '>' && c != '<' && c != '|';
}

static size_t span(const char *t, size_t len, size_t i, bool (*ok)(char))
{
	size_t j = i;

	while (j < len && ok(t[j]))
		j++;
	return j - i;
}

static bool has_prefix(const char *t, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);

	return len - i >= n && !memcmp(t + i, p, n);
}

static bool has_iprefix(const char *t, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);

	return len - i >= n && !strncasecmp(t + i, p, n);
}

/* Key formats with a public marker; the body must be long enough to be a
 * real key, so that prose like "sk-learn" stays readable. */
static const struct {
	const char *prefix;
	size_t min_body;
} formats[] = {
	{ "AKIA", 16 }, { "ASIA", 16 }, { "AGPA", 16 }, { "AIDA", 16 },
	{ "AROA", 16 }, { "ANPA", 16 },			/* AWS */
	{ "ghp_", 20 }, { "gho_", 20 }, { "ghs_", 20 }, { "ghu_", 20 },
	{ "ghr_", 20 }, { "github_pat_", 20 },		/* GitHub */
	{ "glpat-", 16 },				/* GitLab */
	{ "xoxb-", 10 }, { "xoxa-", 10 }, { "xoxp-", 10 }, { "xoxr-", 10 },
	{ "xoxs-", 10 }, { "xapp-", 10 },		/* Slack */
	{ "sk-", 16 },			/* OpenAI, Anthropic sk-ant-... */
	{ "sk_live_", 16 }, { "sk_test_", 16 }, { "rk_live_", 16 },
	{ "AIza", 30 },					/* Google */
	{ "npm_", 30 }, { "hf_", 30 }, { "pypi-", 30 },
	{ "dop_v1_", 30 }, { "SG.", 30 },
	{ "pat-na1-", 30 }, { "pat-eu1-", 30 },		/* HubSpot */
	{ "hooks.slack.com/services/", 20 },		/* webhooks */
	{ "discord.com/api/webhooks/", 20 },
	{ "discordapp.com/api/webhooks/", 20 },
};

static size_t match_format(const char *t, size_t len, size_t i,
			   size_t *keep)
{
	size_t k;

	/* First letters of the prefixes below: most positions stop here. */
	if (!strchr("AgxsrnhpdSpd", t[i]) || !t[i])
		return 0;
	for (k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
		size_t n = strlen(formats[k].prefix), body;

		if (!has_prefix(t, len, i, formats[k].prefix))
			continue;
		body = span(t, len, i + n, b64c);
		if (body >= formats[k].min_body) {
			*keep = KEEP_MAX;
			return i + n + body;
		}
	}
	return 0;
}

/* A Telegram bot token: the bot's id, ':', then 35 characters that
 * start with "AA". */
static size_t match_telegram(const char *t, size_t len, size_t i,
			     size_t *keep)
{
	size_t d = 0, j;

	while (i + d < len && d < 11 && isdigit((unsigned char)t[i + d]))
		d++;
	if (d < 8 || i + d + 3 > len || t[i + d] != ':' ||
	    t[i + d + 1] != 'A' || t[i + d + 2] != 'A')
		return 0;
	j = i + d + 1 + span(t, len, i + d + 1, b64c);
	if (j - (i + d + 1) < 33)
		return 0;
	*keep = d + 1;
	return j;
}

/* eyJ<header>.<payload>.<signature> */
static size_t match_jwt(const char *t, size_t len, size_t i, size_t *keep)
{
	size_t a, b, j;

	if (!has_prefix(t, len, i, "eyJ"))
		return 0;
	a = span(t, len, i, tokc);
	j = i + a;
	if (a < 10 || j >= len || t[j] != '.')
		return 0;
	b = span(t, len, j + 1, tokc);
	j += 1 + b;
	if (b < 8)
		return 0;
	if (j < len && t[j] == '.')
		j += 1 + span(t, len, j + 1, tokc);
	*keep = KEEP_MAX;
	return j;
}

/* "Bearer <token>", "Basic <token>", "token <token>" (GitHub). */
static size_t match_scheme(const char *t, size_t len, size_t i, size_t *keep)
{
	static const char *const schemes[] = { "bearer", "basic", NULL };
	size_t k, j, n;

	for (k = 0; schemes[k]; k++) {
		n = strlen(schemes[k]);
		if (!has_iprefix(t, len, i, schemes[k]) || i + n >= len ||
		    (t[i + n] != ' ' && t[i + n] != '\t'))
			continue;
		j = i + n;
		while (j < len && (t[j] == ' ' || t[j] == '\t'))
			j++;
		n = span(t, len, j, b64c);
		if (n >= 8) {
			*keep = j - i;
			return j + n;
		}
	}
	return 0;
}

static const char *const secret_words[] = {
	"pass", "pwd", "token", "secret", "apikey", "api_key", "api-key",
	"access_key", "accesskey", "private_key", "privatekey", "credential",
	"authorization", "client_secret", "signature", NULL,
};

static bool secret_name(const char *name, size_t n)
{
	char low[72];
	size_t k, j;

	if (n < 3 || n >= sizeof(low))
		return false;
	for (j = 0; j < n; j++)
		low[j] = (char)tolower((unsigned char)name[j]);
	low[n] = '\0';
	for (k = 0; secret_words[k]; k++)
		if (strstr(low, secret_words[k]))
			return true;
	return false;
}

static bool strcasestr_n(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), j;

	for (j = 0; j + k <= n; j++)
		if (!strncasecmp(s + j, w, k))
			return true;
	return false;
}

/* name=value, name: value, "name": "value", --name value, -u user:pass */
static size_t match_setting(const char *t, size_t len, size_t i,
			    size_t *keep)
{
	size_t n = span(t, len, i, namec), j, v;
	char q = 0;

	if (n == 0 || n > 64)
		return 0;
	j = i + n;
	if (((n == 2 && !memcmp(t + i, "-u", 2)) ||
	     (n == 6 && !memcmp(t + i, "--user", 6))) &&
	    j < len && (t[j] == ' ' || t[j] == '=')) {
		/* curl -u user:password */
		v = j + 1 + span(t, len, j + 1, valuec);
		for (j++; j < v && t[j] != ':'; j++)
			;
		if (j + 1 < v) {
			*keep = j + 1 - i;
			return v;
		}
		return 0;
	}
	if (!secret_name(t + i, n))
		return 0;
	if (j < len && (t[j] == '"' || t[j] == '\''))
		j++;
	while (j < len && (t[j] == ' ' || t[j] == '\t'))
		j++;
	if (j < len && (t[j] == '=' || t[j] == ':')) {
		j++;
		while (j < len && (t[j] == ' ' || t[j] == '\t'))
			j++;
	} else if (!(t[i] == '-' && j > i + n)) {
		return 0;	/* only --flag VALUE may omit the = */
	}
	if (j < len && (t[j] == '"' || t[j] == '\''))
		q = t[j++];
	v = j;
	if (n >= 13 && secret_name(t + i, n) && strcasestr_n(t + i, n,
							    "authorization")) {
		/* "Authorization: Bearer x": the whole header value */
		size_t sk = 0;

		while (v < len && t[v] != '\n' && t[v] != '\r' && t[v] != q &&
		       (q || (t[v] != '"' && t[v] != '\'')))
			v++;
		if (match_scheme(t, len, j, &sk))
			j += sk;
		if (v <= j)
			return 0;
		*keep = j - i;
		return v;
	}
	if (q) {
		while (v < len && t[v] != q && v - j < 4096)
			v++;
	} else {
		v += span(t, len, j, valuec);
	}
	if (v == j || (!q && t[i] == '-' && t[j] == '-'))
		return 0;
	*keep = j - i;
	return v;
}

/* scheme://user:password@host, scheme://longtoken@host */
static size_t match_userinfo(const char *t, size_t len, size_t i,
			     size_t *keep)
{
	size_t j = i + 3, colon = 0;

	if (!has_prefix(t, len, i, "://"))
		return 0;
	for (; j < len && j - i < 512; j++) {
		char c = t[j];

		if (c == '@')
			break;
		if (c == '/' || c == '?' || c == '#' ||
		    isspace((unsigned char)c) || c == '"' || c == '\'')
			return 0;
		if (c == ':' && !colon)
			colon = j;
	}
	if (j >= len || t[j] != '@')
		return 0;
	if (colon && colon + 1 < j) {
		*keep = colon + 1 - i;
		return j;
	}
	if (!colon && j - (i + 3) >= 16) {
		*keep = 3 + KEEP_MAX;
		return j;
	}
	return 0;
}

static size_t match_private_key(const char *t, size_t len, size_t i,
				size_t *keep)
{
	const char *end, *hdr;
	size_t j;

	if (!has_prefix(t, len, i, "-----BEGIN "))
		return 0;
	hdr = memmem(t + i, len - i < 80 ? len - i : 80, "PRIVATE KEY-----",
		     16);
	if (!hdr)
		return 0;
	*keep = (size_t)(hdr - t) + 16 - i;
	end = memmem(hdr + 16, len - (size_t)(hdr + 16 - t), "-----END ", 9);
	if (!end)
		return len;	/* truncated: everything after is secret */
	j = (size_t)(end - t) + 9;
	end = memmem(t + j, len - j < 80 ? len - j : 80, "-----", 5);
	return end ? (size_t)(end - t) + 5 : len;
}

/* A long high-entropy value after '=' : hex or base64 with mixed case
 * and digits.  The '=' is kept, nothing of the value. */
static size_t match_entropy(const char *t, size_t len, size_t i,
			    size_t *keep)
{
	size_t n, j, hex = 0, up = 0, low = 0, dig = 0;

	if (t[i] != '=' || match_format(t, len, i + 1, keep))
		return 0;
	n = span(t, len, i + 1, b64c);
	if (n < 32)
		return 0;
	for (j = i + 1; j < i + 1 + n; j++) {
		char c = t[j];

		if (isxdigit((unsigned char)c))
			hex++;
		if (isupper((unsigned char)c))
			up++;
		else if (islower((unsigned char)c))
			low++;
		else if (isdigit((unsigned char)c))
			dig++;
	}
	if (hex != n && !(up && low && dig))
		return 0;
	*keep = 1;
	return i + 1 + n;
}

/* A vendor's documented placeholder (AKIAIOSFODNN7EXAMPLE) or a filler
 * (sk_test_XXXXXXXXXXXXXXXX): no key. */
static bool placeholder(const char *t, size_t from, size_t end)
{
	size_t i, run = 1;

	if (end - from >= 7 && memmem(t + from, end - from, "EXAMPLE", 7))
		return true;
	for (i = from + 1; i < end; i++) {
		run = t[i] == t[i - 1] ? run + 1 : 1;
		if (run >= 8)
			return true;
	}
	return false;
}

bool redact_has_key(const char *t, size_t len)
{
	size_t i, keep, end;

	for (i = 0; i < len; i++) {
		bool boundary = i == 0 || !namec(t[i - 1]);

		/* A private key block's base64 has long runs ("AAAAAAAA"):
		 * only key formats can be fillers. */
		if (t[i] == '-' && match_private_key(t, len, i, &keep))
			return true;
		end = 0;
		if (boundary && !(end = match_format(t, len, i, &keep)) &&
		    !(end = match_jwt(t, len, i, &keep)))
			end = match_telegram(t, len, i, &keep);
		if (end && !placeholder(t, i, end))
			return true;
		if (!end && t[i] == ':' && match_userinfo(t, len, i, &keep))
			return true;
		if (end > i + 1)
			i = end - 1;
	}
	return false;
}

int redact(struct buf *out, const char *t, size_t len)
{
	size_t i = 0, from = 0;
	int error;

	while (i < len) {
		size_t end = 0, keep = 0;
		bool boundary = i == 0 || !namec(t[i - 1]);

		if (t[i] == '-')
			end = match_private_key(t, len, i, &keep);
		if (!end && boundary && (end = match_format(t, len, i, &keep)))
			;
		else if (!end && boundary &&
			 (end = match_jwt(t, len, i, &keep)))
			;
		else if (!end && boundary &&
			 (end = match_telegram(t, len, i, &keep)))
			;
		else if (!end && boundary &&
			 (end = match_scheme(t, len, i, &keep)))
			;
		else if (!end && boundary &&
			 (end = match_setting(t, len, i, &keep)))
			;
		else if (!end && t[i] == ':')
			end = match_userinfo(t, len, i, &keep);
		else if (!end && t[i] == '=')
			end = match_entropy(t, len, i, &keep);
		if (!end) {
			i++;
			continue;
		}
		if ((error = buf_put(out, t + from, i + keep - from)) < 0 ||
		    (error = buf_puts(out, REDACT_MARK)) < 0)
			return error;
		i = from = end;
	}
	return buf_put(out, t + from, len - from);
}
