#!/bin/sh
# tests/cli/sarif.sh - SARIF that GitHub code scanning can use: valid
# against the full OASIS SARIF 2.1.0 schema (installed by
# tools/sarif-schema.sh from npm; CCVETO_SARIF_SCHEMA names it, and with
# CCVETO_SARIF_REQUIRE=1, as in CI, a missing schema fails), every rule's
# docs anchor is the one GitHub generates for its heading in
# docs/checks.md, artifact URIs are relative to the repository root from
# wherever ccveto runs, columns are code points, and there is no
# placeholder home page.
. "$TOP/tests/lib.sh"
git_sandbox

SCHEMA=${CCVETO_SARIF_SCHEMA:-$HOME/.cache/ccveto-sarif/sarif-schema-2.1.0.json}
# git_sandbox moved HOME: look where tools/sarif-schema.sh puts it for
# the real user too.
[ -f "$SCHEMA" ] || SCHEMA=${CCVETO_SARIF_SCHEMA:-$(getent passwd "$(id -u)" | cut -d: -f6)/.cache/ccveto-sarif/sarif-schema-2.1.0.json}
if ! python3 -c 'import jsonschema' 2> /dev/null; then
	echo "# SKIP python3-jsonschema missing: SARIF is NOT validated" >&2
	ok "# SKIP python3-jsonschema missing: SARIF is NOT validated"
	done_testing
	exit 0
fi
if [ -f "$SCHEMA" ]; then
	FULL="--schema $SCHEMA"
elif [ "${CCVETO_SARIF_REQUIRE:-0}" = 1 ]; then
	not_ok "the full SARIF schema is missing ($SCHEMA): run tools/sarif-schema.sh"
	FULL=
else
	msg="the full SARIF 2.1.0 schema is not installed (tools/sarif-schema.sh DIR): validating against the subset only"
	echo "# SKIP $msg" >&2
	ok "# SKIP $msg"
	FULL=
fi
valid() {	# valid DESCRIPTION FILE
	# shellcheck disable=SC2086
	if python3 "$TOP/tests/audit/validate_sarif.py" "$2" $FULL > "$T/why" 2>&1
	then ok "$1"; else not_ok "$1: $(cat "$T/why")"; fi
}
sarif() {	# sarif ARGS... -> $T/out.sarif
	$RUN "$CCVETO" audit --no-rules --format sarif -o "$T/out.sarif" "$@" \
		2> "$T/err"
}
uris() {	# the artifact locations of the results: "BASE URI" lines
	jq -r '.runs[0].results[].locations[0].physicalLocation.artifactLocation | "\(.uriBaseId) \(.uri)"' "$T/out.sarif" | sort -u
}

R="$T/repo"
git init -q "$R"
mkdir -p "$R/.claude" "$R/sub/deep" "$R/.devcontainer"
printf '{"permissions":{"allow":["Bash(*)"]}}\n' > "$R/.claude/settings.json"
printf '{"mcpServers":{"x":{"command":"npx","args":["some-mcp"]}}}\n' > "$R/.mcp.json"
printf '{"image":"debian","runArgs":["--privileged"]}\n' > "$R/.devcontainer/devcontainer.json"
git -C "$R" add -A
git -C "$R" commit -q -m one

# --- validity, from the top and from elsewhere
cd "$R" || exit 1
sarif .
valid "audit . validates (schema, URIs, ruleIndex, columnKind)" "$T/out.sarif"
top=$(uris)
check "  ... paths from the repository root" \
	sh -c 'printf "%s\n" "$1" | grep -qx "%SRCROOT% .claude/settings.json"' sh "$top"
is "  ... %SRCROOT% is the work-tree top" \
	"$(jq -r '.runs[0].originalUriBaseIds["%SRCROOT%"].uri' "$T/out.sarif")" \
	"file://$(cd "$R" && pwd -P)/"
cd "$R/sub/deep" || exit 1
sarif ../..
is "from a subdirectory (audit ../..): the same URIs" "$(uris)" "$top"
sarif ../../.claude/settings.json
is "  ... and for a file named from there" "$(uris)" \
	"%SRCROOT% .claude/settings.json"
cd "$T" || exit 1
sarif "$R"
is "by absolute path from outside: the same URIs" "$(uris)" "$top"
valid "  ... and valid" "$T/out.sarif"
cd "$R/.claude" || exit 1
sarif .
is "from inside .claude (audit .)" \
	"$(uris | grep settings)" "%SRCROOT% .claude/settings.json"
