/* check.c - the toolbox the check modules share, see audit_int.h:
 * findings (audit_emit), secrets, excerpts and URLs, and the facts about
 * a shell command found in a config, read with the hook's own shell
 * parser and judged with its rule packs.
 *
 * Security invariant: every value a finding prints goes through
 * audit_excerpt()/audit_redact(), so a secret is never printed whole;
 * commands are parsed, never run. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "audit/audit_int.h"
#include "judge/judge.h"
#include "judge/toolcall.h"
#include "rules/ruleset.h"
#include "shell/subject.h"
#include "util/redact.h"
#include "util/text.h"

#define NOMEM(d) diag_nomem(d)

/* ---- kinds and scopes by name ---- */

static const char *const kind_names[] = {
	"unknown", "settings", "claude-json", "mcp", "vscode-mcp",
	"devcontainer", "yarnrc",
};
static const char *const scope_names[] = {
	"managed", "flag", "local", "project", "user",
};

const char *audit_kind_name(enum audit_kind k)
{
	return (unsigned)k < sizeof(kind_names) / sizeof(kind_names[0]) ?
		kind_names[k] : "?";
}

const char *audit_scope_name(enum audit_scope s)
{
	return (unsigned)s < 5 ? scope_names[s] : "?";
}

int audit_scope_parse(enum audit_scope *out, const char *name)
{
	int i;

	for (i = 0; i < 5; i++)
		if (!strcmp(name, scope_names[i])) {
			*out = (enum audit_scope)i;
			return 0;
		}
	return CV_EUSAGE;
}

int audit_kind_parse(enum audit_kind *out, const char *name)
{
	size_t i;

	for (i = 1; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(name, kind_names[i])) {
			*out = (enum audit_kind)i;
			return 0;
		}
	if (!strcmp(name, "desktop") || !strcmp(name, "cursor-mcp")) {
		*out = AK_MCP;
		return 0;
	}
	return CV_EUSAGE;
}

bool audit_repo_scope(const struct audit_file *f)
{
	return f->scope == SCOPE_PROJECT || f->scope == SCOPE_LOCAL;
}

/* ---- findings ---- */

