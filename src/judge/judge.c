/* judge.c - rule conditions and verdicts, see judge.h.
 *
 * Security invariants kept here:
 * - a PCRE2 resource limit, a regex that does not compile, or the time
 *   budget running out is a DENY naming the rule, never a quiet "no match";
 * - deny beats ask; ccveto never produces allow;
 * - regexes are compiled the first time a call reaches them (after the
 *   program/tool/keyword prefilter and the cheap conditions of the same
 *   rule), so cost does not grow with rules a call cannot reach.  No JIT:
 *   compiling it costs more than it saves on hook-sized inputs. */
#include "judge/judge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "git/gitfacts.h"
#include "json/jval.h"
#include "judge/effect.h"
#include "judge/toolcall.h"
#include "rules/compiled.h"
#include "rules/rulepack.h"
#include "shell/argv.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/clock.h"
#include "util/text.h"

struct eval {
	struct ruleset *set;
	const struct toolcall *call;
	struct arena *a;
	struct diag *d;
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	struct timespec start;
	unsigned matches;
	const char *branch;		/* current branch, looked up once */
	bool branch_known;
	const struct rule *rule;	/* being evaluated, for messages */
	bool effects_done;		/* subjects' effects computed */
};

/* ---- matching ---- */

static int eval_budget(struct eval *ev)
{
	if (++ev->matches % 64)
		return 0;
	if (clock_ms_since(&ev->start) > CV_MAX_EVAL_MS)
		return diag_set(ev->d, CV_ELIMIT, "evaluation took longer "
				"than %d ms (at rule '%s')", CV_MAX_EVAL_MS,
				ev->rule ? ev->rule->id : "?");
	return 0;
}

static int rx_match(struct eval *ev, struct rx *x, const char *s)
{
	int rc;

	if (!s)
		return 0;
	if (!x->code && rule_rx_compile(x, ev->rule->id, ev->d) < 0)
		return ev->d->code;
	if (eval_budget(ev) < 0)
		return CV_ELIMIT;
	rc = pcre2_match(x->code, (PCRE2_SPTR)s, strlen(s), 0, 0, ev->md,
			 ev->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT)
		return diag_set(ev->d, CV_ELIMIT, "rule '%s' hit the regex "
				"resource limit", ev->rule->id);
	return diag_set(ev->d, CV_EINVAL, "rule '%s': regex match error %d",
			ev->rule->id, rc);
}

static int rx_match_any(struct eval *ev, struct rx *x,
			const struct strlist *l)
{
	size_t i;
	int m;

	for (i = 0; i < l->n; i++)
		if ((m = rx_match(ev, x, l->v[i])) != 0)
			return m;
	return 0;
}

static bool list_has(const struct jv *list, const char *s)
{
	const struct jv *c;

	if (!s)
		return false;
	jv_for_each(c, list)
		if (jv_is(c, JV_STRING) && !strcmp(c->s, s))
			return true;
	return false;
}

static bool list_meets(const struct jv *list, const struct strlist *have)
{
	size_t i;

	for (i = 0; i < have->n; i++)
		if (list_has(list, have->v[i]))
			return true;
	return false;
}

static bool flag_present(const struct flagspec *f, const struct strlist *args)
{
	size_t i, k;

	for (i = 0; i < args->n; i++) {
		const char *a = args->v[i];

		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (!strcmp(a, "--"))
			break;
		if (a[1] == '-') {
			for (k = 0; k < f->nlongs; k++) {
				const char *l = f->longs[k];
				size_t n = strcspn(l, "|");

				if (!strncmp(a + 2, l, n) &&
				    (a[2 + n] == '\0' || a[2 + n] == '='))
					return true;
			}
			continue;
		}
		/* A short-option cluster: letters and digits only, so that
		 * "-rf" counts but "-m=x" or "-1.5" do not. */
		for (k = 1; a[k]; k++) {
			char ch = a[k];
			if (!((ch >= 'a' && ch <= 'z') ||
			      (ch >= 'A' && ch <= 'Z') ||
			      (ch >= '0' && ch <= '9')))
				break;
		}
		if (a[k])
			continue;
		for (k = 1; a[k]; k++)
			if (strchr(f->shorts, a[k]))
				return true;
	}
	return false;
}

/* The canonical argv of a command whose program has a grammar
 * (shell/argv.h), computed once per subject; NULL otherwise. */
static int canon_of(const struct argv_canon **out, struct eval *ev,
		    const struct subject *s)
{
	*out = NULL;
	if (s->kind != SUBJECT_COMMAND)
		return 0;
	if (argv_canonical(out, ev->a, (struct subject *)s) < 0)
		return diag_set(ev->d, CV_ENOMEM, "out of memory");
	return 0;
}

/* The subcommand that runs: the canonical one when the program has a
 * grammar (a git alias resolved, `git -c k=v push`), else as found. */
static const char *subcommand_of(const struct argv_canon *c,
				 const struct subject *s)
{
	return c ? c->sub : s->subcommand;
}

static bool canon_set(const struct argv_canon *c, const char *name)
{
	const struct argv_use *u = argv_last(c, name);

	return u && !u->neg;
}

/* A flag spec against the canonical argv: "-f" is the option the grammar
 * gives the letter ("force" in git push), "--force" the option named so,
 * however it was spelt (--forc, -fq, --force=..., git -c that implies
 * it); the last of --force and --no-force decides. */
static bool flag_canon(const struct flagspec *f, const struct argv_canon *c)
{
	size_t k;

	for (k = 0; f->shorts[k]; k++) {
		const char *name = argv_short_name(c, f->shorts[k]);
		char s[3] = { '-', f->shorts[k], '\0' };

		if (canon_set(c, name ? name : s))
			return true;
	}
	for (k = 0; k < f->nlongs; k++) {
		const char *l = f->longs[k];
		size_t n = strcspn(l, "|"), i;

		for (i = c->nopts; i-- > 0;) {
			const struct argv_use *u = &c->opts[i];

			if ((c->sub && u->global) || strlen(u->name) != n ||
			    strncmp(u->name, l, n))
				continue;
			if (!u->neg)
				return true;
			break;
		}
	}
	return false;
}

