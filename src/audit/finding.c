/* finding.c - the check catalog and finding helpers, see finding.h.
 * Titles, reasons and fixes here are what every report prints; the long
 * form with examples is docs/checks.md (keep the two in step). */
#include "audit/finding.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define C SEVERITY_CRITICAL
#define H SEVERITY_HIGH
#define M SEVERITY_MEDIUM
#define L SEVERITY_LOW
#define I SEVERITY_INFO

static const struct check_info catalog[] = {
/* Permissions and modes */
{ "CC001", "BypassPermissionsMode", "bypass-permissions mode set by config", C,
  "every tool runs unprompted; a project value skipped the trust dialog "
  "before 2.1.53 (CVE-2026-33068)",
  "remove defaultMode; use --permission-mode per session inside a sandbox" },
{ "CC002", "BypassDialogPreAccepted", "bypass-mode dialog pre-accepted", H,
  "the key records the user's own consent; a repository must not supply it",
  "delete skipDangerousModePermissionPrompt; consent belongs in user "
  "settings" },
{ "CC003", "PermissiveDefaultMode", "permissive default mode from repository",
  M, "edits (including .claude/ and .git/hooks) are applied without review",
  "leave defaultMode at default; users opt in per session" },
{ "CC004", "BypassNotDisabledByPolicy", "bypass mode not disabled by policy",
  L, "managed settings are the place to forbid bypass mode for everyone",
  "add \"disableBypassPermissionsMode\": \"disable\" to permissions" },
{ "CC005", "UnrestrictedShellAllowed", "unrestricted shell allowed", C,
  "every shell command runs without a prompt",
  "list the exact commands needed, e.g. Bash(npm run test)" },
{ "CC006", "NetworkToolAllowed", "download or network tool allowed", H,
  "an open curl/wget/ssh rule is an exfiltration and payload channel",
  "use WebFetch(domain:...) rules or an ask rule" },
{ "CC007", "DestructiveCommandAllowed",
  "privilege escalation or destruction allowed", H,
  "sudo, rm -rf, force pushes and the like are irreversible",
  "move the rule to ask, or guard it with a hook" },
{ "CC008", "CodeWrapperAllowed", "arbitrary-code wrapper allowed", H,
  "a prefix rule for an interpreter or exec wrapper is Bash(*) in disguise",
  "allow specific scripts, e.g. Bash(npm run test)" },
{ "CC009", "UnrestrictedWebFetch", "unrestricted web fetch", M,
  "any URL can be fetched: prompt injection in, data out",
  "WebFetch(domain:docs.example.com)" },
{ "CC010", "BroadFileAccess", "broad file access allowed", H,
  "file tools reach credentials and shell start-up files",
  "scope the rule to the project, e.g. Edit(./src/**)" },
{ "CC011", "CredentialPathAllowed", "credential path allowed", H,
  "the rule pre-approves reading or writing secrets",
  "turn it into a deny rule" },
{ "CC012", "NoSecretDenyRules", "no deny rules for secrets", L,
  "defence in depth: file access is allowed but .env and key directories "
  "are not denied",
  "add Read(./.env), Read(./.env.*), Read(~/.ssh/**), Read(~/.aws/**) to "
  "deny" },
{ "CC013", "BlanketMcpApproval", "blanket MCP server approval", M,
  "every current and future tool of the server runs unprompted (rug pull)",
  "allow the tools you need: mcp__server__tool" },
{ "CC014", "WorkingDirectoryWidened", "working directory widened to home or "
  "root", H, "file tools then reach every file of the user",
  "add a specific sibling directory instead" },
{ "CC015", "OutwardOperationAllowed", "outward-facing operation allowed", M,
  "publishing, pushing and cloud changes reach beyond the machine",
  "use an ask rule" },
{ "CC016", "IneffectiveRule", "permission rule that never matches", M,
  "a rule Claude Code cannot parse is silently ignored",
  "fix the rule syntax: Tool or Tool(specifier), tool names capitalised" },
{ "CC017", "ReadDenyWithoutShellCover", "read deny rules without shell "
  "cover", M, "Read/Edit deny rules bind the file tools only; an allowed "
  "shell can still cat the file",
  "enable the sandbox (its denyRead takes the Read deny rules) or deny the "
  "Bash forms" },
{ "CC018", "LocalSettingsCommitted", "local settings file in the "
  "repository", M, "settings.local.json is personal; its approvals travel "
  "to every clone (TrustFall)", "git rm --cached it and add it to "
  ".gitignore" },
{ "CC019", "LeadingWildcardRule", "leading-wildcard command rule", H,
  "a pattern that starts with * matches any program",
  "anchor the program name: Bash(npm install:*)" },
/* Sandbox */
{ "CC020", "SandboxDisabledByRepo", "sandbox disabled by repository", M,
  "the repository asks to run commands unsandboxed", "remove the key" },
{ "CC021", "BroadShellWithoutSandbox", "broad shell without sandbox", H,
  "nothing contains the commands the rules allow",
  "enable the sandbox with allowUnsandboxedCommands: false" },
{ "CC022", "SandboxEscapeHatch", "sandbox escape hatch open", M,
  "the model may pass dangerouslyDisableSandbox and run outside",
  "set \"allowUnsandboxedCommands\": false" },
{ "CC023", "AutoAllowWithEscapeHatch", "auto-allow with escape hatch", M,
  "commands that leave the sandbox still get fast-pathed",
  "set \"allowUnsandboxedCommands\": false" },
{ "CC024", "OpenNetworkAllowlist", "open sandbox network allowlist", H,
  "a wildcard or upload-capable domain defeats egress control",
  "list exact hosts" },
{ "CC025", "HostSocketInSandbox", "host socket reachable from the sandbox", C,
  "the Docker socket is root on the host", "remove the socket" },
{ "CC026", "EscapeCommandExcluded", "escape-capable command excluded from "
  "the sandbox", H, "excluded commands run on the host",
  "keep them sandboxed or behind an ask rule" },
{ "CC027", "SandboxFilesystemOpened", "sandbox filesystem opened", H,
  "writes to start-up files, .claude/ or .git/hooks persist out of the "
  "sandbox (CVE-2026-25725)", "narrow the paths" },
{ "CC028", "SandboxWeakened", "sandbox weakened", M,
  "the option reduces the isolation the sandbox gives",
  "enable it only where required, in user scope" },
{ "CC029", "SandboxMayNotStart", "sandbox may silently not start", L,
  "by default Claude Code runs unsandboxed with a warning when bubblewrap "
  "is missing", "set sandbox.failIfUnavailable: true in managed settings" },
/* Hooks and command-running keys */
{ "CC030", "RepositoryHooks", "repository runs hooks", M,
  "repository hooks run commands without per-command consent (Check Point "
  "hooks finding, CVE-2026-40068)",
  "move the hook to user settings or a reviewed plugin" },
{ "CC031", "RemoteCodeCommand", "command fetches or runs remote code", C,
  "a download piped to a shell runs whatever the server sends",
  "vendor the script into the repository and run it from there" },
{ "CC032", "HookTouchesCredentials", "hook touches credentials", H,
  "a repository hook that reads keys or dumps the environment can "
  "exfiltrate them", "remove the credential access from the hook" },
{ "CC033", "RemoteHttpHook", "remote HTTP hook", M,
  "tool inputs (file contents, commands) are posted off the machine",
  "use loopback URLs only; no secrets in headers" },
{ "CC034", "InertHook", "hook registration that never runs", M,
  "a guard rail that never fires gives false confidence",
  "use {\"EVENT\": [{\"matcher\": ..., \"hooks\": [{\"type\": \"command\", "
  "...}]}]} and read the payload from stdin" },
{ "CC035", "RepositoryDisablesHooks", "repository disables hooks", M,
  "older versions disabled every hook, including the user's guards",
  "remove disableAllHooks" },
{ "CC036", "CredentialHelperFromRepo", "credential helper from repository",
  C, "an arbitrary command in the credential flow, run before trust in "
  "older versions", "set helpers in user or managed settings" },
{ "CC037", "StatusLineFromRepo", "status line or file suggestion command "
  "from repository", M, "runs on every refresh of the UI",
  "configure it in user settings" },
{ "CC038", "AdminKeyOutsideManaged", "admin-only key outside managed "
  "settings", L, "the key has no effect here: a false sense of policy",
  "move it to managed settings" },
{ "CC039", "HookCannotBlock", "PreToolUse hook that cannot block", L,
  "an async hook cannot deny a tool call",
  "make PreToolUse guards synchronous" },
/* Environment */
{ "CC040", "ApiEndpointRedirected", "API endpoint redirected by "
  "repository", C, "the API key is sent to the repository's host "
  "(CVE-2026-21852)", "set gateways in managed or user settings" },
{ "CC041", "LiteralCredential", "literal credential in settings", C,
  "secrets committed to a file", "use ${VAR} expansion or apiKeyHelper in "
  "user scope, and rotate the secret" },
{ "CC042", "TrafficInterception", "traffic interception variable", H,
  "proxies, CA overrides and telemetry endpoints can read API traffic",
  "set them in managed settings" },
{ "CC043", "CodeInjectionVariable", "code-injection environment variable", C,
  "the variable makes every child process run other code",
  "never set it from a repository" },
{ "CC044", "UpdatesOffOrConfigMoved", "repository turns off updates or moves "
  "config", L, "keeps known-vulnerable versions or redirects config",
  "leave it to user or managed settings" },
{ "CC045", "CleartextEndpoint", "cleartext endpoint", H,
  "credentials and prompts travel unencrypted", "use https" },
{ "CC046", "EnvRetargetsGuard", "environment retargets hooks or the guard", H,
  "Claude Code hands the project's env to every hook and tool: it can move "
  "a hook's config, home, shell or libraries, or switch a check off",
  "remove the key; set what you need in user or managed settings" },
/* MCP */
{ "CC050", "McpSelfApproval", "repository auto-approves all MCP servers", C,
  "servers in .mcp.json start without a prompt (CVE-2025-59536, TrustFall)",
  "approve servers per server, interactively" },
{ "CC051", "McpServerSelfApproval", "repository approves its own MCP "
  "servers", H, "the repository votes on its own trust",
  "let the user approve" },
{ "CC052", "UnpinnedPackageRunner", "unpinned package runner", H,
  "the server's code can change under you (rug pull, dependency confusion)",
  "pin an exact version: npx -y pkg@1.2.3, uvx pkg==1.2.3, image@sha256:" },
{ "CC053", "McpPlaintextSecret", "plaintext secret in MCP config", C,
  "secrets committed to a file", "use ${VAR} references or VS Code inputs, "
  "and rotate the secret" },
{ "CC054", "CleartextMcpServer", "cleartext remote MCP server", H,
  "tool traffic and OAuth tokens in clear", "use https" },
{ "CC055", "RemoteMcpServer", "remote MCP server in repository config", M,
  "data leaves the machine at the repository's choice",
  "configure remote servers in user scope" },
{ "CC056", "HeadersHelperFromRepo", "headersHelper in repository", H,
  "a command runs to produce request headers", "set it in user scope" },
{ "CC057", "InlineCodeServer", "shell-wrapped or inline-code MCP server", H,
  "the payload hides in the arguments (TrustFall)",
  "run a real executable with plain arguments" },
{ "CC058", "McpContainerEscape", "container escape in MCP command", C,
  "the container gets the host's root", "docker run --rm -i with no "
  "privileges or host mounts" },
{ "CC059", "McpRemoteCodeFetch", "remote code fetched at server start", H,
  "unreviewed code runs every time", "use a pinned release" },
{ "CC060", "BroadFilesystemServer", "filesystem server with broad roots", M,
  "all files exposed to the model (CVE-2025-53109/53110 class)",
  "give the project directory only" },
{ "CC061", "RepoLocalServer", "repository-local executable server", L,
  "repository code runs once the server is approved",
  "review it; prefer packaged, pinned servers" },
{ "CC062", "SecretToUnpinnedServer", "host secret forwarded to an unpinned "
  "server", M, "the credential goes to code that can change", "pin first" },
{ "CC063", "ServerNameShadowing", "server name shadows a well-known server",
  M, "a project server overrides a user server of the same name",
  "rename the server" },
{ "CC064", "BroadTrustGrant", "trust granted to a broad parent", M,
  "every repository below inherits the trust",
  "trust individual repositories" },
/* Devcontainers */
{ "CC070", "PrivilegedContainer", "privileged container", C,
  "no isolation from the host", "drop --privileged" },
{ "CC071", "DockerSocketMounted", "Docker socket mounted", C,
  "control of the host's Docker is root on the host",
  "use rootless Docker-in-Docker or none" },
{ "CC072", "DangerousCapabilities", "dangerous capabilities or profiles", H,
  "container escape primitives", "drop the capability or profile" },
{ "CC073", "HostNamespaces", "host namespaces", H,
  "the container shares the host's network, processes or IPC",
  "default bridge network plus an egress firewall" },
{ "CC074", "HostCredentialsMounted", "host credentials mounted", H,
  "exactly what the container is meant to keep from the agent",
  "per-container credentials, agent forwarding off" },
{ "CC075", "LifecycleRemoteCode", "lifecycle command fetches remote code", C,
  "code from the network runs in the container, or on the host for "
  "initializeCommand", "pinned, checksummed installs" },
{ "CC076", "HostSideCommand", "host-side initializeCommand", M,
  "runs on the host before the container exists", "avoid it" },
{ "CC077", "ContainerSecret", "secret in container environment", C,
  "secrets committed to a file", "use a secret store or ${localEnv:VAR}" },
{ "CC078", "BypassWithoutEgressControl", "bypass mode without egress "
  "control", M, "skip-permissions is only reasonable behind a firewall",
  "add the init-firewall pattern or --network=none" },
{ "CC079", "HomeAsWorkspace", "home or root as workspace", H,
  "the whole home directory is exposed", "mount the repository only" },
/* Plugins */
{ "CC080", "RepoMarketplace", "repository registers a plugin marketplace", M,
  "plugins bring hooks, MCP servers and skills",
  "pin a commit; use managed strictKnownMarketplaces" },
{ "CC081", "RepoEnablesPlugins", "repository enables plugins", M,
  "enabling a plugin runs its code", "let users opt in" },
/* File hygiene */
{ "CC090", "UnparseableConfig", "unparseable config", H,
  "a file Claude Code rejects drops every deny rule in it",
  "fix the syntax at the reported position" },
{ "CC091", "UnknownKey", "unknown or misplaced key", L,
  "the key does nothing; some look like safety controls",
  "use the documented key at the right level" },
{ "CC092", "WrongType", "wrong type for a security key", M,
  "Claude Code drops or rejects a value of the wrong type",
  "use the documented type" },
{ "CC093", "DuplicateKey", "duplicate JSON key", H,
  "JSON.parse keeps the last value while a reviewer reads the first",
  "keep one occurrence" },
{ "CC094", "NonStrictJson", "comments or trailing commas in a strict JSON "
  "file", L, "tolerance varies by version", "remove them" },
{ "CC095", "InputOverLimits", "input over limits", I,
  "the file is too large or too deep to audit safely",
  "shrink the file; limits are in docs/checks.md" },
{ "CC096", "InvisibleCharacters", "invisible or bidirectional characters",
  H, "text that reads differently from what runs (Trojan Source)",
  "remove the characters" },
{ "CC097", "InvalidEncoding", "invalid encoding", M,
  "Claude Code reads configs as UTF-8", "save the file as UTF-8" },
{ "CC098", "GitPointerOutside", "git worktree pointer outside the "
  "repository", H, "trust inherited through commondir (CVE-2026-40068)",
  "remove the pointer" },
{ "CC099", "PreTrustToolConfig", "tool config run before trust", I,
  "Yarn ran repository code before the trust dialog (CVE-2025-59828)",
  "review yarnPath and plugins" },
/* New checks */
{ "CC100", "CommandMatchesRule", "config command matches a ccveto rule", H,
  "the command would be blocked or questioned if the agent ran it",
  "remove or replace the command" },
{ "CC101", "AllowRuleBypassesGuard", "allow rule pre-approves a command "
  "ccveto denies", M, "Claude Code skips the prompt; only the hook stands "
  "between the model and the command", "narrow or remove the allow rule" },
{ "CC102", "GuardHookFiltered", "guard hook filtered by `if`", M,
  "the `if` filter does not look inside bash -c, so the guard is bypassed",
  "register guards without `if`" },
};

#undef C
#undef H
#undef M
#undef L
#undef I

const struct check_info *check_catalog(size_t *n)
{
	*n = sizeof(catalog) / sizeof(catalog[0]);
	return catalog;
}

const struct check_info *check_find(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof(catalog) / sizeof(catalog[0]); i++)
		if (!strcmp(catalog[i].id, id))
			return &catalog[i];
	return NULL;
}

void finding_fingerprint(struct finding *f)
{
	uint64_t h = 1469598103934665603ull;
	const char *parts[3] = { f->check->id, f->file, f->pointer };
	size_t i;

	for (i = 0; i < 3; i++) {
		const unsigned char *s = (const unsigned char *)parts[i];

		for (; s && *s; s++) {
			h ^= *s;
			h *= 1099511628211ull;
		}
		h ^= 0xff;	/* separator */
		h *= 1099511628211ull;
	}
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%016llx",
		 (unsigned long long)h);
}

int finding_cmp(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	int r = strcmp(a->file, b->file);

	if (r)
		return r;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	if ((r = strcmp(a->check->id, b->check->id)))
		return r;
	return strcmp(a->message, b->message);
}
