/* dbq.c - database statements read as the server and client will read
 * them, see dbq.h.
 *
 * Security invariants kept here:
 * - keywords inside string literals, quoted identifiers and comments are
 *   data; only code (and the code inside DO bodies, EXECUTE/PREPARE
 *   strings, psql \gexec queries and MySQL executable comments, which the
 *   server runs) is judged;
 * - where dialects read the same bytes differently (a backslash in a
 *   string, nested comments, `--x`, `#`, `$$`), every reading is scanned
 *   and the operations found are added up, so text crafted to hide a
 *   statement from one reading is seen by the other;
 * - a text that cannot be read to its end (an unterminated quote or
 *   comment) or that exceeds a bound (CV_MAX_DBQ_*) is DBQ_UNKNOWN where
 *   it could hold a destructive statement, never "nothing found". */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"
#include "shell/dbq.h"

const char *const dbq_op_names[] = {
	"drop-database", "drop-table", "truncate", "delete-all", "update-all",
	"alter-drop", "drop-role", "grant-all", "superuser", "exec-program",
	"file-write", "shell-escape", "flush-all", "flush-db", "config-dir",
	"shutdown", "debug", "replicaof", "unknown", NULL
};

int dbq_op_lookup(const char *name)
{
	int i;

	for (i = 0; dbq_op_names[i]; i++)
		if (!strcmp(dbq_op_names[i], name))
			return i;
	return -1;
}

/* ---- shared ---- */

/* Lexer readings (see the invariants). */
#define F_BACKSLASH	1u	/* \ escapes in '...' and "..." (MySQL) */
#define F_NESTED	2u	/* block comments nest (PostgreSQL) */
#define F_DASH_SPACE	4u	/* -- starts a comment only before a blank */
#define F_HASH		8u	/* # starts a comment (MySQL) */
#define F_DOLLAR	16u	/* $tag$ ... $tag$ quotes (PostgreSQL) */
#define F_ALL		31u

enum tk { T_EOF, T_WORD, T_QID, T_STR, T_NUM, T_PUNCT, T_SEMI, T_META,
	  T_BAD };

struct tok {
	enum tk t;
	const char *s;		/* the token as written */
	size_t n;
	const char *c;		/* T_STR/T_QID/T_BAD: the content */
	size_t cn;
	bool line_start;	/* first token on its line */
};

struct created {
	const char *s[CV_MAX_DBQ_CREATED];
	size_t n[CV_MAX_DBQ_CREATED];
	size_t count;
};

struct scan {
	struct dbq_result *r;
	struct arena *a;
	const struct dbq_hooks *h;
	enum dbq_lang lang;
	int depth;
	size_t stmts;
	int error;
	struct created made;
	struct tok *buf;	/* one statement's tokens */
	size_t nbuf, bufcap;
	bool overflow;		/* more than CV_MAX_DBQ_TOKENS in it */
};

static void flag(struct scan *sc, enum dbq_op op, const char *s, size_t n)
{
	struct dbq_result *r = sc->r;

	r->ops |= 1u << op;
	if (!r->what && s) {
		r->what = s;
		r->what_len = n > 160 ? 160 : n;
	}
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static bool is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
}

static bool ieq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !strncasecmp(s, w, n);
}

static bool kw(const struct tok *t, const char *w)
{
	return t->t == T_WORD && ieq(t->s, t->n, w);
}

/* ws: packed, "A\0B\0" (no pointers to relocate at start-up) */
static bool kw_in(const struct tok *t, const char *ws)
{
	for (; *ws; ws += strlen(ws) + 1)
		if (kw(t, ws))
			return true;
	return false;
}

static bool punct(const struct tok *t, const char *p)
{
	return t->t == T_PUNCT && ieq(t->s, t->n, p);
}

/* ---- the SQL lexer ---- */

struct lex {
	const char *s;
	size_t n, pos;
	unsigned flags, seen;
	enum dbq_lang lang;
	int exec_comments;	/* open MySQL executable comments */
	bool line_start;
};

static bool at_line_start(const struct lex *L, size_t at)
{
	while (at > 0 && (L->s[at - 1] == ' ' || L->s[at - 1] == '\t'))
		at--;
	return at == 0 || L->s[at - 1] == '\n' || L->s[at - 1] == '\r';
}

/* A quoted run from L->pos (at the opening quote q); `dbl`: a doubled
 * quote is one.  Returns false when it does not end. */
static bool lex_quoted(struct lex *L, struct tok *t, char q, bool bs)
{
	size_t i = L->pos + 1;

	t->c = L->s + i;
	for (; i < L->n; i++) {
		char c = L->s[i];

		if (c == '\\' && q != '`') {
			L->seen |= F_BACKSLASH;
			if (bs) {
				i++;
				continue;
			}
		}
		if (c == q) {
			if (i + 1 < L->n && L->s[i + 1] == q) {
				i++;
				continue;
			}
			t->cn = (size_t)(L->s + i - t->c);
			L->pos = i + 1;
			return true;
		}
	}
	t->cn = (size_t)(L->s + L->n - t->c);
	L->pos = L->n;
	return false;
}

/* $tag$ at L->pos: the length of the opener, or 0. */
static size_t dollar_tag(const struct lex *L, size_t at)
{
	size_t i = at + 1;

	if (at > 0 && is_word((unsigned char)L->s[at - 1]))
		return 0;
	if (i < L->n && L->s[i] >= '0' && L->s[i] <= '9')
		return 0;
	while (i < L->n && is_word((unsigned char)L->s[i]) && L->s[i] != '$')
		i++;
	if (i < L->n && L->s[i] == '$')
		return i + 1 - at;
	return 0;
}

/* Skips blanks and comments; false on an unterminated comment (t set). */
static bool lex_skip(struct lex *L, struct tok *t)
{
	while (L->pos < L->n) {
		const char *s = L->s;
		size_t i = L->pos;
		char c = s[i], d = i + 1 < L->n ? s[i + 1] : '\0';

		if (is_blank(c)) {
			if (c == '\n')
				L->line_start = true;
			L->pos++;
			continue;
		}
		if (c == '-' && d == '-') {
			char e = i + 2 < L->n ? s[i + 2] : ' ';

			if (!is_blank(e)) {
				L->seen |= F_DASH_SPACE;
				if (L->flags & F_DASH_SPACE)
					return true;
			}
			goto line_comment;
		}
		if ((c == '#' && L->lang != DBQ_PSQL) ||
		    (c == '/' && d == '/' && L->lang == DBQ_CQL)) {
			if (c == '#') {
				L->seen |= F_HASH;
				if (!(L->flags & F_HASH))
					return true;
			}
			goto line_comment;
		}
		if (c == '*' && d == '/' && L->exec_comments > 0) {
			L->exec_comments--;
			L->pos += 2;
			continue;
		}
		if (c == '/' && d == '*') {
			int depth = 1;

			if (i + 2 < L->n && s[i + 2] == '!') {
				/* MySQL runs what is inside. */
				L->exec_comments++;
				L->pos = i + 3;
				while (L->pos < L->n && s[L->pos] >= '0' &&
				       s[L->pos] <= '9')
					L->pos++;
				continue;
			}
			for (i += 2; i < L->n; i++) {
				if (s[i] == '/' && i + 1 < L->n &&
				    s[i + 1] == '*') {
					L->seen |= F_NESTED;
					if (L->flags & F_NESTED)
						depth++;
					i++;
				} else if (s[i] == '*' && i + 1 < L->n &&
					   s[i + 1] == '/') {
					i++;
					if (--depth == 0)
						break;
				}
			}
			if (i >= L->n) {
				t->t = T_BAD;
				t->s = s + L->pos;
				t->n = L->n - L->pos;
				t->c = s + L->pos + 2;
				t->cn = L->n - L->pos - 2;
				L->pos = L->n;
				return false;
			}
			L->pos = i + 1;
			continue;
		}
		return true;
line_comment:
		while (L->pos < L->n && s[L->pos] != '\n')
			L->pos++;
	}
	return true;
}

