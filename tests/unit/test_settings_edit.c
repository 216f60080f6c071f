/* test_settings_edit.c - text-level editing of settings.json. */
#include <string.h>

#include "util/buf.h"
#include "cli/settings_edit.h"
#include "tap.h"

#define CMD "/usr/local/bin/ccveto hook"
#define ALL 0xffffffffu
#define PRE settings_made_event("PreToolUse")
#define SKILL settings_made_event("PreSkillShellCommand")
#define POST settings_made_event("PostToolUse")

static unsigned made;	/* what the last install() created */

static int install(struct buf *out, const char *in)
{
	struct diag d = { 0 };

	buf_release(out);
	made = 0;
	return settings_install(out, NULL, in, strlen(in), CMD, &made, &d);
}

static int uninstall_made(struct buf *out, const char *in, unsigned m)
{
	struct diag d = { 0 };

	buf_release(out);
	return settings_uninstall(out, NULL, in, strlen(in), CMD, m, &d);
}

static int uninstall(struct buf *out, const char *in)
{
	return uninstall_made(out, in, ALL);
}

static void round_trip(const char *name, const char *in)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int r1 = install(&a, in), r2 = -1, r3 = -1;
	unsigned m = made;
	struct buf c = BUF_INIT;

	if (!r1)
		r2 = uninstall_made(&b, a.data, m);
	if (!r1)
		r3 = install(&c, a.data);
	ok(r1 == 0 && (strstr(a.data, "\"onFailure\": \"block\"") ||
			strstr(a.data, "\"onFailure\":\"block\"")),
	   "%s: installed", name);
	ok(r3 == 0 && c.len == a.len && !memcmp(c.data, a.data, a.len),
	   "%s: install is idempotent", name);
	ok(r2 == 0 && b.len == strlen(in) && !memcmp(b.data, in, b.len),
	   "%s: uninstall restores the bytes", name);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

