/* audit_devcontainer.c - checks for devcontainer.json (CC070-CC079).
 * devcontainer.json is JSONC by specification, so comments and trailing
 * commas are normal here (no CC094).  Lifecycle commands come as a
 * string (shell), an array (exec form) or an object of either. */
#include <stdio.h>
#include <string.h>

#include "audit/audit_int.h"
#include "util/text.h"

static const char *const cred_dirs[] = {
	"/.ssh", "/.aws", "/.config/gcloud", "/.kube", "/.docker",
	"/.gnupg", "/.netrc", "/.claude", "/.config/gh", NULL,
};

static bool home_source(const char *s)
{
	return strstr(s, "${localEnv:HOME}") || strstr(s, "${localEnv:USERPROFILE}")
		|| text_prefix(s, "~") || strstr(s, "source=~") ||
		strstr(s, "src=~") || strstr(s, "$HOME");
}

/* One mount, as a string ("source=…,target=…,type=bind") or -v text. */
static void check_mount_text(struct audit_ctx *c, const struct jl_node *at,
			     const char *m, bool workspace)
{
	size_t i;

	if (strstr(m, "docker.sock") || strstr(m, "podman.sock")) {
		audit_emit(c, "CC071", -1, at, false, "the container gets the "
			   "host's container socket: \"%s\"",
			   audit_excerpt(&c->r->arena, m, strlen(m)));
		return;
	}
	if (home_source(m))
		for (i = 0; cred_dirs[i]; i++)
			if (strstr(m, cred_dirs[i])) {
				bool ro = strstr(m, "readonly") ||
					strstr(m, ",ro") || strstr(m, ":ro");

				audit_emit(c, "CC074", ro ? (int)SEVERITY_MEDIUM :
					   -1, at, false, "host credentials "
					   "mounted%s: \"%s\"", ro ?
					   " read-only" : "",
					   audit_excerpt(&c->r->arena, m,
							 strlen(m)));
				return;
			}
	if (strstr(m, "source=/,") || strstr(m, "src=/,") ||
	    text_prefix(m, "/:") || ((workspace || strstr(m, "target=")) &&
				(strstr(m, "source=${localEnv:HOME},") ||
				 strstr(m, "source=${localEnv:HOME}/,") ||
				 strstr(m, "source=~,"))))
		audit_emit(c, "CC079", -1, at, false, "the host's home or root "
			   "directory is mounted: \"%s\"",
			   audit_excerpt(&c->r->arena, m, strlen(m)));
}

static void check_mount_obj(struct audit_ctx *c, const struct jl_node *m)
{
	const char *src = jl_str(jl_get(m, "source"));
	char text[1024];

	if (!src)
		return;
	snprintf(text, sizeof(text), "source=%s,target=%s%s", src,
		 jl_str(jl_get(m, "target")) ? jl_get(m, "target")->s : "",
		 jl_is_true(jl_get(m, "readonly")) ? ",readonly" : "");
	check_mount_text(c, jl_get(m, "source"), text, false);
}

