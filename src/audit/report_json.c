/* report_json.c - `--format json` and the baseline file; see report.h.
 * Schema: {"version":1, "findings":[...], "files":[...], "skipped":[...],
 * "summary":{...}}
 * documented in docs/checks.md. */
#include <string.h>

#include "audit/report.h"
#include "util/buf.h"

void report_json_string(FILE *out, const char *s)
{
	struct buf b = BUF_INIT;

	if (!s)
		s = "";
	if (buf_put_json_string(&b, s, strlen(s)) == 0 && b.data)
		fprintf(out, "\"%s\"", b.data);
	else
		fputs("\"\"", out);
	buf_release(&b);
}

void report_json(FILE *out, const struct audit_result *r,
		 const struct report_opts *o)
{
	size_t i, by[SEVERITY_COUNT] = { 0 }, errors = 0, active = 0;
	const char *sep = "";
	size_t ncat, k;
	const struct check_info *cat = check_catalog(&ncat);

	fputs("{\"version\":1,\"tool\":\"ccveto\",\"findings\":[", out);
	for (i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];

		fprintf(out, "%s\n{\"check\":", i ? "," : "");
		report_json_string(out, f->check->id);
		fprintf(out, ",\"severity\":\"%s\",\"file\":",
			severity_name(f->severity));
		report_json_string(out, f->file);
		fprintf(out, ",\"line\":%u,\"column\":%u,\"pointer\":",
			f->line, f->column);
		report_json_string(out, f->pointer);
		fputs(",\"scope\":", out);
		report_json_string(out, f->scope);
		fputs(",\"title\":", out);
		report_json_string(out, f->check->title);
		fputs(",\"message\":", out);
		report_json_string(out, f->message);
		fputs(",\"fix\":", out);
		report_json_string(out, f->fix);
		fprintf(out, ",\"fingerprint\":\"%s\"", f->fingerprint);
		if (f->suppressed) {
			fputs(",\"suppressed\":", out);
			report_json_string(out, f->suppressed);
		} else {
			by[f->severity]++;
			active++;
		}
		fputs("}", out);
	}
	fputs("],\n\"files\":[", out);
	for (i = 0; i < r->nfiles; i++) {
		const struct audit_file *f = r->files[i];

		fprintf(out, "%s\n{\"path\":", i ? "," : "");
		report_json_string(out, f->path);
		fprintf(out, ",\"kind\":\"%s\",\"scope\":\"%s\",\"source\":",
			audit_kind_name(f->kind), audit_scope_name(f->scope));
		report_json_string(out, f->source);
		fprintf(out, ",\"status\":\"%s\",\"findings\":%zu",
			f->error ? "error" : "audited", f->nfindings);
		if (f->error) {
			fputs(",\"error\":", out);
			report_json_string(out, f->problem);
			errors++;
		}
		fputs("}", out);
	}
	fputs("],\n\"skipped\":[", out);
	for (i = 0; i < r->nskipped; i++) {
		fprintf(out, "%s\n{\"path\":", i ? "," : "");
		report_json_string(out, r->skipped[i].path);
		fputs(",\"error\":", out);
		report_json_string(out, r->skipped[i].why);
		fputs("}", out);
	}
	fprintf(out, "],\n\"summary\":{\"files\":%zu,\"skipped\":%zu,"
		"\"errors\":%zu,\"findings\":%zu,\"suppressed\":%zu,"
		"\"fail_on\":\"%s\",\"exit_code\":%d,\"by_severity\":{"
		"\"critical\":%zu,\"high\":%zu,\"medium\":%zu,\"low\":%zu,"
		"\"info\":%zu},\"by_check\":{", r->nfiles, r->nskipped,
		errors, active, r->nsuppressed, severity_name(o->fail_on), o->exit_code, by[SEVERITY_CRITICAL],
		by[SEVERITY_HIGH], by[SEVERITY_MEDIUM], by[SEVERITY_LOW], by[SEVERITY_INFO]);
	for (k = 0; k < ncat; k++) {
		size_t n = 0;

		for (i = 0; i < r->findings.n; i++)
			if (r->findings.v[i].check == &cat[k] &&
			    !r->findings.v[i].suppressed)
				n++;
		if (n) {
			fprintf(out, "%s\"%s\":%zu", sep, cat[k].id, n);
			sep = ",";
		}
	}
	fputs("}}}\n", out);
}

void report_baseline(FILE *out, const struct audit_result *r)
{
	size_t i;

	fputs("{\"version\":1,\"fingerprints\":[", out);
	for (i = 0; i < r->findings.n; i++)
		fprintf(out, "%s\n\"%s\"", i ? "," : "",
			r->findings.v[i].fingerprint);
	fputs("]}\n", out);
}