void audit_emit(struct audit_ctx *c, const char *check, int sev,
		const struct jl_node *n, bool at_key, const char *fmt, ...)
{
	struct audit_result *r = c->r;
	const struct check_info *ci = check_find(check);
	struct finding *f, *v;
	char msg[1024];
	va_list ap;

	if (c->error || !ci)
		return;
	if (sev < 0) {
		sev = (int)ci->severity;
		if (c->f->scope == SCOPE_USER || c->f->scope == SCOPE_FLAG)
			sev = (int)severity_lower(ci->severity, 1);
		else if (c->f->scope == SCOPE_MANAGED)
			sev = SEVERITY_INFO;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v = arena_grow(&r->arena, r->findings.v, &r->findings.cap,
		       sizeof(*v), r->findings.n + 1);
	if (!v) {
		c->error = NOMEM(c->d);
		return;
	}
	r->findings.v = v;
	f = &v[r->findings.n];
	memset(f, 0, sizeof(*f));
	f->check = ci;
	f->severity = (enum severity)sev;
	f->file = c->f->path;
	f->scope = audit_scope_name(c->f->scope);
	f->fix = ci->fix;
	f->pointer = "";
	if (n) {
		const struct jl_pos *p = at_key && n->key ? &n->keypos :
			&n->pos;

		f->line = p->line;
		f->column = p->col;
		f->pointer = jl_pointer(&r->arena, n);
	}
	f->message = arena_strdup(&r->arena, msg);
	if (!f->message || !f->pointer) {
		c->error = NOMEM(c->d);
		return;
	}
	r->findings.n++;
	c->f->nfindings++;
}

/* ---- strings: secrets, excerpts, URLs ---- */

const char *audit_redact(struct arena *a, const char *value, size_t len)
{
	char tmp[64];
	size_t k = len < 4 ? 0 : 4, i;

	/* Never more than 4 characters, and only printable ones. */
	for (i = 0; i < k; i++)
		if ((unsigned char)value[i] < 0x20 ||
		    (unsigned char)value[i] >= 0x7f)
			k = i;
	snprintf(tmp, sizeof(tmp), "%.*s... (%zu chars)", (int)k, value, len);
	return arena_strdup(a, tmp);
}

const char *audit_excerpt(struct arena *a, const char *s, size_t len)
{
	struct buf b = BUF_INIT, o = BUF_INIT;
	const char *out = NULL;
	size_t i, max = 80;

	if (redact(&b, s, len) < 0)
		goto done;
	for (i = 0; i < b.len && o.len < max; i++) {
		unsigned char ch = (unsigned char)b.data[i];

		if (ch == '\n')
			buf_puts(&o, "\\n");
		else if (ch < 0x20 || ch == 0x7f)
			buf_printf(&o, "\\x%02x", ch);
		else
			buf_putc(&o, (char)ch);
	}
	/* Do not cut a UTF-8 sequence in half. */
	while (i < b.len && o.len &&
	       ((unsigned char)b.data[i] & 0xC0) == 0x80) {
		buf_putc(&o, b.data[i]);
		i++;
	}
	if (i < b.len)
		buf_puts(&o, "...");
	if (o.data)
		out = arena_strdup(a, o.data);
	else
		out = "";
done:
	buf_release(&b);
	buf_release(&o);
	return out ? out : "";
}

static bool ci_contains(const char *s, const char *needle)
{
	return strcasestr(s, needle) != NULL;
}

/* Placeholders and references are not secrets. */
static bool looks_placeholder(const char *v, size_t len)
{
	static const char *const words[] = {
		"your", "xxx", "<", "changeme", "example", "placeholder",
		"dummy", "redacted", "...", "***", "replace", "insert", "todo",
		"here", "test", "fake", "sample", NULL,
	};
	size_t i;

	if (len < 8 || strchr(v, '$') || strchr(v, '{'))
		return true;
	for (i = 0; words[i]; i++)
		if (ci_contains(v, words[i]))
			return true;
	return false;
}

static bool high_entropy(const char *v, size_t len)
{
	int lower = 0, upper = 0, digit = 0;
	size_t i;

	if (len < 16 || len > 512)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)v[i];

		if (islower(ch))
			lower = 1;
		else if (isupper(ch))
			upper = 1;
		else if (isdigit(ch))
			digit = 1;
		else if (ch == ' ' || ch == '/' || ch == ':')
			return false;	/* a sentence, path or URL */
	}
	return lower + upper + digit >= 2 && digit;
}

const char *audit_secret_kind(const char *name, const char *v, size_t len)
{
	const char *p;

	if (!v || !len)
		return NULL;
	if (text_prefix(v, "Bearer ") || text_prefix(v, "bearer ")) {
		v += 7;
		len -= 7;
	}
	/* Provider formats: the one table, redact.c's, with its own test
	 * for examples and fillers. */
	if ((p = redact_key_at(v, len)) && !looks_placeholder(v, len))
		return p;
	/* A literal token after a flag: --api-key=XXXX, ?key=XXXX */
	if ((p = strstr(v, "key=")) || (p = strstr(v, "token=")))
		if (high_entropy(strchr(p, '=') + 1,
				 strcspn(strchr(p, '=') + 1, "&\" ")))
			return "credential in a URL or flag";
	if (name && (ci_contains(name, "KEY") || ci_contains(name, "TOKEN") ||
		     ci_contains(name, "SECRET") ||
		     ci_contains(name, "PASSWORD") ||
		     ci_contains(name, "PASSWD") ||
		     ci_contains(name, "AUTH")) &&
	    !ci_contains(name, "PATH") && !ci_contains(name, "FILE") &&
	    !looks_placeholder(v, len) && high_entropy(v, len))
		return "secret-named value";
	return NULL;
}

const char *audit_url_host(struct arena *a, const char *url)
{
	const char *h = text_url_host(a, url);

	return h ? h : "";
}

bool audit_host_loopback(const char *host)
{
	return !strcmp(host, "localhost") || text_prefix(host, "127.") ||
		!strcmp(host, "[::1]") || !strcmp(host, "0.0.0.0") ||
		!strcmp(host, "host.docker.internal") ||
		(strlen(host) > 10 &&
		 !strcmp(host + strlen(host) - 10, ".localhost"));
}

/* ---- env-style maps: settings env, MCP env, devcontainer containerEnv
 * and remoteEnv ---- */

