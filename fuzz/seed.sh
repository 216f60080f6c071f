#!/bin/sh
# fuzz/seed.sh OUTDIR - generates seed corpora for the harnesses into
# OUTDIR/<target>/ from material that already exists, so the repository
# does not carry large copies:
#   ../shared/spec/examples/   real payloads captured from Claude Code
#   ../shared/corpus/configs/  real-world settings, .mcp.json, devcontainer
#   rules/*.json               the default packs, and each rule's hit/miss
#                              examples as commands and as hook payloads
# CCVETO_SHARED overrides ../shared.  Missing sources are skipped with a
# note; the small hand-written seeds in fuzz/corpus/ are used as well.
set -u
out=${1:?usage: seed.sh OUTDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${CCVETO_SHARED:-$top/../shared}
mkdir -p "$out/json" "$out/hook" "$out/shell" "$out/rulepack" \
	"$out/jsonloc" "$out/audit"

# copy FILE DIR: named by content hash, so re-running adds nothing twice.
copy() {
	[ -f "$1" ] || return 0
	# Large files slow libFuzzer's mutations down; configs are small.
	[ "$(wc -c < "$1")" -le 262144 ] || return 0
	h=$(cksum < "$1" | cut -d' ' -f1)
	cp "$1" "$2/seed-$h"
}

if [ -d "$shared/spec/examples" ]; then
	for f in "$shared"/spec/examples/*.json; do
		copy "$f" "$out/json"
		copy "$f" "$out/hook"
	done
else
	echo "seed.sh: no $shared/spec/examples, skipped" >&2
fi

if [ -d "$shared/corpus/configs" ]; then
	find "$shared/corpus/configs" -type f ! -name MANIFEST.tsv | sort |
	while IFS= read -r f; do
		copy "$f" "$out/json"
		copy "$f" "$out/jsonloc"
		# The audit harness takes a one-byte config type, then the text.
		case $f in
		*/.mcp.json|*/mcp.json) k=m ;;
		*/devcontainer.json) k=d ;;
		*/claude_desktop_config.json) k=c ;;
		*/settings.local.json) k=l ;;
		*/managed-settings.json) k=g ;;
		*) k=s ;;
		esac
		h=$(cksum < "$f" | cut -d' ' -f1)
		[ "$(wc -c < "$f")" -le 262144 ] &&
			{ printf '%s' "$k"; cat "$f"; } > "$out/audit/seed-$k$h"
	done
else
	echo "seed.sh: no $shared/corpus/configs, skipped" >&2
fi

for f in "$top"/rules/*.json; do
	copy "$f" "$out/rulepack"
	copy "$f" "$out/json"
done

# Each rule alone as a pack, and its examples as commands and payloads.
if command -v python3 >/dev/null 2>&1; then
	python3 - "$top/rules" "$out" <<'PY'
import glob, hashlib, json, os, sys
rules_dir, out = sys.argv[1], sys.argv[2]

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(out, target, name), "wb") as fh:
        fh.write(data)

def payload(tool, tool_input):
    return json.dumps({
        "session_id": "03e6d284-0000-4000-8000-000000000000",
        "transcript_path": "/home/alice/.claude/projects/x/s.jsonl",
        "cwd": "/home/alice/src/webapp", "permission_mode": "default",
        "hook_event_name": "PreToolUse", "tool_name": tool,
        "tool_input": tool_input, "tool_use_id": "toolu_01"},
        separators=(",", ":")) + "\n"

for path in sorted(glob.glob(os.path.join(rules_dir, "*.json"))):
    try:
        pack = json.load(open(path))
    except ValueError:
        continue
    for rule in pack.get("rules", []):
        one = dict((k, v) for k, v in pack.items() if k != "rules")
        one["rules"] = [rule]
        put("rulepack", json.dumps(one, indent=1))
        tools = rule.get("tools") or ["Bash"]
        for ex in rule.get("hit", []) + rule.get("miss", []):
            if isinstance(ex, str):
                put("shell", ex)
                put("hook", "!" + ex)
                put("hook", payload("Monitor" if "Monitor" in tools and
                                    len(ex) % 2 else "Bash",
                                    {"command": ex}))
            elif isinstance(ex, dict):
                tool = ex.get("tool") or tools[0]
                inp = ex.get("input") if isinstance(ex.get("input"), dict) \
                    else dict((k, v) for k, v in ex.items() if k != "tool")
                put("hook", payload(tool, inp))
PY
else
	echo "seed.sh: no python3, rule examples not turned into seeds" >&2
fi
for t in json hook shell rulepack jsonloc audit; do
	printf 'seed.sh: %-8s %s seeds\n' "$t" \
		"$(find "$out/$t" -type f | wc -l)"
done
