/* audit_settings.c - checks for Claude Code settings files (CC001-CC046,
 * CC050, CC080/CC081, CC091/CC092, CC100-CC102).
 *
 * Scope decides meaning: a hook, an endpoint or a credential helper in a
 * repository file (project/local) is something the repository does to
 * whoever opens it; the same key in user settings is the user's choice
 * and is reported only where it is dangerous in itself (remote code,
 * literal secrets, cleartext). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit_int.h"
#include "judge/tools.h"
#include "util/text.h"

#define REPO(c) audit_repo_scope((c)->f)

/* ---- known keys (Appendix A of the settings research) ---- */

static const char *const top_keys[] = {
	"$schema", "additionalDirectoryConfigRoots", "additionalMarketplaces",
	"advisorModel", "agent", "agentPushNotifEnabled",
	"allowAllClaudeAiMcps", "allowClaudeInChromeWithManagedMcp",
	"allowedChannelPlugins", "allowedHttpHookUrls", "allowedMarketplaces",
	"allowedMcpServers", "allowedProviders", "allowManagedHooksOnly",
	"allowManagedMcpServersOnly", "allowManagedPermissionRulesOnly",
	"allowNestedModelAccessUnderForceLogin", "alwaysThinkingEnabled",
	"apiKeyHelper", "appendPlugins", "askUserQuestionTimeout",
	"attribution", "attributionProject", "attributionProjectPolicy",
	"autoCompactEnabled", "autoCompactOfferAnswer",
	"autoCompactRaisedForLoad", "autoCompactWindow",
	"autoContinueAtUsageLimit", "autoDreamEnabled", "autoMemoryDirectory",
	"autoMemoryEnabled", "autoScrollEnabled", "autoUpdatesChannel",
	"autoUploadSessions", "availableModels", "availableModelsMatch",
	"awaySummaryEnabled", "awsAuthRefresh", "awsCredentialExport",
	"bashEditDiffEnabled", "bashOutputMaxChars", "blockedMarketplaces",
	"breakReminder", "channelsEnabled", "claudeMd", "claudeMdExcludes",
	"clawdFileProgressEnabled", "cleanupPeriodDays",
	"companyAnnouncements", "crossSessionInbound", "daemonColdStart",
	"defaultShell", "deniedMcpServers", "deniedModels",
	"desktopMcpServersListScope", "desktopSessionCleanupPeriodDays",
	"dialogExpiry", "disableAgentView", "disableAllHooks",
	"disableArtifact", "disableAutoMode", "disableBundledSkills",
	"disableClaudeAiConnectors", "disableCommandPluginSources",
	"disableDirectMcpSkills", "disabledMcpjsonServers",
	"disableRemoteControl", "disableReplyCheck", "disableSideloadFlags",
	"disableSkillShellExecution", "disableWindowsBashCommandSplit",
	"disableWorkflows", "doneMeansMerged", "editorMode", "effortLevel",
	"emojiCompletionEnabled", "enableAllProjectMcpServers",
	"enableArtifact", "enabledMcpjsonServers", "enabledPlugins",
	"enableWorkflows", "enforceAvailableModels", "env",
	"extraKnownMarketplaces", "fallbackModel", "fastMode",
	"fastModePerSessionOptIn", "feedbackDrafts", "feedbackSurveyRate",
	"fileCheckpointingEnabled", "fileSuggestion", "footerLinksRegexes",
	"forceLoginGatewayUrl", "forceLoginMethod", "forceLoginOrgUUID",
	"forceRemoteSettingsRefresh", "gatewayInternalNetworks",
	"gcpAuthRefresh", "hooks", "httpHookAllowedEnvVars", "idleCompaction",
	"includeCoAuthoredBy", "includeGitInstructions",
	"inputNeededNotifEnabled", "isolatePeerMachines", "keybindingFlavor",
	"language", "managedMcpServers", "managedSourcesBehavior",
	"maxEffortLevel", "maxProseWidth", "minimumVersion", "model",
	"modelOverrides", "modelPicker", "modelPricing", "modelProposedGoals",
	"modelSettings", "otelHeadersHelper", "outputStyle",
	"parentSettingsBehavior", "permissions", "plansDirectory",
	"pluginConfigs", "pluginSuggestionMarketplaces", "pluginTrustMessage",
	"policyHelper", "policyHelpers", "precomputeArmTokens",
	"precomputeCompactionEnabled", "preferredNotifChannel",
	"prefersReducedMotion", "prependPlugins", "processWrapper",
	"promptCacheTtl", "promptSuggestionEnabled", "proxyAuthHelper",
	"prUrlTemplate", "quietHours", "remote", "remoteControl",
	"remoteControlAtStartup", "remoteMessageReceipts", "remoteTools",
	"requiredMaximumVersion", "requiredMinimumVersion",
	"respectGitignore", "respondToBashCommands",
	"responseComparisonEnabled", "sandbox", "showClearContextOnPlanAccept",
	"showMessageTimestamps", "showThinkingSummaries", "showTurnDuration",
	"skillListingBudgetFraction", "skillListingMaxDescChars",
	"skillOverrides", "skipDangerousModePermissionPrompt",
	"skipWebFetchPreflight", "skipWorkflowUsageWarning", "spellcheck",
	"spinnerTipsEnabled", "spinnerTipsOverride", "spinnerVerbs",
	"sshConfigs", "sshHostCommands", "statusLine",
	"strictKnownMarketplaces", "strictPluginOnlyCustomization",
	"subagentPromptCacheTtl", "subagentStatusLine", "switchModelsOnFlag",
	"syncClaudeAiPlugins", "syncClaudeAiSkills",
	"syntaxHighlightingDisabled", "taskOutputMaxChars", "teammateMode",
	"terminalProgressBarEnabled", "terminalTitleFromRename", "theme",
	"timeFormat", "timeZone", "todoFeatureEnabled", "totalTokensReminder",
	"totalTokensReminderAfterUserTurn", "totalTokensReminderBudget", "tui",
	"ultracode", "verbose", "viewMode", "vimInsertModeRemaps", "voice",
	"wheelScrollAccelerationEnabled", "workflowKeywordTriggerEnabled",
	"workflowSizeGuideline", "worktree", "wslInheritsWindowsSettings",
	/* gated, internal or older */
	"xaaIdp", "autoMode", "isolation", "useAutoModeDuringPlan",
	"skipAutoPermissionPrompt", "disableDeepLinkRegistration",
	"disablePluginDirectory", "autoUpdates", "preferredNotifChannel",
	"forceLoginOrgUUID", "cleanupPeriodDays", "outputStyle",
	"feedbackSurveyState", "statusline", NULL,
};

