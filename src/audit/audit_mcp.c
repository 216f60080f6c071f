/* audit_mcp.c - checks for MCP server definitions (CC050-CC064) in
 * .mcp.json, Cursor and VS Code mcp.json, managed-mcp.json, the desktop
 * app's config and ~/.claude.json, plus the checks that need several files
 * of one project (CC013, CC051).
 * Servers are never started: everything is read from the config text. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit_int.h"
#include "util/text.h"

#define REPO(c) audit_repo_scope((c)->f)

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* docker/podman run flags that give the host away. */
static const char *docker_escape(const char *const *argv, size_t argc,
				 bool *image_unpinned, const char **image)
{
	static const char *const value_opts[] = {
		"-e", "--env", "-v", "--volume", "--name", "-p", "--publish",
		"-w", "--workdir", "-u", "--user", "--entrypoint", "--network",
		"--net", "--mount", "-l", "--label", "--env-file", "--cap-add",
		"--security-opt", "--pid", "--ipc", "--platform", "-h",
		"--hostname", "--add-host", "--device", "-m", "--memory",
		"--cpus", "--userns", "--uts", NULL,
	};
	const char *bad = NULL;
	size_t i, k;
	bool run = false;

	*image_unpinned = false;
	*image = NULL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] :
			"";

		if (!run) {
			if (!strcmp(a, "run") || !strcmp(a, "create"))
				run = true;
			continue;
		}
		if (!strcmp(a, "--privileged"))
			bad = "--privileged";
		if ((!strcmp(a, "-v") || !strcmp(a, "--volume") ||
		     !strcmp(a, "--mount")) &&
		    (strstr(next, "docker.sock") || text_prefix(next, "/:") ||
		     strstr(next, "source=/,") || strstr(next, "src=/,")))
			bad = "a host mount of the Docker socket or /";
		if (strstr(a, "docker.sock"))
			bad = "the Docker socket";
		if (!strcmp(a, "--pid=host") || !strcmp(a, "--network=host") ||
		    !strcmp(a, "--net=host") || !strcmp(a, "--ipc=host") ||
		    ((!strcmp(a, "--pid") || !strcmp(a, "--network") ||
		      !strcmp(a, "--net")) && !strcmp(next, "host")))
			bad = "host namespaces";
		if (strstr(a, "SYS_ADMIN") || !strcmp(a, "--cap-add=ALL") ||
		    (!strcmp(a, "--cap-add") && (!strcmp(next, "ALL") ||
						 !strcmp(next, "SYS_ADMIN"))))
			bad = "--cap-add SYS_ADMIN/ALL";
		if (strstr(a, "seccomp=unconfined") ||
		    strstr(a, "apparmor=unconfined"))
			bad = "an unconfined security profile";
		if (a[0] == '-') {
			for (k = 0; value_opts[k]; k++)
				if (!strcmp(a, value_opts[k]))
					i++;
			continue;
		}
		if (!*image) {
			const char *slash = strrchr(a, '/');
			const char *tag = strchr(slash ? slash : a, ':');

			*image = a;
			*image_unpinned = !strstr(a, "@sha256:") &&
				(!tag || !strcmp(tag, ":latest"));
			break;
		}
	}
	return bad;
}

static const struct {
	const char *name;
	const char *expect;
} well_known[] = {
	{ "github", "github" },
	{ "filesystem", "@modelcontextprotocol/server-filesystem" },
	{ "playwright", "playwright" },
	{ "puppeteer", "puppeteer" },
	{ "slack", "slack" },
	{ "postgres", "postgres" },
	{ "context7", "context7" },
	{ "memory", "@modelcontextprotocol/server-memory" },
};

