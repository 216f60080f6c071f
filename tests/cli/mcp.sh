#!/bin/sh
# tests/cli/mcp.sh - MCP calls read by meaning against a real tree
# (issue 16): commands in every shape, paths by key and verb, symlinks,
# remote places, bounds that ask, and the built-in tools that act
# (Artifact, CronCreate, RemoteTrigger, ExitWorktree, PushNotification).
# Each harmful case has a benign lookalike beside it.
. "$TOP/tests/lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
H="$T/home/alice"
P="$H/src/webapp"
mkdir -p "$P/.git" "$P/src" "$P/build" "$H/.ssh" "$H/.aws" "$H/src/api" \
	"$H/important"
for f in .ssh/id_ed25519 .aws/credentials .bashrc important/keep.txt; do
	echo x > "$H/$f"
done
echo x > "$P/README.md"
echo x > "$P/build/out.js"
ln -s ../../.ssh "$P/keys"		# shipped in the repository: ~/.ssh
unset CCVETO_RULES_DIR XDG_CONFIG_HOME
export HOME="$H"

tool() {
	(cd "$P" && $RUN "$CCVETO" check -j --no-user-config --home "$H" -C "$P" \
		--tool "$1" --input "$2" > "$T/out" 2>&1)
	case $? in 2) echo deny ;; 1) echo ask ;; 0) echo allow ;;
	*) echo "error $?" ;; esac
}

# Commands.
is "exec {command: rm -rf ~}" "$(tool mcp__sh__exec '{"command":"rm -rf ~"}')" deny
is "exec {command: ls -la}" "$(tool mcp__sh__exec '{"command":"ls -la"}')" allow
is "run {command: bash, args: [-c, rm -rf ~/important]}" \
	"$(tool mcp__run__run_command '{"command":"bash","args":["-c","rm -rf ~/important"]}')" deny
is "run {command: rm, args: [-rf, ./build]}" \
	"$(tool mcp__run__run_command '{"command":"rm","args":["-rf","./build"]}')" allow
is "exec {cmd: [sh, -c, cat ~/.aws/credentials]}" \
	"$(tool mcp__docker__exec '{"cmd":["sh","-c","cat ~/.aws/credentials"]}')" deny
is "run {commands: [ls, echo x >> ~/.bashrc]}: each a command line" \
	"$(tool mcp__shell__exec '{"commands":["ls","echo x >> ~/.bashrc"]}')" deny
is "aws {cli_command: aws s3 rb --force}" \
	"$(tool mcp__aws__call_aws '{"cli_command":"aws s3 rb s3://b --force"}')" deny
is "aws {cli_command: aws s3 ls}" \
	"$(tool mcp__aws__call_aws '{"cli_command":"aws s3 ls s3://b"}')" allow
is "tmux send_keys {keys: [rm -rf ~/, Enter]}" \
	"$(tool mcp__tmux__send_keys '{"session":"dev","keys":["rm -rf ~/","Enter"]}')" deny
is "tmux send_keys {keys: [make test, Enter]}" \
	"$(tool mcp__tmux__send_keys '{"session":"dev","keys":["make test","Enter"]}')" allow
is "execute_code python rmtree(home)" \
	"$(tool mcp__ide__execute_code '{"code":"import shutil,os; shutil.rmtree(os.path.expanduser(\"~\"))"}')" deny
is "execute_code python print" \
	"$(tool mcp__ide__execute_code '{"code":"print(1 + 1)"}')" allow
is "a prose command field of a tool that runs nothing does not ask" \
	"$(tool mcp__notes__save '{"command":"don'"'"'t forget the milk"}')" allow
is "an unparsable command of an exec tool asks" \
	"$(tool mcp__sh__exec '{"command":"echo '"'"'unterminated"}')" ask

# Paths.
is "write_file ~/.ssh/authorized_keys" \
	"$(tool mcp__fs__write_file '{"path":"~/.ssh/authorized_keys","content":"ssh-ed25519 AAAA x"}')" deny
is "write_file in the project" \
	"$(tool mcp__fs__write_file '{"path":"'"$P"'/notes.md","content":"hi"}')" allow
is "read_file through the shipped keys -> ~/.ssh link" \
	"$(tool mcp__fs__read_file '{"path":"'"$P"'/keys/id_ed25519"}')" deny