static const char *const perm_keys[] = {
	"allow", "deny", "ask", "defaultMode", "disableBypassPermissionsMode",
	"disableAutoMode", "additionalDirectories",
	"blockReadsOutsideWorkingDirectories",
	"blockWritesOutsideWorkingDirectories", "denyInsteadOfPrompting",
	"blockFileToolReadsOutsideWorkingDirectories",
	"blockReadsExemptPaths", "workingDirectoriesAsGiven",
	"workingDirectoriesExclude", NULL,
};

static const char *const sandbox_keys[] = {
	"enabled", "failIfUnavailable", "autoAllowBashIfSandboxed",
	"allowUnsandboxedCommands", "network", "filesystem", "credentials",
	"windows", "ignoreViolations", "enableWeakerNestedSandbox",
	"allowNestedUserNamespaces", "enableWeakerNetworkIsolation",
	"allowAppleEvents", "excludedCommands", "ripgrep", "bwrapPath",
	"socatPath", NULL,
};

/* Keys that look like safety controls but do nothing. */
static const char *const fake_controls[] = {
	"dangerouslySkipPermissions", "dangerouslyDisableSandbox",
	"allowedTools", "disallowedTools", "permissionMode", "sandboxMode",
	"disableBypassPermissions", "skipPermissions", "allow", "deny", "ask",
	"defaultMode", "enabled", "additionalDirectories", NULL,
};

static void unknown_keys(struct audit_ctx *c, const struct jl_node *obj,
			 const char *const *known, const char *where)
{
	const struct jl_node *k;

	if (!jl_is(obj, JL_OBJECT))
		return;
	for (k = obj->child; k; k = k->next) {
		if (k->shadowed || text_in_list(k->key, known))
			continue;
		if (text_in_list(k->key, fake_controls))
			audit_emit(c, "CC091", SEVERITY_MEDIUM, k, true,
				   "\"%s\" %s looks like a safety control but "
				   "Claude Code ignores it",
				   audit_excerpt(&c->r->arena, k->key,
						 k->keylen), where);
		else
			audit_emit(c, "CC091", SEVERITY_LOW, k, true,
				   "unknown key \"%s\" %s",
				   audit_excerpt(&c->r->arena, k->key,
						 k->keylen), where);
	}
}

/* ---- permission rules ---- */

struct rule_parts {
	char tool[64];
	const char *spec;	/* NULL when bare */
	size_t speclen;
	bool bad;
	const char *problem;
};


static void split_rule(struct rule_parts *p, const char *s, size_t len)
{
	const char *paren = memchr(s, '(', len);
	size_t tl = paren ? (size_t)(paren - s) : len, i;

	memset(p, 0, sizeof(*p));
	if (!len) {
		p->bad = true;
		p->problem = "empty rule";
		return;
	}
	if (tl >= sizeof(p->tool)) {
		p->bad = true;
		p->problem = "tool name too long";
		return;
	}
	memcpy(p->tool, s, tl);
	p->tool[tl] = '\0';
	if (paren) {
		if (s[len - 1] != ')') {
			p->bad = true;
			p->problem = "unbalanced parentheses";
			return;
		}
		p->spec = paren + 1;
		p->speclen = len - tl - 2;
	}
	if (text_prefix(p->tool, "mcp__")) {
		const char *srv = p->tool + 5;

		if (!*srv || (strchr(srv, '*') &&
			      (!strstr(srv, "__") ||
			       strchr(srv, '*') < strstr(srv, "__")))) {
			p->bad = true;
			p->problem = "'*' is not allowed in the MCP server name";
		}
		return;
	}
	for (i = 0; i < tl; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_') {
			p->bad = true;
			p->problem = "invalid character in the tool name";
			return;
		}
	if (!tool_lookup(p->tool)) {
		p->bad = true;
		p->problem = islower((unsigned char)p->tool[0]) ?
			"tool names are case-sensitive (Bash, Read, ...)" :
			"unknown tool name";
		return;
	}
	if (p->spec && !strcmp(p->tool, "Bash")) {
		const char *colon = strstr(p->spec, ":*");

		if (colon && colon + 2 != p->spec + p->speclen) {
			p->bad = true;
			p->problem = "':*' is only valid at the end";
		}
	}
}

/* The words of a Bash rule pattern (":*" and "*" words dropped). */
struct words {
	char buf[512];
	const char *w[16];
	size_t n;
	bool wildcard;		/* the rule matches more than one command */
};

static void rule_words(struct words *w, const char *spec, size_t len)
{
	char *save = NULL, *tok;

	memset(w, 0, sizeof(*w));
	if (len >= sizeof(w->buf))
		len = sizeof(w->buf) - 1;
	memcpy(w->buf, spec, len);
	w->buf[len] = '\0';
	if (len >= 2 && !strcmp(w->buf + len - 2, ":*")) {
		w->buf[len - 2] = '\0';
		w->wildcard = true;
	}
	if (strchr(w->buf, '*'))
		w->wildcard = true;
	for (tok = strtok_r(w->buf, " \t", &save); tok && w->n < 16;
	     tok = strtok_r(NULL, " \t", &save)) {
		char *slash = strrchr(tok, '/');

		if (w->n == 0 && slash && slash[1])
			tok = slash + 1;
		w->w[w->n++] = tok;
	}
}

static bool has_word(const struct words *w, const char *s)
{
	size_t i;

	for (i = 1; i < w->n; i++)
		if (!strcmp(w->w[i], s))
			return true;
	return false;
}

static bool has_flag_char(const struct words *w, char f)
{
	size_t i;

	for (i = 1; i < w->n; i++)
		if (w->w[i][0] == '-' && w->w[i][1] != '-' &&
		    strchr(w->w[i], f))
			return true;
	return false;
}

static const char *sub(const struct words *w)
{
	return w->n > 1 ? w->w[1] : "";
}

struct file_facts {
	const struct jl_node *broad;	/* first CC005/CC008 rule */
	bool broad_shell;	/* CC005 or CC008 */
	bool file_reach;	/* any rule giving file access */
	bool deny_env, deny_ssh, deny_aws, deny_secret_read;
};

