/* audit_effective.c - `ccveto audit --effective`: the security-relevant
 * settings merged the way Claude Code merges them.  Scalars: the highest
 * scope that sets a key wins (managed > flag > local > project > user);
 * permission and sandbox lists are unions, each entry shown with the file
 * that contributed it.  Files of several projects in one tree are merged
 * together: audit one project at a time for a faithful view. */
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "audit/audit_int.h"
#include "util/bounds.h"

static const char *const scalars[] = {
	"permissions/defaultMode", "permissions/disableBypassPermissionsMode",
	"permissions/disableAutoMode", "skipDangerousModePermissionPrompt",
	"sandbox/enabled", "sandbox/allowUnsandboxedCommands",
	"sandbox/autoAllowBashIfSandboxed", "sandbox/failIfUnavailable",
	"sandbox/network/allowAllUnixSockets", "sandbox/filesystem/disabled",
	"disableAllHooks", "allowManagedHooksOnly",
	"allowManagedPermissionRulesOnly", "allowManagedMcpServersOnly",
	"enableAllProjectMcpServers", "apiKeyHelper", "awsAuthRefresh",
	"awsCredentialExport", "gcpAuthRefresh", "otelHeadersHelper",
	"proxyAuthHelper", "statusLine/command", "forceLoginMethod",
	"skipWebFetchPreflight", NULL,
};
static const char *const lists[] = {
	"permissions/deny", "permissions/ask", "permissions/allow",
	"permissions/additionalDirectories", "enabledMcpjsonServers",
	"sandbox/network/allowedDomains", "sandbox/excludedCommands", NULL,
};

static int add(struct effective_view *out, struct audit_result *r,
	       const char *key, const struct jl_node *n,
	       const struct audit_file *f, struct diag *d)
{
	struct effective_entry *v = arena_grow(&r->arena, out->v, &out->cap,
					       sizeof(*v), out->n + 1);
	char tmp[160];
	const char *val;

	if (!v)
		return diag_nomem(d);
	out->v = v;
	if (!n)
		val = "(not set)";
	else if (n->type == JL_STRING) {
		snprintf(tmp, sizeof(tmp), "\"%s\"",
			 audit_excerpt(&r->arena, n->s, n->len));
		val = tmp;
	} else if (n->type == JL_BOOL || n->type == JL_NUMBER ||
		   n->type == JL_NULL) {
		val = n->type == JL_BOOL ? (n->boolean ? "true" : "false") :
			n->type == JL_NULL ? "null" : n->s;
	} else {
		snprintf(tmp, sizeof(tmp), "(%s of %zu)",
			 jl_type_name(n->type), n->n);
		val = tmp;
	}
	v[out->n].key = arena_strdup(&r->arena, key);
	v[out->n].value = arena_strdup(&r->arena, val);
	v[out->n].file = f ? f->path : "";
	v[out->n].line = n ? n->pos.line : 0;
	if (!v[out->n].key || !v[out->n].value)
		return diag_nomem(d);
	out->n++;
	return 0;
}

int audit_effective(struct effective_view *out, struct audit_result *r,
		    struct diag *d)
{
	struct audit_file *order[CV_MAX_AUDIT_FILES];
	size_t n = 0, i, k;
	int s, error;

	memset(out, 0, sizeof(*out));
	for (s = SCOPE_MANAGED; s <= SCOPE_USER; s++)
		for (i = 0; i < r->nfiles; i++)
			if (r->files[i]->kind == AK_SETTINGS &&
			    !r->files[i]->error &&
			    (int)r->files[i]->scope == s)
				order[n++] = r->files[i];
	for (k = 0; scalars[k]; k++) {
		char ptr[128], key[128];
		const struct jl_node *v = NULL;
		const struct audit_file *from = NULL;

		snprintf(ptr, sizeof(ptr), "/%s", scalars[k]);
		for (i = 0; i < n && !v; i++)
			if ((v = jl_resolve(order[i]->doc.root, ptr)))
				from = order[i];
		snprintf(key, sizeof(key), "%s", scalars[k]);
		for (char *p = key; *p; p++)
			if (*p == '/')
				*p = '.';
		if ((error = add(out, r, key, v, from, d)) < 0)
			return error;
	}
	for (k = 0; lists[k]; k++) {
		char ptr[128], key[128];
		bool any = false;

		snprintf(ptr, sizeof(ptr), "/%s", lists[k]);
		snprintf(key, sizeof(key), "%s[]", lists[k]);
		for (char *p = key; *p; p++)
			if (*p == '/')
				*p = '.';
		for (i = 0; i < n; i++) {
			const struct jl_node *l = jl_resolve(order[i]->doc.root,
							     ptr), *e;

			for (e = jl_is(l, JL_ARRAY) ? l->child : NULL; e;
			     e = e->next) {
				any = true;
				if ((error = add(out, r, key, e, order[i],
						 d)) < 0)
					return error;
			}
		}
		if (!any && (error = add(out, r, key, NULL, NULL, d)) < 0)
			return error;
	}
	/* Hooks: every registration runs (they are merged, not replaced). */
	for (i = 0; i < n; i++) {
		const struct jl_node *h = jl_get(order[i]->doc.root, "hooks"),
			*ev;

		for (ev = jl_is(h, JL_OBJECT) ? h->child : NULL; ev;
		     ev = ev->next) {
			char key[128];

			snprintf(key, sizeof(key), "hooks.%s", ev->key);
			if ((error = add(out, r, key, ev, order[i], d)) < 0)
				return error;
		}
	}
	/* env: highest scope wins per variable. */
	for (i = 0; i < n; i++) {
		const struct jl_node *env = jl_get(order[i]->doc.root, "env"),
			*e;

		for (e = jl_is(env, JL_OBJECT) ? env->child : NULL; e;
		     e = e->next) {
			char key[160];
			size_t j;
			bool seen = false;

			if (e->shadowed)
				continue;
			snprintf(key, sizeof(key), "env.%s", e->key);
			for (j = 0; j < out->n && !seen; j++)
				seen = !strcmp(out->v[j].key, key);
			if (!seen && (error = add(out, r, key, e, order[i],
						  d)) < 0)
				return error;
		}
	}
	return 0;
}