/* A client command: from its first byte to the end of the line. */
static void lex_meta(struct lex *L, struct tok *t)
{
	size_t i = L->pos;

	while (i < L->n && L->s[i] != '\n')
		i++;
	t->t = T_META;
	t->s = L->s + L->pos;
	t->n = i - L->pos;
	L->pos = i;
}

static void lex_next(struct lex *L, struct tok *t, bool stmt_empty)
{
	const char *s = L->s;
	size_t i;
	char c, d;

	memset(t, 0, sizeof(*t));
	L->line_start = L->pos == 0 || L->line_start;
	if (!lex_skip(L, t))
		return;
	t->line_start = L->line_start || at_line_start(L, L->pos);
	L->line_start = false;
	if (L->pos >= L->n) {
		t->t = T_EOF;
		t->s = s + L->n;
		return;
	}
	i = L->pos;
	c = s[i];
	d = i + 1 < L->n ? s[i + 1] : '\0';
	t->s = s + i;
	/* Client commands. */
	if (c == '\\' && (L->lang == DBQ_PSQL || L->lang == DBQ_MYSQL)) {
		lex_meta(L, t);
		return;
	}
	if (c == '.' && L->lang == DBQ_SQLITE && stmt_empty &&
	    t->line_start && ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z'))) {
		lex_meta(L, t);
		return;
	}
	if (c == '\'' || c == '"' || (c == '`' && L->lang != DBQ_PSQL)) {
		bool bs = (L->flags & F_BACKSLASH) != 0;

		t->t = c == '\'' ? T_STR : (c == '"' && L->lang == DBQ_MYSQL) ?
			T_STR : T_QID;
		if (!lex_quoted(L, t, c, bs))
			t->t = T_BAD;
		t->n = (size_t)(s + L->pos - t->s);
		return;
	}
	if (c == '$' && (L->flags & F_DOLLAR ? true : (dollar_tag(L, i) ?
			 (L->seen |= F_DOLLAR, false) : false))) {
		size_t tl = dollar_tag(L, i), k;

		if (tl) {
			t->t = T_STR;
			t->c = s + i + tl;
			for (k = i + tl; k + tl <= L->n; k++)
				if (!memcmp(s + k, s + i, tl))
					break;
			if (k + tl > L->n) {
				t->t = T_BAD;
				t->cn = L->n - i - tl;
				L->pos = L->n;
			} else {
				t->cn = k - i - tl;
				L->pos = k + tl;
			}
			t->n = (size_t)(s + L->pos - t->s);
			return;
		}
	}
	if (is_word((unsigned char)c) && !(c >= '0' && c <= '9') && c != '$') {
		for (i++; i < L->n && is_word((unsigned char)s[i]); i++)
			;
		/* E'...' takes backslash escapes in every dialect. */
		if (i == L->pos + 1 && i < L->n && s[i] == '\'' &&
		    strchr("EeNnXxBbRr", c)) {
			L->pos = i;
			t->t = T_STR;
			if (!lex_quoted(L, t, '\'', c == 'E' || c == 'e' ||
					(L->flags & F_BACKSLASH)))
				t->t = T_BAD;
			t->n = (size_t)(s + L->pos - t->s);
			return;
		}
		t->t = T_WORD;
		t->n = i - L->pos;
		L->pos = i;
		return;
	}
	if (c >= '0' && c <= '9') {
		for (i++; i < L->n && (is_word((unsigned char)s[i]) ||
				       s[i] == '.'); i++)
			;
		t->t = T_NUM;
		t->n = i - L->pos;
		L->pos = i;
		return;
	}
	if (c == ';') {
		t->t = T_SEMI;
		t->n = 1;
		L->pos++;
		return;
	}
	t->t = T_PUNCT;
	t->n = 1;
	if ((c == '<' && (d == '>' || d == '=')) || (c == '>' && d == '=') ||
	    (c == '!' && d == '=') || (c == '=' && d == '=') ||
	    (c == '|' && d == '|') || (c == ':' && d == ':'))
		t->n = 2;
	L->pos += t->n;
}

/* ---- SQL statements ---- */

static void scan_text(struct scan *sc, enum dbq_lang lang, const char *s,
		      size_t n);

static const char write_heads[] =
	"DROP\0" "DELETE\0" "UPDATE\0" "TRUNCATE\0" "ALTER\0" "GRANT\0"
	"COPY\0" "DO\0" "EXECUTE\0" "PREPARE\0" "CREATE\0" "WITH\0"
	"EXPLAIN\0" "LOAD\0" "SHUTDOWN\0" "MERGE\0";

/* The index of the ')' closing the '(' at i, or n. */
static size_t close_paren(const struct tok *t, size_t i, size_t n)
{
	int depth = 0;

	for (; i < n; i++) {
		if (punct(&t[i], "("))
			depth++;
		else if (punct(&t[i], ")") && --depth == 0)
			return i;
	}
	return n;
}

/* An identifier, as a name compares: quotes off, case folded by the
 * caller (ieq). */
static bool name_tok(const struct tok *t)
{
	return t->t == T_WORD || t->t == T_QID;
}

static void name_of(const struct tok *t, const char **s, size_t *n)
{
	if (t->t == T_QID) {
		*s = t->c;
		*n = t->cn;
	} else {
		*s = t->s;
		*n = t->n;
	}
}

/* The last part of the dotted name starting at t[i]; *end after it. */
static bool read_name(const struct tok *t, size_t i, size_t n, size_t *last,
		      size_t *end)
{
	if (i >= n || !name_tok(&t[i]))
		return false;
	*last = i;
	while (i + 2 < n && punct(&t[i + 1], ".") && name_tok(&t[i + 2])) {
		i += 2;
		*last = i;
	}
	*end = i + 1;
	return true;
}

static bool was_created(const struct scan *sc, const struct tok *t)
{
	const char *s;
	size_t n, k;

	name_of(t, &s, &n);
	for (k = 0; k < sc->made.count; k++)
		if (sc->made.n[k] == n && !strncasecmp(sc->made.s[k], s, n))
			return true;
	return false;
}

static void remember_created(struct scan *sc, const struct tok *t)
{
	if (sc->made.count >= CV_MAX_DBQ_CREATED)
		return;		/* not remembered: judged as any table */
	name_of(t, &sc->made.s[sc->made.count], &sc->made.n[sc->made.count]);
	sc->made.count++;
}

/* Every name of a comma-separated list from t[i] was made by this text
 * as a temporary table. */
static bool all_created(const struct scan *sc, const struct tok *t, size_t i,
			size_t n)
{
	size_t last, end;
	bool any = false;

	while (read_name(t, i, n, &last, &end)) {
		if (!was_created(sc, &t[last]))
			return false;
		any = true;
		if (end < n && punct(&t[end], ","))
			i = end + 1;
		else
			break;
	}
	return any;
}

static bool number_value(const struct tok *t, double *v)
{
	char buf[32], *e;
	size_t n = t->n;

	if (t->t != T_NUM || n >= sizeof(buf))
		return false;
	memcpy(buf, t->s, n);
	buf[n] = '\0';
	*v = strtod(buf, &e);
	return *e == '\0';
}

static bool same_tok(const struct tok *a, const struct tok *b)
{
	const char *x, *y;
	size_t xn, yn;

	if (a->t != b->t && !(name_tok(a) && name_tok(b)))
		return false;
	if (a->t == T_STR) {
		return a->cn == b->cn && !memcmp(a->c, b->c, a->cn);
	}
	name_of(a, &x, &xn);
	name_of(b, &y, &yn);
	return xn == yn && !strncasecmp(x, y, xn);
}

/* A condition that holds for every row: TRUE, 1, 1=1, 'a'='a', x=x,
 * NOT FALSE, 2>1, and such conditions joined by AND or in parentheses. */
static bool tautology(const struct tok *t, size_t a, size_t b);