static const char *const net_tools[] = {
	"curl", "wget", "nc", "ncat", "netcat", "socat", "ssh", "scp", "sftp",
	"rsync", "ftp", "telnet", NULL,
};
static const char *const wrappers[] = {
	"bash", "sh", "zsh", "dash", "fish", "eval", "exec", "python",
	"python3", "python2", "node", "deno", "bun", "ruby", "perl", "php",
	"npx", "bunx", "uvx", "pnpx", "env", "xargs", "find", "make", "sudo",
	"nohup", "timeout", "watch", "source", "osascript", "pwsh", NULL,
};
static const char *const cred_names[] = {
	"~/.ssh", ".ssh/", "~/.aws", ".aws/", "~/.config/gcloud", "~/.kube",
	"~/.docker/config.json", "~/.gnupg", "~/.netrc", "~/.npmrc",
	"~/.pypirc", ".env", ".pem", "id_rsa", "id_ed25519", ".claude.json",
	".credentials.json", NULL,
};

static bool names_credential(const char *spec)
{
	size_t i;

	for (i = 0; cred_names[i]; i++) {
		const char *p = strstr(spec, cred_names[i]);

		if (!p)
			continue;
		/* .env but not .envrc.example or .environment */
		if (!strcmp(cred_names[i], ".env") &&
		    isalpha((unsigned char)p[4]))
			continue;
		return true;
	}
	return false;
}

static void check_bash_allow(struct audit_ctx *c, const struct jl_node *n,
			     const struct rule_parts *p,
			     struct file_facts *ff)
{
	struct words w;
	const char *prog;
	struct cmd_facts cf;

	if (!p->spec || !p->speclen || !strncmp(p->spec, "*", p->speclen) ||
	    !strncmp(p->spec, "**", p->speclen) ||
	    !strncmp(p->spec, ":*", p->speclen) ||
	    !strncmp(p->spec, "*:*", p->speclen) ||
	    !strncmp(p->spec, " *", p->speclen)) {
		audit_emit(c, "CC005", -1, n, false, "\"%s\" allows every "
			   "shell command without a prompt", audit_text(c, n));
		ff->broad_shell = ff->file_reach = true;
		if (!ff->broad)
			ff->broad = n;
		return;
	}
	rule_words(&w, p->spec, p->speclen);
	if (!w.n)
		return;
	prog = w.w[0];
	if (prog[0] == '*') {
		audit_emit(c, "CC019", -1, n, false, "\"%s\" starts with a "
			   "wildcard and matches any program",
			   audit_text(c, n));
		ff->broad_shell = true;
		return;
	}
	if (w.wildcard && (text_in_list(prog, net_tools) ||
			   (!strcmp(prog, "gh") && !strcmp(sub(&w), "api")) ||
			   (!strcmp(prog, "aws") && !strcmp(sub(&w), "s3"))))
		audit_emit(c, "CC006", -1, n, false, "\"%s\" lets %s run with "
			   "any arguments: a download and exfiltration "
			   "channel", audit_text(c, n), prog);
	if (text_in_list(prog, (const char *const[]){ "sudo", "su", "doas",
						"pkexec", "dd", "fdisk",
						"shred", NULL }) ||
	    text_prefix(prog, "mkfs") ||
	    (!strcmp(prog, "rm") && (w.wildcard || has_flag_char(&w, 'r') ||
				     has_word(&w, "--recursive")) &&
	     (has_flag_char(&w, 'r') || has_flag_char(&w, 'R') ||
	      has_flag_char(&w, 'f') || has_word(&w, "--recursive") ||
	      w.n == 1)) ||
	    (!strcmp(prog, "chmod") && (has_flag_char(&w, 'R') ||
					has_word(&w, "777"))) ||
	    (!strcmp(prog, "chown") && has_flag_char(&w, 'R')) ||
	    (!strcmp(prog, "git") && ((!strcmp(sub(&w), "push") &&
				       (has_word(&w, "--force") ||
					has_word(&w, "-f"))) ||
				      (!strcmp(sub(&w), "reset") &&
				       has_word(&w, "--hard")) ||
				      (!strcmp(sub(&w), "clean") &&
				       has_flag_char(&w, 'f')))))
		audit_emit(c, "CC007", -1, n, false, "\"%s\" pre-approves an "
			   "irreversible or privileged command",
			   audit_text(c, n));
	else if (w.wildcard &&
		 ((text_in_list(prog, wrappers) && w.n == 1) ||
		  (text_in_list(prog, wrappers) && w.n == 2 &&
		   (!strcmp(sub(&w), "-c") || !strcmp(sub(&w), "-e") ||
		    !strcmp(sub(&w), "*"))) ||
		  ((!strcmp(prog, "pnpm") || !strcmp(prog, "yarn")) &&
		   !strcmp(sub(&w), "dlx") && w.n == 2) ||
		  (!strcmp(prog, "pipx") && !strcmp(sub(&w), "run") &&
		   w.n == 2) ||
		  (!strcmp(prog, "docker") && (!strcmp(sub(&w), "run") ||
					       !strcmp(sub(&w), "exec"))) ||
		  (!strcmp(prog, "kubectl") && !strcmp(sub(&w), "exec")) ||
		  (!strcmp(prog, "git") && !strcmp(sub(&w), "-c")) ||
		  (text_in_list(prog, (const char *const[]){ "npm", "pnpm",
				"yarn",
						       "bun", NULL }) &&
		   (w.n == 1 || (w.n == 2 && (!strcmp(sub(&w), "run") ||
					      !strcmp(sub(&w), "exec") ||
					      !strcmp(sub(&w), "x"))))))) {
		audit_emit(c, "CC008", -1, n, false, "\"%s\" runs arbitrary "
			   "code: it is Bash(*) in disguise", audit_text(c, n));
		ff->broad_shell = ff->file_reach = true;
		if (!ff->broad)
			ff->broad = n;
	}
	if ((!strcmp(prog, "git") && !strcmp(sub(&w), "push") &&
	     !has_word(&w, "--force") && !has_word(&w, "-f")) ||
	    (!strcmp(prog, "gh") && (!strcmp(sub(&w), "release") ||
				     (!strcmp(sub(&w), "pr") &&
				      has_word(&w, "merge")))) ||
	    (text_in_list(prog, (const char *const[]){ "npm", "cargo", "pnpm",
						 "yarn", NULL }) &&
	     !strcmp(sub(&w), "publish")) ||
	    (!strcmp(prog, "twine") && !strcmp(sub(&w), "upload")) ||
	    (!strcmp(prog, "docker") && !strcmp(sub(&w), "push")) ||
	    (!strcmp(prog, "terraform") && (!strcmp(sub(&w), "apply") ||
					    !strcmp(sub(&w), "destroy"))) ||
	    (!strcmp(prog, "kubectl") && (!strcmp(sub(&w), "apply") ||
					  !strcmp(sub(&w), "delete"))))
		audit_emit(c, "CC015", -1, n, false, "\"%s\" pre-approves an "
			   "operation that reaches beyond this machine",
			   audit_text(c, n));
	if (names_credential(w.buf) || names_credential(p->spec))
		audit_emit(c, "CC011", -1, n, false, "\"%s\" names a "
			   "credential path", audit_text(c, n));
	/* The hook's own rules: would ccveto refuse this command? */
	if (!c->opts->no_rules) {
		char cmd[512];
		size_t l = p->speclen < sizeof(cmd) - 1 ? p->speclen :
			sizeof(cmd) - 1, i, o = 0;

		for (i = 0; i < l; i++)
			if (p->spec[i] != '*' && !(p->spec[i] == ':' &&
						   p->spec[i + 1] == '*'))
				cmd[o++] = p->spec[i];
		cmd[o] = '\0';
		if (audit_command(&cf, c, cmd, o) == 0 &&
		    cf.rule_decision == 2)
			audit_emit(c, "CC101", -1, n, false, "\"%s\" pre-"
				   "approves a command ccveto's rule %s "
				   "denies: %s", audit_text(c, n), cf.rule_id,
				   cf.rule_why);
	}
}