static const char *const base_urls[] = {
	"ANTHROPIC_BASE_URL", "ANTHROPIC_BEDROCK_BASE_URL",
	"ANTHROPIC_VERTEX_BASE_URL", "ANTHROPIC_FOUNDRY_BASE_URL",
	"ANTHROPIC_AWS_BASE_URL", "ANTHROPIC_GOOGLE_CLOUD_BASE_URL",
	"ANTHROPIC_BEDROCK_MANTLE_BASE_URL", NULL,
};

static bool official_host(const char *h)
{
	size_t n = strlen(h);

	return !strcmp(h, "api.anthropic.com") ||
		(n > 15 && text_ends_with(h, ".googleapis.com")) ||
		(text_prefix(h, "bedrock") &&
		 text_ends_with(h, ".amazonaws.com")) ||
		audit_host_loopback(h);
}

/* CC046: variables that retarget a hook or the guard, or switch off one
 * of Claude Code's own checks.  Claude Code hands a project's "env" to
 * every hook it starts (and to every tool call), so a repository could
 * move a hook's config, home, shell or libraries, or turn checks off.
 * A name ending in '_' is a prefix.  Names a CC043 entry above already
 * reports (PATH, LD_PRELOAD, BASH_ENV, ...) stay CC043: one finding per
 * key.  The CLAUDE_CODE_DISABLE_* names are those of 2.1.332 that switch
 * off a permission check, prompt, guard or hook; the others (terminal
 * title, telemetry, UI) change no safety property and stay quiet. */
static const struct {
	const char *name;
	int sev;		/* -1: the catalog's (high) */
	const char *what;	/* "the repository sets K, which ..." */
} retarget_env[] = {
	{ "CCVETO_", SEVERITY_CRITICAL, "moves ccveto's rules, config or log" },
	{ "XDG_", -1,
	  "moves where hooks and tools find their config and state" },
	{ "HOME", -1, "moves the home directory every hook and tool sees" },
	{ "PATH", -1, "changes which program a hook command runs" },
	{ "LD_", -1, "changes the libraries every hook loads" },
	{ "BASH_ENV", -1, "gives every hook's shell a script to run first" },
	{ "ENV", -1, "gives every hook's shell a script to run first" },
	{ "SHELL", -1, "changes the shell hooks and tools run in" },
	{ "TMPDIR", -1, "moves where hooks and tools write temporary files" },
	{ "CLAUDE_CODE_EVEN_MORE_DANGEROUSLY_SKIP_PERMISSIONS", SEVERITY_CRITICAL,
	  "switches off every permission check of Claude Code" },
	{ "CLAUDE_CODE_DISABLE_ADMIN_ENV_UNION", -1,
	  "stops managed settings' env from overriding" },
	{ "CLAUDE_CODE_DISABLE_DANGEROUS_RM_TIMEOUT", -1,
	  "switches off Claude Code's pause before a dangerous rm" },
	{ "CLAUDE_CODE_DISABLE_EXPORTED_VARIABLE_PROMPT", -1,
	  "switches off Claude Code's prompt for an exported variable" },
	{ "CLAUDE_CODE_DISABLE_HOOK_FORWARDING", -1,
	  "stops hooks being forwarded to subagents and background sessions" },
	{ "CLAUDE_CODE_DISABLE_INLINE_SHELL_RM_PROMPT", -1,
	  "switches off Claude Code's prompt for rm in an inline shell line" },
	{ "CLAUDE_CODE_DISABLE_MOUNTED_DRIVE_RM_PROMPT", -1,
	  "switches off Claude Code's prompt for rm on a mounted drive" },
	{ "CLAUDE_CODE_DISABLE_PERMISSION_PROMPT_NOTIFY_HOOKS", -1,
	  "switches off the hooks told about a permission prompt" },
	{ "CLAUDE_CODE_DISABLE_POWERSHELL_ALIAS_SHADOW_CHECK", -1,
	  "switches off Claude Code's PowerShell alias-shadowing check" },
	{ "CLAUDE_CODE_DISABLE_POWERSHELL_CMD_RM_DENY", -1,
	  "switches off Claude Code's deny of cmd rm in PowerShell" },
	{ "CLAUDE_CODE_DISABLE_POWERSHELL_LIBRARY_LOAD_GUARD", -1,
	  "switches off Claude Code's PowerShell library-load guard" },
	{ "CLAUDE_CODE_DISABLE_REDIRECT_CHECK", -1,
	  "switches off Claude Code's check of output redirections" },
	{ "CLAUDE_CODE_DISABLE_REDIRECT_DENY_RECHECK", -1,
	  "switches off Claude Code's recheck of denied redirections" },
	{ "CLAUDE_CODE_DISABLE_SUBSTITUTION_RM_PROMPT", -1,
	  "switches off Claude Code's prompt for rm inside a substitution" },
	{ "CLAUDE_CODE_DISABLE_ULTRAREVIEW_TRUST_CHECK", -1,
	  "switches off Claude Code's trust check before a review" },
};