/* `option`: some canonical option, as "--name", "--name=value",
 * "--no-name" or "-X[=value]"; without a grammar, some argument that
 * starts with "-". */
static int match_option(struct eval *ev, struct rx *x,
			const struct argv_canon *c, const struct subject *s)
{
	size_t i;
	int m;

	if (!c || !c->grammar) {
		for (i = 0; i < s->args.n; i++)
			if (s->args.v[i][0] == '-' &&
			    (m = rx_match(ev, x, s->args.v[i])) != 0)
				return m;
		return 0;
	}
	for (i = 0; i < c->nopts; i++) {
		const struct argv_use *u = &c->opts[i];
		size_t n = strlen(u->name) + (u->value ? strlen(u->value) : 0);
		char *t;

		if (c->sub && u->global)
			continue;
		if (!(t = arena_alloc(ev->a, n + 8)))
			return diag_set(ev->d, CV_ENOMEM, "out of memory");
		snprintf(t, n + 8, "%s%s%s%s", u->name[0] == '-' ? "" :
			 u->neg ? "--no-" : "--", u->name, u->value ? "=" : "",
			 u->value ? u->value : "");
		if ((m = rx_match(ev, x, t)) != 0)
			return m;
	}
	return 0;
}

/* A redirect to one of these only moves the command's own streams:
 * never the location a path rule is about (2>/dev/null is not a write
 * to a device). */
static bool stream_device(const char *t)
{
	static const char *const names[] = { "/dev/null", "/dev/stdin",
		"/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero" };
	size_t i;

	if (strncmp(t, "/dev/", 5))
		return false;
	if (!strncmp(t, "/dev/fd/", 8) && t[8] >= '0' && t[8] <= '9' &&
	    !t[8 + strspn(t + 8, "0123456789")])
		return true;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(t, names[i]))
			return true;
	return false;
}

/* Operands and redirect targets: what `path` conditions look at. */
static int match_paths(struct eval *ev, struct rx *x, const struct subject *s)
{
	size_t i;
	bool opts = true;
	int m;

	if (s->kind != SUBJECT_COMMAND)
		return rx_match_any(ev, x, &s->paths);
	for (i = 0; i < s->args.n; i++) {
		const char *a = s->args.v[i];

		if (opts && !strcmp(a, "--")) {
			opts = false;
			continue;
		}
		if (opts && a[0] == '-' && a[1]) {
			/* --output=FILE: the value is a path too. */
			const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
			if (!eq)
				continue;
			a = eq + 1;
		}
		if ((m = rx_match(ev, x, a)) != 0)
			return m;
	}
	for (i = 0; i < s->nredirects; i++) {
		if (s->redirects[i].op == REDIR_DUP ||
		    stream_device(s->redirects[i].target))
			continue;
		if ((m = rx_match(ev, x, s->redirects[i].target)) != 0)
			return m;
	}
	return 0;
}

static int match_redirect(struct eval *ev, struct rx *x,
			  const struct subject *s)
{
	size_t i;
	int m;

	for (i = 0; i < s->nredirects; i++) {
		if (s->redirects[i].op != REDIR_OUT &&
		    s->redirects[i].op != REDIR_APPEND)
			continue;
		if ((m = rx_match(ev, x, s->redirects[i].target)) != 0)
			return m;
	}
	return 0;
}

static int match_host(struct eval *ev, struct rx *x, const struct subject *s)
{
	size_t i;
	int m;

	if (s->kind != SUBJECT_COMMAND)
		return rx_match(ev, x, s->host);
	for (i = 0; i < s->args.n; i++) {
		const char *a = s->args.v[i], *h;

		if (!strstr(a, "://"))
			continue;
		if (!(h = text_url_host(ev->a, a)))
			continue;
		if ((m = rx_match(ev, x, h)) != 0)
			return m;
	}
	return 0;
}

/* ---- git push targets ---- */

static const char *current_branch(struct eval *ev)
{
	if (!ev->branch_known) {
		ev->branch = ev->call->branch ? ev->call->branch :
			gitfacts_current_branch(ev->a, ev->call->cwd);
		ev->branch_known = true;
	}
	return ev->branch;
}

static bool ref_protected(struct eval *ev, const char *ref)
{
	const char *cur;

	if (!strncmp(ref, "refs/heads/", 11))
		ref += 11;
	if (!strcmp(ref, "HEAD") || !strcmp(ref, "@")) {
		cur = current_branch(ev);
		/* Not knowing what HEAD is must not read as "safe". */
		return !cur || (*cur && ruleset_branch_is_protected(ev->set,
								    cur));
	}
	return ruleset_branch_is_protected(ev->set, ref);
}

/* Options of `git push` that take a separate value. */
static bool push_opt_takes_value(const char *a)
{
	return !strcmp(a, "-o") || !strcmp(a, "--push-option") ||
	       !strcmp(a, "--receive-pack") || !strcmp(a, "--exec") ||
	       !strcmp(a, "--repo");
}

/* The canonical form: operands and options read with git push's grammar
 * (--mir, -fd, --repo=x, git -c remote.x.mirror=true). */
static bool git_push_protected_canon(struct eval *ev,
				     const struct argv_canon *c)
{
	size_t i;
	const char *cur;

	if (canon_set(c, "all") || canon_set(c, "mirror") ||
	    canon_set(c, "branches"))
		return true;
	for (i = 1; i < c->noperands; i++) {
		const char *a = c->operands[i], *dst;

		if (*a == '+')
			a++;
		dst = strrchr(a, ':');
		dst = dst ? dst + 1 : a;
		if (*dst == '+')
			dst++;
		if (*dst && ref_protected(ev, dst))
			return true;
	}
	if (c->noperands > 1)
		return false;
	cur = current_branch(ev);
	if (!cur)
		return true;
	return *cur && ruleset_branch_is_protected(ev->set, cur);
}