static void check_run_args(struct audit_ctx *c, const struct jl_node *ra)
{
	const struct jl_node *e;

	for (e = jl_is(ra, JL_ARRAY) ? ra->child : NULL; e; e = e->next) {
		const char *a = jl_str(e), *next = jl_str(e->next);

		if (!a)
			continue;
		if (!strcmp(a, "--privileged"))
			audit_emit(c, "CC070", -1, e, false, "runArgs has "
				   "--privileged");
		if ((!strcmp(a, "-v") || !strcmp(a, "--volume") ||
		     !strcmp(a, "--mount")) && next)
			check_mount_text(c, e->next, next, false);
		else if (text_prefix(a, "-v=") || text_prefix(a, "--volume=") ||
			 text_prefix(a, "--mount="))
			check_mount_text(c, e, strchr(a, '=') + 1, false);
		if (text_prefix(a, "--cap-add")) {
			const char *cap = a[9] == '=' ? a + 10 : next;

			if (cap && (strstr(cap, "SYS_ADMIN") ||
				    strstr(cap, "SYS_PTRACE") ||
				    strstr(cap, "SYS_MODULE") ||
				    strstr(cap, "DAC_READ_SEARCH") ||
				    !strcmp(cap, "ALL")))
				audit_emit(c, "CC072", -1, e, false, "runArgs "
					   "adds capability %s", cap);
		}
		if (strstr(a, "seccomp=unconfined") ||
		    strstr(a, "apparmor=unconfined") ||
		    strstr(a, "label=disable") ||
		    (!strcmp(a, "--security-opt") && next &&
		     (strstr(next, "unconfined") ||
		      strstr(next, "label=disable"))))
			audit_emit(c, "CC072", -1, e, false, "runArgs disables "
				   "a security profile");
		if (((!strcmp(a, "--network") || !strcmp(a, "--net") ||
		      !strcmp(a, "--pid") || !strcmp(a, "--ipc") ||
		      !strcmp(a, "--uts") || !strcmp(a, "--userns")) &&
		     next && !strcmp(next, "host")) ||
		    (strchr(a, '=') && !strcmp(strchr(a, '='), "=host") &&
		     (text_prefix(a, "--net") || text_prefix(a, "--pid") ||
		      text_prefix(a, "--ipc") || text_prefix(a, "--uts") ||
		      text_prefix(a, "--userns"))))
			audit_emit(c, "CC073", -1, e, false, "runArgs shares a "
				   "host namespace (%s)", a);
		if ((!strcmp(a, "-e") || !strcmp(a, "--env")) && next &&
		    strchr(next, '=')) {
			const char *eq = strchr(next, '=');
			char name[128];
			const char *k;

			snprintf(name, sizeof(name), "%.*s",
				 (int)(eq - next), next);
			if ((k = audit_secret_kind(name, eq + 1,
						   strlen(eq + 1))))
				audit_emit(c, "CC077", -1, e->next, false,
					   "runArgs passes a literal %s: %s",
					   k, audit_redact(&c->r->arena,
					   eq + 1, strlen(eq + 1)));
		}
	}
}

struct lifecycle_facts {
	bool skip;		/* --dangerously-skip-permissions seen */
	bool firewall;		/* init-firewall-like script */
};

static void check_command(struct audit_ctx *c, const char *key,
			  const struct jl_node *n, struct lifecycle_facts *lf)
{
	struct cmd_facts cf;
	const struct jl_node *e;

	if (jl_is(n, JL_OBJECT)) {
		for (e = n->child; e; e = e->next)
			check_command(c, key, e, lf);
		return;
	}
	if (jl_str(n)) {
		if (audit_command(&cf, c, n->s, n->len) < 0)
			return;
		if (strstr(n->s, "firewall") || strstr(n->s, "iptables"))
			lf->firewall = true;
	} else if (jl_is(n, JL_ARRAY)) {
		const char *argv[64];
		size_t argc = 0;

		for (e = n->child; e && argc < 64; e = e->next)
			if (jl_str(e))
				argv[argc++] = e->s;
		if (!argc || audit_argv(&cf, c, argv, argc) < 0)
			return;
	} else {
		return;
	}
	if (cf.dangerous_skip)
		lf->skip = true;
	if (cf.remote_exec || (cf.fetch && cf.pipe_to_shell))
		audit_emit(c, "CC075", -1, n, false, "%s %s%s", key,
			   cf.what ? cf.what : "runs remote code",
			   !strcmp(key, "initializeCommand") ?
			   " on the host" : "");
	else if (cf.rule_decision && cf.rule_id)
		audit_emit(c, "CC100", cf.rule_decision == 2 ? -1 :
			   (int)SEVERITY_MEDIUM, n, false, "%s would be %s by "
			   "ccveto rule %s (%s)", key, cf.rule_decision == 2 ?
			   "denied" : "questioned", cf.rule_id, cf.rule_why);
}