/* The retarget_env entry for key k, or -1. */
static int retarget_index(const char *k)
{
	size_t i, n;

	for (i = 0; i < sizeof(retarget_env) / sizeof(retarget_env[0]); i++) {
		n = strlen(retarget_env[i].name);
		if (retarget_env[i].name[n - 1] == '_' ?
		    !strncmp(k, retarget_env[i].name, n) && k[n] :
		    !strcmp(k, retarget_env[i].name))
			return (int)i;
	}
	return -1;
}

void audit_check_env(struct audit_ctx *c, const struct jl_node *env,
		     const char *where)
{
	static const char *const inject[] = {
		"NODE_OPTIONS", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT",
		"BASH_ENV", "ENV", "ZDOTDIR", "PYTHONSTARTUP", "PERL5OPT",
		"RUBYOPT", "GIT_SSH_COMMAND", "CLAUDE_CODE_SHELL_PREFIX",
		"CLAUDE_CODE_GIT_BASH_PATH", "GIT_EXEC_PATH", "NODE_PATH",
		"PERL5LIB", "RUBYLIB", NULL,
	};
	static const char *const intercept[] = {
		"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
		"https_proxy", "all_proxy", "NODE_EXTRA_CA_CERTS",
		"SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE",
		"ANTHROPIC_CUSTOM_HEADERS", NULL,
	};
	const struct jl_node *e;

	if (!env)
		return;
	if (!jl_is(env, JL_OBJECT)) {
		audit_emit(c, "CC092", -1, env, false, "%s must be an object "
			   "of strings", where);
		return;
	}
	for (e = env->child; e; e = e->next) {
		const char *k = e->key, *v = jl_str(e);
		const char *kind;
		int ri;

		if (e->shadowed)
			continue;
		if (!v) {
			if (!jl_is(e, JL_NUMBER) && !jl_is(e, JL_BOOL))
				audit_emit(c, "CC092", -1, e, false, "%s "
					   "values must be strings", where);
			continue;
		}
		if ((kind = audit_secret_kind(k, v, e->len)))
			audit_emit(c, c->f->kind == AK_DEVCONTAINER ? "CC077" :
				   c->f->kind == AK_SETTINGS ? "CC041" :
				   "CC053", -1, e, false,
				   "%s.%s holds a literal %s: %s", where, k,
				   kind, audit_redact(&c->r->arena, v, e->len));
		if (audit_repo_scope(c->f) &&
		    c->f->kind == AK_SETTINGS) {
			if (text_in_list(k, base_urls)) {
				const char *h = audit_url_host(&c->r->arena,
							       v);

				if (!official_host(h))
					audit_emit(c, "CC040", -1, e, true,
						   "%s sends the API key to "
						   "\"%s\"", k,
						   audit_text(c, e));
			} else if (!strcmp(k, "CLAUDE_CODE_USE_GATEWAY")) {
				audit_emit(c, "CC040", -1, e, true, "the "
					   "repository routes API traffic "
					   "through a gateway");
			} else if (text_in_list(k, intercept) ||
				   (!strcmp(k, "NODE_TLS_REJECT_UNAUTHORIZED")
				    && !strcmp(v, "0")) ||
				   ((!strcmp(k, "OTEL_LOG_USER_PROMPTS") ||
				     !strcmp(k, "OTEL_LOG_TOOL_DETAILS")) &&
				    strcmp(v, "0") && strcmp(v, "false")) ||
				   ((text_prefix(k, "OTEL_EXPORTER_OTLP_") &&
				     (text_ends_with(k, "ENDPOINT") ||
				      text_ends_with(k, "HEADERS"))) &&
				    !audit_host_loopback(
					    audit_url_host(&c->r->arena, v)))) {
				audit_emit(c, "CC042", -1, e, true, "the "
					   "repository sets %s", k);
			} else if (text_in_list(k, inject) ||
				   text_prefix(k, "DYLD_") ||
				   text_prefix(k, "GIT_CONFIG_") ||
				   !strcmp(k, "PATH") ||
				   !strcmp(k, "PYTHONPATH")) {
				audit_emit(c, "CC043", !strcmp(k, "PATH") ||
					   !strcmp(k, "PYTHONPATH") ?
					   (int)SEVERITY_HIGH : -1, e, true,
					   "the repository sets %s for every "
					   "child process", k);
			} else if ((ri = retarget_index(k)) >= 0) {
				audit_emit(c, "CC046", retarget_env[ri].sev, e,
					   true, "the repository sets %s, which "
					   "%s", k,
					   retarget_env[ri].what);
			} else if (!strcmp(k, "DISABLE_AUTOUPDATER") ||
				   !strcmp(k, "DISABLE_UPDATES") ||
				   !strcmp(k, "CLAUDE_CONFIG_DIR")) {
				audit_emit(c, "CC044", -1, e, true, "the "
					   "repository sets %s", k);
			}
		}
		if ((text_ends_with(k, "_URL") ||
		     text_ends_with(k, "_ENDPOINT") ||
		     text_ends_with(k, "_HOST")) &&
		    !text_ends_with(k, "PROXY") &&
		    text_prefix(v, "http://") &&
		    !audit_host_loopback(audit_url_host(&c->r->arena, v)))
			audit_emit(c, "CC045", -1, e, false, "%s uses cleartext "
				   "http to %s", k,
				   audit_url_host(&c->r->arena, v));
	}
}