static bool git_push_protected(struct eval *ev, const struct subject *s,
			       const struct argv_canon *c)
{
	size_t i;
	int operands = 0, refspecs = 0;
	bool opts = true, all = false;
	const char *cur;

	if (c && c->grammar && c->sub && !strcmp(c->sub, "push"))
		return git_push_protected_canon(ev, c);
	if (!s->program || strcmp(s->program, "git") || !s->subcommand ||
	    strcmp(s->subcommand, "push"))
		return false;
	/* Skip to the word after "push". */
	for (i = 0; i < s->args.n && strcmp(s->args.v[i], "push"); i++)
		;
	for (i++; i < s->args.n; i++) {
		const char *a = s->args.v[i], *dst;

		if (opts && !strcmp(a, "--")) {
			opts = false;
			continue;
		}
		if (opts && a[0] == '-' && a[1]) {
			if (!strcmp(a, "--all") || !strcmp(a, "--mirror") ||
			    !strcmp(a, "--branches"))
				all = true;
			if (push_opt_takes_value(a))
				i++;
			continue;
		}
		if (operands++ == 0)
			continue;	/* the remote */
		refspecs++;
		if (*a == '+')
			a++;
		dst = strrchr(a, ':');
		dst = dst ? dst + 1 : a;
		if (!*dst)
			continue;
		if (ref_protected(ev, dst))
			return true;
	}
	if (all)
		return true;
	if (refspecs)
		return false;
	/* No refspec: git pushes the current branch (push.default simple,
	 * upstream or current all push it). */
	cur = current_branch(ev);
	if (!cur)
		return true;
	return *cur && ruleset_branch_is_protected(ev->set, cur);
}

/* Whether the repository found from the command's cwd is the one it
 * works on: the cwd is known (git -C moved it already) and no --git-dir
 * or --work-tree points elsewhere. */
static bool repo_known(const struct subject *s, const struct argv_canon *c)
{
	size_t i;

	if (!s->cwd || *s->cwd != '/')
		return false;
	for (i = 0; i < c->nopts; i++)
		if (c->opts[i].global && (!strcmp(c->opts[i].name, "git-dir") ||
					  !strcmp(c->opts[i].name, "work-tree")))
			return false;
	return true;
}

/* `git update-ref REF NEW` and `git branch -f NAME`, `-M OLD NEW`, `-C`:
 * the branch the command overwrites, when it is protected.  Deleting a
 * ref is another rule's (update-ref -d, branch -D); a command read
 * without its grammar cannot be placed and is left to those rules. */
static bool git_ref_protected(struct eval *ev, const struct subject *s,
			      const struct argv_canon *c)
{
	const char *ref, *cur;

	if (!c || !c->grammar || !c->sub || !c->noperands)
		return false;
	if (!strcmp(c->sub, "update-ref")) {
		if (canon_set(c, "-d"))
			return false;
		ref = c->operands[0];
		if (!strcmp(ref, "HEAD"))
			return !canon_set(c, "no-deref") &&
			       ref_protected(ev, ref);
		return !strncmp(ref, "refs/heads/", 11) &&
		       ref_protected(ev, ref);
	}
	if (strcmp(c->sub, "branch") || canon_set(c, "delete") ||
	    canon_set(c, "-D") || canon_set(c, "list"))
		return false;
	if (canon_set(c, "-M") || canon_set(c, "-C") ||
	    ((canon_set(c, "move") || canon_set(c, "copy")) &&
	     canon_set(c, "force")))
		ref = c->operands[c->noperands - 1];
	else if (canon_set(c, "force") && !canon_set(c, "move") &&
		 !canon_set(c, "copy"))
		ref = c->operands[0];
	else
		return false;
	if (!ruleset_branch_is_protected(ev->set, ref))
		return false;
	/* `git branch -M main` right after `git init` names the first
	 * branch: nothing is overwritten when no such branch exists, or when
	 * it is the branch being renamed.  Another repository (-C, --git-dir)
	 * or a cwd not known: assume it exists. */
	if (!repo_known(s, c))
		return true;
	if (c->noperands == 1 && (canon_set(c, "-M") || canon_set(c, "-C"))) {
		cur = gitfacts_current_branch(ev->a, s->cwd);
		if (cur && !strcmp(cur, ref))
			return false;
	}
	return gitfacts_branch_exists(s->cwd, ref) != 0;
}

/* `git reset --hard REV`: whether it moves the branch, that is REV is
 * not the commit HEAD is on (a ref naming the same commit, as after a
 * fetch with nothing new, moves nothing).  REV that cannot be resolved
 * here (HEAD~1, another repository) is taken to move it. */
static bool git_reset_moves(const struct subject *s,
			    const struct argv_canon *c)
{
	const char *t;

	if (!c || !c->grammar || !c->sub || strcmp(c->sub, "reset") ||
	    !canon_set(c, "hard") || !c->noperands)
		return false;
	t = c->operands[0];
	if (!strcmp(t, "HEAD") || !strcmp(t, "@"))
		return false;
	if (!repo_known(s, c))
		return true;
	return gitfacts_same_commit(s->cwd, t, "HEAD") != 1;
}

/* ---- one condition set against one subject ---- */

static bool judges_arguments(const struct cond *c)
{
	return c->args.pattern || c->path.pattern || c->line.pattern ||
	       c->redirect.pattern || c->code.pattern || c->subcommand ||
	       c->option.pattern || c->canon.pattern ||
	       c->input_from || c->git_push_protected ||
	       c->git_ref_protected || c->git_reset_moves || c->effect_ops ||
	       c->db_ops;
}