static void check_server(struct audit_ctx *c, const struct jl_node *srv)
{
	const struct jl_node *cmd = jl_get(srv, "command"), *args, *e, *n;
	const char *url = jl_str(jl_get(srv, "url"));
	const char *type = jl_str(jl_get(srv, "type"));
	const char *argv[128];
	size_t argc = 0, i;
	bool unpinned = false, remote = false;
	struct cmd_facts cf;
	char name[128];

	snprintf(name, sizeof(name), "%s", srv->key ? srv->key : "?");
	if (!jl_is(srv, JL_OBJECT)) {
		audit_emit(c, "CC092", -1, srv, false, "server \"%s\" must be "
			   "an object", name);
		return;
	}
	if (url) {
		const char *host = audit_url_host(&c->r->arena, url);

		remote = !audit_host_loopback(host);
		if (text_prefix(url, "http://") && remote)
			audit_emit(c, "CC054", -1, jl_get(srv, "url"), false,
				   "server \"%s\" talks cleartext http to %s",
				   name, host);
		if (remote)
			audit_emit(c, "CC055", REPO(c) ? -1 : (int)SEVERITY_INFO,
				   jl_get(srv, "url"), false, "server \"%s\" "
				   "sends tool traffic to %s", name, host);
		if (audit_secret_kind(NULL, url, strlen(url)))
			audit_emit(c, "CC053", -1, jl_get(srv, "url"), false,
				   "server \"%s\" URL carries a credential: %s",
				   name, audit_text(c, jl_get(srv, "url")));
	} else if (type && (!strcmp(type, "http") || !strcmp(type, "sse"))) {
		audit_emit(c, "CC092", SEVERITY_LOW, jl_get(srv, "type"), false,
			   "server \"%s\" has type %s but no url", name, type);
	}
	if ((n = jl_get(srv, "headersHelper")) && REPO(c))
		audit_emit(c, "CC056", -1, n, true, "server \"%s\" runs "
			   "headersHelper \"%s\"", name, audit_text(c, n));
	if ((n = jl_get(srv, "headers")) && jl_is(n, JL_OBJECT))
		for (e = n->child; e; e = e->next) {
			const char *k = audit_secret_kind(e->key, e->s ? e->s :
							  "", e->len);

			if (jl_str(e) && k)
				audit_emit(c, "CC053", -1, e, false, "header "
					   "%s of server \"%s\" holds a literal "
					   "%s: %s", e->key, name, k,
					   audit_redact(&c->r->arena, e->s,
							e->len));
		}
	audit_check_env(c, jl_get(srv, "env"), "env");
	if (!jl_str(cmd)) {
		if (cmd)
			audit_emit(c, "CC092", -1, cmd, false, "command must be "
				   "a string");
		return;
	}
	argv[argc++] = cmd->s;
	args = jl_get(srv, "args");
	if (args && !jl_is(args, JL_ARRAY))
		audit_emit(c, "CC092", -1, args, false, "args must be an "
			   "array of strings");
	for (e = args ? args->child : NULL; e && argc < 128; e = e->next) {
		const char *a = jl_str(e), *k;

		if (!a)
			continue;
		argv[argc++] = a;
		if ((k = audit_secret_kind(NULL, a, e->len)))
			audit_emit(c, "CC053", -1, e, false, "argument of "
				   "server \"%s\" holds a literal %s: %s",
				   name, k, audit_redact(&c->r->arena, a,
							 e->len));
		else if (e->next && jl_str(e->next) &&
			 (!strcmp(a, "--token") || !strcmp(a, "--api-key") ||
			  !strcmp(a, "--apiKey") || !strcmp(a, "--password") ||
			  !strcmp(a, "--secret")) &&
			 (k = audit_secret_kind("TOKEN", e->next->s,
						e->next->len)))
			audit_emit(c, "CC053", -1, e->next, false, "argument "
				   "%s of server \"%s\" is a literal %s: %s", a,
				   name, k, audit_redact(&c->r->arena,
				   e->next->s, e->next->len));
	}
	if (audit_argv(&cf, c, argv, argc) < 0)
		return;
	if (cf.remote_exec)
		audit_emit(c, "CC059", -1, cmd, false, "server \"%s\" %s",
			   name, cf.what ? cf.what : "fetches remote code");
	else if (cf.unpinned_runner) {
		unpinned = true;
		audit_emit(c, "CC052", -1, cmd, false, "server \"%s\" %s: "
			   "\"%s\"", name, cf.what ? cf.what :
			   "is not pinned", audit_text(c, cmd));
	}
	{
		const char *p = base(cmd->s);
		bool shell = !strcmp(p, "bash") || !strcmp(p, "sh") ||
			!strcmp(p, "zsh") || !strcmp(p, "cmd") ||
			!strcmp(p, "cmd.exe") || !strcmp(p, "powershell") ||
			!strcmp(p, "pwsh");
		bool interp = !strcmp(p, "node") || text_prefix(p, "python") ||
			!strcmp(p, "perl") || !strcmp(p, "ruby");
		bool meta = false, inl = false;

		for (i = 1; i < argc; i++) {
			const char *a = argv[i];

			if ((shell && (!strcmp(a, "-c") || !strcmp(a, "/c") ||
				       !strcmp(a, "/C") ||
				       !strcmp(a, "-Command"))) ||
			    (interp && (!strcmp(a, "-e") || !strcmp(a, "-c") ||
					!strcmp(a, "--eval"))))
				inl = true;
			if (strchr(a, ';') || strstr(a, "&&") ||
			    strchr(a, '|') || strstr(a, "$(") ||
			    strchr(a, '`'))
				meta = true;
		}
		if (inl || (meta && shell))
			audit_emit(c, "CC057", -1, cmd, false, "server \"%s\" "
				   "runs %s", name, inl ? "inline code through "
				   "an interpreter" : "a shell command line");
		else if (cf.remote_exec && !strcmp(p, "sh"))
			(void)0;
		if ((!strcmp(p, "docker") || !strcmp(p, "podman"))) {
			bool img_unpinned;
			const char *img;
			const char *bad = docker_escape(argv, argc,
							&img_unpinned, &img);

			if (bad)
				audit_emit(c, "CC058", -1, cmd, false, "server "
					   "\"%s\" starts a container with %s",
					   name, bad);
			if (img && img_unpinned && !unpinned) {
				unpinned = true;
				audit_emit(c, "CC052", -1, cmd, false, "server "
					   "\"%s\" runs image \"%s\" without a "
					   "version tag or digest", name,
					   audit_excerpt(&c->r->arena, img,
							 strlen(img)));
			}
		}
		if (REPO(c)
		    && (text_prefix(cmd->s, "./") || text_prefix(cmd->s, "../")
				|| ((interp || !strcmp(p, "deno") ||
				     !strcmp(p, "bun") || !strcmp(p, "tsx")) &&
				    argc > 1 && argv[1][0] != '-' &&
				    !strchr(argv[1], '@') &&
				    argv[1][0] != '/' &&
				    (strchr(argv[1], '.') ||
				     strchr(argv[1], '/')))))
			audit_emit(c, "CC061", -1, cmd, false, "server \"%s\" "
				   "runs code from the repository", name);
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(base(argv[i]), "mcp-remote") ||
		    !strcmp(base(argv[i]), "supergateway") ||
		    text_prefix(argv[i], "mcp-remote@"))
			remote = true;
		if (strstr(argv[i], "server-filesystem") ||
		    strstr(argv[i], "filesystem-mcp")) {
			size_t j;

			for (j = i + 1; j < argc; j++)
				if (!strcmp(argv[j], "/") ||
				    !strcmp(argv[j], "~") ||
				    !strcmp(argv[j], "$HOME") ||
				    !strcmp(argv[j], "${HOME}") ||
				    !strcmp(argv[j], "/Users") ||
				    !strcmp(argv[j], "/home") ||
				    !strcmp(argv[j], "C:\\") ||
				    !strcmp(argv[j], "~/") ||
				    (text_prefix(argv[j], "/Users/") &&
				     !strchr(argv[j] + 7, '/')) ||
				    (text_prefix(argv[j], "/home/") &&
				     !strchr(argv[j] + 6, '/')))
					audit_emit(c, "CC060", -1, cmd, false,
						   "filesystem server \"%s\" "
						   "exposes \"%s\"", name,
						   audit_excerpt(&c->r->arena,
						   argv[j], strlen(argv[j])));
		}
	}
	if ((unpinned || (remote && !url)) &&
	    (n = jl_get(srv, "env")) && jl_is(n, JL_OBJECT))
		for (e = n->child; e; e = e->next) {
			const char *v = jl_str(e);

			if (v && strchr(v, '$') && (strstr(v, "TOKEN") ||
						     strstr(v, "KEY") ||
						     strstr(v, "SECRET")))
				audit_emit(c, "CC062", -1, e, false, "server "
					   "\"%s\" receives %s but is not "
					   "pinned", name, audit_text(c, e));
		}
	if (REPO(c) && c->f->kind != AK_SETTINGS) {
		for (i = 0; i < sizeof(well_known) / sizeof(well_known[0]);
		     i++) {
			size_t j;
			bool ok = false;

			if (strcmp(name, well_known[i].name))
				continue;
			for (j = 0; j < argc && !ok; j++)
				ok = strstr(argv[j], well_known[i].expect);
			if (!ok)
				audit_emit(c, "CC063", -1, srv, true, "server "
					   "\"%s\" shares the name of a "
					   "well-known server but runs "
					   "something else", name);
		}
	}
	if (cf.rule_decision && cf.rule_id && !cf.remote_exec)
		audit_emit(c, "CC100", cf.rule_decision == 2 ? -1 :
			   (int)SEVERITY_MEDIUM, cmd, false, "server \"%s\" "
			   "command would be %s by ccveto rule %s (%s)", name,
			   cf.rule_decision == 2 ? "denied" : "questioned",
			   cf.rule_id, cf.rule_why);
}