static const char *const broad_roots[] = {
	"//", "//**", "/**", "~", "~/", "~/**", "~/*", "//home/**",
	"//Users/**", "//etc/**", "//home", "//Users", "//etc", "$HOME",
	"$HOME/**", "//**/*", NULL,
};

static void check_allow(struct audit_ctx *c, const struct jl_node *n,
			struct file_facts *ff)
{
	struct rule_parts p;
	const char *s = n->s;
	char spec[512];

	split_rule(&p, s, n->len);
	if (p.bad) {
		audit_emit(c, "CC016", SEVERITY_LOW, n, false, "allow rule "
			   "\"%s\" is ignored: %s", audit_text(c, n),
			   p.problem);
		return;
	}
	snprintf(spec, sizeof(spec), "%.*s", (int)p.speclen,
		 p.spec ? p.spec : "");
	if (!strcmp(p.tool, "Bash") || !strcmp(p.tool, "PowerShell")) {
		check_bash_allow(c, n, &p, ff);
		return;
	}
	if (!strcmp(p.tool, "WebFetch") && (!p.spec ||
					    !strcmp(spec, "domain:*"))) {
		audit_emit(c, "CC009", -1, n, false, "\"%s\" fetches any URL "
			   "without a prompt", audit_text(c, n));
		return;
	}
	if (text_in_list(p.tool, (const char *const[]){ "Read", "Edit", "Write",
						  "MultiEdit", "Glob", "Grep",
						  "NotebookEdit", NULL })) {
		bool write = strcmp(p.tool, "Read") && strcmp(p.tool, "Glob") &&
			strcmp(p.tool, "Grep");

		ff->file_reach = true;
		if ((!p.spec && strcmp(p.tool, "Glob") &&
		     strcmp(p.tool, "Grep")) || (p.spec &&
						text_in_list(spec,
							     broad_roots)))
			audit_emit(c, "CC010", write ? -1 :
				   (int)severity_lower(c->f->scope == SCOPE_USER ?
						       SEVERITY_LOW + 1 : SEVERITY_MEDIUM,
						       c->f->scope == SCOPE_USER),
				   n, false, "\"%s\" gives %s access to %s",
				   audit_text(c, n), write ? "write" : "read",
				   p.spec ? "the home or root directory" :
				   "every file");
		else if (names_credential(spec))
			audit_emit(c, "CC011", -1, n, false, "\"%s\" "
				   "pre-approves access to credentials",
				   audit_text(c, n));
		return;
	}
	if (text_prefix(p.tool, "mcp__")) {
		const char *rest = p.tool + 5, *sep = strstr(rest, "__");

		if (!sep || !strcmp(sep, "__*"))
			audit_emit(c, "CC013", -1, n, false, "\"%s\" approves "
				   "every tool of MCP server \"%.*s\", "
				   "including tools it adds later",
				   audit_text(c, n),
				   (int)(sep ? (size_t)(sep - rest) :
					 strlen(rest)), rest);
	}
}

static void check_deny_entry(struct audit_ctx *c, const struct jl_node *n,
			     const char *list, struct file_facts *ff)
{
	struct rule_parts p;
	char spec[512];

	split_rule(&p, n->s, n->len);
	if (p.bad) {
		audit_emit(c, "CC016", -1, n, false, "%s rule \"%s\" is "
			   "ignored, so it protects nothing: %s", list,
			   audit_text(c, n), p.problem);
		return;
	}
	if (strcmp(list, "deny"))
		return;
	snprintf(spec, sizeof(spec), "%.*s", (int)p.speclen,
		 p.spec ? p.spec : "");
	if (!strcmp(p.tool, "Read") || !strcmp(p.tool, "Edit") ||
	    !strcmp(p.tool, "Bash")) {
		if (strstr(spec, ".env"))
			ff->deny_env = true;
		if (strstr(spec, ".ssh"))
			ff->deny_ssh = true;
		if (strstr(spec, ".aws"))
			ff->deny_aws = true;
		if (strcmp(p.tool, "Bash") && names_credential(spec))
			ff->deny_secret_read = true;
	}
}

static void check_rule_list(struct audit_ctx *c, const struct jl_node *perm,
			    const char *key, struct file_facts *ff)
{
	const struct jl_node *list = jl_get(perm, key), *n;

	if (!list)
		return;
	if (!jl_is(list, JL_ARRAY)) {
		audit_emit(c, "CC092", -1, list, false, "permissions.%s must "
			   "be an array of rule strings, not a %s", key,
			   jl_type_name(list->type));
		return;
	}
	for (n = list->child; n; n = n->next) {
		if (!jl_is(n, JL_STRING)) {
			audit_emit(c, "CC092", -1, n, false, "permission rules "
				   "are strings, not a %s",
				   jl_type_name(n->type));
			continue;
		}
		if (!strcmp(key, "allow"))
			check_allow(c, n, ff);
		else
			check_deny_entry(c, n, key, ff);
	}
}

static void check_permissions(struct audit_ctx *c, const struct jl_node *root,
			      struct file_facts *ff)
{
	const struct jl_node *perm = jl_get(root, "permissions"), *n, *dirs;
	const char *mode;