cd "$R" || exit 1
printf '{"permissions":{"allow":["Bash(git *)","Bash(*)"]}}\n' > .claude/settings.json
git add .claude/settings.json
(cd sub && sarif --staged)
valid "--staged from a subdirectory validates" "$T/out.sarif"
is "  ... index paths under %SRCROOT%" "$(uris | grep settings)" \
	"%SRCROOT% .claude/settings.json"
git clone -q --bare "$R" "$T/r.git"
sarif --repo "$T/r.git" --rev HEAD
valid "a bare clone (--rev) validates" "$T/out.sarif"
check "  ... no %SRCROOT% uri for a repository without a work tree" \
	sh -c '[ "$(jq -r ".runs[0].originalUriBaseIds[\"%SRCROOT%\"].uri" "$1")" = null ]' sh "$T/out.sarif"
if jq -e '[.. | objects | select(has("artifactLocation")) | .artifactLocation.uri | select(startswith("/") or test("^[a-z]+:"))] | length > 0' "$T/out.sarif" > /dev/null; then
	not_ok "no artifact URI is absolute"
else
	ok "no artifact URI is absolute"
fi

# --- a user file outside the repository: under ROOT, never file://
mkdir -p "$HOME/.claude"
printf '{"permissions":{"defaultMode":"bypassPermissions"}}\n' > "$HOME/.claude/settings.json"
cd "$R" || exit 1
sarif --user .
valid "--user validates" "$T/out.sarif"
check "  ... the user's settings are under ROOT" \
	sh -c 'jq -r ".runs[0].results[].locations[0].physicalLocation.artifactLocation | select(.uriBaseId == \"ROOT\") | .uri" "$1" | grep -qx "${2#/}/.claude/settings.json"' \
	sh "$T/out.sarif" "$(cd "$HOME" && pwd -P)"

# --- not audited: notifications are placed the same way
printf '{"permissions": [\n' > "$R/.mcp.json"
sarif .
valid "an unparseable file: still valid SARIF" "$T/out.sarif"
is "  ... executionSuccessful false" \
	"$(jq -r '.runs[0].invocations[0].executionSuccessful' "$T/out.sarif")" false
is "  ... its notification under %SRCROOT%" \
	"$(jq -r '.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation | "\(.uriBaseId) \(.uri)"' "$T/out.sarif")" \
	"%SRCROOT% .mcp.json"
git -C "$R" checkout -q .mcp.json

# --- columns count code points (columnKind unicodeCodePoints)
printf '{"model":"\303\251\303\251\303\251","permissions":{"allow":["Bash(*)"]}}\n' > "$R/.claude/settings.json"
sarif .
col=$(jq -r '[.runs[0].results[] | select(.ruleId == "CC005")][0].locations[0].physicalLocation.region.startColumn' "$T/out.sarif")
want=$(python3 -c 'import sys; t=open(sys.argv[1], encoding="utf-8").read(); print(t.index("\"Bash(*)\"") + 1)' "$R/.claude/settings.json")
is "after three 2-byte characters the column counts characters" "$col" "$want"
is "  ... and says so" "$(jq -r '.runs[0].columnKind' "$T/out.sarif")" unicodeCodePoints
git -C "$R" checkout -q .claude/settings.json

# --- no placeholder home page; every check's anchor is GitHub's
if grep -q 'ccveto/ccveto' "$T/out.sarif"; then
	not_ok "no placeholder project URL"
else
	ok "no placeholder project URL"
fi
python3 - "$TOP/docs/checks.md" "$T/out.sarif" > "$T/anchors" <<'PY'
import json, re, sys, unicodedata

def text_of(heading):
    """The rendered text of a markdown heading (inline markup removed)."""
    t = re.sub(r"`([^`]*)`", r"\1", heading)
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", t)
    return t.strip()

def github_slug(text, seen):
    """GitHub's heading anchors: lower case; letters, numbers, marks,
    '-' and '_' kept, spaces become '-', everything else dropped;
    repeats get -1, -2 ..."""
    out = []
    for ch in text.lower():
        cat = unicodedata.category(ch)
        if ch in "-_" or cat[0] in "LNM":
            out.append(ch)
        elif ch == " ":
            out.append("-")
    base = "".join(out)
    slug, n = base, 0
    while slug in seen:
        n += 1
        slug = "%s-%d" % (base, n)
    seen.add(slug)
    return slug