/* A node for a message: a string's excerpt, else its JSON type. */
const char *audit_text(struct audit_ctx *c, const struct jl_node *n)
{
	if (!n)
		return "";
	if (n->type == JL_STRING)
		return audit_excerpt(&c->r->arena, n->s, n->len);
	return jl_type_name(n->type);
}

/* ---- commands ---- */

static const char *const fetchers[] = {
	"curl", "wget", "nc", "ncat", "netcat", "socat", "telnet", "aria2c",
	"iwr", "irm", "Invoke-WebRequest", "Invoke-RestMethod", "http",
	"https", "xh", "fetch", NULL,
};
static const char *const shells[] = {
	"sh", "bash", "zsh", "dash", "ksh", "fish", "python", "python3",
	"python2", "perl", "ruby", "node", "php", "iex", "Invoke-Expression",
	"pwsh", "powershell", "eval", "source", ".", "deno", "bun", NULL,
};
static const char *const runners[] = {
	"npx", "bunx", "uvx", "pipx", "pnpx", NULL,
};
static const char *const cred_paths[] = {
	"~/.ssh", "~/.aws", "~/.config/gcloud", "~/.kube", "~/.gnupg",
	"~/.netrc", "~/.docker/config.json", ".claude.json",
	".credentials.json", "~/.npmrc", "~/.pypirc", "id_rsa", "id_ed25519",
	"/etc/shadow", NULL,
};

/* Is a package spec pinned to an exact version?  pkg@1.2.3, @s/p@1.2.3,
 * pkg==1.2.3; a range, tag or no version is not. */
static bool spec_pinned(const char *spec)
{
	const char *at = strrchr(spec, '@'), *v;

	if ((v = strstr(spec, "==")))
		return isdigit((unsigned char)v[2]);
	if (!at || at == spec)
		return false;
	v = at + 1;
	if (!isdigit((unsigned char)*v))
		return false;
	for (; *v; v++)
		if (!isdigit((unsigned char)*v) && *v != '.' && *v != '-' &&
		    !isalpha((unsigned char)*v))
			return false;
	return !strchr(at, 'x') && !strchr(at, '*');
}