	if (!perm) {
		if (c->f->scope == SCOPE_MANAGED)
			audit_emit(c, "CC004", SEVERITY_LOW, NULL, false,
				   "managed settings do not set "
				   "permissions.disableBypassPermissionsMode");
		return;
	}
	if (!jl_is(perm, JL_OBJECT)) {
		audit_emit(c, "CC092", -1, perm, false, "permissions must be "
			   "an object");
		return;
	}
	unknown_keys(c, perm, perm_keys, "in permissions");
	n = jl_get(perm, "defaultMode");
	mode = jl_str(n);
	if (n && !mode)
		audit_emit(c, "CC092", -1, n, false, "defaultMode must be a "
			   "string");
	if (mode && !strcmp(mode, "bypassPermissions"))
		audit_emit(c, "CC001", -1, n, false, "defaultMode is "
			   "bypassPermissions: every tool runs unprompted");
	else if (mode && REPO(c) && (!strcmp(mode, "acceptEdits") ||
				     !strcmp(mode, "auto")))
		audit_emit(c, "CC003", -1, n, false, "the repository sets "
			   "defaultMode to %s", mode);
	else if (mode && !text_in_list(mode, (const char *const[]){ "default",
			"acceptEdits", "plan", "auto", "dontAsk",
			"bypassPermissions", "manual", NULL }))
		audit_emit(c, "CC092", -1, n, false, "unknown defaultMode "
			   "\"%s\"", audit_text(c, n));
	n = jl_get(perm, "disableBypassPermissionsMode");
	if (n && !(jl_str(n) && !strcmp(n->s, "disable")))
		audit_emit(c, "CC092", SEVERITY_MEDIUM, n, false,
			   "disableBypassPermissionsMode must be the string "
			   "\"disable\"; this value is ignored");
	else if (!n && c->f->scope == SCOPE_MANAGED)
		audit_emit(c, "CC004", SEVERITY_LOW, perm, true, "managed "
			   "settings do not set disableBypassPermissionsMode");
	check_rule_list(c, perm, "deny", ff);
	check_rule_list(c, perm, "ask", ff);
	check_rule_list(c, perm, "allow", ff);
	dirs = jl_get(perm, "additionalDirectories");
	if (jl_is(dirs, JL_ARRAY)) {
		for (n = dirs->child; n; n = n->next) {
			const char *d = jl_str(n);
			const char *dd = d;
			int ups = 0;

			if (!d)
				continue;
			while (!strncmp(dd, "../", 3) || !strcmp(dd, "..")) {
				ups++;
				dd += dd[2] ? 3 : 2;
			}
			if (text_in_list(d, (const char *const[]){ "/", "//",
					 "~",
					"~/", "$HOME", "/home", "/Users",
					"/home/", "/Users/", "${HOME}", NULL })
			    || ups >= 2)
				audit_emit(c, "CC014", -1, n, false,
					   "additionalDirectories entry \"%s\" "
					   "opens the home or root directory to "
					   "file tools", audit_text(c, n));
		}
	}
}

/* ---- sandbox ---- */

static void check_sandbox(struct audit_ctx *c, const struct jl_node *root,
			  const struct file_facts *ff)
{
	const struct jl_node *sb = jl_get(root, "sandbox"), *en, *n, *net,
		*fs;
	static const char *const weak[] = {
		"enableWeakerNestedSandbox", "enableWeakerNetworkIsolation",
		"allowAppleEvents", "allowNestedUserNamespaces", NULL,
	};
	static const char *const upload_domains[] = {
		"*.amazonaws.com", "*.githubusercontent.com", "*.ngrok.io",
		"*.ngrok-free.app", "*.workers.dev", "pastebin.com",
		"transfer.sh", "webhook.site", "*.webhook.site",
		"*.blob.core.windows.net", "*.storage.googleapis.com",
		"*.pages.dev", "*.vercel.app", "*.herokuapp.com", NULL,
	};
	bool enabled;
	size_t i;

	en = jl_get(sb, "enabled");
	enabled = jl_is_true(en);
	if (ff->broad_shell && !enabled)
		audit_emit(c, "CC021", -1, en ? en : ff->broad, false,
			   "broad shell rules and no sandbox: nothing "
			   "contains the allowed commands");
	if (!sb)
		return;
	if (!jl_is(sb, JL_OBJECT)) {
		audit_emit(c, "CC092", -1, sb, false, "sandbox must be an "
			   "object");
		return;
	}
	unknown_keys(c, sb, sandbox_keys, "in sandbox");
	if (en && !jl_is(en, JL_BOOL))
		audit_emit(c, "CC092", -1, en, false, "sandbox.enabled must "
			   "be a boolean, not a %s", jl_type_name(en->type));
	if (jl_is_false(en) && REPO(c))
		audit_emit(c, "CC020", -1, en, false, "the repository turns "
			   "the sandbox off");
	n = jl_get(sb, "allowUnsandboxedCommands");
	if (enabled && (!n || jl_is_true(n))) {
		audit_emit(c, "CC022", n ? (int)severity_lower(SEVERITY_HIGH,
			       c->f->scope == SCOPE_USER) : -1, n ? n : en,
			       n != NULL, "%s: the model may run commands outside "
			       "the sandbox", n ? "allowUnsandboxedCommands is "
			       "true" : "allowUnsandboxedCommands defaults to "
			       "true");
		if (jl_is_true(jl_get(sb, "autoAllowBashIfSandboxed")))
			audit_emit(c, "CC023", -1,
				   jl_get(sb, "autoAllowBashIfSandboxed"),
				   true, "autoAllowBashIfSandboxed with the "
				   "escape hatch open");
	}
	if (enabled && (c->f->scope == SCOPE_MANAGED ||
			c->f->scope == SCOPE_PROJECT) &&
	    !jl_is_true(jl_get(sb, "failIfUnavailable")))
		audit_emit(c, "CC029", c->f->scope == SCOPE_MANAGED ?
			   SEVERITY_LOW : SEVERITY_INFO, en, true, "sandbox enabled "
			   "without failIfUnavailable: it silently does not "
			   "start where bubblewrap is missing");
	for (i = 0; weak[i]; i++)
		if (jl_is_true((n = jl_get(sb, weak[i]))))
			audit_emit(c, "CC028", -1, n, true, "sandbox.%s "
				   "weakens isolation", weak[i]);
	net = jl_get(sb, "network");
	if (jl_is_true((n = jl_get(net, "allowLocalBinding"))))
		audit_emit(c, "CC028", -1, n, true, "sandbox.network."
			   "allowLocalBinding weakens isolation");
	if ((n = jl_get(net, "allowedDomains")) && jl_is(n, JL_ARRAY)) {
		const struct jl_node *e;

		for (e = n->child; e; e = e->next) {
			const char *dom = jl_str(e);
			bool tld;

			if (!dom)
				continue;
			tld = dom[0] == '*' && dom[1] == '.' &&
				!strchr(dom + 2, '.');
			if (!strcmp(dom, "*"))
				audit_emit(c, "CC024", SEVERITY_CRITICAL, e, false,
					   "allowedDomains contains \"*\": "
					   "any host is reachable");
			else if (!strcmp(dom, "*.*") || tld ||
				 text_in_list(dom, upload_domains))
				audit_emit(c, "CC024", -1, e, false,
					   "allowedDomains entry \"%s\" lets "
					   "data leave to hosts anyone can "
					   "register or upload to",
					   audit_text(c, e));
		}
	}
	if (jl_is_true((n = jl_get(net, "allowAllUnixSockets"))))
		audit_emit(c, "CC025", -1, n, true, "every Unix socket, "
			   "including docker.sock, is reachable");
	if ((n = jl_get(net, "allowUnixSockets")) && jl_is(n, JL_ARRAY)) {
		const struct jl_node *e;

		for (e = n->child; e; e = e->next) {
			const char *s = jl_str(e);

			if (s && (strstr(s, "docker.sock") ||
				  strstr(s, "podman.sock") ||
				  strstr(s, "containerd.sock") ||
				  strstr(s, "/bus") ||
				  strstr(s, "ssh-agent") ||
				  strstr(s, "agent.sock") || !strcmp(s, "*")))
				audit_emit(c, "CC025", -1, e, false, "socket "
					   "\"%s\" gives control of the host",
					   audit_text(c, e));
		}
	}
	if ((n = jl_get(sb, "excludedCommands")) && jl_is(n, JL_ARRAY)) {
		static const char *const esc[] = {
			"docker", "podman", "kubectl", "nerdctl", "ssh",
			"bash", "sh", "zsh", "python", "python3", "node",
			"sudo", "env", "npx", NULL,
		};
		const struct jl_node *e;

		for (e = n->child; e; e = e->next) {
			struct words w;

			if (!jl_str(e))
				continue;
			rule_words(&w, e->s, e->len);
			if (!w.n || w.w[0][0] == '*'
			    || text_in_list(w.w[0], esc))
				audit_emit(c, "CC026", -1, e, false,
					   "\"%s\" runs outside the sandbox and "
					   "can start anything",
					   audit_text(c, e));
		}
	}
	fs = jl_get(sb, "filesystem");
	if (jl_is_true((n = jl_get(fs, "disabled"))))
		audit_emit(c, "CC027", -1, n, true, "sandbox filesystem "
			   "isolation is disabled");
	if ((n = jl_get(fs, "allowWrite")) && jl_is(n, JL_ARRAY)) {
		static const char *const bad[] = {
			"~", "~/", "/", "//", "~/.bashrc", "~/.zshrc",
			"~/.profile", "~/.bash_profile", "~/.ssh", "~/.claude",
			".claude", ".claude/", "./.claude", ".git/hooks",
			"./.git/hooks", "~/.config", ".git", "~/**", "/**",
			"//**", NULL,
		};
		const struct jl_node *e;

		for (e = n->child; e; e = e->next)
			if (jl_str(e) && (text_in_list(e->s, bad) ||
					  strstr(e->s, ".claude/settings") ||
					  strstr(e->s, ".git/hooks")))
				audit_emit(c, "CC027", -1, e, false, "sandbox "
					   "may write \"%s\": persistence "
					   "outside the sandbox",
					   audit_text(c, e));
	}
	if ((n = jl_get(fs, "allowRead")) && jl_is(n, JL_ARRAY)) {
		const struct jl_node *e;

		for (e = n->child; e; e = e->next)
			if (jl_str(e) && (strstr(e->s, ".ssh") ||
					  strstr(e->s, ".aws")))
				audit_emit(c, "CC027", -1, e, false, "sandbox "
					   "re-opens \"%s\" for reading",
					   audit_text(c, e));
	}
}

