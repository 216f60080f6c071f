/* tools.c - the tool table, see tools.h.
 * Checked against the 2.1.332 client's sdk-tools.d.ts and the tools it
 * announces; tests/e2e/09-drift.sh fails when the installed client has a
 * tool or event that is not here. */
#include "judge/tools.h"

#include <string.h>

const struct tool_info tool_table[] = {
	{ "Bash", TOOL_SHELL, "command, parsed as bash" },
	{ "Monitor", TOOL_SHELL, "command, parsed as bash; ws.url as a URL" },
	{ "PowerShell", TOOL_SHELL, "command, parsed as PowerShell" },
	{ "Read", TOOL_FILE, "file_path: read" },
	{ "Write", TOOL_FILE, "file_path: write; content" },
	{ "Edit", TOOL_FILE, "file_path: overwrite (and read); new_string" },
	{ "MultiEdit", TOOL_FILE, "file_path: overwrite (older clients)" },
	{ "NotebookEdit", TOOL_FILE, "notebook_path: overwrite; new_source" },
	{ "NotebookRead", TOOL_FILE, "notebook_path: read (older clients)" },
	{ "LS", TOOL_FILE, "path: listed (older clients)" },
	{ "Glob", TOOL_FILE, "path and pattern: names read" },
	{ "Grep", TOOL_FILE, "path and glob: read" },
	{ "WebFetch", TOOL_WEB, "url and host" },
	{ "WebSearch", TOOL_WEB, "query, for the string rules" },
	{ "Artifact", TOOL_FIELDS, "file_path, file_paths: uploaded to "
	  "claude.ai (publish, upload_asset); force: discards a newer "
	  "version" },
	{ "Projects", TOOL_FIELDS, "local_path of project_write: uploaded to "
	  "a claude.ai project; content: the string rules" },
	{ "ClaudeDesign", TOOL_FIELDS, "operation and arguments: the string "
	  "rules (server-side documents)" },
	{ "CronCreate", TOOL_FIELDS, "durable: a prompt that survives "
	  "restarts (.claude/scheduled_tasks.json)" },
	{ "RemoteTrigger", TOOL_FIELDS, "action create, update, run, "
	  "create_webhook_trigger: cloud-side agents" },
	{ "ExitWorktree", TOOL_FIELDS, "action remove with discard_changes: "
	  "uncommitted work deleted" },
	{ "PushNotification", TOOL_FIELDS, "message: sent to the user's "
	  "phone, checked for credentials" },
	/* Nothing outside the session: agents they start are hooked call by
	 * call, lists and questions change nothing. */
	{ "Agent", TOOL_SESSION, "starts a subagent; its calls are hooked" },
	{ "Task", TOOL_SESSION, "Agent's older name" },
	{ "Skill", TOOL_SESSION, "loads a skill; its shell lines are "
	  "PreSkillShellCommand" },
	{ "SlashCommand", TOOL_SESSION, "runs a command's prompt" },
	{ "Workflow", TOOL_SESSION, "a script of agent() calls, each hooked" },
	{ "EnterWorktree", TOOL_SESSION, "creates or enters a git worktree "
	  "of this repository" },
	{ "CronDelete", TOOL_SESSION, "removes a session cron" },
	{ "CronList", TOOL_SESSION, "lists" },
	{ "ScheduleWakeup", TOOL_SESSION, "wakes this session later" },
	{ "TodoWrite", TOOL_SESSION, "the session's todo list" },
	{ "TodoRead", TOOL_SESSION, "the session's todo list" },
	{ "TaskCreate", TOOL_SESSION, "the session's task list" },
	{ "TaskGet", TOOL_SESSION, "the session's task list" },
	{ "TaskUpdate", TOOL_SESSION, "the session's task list" },
	{ "TaskList", TOOL_SESSION, "the session's task list" },
	{ "TaskStop", TOOL_SESSION, "stops a background task" },
	{ "TaskOutput", TOOL_SESSION, "reads a background task's output" },
	{ "BashOutput", TOOL_SESSION, "reads a background shell's output" },
	{ "KillShell", TOOL_SESSION, "stops a background shell" },
	{ "KillBash", TOOL_SESSION, "stops a background shell" },
	{ "ExitPlanMode", TOOL_SESSION, "shows a plan" },
	{ "EnterPlanMode", TOOL_SESSION, "plan mode" },
	{ "AskUserQuestion", TOOL_SESSION, "asks the user" },
	{ "ToolSearch", TOOL_SESSION, "loads tool schemas" },
	{ "ListMcpResourcesTool", TOOL_SESSION, "lists MCP resources" },
	{ "ReadMcpResourceTool", TOOL_SESSION, "the server decides what a "
	  "resource is; its tools' calls are judged" },
	{ "ReadMcpResourceDir", TOOL_SESSION, "lists MCP resources" },
	{ "RefreshMcpTools", TOOL_SESSION, "reloads MCP tool lists" },
	{ "McpTaskCheck", TOOL_SESSION, "polls an MCP task" },
	{ "SendMessage", TOOL_SESSION, "messages another agent of the session" },
	{ "TeamCreate", TOOL_SESSION, "agent teams" },
	{ "TeamDelete", TOOL_SESSION, "agent teams" },
	{ "ListPeers", TOOL_SESSION, "agent teams" },
	{ "ListAgents", TOOL_SESSION, "agent teams" },
	{ "ReportFindings", TOOL_SESSION, "reports to the session" },
	{ "SendFeedback", TOOL_SESSION, "a report to Anthropic the user "
	  "sends" },
	{ "ReadNotifications", TOOL_SESSION, "reads" },
	{ "ProposeSkills", TOOL_SESSION, "proposes" },
	{ "ProposeGoal", TOOL_SESSION, "proposes" },
	{ "ShowOnboardingRolePicker", TOOL_SESSION, "interface" },
	{ "OfferChromeSetup", TOOL_SESSION, "interface" },
	{ "LSP", TOOL_SESSION, "language-server queries" },
	{ NULL, TOOL_SESSION, NULL },
};

const struct tool_info *tool_lookup(const char *name)
{
	const struct tool_info *t;

	for (t = tool_table; name && t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

bool tool_acts(const struct tool_info *t)
{
	return t && t->reading != TOOL_SESSION;
}

const char *const client_events[] = {
	"PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch",
	"Notification", "UserPromptSubmit", "UserPromptExpansion",
	"SessionStart", "SessionEnd", "Stop", "StopFailure", "SubagentStart",
	"SubagentStop", "PreCompact", "PostCompact", "PreModelSwitch",
	"PostModelSwitch", "PermissionRequest", "PermissionDenied", "Setup",
	"TeammateIdle", "TaskCreated", "TaskCompleted", "Elicitation",
	"ElicitationResult", "ConfigChange", "WorktreeCreate",
	"WorktreeRemove", "InstructionsLoaded", "CwdChanged", "FileChanged",
	"DirectoryAdded", "MessageDisplay", "PreSkillShellCommand", NULL,
};

/* Events whose hooks can stop what they announce and that ccveto guards:
 * a tool call, and a skill's inline shell line (same matcher, same `if`). */
const char *const judged_events[] = {
	"PreToolUse", "PreSkillShellCommand", NULL,
};