is "read_file README" "$(tool mcp__fs__read_file '{"path":"README.md"}')" allow
is "get_file_info of a key is not a read" \
	"$(tool mcp__fs__get_file_info '{"path":"~/.ssh/id_ed25519"}')" allow
is "delete_file ~/.bashrc" "$(tool mcp__fs__delete_file '{"path":"~/.bashrc"}')" deny
is "delete_file build/out.js" \
	"$(tool mcp__fs__delete_file '{"path":"'"$P"'/build/out.js"}')" allow
is "move_file .git away" \
	"$(tool mcp__fs__move_file '{"source":"'"$P"'/.git","destination":"/tmp/g"}')" deny
is "move_file inside the project" \
	"$(tool mcp__fs__move_file '{"source":"'"$P"'/README.md","destination":"'"$P"'/README.txt"}')" allow
is "rm {target_file: file://…/src/api} (key by its last word, file URI)" \
	"$(tool mcp__fs__rm '{"target_file":"file://'"$H"'/src/api","recursive":true}')" deny
is "write_file of ~/.bashrc is refused" \
	"$(tool mcp__fs__write_file '{"path":"'"$H"'/.bashrc","content":"x"}')" deny
is "github create_or_update_file of the same path is the remote repository's" \
	"$(tool mcp__github__create_or_update_file '{"owner":"a","repo":"b","path":"'"$H"'/.bashrc","content":"x","message":"m","branch":"main"}')" allow
paths=$(python3 -c 'import json; print(json.dumps({"paths": ["f%d" % i for i in range(17)]}))')
is "17 paths: more than the table holds asks" \
	"$(tool mcp__fs__delete_files "$paths")" ask
deep=$(python3 -c '
import json
x = {"command": "ls"}
for i in range(14): x = {"a": x}
print(json.dumps(x))')
is "a tool_input nested deeper than ccveto reads asks" \
	"$(tool mcp__x__y "$deep")" ask

# SQL and actions.
is "run_query DROP TABLE" "$(tool mcp__db__run_query '{"sql":"DROP TABLE users"}')" ask
is "postgres query DROP DATABASE" \
	"$(tool mcp__postgres__query '{"sql":"DROP DATABASE app"}')" deny
is "search_code for DROP TABLE is words" \
	"$(tool mcp__github__search_code '{"query":"DROP TABLE users"}')" allow
is "delete_repository asks" \
	"$(tool mcp__github__delete_repository '{"owner":"a","repo":"b"}')" ask
is "kubectl_delete {resourceType: namespace} denies" \
	"$(tool mcp__k8s__kubectl_delete '{"resourceType":"namespace","name":"prod"}')" deny
is "kubectl_get {resourceType: namespace}" \
	"$(tool mcp__k8s__kubectl_get '{"resourceType":"namespace"}')" allow
is "post_message with a GitHub token denies" \
	"$(tool mcp__slack__post_message '{"channel":"C1","text":"ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"}')" deny
is "post_message naming the variable only" \
	"$(tool mcp__slack__post_message '{"channel":"C1","text":"set GITHUB_TOKEN in CI"}')" allow

# Claude Code's own tools.
is "Artifact publishing ~/.aws/credentials" \
	"$(tool Artifact '{"file_path":"~/.aws/credentials"}')" deny
is "Artifact publishing a project page" \
	"$(tool Artifact '{"file_path":"'"$P"'/README.md"}')" allow
is "CronCreate durable" \
	"$(tool CronCreate '{"cron":"0 9 * * *","prompt":"x","durable":true}')" ask
is "CronCreate for the session" \
	"$(tool CronCreate '{"cron":"0 9 * * *","prompt":"x"}')" allow
is "RemoteTrigger run" "$(tool RemoteTrigger '{"action":"run","trigger_id":"t"}')" ask
is "RemoteTrigger list" "$(tool RemoteTrigger '{"action":"list"}')" allow
is "ExitWorktree remove with discard_changes" \
	"$(tool ExitWorktree '{"action":"remove","discard_changes":true}')" ask
is "ExitWorktree keep" "$(tool ExitWorktree '{"action":"keep"}')" allow
is "PushNotification with a key" \
	"$(tool PushNotification '{"message":"AKIA2OGYBAH4K7QZRW5X"}')" deny
is "PushNotification" "$(tool PushNotification '{"message":"build done"}')" allow
done_testing