/* ---- commands in settings ---- */

static void judge_cmd(struct audit_ctx *c, const struct jl_node *at,
		      const char *what, const char *cmd, size_t len,
		      const struct cmd_facts *pre, bool hook)
{
	struct cmd_facts cf;

	if (pre)
		cf = *pre;
	else if (audit_command(&cf, c, cmd, len) < 0)
		return;
	if (cf.remote_exec || (cf.fetch && cf.pipe_to_shell)) {
		audit_emit(c, "CC031", -1, at, false, "%s %s: \"%s\"%s%s",
			   what, cf.what ? cf.what : "runs remote code",
			   audit_excerpt(&c->r->arena, cmd, len),
			   cf.rule_id ? "; ccveto rule " : "",
			   cf.rule_id ? cf.rule_id : "");
		return;
	}
	if (hook && cf.creds && REPO(c)) {
		audit_emit(c, "CC032", -1, at, false, "%s %s: \"%s\"", what,
			   cf.what ? cf.what : "touches credentials",
			   audit_excerpt(&c->r->arena, cmd, len));
		return;
	}
	if (cf.rule_decision && cf.rule_id)
		audit_emit(c, "CC100", cf.rule_decision == 2 ? -1 :
			   (int)severity_lower(SEVERITY_MEDIUM,
					       !audit_repo_scope(c->f)), at, false,
			   "%s would be %s by ccveto rule %s (%s): \"%s\"",
			   what, cf.rule_decision == 2 ? "denied" :
			   "questioned", cf.rule_id, cf.rule_why,
			   audit_excerpt(&c->r->arena, cmd, len));
}

static const char *const unprompted_events[] = {
	"SessionStart", "Setup", "SessionEnd", "UserPromptSubmit",
	"InstructionsLoaded", "ConfigChange", "CwdChanged", "FileChanged",
	NULL,
};

static bool matcher_is_plain(const char *m)
{
	for (; *m; m++)
		if (!isalnum((unsigned char)*m) && !strchr("_|, -", *m))
			return false;
	return true;
}