static bool conj_true(const struct tok *t, size_t a, size_t b)
{
	double x, y;

	while (a < b && b - a >= 2 && punct(&t[a], "(") &&
	       close_paren(t, a, b) == b - 1) {
		a++;
		b--;
	}
	if (a >= b)
		return false;
	if (b - a >= 2 && punct(&t[a], "(") && close_paren(t, a, b) == b - 1)
		return tautology(t, a + 1, b - 1);
	if (b - a == 1)
		return kw(&t[a], "TRUE") || kw(&t[a], "ON") ||
		       (number_value(&t[a], &x) && x != 0) ||
		       (t[a].t == T_STR && t[a].cn == 1 && t[a].c[0] >= '1' &&
			t[a].c[0] <= '9');
	if (kw(&t[a], "NOT") && b - a == 2)
		return kw(&t[a + 1], "FALSE") ||
		       (number_value(&t[a + 1], &x) && x == 0);
	if (b - a == 3) {
		const struct tok *l = &t[a], *op = &t[a + 1], *r = &t[a + 2];
		bool eq = punct(op, "=") || punct(op, "==") ||
			  kw(op, "IS") || kw(op, "LIKE");

		if (number_value(l, &x) && number_value(r, &y))
			return (eq && x == y) ||
			       ((punct(op, "<>") || punct(op, "!=")) &&
				x != y) ||
			       (punct(op, "<") && x < y) ||
			       (punct(op, ">") && x > y) ||
			       (punct(op, "<=") && x <= y) ||
			       (punct(op, ">=") && x >= y);
		if ((eq || punct(op, "<=") || punct(op, ">=")) &&
		    same_tok(l, r) && (l->t != T_WORD || !kw(l, "NULL")))
			return true;
		if (punct(op, "<>") || punct(op, "!="))
			return l->t == T_STR && r->t == T_STR &&
			       !same_tok(l, r);
	}
	/* x IS NOT NULL of a literal */
	if (b - a == 4 && kw(&t[a + 1], "IS") && kw(&t[a + 2], "NOT") &&
	    kw(&t[a + 3], "NULL") && (t[a].t == T_NUM || t[a].t == T_STR))
		return true;
	return false;
}

static bool tautology(const struct tok *t, size_t a, size_t b)
{
	size_t i, start = a;
	int depth = 0;
	bool all = true, any = false;

	/* Split on OR: one true branch makes the whole true. */
	for (i = a; i <= b; i++) {
		if (i < b && punct(&t[i], "("))
			depth++;
		else if (i < b && punct(&t[i], ")"))
			depth--;
		if (i == b || (depth == 0 && kw(&t[i], "OR"))) {
			size_t k, cs = start;
			int d2 = 0;

			/* Split the branch on AND: all must be true. */
			all = true;
			for (k = start; k <= i; k++) {
				if (k < i && punct(&t[k], "("))
					d2++;
				else if (k < i && punct(&t[k], ")"))
					d2--;
				if (k == i || (d2 == 0 && kw(&t[k], "AND"))) {
					if (!conj_true(t, cs, k))
						all = false;
					cs = k + 1;
				}
			}
			if (all)
				return true;
			any = true;
			start = i + 1;
		}
	}
	(void)any;
	return false;
}

static const char where_end[] =
	"RETURNING\0" "ORDER\0" "LIMIT\0" "GROUP\0" "HAVING\0" "WINDOW\0"
	"OFFSET\0" "FETCH\0" "FOR\0" "ALLOW\0" "IF\0" "SETTINGS\0" "OUTPUT\0";

/* The rows a DELETE/UPDATE touches are restricted by a WHERE at depth 0
 * of [a, b) that is not always true. */
static bool restricted(const struct tok *t, size_t a, size_t b)
{
	size_t i, e;
	int depth = 0;

	for (i = a; i < b; i++) {
		if (punct(&t[i], "("))
			depth++;
		else if (punct(&t[i], ")"))
			depth--;
		else if (depth == 0 && kw(&t[i], "WHERE"))
			break;
	}
	if (i >= b)
		return false;
	if (i + 2 < b && kw(&t[i + 1], "CURRENT") && kw(&t[i + 2], "OF"))
		return true;
	depth = 0;
	for (e = i + 1; e < b; e++) {
		if (punct(&t[e], "("))
			depth++;
		else if (punct(&t[e], ")"))
			depth--;
		else if (depth == 0 && kw_in(&t[e], where_end))
			break;
	}
	if (e == i + 1)
		return false;
	return !tautology(t, i + 1, e);
}

static const char drop_db[] =
	"DATABASE\0" "SCHEMA\0" "KEYSPACE\0" "OWNED\0";
static const char drop_tbl[] =
	"TABLE\0" "VIEW\0" "INDEX\0" "SEQUENCE\0" "COLLECTION\0"
	"MEASUREMENT\0" "SERIES\0" "TABLESPACE\0" "DICTIONARY\0" "SHARD\0"
	"TYPE\0" "DOMAIN\0" "EXTENSION\0" "POLICY\0" "STREAM\0" "PARTITION\0"
	"BUCKET\0";
static const char drop_role[] =
	"USER\0" "ROLE\0" "GROUP\0";
static const char strong_roles[] =
	"postgres\0" "rds_superuser\0" "cloudsqlsuperuser\0"
	"azure_pg_admin\0" "pg_execute_server_program\0"
	"pg_write_server_files\0" "pg_read_server_files\0" "root\0"
	"__system\0" "sysadmin\0" "db_owner\0";
static const char untrusted_langs[] =
	"plpythonu\0" "plpython2u\0" "plpython3u\0" "plperlu\0" "pltclu\0"
	"plsh\0" "c\0" "plv8u\0";

static void stmt(struct scan *sc, const struct tok *t, size_t n);

/* Code the server runs from a string: DO bodies, EXECUTE 'sql'. */
static void strings_as_sql(struct scan *sc, const struct tok *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].t == T_STR || t[i].t == T_BAD)
			scan_text(sc, sc->lang == DBQ_SQLITE ? DBQ_SQL : sc->lang,
				  t[i].c, t[i].cn);
}

static void stmt_drop(struct scan *sc, const struct tok *t, size_t n)
{
	size_t i = 1, last, end;
	const char *s = t[0].s;
	size_t len = (size_t)(t[n - 1].s + t[n - 1].n - s);

	if (i < n && (kw(&t[i], "TEMPORARY") || kw(&t[i], "TEMP")))
		return;		/* MySQL: temporary tables only */
	if (i < n && kw(&t[i], "MATERIALIZED"))
		i++;
	if (i < n && kw(&t[i], "FOREIGN"))
		i++;
	if (i + 1 < n && kw(&t[i], "RETENTION") && kw(&t[i + 1], "POLICY"))
		i++;
	if (i >= n)
		return;
	if (kw_in(&t[i], drop_db)) {
		flag(sc, DBQ_DROP_DATABASE, s, len);
		return;
	}
	if (kw_in(&t[i], drop_role)) {
		flag(sc, DBQ_DROP_ROLE, s, len);
		return;
	}
	if (!kw_in(&t[i], drop_tbl))
		return;
	i++;
	if (i < n && kw(&t[i], "CONCURRENTLY"))
		i++;
	if (i + 1 < n && kw(&t[i], "IF") && kw(&t[i + 1], "EXISTS"))
		i += 2;
	if (read_name(t, i, n, &last, &end) && all_created(sc, t, i, n))
		return;
	flag(sc, DBQ_DROP_TABLE, s, len);
}