void audit_check_mcp_servers(struct audit_ctx *c,
			     const struct jl_node *servers)
{
	const struct jl_node *s;

	if (!servers)
		return;
	if (!jl_is(servers, JL_OBJECT)) {
		audit_emit(c, "CC092", -1, servers, true, "MCP servers must "
			   "be an object keyed by server name");
		return;
	}
	for (s = servers->child; s; s = s->next)
		if (!s->shadowed)
			check_server(c, s);
}

static bool broad_path(const char *p)
{
	const char *rest;

	if (!strcmp(p, "/") || !strcmp(p, "/root") || !strcmp(p, "/home") ||
	    !strcmp(p, "/Users") || !strcmp(p, "C:\\") || !strcmp(p, "/tmp"))
		return true;
	if (text_prefix(p, "/home/"))
		rest = p + 6;
	else if (text_prefix(p, "/Users/"))
		rest = p + 7;
	else
		return false;
	rest = strchr(rest, '/');
	return !rest || !rest[1];
}

void audit_check_claude_json(struct audit_ctx *c, const struct jl_node *root)
{
	const struct jl_node *projects = jl_get(root, "projects"), *p;

	audit_check_mcp_servers(c, jl_get(root, "mcpServers"));
	if (!jl_is(projects, JL_OBJECT))
		return;
	for (p = projects->child; p; p = p->next) {
		const struct jl_node *n, *e;

		if (p->shadowed)
			continue;
		n = jl_get(p, "hasTrustDialogAccepted");
		if (jl_is_true(n) && broad_path(p->key))
			audit_emit(c, "CC064", -1, n, true, "trust granted to "
				   "\"%s\": every repository below inherits "
				   "it", audit_excerpt(&c->r->arena, p->key,
						       p->keylen));
		n = jl_get(p, "allowedTools");
		for (e = jl_is(n, JL_ARRAY) ? n->child : NULL; e; e = e->next)
			if (jl_str(e) && (!strcmp(e->s, "Bash") ||
					  !strcmp(e->s, "Bash(*)")))
				audit_emit(c, "CC064", -1, e, false, "project "
					   "\"%s\" allows every shell command",
					   audit_excerpt(&c->r->arena, p->key,
							 p->keylen));
		n = jl_get(p, "enableAllProjectMcpServers");
		if (jl_is_true(n))
			audit_emit(c, "CC050", SEVERITY_HIGH, n, true, "every "
				   ".mcp.json server of \"%s\" is approved "
				   "without a prompt",
				   audit_excerpt(&c->r->arena, p->key,
						 p->keylen));
		audit_check_mcp_servers(c, jl_get(p, "mcpServers"));
	}
}