static void check_handler(struct audit_ctx *c, const char *event,
			  const struct jl_node *h)
{
	const struct jl_node *type = jl_get(h, "type"), *cmd, *n;
	const char *t = jl_str(type);
	bool unprompted = text_in_list(event, unprompted_events);

	if (!jl_is(h, JL_OBJECT)) {
		audit_emit(c, "CC034", -1, h, false, "hook handler is a %s, "
			   "not an object", jl_type_name(h->type));
		return;
	}
	if (!t || !text_in_list(t, (const char *const[]){ "command", "http",
			"prompt", "agent", "mcp_tool", NULL })) {
		audit_emit(c, "CC034", -1, type ? type : h, false, "hook "
			   "handler type \"%s\" is unknown: it never runs",
			   t ? audit_text(c, type) : "(missing)");
		return;
	}
	n = jl_get(h, "timeout");
	if (n && (!jl_is(n, JL_NUMBER) || atof(n->s) <= 0))
		audit_emit(c, "CC034", -1, n, true, "hook timeout must be a "
			   "positive number of seconds");
	if (REPO(c) && strcmp(t, "prompt") && strcmp(t, "agent"))
		audit_emit(c, "CC030", unprompted ? (int)SEVERITY_HIGH : -1, h,
			   false, "the repository registers a %s hook on %s%s",
			   t, event, unprompted ? ", which runs without any "
			   "tool use" : "");
	if (text_in_list(event, judged_events) &&
	    (jl_is_true(jl_get(h, "async")) ||
	     jl_is_true(jl_get(h, "asyncRewake"))))
		audit_emit(c, "CC039", -1, h, false, "async %s hook cannot "
			   "block %s", event, strcmp(event, "PreToolUse") ?
			   "a skill's shell line" : "a tool call");
	if (text_in_list(event, judged_events) && jl_get(h, "if") &&
	    !strcmp(t, "command"))
		audit_emit(c, "CC102", -1, jl_get(h, "if"), true, "%s guard "
			   "filtered by \"if\": %s", event,
			   audit_text(c, jl_get(h, "if")));
	if (!strcmp(t, "http")) {
		const char *url = jl_str(jl_get(h, "url"));
		const char *host = url ? audit_url_host(&c->r->arena, url) :
			"";

		if (REPO(c) && url && !audit_host_loopback(host))
			audit_emit(c, "CC033", text_prefix(url, "http://") ?
				   (int)SEVERITY_HIGH : -1, jl_get(h, "url"),
				   false, "hook posts tool data to %s", host);
		n = jl_get(h, "allowedEnvVars");
		if (REPO(c) && jl_is(n, JL_ARRAY)) {
			const struct jl_node *e;

			for (e = n->child; e; e = e->next)
				if (jl_str(e) && (strstr(e->s, "TOKEN") ||
						  strstr(e->s, "KEY") ||
						  strstr(e->s, "SECRET")))
					audit_emit(c, "CC033", SEVERITY_HIGH, e,
						   false, "http hook may send "
						   "$%s", audit_text(c, e));
		}
		return;
	}
	if (strcmp(t, "command"))
		return;
	cmd = jl_get(h, "command");
	if (!jl_str(cmd)) {
		audit_emit(c, "CC034", -1, cmd ? cmd : h, false, "command "
			   "hook without a command string: it never runs");
		return;
	}
	if (strstr(cmd->s, "CLAUDE_TOOL_INPUT") ||
	    strstr(cmd->s, "CLAUDE_FILE_PATHS"))
		audit_emit(c, "CC034", -1, cmd, false, "the hook reads "
			   "$CLAUDE_TOOL_INPUT/$CLAUDE_FILE_PATHS, which are "
			   "never set: the payload arrives on stdin");
	n = jl_get(h, "args");
	if (jl_is(n, JL_ARRAY)) {
		const char *argv[64];
		const struct jl_node *e;
		struct cmd_facts cf;
		size_t argc = 0;

		argv[argc++] = cmd->s;
		for (e = n->child; e && argc < 64; e = e->next)
			if (jl_str(e))
				argv[argc++] = e->s;
		if (audit_argv(&cf, c, argv, argc) == 0)
			judge_cmd(c, cmd, "hook command", cmd->s, cmd->len,
				  &cf, true);
		return;
	}
	judge_cmd(c, cmd, "hook command", cmd->s, cmd->len, NULL, true);
}

static void check_matcher(struct audit_ctx *c, const struct jl_node *m)
{
	pcre2_code *re;
	int err;
	PCRE2_SIZE off;

	if (!jl_str(m)) {
		if (m)
			audit_emit(c, "CC034", -1, m, false, "matcher must be a "
				   "string");
		return;
	}
	if (matcher_is_plain(m->s) || !strcmp(m->s, "*"))
		return;
	re = pcre2_compile((PCRE2_SPTR)m->s, m->len, PCRE2_UTF, &err, &off,
			   NULL);
	if (!re)
		audit_emit(c, "CC034", -1, m, false, "matcher \"%s\" is not a "
			   "valid regular expression: the hook never runs",
			   audit_text(c, m));
	pcre2_code_free(re);
}

static void check_hooks(struct audit_ctx *c, const struct jl_node *root)
{
	const struct jl_node *hooks = jl_get(root, "hooks"), *ev;

	if (!hooks)
		return;
	if (!jl_is(hooks, JL_OBJECT)) {
		audit_emit(c, "CC034", -1, hooks, true, "hooks must be an "
			   "object of events");
		return;
	}
	for (ev = hooks->child; ev; ev = ev->next) {
		const struct jl_node *g;
		char event[64];

		if (ev->shadowed)
			continue;
		snprintf(event, sizeof(event), "%s", ev->key);
		if (!text_in_list(event, client_events)) {
			audit_emit(c, "CC034", -1, ev, true, "\"%s\" is not a "
				   "hook event: these hooks never run%s",
				   audit_excerpt(&c->r->arena, ev->key,
						 ev->keylen),
				   tool_lookup(event) ?
				   " (a tool name goes in \"matcher\")" : "");
			continue;
		}
		if (!jl_is(ev, JL_ARRAY)) {
			audit_emit(c, "CC034", -1, ev, false, "hooks.%s must be "
				   "an array of matcher groups", event);
			continue;
		}
		for (g = ev->child; g; g = g->next) {
			const struct jl_node *hl = jl_get(g, "hooks"), *h;

			if (!jl_is(g, JL_OBJECT) || !jl_is(hl, JL_ARRAY)) {
				audit_emit(c, "CC034", -1, g, false,
					   "handler not wrapped in {\"matcher\", "
					   "\"hooks\": [...]}: it never runs");
				continue;
			}
			check_matcher(c, jl_get(g, "matcher"));
			for (h = hl->child; h; h = h->next)
				check_handler(c, event, h);
		}
	}
}