static void stmt_alter(struct scan *sc, const struct tok *t, size_t n)
{
	const char *s = t[0].s;
	size_t len = (size_t)(t[n - 1].s + t[n - 1].n - s), i, clause = 1;
	int depth = 0;

	if (n > 1 && (kw(&t[1], "ROLE") || kw(&t[1], "USER"))) {
		for (i = 2; i < n; i++)
			if (kw(&t[i], "SUPERUSER"))
				flag(sc, DBQ_SUPERUSER, s, len);
		return;
	}
	if (n < 2 || !kw(&t[1], "TABLE"))
		return;
	for (i = 2; i < n; i++) {
		if (punct(&t[i], "("))
			depth++;
		else if (punct(&t[i], ")"))
			depth--;
		if (depth)
			continue;
		if (punct(&t[i], ",")) {
			clause = i + 1;
			continue;
		}
		/* ClickHouse mutations: ALTER TABLE t DELETE WHERE ... */
		if (kw(&t[i], "DELETE") && !restricted(t, i, n))
			flag(sc, DBQ_DELETE_ALL, s, len);
		if (kw(&t[i], "UPDATE") && i + 1 < n && !kw(&t[i - 1], "ON") &&
		    !restricted(t, i, n))
			flag(sc, DBQ_UPDATE_ALL, s, len);
		if (kw(&t[i], "DROP") && i + 1 < n) {
			const struct tok *x = &t[i + 1];
			size_t k;
			bool alter_col = false;

			for (k = clause; k < i; k++)
				if (kw(&t[k], "ALTER") || kw(&t[k], "MODIFY"))
					alter_col = true;
			if (alter_col || kw(x, "DEFAULT") || kw(x, "NOT") ||
			    kw(x, "IDENTITY") || kw(x, "EXPRESSION") ||
			    kw(x, "CONSTRAINT") || kw(x, "INDEX") ||
			    kw(x, "KEY") || kw(x, "PRIMARY") ||
			    kw(x, "FOREIGN") || kw(x, "CHECK") ||
			    kw(x, "TRIGGER") || kw(x, "STATISTICS"))
				continue;
			flag(sc, DBQ_ALTER_DROP, s, len);
		}
	}
}

static void stmt_grant(struct scan *sc, const struct tok *t, size_t n)
{
	const char *s = t[0].s;
	size_t len = (size_t)(t[n - 1].s + t[n - 1].n - s), i, on = n;
	bool all = false, global = false, pub = false, strong = false;

	for (i = 1; i < n; i++) {
		if (kw(&t[i], "ON") && on == n)
			on = i;
		if (i < on && (kw(&t[i], "SUPER") || kw(&t[i], "FILE")))
			strong = true;
		if (i < on && kw(&t[i], "ALL"))
			all = true;
		if (on == n && name_tok(&t[i]) && kw_in(&t[i], strong_roles))
			strong = true;
		if (on == n && t[i].t == T_QID) {
			const char *x, *r;
			size_t xn;

			name_of(&t[i], &x, &xn);
			for (r = strong_roles; *r; r += strlen(r) + 1)
				if (ieq(x, xn, r))
					strong = true;
		}
		if (i > on && punct(&t[i], "*") && i + 2 < n &&
		    punct(&t[i + 1], ".") && punct(&t[i + 2], "*"))
			global = true;
		if (i > on && kw(&t[i - 1], "TO") && kw(&t[i], "PUBLIC"))
			pub = true;
	}
	if (strong)
		flag(sc, DBQ_SUPERUSER, s, len);
	if (all && (global || pub))
		flag(sc, DBQ_GRANT_ALL, s, len);
}

static void stmt_create(struct scan *sc, const struct tok *t, size_t n)
{
	const char *s = t[0].s;
	size_t len = (size_t)(t[n - 1].s + t[n - 1].n - s), i = 1, last, end;
	bool temp = false;

	while (i < n && (kw(&t[i], "TEMP") || kw(&t[i], "TEMPORARY") ||
			 kw(&t[i], "GLOBAL") || kw(&t[i], "LOCAL") ||
			 kw(&t[i], "OR") || kw(&t[i], "REPLACE") ||
			 kw(&t[i], "UNLOGGED") || kw(&t[i], "TRUSTED"))) {
		if (kw(&t[i], "TEMP") || kw(&t[i], "TEMPORARY"))
			temp = true;
		i++;
	}
	if (i >= n)
		return;
	if (kw(&t[i], "TABLE") && temp) {
		i++;
		if (i + 2 < n && kw(&t[i], "IF") && kw(&t[i + 1], "NOT") &&
		    kw(&t[i + 2], "EXISTS"))
			return;	/* may be an older one: not ours */
		if (read_name(t, i, n, &last, &end))
			remember_created(sc, &t[last]);
		return;
	}
	if (kw(&t[i], "ROLE") || kw(&t[i], "USER")) {
		for (; i < n; i++)
			if (kw(&t[i], "SUPERUSER"))
				flag(sc, DBQ_SUPERUSER, s, len);
		return;
	}
	for (; i + 1 < n; i++)
		if (kw(&t[i], "LANGUAGE") && (kw_in(&t[i + 1], untrusted_langs) ||
		    (t[i + 1].t == T_STR && t[i + 1].cn &&
		     t[i + 1].c[t[i + 1].cn - 1] == 'u')))
			flag(sc, DBQ_EXEC_PROGRAM, s, len);
}

static void stmt_copy(struct scan *sc, const struct tok *t, size_t n)
{
	const char *s = t[0].s;
	size_t len = (size_t)(t[n - 1].s + t[n - 1].n - s), i = 1;

	if (i < n && punct(&t[i], "("))
		i = close_paren(t, i, n) + 1;
	for (; i < n; i++) {
		if (!kw(&t[i], "TO") && !kw(&t[i], "FROM"))
			continue;
		if (i + 1 < n && kw(&t[i + 1], "PROGRAM"))
			flag(sc, DBQ_EXEC_PROGRAM, s, len);
		else if (kw(&t[i], "TO") && i + 1 < n && t[i + 1].t == T_STR)
			flag(sc, DBQ_FILE_WRITE, s, len);
		break;
	}
}

static bool calls(const struct tok *t, size_t n, const char *fn)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (kw(&t[i], fn) && punct(&t[i + 1], "("))
			return true;
	return false;
}

/* Statements a control word opens inside a body: BEGIN x, THEN x. */
static const char opens_stmt[] =
	"BEGIN\0" "THEN\0" "ELSE\0" "LOOP\0" "ATOMIC\0" "DECLARE\0";

