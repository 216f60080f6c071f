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
#include "util/text.h"

#define KEEP_MAX 4

static bool alnum(char c)
{
	return isalnum((unsigned char)c);
}

static bool tokc(char c)	/* characters of API keys and tokens */
{
	return alnum(c) || c == '_' || c == '-';
}

static bool hexc(char c)
{
	return isxdigit((unsigned char)c);
}

static bool upnumc(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool b64c(char c)
{
	return tokc(c) || c == '+' || c == '/' || c == '.' || c == '~' ||
	       c == '=';
}

/* [A-Za-z0-9_.-], by table: it is asked at every candidate byte. */
static const unsigned char name_chars[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

static bool namec(char c)
{
	return name_chars[(unsigned char)c];
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

/* The kinds a marker can name, in the order of enum redact_kind. */
enum redact_kind {
	RK_AWS_KEY_ID, RK_AWS_SECRET, RK_GITHUB, RK_GITLAB, RK_SLACK,
	RK_WEBHOOK, RK_OPENAI, RK_ANTHROPIC, RK_STRIPE, RK_GOOGLE, RK_NPM,
	RK_HUGGINGFACE, RK_PYPI, RK_DIGITALOCEAN, RK_SENDGRID, RK_HUBSPOT,
	RK_TELEGRAM, RK_SHOPIFY, RK_VAULT, RK_API_TOKEN, RK_JWT,
	RK_PRIVATE_KEY, RK_URL_PASSWORD, RK_BEARER, RK_PASSWORD, RK_TOKEN,
	RK_SECRET, RK_API_KEY, RK_CREDENTIAL, RK_SIGNATURE, RK_NETRC,
	RK_PGPASS, RK_DOCKER_AUTH, RK_AUTH_HEADER, RK_DISCORD, RK_K8S_SECRET,
	RK_COUNT,
	RK_WEAK_NAME = RK_COUNT + 1	/* (internal: a bare ?key= name) */
};

static const char *const kind_names[RK_COUNT] = {
	"aws-access-key-id", "aws-secret-access-key", "github-token",
	"gitlab-token", "slack-token", "webhook-url", "openai-api-key",
	"anthropic-api-key", "stripe-secret-key", "google-api-key",
	"npm-token", "huggingface-token", "pypi-token", "digitalocean-token",
	"sendgrid-api-key", "hubspot-token", "telegram-bot-token",
	"shopify-token", "vault-token", "api-token", "jwt", "private-key",
	"url-password", "bearer-token", "password", "token", "secret",
	"api-key", "credential", "signature", "netrc-password",
	"pgpass-password", "docker-auth", "authorization-header",
	"discord-bot-token", "kubernetes-secret-data",
};

const char *redact_kind_name(unsigned kind)
{
	return kind < RK_COUNT ? kind_names[kind] : NULL;
}

/* Key formats with a public marker; the body must be long enough to be a
 * real key, so that prose like "sk-learn" stays readable.  A longer
 * prefix comes before a shorter one it extends ("sk-ant-" before "sk-"):
 * the first that matches names the kind. */
/* What a format's body is made of: a key id is upper case and digits, a
 * token letters and digits, some add '_' and '-', a few are base64. */
enum alphabet { A_UPNUM, A_HEX, A_ALNUM, A_TOK, A_B64 };

#define F(p, body, kind, abc) { p, sizeof(p) - 1, body, kind, abc }
static const struct format {
	const char *prefix;
	unsigned char plen, min_body, kind, abc;
} formats[] = {
	/* (AIDA, AROA, AGPA, ANPA are IAM's ids of users, roles, groups
	 * and policies: names, not keys) */
	F("AKIA", 16, RK_AWS_KEY_ID, A_UPNUM), F("ASIA", 16, RK_AWS_KEY_ID, A_UPNUM),
	F("ghp_", 20, RK_GITHUB, A_ALNUM), F("gho_", 20, RK_GITHUB, A_ALNUM),
	F("ghs_", 20, RK_GITHUB, A_ALNUM), F("ghu_", 20, RK_GITHUB, A_ALNUM),
	F("ghr_", 20, RK_GITHUB, A_ALNUM), F("github_pat_", 20, RK_GITHUB, A_TOK),
	F("glpat-", 16, RK_GITLAB, A_TOK), F("glrt-", 16, RK_GITLAB, A_TOK),
	F("gldt-", 16, RK_GITLAB, A_TOK), F("glptt-", 16, RK_GITLAB, A_TOK),
	F("xoxb-", 10, RK_SLACK, A_TOK), F("xoxa-", 10, RK_SLACK, A_TOK),
	F("xoxp-", 10, RK_SLACK, A_TOK), F("xoxr-", 10, RK_SLACK, A_TOK),
	F("xoxs-", 10, RK_SLACK, A_TOK), F("xoxe-", 10, RK_SLACK, A_TOK),
	F("xapp-", 10, RK_SLACK, A_TOK),
	F("sk-ant-", 16, RK_ANTHROPIC, A_TOK), F("sk-", 16, RK_OPENAI, A_TOK),
	F("sk_live_", 16, RK_STRIPE, A_ALNUM), F("sk_test_", 16, RK_STRIPE, A_ALNUM),
	F("rk_live_", 16, RK_STRIPE, A_ALNUM), F("rk_test_", 16, RK_STRIPE, A_ALNUM),
	F("whsec_", 24, RK_STRIPE, A_B64),
	F("AIza", 30, RK_GOOGLE, A_TOK), F("ya29.", 30, RK_GOOGLE, A_B64),
	F("GOCSPX-", 20, RK_GOOGLE, A_TOK),
	F("npm_", 30, RK_NPM, A_ALNUM), F("hf_", 30, RK_HUGGINGFACE, A_ALNUM),
	F("pypi-", 30, RK_PYPI, A_TOK),
	F("dop_v1_", 30, RK_DIGITALOCEAN, A_ALNUM), F("doo_v1_", 30, RK_DIGITALOCEAN, A_ALNUM),
	F("dor_v1_", 30, RK_DIGITALOCEAN, A_ALNUM),
	F("SG.", 30, RK_SENDGRID, A_B64),
	F("pat-na1-", 30, RK_HUBSPOT, A_TOK), F("pat-eu1-", 30, RK_HUBSPOT, A_TOK),
	F("shpat_", 32, RK_SHOPIFY, A_ALNUM), F("shpss_", 32, RK_SHOPIFY, A_ALNUM),
	F("shpca_", 32, RK_SHOPIFY, A_ALNUM), F("shppa_", 32, RK_SHOPIFY, A_ALNUM),
	F("hvs.", 24, RK_VAULT, A_TOK), F("hvb.", 24, RK_VAULT, A_TOK),
	F("PMAK-", 24, RK_API_TOKEN, A_TOK),			/* Postman */
	F("lin_api_", 32, RK_API_TOKEN, A_ALNUM),		/* Linear */
	F("NRAK-", 20, RK_API_TOKEN, A_ALNUM),			/* New Relic */
	F("sntrys_", 32, RK_API_TOKEN, A_B64),			/* Sentry */
	F("glsa_", 32, RK_API_TOKEN, A_TOK),			/* Grafana */
	F("dapi", 32, RK_API_TOKEN, A_ALNUM),			/* Databricks */
	F("dp.pt.", 30, RK_API_TOKEN, A_ALNUM), F("dp.st.", 30, RK_API_TOKEN, A_B64),
	F("dp.sa.", 30, RK_API_TOKEN, A_B64), F("dp.ct.", 30, RK_API_TOKEN, A_B64),
	F("dp.scim.", 30, RK_API_TOKEN, A_B64),
	F("dp.audit.", 30, RK_API_TOKEN, A_B64),		/* Doppler */
	F("sbp_", 40, RK_API_TOKEN, A_ALNUM),			/* Supabase */
	F("pscale_tkn_", 30, RK_API_TOKEN, A_TOK),
	F("pscale_pw_", 30, RK_API_TOKEN, A_TOK),
	F("pscale_oauth_", 30, RK_API_TOKEN, A_TOK),		/* PlanetScale */
	F("EAA", 90, RK_API_TOKEN, A_ALNUM),			/* Facebook */
	F("key-", 32, RK_API_TOKEN, A_HEX),			/* Mailgun */
	F("sq0atp-", 20, RK_API_TOKEN, A_TOK), F("sq0csp-", 20, RK_API_TOKEN, A_TOK),
	F("ATATT3", 50, RK_API_TOKEN, A_B64),			/* Atlassian */
	F("AGE-SECRET-KEY-1", 50, RK_PRIVATE_KEY, A_UPNUM),
	F("hooks.slack.com/services/", 20, RK_WEBHOOK, A_B64),
	F("discord.com/api/webhooks/", 20, RK_WEBHOOK, A_B64),
	F("discordapp.com/api/webhooks/", 20, RK_WEBHOOK, A_B64),
};
#undef F
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

/* The formats by first byte, so a position costs one table look-up:
 * by_first[c] .. by_first[c] + n_first[c] index into order[]. */
static unsigned char order[N_FORMATS], by_first[256], n_first[256];
/* second[c] has bit (d & 63) for each format that starts "cd": a cheap
 * no for most word starts (a false yes is checked in full) */
static uint64_t second[256];
static bool indexed;

static void index_formats(void)
{
	unsigned char fill[256];
	unsigned c, k, at = 0;

	for (k = 0; k < N_FORMATS; k++)
		n_first[(unsigned char)formats[k].prefix[0]]++;
	for (c = 0; c < 256; c++) {
		by_first[c] = fill[c] = (unsigned char)at;
		at += n_first[c];
	}
	/* in table order within a first byte: longer prefixes first */
	for (k = 0; k < N_FORMATS; k++) {
		order[fill[(unsigned char)formats[k].prefix[0]]++] =
			(unsigned char)k;
		second[(unsigned char)formats[k].prefix[0]] |=
			(uint64_t)1 << ((unsigned char)formats[k].prefix[1] & 63);
	}
	indexed = true;
}

static size_t match_format_kind(const char *t, size_t len, size_t i,
				size_t *keep, unsigned *kind)
{
	unsigned c = (unsigned char)t[i], k;

	if (!indexed)
		index_formats();
	for (k = by_first[c]; k < (unsigned)by_first[c] + n_first[c]; k++) {
		const struct format *f = &formats[order[k]];
		size_t body;

		if (len - i < f->plen || t[i + 1] != f->prefix[1] ||
		    memcmp(t + i, f->prefix, f->plen))
			continue;
		body = span(t, len, i + f->plen, f->abc == A_UPNUM ? upnumc :
			    f->abc == A_HEX ? hexc : f->abc == A_ALNUM ? alnum :
			    f->abc == A_TOK ? tokc : b64c);
		if (body >= f->min_body) {
			*keep = KEEP_MAX;
			if (kind)
				*kind = f->kind;
			return i + f->plen + body;
		}
	}
	return 0;
}

static size_t match_format(const char *t, size_t len, size_t i,
			   size_t *keep)
{
	return match_format_kind(t, len, i, keep, NULL);
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
	/* "... PRIVATE KEY-----", and PGP's "... PRIVATE KEY BLOCK-----" */
	hdr = memmem(t + i, len - i < 80 ? len - i : 80, "PRIVATE KEY", 11);
	if (!hdr)
		return 0;
	j = (size_t)(hdr - t) + 11;
	hdr = memmem(t + j, len - j < 12 ? len - j : 12, "-----", 5);
	if (!hdr)
		return 0;
	*keep = (size_t)(hdr - t) + 5 - i;
	end = memmem(hdr + 5, len - (size_t)(hdr + 5 - t), "-----END ", 9);
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

/* Decodes at most cap bytes of the base64 at v (stops at the first
 * non-base64 byte); returns the decoded length. */
static size_t b64_peek(const char *v, size_t n, char *out, size_t cap)
{
	size_t k, o = 0;
	unsigned acc = 0, bits = 0;

	for (k = 0; k < n && o < cap; k++) {
		int x = text_b64val((unsigned char)v[k]);

		if (x < 0)
			break;
		acc = (acc << 6) | (unsigned)x;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	return o;
}

/* jwt.io's and the RFCs' sample tokens: a payload about "John Doe" or
 * subject 1234567890. */
static bool jwt_example(const char *t, size_t from, size_t end)
{
	const char *dot = memchr(t + from, '.', end - from);
	char body[192];
	size_t n;

	if (!dot)
		return false;
	n = b64_peek(dot + 1, end - (size_t)(dot + 1 - t), body, sizeof(body));
	return memmem(body, n, "1234567890", 10) ||
	       memmem(body, n, "John Doe", 8);
}

/* A vendor's documented placeholder (AKIAIOSFODNN7EXAMPLE) or a filler
 * (sk_test_XXXXXXXXXXXXXXXX): no key. */
static bool placeholder(const char *t, size_t from, size_t end)
{
	size_t i, run = 1;

	if (end - from >= 7 && (memmem(t + from, end - from, "EXAMPLE", 7) ||
				strcasestr_n(t + from, end - from, "example")))
		return true;
	if (end - from >= 4 && strcasestr_n(t + from, end - from, "your"))
		return true;	/* xoxb-your-bot-token */
	if (has_prefix(t, end, from, "eyJ") && jwt_example(t, from, end))
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

/* ---- redact_output(): a tool's output on its way to the model ----
 *
 * One left-to-right pass.  A byte table says at which bytes a recogniser
 * can start, so text with nothing in it costs a load and a test a byte.
 * Recognisers that start at a word (key formats, JWTs, Telegram tokens,
 * "Bearer", .netrc's "password", base64 key blocks) also need the byte
 * before to end a word; "name = value" settings start at their '=' or
 * ':' and look back (at most NAME_MAX bytes) for a secret-shaped name;
 * .pgpass lines start at a line.  Unlike redact(), every recogniser here
 * must be sure: a value that is a placeholder, a variable reference, a
 * path, a sentence or code stays, because an output with holes in it is
 * a harm too. */

#define T_WORD	1	/* a format, JWT or Telegram token may start */
#define T_DASH	2	/* -----BEGIN ... PRIVATE KEY----- */
#define T_SEP	4	/* '=' or ':' of a setting, "://" of a URL */
#define T_LINE	8	/* '\n': a .pgpass line may follow */
#define T_NETRC	16	/* 'p' of .netrc's "password" */
#define T_BEAR	32	/* 'B' of "Bearer" */
#define T_B64K	64	/* 'L' of a base64 private key ("LS0tLS1CRUdJTi") */
#define T_XML	128	/* '<' of <password>...</password> */
#define T_AT_WORD (T_WORD | T_NETRC | T_BEAR | T_B64K)

#define NAME_MAX_OUT	64
#define VALUE_MAX	4096
#define MARK_OPEN	"[ccveto: redacted "

static unsigned char trig[256];
static bool triggers_indexed;

static void index_triggers(void)
{
	unsigned c;

	if (!indexed)
		index_formats();
	for (c = 0; c < 256; c++)
		if (n_first[c])
			trig[c] |= T_WORD;
	trig['e'] |= T_WORD;			/* eyJ: a JWT */
	for (c = '1'; c <= '9'; c++)
		trig[c] |= T_WORD;		/* a Telegram bot's id */
	trig['-'] |= T_DASH;
	trig['='] |= T_SEP;
	trig[':'] |= T_SEP;
	trig['\n'] |= T_LINE;
	trig['p'] |= T_NETRC;
	trig['B'] |= T_BEAR;
	trig['L'] |= T_B64K;
	trig['<'] |= T_XML;
	trig['M'] |= T_WORD;			/* a Discord bot token */
	trig['N'] |= T_WORD;
	trig['O'] |= T_WORD;
	triggers_indexed = true;
}

/* Character classes a value mixes: lower, upper, digit, other. */
static unsigned classes(const char *v, size_t n)
{
	unsigned m = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)v[k];

		/* '_', '-' and '.' join words: no class of their own */
		m |= islower(c) || c >= 0x80 ? 1 : isupper(c) ? 2 :
		     isdigit(c) ? 4 : c == '_' || c == '-' || c == '.' ? 0 : 8;
	}
	return m;
}

/* Words that stand in for a value in examples, templates and docs, and
 * masks printed where a value was. */
static bool placeholder_words(const char *v, size_t n)
{
	static const char *const exact[] = {
		"null", "none", "nil", "true", "false", "undefined",
		"required", "optional", "string", "str", "bool", "int",
		"secret", "secrets", "password", "passwd", "token", "pass",
		"changeit", "example", "sample", "dummy", "test", "testing",
		"fake", "hidden", "masked", "default", "empty", "unset",
		"todo", "tbd", "value", "foo", "bar", "foobar", "admin",
		"root", "user", "username", "guest", "demo", NULL,
	};
	static const char *const inside[] = {
		"example", "your", "xxxx", "****", "...", "changeme",
		"change_me", "change-me", "placeholder", "redacted", "dummy",
		"replace", "insert_",
		"sample", "fake", "notreal", "not_real", "not-real",
		"secret_here", "token_here", "key_here", "password_here",
		"anonymous", "123456", "abcdef", "abc-def", "ENC[",
		"\xe2\x80\xa2", "\xe2\x97\x8f", "\xe2\x80\xa6",	/* bullets, ... */
		NULL,
	};
	size_t k, run = 1;
	const char *o;

	if (n == 0)
		return true;
	for (k = 0; exact[k]; k++)
		if (strlen(exact[k]) == n && !strncasecmp(v, exact[k], n))
			return true;
	/* template markers, opened and closed (a random value may hold
	 * one of the characters, rarely both in order) */
	if (((o = memmem(v, n, "${", 2)) && memchr(o, '}', n - (size_t)(o - v))) ||
	    ((o = memmem(v, n, "{{", 2)) && memmem(o, n - (size_t)(o - v), "}}", 2)) ||
	    ((o = memmem(v, n, "%(", 2)) && memmem(o, n - (size_t)(o - v), ")s", 2)) ||
	    ((o = memchr(v, '<', n)) && memchr(o, '>', n - (size_t)(o - v))) ||
	    (n <= 12 && memmem(v, n, "%s", 2)))
		return true;
	for (k = 0; inside[k]; k++)
		if (strcasestr_n(v, n, inside[k]))
			return true;
	/* A filler: one letter or digit over and over (runs of '/' are
	 * common in real AWS session tokens). */
	for (k = 1; k < n; k++) {
		run = v[k] == v[k - 1] && alnum(v[k]) ? run + 1 : 1;
		if (run >= 6)
			return true;
	}
	return false;
}

/* ... and the shapes of a reference, a list, a template or markup.  In
 * an environment file a value is a literal: only "$X" and friends are
 * references there. */
static bool placeholder_value(const char *v, size_t n, bool env)
{
	char c;

	if (placeholder_words(v, n))
		return true;
	c = v[0];
	if (c == '$' || c == '{' || c == '<' || c == '[' || c == '*' ||
	    memchr(v, '`', n))
		return true;
	if (env)
		return false;
	if (c == '%')	/* %(name)s, %s; not URL-encoding (%2B...) */
		return !(n >= 3 && isxdigit((unsigned char)v[1]) &&
			 isxdigit((unsigned char)v[2]));
	return c == '@' || c == '(' || c == '&' || c == '=' || c == '>' ||
	       c == ':' || c == '#' || c == '\\' || c == '!';
}

static bool hex_number(const char *v, size_t n)	/* 0x10100 */
{
	return n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') &&
	       span(v, n, 2, hexc) == n - 2;
}

/* A path or a URL is where a secret is, not the secret. */
static bool path_value(const char *v, size_t n)
{
	/* base64 may start with '/': a '+' or all three of upper, lower
	 * and digits in it say it is data, not a path */
	if (memchr(v, '+', n) || (classes(v, n) & 7) == 7)
		return false;
	return v[0] == '/' || v[0] == '~' || (v[0] == '.' && n > 1 &&
	       (v[1] == '/' || v[1] == '.')) || memmem(v, n, "://", 3) ||
	       (n > 2 && isalpha((unsigned char)v[0]) && v[1] == ':' &&
		(v[2] == '\\' || v[2] == '/'));
}

/* A value that looks made to be hard to guess: long enough, and more
 * than one class of character (not merely a capitalised word). */
static bool secretish(const char *v, size_t n)
{
	unsigned m = classes(v, n);

	if (n < 6 || hex_number(v, n))
		return false;
	/* A letter, and a digit or a symbol: letters alone are words and
	 * CamelCase names (EllipticCurvePrivateKey), not keys; unless they
	 * change case at random, as generated passwords do. */
	if ((m & 3) && (m & 12))
		return true;
	if (m == 3 && n >= 16) {
		size_t k, flips = 0;

		for (k = 1; k < n; k++)
			flips += !isupper((unsigned char)v[k]) !=
				 !isupper((unsigned char)v[k - 1]);
		return flips * 5 >= (n - 1) * 2;	/* 40% */
	}
	return false;
}

/* Whether a name can hold a secret word at all: most names cannot, and
 * this costs a few instructions a byte where splitting costs dozens. */
/* x[0..wn) equals the lower-case word w, ignoring case (inlined: it runs
 * at every candidate name). */
static inline bool ci_word(const char *x, size_t r, const char *w, size_t wn)
{
	size_t k;

	if (r < wn)
		return false;
	for (k = 0; k < wn; k++)
		if ((x[k] | 0x20) != w[k])
			return false;
	return true;
}

static bool maybe_secret_name(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k + 2 <= n; k++) {
		const char *x = s + k;
		size_t r = n - k;

		switch (x[0] | 0x20) {
		case 'p':
			if ((x[1] | 0x20) == 'w' || ci_word(x, r, "pass", 4))
				return true;
			break;
		case 's':
			if (ci_word(x, r, "secret", 6) || ci_word(x, r, "sig", 3))
				return true;
			break;
		case 't':
			if (ci_word(x, r, "token", 5))
				return true;
			break;
		case 'k':
			if (ci_word(x, r, "key", 3))
				return true;
			break;
		case 'a':
			if (ci_word(x, r, "auth", 4))
				return true;
			break;
		case 'c':
			if (ci_word(x, r, "cred", 4))
				return true;
			break;
		}
	}
	return false;
}

/* code: a dotted name or a call (os.environ, self.token, getToken()) */
static bool code_value(const char *t, size_t len, size_t v, size_t e)
{
	size_t k;
	bool dot = false;

	size_t digits = 0;

	if (!isalpha((unsigned char)t[v]) && t[v] != '_')
		return false;
	/* a call or an index after a (qualified) name: getToken(),
	 * Cwd::getcwd(), env->get(, Optional[bytes] */
	for (k = v; k < e && (alnum(t[k]) || t[k] == '_' || t[k] == '.' ||
			      t[k] == ':' || t[k] == '-' || t[k] == '>' ||
			      t[k] == '$'); k++)
		;
	if (k < e && (t[k] == '(' || t[k] == '['))
		return true;
	for (k = v; k < e; k++) {
		char c = t[k];

		if (c == '.') {
			dot = true;
			if (k + 1 < e && !isalpha((unsigned char)t[k + 1]) &&
			    t[k + 1] != '_')
				return false;	/* abcdef.0123456789 */
		} else if (!alnum(c) && c != '_') {
			return false;
		}
		digits += isdigit((unsigned char)c) != 0;
	}
	if (e < len && (t[e] == '(' || t[e] == '[' || t[e] == '.'))
		return true;
	/* a dotted name (os.environ, self.token; random tokens with dots
	 * have digits), or a variable named for what it holds (password =
	 * key_password, token = auth_token) */
	return (dot && digits <= 2) || maybe_secret_name(t + v, e - v);
}

/* The words of a setting's name, lower case: "AWS_SECRET_ACCESS_KEY",
 * "secretAccessKey", "x-amz-signature" -> secret access key.  Returns
 * the number of words (at most 8). */
static unsigned name_words(const char *s, size_t n, char w[8][24])
{
	unsigned nw = 0;
	size_t k, wl = 0;

	for (k = 0; k < n && nw < 8; k++) {
		unsigned char c = (unsigned char)s[k];
		bool split = !isalnum(c) ||
			     (k > 0 && isupper(c) &&
			      (islower((unsigned char)s[k - 1]) ||
			       isdigit((unsigned char)s[k - 1]) ||
			       (k + 1 < n && islower((unsigned char)s[k + 1]) &&
				isupper((unsigned char)s[k - 1]))));

		if (split && wl) {
			w[nw++][wl] = '\0';
			wl = 0;
			if (nw == 8)
				break;
		}
		if (isalnum(c) && wl < 23)
			w[nw][wl++] = (char)tolower(c);
	}
	if (wl && nw < 8)
		w[nw++][wl] = '\0';
	return nw;
}

/* Which secret a name holds, or RK_COUNT for none.  The last word
 * decides what the value is: "password" is one, "password_file" and
 * "token_count" are not. */
/* One word of run-together names (awssecretaccesskey, dopplertoken,
 * dbpassword): its ending says what it holds. */
static unsigned compound_kind(const char *w)
{
	static const struct {
		const char *end;
		unsigned kind;
	} ends[] = {
		{ "secretaccesskey", RK_AWS_SECRET }, { "password", RK_PASSWORD },
		{ "passwd", RK_PASSWORD }, { "token", RK_TOKEN },
		{ "secret", RK_SECRET }, { "apikey", RK_API_KEY },
		{ "secretkey", RK_API_KEY }, { "accesskey", RK_API_KEY },
		{ "privatekey", RK_API_KEY }, { "storagekey", RK_API_KEY },
		{ "signingkey", RK_API_KEY }, { "authkey", RK_API_KEY },
		{ "accountkey", RK_API_KEY },
	};
	size_t k, n = strlen(w), e;

	for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
		e = strlen(ends[k].end);
		if (n > e && !strcmp(w + n - e, ends[k].end))
			return ends[k].kind;
	}
	return RK_COUNT;
}

static unsigned secret_kind(const char *s, size_t n, bool query)
{
	/* Last words that say the value is the secret itself, written some
	 * way: secret_key_base, password_b64, token_value. */
	static const char *const as_value[] = {
		"value", "str", "string", "data", "b64", "base64", "hex",
		"raw", "plain", "plaintext", "base", "literal", NULL,
	};
	static const char *const key_owner[] = {
		"api", "access", "secret", "private", "signing", "encryption",
		"master", "auth", "client", "app", "subscription", "consumer",
		"webhook", "admin", "write", "deploy", "license", "account",
		"storage", "shared", "session", "service", NULL,
	};
	static const char *const not_credential[] = {
		"page", "next", "continuation", "cursor", "sync", "resume",
		"pagination", "delta", "change", "csrf", "xsrf", "id", NULL,
	};
	char w[8][24];
	unsigned nw, k, kind = RK_COUNT;
	const char *last, *prev;
	bool sec = false, acc = false;
	size_t l;

	if (!maybe_secret_name(s, n) || !(nw = name_words(s, n, w)))
		return RK_COUNT;
	for (k = 0; k < nw; k++) {
		/* password2, token_1: the digits do not change the word */
		for (l = strlen(w[k]); l > 1 && isdigit((unsigned char)
							  w[k][l - 1]); l--)
			w[k][l - 1] = '\0';
		sec |= !strcmp(w[k], "secret");
		acc |= !strcmp(w[k], "access");
	}
	if (nw > 1 && text_in_list(w[nw - 1], as_value))
		nw--;
	last = w[nw - 1];
	prev = nw > 1 ? w[nw - 2] : "";
	/* The last word decides: FunctionPassCtor, token_count,
	 * password_file and authorization_code are not secrets. */
	if (!strcmp(last, "password") || !strcmp(last, "passwd") ||
	    !strcmp(last, "pwd") || !strcmp(last, "passphrase") ||
	    !strcmp(last, "pass") || !strcmp(last, "pw") ||
	    !strcmp(last, "pgpassword") || !strcmp(last, "passcode"))
		kind = RK_PASSWORD;
	else if (!strcmp(last, "token") || !strcmp(last, "authtoken") ||
		 !strcmp(last, "accesstoken") || !strcmp(last, "apitoken"))
		kind = RK_TOKEN;
	else if (!strcmp(last, "apikey") || !strcmp(last, "secretkey") ||
		 !strcmp(last, "accesskey") || !strcmp(last, "privatekey") ||
		 (!strcmp(last, "key") && text_in_list(prev, key_owner)))
		kind = RK_API_KEY;
	else if (!strcmp(last, "secret") || !strcmp(last, "clientsecret"))
		kind = RK_SECRET;
	else if (!strcmp(last, "credential") || !strcmp(last, "credentials"))
		kind = RK_CREDENTIAL;
	else if (!strcmp(last, "authorization") && nw == 1)
		kind = RK_AUTH_HEADER;
	else if ((!strcmp(last, "sig") || !strcmp(last, "signature")) &&
		 query)
		kind = RK_SIGNATURE;
	else if (!strcmp(last, "auth") && nw == 1 && !query)
		kind = RK_DOCKER_AUTH;
	else if ((!strcmp(last, "key") || !strcmp(last, "auth")) &&
		 nw == 1 && query)
		kind = RK_WEAK_NAME;	/* ?key=..., ?auth=...: long values */
	else if (nw == 1)
		kind = compound_kind(last);
	/* a page's, a cursor's or a form's token is no credential */
	if (kind == RK_TOKEN && nw > 1 && text_in_list(prev, not_credential))
		return RK_COUNT;
	if (kind == RK_COUNT || !strcmp(w[0], "max") ||
	    !strcmp(w[0], "min") || !strcmp(w[0], "num") ||
	    !strcmp(w[0], "public") || !strcmp(w[0], "publishable") ||
	    !strcmp(w[0], "no") || !strcmp(w[0], "is") ||
	    !strcmp(w[0], "has"))
		return RK_COUNT;
	return sec && acc ? RK_AWS_SECRET : kind;
}

/* A private key written as base64 (kubeconfig client-key-data, a
 * Kubernetes Secret's tls.key): "LS0tLS1CRUdJTi" is "-----BEGIN". */
static size_t match_b64_key(const char *t, size_t len, size_t i)
{
	char head[64];
	size_t n, h;

	if (!has_prefix(t, len, i, "LS0tLS1CRUdJTi"))
		return 0;
	n = span(t, len, i, b64c);
	h = b64_peek(t + i, n, head, sizeof(head));
	if (!memmem(head, h, "PRIVATE KEY", 11))
		return 0;
	return i + n;
}

/* A line break as text holds one: '\n', "\r\n", or the two characters
 * '\\' 'n' of a JSON or C string printed as it is.  Its length, or 0. */
static size_t line_break(const char *t, size_t len, size_t j)
{
	if (j < len && t[j] == '\n')
		return 1;
	if (j + 1 < len && t[j] == '\r' && t[j + 1] == '\n')
		return 2;
	if (j + 1 < len && t[j] == '\\' && t[j + 1] == 'n')
		return 2;
	return 0;
}

/* grep -n's "path:12:" (or "path-12-" for context) before a line */
static size_t grep_prefix(const char *t, size_t len, size_t j)
{
	size_t k = j, d;

	while (k < len && k - j < 256 && t[k] != ':' && t[k] != '\n' &&
	       t[k] != ' ')
		k++;
	if (k == j || k >= len || t[k] != ':')
		return 0;
	d = span(t, len, k + 1, alnum);
	if (!d || span(t, len, k + 1, hexc) < d || k + 1 + d >= len ||
	    (t[k + 1 + d] != ':' && t[k + 1 + d] != '-'))
		return 0;
	for (d = k + 1; t[d] != ':' && t[d] != '-'; d++)
		if (!isdigit((unsigned char)t[d]))
			return 0;
	return d + 1 - j;
}

/* A private key block as a tool prints it: the header, a line break,
 * then base64 (or an encrypted PEM's "Proc-Type:") to the END line.  A
 * header alone (a string in a program that parses keys) is no key; a
 * block cut off ends where its base64 lines end. */
static size_t match_private_key_out(const char *t, size_t len, size_t i)
{
	size_t keep, end, j, n, br;

	if (!(end = match_private_key(t, len, i, &keep)))
		return 0;
	j = i + keep;
	if (!(br = line_break(t, len, j)))
		return 0;
	j += br;
	j += grep_prefix(t, len, j);
	if ((br = line_break(t, len, j))) {	/* PGP: an empty line */
		j += br;
		j += grep_prefix(t, len, j);
	}
	/* a line of base64, or an armor header first ("Proc-Type:
	 * 4,ENCRYPTED", PGP's "Version: ...") */
	n = span(t, len, j, b64c);
	if (!(n >= 16 && (line_break(t, len, j + n) ||
			  has_prefix(t, len, j + n, "-----END "))) &&
	    !(n > 2 && j + n + 1 < len && t[j + n] == ':' &&
	      t[j + n + 1] == ' '))
		return 0;
	if (end >= 5 && !memcmp(t + end - 5, "-----", 5) && end > j)
		return end;
	for (;;) {	/* cut off: the base64 lines */
		n = span(t, len, j, b64c);
		if (!(br = line_break(t, len, j + n)))
			return j + n;
		j += n + br;
	}
}

/* docker's "auth": base64 of user:password */
static bool docker_auth(const char *v, size_t n)
{
	char d[256];
	size_t dl;

	if (n < 8 || span(v, n, 0, b64c) != n)
		return false;
	dl = b64_peek(v, n, d, sizeof(d));
	return dl >= 3 && memchr(d + 1, ':', dl - 2);
}

struct hit {
	size_t from, end;	/* what the marker replaces */
	unsigned kind;
};

/* Per call of redact_output(): what the text as a whole says. */
struct scan_ctx {
	bool k8s_secret;	/* a Kubernetes Secret is printed in it */
};

/* "name": { ..., "value": "S" } (terraform output and state): the
 * quoted string of the object's "value", looked for in the next
 * OBJECT_PEEK bytes.  Returns its start (after the quote) or 0. */
#define OBJECT_PEEK 512
static size_t object_value(const char *t, size_t len, size_t o, size_t *end)
{
	size_t lim = len - o > OBJECT_PEEK ? o + OBJECT_PEEK : len, k;
	const char *p;

	p = memmem(t + o, lim - o, "\"value\"", 7);
	if (!p || memchr(t + o, '}', (size_t)(p - (t + o))))
		return 0;
	k = (size_t)(p - t) + 7;
	while (k < lim && (t[k] == ' ' || t[k] == ':' || t[k] == '\t'))
		k++;
	if (k >= lim || t[k] != '"')
		return 0;
	for (*end = ++k; *end < lim && t[*end] != '"'; (*end)++)
		if (t[*end] == '\\' || t[*end] == '\n')
			return 0;
	return *end < lim && *end > k ? k : 0;
}

/* A "value" whose object names a key: {"keyName": "key1", ...,
 * "value": "S"} (az storage account keys list). */
static bool key_object(const char *t, size_t b)
{
	size_t lo = b > 256 ? b - 256 : 0, k;

	for (k = b; k > lo && t[k - 1] != '{' && t[k - 1] != '}'; k--)
		;
	return k > lo && t[k - 1] == '{' && memmem(t + k, b - k, "\"keyName\"",
						     9);
}

/* Inside the data of a Kubernetes Secret (ctx says one is printed):
 * the nearest line above the name's that is indented less is "data:"
 * (YAML) or "\"data\": {" (JSON), at most DATA_PEEK bytes up. */
#define DATA_PEEK 4096
static bool k8s_data(const char *t, size_t b)
{
	size_t ls = b, ind, k, lo = b > DATA_PEEK ? b - DATA_PEEK : 0;

	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	for (ind = 0; ls + ind < b && (t[ls + ind] == ' ' ||
				       t[ls + ind] == '"'); ind++)
		;
	while (ls > lo) {
		size_t prev = ls - 1, pi = 0;

		while (prev > lo && t[prev - 1] != '\n')
			prev--;
		while (prev + pi < ls - 1 && t[prev + pi] == ' ')
			pi++;
		ls = prev;
		if (prev + pi >= b || pi >= ind || t[prev + pi] == '\n')
			continue;	/* a sibling, a child, a blank line */
		k = prev + pi;
		return has_prefix(t, b, k, "data:") ||
		       has_prefix(t, b, k, "\"data\": {") ||
		       has_prefix(t, b, k, "\"data\":{");
	}
	return false;
}

/* A value that is standard base64 with its padding, as the data values
 * of a Secret are. */
static bool b64_value(const char *v, size_t n)
{
	size_t k;

	if (n < 4 || n % 4 || !(classes(v, n) & 3))
		return false;
	for (k = 0; k < n; k++)
		if (!alnum(v[k]) && v[k] != '+' && v[k] != '/' &&
		    (v[k] != '=' || k + 2 < n))
			return false;
	return true;
}

/* "name = value", "name: value", "\"name\": \"value\"", "NAME=value",
 * "?name=value", "'name' => 'value'": t[s] is the '=' or ':'. */
static bool match_setting_out(const char *t, size_t len, size_t s,
			      const struct scan_ctx *ctx, struct hit *h)
{
	size_t e = s, b, v, ve = 0, keep, pk;
	unsigned kind, fkind;
	bool env, query, quoted_name = false, weak = false;
	char q = 0;

	if (t[s] == ':' && s + 1 < len && (t[s + 1] == ':' || t[s + 1] == '/'))
		return false;		/* C++ "::", a URL's "://" */
	while (e > 0 && s - e < 4 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	if (e > 0 && (t[e - 1] == '"' || t[e - 1] == '\'')) {
		e--;
		quoted_name = true;
	}
	b = e;
	while (b > 0 && e - b < NAME_MAX_OUT && namec(t[b - 1]))
		b--;
	if (b == e || (b > 0 && namec(t[b - 1])))
		return false;
	if (quoted_name && (b == 0 || t[b - 1] != t[e]))
		return false;
	while (b < e && t[b] == '-')	/* --password=... */
		b++;
	if (b == e)
		return false;
	query = b > 0 && (t[b - 1] == '?' || t[b - 1] == '&' ||
			  t[b - 1] == '#');
	kind = secret_kind(t + b, e - b, query);
	if (kind == RK_WEAK_NAME) {
		kind = RK_API_KEY;
		weak = true;
	}
	if (kind == RK_COUNT && quoted_name && e - b == 5 &&
	    !memcmp(t + b, "value", 5) && key_object(t, b))
		kind = RK_API_KEY;
	if (kind == RK_COUNT && !(ctx->k8s_secret && t[s] == ':'))
		return false;
	/* NAME=value in the environment's own spelling: upper case */
	env = span(t, len, b, namec) >= e - b;
	for (v = b; env && v < e; v++)
		if (islower((unsigned char)t[v]))
			env = false;
	/* "key:value" with neither a space nor quotes is not a setting
	 * (reST roles, URLs, times, C labels) */
	if (t[s] == ':' && !quoted_name && s + 1 < len && t[s + 1] != ' ' &&
	    t[s + 1] != '\t' && t[s + 1] != '"' && t[s + 1] != '\'')
		return false;
	/* the environment's NAME=value has no space around '=' */
	if (env && (t[s] != '=' || e != s || (s + 1 < len &&
					      (t[s + 1] == ' ' ||
					       t[s + 1] == '\t'))))
		env = false;
	v = s + 1;
	if (t[s] == '=' && v < len && t[v] == '>')
		v++;			/* PHP and Perl: 'password' => '...' */
	while (v < len && v - s < 8 && (t[v] == ' ' || t[v] == '\t'))
		v++;
	/* "name= next=..." (a list of flags): no space after a tight '=' */
	if (t[s] == '=' && e == s && v > s + 1 && t[s + 1] != '>')
		return false;
	if (kind == RK_COUNT) {
		/* a Kubernetes Secret's data: every value is a secret */
		if (v < len && t[v] == '"')
			v++;	/* JSON: "name": "base64" */
		ve = v + span(t, len, v, b64c);
		if (!b64_value(t + v, ve - v) ||
		    (ve < len && !isspace((unsigned char)t[ve]) &&
		     t[ve] != ',' && t[ve] != '"' && t[ve] != '}') ||
		    !k8s_data(t, b))
			return false;
		h->from = v;
		h->end = ve;
		h->kind = RK_K8S_SECRET;
		return true;
	}
	if (v < len && (t[v] == '"' || t[v] == '\'' || t[v] == '`'))
		q = t[v++];
	else if (v < len && t[v] == '{' && (pk = object_value(t, len, v, &ve)))
		v = pk, q = '"';	/* terraform: "name": {"value": ...} */
	if (!q || ve <= v)
		ve = v;
	if (kind == RK_AUTH_HEADER && t[s] != ':')
		return false;	/* authorization = request.headers.get(...) */
	if (kind == RK_AUTH_HEADER) {
		/* the header's value to the end of the line, after the
		 * scheme word ("Bearer", "Basic", "token") */
		size_t w = v + span(t, len, v, alnum);

		if (w < len && w > v && w - v <= 8 && t[w] == ' ')
			v = w + 1;
		ve = v + span(t, len, v, b64c);
		if (ve - v < 8 || placeholder_value(t + v, ve - v, false))
			return false;
		h->from = v;
		h->end = ve;
		h->kind = RK_AUTH_HEADER;
		return true;
	}
	if (q && ve == v) {
		while (ve < len && t[ve] != q && t[ve] != '\n' &&
		       ve - v < VALUE_MAX)
			ve++;
		if (ve >= len || t[ve] != q)
			return false;
	} else if (!q && (env || t[s] == ':')) {
		/* an environment's or YAML's value runs to the space */
		while (ve < len && !isspace((unsigned char)t[ve]) &&
		       t[ve] != '"' && t[ve] != '\'' && ve - v < VALUE_MAX)
			ve++;
		while (ve > v && (t[ve - 1] == ',' || t[ve - 1] == ';' ||
				  (t[s] == ':' && (t[ve - 1] == '}' ||
						   t[ve - 1] == ']' ||
						   t[ve - 1] == ')' ||
						   t[ve - 1] == ':'))))
			ve--;	/* {password: x}, "k": null}], NAME=x, */
	} else if (!q) {
		ve += span(t, len, v, valuec);
	}
	if (ve == v)
		return false;
	/* A key in its provider's format names its own kind. */
	if (has_prefix(t, len, v, "-----BEGIN ")) {
		if (!(ve = match_private_key_out(t, len, v)))
			return false;
		kind = RK_PRIVATE_KEY;
	} else if (match_b64_key(t, ve, v)) {
		kind = RK_PRIVATE_KEY;
	} else if (match_format_kind(t, ve, v, &keep, &fkind) ||
	    (match_jwt(t, ve, v, &keep) && (fkind = RK_JWT, 1))) {
		if (placeholder(t, v, ve))
			return false;
		kind = fkind;
	} else if (kind == RK_DOCKER_AUTH) {
		if (!docker_auth(t + v, ve - v))
			return false;
	} else {
		if (placeholder_value(t + v, ve - v, env) ||
		    (kind != RK_AWS_SECRET && path_value(t + v, ve - v)) ||
		    memchr(t + v, ' ', ve - v) || memchr(t + v, '\t', ve - v) ||
		    (weak && ve - v < 16))
			return false;
		/* the name itself again ("password": "Password") */
		if (ve - v == e - b && !strncasecmp(t + v, t + b, e - b))
			return false;
		if (env) {
			size_t k2;

			if (ve - v < 4 || hex_number(t + v, ve - v))
				return false;
			for (k2 = v; k2 < ve && (upnumc(t[k2]) || t[k2] == '_');
			     k2++)
				;
			if (k2 == ve && memchr(t + v, '_', ve - v))
				return false;	/* another constant's name */
		} else if ((!q && code_value(t, len, v, ve)) ||
			   !secretish(t + v, ve - v)) {
			return false;
		}
	}
	/* sealed or encrypted values (kubeseal, SOPS) are safe to show */
	if (memmem(t + (v > 1024 ? v - 1024 : 0), v > 1024 ? 1024 : v,
		   "encryptedData", 13))
		return false;
	h->from = v;
	h->end = ve;
	h->kind = kind;
	return true;
}

/* <password>VALUE</password>: Maven's settings.xml, .NET configs */
static bool match_xml(const char *t, size_t len, size_t i, struct hit *h)
{
	size_t n = span(t, len, i + 1, namec), v, ve;
	unsigned kind;

	if (!n || n > NAME_MAX_OUT || i + 1 + n >= len || t[i + 1 + n] != '>')
		return false;
	kind = secret_kind(t + i + 1, n, false);
	if (kind == RK_COUNT || kind == RK_WEAK_NAME || kind == RK_DOCKER_AUTH)
		return false;
	v = i + 2 + n;
	for (ve = v; ve < len && t[ve] != '<' && t[ve] != '\n' &&
		     ve - v < 1024; ve++)
		;
	if (ve == v || ve + 2 + n >= len || t[ve + 1] != '/' ||
	    memcmp(t + ve + 2, t + i + 1, n) ||
	    placeholder_value(t + v, ve - v, true) || ve - v < 4)
		return false;
	h->from = v;
	h->end = ve;
	h->kind = kind == RK_AUTH_HEADER ? RK_TOKEN : kind;
	return true;
}

/* A Discord bot token: base64 of the bot's id (24-28 characters from
 * 'M', 'N' or 'O'), '.', 6 characters, '.', 27 or more. */
static size_t match_discord(const char *t, size_t len, size_t i)
{
	size_t a, b, c;

	if (t[i] != 'M' && t[i] != 'N' && t[i] != 'O')
		return 0;
	a = span(t, len, i, tokc);
	if (a < 23 || a > 28 || i + a >= len || t[i + a] != '.')
		return 0;
	b = span(t, len, i + a + 1, tokc);
	if (b != 6 || i + a + 1 + b >= len || t[i + a + 1 + b] != '.')
		return 0;
	c = span(t, len, i + a + 2 + b, tokc);
	if (c < 27 || !(classes(t + i, a) & 4))
		return 0;
	return i + a + 2 + b + c;
}

/* After a .netrc value: the end, the line's end, or the next keyword
 * ("Return the password for the entry" is prose). */
static bool netrc_field_end(const char *t, size_t len, size_t v)
{
	static const char *const next[] = {
		"machine ", "login ", "account ", "macdef ", "port ",
		"default", NULL,
	};
	size_t k;

	while (v < len && (t[v] == ' ' || t[v] == '\t'))
		v++;
	if (v >= len || t[v] == '\n' || t[v] == '\r')
		return true;
	for (k = 0; next[k]; k++)
		if (has_prefix(t, len, v, next[k]))
			return true;
	return false;
}

/* .netrc: "machine H login U password P", on one line or several */
static bool match_netrc(const char *t, size_t len, size_t i, struct hit *h)
{
	size_t j, v, back;

	if (has_prefix(t, len, i, "password"))
		j = i + 8;
	else if (has_prefix(t, len, i, "passwd"))
		j = i + 6;
	else
		return false;
	if (j >= len || (t[j] != ' ' && t[j] != '\t'))
		return false;
	/* the entry: "machine H" (or "default"), then "login U" */
	back = i < 256 ? i : 256;
	if ((!memmem(t + i - back, back, "machine ", 8) &&
	     !memmem(t + i - back, back, "default ", 8)) ||
	    !memmem(t + i - back, back, "login ", 6))
		return false;
	while (j < len && (t[j] == ' ' || t[j] == '\t'))
		j++;
	v = j + span(t, len, j, valuec);
	if (v == j || placeholder_words(t + j, v - j) ||
	    !netrc_field_end(t, len, v))
		return false;
	h->from = j;
	h->end = v;
	h->kind = RK_NETRC;
	return true;
}

/* .pgpass: hostname:port:database:username:password, one a line */
static bool match_pgpass(const char *t, size_t len, size_t i, struct hit *h)
{
	size_t f[5], j = i, nf = 0, end;
	bool letter = false;

	f[nf++] = i;
	for (; j < len && t[j] != '\n' && j - i < 512; j++) {
		if (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')
			return false;
		if (t[j] == ':') {
			if (nf == 5)
				return false;
			f[nf++] = j + 1;
		} else if (nf == 1 && (((unsigned)(t[j] | 0x20) - 'a' < 26) ||
				       t[j] == '*' || t[j] == '.')) {
			letter = true;
		}
	}
	end = j;
	if (nf != 5 || !letter || f[1] - 1 == f[0] || f[4] == end)
		return false;
	/* the port: digits or '*' */
	for (j = f[1]; j < f[2] - 1; j++)
		if (!isdigit((unsigned char)t[j]) && t[j] != '*')
			return false;
	if (f[2] - 1 == f[1] || f[2] - 1 - f[1] > 5 || f[3] - 1 == f[2] ||
	    f[4] - 1 == f[3] || placeholder_words(t + f[4], end - f[4]))
		return false;
	h->from = f[4];
	h->end = end;
	h->kind = RK_PGPASS;
	return true;
}

/* "Bearer <token>" outside a header we saw the name of */
static bool match_bearer(const char *t, size_t len, size_t i, struct hit *h)
{
	size_t j, n;

	if (!has_prefix(t, len, i, "Bearer ") && !has_prefix(t, len, i,
							     "Bearer\t"))
		return false;
	j = i + 7;
	n = span(t, len, j, b64c);
	if (n < 16 || !(classes(t + j, n) & 4) ||
	    placeholder_value(t + j, n, false))
		return false;
	h->from = j;
	h->end = j + n;
	h->kind = RK_BEARER;
	return true;
}

/* The documentation domains (RFC 2606): example.com, x.example ... */
static bool example_host(const char *t, size_t len, size_t h)
{
	size_t n = 0;

	while (h + n < len && (alnum(t[h + n]) || t[h + n] == '.' ||
			       t[h + n] == '-') && n < 256)
		n++;
	return (n >= 7 && !strncasecmp(t + h, "example", 7)) ||
	       memmem(t + h, n, ".example", 8);
}

/* scheme://user:password@host: the password; a user part in a key
 * format is that key. */
static bool match_url_out(const char *t, size_t len, size_t i, struct hit *h)
{
	size_t keep = 0, end, colon, u = i + 3;
	unsigned kind;

	if (!(end = match_userinfo(t, len, i, &keep)))
		return false;
	if (match_format_kind(t, end, u, &keep, &kind)) {
		h->from = u;
		h->end = end;
		h->kind = kind;
		return !placeholder(t, u, end);
	}
	colon = u;
	while (colon < end && t[colon] != ':')
		colon++;
	if (colon >= end || (colon == u && memchr(t + colon + 1, ':',
						    end - colon - 1)))
		return false;	/* a bare user name; cvs's ":pserver:x@" */
	if (placeholder_value(t + colon + 1, end - colon - 1, true) ||
	    example_host(t, len, end + 1))
		return false;
	h->from = colon + 1;
	h->end = end;
	h->kind = RK_URL_PASSWORD;
	return true;
}

/* The recognisers that start at byte i, most specific first. */
static bool match_out(const char *t, size_t len, size_t i,
		      const struct scan_ctx *ctx, struct hit *h)
{
	unsigned m = trig[(unsigned char)t[i]], kind;
	bool word = i == 0 || !namec(t[i - 1]);
	size_t keep, end;

	if ((m & T_DASH) && i + 1 < len && t[i + 1] == '-' &&
	    (end = match_private_key_out(t, len, i))) {
		h->from = i;
		h->end = end;
		h->kind = RK_PRIVATE_KEY;
		return true;
	}
	if (word && (m & T_WORD)) {
		if ((i + 1 < len && (second[(unsigned char)t[i]] >>
				     ((unsigned char)t[i + 1] & 63) & 1) &&
		     (end = match_format_kind(t, len, i, &keep, &kind))) ||
		    ((end = match_jwt(t, len, i, &keep)) && (kind = RK_JWT, 1)) ||
		    (i + 10 < len && isdigit((unsigned char)t[i + 7]) &&
		     (end = match_telegram(t, len, i, &keep)) &&
		     (kind = RK_TELEGRAM, 1)) ||
		    ((end = match_discord(t, len, i)) &&
		     (kind = RK_DISCORD, 1))) {
			if (placeholder(t, i, end))
				return false;
			h->from = i;
			h->end = end;
			h->kind = kind;
			return true;
		}
	}
	if (word && (m & T_B64K) && (end = match_b64_key(t, len, i))) {
		h->from = i;
		h->end = end;
		h->kind = RK_PRIVATE_KEY;
		return true;
	}
	if (m & T_SEP) {
		if (t[i] == ':' && has_prefix(t, len, i, "://"))
			return match_url_out(t, len, i, h);
		return match_setting_out(t, len, i, ctx, h);
	}
	if ((m & T_XML) && match_xml(t, len, i, h))
		return true;
	if (word && (m & T_NETRC) && match_netrc(t, len, i, h))
		return true;
	if (word && (m & T_BEAR) && match_bearer(t, len, i, h))
		return true;
	if ((m & T_LINE) && i + 1 < len && match_pgpass(t, len, i + 1, h))
		return true;
	return i == 0 && match_pgpass(t, len, 0, h);
}

const char *redact_key_at(const char *t, size_t len)
{
	size_t keep, end;
	unsigned kind;

	if (!len)
		return NULL;
	if ((end = match_format_kind(t, len, 0, &keep, &kind)) ||
	    ((end = match_jwt(t, len, 0, &keep)) && (kind = RK_JWT, 1)) ||
	    ((end = match_discord(t, len, 0)) && (kind = RK_DISCORD, 1)))
		return placeholder(t, 0, end) ? NULL : kind_names[kind];
	if (match_private_key(t, len, 0, &keep))
		return kind_names[RK_PRIVATE_KEY];
	return NULL;
}

int redact_output(struct buf *out, const char *t, size_t len,
		  uint64_t keep, struct redact_tally *tally)
{
	size_t i = 0, from = 0;
	unsigned n = 0;
	struct hit h;
	int error;

	struct scan_ctx ctx = { false };

	if (!triggers_indexed)
		index_triggers();
	ctx.k8s_secret = memmem(t, len, "kind: Secret", 12) ||
			 memmem(t, len, "\"kind\": \"Secret\"", 16) ||
			 memmem(t, len, "\"kind\":\"Secret\"", 15);
	for (; i < len; i++) {
		/* Most bytes start nothing, and a word's recognisers only
		 * start a word: skip the rest fast. */
		for (; i > 0 && i < len; i++) {
			unsigned m = trig[(unsigned char)t[i]];

			if (m && ((m & ~T_AT_WORD) || !namec(t[i - 1])))
				break;
		}
		if (i == len)
			break;
		if (!match_out(t, len, i, &ctx, &h))
			continue;
		if (keep & ((uint64_t)1 << h.kind)) {
			i = h.end > i ? h.end - 1 : i;	/* as it is */
			continue;
		}
		if ((error = buf_put(out, t + from, h.from - from)) < 0 ||
		    (error = buf_puts(out, MARK_OPEN)) < 0 ||
		    (error = buf_puts(out, kind_names[h.kind])) < 0 ||
		    (error = buf_putc(out, ']')) < 0)
			return error;
		n++;
		if (tally) {
			tally->n++;
			tally->kinds |= (uint64_t)1 << h.kind;
		}
		from = h.end;
		i = h.end ? h.end - 1 : 0;
	}
	if (!n)
		return 0;
	if ((error = buf_put(out, t + from, len - from)) < 0)
		return error;
	return (int)(n > INT32_MAX ? INT32_MAX : n);
}
