#!/bin/sh
# Drift: the installed client's tools, their input fields and its hook
# events against ccveto's table (judge/tools.c, `ccveto tools`).  Fails
# when the client has a tool or event ccveto has no decision for, when a
# field ccveto reads is gone from a tool's schema, or when install's
# matcher misses a tool that can act.
. "$TOP/tests/e2e/lib.sh"

new_case
run_case '{"name":"Bash","input":{"command":"true"}}'
if [ "${E2E_SKIP:-0}" != 1 ]; then
	"$CCVETO" tools --format json > "$W/table.json"
	pkg=$(cd "$(dirname "$CLAUDE_BIN")/.." && pwd)
	python3 - "$W/table.json" "$W/report.json" "$pkg/sdk-tools.d.ts" \
		"$CLAUDE_BIN" > "$W/drift.out" 2>&1 <<'PY'
import json, re, sys
table, report, dts, binary = sys.argv[1:5]
t = json.load(open(table))
known = {x["name"]: x for x in t["tools"]}
matcher = t["matcher"].split("|")
problems = []

# Tools the client announces in a session.
announced = (json.load(open(report)).get("tools") or {}).get("init") or []
if not announced:
    problems.append("the client announced no tools (harness problem?)")
for name in announced:
    if name not in known:
        problems.append("announced tool %s is not in ccveto's table" % name)

# Every tool with an input schema in sdk-tools.d.ts.
src = open(dts).read()
m = re.search(r"export type ToolInputSchemas =(.*?);", src, re.S)
alias = {"FileEdit": "Edit", "FileRead": "Read", "FileWrite": "Write",
         "ListMcpResources": "ListMcpResourcesTool",
         "ReadMcpResource": "ReadMcpResourceTool"}
schema_names = re.findall(r"\|\s*(\w+)Input\b", m.group(1)) if m else []
if len(schema_names) < 10:
    problems.append("could not read ToolInputSchemas from %s" % dts)
for base in schema_names:
    if base == "Mcp":
        continue          # mcp__<server>__<tool>: read by meaning
    name = alias.get(base, base)
    if name not in known:
        problems.append("tool %s (%sInput) is not in ccveto's table" % (name, base))

# Fields ccveto reads must still be in the schemas.
fields = {"Bash": ["command"], "FileRead": ["file_path"],
          "FileWrite": ["file_path", "content"],
          "FileEdit": ["file_path", "new_string"],
          "NotebookEdit": ["notebook_path", "new_source"],
          "Glob": ["pattern", "path"], "Grep": ["pattern", "path", "glob"],
          "WebFetch": ["url"], "Monitor": ["command"],
          "CronCreate": ["durable"], "ExitWorktree": ["discard_changes"],
          "Artifact": ["file_path", "file_paths", "force", "action"],
          "RemoteTrigger": ["action"], "PushNotification": ["message"]}
for base, keys in fields.items():
    body = re.search(r"export interface %sInput \{(.*?)\n\}" % base, src, re.S)
    if not body:
        if base in ("Artifact", "RemoteTrigger", "PushNotification",
                    "CronCreate", "ExitWorktree", "Monitor"):
            continue      # an older client without the tool
        problems.append("%sInput is gone from sdk-tools.d.ts" % base)
        continue
    for k in keys:
        if not re.search(r"\n\s*%s\??:" % re.escape(k), body.group(1)):
            problems.append("%sInput has no field %s any more" % (base, k))

# The acting tools are all in install's matcher.
for x in t["tools"]:
    if x["acts"] and x["name"] not in matcher:
        problems.append("acting tool %s is not in install's matcher" % x["name"])

# Hook events: the client's full list, from the binary.
data = open(binary, "rb").read()
lists = re.findall(rb'\["PreToolUse","PostToolUse"[^\]]*\]', data)
events = max((json.loads(l) for l in lists), key=len, default=[])
if len(events) < 10:
    problems.append("could not find the client's hook event list")
for e in events:
    if e not in t["events"]:
        problems.append("hook event %s is not in ccveto's table" % e)
for e in t["judged_events"]:
    if events and e not in events:   # an older client: nothing to judge
        print("note: judged event %s is not in this client" % e)

print("%d announced tools, %d schemas, %d events" %
      (len(announced), len(schema_names), len(events)))
for p in problems:
    print("DRIFT: " + p)
sys.exit(1 if problems else 0)
PY
	rc=$?
	sed 's/^/# /' "$W/drift.out"
else
	rc=0
fi
is "the installed client's tools, fields and events are all in ccveto's table" "$rc" 0
done_testing
