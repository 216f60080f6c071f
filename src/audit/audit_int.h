/* audit_int.h - inside the auditor: what the driver (audit.c) and the
 * check modules (audit_*.c) share.  The toolbox (findings, secrets,
 * excerpts, command facts) is defined once, in check.c; the checks per
 * file kind are called by the driver.  Private to src/audit/: commands
 * and reporters use audit.h.  Strings returned live in the result's
 * arena. */
#ifndef CV_AUDIT_INT_H
#define CV_AUDIT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/result.h"

struct audit_ctx {
	struct audit_result *r;
	struct audit_file *f;
	const struct audit_opts *opts;
	struct diag *d;
	int error;		/* first fatal error (out of memory) */
};

/* Records a finding on node n (at its key when at_key, else its value;
 * n NULL = the whole file).  sev < 0: the catalog's severity adjusted for
 * the file's scope. */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
void audit_emit(struct audit_ctx *c, const char *check, int sev,
		const struct jl_node *n, bool at_key, const char *fmt, ...);

bool audit_repo_scope(const struct audit_file *f);	/* project/local */

/* Facts about one shell command found in a config. */
struct cmd_facts {
	bool fetch;		/* curl, wget, nc, /dev/tcp, iwr ... */
	bool pipe_to_shell;	/* something piped or fed into a shell */
	bool remote_exec;	/* fetch + shell, or npx github:/https: */
	bool unpinned_runner;	/* npx pkg without an exact version ... */
	bool creds;		/* reads ~/.ssh, ~/.aws, tokens, env dump */
	bool dangerous_skip;	/* claude --dangerously-skip-permissions */
	bool inline_code;	/* bash -c, python -c, node -e ... */
	bool parse_incomplete;
	const char *what;	/* short description of the worst fact */
	const char *rule_id;	/* a ccveto rule that denies/asks, or NULL */
	const char *rule_why;
	int rule_decision;	/* 0 none, 1 ask, 2 deny */
};

/* Parses `cmd` with the hook's shell parser and judges it with the
 * hook's rule packs (unless opts->no_rules). */
int audit_command(struct cmd_facts *out, struct audit_ctx *c,
		  const char *cmd, size_t len);
/* Same for an argv (MCP command + args, exec-form hooks): quoted and
 * joined first. */
int audit_argv(struct cmd_facts *out, struct audit_ctx *c,
	       const char *const *argv, size_t argc);

/* Secret detection, shared by env, MCP and devcontainer checks.  Returns
 * a short description ("Anthropic API key") or NULL. */
const char *audit_secret_kind(const char *name, const char *value,
			      size_t len);
/* First 4 characters + length, never the whole secret. */
const char *audit_redact(struct arena *a, const char *value, size_t len);
/* A printable excerpt (max ~80 chars) with secrets redacted. */
const char *audit_excerpt(struct arena *a, const char *s, size_t len);
/* Node n for a message: a string's excerpt, else its JSON type name
 * ("" for NULL). */
const char *audit_text(struct audit_ctx *c, const struct jl_node *n);
/* Host of a URL ("" when none), lower-cased, in the arena. */
const char *audit_url_host(struct arena *a, const char *url);
bool audit_host_loopback(const char *host);

/* Checks per file kind (audit_settings.c, audit_mcp.c,
 * audit_devcontainer.c). */
void audit_check_settings(struct audit_ctx *c, const struct jl_node *root);
void audit_check_claude_json(struct audit_ctx *c,
			     const struct jl_node *root);
void audit_check_mcp_servers(struct audit_ctx *c,
			     const struct jl_node *servers);
void audit_check_devcontainer(struct audit_ctx *c,
			      const struct jl_node *root);
/* env-style maps (settings env, MCP env, devcontainer containerEnv and
 * remoteEnv), in check.c beside the secret detection it uses. */
void audit_check_env(struct audit_ctx *c, const struct jl_node *env,
		     const char *where);
/* Checks that need several files of one project (CC013, CC051, CC063). */
void audit_check_project(struct audit_result *r, struct diag *d);

#endif
