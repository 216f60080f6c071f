#!/bin/sh
# tests/corpus/post-score.sh - scores `ccveto hook` on PostToolUse output
# redaction with the corpus in tests/corpus/post/ (see its README.md).
#
# Every record becomes one PostToolUse payload; `ccveto hook
# --no-user-config --home TMP` judges it (one process per record, spawned
# by a single python3 driver).  Figures:
#   recall         secret records whose answer is a valid
#                  updatedToolOutput (updatedMCPToolOutput for mcp__*) or a
#                  {"decision":"block"}, with none of the listed secrets
#                  anywhere in the answer
#   partial leak   redacted records where a 12-20 character piece of a
#                  secret still survives (reported, not in recall)
#   context lost   redacted records where a "keep" substring (non-secret
#                  text) did not survive, or the output was blocked whole
#   broken         redacted records whose rewritten output no longer has
#                  the response's shape (types, keys, lengths, non-strings),
#                  or where a string that held a JSON document (an MCP
#                  text block, `jq` output) no longer parses
#   clean altered  clean records that got any stdout or a non-zero exit
#
# usage: tests/corpus/post-score.sh [-v] [--assert RECALL FP] [FILE.jsonl ...]
#   -v        also recall per context shape, and every miss, partial leak,
#             lost context and false alarm (id and 120 characters around
#             it; secrets are masked to their first 4 characters)
#   --assert  exit 1 when recall < RECALL or clean altered rate > FP,
#             e.g. --assert 0.99 0.005; without it the exit status is 0
# Environment: CCVETO (default build/ccveto), JOBS (parallel spawns, 4).
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
CCVETO=${CCVETO:-$TOP/build/ccveto}
export CCVETO TOP
[ -x "$CCVETO" ] || { echo "post-score.sh: no ccveto at $CCVETO" >&2; exit 2; }
command -v python3 >/dev/null || { echo "post-score.sh: python3 is required" >&2; exit 2; }
SCORE_HOME=$(mktemp -d)
trap 'rm -rf "$SCORE_HOME"' EXIT INT TERM
export SCORE_HOME
rc=0
python3 - "$@" <<'EOF' || rc=$?
import json, os, subprocess, sys, time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

args = sys.argv[1:]
verbose, assert_ = False, None
files = []
i = 0
while i < len(args):
    a = args[i]
    if a == "-v":
        verbose = True
    elif a == "--assert":
        try:
            assert_ = (float(args[i + 1]), float(args[i + 2]))
        except (IndexError, ValueError):
            print("post-score.sh: --assert RECALL FP (two numbers)", file=sys.stderr)
            sys.exit(2)
        i += 2
    elif a.startswith("-"):
        print(f"post-score.sh: unknown option {a}", file=sys.stderr)
        sys.exit(2)
    else:
        files.append(a)
    i += 1
top = os.environ["TOP"]
if not files:
    files = [f"{top}/tests/corpus/post/secrets.jsonl", f"{top}/tests/corpus/post/clean.jsonl"]
recs = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                r = json.loads(line)
                r["_where"] = f"{os.path.basename(f)}:{n}"
                recs.append(r)

ccveto, home = os.environ["CCVETO"], os.environ["SCORE_HOME"]
cwd = "/home/alice/src/webapp"


def run(r):
    payload = {"session_id": "post-corpus", "transcript_path": home + "/transcript.jsonl", "cwd": cwd,
               "permission_mode": "default", "hook_event_name": "PostToolUse", "tool_name": r["tool"],
               "tool_input": r.get("input", {}), "tool_response": r["response"]}
    data = json.dumps(payload, ensure_ascii=False).encode()
    try:
        p = subprocess.run([ccveto, "hook", "--no-user-config", "--home", home], input=data,
                           capture_output=True, timeout=30, cwd=home)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return -1, b"", b"timeout"


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from strings(x)


def same_shape(a, b):
    if isinstance(a, str):
        return isinstance(b, str)
    if isinstance(a, bool) or a is None or isinstance(a, (int, float)):
        return type(a) is type(b) and a == b
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same_shape(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same_shape(a[k], b[k]) for k in a)
    return False