/* Effects are computed for the whole call at once, in order (a
 * location made by an earlier command is known to later ones), the
 * first time an effect condition is reached. */
static int need_effects(struct eval *ev)
{
	struct effect_env env;

	if (ev->effects_done)
		return 0;
	ev->effects_done = true;
	memset(&env, 0, sizeof(env));
	env.home = ev->call->home;
	env.home_alt = ev->call->home_alt;
	env.tilde = ev->call->tilde;
	env.cwd = ev->call->cwd;
	env.tmpdir = getenv("TMPDIR");
	env.no_fs = ev->call->lexical;
	return effect_compute((struct subject_list *)&ev->call->subjects,
			      ev->a, &env, ev->d);
}

static const struct effect *effect_hit(const struct cond *c,
				       const struct subject *s)
{
	size_t i;

	if (!s->effects)
		return NULL;
	for (i = 0; i < s->effects->n; i++) {
		const struct effect *e = &s->effects->v[i];

		if ((c->effect_ops & (1u << e->op)) &&
		    (c->effect_classes & e->classes))
			return e;
	}
	return NULL;
}

#define TRY(expr)						\
	do {							\
		int m_ = (expr);				\
		if (m_ <= 0)					\
			return m_;				\
	} while (0)

static int cond_match(struct eval *ev, struct cond *c, const struct subject *s)
{
	size_t i;
	bool cmd = s->kind == SUBJECT_COMMAND;
	const struct argv_canon *cv = NULL;
	int error;

	/* Cheap structural conditions first.  A computed program name
	 * ($CMD, $(…)) could be any program, so it stands for every program
	 * list, but only in rules that also judge what the command is given:
	 * a rule on the name alone ("env" with no arguments) would otherwise
	 * fire on every computed name. */
	if (c->program && (!cmd || (s->program_dynamic ?
				    !judges_arguments(c) :
				    !list_has(c->program, s->program))))
		return 0;
	if (cmd && (error = canon_of(&cv, ev, s)) < 0)
		return error;
	if (c->subcommand && (!cmd || !list_has(c->subcommand,
						subcommand_of(cv, s))))
		return 0;
	if (c->via && (!cmd || !list_meets(c->via, &s->via)))
		return 0;
	if (c->input_from && (!cmd || !list_meets(c->input_from,
						  &s->input_from)))
		return 0;
	if (c->input_true && !list_meets(c->input_true, &s->true_inputs))
		return 0;
	for (i = 0; i < c->nflags; i++)
		if (!cmd || !(cv && cv->grammar ?
			      flag_canon(&c->flags[i], cv) :
			      flag_present(&c->flags[i], &s->args)))
			return 0;
	if (c->git_push_protected && (!cmd || !git_push_protected(ev, s, cv)))
		return 0;
	if (c->git_ref_protected && (!cmd || !git_ref_protected(ev, s, cv)))
		return 0;
	if (c->git_reset_moves && (!cmd || !git_reset_moves(s, cv)))
		return 0;
	if (c->db_ops && !(c->db_ops & s->db_ops))
		return 0;
	if (c->holds_secret && !s->holds_secret)
		return 0;
	if (c->effect_ops) {
		if ((error = need_effects(ev)) < 0)
			return error;
		if (!effect_hit(c, s))
			return 0;
	}
	/* Then regexes, compiled on first use. */
	if (c->args.pattern)
		TRY(cmd ? rx_match_any(ev, &c->args, &s->args) : 0);
	if (c->path.pattern)
		TRY(match_paths(ev, &c->path, s));
	if (c->redirect.pattern)
		TRY(cmd ? match_redirect(ev, &c->redirect, s) : 0);
	if (c->line.pattern)
		TRY(cmd ? rx_match(ev, &c->line, s->line) : 0);
	if (c->option.pattern)
		TRY(cmd ? match_option(ev, &c->option, cv, s) : 0);
	if (c->canon.pattern)
		TRY(cmd ? rx_match(ev, &c->canon, cv ? cv->line : s->line) :
			  0);
	if (c->code.pattern)
		TRY(cmd ? rx_match_any(ev, &c->code, &s->code) : 0);
	if (c->url.pattern)
		TRY(rx_match(ev, &c->url, s->url));
	if (c->host.pattern)
		TRY(match_host(ev, &c->host, s));
	if (c->mcp_server.pattern)
		TRY(rx_match(ev, &c->mcp_server, s->mcp_server));
	if (c->mcp_tool.pattern)
		TRY(rx_match(ev, &c->mcp_tool, s->mcp_tool));
	if (c->mcp_action.pattern)
		TRY(rx_match(ev, &c->mcp_action, s->mcp_action));
	if (c->strings.pattern)
		TRY(rx_match_any(ev, &c->strings, &s->strings));
	if (c->content.pattern)
		TRY(rx_match(ev, &c->content, s->content));
	return 1;
}

/* Keyword prefilter: does any keyword occur in the subject's text? */
static bool keywords_hit(const struct rule *r, const struct subject *s)
{
	const char *kw;
	size_t i;

	if (!r->keywords[0])
		return true;
	packed_for_each(kw, r->keywords) {
		if (s->kind == SUBJECT_COMMAND) {
			if (s->line && strstr(s->line, kw))
				return true;
			for (i = 0; i < s->nredirects; i++)
				if (strstr(s->redirects[i].target, kw))
					return true;
			for (i = 0; i < s->code.n; i++)
				if (strstr(s->code.v[i], kw))
					return true;
			continue;
		}
		for (i = 0; i < s->paths.n; i++)
			if (strstr(s->paths.v[i], kw))
				return true;
		/* A literal search of written content is far cheaper than the
		 * rule's regex over it (1 MB: ~0.3 M vs ~10 M instructions). */
		if (s->content && strstr(s->content, kw))
			return true;
		for (i = 0; i < s->strings.n; i++)
			if (strstr(s->strings.v[i], kw))
				return true;
		if ((s->url && strstr(s->url, kw)) ||
		    (s->host && strstr(s->host, kw)) ||
		    (s->mcp_server && strstr(s->mcp_server, kw)) ||
		    (s->mcp_tool && strstr(s->mcp_tool, kw)) ||
		    (s->mcp_action && strstr(s->mcp_action, kw)))
			return true;
	}
	return false;
}