static void stmt_at(struct scan *sc, const struct tok *t, size_t n, int depth)
{
	const char *s;
	size_t len, i;

	if (n == 0)
		return;
	if (depth > CV_MAX_DBQ_DEPTH) {
		flag(sc, DBQ_UNKNOWN, t[0].s, t[0].n);
		return;
	}
	s = t[0].s;
	len = (size_t)(t[n - 1].s + t[n - 1].n - s);
	while (n && (punct(&t[0], "(") && close_paren(t, 0, n) == n - 1)) {
		t++;
		n -= 2;
		if (!n)
			return;
	}
	if (kw_in(&t[0], opens_stmt)) {
		stmt_at(sc, t + 1, n - 1, depth + 1);
		return;
	}
	if (kw(&t[0], "DROP")) {
		stmt_drop(sc, t, n);
	} else if (kw(&t[0], "TRUNCATE")) {
		i = 1;
		if (i < n && kw(&t[i], "TABLE"))
			i++;
		if (i < n && kw(&t[i], "ONLY"))
			i++;
		if (i < n && !all_created(sc, t, i, n))
			flag(sc, DBQ_TRUNCATE, s, len);
	} else if (kw(&t[0], "DELETE")) {
		size_t last, end;

		/* DELETE with no table is MERGE's WHEN MATCHED THEN DELETE */
		i = 1;
		if (i < n && kw(&t[i], "FROM"))
			i++;
		if (i < n && kw(&t[i], "ONLY"))
			i++;
		if (n > 1 && !restricted(t, 1, n) &&
		    !(read_name(t, i, n, &last, &end) &&
		      was_created(sc, &t[last])))
			flag(sc, DBQ_DELETE_ALL, s, len);
	} else if (kw(&t[0], "UPDATE")) {
		size_t last, end;

		i = 1;
		if (i < n && kw(&t[i], "ONLY"))
			i++;
		if (n > 1 && !kw(&t[1], "SET") && !restricted(t, 1, n) &&
		    !(read_name(t, i, n, &last, &end) &&
		      was_created(sc, &t[last])))
			flag(sc, DBQ_UPDATE_ALL, s, len);
	} else if (kw(&t[0], "ALTER")) {
		stmt_alter(sc, t, n);
	} else if (kw(&t[0], "GRANT")) {
		stmt_grant(sc, t, n);
	} else if (kw(&t[0], "CREATE")) {
		stmt_create(sc, t, n);
	} else if (kw(&t[0], "COPY")) {
		stmt_copy(sc, t, n);
	} else if (kw(&t[0], "LOAD") && n > 1 && t[1].t == T_STR) {
		flag(sc, DBQ_EXEC_PROGRAM, s, len);	/* LOAD 'lib.so' */
	} else if (kw(&t[0], "SHUTDOWN")) {
		flag(sc, DBQ_SHUTDOWN, s, len);
	} else if (kw(&t[0], "DO")) {
		for (i = 1; i + 1 < n; i++)
			if (kw(&t[i], "LANGUAGE") &&
			    kw_in(&t[i + 1], untrusted_langs))
				flag(sc, DBQ_EXEC_PROGRAM, s, len);
		strings_as_sql(sc, t + 1, n - 1);
	} else if (kw(&t[0], "EXECUTE") || kw(&t[0], "PREPARE")) {
		/* PREPARE x AS DELETE ...: the statement after AS */
		for (i = 1; i < n; i++)
			if (kw(&t[0], "PREPARE") && kw(&t[i], "AS")) {
				stmt_at(sc, t + i + 1, n - i - 1, depth + 1);
				return;
			}
		strings_as_sql(sc, t + 1, n - 1);
	} else if (kw(&t[0], "EXPLAIN")) {
		/* Only EXPLAIN ANALYZE runs the statement. */
		i = 1;
		if (i < n && punct(&t[i], "(")) {
			size_t e = close_paren(t, i, n), k;
			bool analyze = false;

			for (k = i; k < e; k++)
				if (kw(&t[k], "ANALYZE") || kw(&t[k], "ANALYSE"))
					analyze = true;
			if (analyze)
				stmt_at(sc, t + e + 1, n - e - 1, depth + 1);
			return;
		}
		if (i < n && (kw(&t[i], "ANALYZE") || kw(&t[i], "ANALYSE"))) {
			i++;
			if (i < n && kw(&t[i], "VERBOSE"))
				i++;
			stmt_at(sc, t + i, n - i, depth + 1);
		}
		return;
	} else if (kw(&t[0], "WITH")) {
		/* WITH a AS (...), b AS (...) main */
		i = 1;
		if (i < n && kw(&t[i], "RECURSIVE"))
			i++;
		while (i < n) {
			while (i < n && !punct(&t[i], "(") && !kw(&t[i], "AS"))
				i++;
			if (i < n && punct(&t[i], "("))	/* column list */
				i = close_paren(t, i, n) + 1;
			if (i >= n || !kw(&t[i], "AS"))
				break;
			i++;
			while (i < n && (kw(&t[i], "NOT") ||
					 kw(&t[i], "MATERIALIZED")))
				i++;
			if (i >= n || !punct(&t[i], "("))
				break;
			{
				size_t e = close_paren(t, i, n);

				stmt_at(sc, t + i + 1, e > i ? e - i - 1 : 0,
					depth + 1);
				i = e + 1;
			}
			if (i < n && punct(&t[i], ",")) {
				i++;
				continue;
			}
			break;
		}
		if (i < n)
			stmt_at(sc, t + i, n - i, depth + 1);
		return;
	}
	if (kw(&t[0], "SELECT") || kw(&t[0], "VALUES")) {
		for (i = 1; i + 1 < n; i++)
			if (kw(&t[i], "INTO") && (kw(&t[i + 1], "OUTFILE") ||
						  kw(&t[i + 1], "DUMPFILE")))
				flag(sc, DBQ_FILE_WRITE, s, len);
		if (calls(t, n, "lo_export") || calls(t, n, "writefile"))
			flag(sc, DBQ_FILE_WRITE, s, len);
		if (calls(t, n, "load_extension") || calls(t, n, "sys_exec") ||
		    calls(t, n, "sys_eval"))
			flag(sc, DBQ_EXEC_PROGRAM, s, len);
	}
	/* IF x THEN DELETE ...; CASE ... ELSE: the statement after. */
	{
		int d = 0;

		for (i = 1; i + 1 < n; i++) {
			if (punct(&t[i], "("))
				d++;
			else if (punct(&t[i], ")"))
				d--;
			else if (d == 0 && kw_in(&t[i], opens_stmt) &&
				 kw_in(&t[i + 1], write_heads)) {
				stmt_at(sc, t + i + 1, n - i - 1, depth + 1);
				return;
			}
		}
	}
}

static void stmt(struct scan *sc, const struct tok *t, size_t n)
{
	stmt_at(sc, t, n, 0);
}

/* ---- client commands ---- */

static void shell_cmd(struct scan *sc, const char *s, size_t n,
		      const char *what, size_t wn)
{
	while (n && is_blank(*s)) {
		s++;
		n--;
	}
	flag(sc, DBQ_SHELL_ESCAPE, what, wn);
	if (sc->h && sc->h->shell && n && sc->error >= 0) {
		int e = sc->h->shell(sc->h->arg, s, n);

		if (e < 0)
			sc->error = e;
	}
}

static void include_file(struct scan *sc, const char *s, size_t n,
			 const char *what, size_t wn)
{
	const char *text = NULL;
	bool unknown = false;
	int e;

	while (n && is_blank(*s)) {
		s++;
		n--;
	}
	while (n && is_blank(s[n - 1]))
		n--;
	if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	if (!n || !sc->h || !sc->h->include || sc->error < 0)
		return;
	if ((e = sc->h->include(sc->h->arg, s, n, &text, &unknown)) < 0) {
		sc->error = e;
		return;
	}
	if (unknown)
		flag(sc, DBQ_UNKNOWN, what, wn);
	else if (text)
		scan_text(sc, sc->lang, text, strlen(text));
}

/* The argument after a command name, up to a psql `\\`. */
static void meta_rest(const char *s, size_t n, size_t from, const char **a,
		      size_t *an)
{
	size_t i;

	for (i = from; i + 1 < n; i++)
		if (s[i] == '\\' && s[i + 1] == '\\')
			break;
	if (i + 1 >= n)
		i = n;
	*a = s + from;
	*an = i - from;
}

/* A pipe target `|cmd`, possibly quoted ('|cmd'). */
static bool pipe_target(const char *a, size_t an, const char **c, size_t *cn)
{
	while (an && is_blank(*a)) {
		a++;
		an--;
	}
	if (an && (*a == '\'' || *a == '"')) {
		const char *e = memchr(a + 1, *a, an - 1);

		if (e)
			an = (size_t)(e - a) + 1;
		a++;
		an = e ? (size_t)(e - a) : an - 1;
	}
	if (!an || *a != '|')
		return false;
	*c = a + 1;
	*cn = an - 1;
	return true;
}

/* psql backquotes in a command's arguments run a shell command. */
static void backquotes(struct scan *sc, const char *a, size_t an,
		       const char *what, size_t wn)
{
	const char *b, *e;

	while ((b = memchr(a, '`', an))) {
		an -= (size_t)(b - a) + 1;
		a = b + 1;
		if (!(e = memchr(a, '`', an))) {
			flag(sc, DBQ_UNKNOWN, what, wn);
			return;
		}
		shell_cmd(sc, a, (size_t)(e - a), what, wn);
		an -= (size_t)(e - a) + 1;
		a = e + 1;
	}
}