def parses(text):
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


def window(s):
    if len(s) < 24:
        return 0
    return max(12, min(20, len(s) // 2 + 1))


def mask(text, secrets):
    for s in sorted(secrets, key=len, reverse=True):
        text = text.replace(s, f"{s[:4]}…[{len(s)} chars]")
    return text


def excerpt(text, pos, secrets=()):
    a = max(0, pos - 40)
    return mask(text[a:a + 120 + max((len(s) for s in secrets), default=0)], secrets)[:120].replace("\n", "⏎").replace("\0", " ¦ ")


t0 = time.time()
jobs = max(1, int(os.environ.get("JOBS", "4")))
with ThreadPoolExecutor(max_workers=jobs) as ex:
    results = list(ex.map(run, recs))
elapsed = time.time() - t0

sec_stats = defaultdict(lambda: defaultdict(int))
clean_stats = defaultdict(lambda: defaultdict(int))
tool_of = lambda r: "mcp__*" if r["tool"].startswith("mcp__") else r["tool"]
notes = []

for r, (code, out, err) in zip(recs, results):
    secrets, keep = r["secrets"], r.get("keep", [])
    orig = "\0".join(strings(r["response"]))
    if not secrets:
        for key in (r["kind"], "tool " + tool_of(r), "ALL"):
            clean_stats[key]["n"] += 1
        if code != 0 or out.strip():
            for key in (r["kind"], "tool " + tool_of(r), "ALL"):
                clean_stats[key]["altered"] += 1
            if verbose:
                why = f"exit {code}" if code != 0 else "answered"
                pos, where = 0, orig
                try:
                    ans = json.loads(out)
                    new = ans.get("hookSpecificOutput", {})
                    new = new.get("updatedMCPToolOutput", new.get("updatedToolOutput"))
                    if new is not None:
                        for a, b in zip(strings(r["response"]), strings(new)):
                            if a != b:
                                pos = next((j for j in range(min(len(a), len(b))) if a[j] != b[j]), min(len(a), len(b)))
                                where = a
                                break
                except (ValueError, AttributeError):
                    pass
                notes.append(f"FALSE ALARM {r['id']} ({why}): {excerpt(where, pos)}")
        continue

    status, detail = "redacted", ""
    ans = None
    if code != 0:
        status, detail = "error", f"exit {code}: {err.decode(errors='replace').strip()[:80]}"
    elif not out.strip():
        status = "silent"
    else:
        try:
            ans = json.loads(out)
        except ValueError:
            status, detail = "bad-answer", "stdout is not JSON"
    new, blocked = None, False
    if status == "redacted":
        want = "updatedMCPToolOutput" if r["tool"].startswith("mcp__") else "updatedToolOutput"
        hso = ans.get("hookSpecificOutput") if isinstance(ans, dict) else None
        if isinstance(ans, dict) and ans.get("decision") == "block":
            blocked = True
        elif not isinstance(hso, dict) or hso.get("hookEventName") != "PostToolUse" or want not in hso:
            status, detail = "bad-answer", f"no hookSpecificOutput.{want}"
        else:
            new = hso[want]
    if status == "redacted":
        text = "\0".join(strings(ans))
        left = [s for s in secrets if s in text]
        if left:
            status = "leak"
            s = left[0]
            detail = excerpt(text, text.find(s), secrets)
    key_list = (r["kind"], "tool " + tool_of(r), "shape " + r.get("shape", "?"), "ALL")
    for key in key_list:
        sec_stats[key]["n"] += 1
        sec_stats[key][status] += 1
    if status != "redacted":
        if verbose:
            if status == "silent":
                s = secrets[0]
                detail = excerpt(orig, orig.find(s), secrets)
            notes.append(f"MISS {r['id']} [{status}] {detail}")
        continue
    # partial leaks: pieces of a secret that were not in the context anyway
    rest = orig
    for s in secrets:
        rest = rest.replace(s, "\0")
    partial = None
    for s in secrets:
        w = window(s)
        if not w:
            continue
        for j in range(0, len(s) - w + 1):
            piece = s[j:j + w]
            if piece in text and piece not in rest:
                partial = (s, piece)
                break
        if partial:
            break
    if partial:
        for key in key_list:
            sec_stats[key]["partial"] += 1
        if verbose:
            p = text.find(partial[1])
            notes.append(f"PARTIAL {r['id']}: {len(partial[1])} chars of a {len(partial[0])}-char secret survive: "
                         + excerpt(text, p, secrets).replace(partial[1], partial[1][:4] + "…"))
    if blocked:
        lost = list(keep) or ["(whole output)"]
    else:
        newtext = "\0".join(strings(new))
        lost = [k for k in keep if k not in newtext]
        why = None
        if not same_shape(r["response"], new):
            why = "the rewritten output lost the response's shape"
        else:
            # a string that held a JSON document (MCP text, jq output) must still hold one
            for a, b in zip(strings(r["response"]), strings(new)):
                if a != b and a.lstrip()[:1] in ("{", "[") and parses(a) and not parses(b):
                    why = "a JSON document inside the output no longer parses"
                    break
        if why:
            for key in key_list:
                sec_stats[key]["broken"] += 1
            if verbose:
                notes.append(f"BROKEN {r['id']}: {why}")
    if lost:
        for key in key_list:
            sec_stats[key]["lost"] += 1
        if verbose:
            notes.append(f"CONTEXT {r['id']}: {'blocked' if blocked else 'lost'} {lost[0][:80]!r}")


def rate(a, b):
    return a / b if b else 1.0


print(f"PostToolUse redaction: {len(recs)} records, {elapsed:.1f}s, {ccveto}")
print()
print(f"{'secret kind':<28} {'n':>4} {'redact':>6} {'recall':>7} {'partial':>7} {'lost':>5} {'broken':>6}  misses")
order = sorted(k for k in sec_stats if k != "ALL" and not k.startswith(("tool ", "shape "))) + \
    sorted(k for k in sec_stats if k.startswith("tool ")) + ["ALL"]
if verbose:
    order[-1:-1] = sorted(k for k in sec_stats if k.startswith("shape "))
prev_tool = ""
for k in order:
    if k not in sec_stats:
        continue
    s = sec_stats[k]
    miss = ", ".join(f"{m} {s[m]}" for m in ("leak", "silent", "error", "bad-answer") if s[m])
    group = k.split(" ")[0] if " " in k else ""
    if group != prev_tool or k == "ALL":
        print()
    prev_tool = group
    print(f"{k:<28} {s['n']:>4} {s['redacted']:>6} {rate(s['redacted'], s['n']):>7.3f} {s['partial']:>7} "
          f"{s['lost']:>5} {s['broken']:>6}  {miss}")
print()
print(f"{'clean kind':<28} {'n':>4} {'altered':>7} {'rate':>7}")
corder = sorted(k for k in clean_stats if k != "ALL" and not k.startswith("tool ")) + \
    sorted(k for k in clean_stats if k.startswith("tool ")) + ["ALL"]
prev_tool = False
for k in corder:
    if k not in clean_stats:
        continue
    s = clean_stats[k]
    if (k.startswith("tool ") and not prev_tool) or k == "ALL":
        print()
    prev_tool = k.startswith("tool ")
    print(f"{k:<28} {s['n']:>4} {s['altered']:>7} {rate(s['altered'], s['n']):>7.3f}")

S, C = sec_stats["ALL"], clean_stats["ALL"]
recall = rate(S["redacted"], S["n"]) if S["n"] else 1.0
strict = rate(S["redacted"] - S["partial"], S["n"]) if S["n"] else 1.0
fp = C["altered"] / C["n"] if C["n"] else 0.0
print()
print(f"recall {recall:.4f} ({S['redacted']}/{S['n']}), without partial leaks {strict:.4f}; "
      f"context lost {S['lost']}, broken {S['broken']}; "
      f"clean altered {fp:.4f} ({C['altered']}/{C['n']})")
if verbose and notes:
    print()
    for n in notes:
        print(n)
if assert_:
    ok = recall >= assert_[0] and fp <= assert_[1]
    print(f"assert recall >= {assert_[0]} and clean altered <= {assert_[1]}: {'ok' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)
EOF
exit $rc