/* A named rule on a program's arguments does not apply when the program,
 * read with its grammar, only prints help or makes a dry run (`git push
 * -n -f`, `git reset --hard --help`, `kubectl delete ns x
 * --dry-run=server`): 1 then.  Effect rules are not named rules, and
 * the shell's own redirects still write, so a rule that looks at them is
 * kept. */
static int inert_for(struct eval *ev, const struct rule *r,
		     const struct subject *s)
{
	const struct argv_canon *cv;
	const struct cond *c = r->match;
	int error;

	if (s->kind != SUBJECT_COMMAND || r->effect_ops || c->effect_ops ||
	    !c->program || c->redirect.pattern ||
	    (c->path.pattern && s->nredirects))
		return 0;
	if ((error = canon_of(&cv, ev, s)) < 0)
		return error;
	return cv && (cv->flags & ARGV_INERT) ? 1 : 0;
}

/* The tool whose rules judge a subject: its own.  A command an MCP
 * server runs for the call is judged like a Bash command, a file it
 * writes like a Write. */
static const char *tool_of(const struct eval *ev, const struct subject *s)
{
	return s->tool ? s->tool : ev->call->tool;
}

/* 1 when rule r fires on subject s, 0 when not, <0 on error.  for_tool:
 * r is known to be for the subject's tool (ruleset_programless chose it). */
static int rule_fires(struct eval *ev, struct rule *r, const struct subject *s,
		      bool for_tool)
{
	size_t i;
	int m, error;

	/* A database rule is reached only by statements that do it. */
	if (r->db_ops && !(r->db_ops & s->db_ops))
		return 0;
	if (!rule_enabled(r) ||
	    (!for_tool && !rule_applies_to_tool(r, tool_of(ev, s))))
		return 0;
	if (!keywords_hit(r, s))
		return 0;
	/* A `subcommand` in `match` is known without parsing the rule. */
	if (r->subcommands[0]) {
		const char *sc, *sub = s->subcommand;
		bool named = false;

		if (s->kind == SUBJECT_COMMAND) {
			const struct argv_canon *cv;

			if ((error = canon_of(&cv, ev, s)) < 0)
				return error;
			sub = subcommand_of(cv, s);
		}
		packed_for_each(sc, r->subcommands)
			if (sub && !strcmp(sc, sub)) {
				named = true;
				break;
			}
		if (!named)
			return 0;
	}
	/* An effect rule is reached only by a subject with such an effect:
	 * known before its JSON is parsed. */
	if (r->effect_ops) {
		struct cond pre;

		if ((error = need_effects(ev)) < 0)
			return error;
		pre.effect_ops = r->effect_ops;
		pre.effect_classes = r->effect_classes;
		if (!effect_hit(&pre, s))
			return 0;
	}
	ev->rule = r;
	if ((error = rule_build(r, ev->d)) < 0)
		return error;
	if ((m = inert_for(ev, r, s)) != 0)
		return m < 0 ? m : 0;
	if ((m = cond_match(ev, r->match, s)) <= 0)
		return m;
	for (i = 0; i < r->nunless; i++)
		if ((m = cond_match(ev, &r->unless[i], s)) != 0)
			return m < 0 ? m : 0;
	return 1;
}

static void add_hit(struct verdict *v, const struct rule *r,
		    const struct subject *s)
{
	size_t i;

	/* The decision is raised first: the list of hits is capped for
	 * display, the verdict must not be. */
	if (r->decision > v->decision)
		v->decision = r->decision;
	for (i = 0; i < v->nhits; i++)
		if (v->hits[i].rule == r)
			return;
	if (v->nhits >= VERDICT_MAX_HITS) {
		/* Keep a deny visible in the list when asks filled it. */
		if (r->decision != DECISION_DENY)
			return;
		for (i = 0; i < v->nhits; i++)
			if (v->hits[i].decision != DECISION_DENY)
				break;
		if (i == v->nhits)
			return;
		v->hits[i].rule = r;
		v->hits[i].subject = s;
		v->hits[i].decision = r->decision;
		return;
	}
	v->hits[v->nhits].rule = r;
	v->hits[v->nhits].subject = s;
	v->hits[v->nhits].decision = r->decision;
	v->nhits++;
}

static int judge_rules(struct eval *ev, struct verdict *v,
		       struct rule *const *rules, size_t n,
		       const struct subject *s, bool for_tool)
{
	size_t i;
	int m;

	for (i = 0; i < n; i++) {
		if ((m = rule_fires(ev, rules[i], s, for_tool)) < 0)
			return m;
		if (m && !ruleset_exception_applies(ev->set, rule_id(rules[i]),
						      s))
			add_hit(v, rules[i], s);
	}
	return 0;
}

static int judge_subject(struct eval *ev, struct verdict *v,
			 const struct subject *s)
{
	struct rule *const *rules;
	size_t n;
	int error;

	if (s->kind == SUBJECT_COMMAND && s->program) {
		if (s->program_dynamic)
			rules = ruleset_all(ev->set, &n);
		else
			rules = ruleset_by_program(ev->set, s->program, &n);
		if (!rules)
			return diag_set(ev->d, CV_ENOMEM, "out of memory");
		if (n && (error = judge_rules(ev, v, rules, n, s, false)) < 0)
			return error;
		if (s->program_dynamic)
			return 0;	/* all rules were just tried */
	}
	rules = ruleset_programless(ev->set, tool_of(ev, s), &n);
	if (!rules)
		return diag_set(ev->d, CV_ENOMEM, "out of memory");
	return judge_rules(ev, v, rules, n, s, true);
}