seen, headings, fence = set(), {}, False
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("```"):
        fence = not fence
        continue
    m = None if fence else re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
    if m:
        text = text_of(m.group(2))
        headings[github_slug(text, seen)] = text
run = json.load(open(sys.argv[2]))["runs"][0]
bad = 0
for rule in run["tool"]["driver"]["rules"]:
    m = re.search(r"docs/checks\.md#([^)\s]+)", rule["help"]["text"])
    want = text_of("%s: %s" % (rule["id"], rule["shortDescription"]["text"]))
    if not m:
        print("%s: no docs anchor in help" % rule["id"]); bad += 1
    elif m.group(1) not in headings:
        print("%s: anchor #%s is no heading of docs/checks.md" % (rule["id"], m.group(1))); bad += 1
    elif headings[m.group(1)] != want:
        print("%s: #%s is the heading %r, not %r" % (rule["id"], m.group(1), headings[m.group(1)], want)); bad += 1
    if "helpUri" in rule and not rule["helpUri"].endswith("#" + (m.group(1) if m else "")):
        print("%s: helpUri and help disagree" % rule["id"]); bad += 1
print("rules=%d bad=%d" % (len(run["tool"]["driver"]["rules"]), bad))
PY
n_rules=$(sed -n 's/^rules=\([0-9]*\) .*/\1/p' "$T/anchors")
n_heads=$(grep -c '^### CC[0-9]*: ' "$TOP/docs/checks.md")
is "every check of docs/checks.md is a SARIF rule" "$n_rules" "$n_heads"
if grep -q 'bad=0$' "$T/anchors"; then
	ok "every rule's anchor is GitHub's anchor for its own heading ($n_rules rules)"
else
	not_ok "anchors: $(grep -v '^rules=' "$T/anchors" | head -5)"
fi
# CCVETO_PROJECT_URL: the PROJECT_URL the binary was built with (CI builds
# one so); without it the links must be absent.
is "informationUri is the project's home, or absent" \
	"$(jq -r '.runs[0].tool.driver.informationUri // "absent"' "$T/out.sarif")" \
	"${CCVETO_PROJECT_URL:-absent}"
if [ -n "${CCVETO_PROJECT_URL:-}" ]; then
	is "every rule's helpUri is under \$PROJECT_URL/blob/\$DOCS_REF/docs/checks.md#" \
		"$(jq --arg u "$CCVETO_PROJECT_URL/blob/${CCVETO_DOCS_REF:-main}/docs/checks.md#" \
			'[.runs[0].tool.driver.rules[] | select(.helpUri | startswith($u) | not)] | length' "$T/out.sarif")" 0
else
	is "no helpUri without a project home" \
		"$(jq '[.runs[0].tool.driver.rules[] | select(has("helpUri"))] | length' "$T/out.sarif")" 0
fi

# --- the Actions example: pinned, least privilege, no stored credentials
python3 - "$TOP/examples/github-actions/ccveto.yml" > "$T/wf" 2>&1 <<'PY'
import re, sys
try:
    import yaml
except ImportError:
    print("SKIP python3-yaml missing"); sys.exit(0)
wf = yaml.safe_load(open(sys.argv[1]))
bad = []
if wf.get("permissions") != {}:
    bad.append("top-level permissions are not {}")
for name, job in wf["jobs"].items():
    perms = job.get("permissions", {})
    if set(perms) - {"contents", "security-events", "actions"} or \
       perms.get("contents") != "read":
        bad.append("job %s asks for %r" % (name, perms))
    for step in job["steps"]:
        uses = step.get("uses")
        if uses and not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses):
            bad.append("not pinned by full sha: " + uses)
        if uses and uses.startswith("actions/checkout@") and \
           step.get("with", {}).get("persist-credentials") is not False:
            bad.append("checkout without persist-credentials: false")
        if "make -C ccveto-src" in step.get("run", "") and \
           "PROJECT_URL" not in step["run"]:
            bad.append("ccveto built without its PROJECT_URL")
print("\n".join(bad) if bad else "OK")
PY
case $(cat "$T/wf") in
OK) ok "the Actions example pins actions by sha, grants least privilege, keeps no credentials" ;;
SKIP*) echo "# SKIP $(cat "$T/wf")" >&2; ok "# SKIP $(cat "$T/wf")" ;;
*) not_ok "the Actions example: $(cat "$T/wf")" ;;
esac

done_testing