static void meta_psql(struct scan *sc, const struct tok *m, bool *gexec)
{
	const char *s = m->s, *a, *c;
	size_t n = m->n, i = 1, an, cn;

	if (n > 1 && s[1] == '!') {
		meta_rest(s, n, 2, &a, &an);
		shell_cmd(sc, a, an, s, n);
		return;
	}
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
			 (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
		i++;
	meta_rest(s, n, i, &a, &an);
	backquotes(sc, a, an, s, n);
	if ((ieq(s + 1, i - 1, "o") || ieq(s + 1, i - 1, "out") ||
	     ieq(s + 1, i - 1, "g") || ieq(s + 1, i - 1, "gx") ||
	     ieq(s + 1, i - 1, "w") || ieq(s + 1, i - 1, "write")) &&
	    pipe_target(a, an, &c, &cn)) {
		shell_cmd(sc, c, cn, s, n);
	} else if (ieq(s + 1, i - 1, "i") || ieq(s + 1, i - 1, "include") ||
		   ieq(s + 1, i - 1, "ir") ||
		   ieq(s + 1, i - 1, "include_relative")) {
		include_file(sc, a, an, s, n);
	} else if (ieq(s + 1, i - 1, "gexec")) {
		*gexec = true;
	} else if (ieq(s + 1, i - 1, "copy")) {
		struct lex L;
		struct tok t, prev;

		memset(&L, 0, sizeof(L));
		memset(&prev, 0, sizeof(prev));
		L.s = a;
		L.n = an;
		L.lang = DBQ_SQL;
		for (;;) {
			lex_next(&L, &t, false);
			if (t.t == T_EOF || t.t == T_BAD)
				break;
			if (kw(&prev, "PROGRAM") && t.t == T_STR)
				shell_cmd(sc, t.c, t.cn, s, n);
			prev = t;
		}
	}
}

static void meta_mysql(struct scan *sc, const struct tok *m)
{
	const char *s = m->s;
	size_t n = m->n;

	if (n < 2)
		return;
	if (s[1] == '!' || s[1] == 'P')
		shell_cmd(sc, s + 2, n - 2, s, n);
	else if (s[1] == '.')
		include_file(sc, s + 2, n - 2, s, n);
}

static void meta_sqlite(struct scan *sc, const struct tok *m)
{
	const char *s = m->s, *c;
	size_t n = m->n, i = 1, cn;

	while (i < n && !is_blank(s[i]))
		i++;
	if (ieq(s + 1, i - 1, "shell") || ieq(s + 1, i - 1, "system")) {
		shell_cmd(sc, s + i, n - i, s, n);
	} else if ((ieq(s + 1, i - 1, "output") || ieq(s + 1, i - 1, "once") ||
		    ieq(s + 1, i - 1, "read") || ieq(s + 1, i - 1, "import")) &&
		   pipe_target(s + i, n - i, &c, &cn)) {
		shell_cmd(sc, c, cn, s, n);
	} else if (ieq(s + 1, i - 1, "read")) {
		include_file(sc, s + i, n - i, s, n);
	} else if (ieq(s + 1, i - 1, "load")) {
		flag(sc, DBQ_EXEC_PROGRAM, s, n);
	}
}

/* mysql's long-form client commands, at the start of a statement. */
static bool mysql_command(struct scan *sc, struct lex *L, const struct tok *t)
{
	size_t e = L->pos;
	const char *rest;

	if (!t->line_start || !(kw(t, "system") || kw(t, "pager") ||
				kw(t, "source") || kw(t, "delimiter")))
		return false;
	while (e < L->n && L->s[e] != '\n')
		e++;
	rest = L->s + L->pos;
	if (kw(t, "system") || kw(t, "pager"))
		shell_cmd(sc, rest, (size_t)(L->s + e - rest), t->s,
			  (size_t)(L->s + e - t->s));
	else if (kw(t, "source"))
		include_file(sc, rest, (size_t)(L->s + e - rest), t->s,
			     (size_t)(L->s + e - t->s));
	L->pos = e;
	return true;
}

/* ---- one SQL text, one reading ---- */

static void end_stmt(struct scan *sc, bool gexec)
{
	if (!sc->nbuf)
		return;
	if (++sc->stmts > CV_MAX_DBQ_STATEMENTS) {
		flag(sc, DBQ_UNKNOWN, sc->buf[0].s, sc->buf[0].n);
	} else {
		stmt(sc, sc->buf, sc->nbuf);
		if (gexec)	/* its output rows run as statements */
			strings_as_sql(sc, sc->buf, sc->nbuf);
		if (sc->overflow && kw_in(&sc->buf[0], write_heads))
			flag(sc, DBQ_UNKNOWN, sc->buf[0].s, sc->buf[0].n);
	}
	sc->nbuf = 0;
	sc->overflow = false;
}

static unsigned scan_sql(struct scan *sc, enum dbq_lang lang, const char *s,
			 size_t n, unsigned flags)
{
	struct lex L;
	struct tok t;
	struct tok *saved = sc->buf;
	size_t savedn = sc->nbuf;
	bool saved_of = sc->overflow;

	memset(&L, 0, sizeof(L));
	L.s = s;
	L.n = n;
	L.flags = flags;
	L.lang = lang;
	/* A nested text (a DO body) gets a statement buffer of its own. */
	if (sc->nbuf || !sc->buf || sc->bufcap < CV_MAX_DBQ_TOKENS) {
		size_t cap = n + 1 < CV_MAX_DBQ_TOKENS ? n + 1 :
			     CV_MAX_DBQ_TOKENS;

		if (sc->nbuf || !sc->buf || cap > sc->bufcap) {
			sc->buf = arena_alloc(sc->a, cap * sizeof(*sc->buf));
			if (!sc->buf) {
				sc->error = CV_ENOMEM;
				sc->buf = saved;
				return 0;
			}
			sc->bufcap = cap;
		}
	}
	sc->nbuf = 0;
	sc->overflow = false;
	for (;;) {
		lex_next(&L, &t, sc->nbuf == 0);
		if (t.t == T_EOF)
			break;
		if (t.t == T_BAD) {
			/* Unterminated: what follows the opener may be code
			 * (a quote opened to hide it) or data. */
			struct dbq_result before = *sc->r;

			if (sc->nbuf && kw_in(&sc->buf[0], write_heads))
				flag(sc, DBQ_UNKNOWN, t.s, t.n);
			scan_text(sc, lang, t.c, t.cn);
			if (sc->r->ops != before.ops)
				flag(sc, DBQ_UNKNOWN, t.s, t.n);
			if (sc->nbuf < sc->bufcap)
				sc->buf[sc->nbuf++] = t;
			break;
		}
		if (t.t == T_SEMI) {
			end_stmt(sc, false);
			continue;
		}
		if (t.t == T_META) {
			bool gexec = false;

			if (lang == DBQ_PSQL)
				meta_psql(sc, &t, &gexec);
			else if (lang == DBQ_MYSQL)
				meta_mysql(sc, &t);
			else
				meta_sqlite(sc, &t);
			end_stmt(sc, gexec);
			continue;
		}
		if (lang == DBQ_MYSQL && sc->nbuf == 0 && t.t == T_WORD &&
		    mysql_command(sc, &L, &t))
			continue;
		if (sc->nbuf >= sc->bufcap) {
			sc->overflow = true;
			continue;
		}
		sc->buf[sc->nbuf++] = t;
	}
	end_stmt(sc, false);
	sc->buf = saved;
	sc->nbuf = savedn;
	sc->overflow = saved_of;
	return L.seen;
}

static unsigned lang_flags(enum dbq_lang lang)
{
	switch (lang) {
	case DBQ_PSQL:
		return F_NESTED | F_DOLLAR;
	case DBQ_MYSQL:
		return F_BACKSLASH | F_DASH_SPACE | F_HASH;
	case DBQ_SQLITE:
	case DBQ_CQL:
		return 0;
	default:
		return F_NESTED | F_DOLLAR;
	}
}

/* ---- Redis ---- */

struct word {
	const char *s;
	size_t n;
};

static bool wis(const struct word *w, const char *x)
{
	return ieq(w->s, w->n, x);
}

static bool contains_ci(const char *s, size_t n, const char *x)
{
	size_t k = strlen(x), i;

	for (i = 0; i + k <= n; i++)
		if (!strncasecmp(s + i, x, k))
			return true;
	return false;
}

static void redis_words(struct scan *sc, const struct word *w, size_t n)
{
	const char *s;
	size_t len, i;

	if (!n)
		return;
	s = w[0].s;
	len = (size_t)(w[n - 1].s + w[n - 1].n - s);
	if (wis(&w[0], "FLUSHALL")) {
		flag(sc, DBQ_FLUSH_ALL, s, len);
	} else if (wis(&w[0], "FLUSHDB")) {
		flag(sc, DBQ_FLUSH_DB, s, len);
	} else if (wis(&w[0], "SHUTDOWN")) {
		flag(sc, DBQ_SHUTDOWN, s, len);
	} else if (wis(&w[0], "DEBUG")) {
		if (n < 2 || !(wis(&w[1], "OBJECT") || wis(&w[1], "HELP") ||
			       wis(&w[1], "DIGEST") ||
			       wis(&w[1], "DIGEST-VALUE")))
			flag(sc, DBQ_DEBUG, s, len);
	} else if (wis(&w[0], "REPLICAOF") || wis(&w[0], "SLAVEOF")) {
		if (!(n >= 3 && wis(&w[1], "NO") && wis(&w[2], "ONE")))
			flag(sc, DBQ_REPLICAOF, s, len);
	} else if (wis(&w[0], "CONFIG") && n >= 3 && wis(&w[1], "SET")) {
		for (i = 2; i < n; i += 2)
			if (wis(&w[i], "dir") || wis(&w[i], "dbfilename") ||
			    wis(&w[i], "logfile") ||
			    wis(&w[i], "appendfilename") ||
			    wis(&w[i], "appenddirname"))
				flag(sc, DBQ_CONFIG_DIR, s, len);
	} else if (wis(&w[0], "MODULE") && n >= 2 &&
		   (wis(&w[1], "LOAD") || wis(&w[1], "LOADEX"))) {
		flag(sc, DBQ_EXEC_PROGRAM, s, len);
	} else if (wis(&w[0], "ACL") && n >= 2) {
		if (wis(&w[1], "DELUSER"))
			flag(sc, DBQ_DROP_ROLE, s, len);
		if (wis(&w[1], "SETUSER"))
			for (i = 2; i < n; i++)
				if (wis(&w[i], "+@all") ||
				    wis(&w[i], "allcommands"))
					flag(sc, DBQ_SUPERUSER, s, len);
	} else if ((wis(&w[0], "EVAL") || wis(&w[0], "EVAL_RO")) && n >= 2) {
		const char *x = w[1].s;
		size_t xn = w[1].n;

		/* A script is judged by the commands it names. */
		if (contains_ci(x, xn, "flushall"))
			flag(sc, DBQ_FLUSH_ALL, s, len);
		if (contains_ci(x, xn, "flushdb"))
			flag(sc, DBQ_FLUSH_DB, s, len);
		if ((contains_ci(x, xn, "'del'") ||
		     contains_ci(x, xn, "\"del\"") ||
		     contains_ci(x, xn, "unlink")) &&
		    (contains_ci(x, xn, "keys") || contains_ci(x, xn, "scan")))
			flag(sc, DBQ_DELETE_ALL, s, len);
		if (contains_ci(x, xn, "config") &&
		    (contains_ci(x, xn, "dir") ||
		     contains_ci(x, xn, "dbfilename")))
			flag(sc, DBQ_CONFIG_DIR, s, len);
		if (contains_ci(x, xn, "shutdown"))
			flag(sc, DBQ_SHUTDOWN, s, len);
	}
}

void dbq_redis_argv(struct dbq_result *r, const char *const *argv,
		    size_t argc)
{
	struct word w[64];
	struct scan sc;
	size_t i;

	memset(&sc, 0, sizeof(sc));
	sc.r = r;
	if (argc > 64) {
		/* CONFIG SET takes pairs; more words than this is odd */
		argc = 64;
		r->ops |= 1u << DBQ_UNKNOWN;
	}
	for (i = 0; i < argc; i++) {
		w[i].s = argv[i];
		w[i].n = strlen(argv[i]);
	}
	redis_words(&sc, w, argc);
	if (r->what == argv[0] && argc)
		r->what_len = strlen(argv[0]);
}

/* redis-cli reads one command per line, words split like a shell's:
 * "..." with backslash escapes, '...'. */
static void scan_redis(struct scan *sc, const char *s, size_t n)
{
	struct word w[64];
	size_t i = 0, nw;

	while (i < n) {
		bool bad = false;

		nw = 0;
		while (i < n && s[i] != '\n') {
			size_t st;

			/* every blank but the newline that ends the command
			 * (a \f or \v skipped here, or the word below would
			 * not advance) */
			while (i < n && s[i] != '\n' && is_blank(s[i]))
				i++;
			if (i >= n || s[i] == '\n')
				break;
			st = i;
			if (s[i] == '"' || s[i] == '\'') {
				char q = s[i++];

				st = i;
				while (i < n && s[i] != q && s[i] != '\n') {
					if (q == '"' && s[i] == '\\' &&
					    i + 1 < n)
						i++;
					i++;
				}
				if (i >= n || s[i] != q)
					bad = true;
				if (nw < 64) {
					w[nw].s = s + st;
					w[nw++].n = i - st;
				}
				if (i < n && s[i] == q)
					i++;
				continue;
			}
			while (i < n && !is_blank(s[i]))
				i++;
			if (nw < 64) {
				w[nw].s = s + st;
				w[nw++].n = i - st;
			}
		}
		if (++sc->stmts > CV_MAX_DBQ_STATEMENTS) {
			flag(sc, DBQ_UNKNOWN, s, 0);
			return;
		}
		redis_words(sc, w, nw);
		if (bad && nw)
			flag(sc, DBQ_UNKNOWN, w[0].s, w[0].n);
		if (i < n)
			i++;
	}
}

/* ---- Mongo shell JavaScript ---- */

/* JS tokens, with strings, templates, comments and regex literals as
 * single tokens; `bad` when one does not end. */
static size_t js_tokens(struct scan *sc, const char *s, size_t n,
			struct tok *v, size_t cap, bool *bad)
{
	size_t i = 0, nt = 0;

	*bad = false;
	while (i < n && nt < cap) {
		char c = s[i], d = i + 1 < n ? s[i + 1] : '\0';
		struct tok *t = &v[nt];

		if (is_blank(c)) {
			i++;
			continue;
		}
		if (c == '/' && d == '/') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && d == '*') {
			const char *e = NULL;
			size_t k;

			for (k = i + 2; k + 1 < n; k++)
				if (s[k] == '*' && s[k + 1] == '/') {
					e = s + k;
					break;
				}
			if (!e) {
				*bad = true;
				t->t = T_BAD;
				t->s = s + i;
				t->n = n - i;
				t->c = s + i + 2;
				t->cn = n - i - 2;
				return nt + 1;
			}
			i = (size_t)(e - s) + 2;
			continue;
		}
		memset(t, 0, sizeof(*t));
		t->s = s + i;
		if (c == '\'' || c == '"' || c == '`' ||
		    (c == '/' && (nt == 0 || (v[nt - 1].t == T_PUNCT &&
					      strchr("(,=:[!&|?{};",
						     v[nt - 1].s[0]))))) {
			size_t k = i + 1;

			while (k < n && s[k] != c) {
				if (s[k] == '\\')
					k++;
				else if (s[k] == '\n' && c != '`')
					break;
				k++;
			}
			t->t = T_STR;
			t->c = s + i + 1;
			if (k >= n || s[k] != c) {
				*bad = true;
				t->t = T_BAD;
				t->cn = (k < n ? k : n) - i - 1;
				t->n = (k < n ? k : n) - i;
				return nt + 1;
			}
			t->cn = k - i - 1;
			i = k + 1;
			if (c == '/')
				while (i < n && is_word((unsigned char)s[i]))
					i++;
			t->n = (size_t)(s + i - t->s);
			nt++;
			continue;
		}
		if (is_word((unsigned char)c)) {
			while (i < n && is_word((unsigned char)s[i]))
				i++;
			t->t = (c >= '0' && c <= '9') ? T_NUM : T_WORD;
			t->n = (size_t)(s + i - t->s);
			nt++;
			continue;
		}
		t->t = c == ';' ? T_SEMI : T_PUNCT;
		t->n = 1;
		i++;
		nt++;
	}
	if (nt >= cap && i < n)
		flag(sc, DBQ_UNKNOWN, s, 0);
	return nt;
}