/* ---- verdicts ---- */

static int cmp_hits(const void *a, const void *b)
{
	const struct verdict_hit *x = a, *y = b;

	if (x->decision != y->decision)
		return (int)y->decision - (int)x->decision;
	if (rule_severity(x->rule) != rule_severity(y->rule))
		return (int)rule_severity(y->rule) -
		       (int)rule_severity(x->rule);
	return strcmp(rule_id(x->rule), rule_id(y->rule));
}

/* Options of checkout/restore/clean that take their value in the next
 * word (the value is not a pathspec; taking it for one only counts more). */
static bool stake_opt_value(const char *a)
{
	return !strcmp(a, "-b") || !strcmp(a, "-B") || !strcmp(a, "--orphan") ||
	       !strcmp(a, "-s") || !strcmp(a, "--source") || !strcmp(a, "-e") ||
	       !strcmp(a, "--exclude") || !strcmp(a, "--conflict");
}

/* The pathspecs a destructive git command limits itself to, as written
 * (relative to its cwd), into *paths: none for the whole tree (reset,
 * switch, checkout -f without "--", stash).  *tracked: a checkout from a
 * tree-ish (HEAD -- FILE) or a restore --source also discards what is
 * staged.  -1 when there are more than CV_MAX_STAKE_PATHS. */
static int stake_paths(const char ***paths, size_t *npaths, bool *tracked,
		       struct arena *a, const struct subject *s, bool force)
{
	const struct strlist *r = &s->raw_args;
	const char *sc = s->subcommand;
	size_t k, dashes = 0, before = 0;
	bool checkout, restore, clean;

	*paths = NULL;
	*npaths = 0;
	*tracked = false;
	if (!sc || r->n != s->args.n)
		return 0;
	checkout = !strcmp(sc, "checkout");
	restore = !strcmp(sc, "restore");
	clean = !strcmp(sc, "clean");
	if (!checkout && !restore && !clean)
		return 0;
	for (k = 0; k < r->n && strcmp(s->args.v[k], sc); k++)
		;
	if (!(*paths = arena_calloc(a, r->n + 1, sizeof(**paths))))
		return -1;
	for (k++; k < r->n; k++) {
		const char *w = r->v[k];

		if (!dashes && !strcmp(w, "--")) {
			dashes = 1;
			before = *npaths;
			continue;
		}
		if (!dashes && w[0] == '-' && w[1]) {
			if (restore && (!strcmp(w, "-s") ||
			    !strncmp(w, "--source", 8)))
				*tracked = true;
			if (stake_opt_value(w))
				k++;
			continue;
		}
		(*paths)[(*npaths)++] = w;
	}
	if (checkout && dashes && before > 0) {
		/* git checkout TREE-ISH -- PATH...: the tree-ish is no path,
		 * and the index is overwritten too. */
		memmove(*paths, *paths + before,
			(*npaths - before) * sizeof(**paths));
		*npaths -= before;
		*tracked = true;
	}
	/* checkout -f BRANCH throws away every change, whatever it names. */
	if (checkout && force && !dashes)
		*npaths = 0;
	return *npaths > CV_MAX_STAKE_PATHS ? -1 : 0;
}

/* The stake counted before the call runs is stale when an earlier
 * command of the same call moves stashed work (git stash, pop, apply):
 * `git stash && git stash drop` loses what the first one saved. */
static bool stash_earlier(const struct toolcall *call, const struct subject *s)
{
	size_t i, k;

	for (i = 0; i < call->subjects.n && call->subjects.v[i] != s; i++) {
		const struct subject *e = call->subjects.v[i];

		if (e->kind != SUBJECT_COMMAND || !e->program ||
		    (strcmp(e->program, "git") && !e->program_dynamic))
			continue;
		if (e->program_dynamic)
			return true;
		if (!e->subcommand || strcmp(e->subcommand, "stash"))
			continue;
		for (k = 0; k < e->args.n && strcmp(e->args.v[k], "stash"); k++)
			;
		if (k + 1 >= e->args.n || (strcmp(e->args.v[k + 1], "list") &&
		    strcmp(e->args.v[k + 1], "show")))
			return true;
	}
	return false;
}

/* A git command told to use another repository than the one around its
 * cwd: the stake the hook can count is not that repository's. */
static bool other_repo(const struct subject *s)
{
	size_t k;

	for (k = 0; k < s->args.n; k++) {
		const char *a = s->args.v[k];

		if (s->subcommand && !strcmp(a, s->subcommand))
			break;
		if (!strncmp(a, "--git-dir", 9) || !strncmp(a, "--work-tree", 11) ||
		    !strcmp(a, "-c") || !strncmp(a, "--namespace", 11))
			return true;
	}
	/* GIT_DIR=... git reset --hard, env GIT_WORK_TREE=... */
	return !s->text || strstr(s->text, "GIT_DIR") ||
	       strstr(s->text, "GIT_WORK_TREE") ||
	       strstr(s->text, "GIT_INDEX_FILE") ||
	       strstr(s->text, "GIT_COMMON_DIR");
}

/* Git rules that destroy uncommitted work say which kind in
 * "worktree_loss".  Once such a rule has matched (never before: it can
 * cost libgit2's start-up), count what is at stake, on the paths the
 * command names (none: the whole tree): with nothing to lose the rule
 * does not object (a clean tree: reset --hard only moves the branch,
 * and the reflog keeps where it was), with something to lose the
 * decision stays and the reason says how much.  Unknown (not a
 * repository, too big, another repository named, an earlier stash in
 * the same call): no change. */
