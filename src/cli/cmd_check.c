/* cmd_check.c - `ccveto check`: judge a command, a tool call or a payload
 * and explain the verdict to a person (or, with --json, to a script). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "json/jval.h"
#include "judge/judge.h"
#include "judge/load.h"
#include "judge/toolcall.h"
#include "rules/ruleset.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/opt.h"
#include "util/safefile.h"
#include "util/userhome.h"

#define EXIT_ERROR 3

static const char *subject_text(const struct subject *s)
{
	if (!s)
		return "";
	if (s->kind == SUBJECT_COMMAND)
		return s->line ? s->line : "";
	if (s->paths.n)
		return s->paths.v[0];
	if (s->url)
		return s->url;
	return s->tool ? s->tool : "";
}

static void print_text(const struct toolcall *call, const struct verdict *v)
{
	size_t i;

	/* "no objection", never "allow": with no rule matched, Claude
	 * Code's own permission rules still decide. */
	printf("%s: %s\n", v->decision == DECISION_NONE ? "no objection" :
	       decision_name(v->decision), call->summary ? call->summary : "");
	for (i = 0; i < v->nhits; i++) {
		const struct verdict_hit *h = &v->hits[i];
		const struct subject *s = h->subject;

		printf("  %s [%s, %s]: %s\n", rule_id(h->rule),
		       decision_name(h->decision),
		       severity_name(rule_severity(h->rule)),
		       rule_title(h->rule));
		printf("    matched: %s", subject_text(s));
		if (s && s->via.n) {
			size_t k;
			printf("  (via");
			for (k = 0; k < s->via.n; k++)
				printf(" %s", s->via.v[k]);
			printf(")");
		}
		printf("\n    why:     %s\n    instead: %s\n",
		       rule_why(h->rule), rule_instead(h->rule));
	}
	if (!v->nhits && v->reason)
		printf("  %s\n", v->reason);
}

static int print_json(const struct verdict *v, const char *tag)
{
	struct buf b = BUF_INIT;
	size_t i;
	int error = 0;

	error |= buf_puts(&b, "{");
	if (tag) {
		error |= buf_puts(&b, "\"id\":\"");
		error |= buf_put_json_string(&b, tag, strlen(tag));
		error |= buf_puts(&b, "\",");
	}
	error |= buf_printf(&b, "\"decision\":\"%s\",\"rules\":[",
			    decision_name(v->decision));
	for (i = 0; i < v->nhits; i++) {
		const char *id = rule_id(v->hits[i].rule);
		error |= buf_printf(&b, "%s\"", i ? "," : "");
		error |= buf_put_json_string(&b, id, strlen(id));
		error |= buf_puts(&b, "\"");
	}
	error |= buf_puts(&b, "],\"reason\":");
	if (v->reason) {
		error |= buf_putc(&b, '"');
		error |= buf_put_json_string(&b, v->reason, strlen(v->reason));
		error |= buf_putc(&b, '"');
	} else {
		error |= buf_puts(&b, "null");
	}
	error |= buf_printf(&b, ",\"error\":%s}\n", v->error ? "true" :
			    "false");
	if (!error)
		fwrite(b.data, 1, b.len, stdout);
	buf_release(&b);
	return error ? CV_ENOMEM : 0;
}

static int exit_for(const struct verdict *v)
{
	return v->decision == DECISION_DENY ? 2 :
	       v->decision == DECISION_ASK ? 1 : 0;
}

