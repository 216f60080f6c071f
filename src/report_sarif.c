/* report_sarif.c - SARIF 2.1.0 as GitHub code scanning reads it; see
 * report.h and shared/spec/settings-audit.md d.1.  Severity mapping:
 * critical -> error/9.5, high -> error/8.0, medium -> warning/5.5,
 * low -> note/3.0, info -> note/1.0.  Relative paths are uploaded against
 * %SRCROOT%; suppressed findings carry a SARIF suppression. */
#include <ctype.h>
#include <string.h>

#include "buf.h"
#include "report.h"

#ifndef CV_VERSION
#define CV_VERSION "0.0.0"
#endif

/* A URI reference: unreserved characters and '/' kept, rest %XX. */
static void juri(FILE *out, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	fputc('"', out);
	if (*p == '/')
		fputs("file://", out);
	for (; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	fputc('"', out);
}

static const char *level(enum fsev s)
{
	return s >= FSEV_HIGH ? "error" : s == FSEV_MEDIUM ? "warning" :
		"note";
}

static const char *score(enum fsev s)
{
	static const char *const v[] = { "1.0", "3.0", "5.5", "8.0", "9.5" };

	return v[s];
}

void report_sarif(FILE *out, const struct audit_result *r,
		  const struct report_opts *o)
{
	size_t ncat, k, i, nrules = 0, ruleidx[128];
	const struct check_info *cat = check_catalog(&ncat);
	bool ok = true;

	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	      "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
	      "\"name\":\"ccveto\",\"version\":\"" CV_VERSION "\","
	      "\"informationUri\":\"https://github.com/ccveto/ccveto\","
	      "\"rules\":[", out);
	for (k = 0; k < ncat && k < 128; k++) {
		bool used = false;

		ruleidx[k] = (size_t)-1;
		for (i = 0; i < r->findings.n && !used; i++)
			used = r->findings.v[i].check == &cat[k];
		if (!used)
			continue;
		ruleidx[k] = nrules;
		fprintf(out, "%s\n{\"id\":\"%s\",\"name\":\"%s\","
			"\"shortDescription\":{\"text\":", nrules ? "," : "",
			cat[k].id, cat[k].name);
		report_json_string(out, cat[k].title);
		fputs("},\"fullDescription\":{\"text\":", out);
		report_json_string(out, cat[k].why);
		fputs("},\"help\":{\"text\":", out);
		report_json_string(out, cat[k].fix);
		fprintf(out, "},\"helpUri\":\"https://github.com/ccveto/ccveto/"
			"blob/main/docs/checks.md#%c%c%c%c%c\","
			"\"defaultConfiguration\":{\"level\":\"%s\"},"
			"\"properties\":{\"security-severity\":\"%s\","
			"\"tags\":[\"security\"],\"precision\":\"high\"}}",
			tolower((unsigned char)cat[k].id[0]),
			tolower((unsigned char)cat[k].id[1]),
			cat[k].id[2], cat[k].id[3], cat[k].id[4],
			level(cat[k].severity), score(cat[k].severity));
		nrules++;
	}
	fputs("]}},\n\"results\":[", out);
	for (i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];

		k = (size_t)(f->check - cat);
		fprintf(out, "%s\n{\"ruleId\":\"%s\",\"ruleIndex\":%zu,"
			"\"level\":\"%s\",\"message\":{\"text\":",
			i ? "," : "", f->check->id, ruleidx[k],
			level(f->severity));
		report_json_string(out, f->message);
		fputs("},\"locations\":[{\"physicalLocation\":{"
		      "\"artifactLocation\":{\"uri\":", out);
		juri(out, f->file);
		if (f->file[0] != '/')
			fputs(",\"uriBaseId\":\"%SRCROOT%\"", out);
		fprintf(out, "},\"region\":{\"startLine\":%u", f->line ?
			f->line : 1);
		if (f->column)
			fprintf(out, ",\"startColumn\":%u", f->column);
		fprintf(out, "}}}],\"partialFingerprints\":{"
			"\"ccvetoFindingHash/v1\":\"%s\"},\"properties\":{"
			"\"severity\":\"%s\",\"security-severity\":\"%s\","
			"\"scope\":\"%s\",\"jsonPointer\":", f->fingerprint,
			fsev_name(f->severity), score(f->severity), f->scope);
		report_json_string(out, f->pointer);
		fputs("}", out);
		if (f->suppressed) {
			fputs(",\"suppressions\":[{\"kind\":\"external\","
			      "\"justification\":", out);
			report_json_string(out, f->suppressed);
			fputs("}]", out);
		}
		fputs("}", out);
	}
	fputs("],\n\"invocations\":[{", out);
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i]->error)
			ok = false;
	if (r->nskipped)
		ok = false;
	fprintf(out, "\"executionSuccessful\":%s,"
		"\"toolExecutionNotifications\":[", ok ? "true" : "false");
	for (i = 0, k = 0; i < r->nfiles; i++) {
		const struct audit_file *f = r->files[i];

		if (!f->error)
			continue;
		fprintf(out, "%s{\"level\":\"error\",\"message\":{\"text\":",
			k++ ? "," : "");
		report_json_string(out, f->problem);
		fputs("},\"locations\":[{\"physicalLocation\":{"
		      "\"artifactLocation\":{\"uri\":", out);
		juri(out, f->path);
		fputs("}}}]}", out);
	}
	for (i = 0; i < r->nskipped; i++) {
		fprintf(out, "%s{\"level\":\"error\",\"message\":{\"text\":",
			k++ ? "," : "");
		report_json_string(out, r->skipped[i].why);
		fputs("},\"locations\":[{\"physicalLocation\":{"
		      "\"artifactLocation\":{\"uri\":", out);
		juri(out, r->skipped[i].path);
		fputs("}}}]}", out);
	}
	fputs("]}]}]}\n", out);
	(void)o;
}