static const char *weigh_worktree(struct verdict *v, struct arena *a,
				  const struct toolcall *call, struct diag *d)
{
	const char *note = NULL;
	size_t i, k, kept;
	bool relaxed = false;

	/* Rule examples are judged without the filesystem. */
	if (v->nhits >= VERDICT_MAX_HITS || call->lexical)
		return NULL;
	for (i = 0; i < v->nhits; i++) {
		struct verdict_hit *h = &v->hits[i];
		const struct subject *s = h->subject;
		const char *loss = jv_get_string(rule_json(h->rule),
						   "worktree_loss");
		const char *cwd, *what = NULL, **paths, *unknown;
		enum gitfacts_loss kind;
		size_t count = 0, npaths;
		bool tracked, force;

		if (!loss || !s || s->kind != SUBJECT_COMMAND)
			continue;
		/* The tracked cwd (NULL after a cd to a computed place). */
		if (!(cwd = s->cwd) || other_repo(s))
			goto unknown;
		kind = !strcmp(loss, "tracked") ? GITFACTS_LOSS_TRACKED :
		       !strcmp(loss, "unstaged") ? GITFACTS_LOSS_UNSTAGED :
		       !strcmp(loss, "stash") ? GITFACTS_LOSS_STASH :
		       GITFACTS_LOSS_UNTRACKED;
		/* Stashed work moved by the same call: as good as at stake. */
		if (stash_earlier(call, s))
			continue;
		/* (git -C DIR is in the tracked cwd already.)  clean -x/-X
		 * also removes ignored files. */
		if (kind == GITFACTS_LOSS_UNTRACKED)
			for (k = 0; k < s->args.n; k++)
				if (s->args.v[k][0] == '-' &&
				    s->args.v[k][1] != '-' &&
				    strpbrk(s->args.v[k], "xX"))
					kind = GITFACTS_LOSS_UNTRACKED_IGNORED;
		force = kind == GITFACTS_LOSS_TRACKED;
		if (stake_paths(&paths, &npaths, &tracked, a, s, force) < 0)
			goto unknown;
		if (tracked && kind == GITFACTS_LOSS_UNSTAGED)
			kind = GITFACTS_LOSS_TRACKED;
		if (kind == GITFACTS_LOSS_STASH)
			npaths = 0;
		if (gitfacts_work_at_stake(&count, &what, a, cwd, kind,
					   (const char *const *)paths, npaths,
					   d) < 0)
			goto unknown;
		if (count == 0) {
			/* Nothing to lose: no objection from this rule. */
			h->decision = DECISION_NONE;
			relaxed = true;
		} else if (what) {
			char *n = arena_alloc(a, strlen(what) + 24);
			if (n) {
				sprintf(n, "; %s would be lost", what);
				note = n;
			}
		}
		continue;
unknown:
		/* A rule on named files objects only to a proven loss. */
		unknown = jv_get_string(rule_json(h->rule), "worktree_unknown");
		if (unknown && !strcmp(unknown, "none")) {
			h->decision = DECISION_NONE;
			relaxed = true;
		}
	}
	if (relaxed) {
		v->decision = DECISION_NONE;
		for (i = kept = 0; i < v->nhits; i++) {
			if (v->hits[i].decision == DECISION_NONE)
				continue;
			if (v->hits[i].decision > v->decision)
				v->decision = v->hits[i].decision;
			v->hits[kept++] = v->hits[i];
		}
		v->nhits = kept;
		qsort(v->hits, v->nhits, sizeof(v->hits[0]), cmp_hits);
	}
	return note;
}

/* For an effect rule: which operand, resolved to what. */
static const char *effect_note(const struct verdict *v, struct arena *a)
{
	const struct rule *r = v->hits[0].rule;
	const struct effect *e;
	unsigned bit;
	char buf[600];

	if (r->built <= 0 || !r->match || !r->match->effect_ops ||
	    !v->hits[0].subject ||
	    !(e = effect_hit(r->match, v->hits[0].subject)))
		return NULL;
	if (e->classes & ECL_UNRESOLVED) {
		snprintf(buf, sizeof(buf), "; the target is computed at run "
			 "time: `%.200s`", e->word);
		return arena_strdup(a, buf);
	}
	for (bit = 1; bit && !(bit & e->classes & r->match->effect_classes);
	     bit <<= 1)
		;
	snprintf(buf, sizeof(buf), "; `%.200s` is %.300s (%s)", e->word,
		 e->path ? e->path : "a pattern", effect_class_name(bit));
	return arena_strdup(a, buf);
}

/* For a database rule: the statement that does it. */
static const char *db_note(const struct verdict *v, struct arena *a)
{
	const struct rule *r = v->hits[0].rule;
	const struct subject *s = v->hits[0].subject;
	char buf[200];
	size_t i, n = 0;

	if (!r->db_ops || !s || !s->db_what)
		return NULL;
	n = (size_t)snprintf(buf, sizeof(buf), "; `");
	for (i = 0; s->db_what[i] && n < 100; i++) {
		char c = s->db_what[i];

		/* one line, whitespace folded */
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (c == ' ' && n && buf[n - 1] == ' ')
			continue;
		buf[n++] = c;
	}
	if (s->db_what[i])
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "...");
	snprintf(buf + n, sizeof(buf) - n, "`");
	return arena_strdup(a, buf);
}

static void make_reason(struct verdict *v, struct arena *a, const char *note)
{
	const struct rule *r = v->hits[0].rule;
	char buf[1024], more[256] = "";
	size_t i, off = 0;

	for (i = 1; i < v->nhits && off < sizeof(more) - 40; i++)
		off += (size_t)snprintf(more + off, sizeof(more) - off,
					"%s%s", i == 1 ? " (also: " : ", ",
					rule_id(v->hits[i].rule));
	if (off)
		snprintf(more + off, sizeof(more) - off, ")");
	snprintf(buf, sizeof(buf), "ccveto %s [%s]: %s%s. Why: %s. Instead: "
		 "%s%s", v->decision == DECISION_DENY ? "blocked this" :
		 "wants a human to confirm this", rule_id(r), rule_title(r),
		 note ? note : "", rule_why(r), rule_instead(r), more);
	v->reason = arena_strdup(a, buf);
	if (!v->reason)
		v->reason = "ccveto: blocked (out of memory while explaining)";
}