static bool js_name(const struct tok *t, const char *x)
{
	return t->t == T_WORD && t->n == strlen(x) && !memcmp(t->s, x, t->n);
}

/* The first argument of the call whose '(' is at t[i]: [i+1, *end). */
static size_t js_arg_end(const struct tok *t, size_t i, size_t n)
{
	int depth = 0;
	size_t k;

	for (k = i + 1; k < n; k++) {
		if (punct(&t[k], "(") || punct(&t[k], "{") ||
		    punct(&t[k], "["))
			depth++;
		else if (punct(&t[k], ")") || punct(&t[k], "}") ||
			 punct(&t[k], "]")) {
			if (depth-- == 0)
				return k;
		} else if (depth == 0 && punct(&t[k], ",")) {
			return k;
		}
	}
	return n;
}

/* A filter that matches every document: none, {}, a name bound to {},
 * {_id: {$exists: true}}, {$where: 'true'}. */
static bool js_match_all(const struct tok *t, size_t a, size_t b,
			 const struct tok *empties, size_t nempty)
{
	size_t k;

	if (a == b)
		return true;
	if (b - a == 2 && punct(&t[a], "{") && punct(&t[a + 1], "}"))
		return true;
	if (b - a == 1 && t[a].t == T_WORD) {
		for (k = 0; k < nempty; k++)
			if (same_tok(&t[a], &empties[k]))
				return true;
		return false;
	}
	for (k = a; k + 2 < b; k++) {
		if ((js_name(&t[k], "$exists") ||
		     (t[k].t == T_STR && t[k].cn == 7 &&
		      !memcmp(t[k].c, "$exists", 7))) &&
		    punct(&t[k + 1], ":") && js_name(&t[k + 2], "true") &&
		    b - a <= 10)
			return true;
		if ((js_name(&t[k], "$where") ||
		     (t[k].t == T_STR && t[k].cn == 6 &&
		      !memcmp(t[k].c, "$where", 6))) &&
		    punct(&t[k + 1], ":") && b - a <= 6 &&
		    ((t[k + 2].t == T_STR &&
		      (contains_ci(t[k + 2].c, t[k + 2].cn, "true") ||
		       (t[k + 2].cn == 1 && t[k + 2].c[0] == '1'))) ||
		     js_name(&t[k + 2], "true")))
			return true;
	}
	return false;
}