static void check_helpers(struct audit_ctx *c, const struct jl_node *root)
{
	static const struct {
		const char *key;
		enum severity sev;
	} helpers[] = {
		{ "apiKeyHelper", SEVERITY_CRITICAL },
		{ "awsAuthRefresh", SEVERITY_CRITICAL },
		{ "awsCredentialExport", SEVERITY_CRITICAL },
		{ "gcpAuthRefresh", SEVERITY_HIGH },
		{ "otelHeadersHelper", SEVERITY_HIGH },
		{ "proxyAuthHelper", SEVERITY_HIGH },
	};
	static const char *const lines[] = {
		"statusLine", "subagentStatusLine", "fileSuggestion", NULL,
	};
	size_t i;

	for (i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++) {
		const struct jl_node *n = jl_get(root, helpers[i].key);

		if (!n)
			continue;
		if (REPO(c))
			audit_emit(c, "CC036", (int)helpers[i].sev, n, true,
				   "the repository sets %s: \"%s\"",
				   helpers[i].key, audit_text(c, n));
		if (jl_str(n))
			judge_cmd(c, n, helpers[i].key, n->s, n->len, NULL,
				  false);
	}
	for (i = 0; lines[i]; i++) {
		const struct jl_node *n = jl_get(root, lines[i]);
		const struct jl_node *cmd = jl_get(n, "command");
		struct cmd_facts cf;

		if (!jl_str(cmd) || audit_command(&cf, c, cmd->s, cmd->len))
			continue;
		if (REPO(c))
			audit_emit(c, "CC037", cf.remote_exec ?
				   (int)SEVERITY_CRITICAL : -1, cmd, false,
				   "the repository runs \"%s\" as %s on every "
				   "refresh", audit_text(c, cmd), lines[i]);
		if (cf.remote_exec)
			judge_cmd(c, cmd, lines[i], cmd->s, cmd->len, &cf,
				  false);
	}
}

static void check_admin_keys(struct audit_ctx *c, const struct jl_node *root)
{
	static const char *const admin[] = {
		"allowManagedHooksOnly", "allowManagedPermissionRulesOnly",
		"allowManagedMcpServersOnly", "strictKnownMarketplaces",
		"allowedMcpServers", "requiredMinimumVersion", "claudeMd",
		"policyHelper", "policyHelpers", "pluginTrustMessage", NULL,
	};
	const struct jl_node *k;
	size_t i;

	if (c->f->scope == SCOPE_MANAGED)
		return;
	for (i = 0; admin[i]; i++)
		if ((k = jl_get(root, admin[i])))
			audit_emit(c, "CC038", SEVERITY_LOW, k, true, "%s only "
				   "works in managed settings", admin[i]);
	if ((k = jl_get(jl_get(root, "sandbox"), "bwrapPath")) ||
	    (k = jl_get(jl_get(root, "sandbox"), "socatPath")))
		audit_emit(c, "CC038", SEVERITY_LOW, k, true, "sandbox.%s only "
			   "works in managed settings", k->key);
}

/* ---- plugins and MCP approval ---- */

static void check_plugins(struct audit_ctx *c, const struct jl_node *root)
{
	const struct jl_node *m = jl_get(root, "extraKnownMarketplaces"), *e;

	if (REPO(c) && jl_is(m, JL_OBJECT)) {
		for (e = m->child; e; e = e->next) {
			const struct jl_node *src = jl_get(e, "source");
			const char *type = jl_str(jl_get(src, "source"));
			const char *ref = jl_str(jl_get(src, "ref"));
			const char *url = jl_str(jl_get(src, "url"));
			bool pinned = ref && strlen(ref) >= 40 &&
				strspn(ref, "0123456789abcdef") >= 40;

			if (type && !strcmp(type, "url") && url &&
			    !text_prefix(url, "http://"))
				pinned = false;
			audit_emit(c, "CC080", pinned ? -1 : (int)SEVERITY_HIGH, e,
				   true, "the repository registers marketplace "
				   "\"%s\"%s", audit_excerpt(&c->r->arena,
				   e->key, e->keylen), pinned ? "" :
				   " without pinning a commit");
		}
	}
	m = jl_get(root, "enabledPlugins");
	if (REPO(c) && jl_is(m, JL_OBJECT))
		for (e = m->child; e; e = e->next) {
			const char *at = memchr(e->key, '@', e->keylen);

			if (!jl_is_true(e))
				continue;
			if (at && !strcmp(at, "@claude-plugins-official"))
				continue;
			audit_emit(c, "CC081", -1, e, true, "the repository "
				   "enables plugin \"%s\"",
				   audit_excerpt(&c->r->arena, e->key,
						 e->keylen));
		}
}

void audit_check_settings(struct audit_ctx *c, const struct jl_node *root)
{
	struct file_facts ff;
	const struct jl_node *n, *perm;

	memset(&ff, 0, sizeof(ff));
	unknown_keys(c, root, top_keys, "at top level");
	check_permissions(c, root, &ff);
	perm = jl_get(root, "permissions");
	if (ff.file_reach && !(ff.deny_env && (ff.deny_ssh || ff.deny_aws)) &&
	    c->f->scope != SCOPE_MANAGED)
		audit_emit(c, "CC012", SEVERITY_LOW, jl_get(perm, "allow"), true,
			   "file access is allowed but no deny rule covers "
			   "%s", !ff.deny_env ? ".env files" :
			   "~/.ssh or ~/.aws");
	if (ff.deny_secret_read && ff.broad_shell &&
	    !jl_is_true(jl_path(root, "sandbox", "enabled", NULL)))
		audit_emit(c, "CC017", -1, jl_get(perm, "deny"), true,
			   "Read deny rules for secrets, but an allowed "
			   "shell can still read them (no sandbox)");
	check_sandbox(c, root, &ff);
	n = jl_get(root, "skipDangerousModePermissionPrompt");
	if (jl_is_true(n) && REPO(c))
		audit_emit(c, "CC002", c->f->scope == SCOPE_LOCAL ?
			   (int)SEVERITY_HIGH : (int)SEVERITY_MEDIUM, n, true,
			   "the repository pre-accepts the bypass-mode dialog");
	check_hooks(c, root);
	if (jl_is_true(jl_get(root, "disableAllHooks")) && REPO(c))
		audit_emit(c, "CC035", -1, jl_get(root, "disableAllHooks"),
			   true, "the repository sets disableAllHooks");
	check_helpers(c, root);
	check_admin_keys(c, root);
	audit_check_env(c, jl_get(root, "env"), "env");
	n = jl_get(root, "enableAllProjectMcpServers");
	if (jl_is_true(n) && REPO(c))
		audit_emit(c, "CC050", -1, n, true, "the repository approves "
			   "every server in .mcp.json without a prompt");
	if (c->f->scope == SCOPE_LOCAL && !c->f->explicit &&
	    ((perm && jl_get(perm, "allow") && jl_get(perm, "allow")->n) ||
	     jl_is_true(n) || jl_get(root, "enabledMcpjsonServers")))
		audit_emit(c, "CC018", -1, NULL, false, "settings.local.json "
			   "with approvals is part of the audited tree; it is "
			   "meant to be personal and git-ignored");
	check_plugins(c, root);
}