/* .mcp.json of the same project directory as f, or NULL: an audited
 * one, else one read as context for a settings file named alone. */
static const struct jl_node *project_servers(struct audit_result *r,
					     const struct audit_file *f)
{
	size_t i;

	for (i = 0; i < r->nfiles + r->nctx; i++) {
		const struct audit_file *m = i < r->nfiles ? r->files[i] :
			r->ctx[i - r->nfiles];
		const char *b = strrchr(m->path, '/');

		b = b ? b + 1 : m->path;
		if (m->kind == AK_MCP && !m->error && !strcmp(b, ".mcp.json")
		    && m->dir && f->dir && !strcmp(m->dir, f->dir))
			return jl_get(m->doc.root, "mcpServers");
	}
	return NULL;
}

void audit_check_project(struct audit_result *r, struct diag *d)
{
	size_t i, nf = r->nfiles;
	struct audit_opts opts = AUDIT_OPTS_INIT;

	opts.no_rules = true;
	for (i = 0; i < nf; i++) {
		struct audit_file *f = r->files[i];
		struct audit_ctx c = { r, f, &opts, d, 0 };
		const struct jl_node *servers, *list, *e;
		size_t k;

		if (f->kind != AK_SETTINGS || f->error ||
		    !audit_repo_scope(f) ||
		    !(servers = project_servers(r, f)))
			continue;
		list = jl_get(f->doc.root, "enabledMcpjsonServers");
		for (e = jl_is(list, JL_ARRAY) ? list->child : NULL; e;
		     e = e->next)
			if (jl_str(e) && jl_get(servers, e->s))
				audit_emit(&c, "CC051", -1, e, false, "the "
					   "repository approves its own server "
					   "\"%s\"", audit_text(&c, e));
		/* CC013 is high when the server ships with the repo. */
		for (k = 0; k < r->findings.n; k++) {
			struct finding *fd = &r->findings.v[k];
			const struct jl_node *n;
			char srv[128];
			const char *s, *sep;

			if (strcmp(fd->check->id, "CC013") ||
			    fd->file != f->path ||
			    !(n = jl_resolve(f->doc.root, fd->pointer)) ||
			    !jl_str(n) || !text_prefix(n->s, "mcp__"))
				continue;
			s = n->s + 5;
			sep = strstr(s, "__");
			snprintf(srv, sizeof(srv), "%.*s", (int)(sep ?
				 (size_t)(sep - s) : strlen(s)), s);
			if (jl_get(servers, srv) && fd->severity < SEVERITY_HIGH)
				fd->severity = SEVERITY_HIGH;
		}
	}
}