/* --jsonl: one example per line, one JSON verdict per line. */
static int check_batch(struct ruleset *set, const char *path,
		       const char *home, const char *cwd, const char *branch)
{
	struct buf in = BUF_INIT;
	struct diag rd;
	char *line, *save = NULL;
	int error, worst = 0;
	unsigned n = 0;

	diag_clear(&rd);
	error = !strcmp(path, "-") ? buf_read_fd(&in, 0, 256u << 20) :
		safefile_read(&in, path, 256u << 20, 0, &rd);
	if (error < 0) {
		fprintf(stderr, "ccveto: cannot read '%s'%s%s\n", path,
			rd.msg[0] ? ": " : "", rd.msg);
		buf_release(&in);
		return EXIT_ERROR;
	}
	for (line = strtok_r(in.data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct toolcall call;
		struct verdict v;
		struct arena a;
		struct diag d;
		struct jv *ex = NULL;
		char tag[32];

		n++;
		if (!*line)
			continue;
		arena_init(&a);
		diag_clear(&d);
		memset(&call, 0, sizeof(call));
		snprintf(tag, sizeof(tag), "%u", n);
		if (jv_parse(&ex, &a, line, strlen(line), 0, &d) < 0 ||
		    load_example_call(&call, &a, ex, home, cwd, branch,
				      &d) < 0)
			judge_fail_closed(&v, &a, d.code, d.msg);
		else
			judge_call(&v, &a, set, &call, &d);
		print_json(&v, tag);
		if (v.error)
			fprintf(stderr, "ccveto: line %u: %s\n", n,
				v.reason ? v.reason : "cannot judge");
		if (exit_for(&v) > worst)
			worst = exit_for(&v);
		arena_release(&a);
	}
	buf_release(&in);
	return worst;
}

int cmd_check(int argc, char **argv)
{
	const char *tool = NULL, *input = NULL, *payload = NULL, *cwd = NULL;
	const char *home = NULL, *branch = NULL, *rules_dir = NULL;
	const char *jsonl = NULL;
	int json = 0, no_user_config = 0, nargs = 0, status, error;
	const struct opt_spec opts[] = {
		{ 't', "tool", OPT_VALUE, &tool, "NAME",
		  "judge a call of tool NAME (with --input)" },
		{ 'i', "input", OPT_VALUE, &input, "JSON",
		  "the tool_input object for --tool" },
		{ 'p', "payload", OPT_VALUE, &payload, "FILE",
		  "judge a whole hook payload read from FILE (- for stdin)" },
		{ 0, "jsonl", OPT_VALUE, &jsonl, "FILE",
		  "judge many calls, one JSON per line; print one verdict "
		  "per line" },
		{ 'C', "cwd", OPT_VALUE, &cwd, "DIR",
		  "the session's directory (default: current)" },
		{ 0, "home", OPT_VALUE, &home, "DIR",
		  "the user's home: config, log, \"~\" (default: the "
		  "passwd entry of your uid; $HOME is a home too)" },
		{ 'b', "branch", OPT_VALUE, &branch, "NAME",
		  "pretend NAME is the current git branch" },
		{ 'r', "rules-dir", OPT_VALUE, &rules_dir, "DIR",
		  "load extra rule packs from DIR" },
		{ 'j', "json", OPT_FLAG, &json, NULL, "print JSON" },
		{ 0, "no-user-config", OPT_FLAG, &no_user_config, NULL,
		  "ignore the user's config file" },
		{ 0 }
	};
	struct config_opts copts = { 0 };
	struct toolcall_opts topts = { 0 };
	struct ruleset *set = NULL;
	struct toolcall call;
	struct verdict v;
	struct buf text = BUF_INIT, warnings = BUF_INIT;
	struct arena a;
	struct diag d;
	char cwdbuf[4096];
	int i;

	status = opt_parse(opts, argc, argv, &nargs,
		"ccveto check [options] COMMAND...\n"
		"       ccveto check --tool NAME --input JSON\n"
		"       ccveto check --payload FILE | --jsonl FILE",
		"Judges a Bash command (or another tool call) like the hook "
		"does and explains the verdict.\nExit status: 0 no "
		"objection, 1 ask, 2 deny, 3 error.");
	if (status)
		return status > 0 ? 0 : EXIT_ERROR;
	/* The hook is given an absolute cwd; `-C .` means this directory,
	 * not a relative one that every cd would leave unknown. */
	if (!cwd && getcwd(cwdbuf, sizeof(cwdbuf)))
		cwd = cwdbuf;
	else if (cwd && cwd[0] != '/' && realpath(cwd, cwdbuf))
		cwd = cwdbuf;
	arena_init(&a);
	diag_clear(&d);
	memset(&call, 0, sizeof(call));
	if (home)
		userhome_set(home);
	copts.cwd = cwd;
	copts.rules_dir = rules_dir;
	copts.no_user_config = no_user_config;
	copts.warnings = &warnings;
	error = load_ruleset(&set, &copts, &d);
	if (warnings.len)
		fputs(warnings.data, stderr);
	if (error < 0) {
		fprintf(stderr, "ccveto: %s\n", d.msg);
		status = EXIT_ERROR;
		goto done;
	}
	if (jsonl) {
		status = check_batch(set, jsonl, home, cwd, branch);
		goto done;
	}
	topts.home = home;
	topts.env_home = true;
	topts.cwd = cwd;
	topts.branch = branch;
	if (payload) {
		diag_clear(&d);
		error = !strcmp(payload, "-") ?
			buf_read_fd(&text, 0, CV_MAX_PAYLOAD_BYTES) :
			safefile_read(&text, payload, CV_MAX_PAYLOAD_BYTES, 0,
				      &d);
		if (error < 0 && d.msg[0])
			error = diag_set(&d, error, "'%s' %s", payload, d.msg);
		else if (error < 0)
			error = diag_set(&d, error, "cannot read '%s'",
					 payload);
		else
			error = toolcall_parse(&call, &a, text.data, text.len,
					       &topts, &d);
	} else if (tool) {
		if (!input)
			input = "{}";
		error = toolcall_from_input(&call, &a, tool, input,
					    strlen(input), &topts, &d);
	} else if (nargs > 0) {
		for (i = 0; i < nargs; i++)
			if (buf_puts(&text, argv[i]) < 0 ||
			    (i + 1 < nargs && buf_putc(&text, ' ') < 0))
				break;
		error = toolcall_from_command(&call, &a, text.data, text.len,
					      &topts, &d);
	} else {
		fprintf(stderr, "ccveto: nothing to check; see 'ccveto check "
			"--help'\n");
		status = EXIT_ERROR;
		goto done;
	}
	if (error < 0)
		judge_fail_closed(&v, &a, error, d.msg);
	else
		judge_call(&v, &a, set, &call, &d);
	if (json)
		print_json(&v, NULL);
	else
		print_text(&call, &v);
	/* An error is said on stderr whatever the format: exit 3 with a
	 * quiet stderr reads as a crash in a CI log. */
	if (v.error)
		fprintf(stderr, "ccveto: error: %s\n", v.reason ? v.reason :
			"cannot judge the call");
	status = v.error ? EXIT_ERROR : exit_for(&v);
done:
	ruleset_free(set);
	buf_release(&text);
	buf_release(&warnings);
	arena_release(&a);
	return status;
}
