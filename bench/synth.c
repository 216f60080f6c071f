/* synth.c - synthetic rule packs for the rule-count scaling benchmark.
 *
 *   synth -k COPIES [-m unreachable|reachable] -o OUTDIR PACK.json...
 *
 * Writes COPIES copies of every pack given, as OUTDIR/syn<j>-<pack>.json
 * (j = 2 .. COPIES + 1), each rule with the id "syn<j>-<pack>.<name>", so
 * the defaults plus k copies hold (k + 1) times the default rule count,
 * with the same mix of conditions and regexes.
 *
 * unreachable (default): every way a call reaches a rule is renamed -
 *   `program` names and prefilter `keywords` get a suffix no command or
 *   text has, and rules with neither (file, web, MCP tools) get tool names
 *   that do not exist.  This is the claim under test: a rule a call cannot
 *   reach costs (almost) nothing.
 * reachable: only ids change; every copy is reached like its original,
 *   the worst case of growing packs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1))) {
		if (fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		} else {
			p[n] = '\0';
			*len = (size_t)n;
		}
	}
	fclose(f);
	return p;
}

static void die(const char *what)
{
	fprintf(stderr, "synth: %s\n", what);
	exit(1);
}

/* Replaces every string of array `arr` by prefix + s + suffix. */
static void rename_list(cJSON *arr, const char *prefix, const char *suffix)
{
	cJSON *c;
	char buf[512];

	cJSON_ArrayForEach(c, arr) {
		if (!cJSON_IsString(c))
			continue;
		snprintf(buf, sizeof(buf), "%s%s%s", prefix, c->valuestring,
			 suffix);
		if (!cJSON_SetValuestring(c, buf))
			die("out of memory");
	}
}

static void set_string(cJSON *obj, const char *key, const char *val)
{
	cJSON *s = cJSON_CreateString(val);

	if (!s || !cJSON_ReplaceItemInObjectCaseSensitive(obj, key, s))
		die("out of memory");
}

static void make_unreachable(cJSON *rule, int j)
{
	cJSON *match = cJSON_GetObjectItemCaseSensitive(rule, "match");
	cJSON *prog = cJSON_GetObjectItemCaseSensitive(match, "program");
	cJSON *kw = cJSON_GetObjectItemCaseSensitive(match, "keywords");
	cJSON *tools = cJSON_GetObjectItemCaseSensitive(rule, "tools");
	char suffix[32], prefix[32];

	snprintf(suffix, sizeof(suffix), "-syn%d", j);
	snprintf(prefix, sizeof(prefix), "zq%dx", j);
	if (prog)
		rename_list(prog, "", suffix);
	if (kw)
		rename_list(kw, prefix, "");
	if (prog || kw)
		return;
	/* Reached by tool name alone: give it tools nobody calls. */
	if (!tools) {
		tools = cJSON_CreateStringArray((const char *[]){ "Bash",
							"Monitor" }, 2);
		if (!tools || !cJSON_AddItemToObject(rule, "tools", tools))
			die("out of memory");
	}
	rename_list(tools, "Syn", suffix);
}

int main(int argc, char **argv)
{
	const char *outdir = NULL;
	int copies = 1, reach = 0, i, j;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-k") && i + 1 < argc)
			copies = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			outdir = argv[++i];
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			reach = !strcmp(argv[++i], "reachable");
		else
			die("usage: synth -k COPIES [-m unreachable|reachable]"
			    " -o OUTDIR PACK.json...");
	}
	if (!outdir || copies < 0)
		die("usage: synth -k COPIES [-m unreachable|reachable] "
		    "-o OUTDIR PACK.json...");
	for (; i < argc; i++) {
		for (j = 2; j <= copies + 1; j++) {
			size_t len;
			char *text = read_all(argv[i], &len), *out;
			cJSON *pack, *rules, *r;
			char name[256], path[4096], id[512];
			const char *pname;
			FILE *f;

			if (!text)
				die("cannot read a pack");
			pack = cJSON_ParseWithLength(text, len);
			free(text);
			if (!pack)
				die("a pack is not JSON");
			pname = cJSON_GetStringValue(
				cJSON_GetObjectItemCaseSensitive(pack, "pack"));
			if (!pname)
				die("a pack has no name");
			snprintf(name, sizeof(name), "syn%d-%s", j, pname);
			rules = cJSON_GetObjectItemCaseSensitive(pack, "rules");
			cJSON_ArrayForEach(r, rules) {
				const char *rid = cJSON_GetStringValue(
					cJSON_GetObjectItemCaseSensitive(r,
									 "id"));

				if (!rid)
					die("a rule has no id");
				snprintf(id, sizeof(id), "syn%d-%s", j, rid);
				set_string(r, "id", id);
				if (!reach)
					make_unreachable(r, j);
			}
			set_string(pack, "pack", name);
			snprintf(path, sizeof(path), "%s/%s.json", outdir,
				 name);
			if (!(out = cJSON_Print(pack)) ||
			    !(f = fopen(path, "w")))
				die("cannot write a pack");
			fputs(out, f);
			if (fclose(f) != 0)
				die("cannot write a pack");
			free(out);
			cJSON_Delete(pack);
		}
	}
	return 0;
}