static void runner_facts(struct cmd_facts *o, const struct subject *s)
{
	size_t i = 0;
	const char *pkg = NULL, *from = NULL;
	bool pnpm = !strcmp(s->program, "pnpm") || !strcmp(s->program, "yarn");

	if (pnpm) {
		if (!s->args.n || strcmp(s->args.v[0], "dlx"))
			return;
		i = 1;
	} else if (!strcmp(s->program, "pipx")) {
		if (!s->args.n || strcmp(s->args.v[0], "run"))
			return;
		i = 1;
	}
	for (; i < s->raw_args.n; i++) {
		const char *a = s->raw_args.v[i];

		if (!strcmp(a, "--from") && i + 1 < s->raw_args.n) {
			from = s->raw_args.v[++i];
			continue;
		}
		if (!strcmp(a, "-p") || !strcmp(a, "--package")) {
			if (i + 1 < s->raw_args.n)
				pkg = s->raw_args.v[++i];
			continue;
		}
		if (a[0] == '-')
			continue;
		if (!pkg)
			pkg = a;
		break;
	}
	if (from) {
		if (text_prefix(from, "git+") || strstr(from, "://")) {
			const char *at = strrchr(from, '@');

			if (!at || strlen(at + 1) < 7) {
				o->remote_exec = true;
				o->what = "runs code from a git URL without a "
					"commit";
			}
			return;
		}
		pkg = from;
	}
	if (!pkg)
		return;
	if (text_prefix(pkg, "github:") || strstr(pkg, "://") ||
	    text_prefix(pkg, "git+")) {
		o->remote_exec = true;
		o->what = "runs code straight from a repository URL";
		return;
	}
	if (!spec_pinned(pkg)) {
		o->unpinned_runner = true;
		if (!o->what)
			o->what = "runs a registry package without an exact "
				"version";
	}
}

static void subject_facts(struct cmd_facts *o, const struct subject *s)
{
	const char *p = s->program;
	size_t i;

	if (!p)
		return;
	if (text_in_list(p, fetchers)) {
		o->fetch = true;
		if (!o->what)
			o->what = "downloads from the network";
	}
	for (i = 0; i < s->args.n; i++) {
		const char *a = s->args.v[i];
		size_t k;

		if (strstr(a, "/dev/tcp/") || strstr(a, "/dev/udp/"))
			o->fetch = true;
		for (k = 0; cred_paths[k]; k++)
			if (strstr(a, cred_paths[k])) {
				o->creds = true;
				if (!o->what)
					o->what = "reads credential files";
			}
		if (!strcmp(a, "--dangerously-skip-permissions"))
			o->dangerous_skip = true;
	}
	for (i = 0; i < s->nredirects; i++)
		if (s->redirects[i].target &&
		    strstr(s->redirects[i].target, "/dev/tcp/"))
			o->fetch = true;
	if (text_in_list(p, shells)) {
		for (i = 0; i < s->input_from.n; i++)
			if (text_in_list(s->input_from.v[i], fetchers) ||
			    !strcmp(s->input_from.v[i], "base64")) {
				o->pipe_to_shell = o->remote_exec = true;
				o->what = "pipes downloaded or decoded data "
					"into an interpreter";
			}
		for (i = 0; i < s->args.n; i++)
			if (!strcmp(s->args.v[i], "-c") ||
			    !strcmp(s->args.v[i], "-e") ||
			    !strcmp(s->args.v[i], "-Command") ||
			    !strcmp(s->args.v[i], "/c"))
				o->inline_code = true;
	}
	for (i = 0; i < s->code.n; i++) {
		o->inline_code = true;
		if (strstr(s->code.v[i], "urllib") ||
		    strstr(s->code.v[i], "requests.get") ||
		    strstr(s->code.v[i], "http.get") ||
		    strstr(s->code.v[i], "fetch(")) {
			o->fetch = true;
			if (strstr(s->code.v[i], "exec") ||
			    strstr(s->code.v[i], "eval")) {
				o->remote_exec = true;
				o->what = "inline code downloads and runs code";
			}
		}
	}
	if (!strcmp(p, "claude") &&
	    strlist_has(&s->args, "--dangerously-skip-permissions"))
		o->dangerous_skip = true;
	if ((!strcmp(p, "env") || !strcmp(p, "printenv") ||
	     !strcmp(p, "set") || !strcmp(p, "export")) && !s->args.n &&
	    s->nredirects) {
		o->creds = true;
		o->what = "writes the environment (tokens) to a file";
	}
	for (i = 0; i < s->input_from.n; i++)
		if (!strcmp(s->input_from.v[i], "env") ||
		    !strcmp(s->input_from.v[i], "printenv")) {
			o->creds = true;
			o->what = "pipes the environment (tokens) onward";
		}
	if (text_in_list(p, runners) || !strcmp(p, "pnpm")
	    || !strcmp(p, "yarn") ||
	    !strcmp(p, "pipx"))
		runner_facts(o, s);
}