void judge_fail_closed(struct verdict *out, struct arena *a, int error,
		       const char *what)
{
	char buf[CV_DIAG_MAX + 160];

	memset(out, 0, sizeof(*out));
	out->decision = DECISION_DENY;
	out->error = error < 0 ? error : CV_EINVAL;
	snprintf(buf, sizeof(buf), "ccveto blocked this call because it "
		 "could not judge it safely (fail closed): %s", what);
	out->reason = a ? arena_strdup(a, buf) : NULL;
	if (!out->reason)
		out->reason = "ccveto blocked this call because it could not "
			      "judge it safely (fail closed)";
}

static int eval_init(struct eval *ev, struct ruleset *set,
		     const struct toolcall *call, struct arena *a,
		     struct diag *d)
{
	memset(ev, 0, sizeof(*ev));
	ev->set = set;
	ev->call = call;
	ev->a = a;
	ev->d = d;
	clock_gettime(CLOCK_MONOTONIC, &ev->start);
	ev->mctx = pcre2_match_context_create(NULL);
	ev->md = pcre2_match_data_create(1, NULL);
	if (!ev->mctx || !ev->md)
		return diag_set(d, CV_ENOMEM, "out of memory");
	pcre2_set_match_limit(ev->mctx, CV_PCRE2_MATCH_LIMIT);
	pcre2_set_depth_limit(ev->mctx, CV_PCRE2_DEPTH_LIMIT);
	pcre2_set_heap_limit(ev->mctx, CV_PCRE2_HEAP_LIMIT_KB);
	return 0;
}

static void eval_release(struct eval *ev)
{
	pcre2_match_data_free(ev->md);
	pcre2_match_context_free(ev->mctx);
}

/* A command whose program is a variable's value when it runs ($CMD,
 * "${VENV}/bin/$TOOL", eval "$X"): no rule can say what it does, so it
 * is not silently allowed.  A name printed by a command ("$(brew shellenv)",
 * `eval "$(ssh-agent -s)"`) is as trusted as that command, which is
 * judged itself. */
static const struct subject *computed_program(const struct toolcall *call)
{
	size_t i;

	for (i = 0; i < call->subjects.n; i++) {
		const struct subject *s = call->subjects.v[i];
		const char *base;

		if (s->kind != SUBJECT_COMMAND || !s->program_dynamic ||
		    s->program_subst)
			continue;
		/* "$DIR/scripts/start.sh": the program's name is known. */
		base = strrchr(s->program, '/');
		base = base ? base + 1 : s->program;
		if (*base && !strpbrk(base, "$`"))
			continue;
		return s;
	}
	return NULL;
}

int judge_call(struct verdict *out, struct arena *a, struct ruleset *set,
	       const struct toolcall *call, struct diag *d)
{
	const struct subject *dyn;
	struct eval ev;
	const char *note = NULL;
	size_t i;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = eval_init(&ev, set, call, a, d)) < 0)
		goto fail;
	for (i = 0; i < call->subjects.n; i++)
		if ((error = judge_subject(&ev, out, call->subjects.v[i])) < 0)
			goto fail;
	eval_release(&ev);
	if (out->nhits) {
		qsort(out->hits, out->nhits, sizeof(out->hits[0]), cmp_hits);
		/* May drop the hits of a git rule with nothing at stake. */
		note = weigh_worktree(out, a, call, d);
	}
	if (out->nhits) {
		if (!note)
			note = effect_note(out, a);
		make_reason(out, a, note ? note : db_note(out, a));
	} else if ((dyn = computed_program(call))) {
		char buf[300];

		out->decision = DECISION_ASK;
		snprintf(buf, sizeof(buf), "runs a command whose name is only "
			 "known when it runs (%.60s%s): ccveto cannot tell what "
			 "it does; review it before it runs", dyn->program,
			 strlen(dyn->program) > 60 ? "..." : "");
		out->reason = arena_strdup(a, buf);
		if (!out->reason)
			out->reason = "runs a command whose name is only known "
				      "when it runs";
	} else if (call->subjects.parse_incomplete) {
		char buf[300];

		/* bash would refuse the text, but may first run the lines
		 * before the problem: let a human look. */
		out->decision = DECISION_ASK;
		snprintf(buf, sizeof(buf), "ccveto could not fully parse this "
			 "command (%s); review it before it runs",
			 call->subjects.parse_problem ?
			 call->subjects.parse_problem : "syntax error");
		out->reason = arena_strdup(a, buf);
		if (!out->reason)
			out->reason = "ccveto could not fully parse this command";
	}
	return 0;
fail:
	eval_release(&ev);
	judge_fail_closed(out, a, error, d ? d->msg : "internal error");
	return error;
}

int judge_rule_matches(struct ruleset *set, const struct rule *r,
		       const struct toolcall *call, struct diag *d)
{
	struct eval ev;
	struct arena a;
	size_t i;
	int m = 0, error;

	arena_init(&a);
	if ((error = eval_init(&ev, set, call, &a, d)) < 0) {
		m = error;
		goto done;
	}
	for (i = 0; i < call->subjects.n && m == 0; i++)
		m = rule_fires(&ev, (struct rule *)r, call->subjects.v[i],
			       false);
done:
	eval_release(&ev);
	arena_release(&a);
	return m;
}

/* Compiles every regex of a rule: the self-test's check that a rule is
 * usable before any call reaches it. */
int judge_rule_compile(const struct rule *r, struct diag *d)
{
	return rule_compile((struct rule *)r, d);
}