void audit_check_devcontainer(struct audit_ctx *c, const struct jl_node *root)
{
	static const char *const lifecycle[] = {
		"initializeCommand", "onCreateCommand", "updateContentCommand",
		"postCreateCommand", "postStartCommand", "postAttachCommand",
		NULL,
	};
	struct lifecycle_facts lf = { false, false };
	const struct jl_node *n, *e, *ra = jl_get(root, "runArgs");
	bool net_admin = false, net_none = false;
	size_t i;

	if (jl_is_true((n = jl_get(root, "privileged"))))
		audit_emit(c, "CC070", -1, n, true, "the container is "
			   "privileged");
	check_run_args(c, ra);
	for (e = jl_is(ra, JL_ARRAY) ? ra->child : NULL; e; e = e->next) {
		const char *a = jl_str(e);

		if (a && strstr(a, "NET_ADMIN"))
			net_admin = true;
		if (a && (!strcmp(a, "--network=none") ||
			  (!strcmp(a, "--network") && jl_str(e->next) &&
			   !strcmp(e->next->s, "none"))))
			net_none = true;
	}
	n = jl_get(root, "mounts");
	for (e = jl_is(n, JL_ARRAY) ? n->child : NULL; e; e = e->next) {
		if (jl_str(e))
			check_mount_text(c, e, e->s, false);
		else if (jl_is(e, JL_OBJECT))
			check_mount_obj(c, e);
	}
	if (jl_str((n = jl_get(root, "workspaceMount"))))
		check_mount_text(c, n, n->s, true);
	n = jl_get(root, "capAdd");
	for (e = jl_is(n, JL_ARRAY) ? n->child : NULL; e; e = e->next) {
		const char *cap = jl_str(e);

		if (!cap)
			continue;
		if (strstr(cap, "NET_ADMIN"))
			net_admin = true;
		if (strstr(cap, "SYS_ADMIN") || strstr(cap, "SYS_PTRACE") ||
		    strstr(cap, "SYS_MODULE") ||
		    strstr(cap, "DAC_READ_SEARCH") || !strcmp(cap, "ALL"))
			audit_emit(c, "CC072", -1, e, false, "capAdd adds %s",
				   audit_text(c, e));
	}
	n = jl_get(root, "securityOpt");
	for (e = jl_is(n, JL_ARRAY) ? n->child : NULL; e; e = e->next)
		if (jl_str(e) && (strstr(e->s, "unconfined") ||
				  strstr(e->s, "label=disable")))
			audit_emit(c, "CC072", -1, e, false, "securityOpt "
				   "\"%s\" disables a security profile",
				   audit_text(c, e));
	n = jl_get(root, "features");
	for (e = jl_is(n, JL_OBJECT) ? n->child : NULL; e; e = e->next)
		if (strstr(e->key, "docker-outside-of-docker") ||
		    strstr(e->key, "docker-from-docker"))
			audit_emit(c, "CC071", -1, e, true, "feature \"%s\" "
				   "binds the host's Docker socket",
				   audit_excerpt(&c->r->arena, e->key,
						 e->keylen));
	audit_check_env(c, jl_get(root, "containerEnv"), "containerEnv");
	audit_check_env(c, jl_get(root, "remoteEnv"), "remoteEnv");
	for (i = 0; lifecycle[i]; i++) {
		if (!(n = jl_get(root, lifecycle[i])))
			continue;
		if (i == 0)
			audit_emit(c, "CC076", -1, n, true, "initializeCommand "
				   "runs on the host: %s", jl_str(n) ?
				   audit_text(c, n) : "(array or object)");
		check_command(c, lifecycle[i], n, &lf);
	}
	for (n = root->child; n; n = n->next)
		if (jl_str(n) && strstr(n->s, "--dangerously-skip-permissions"))
			lf.skip = true;
	if (lf.skip && !net_none && !(net_admin && lf.firewall))
		audit_emit(c, "CC078", -1, NULL, false, "the container runs "
			   "claude --dangerously-skip-permissions without an "
			   "egress firewall or --network=none");
}