int main(void)
{
	struct buf out = BUF_INIT, q = BUF_INIT;
	int rc;
	struct diag d = { 0 };

	ok(settings_command_is_ours("ccveto hook", NULL), "bare name");
	ok(settings_command_is_ours("/usr/bin/ccveto hook", NULL), "path");
	ok(settings_command_is_ours("'/opt/my dir/ccveto' hook ", NULL),
	   "quoted path, trailing blank");
	ok(settings_command_is_ours("CCVETO_RULES_DIR=/r ccveto hook", NULL),
	   "with an assignment");
	ok(!settings_command_is_ours("notccveto hook", NULL), "other program");
	ok(!settings_command_is_ours("ccveto hooks", NULL), "other word");
	ok(!settings_command_is_ours("ccveto check", NULL), "other command");
	ok(!settings_command_is_ours("echo ccveto hook; evil", NULL),
	   "not at the end");
	ok(settings_command_is_ours("x y", "x y"), "our exact command");
	ok(settings_command_is_ours("/usr/bin/ccveto hook --home '/home/a b'",
				    NULL), "install --home: quoted DIR");
	ok(settings_command_is_ours("ccveto hook --home /home/a", NULL),
	   "install --home: plain DIR");
	ok(!settings_command_is_ours("ccveto hook --home /a; evil", NULL),
	   "--home followed by more words is not ours");
	ok(!settings_command_is_ours("ccveto check --home /a", NULL),
	   "--home after another command is not ours");

	settings_hook_command(&q, "/usr/bin/ccveto");
	ok(!strcmp(q.data, "/usr/bin/ccveto hook"), "plain path unquoted");
	buf_release(&q);
	settings_hook_command(&q, "/home/a b/it's/ccveto");
	ok(!strcmp(q.data, "'/home/a b/it'\\''s/ccveto' hook"),
	   "space and quote: single-quoted (%s)", q.data);
	ok(settings_command_is_ours(q.data, NULL), "quoted command is ours");
	buf_release(&q);

	round_trip("2 spaces", "{\n  \"a\": [1, 2],\n  \"b\": {}\n}\n");
	round_trip("tabs", "{\n\t\"hooks\": {\n\t\t\"Stop\": []\n\t}\n}");
	round_trip("compact", "{\"x\":true}");
	round_trip("existing groups", "{ \"hooks\": { \"PreToolUse\": [\n"
		   "  {\"matcher\": \"Bash\", \"hooks\": [{\"type\": "
		   "\"command\", \"command\": \"lint\"}]}\n] } }");
	round_trip("skill hooks of others", "{\"hooks\": {\"PreSkillShellCommand"
		   "\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": "
		   "\"command\", \"command\": \"skill-lint\"}]}]}}");
	round_trip("escaped key", "{\"h\\u006foks\": {\"Stop\": []}, "
		   "\"k\": \"}]\"}");

	/* Only what install created is removed again. */
	round_trip("user's empty PreToolUse",
		   "{\"hooks\":{\"PreToolUse\":[]}}");
	ok(install(&out, "{\"hooks\":{\"PreToolUse\":[]}}") == 0 &&
	   made == (SKILL | POST),
	   "existing PreToolUse: only the other events created");
	round_trip("user's empty hooks", "{\"hooks\": {}}\n");
	ok(install(&out, "{\"hooks\": {}}") == 0 &&
	   made == (PRE | SKILL | POST),
	   "existing hooks: the event arrays created");
	ok(install(&out, "{}") == 0 &&
	   made == (SETTINGS_MADE_HOOKS | PRE | SKILL | POST),
	   "{}: all created");
	ok(PRE && SKILL && POST && PRE != SKILL && SKILL != POST &&
	   PRE != POST && !(PRE & SETTINGS_MADE_HOOKS) &&
	   !settings_made_event("Stop"), "one bit per event");
	ok(!strcmp(settings_made_name(SETTINGS_MADE_HOOKS), "hooks") &&
	   !strcmp(settings_made_name(PRE), "hooks.PreToolUse") &&
	   !strcmp(settings_made_name(SKILL),
		   "hooks.PreSkillShellCommand") &&
	   !strcmp(settings_made_name(POST), "hooks.PostToolUse") &&
	   !settings_made_name(POST << 1), "bit names");
	rc = install(&q, "{\"a\":1}");
	ok(rc == 0 && uninstall_made(&out, q.data, 0) == 0 &&
	   strstr(out.data, "\"PreToolUse\":[]") &&
	   !strstr(out.data, "ccveto"),
	   "nothing known to be ours: the emptied containers stay");
	buf_release(&q);
	ok(install(&out, "") == 0 && strstr(out.data, "PreToolUse"),
	   "empty text is {}");
	ok(install(&out, "{\"hooks\": 3}") == CV_EINVAL, "hooks not object");
	ok(install(&out, "{\"hooks\": {\"PreToolUse\": \"x\"}}") == CV_EINVAL,
	   "PreToolUse not array");
	ok(install(&out, "{\"hooks\": {\"PreSkillShellCommand\": 1}}") ==
	   CV_EINVAL, "PreSkillShellCommand not array");
	ok(install(&out, "{}") == 0 &&
	   strstr(out.data, "\"PreSkillShellCommand\": [") &&
	   strstr(out.data, "\"matcher\": \"*\"") &&
	   strstr(out.data, "|PowerShell|"),
	   "the skill event and PowerShell are registered");
	ok(install(&out, "{,}") == CV_EINVAL, "invalid JSON refused");
	ok(install(&out, "{\"a\":1,\"a\":2}") == CV_EINVAL, "duplicate keys");
	ok(settings_install(&out, NULL, "[]", 2, CMD, NULL, &d) == CV_EINVAL &&
	   strstr(d.msg, "not a JSON object"), "array refused: %s", d.msg);
	ok(uninstall(&out, "{\"hooks\": 3}") == 0 &&
	   !strcmp(out.data, "{\"hooks\": 3}"), "uninstall leaves odd shapes");

	/* Exec form and other events are recognised / left alone. */
	/* The call runs first: out.data is only read after it. */
	rc = uninstall(&out, "{\"hooks\":{\"PreToolUse\":[{\"hooks\":[{\"type\":"
		     "\"command\",\"command\":\"/x/ccveto\",\"args\":[\"hook\"]}"
		     "]}],\"Stop\":[{\"hooks\":[{\"type\":\"command\","
		     "\"command\":\"ccveto hook\"}]}]}}");
	ok(rc == 0 &&
	   !strcmp(out.data, "{\"hooks\":{\"Stop\":[{\"hooks\":[{"
		   "\"type\":\"command\",\"command\":\"ccveto hook\"}]}]}}"),
	   "exec form removed, other events untouched: %s", out.data);

	buf_release(&out);
	return tap_done();
}