static void scan_mongo(struct scan *sc, const char *s, size_t n)
{
	struct tok *t, empties[16];
	size_t nt, i, nempty = 0;
	bool bad;

	size_t cap = n + 1 < CV_MAX_DBQ_JS_TOKENS ? n + 1 :
		     CV_MAX_DBQ_JS_TOKENS;

	if (!(t = arena_alloc(sc->a, cap * sizeof(*t)))) {
		sc->error = CV_ENOMEM;
		return;
	}
	nt = js_tokens(sc, s, n, t, cap, &bad);
	for (i = 0; i < nt; i++) {
		const struct tok *m;
		size_t e, len;

		/* const f = {} */
		if (i + 3 < nt && t[i].t == T_WORD && punct(&t[i + 1], "=") &&
		    punct(&t[i + 2], "{") && punct(&t[i + 3], "}") &&
		    nempty < 16)
			empties[nempty++] = t[i];
		if (!(i + 2 < nt && punct(&t[i], ".") && t[i + 1].t == T_WORD &&
		      punct(&t[i + 2], "(")))
			continue;
		m = &t[i + 1];
		e = js_arg_end(t, i + 2, nt);
		len = (size_t)((e < nt ? t[e].s + t[e].n : s + n) - m->s);
		if (js_name(m, "dropDatabase")) {
			flag(sc, DBQ_DROP_DATABASE, m->s, len);
		} else if (js_name(m, "drop")) {
			flag(sc, DBQ_DROP_TABLE, m->s, len);
		} else if (js_name(m, "deleteMany") || js_name(m, "remove")) {
			if (js_match_all(t, i + 3, e, empties, nempty))
				flag(sc, DBQ_DELETE_ALL, m->s, len);
		} else if (js_name(m, "updateMany") ||
			   js_name(m, "update")) {
			bool multi = js_name(m, "updateMany");
			size_t k;

			/* update() changes one document unless multi: true */
			for (k = e; !multi && k + 2 < nt &&
			     t[k].t != T_SEMI; k++)
				if (js_name(&t[k], "multi") &&
				    punct(&t[k + 1], ":") &&
				    js_name(&t[k + 2], "true"))
					multi = true;
			if (multi && js_match_all(t, i + 3, e, empties, nempty)
			    && e < nt && punct(&t[e], ","))
				flag(sc, DBQ_UPDATE_ALL, m->s, len);
		} else if (js_name(m, "dropUser") ||
			   js_name(m, "dropAllUsers") ||
			   js_name(m, "dropRole") ||
			   js_name(m, "dropAllRoles")) {
			flag(sc, DBQ_DROP_ROLE, m->s, len);
		} else if (js_name(m, "shutdownServer")) {
			flag(sc, DBQ_SHUTDOWN, m->s, len);
		} else if (js_name(m, "createUser") ||
			   js_name(m, "grantRolesToUser") ||
			   js_name(m, "updateUser")) {
			size_t k, ce = e;
			int depth = 0;

			for (ce = i + 3; ce < nt; ce++) {
				if (punct(&t[ce], "("))
					depth++;
				else if (punct(&t[ce], ")") && depth-- == 0)
					break;
			}
			for (k = i + 3; k < ce; k++)
				if (t[k].t == T_STR &&
				    (ieq(t[k].c, t[k].cn, "root") ||
				     ieq(t[k].c, t[k].cn, "__system") ||
				     ieq(t[k].c, t[k].cn,
					 "userAdminAnyDatabase")))
					flag(sc, DBQ_SUPERUSER, m->s, len);
		} else if (js_name(m, "runCommand") ||
			   js_name(m, "adminCommand")) {
			size_t k;

			for (k = i + 3; k + 1 < e; k++) {
				const struct tok *key = &t[k];
				const char *x;
				size_t xn;

				if (!punct(&t[k + 1], ":") ||
				    (key->t != T_WORD && key->t != T_STR))
					continue;
				x = key->t == T_STR ? key->c : key->s;
				xn = key->t == T_STR ? key->cn : key->n;
				if (ieq(x, xn, "dropDatabase"))
					flag(sc, DBQ_DROP_DATABASE, m->s, len);
				else if (ieq(x, xn, "drop"))
					flag(sc, DBQ_DROP_TABLE, m->s, len);
				else if (ieq(x, xn, "shutdown"))
					flag(sc, DBQ_SHUTDOWN, m->s, len);
			}
		}
	}
	if (bad && nt) {
		/* Unterminated: anything destructive in the rest asks. */
		const struct tok *b = &t[nt - 1];
		static const char names[] =
			"dropDatabase\0" "drop(\0" "deleteMany\0" "remove(\0"
			"updateMany\0" "dropUser\0" "shutdown\0";
		const char *w;

		for (w = names; *w; w += strlen(w) + 1)
			if (contains_ci(b->c, b->cn, w))
				flag(sc, DBQ_UNKNOWN, b->s, b->n);
	}
}

/* ---- entry points ---- */

static void scan_text(struct scan *sc, enum dbq_lang lang, const char *s,
		      size_t n)
{
	unsigned flags, seen, bit;

	if (sc->error < 0)
		return;
	if (++sc->depth > CV_MAX_DBQ_DEPTH || n > CV_MAX_DBQ_BYTES) {
		flag(sc, DBQ_UNKNOWN, s, n);
		sc->depth--;
		return;
	}
	if (lang == DBQ_REDIS) {
		scan_redis(sc, s, n);
	} else if (lang == DBQ_MONGO) {
		scan_mongo(sc, s, n);
	} else {
		struct created keep = sc->made;

		flags = lang_flags(lang);
		seen = scan_sql(sc, lang, s, n, flags) & F_ALL;
		/* Every other reading of what this text holds. */
		for (bit = 1; bit <= F_DOLLAR && sc->error >= 0; bit <<= 1)
			if (seen & bit) {
				struct created now = sc->made;

				sc->made = keep;
				scan_sql(sc, lang, s, n, flags ^ bit);
				sc->made = now;
			}
	}
	sc->depth--;
}

int dbq_scan(struct dbq_result *r, struct arena *a, enum dbq_lang lang,
	     const char *s, size_t n, const struct dbq_hooks *h)
{
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.r = r;
	sc.a = a;
	sc.h = h;
	sc.lang = lang;
	scan_text(&sc, lang, s, n);
	return sc.error < 0 ? sc.error : 0;
}