/* $ANTHROPIC_API_KEY, ${GITHUB_TOKEN} ... in the raw text. */
static bool mentions_secret_var(const char *t)
{
	const char *p;

	for (p = strchr(t, '$'); p; p = strchr(p + 1, '$')) {
		const char *q = p + 1;
		size_t n;

		if (*q == '{')
			q++;
		n = strspn(q, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		if (n >= 4 && (memmem(q, n, "TOKEN", 5) ||
			       memmem(q, n, "API_KEY", 7) ||
			       memmem(q, n, "SECRET", 6) ||
			       memmem(q, n, "PASSWORD", 8)))
			return true;
	}
	return false;
}

static int load_rules(struct audit_ctx *c)
{
	struct audit_result *r = c->r;
	struct diag d = { 0, "" };

	if (r->rules || r->rules_failed)
		return 0;
	if (ruleset_new(&r->rules, &d) < 0 ||
	    ruleset_load_embedded(r->rules, &d) < 0) {
		ruleset_free(r->rules);
		r->rules = NULL;
		r->rules_failed = true;
		r->rules_problem = arena_strdup(&r->arena, d.msg);
	}
	return 0;
}

int audit_command(struct cmd_facts *out, struct audit_ctx *c,
		  const char *cmd, size_t len)
{
	struct toolcall_opts topts = { 0 };
	struct toolcall call;
	struct verdict v;
	struct arena a;
	struct diag d = { 0, "" };
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&call, 0, sizeof(call));
	arena_init(&a);
	topts.home = c->opts->home ? c->opts->home : "/home/user";
	topts.cwd = "/project";
	topts.branch = "feature";
	if (toolcall_from_command(&call, &a, cmd, len, &topts, &d) < 0) {
		out->parse_incomplete = true;
		goto done;
	}
	out->parse_incomplete = call.subjects.parse_incomplete;
	for (i = 0; i < call.subjects.n; i++)
		if (call.subjects.v[i]->kind == SUBJECT_COMMAND)
			subject_facts(out, call.subjects.v[i]);
	if (out->fetch && strstr(cmd, "| sh") && !out->remote_exec) {
		/* belt and braces if the parser gave up part-way */
		out->remote_exec = out->pipe_to_shell = true;
	}
	if (mentions_secret_var(cmd)) {
		out->creds = true;
		if (!out->what)
			out->what = "uses a secret environment variable";
	}
	if (strstr(cmd, "--dangerously-skip-permissions"))
		out->dangerous_skip = true;
	if (c->opts->no_rules)
		goto done;
	load_rules(c);
	if (!c->r->rules)
		goto done;
	if (judge_call(&v, &a, c->r->rules, &call, &d) < 0 && !v.nhits)
		goto done;
	if (v.decision != DECISION_NONE && v.nhits) {
		const struct rule *ru = v.hits[0].rule;

		out->rule_decision = (int)v.decision;
		out->rule_id = arena_strdup(&c->r->arena, rule_id(ru));
		out->rule_why = rule_why(ru) ?
			arena_strdup(&c->r->arena, rule_why(ru)) : "";
	}
done:
	if (out->what && !(out->what = arena_strdup(&c->r->arena, out->what)))
		c->error = NOMEM(c->d);
	arena_release(&a);
	return c->error;
}

int audit_argv(struct cmd_facts *out, struct audit_ctx *c,
	       const char *const *argv, size_t argc)
{
	struct buf b = BUF_INIT;
	size_t i;
	int error;

	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (i)
			buf_putc(&b, ' ');
		buf_putc(&b, '\'');
		for (; *s; s++) {
			if (*s == '\'')
				buf_puts(&b, "'\\''");
			else
				buf_putc(&b, *s);
		}
		buf_putc(&b, '\'');
	}
	if (!b.data)
		buf_puts(&b, "");
	if (!b.data) {
		memset(out, 0, sizeof(*out));
		return c->error = NOMEM(c->d);
	}
	error = audit_command(out, c, b.data, b.len);
	buf_release(&b);
	return error;
}
