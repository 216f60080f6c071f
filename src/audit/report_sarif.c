/* report_sarif.c - SARIF 2.1.0 as GitHub code scanning reads it; see
 * report.h and shared/spec/settings-audit.md d.1.  Severity mapping:
 * critical -> error/9.5, high -> error/8.0, medium -> warning/5.5,
 * low -> note/3.0, info -> note/1.0.  Suppressed findings carry a SARIF
 * suppression.
 *
 * What code scanning needs, and how it is met:
 * - Artifact URIs are relative references resolved against a base id in
 *   run.originalUriBaseIds: %SRCROOT% for files in the repository (the
 *   caller's audit_file.uri, relative to the work-tree top), ROOT (file:///)
 *   for anything outside it (--user files).  Never an absolute file:// URI
 *   and never a path relative to the current directory.
 * - Columns count Unicode code points (jsonloc counts characters, not
 *   bytes), said by run.columnKind.
 * - Every rule's help names its section of docs/checks.md by the anchor
 *   GitHub generates for the heading "CCnnn: title"; helpUri and
 *   informationUri are only written when the build knows the project's
 *   real home (make PROJECT_URL=... DOCS_REF=...), never a placeholder.
 *   Every check of the catalog is listed, used or not, so the rule table
 *   and its indexes do not depend on what was found. */
#include <ctype.h>
#include <string.h>

#include "audit/report.h"
#include "util/buf.h"

#ifndef CV_VERSION
#define CV_VERSION "0.0.0"
#endif
/* The project's home ("https://github.com/OWNER/ccveto") and the git ref
 * whose docs/checks.md the help links point at; empty: no links. */
#ifndef CV_PROJECT_URL
#define CV_PROJECT_URL ""
#endif
#ifndef CV_DOCS_REF
#define CV_DOCS_REF "main"
#endif

/* A URI reference: unreserved characters and '/' kept, the rest %XX, so
 * a path can never read as a scheme or carry a query. */
static void juri(FILE *out, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	fputc('"', out);
	for (; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	fputc('"', out);
}

/* GitHub's anchor for the heading "ID: title": lower case, every
 * character but letters, digits, '-', '_' and spaces dropped, each space
 * a '-' (bytes past ASCII kept, percent-encoded).  tests/cli/sarif.sh
 * checks it against docs/checks.md with an independent implementation. */
static void anchor(FILE *out, const struct check_info *c)
{
	const char *parts[] = { c->id, ": ", c->title };
	size_t i;

	for (i = 0; i < 3; i++) {
		const unsigned char *p = (const unsigned char *)parts[i];

		for (; *p; p++) {
			if (*p >= 0x80)
				fprintf(out, "%%%02X", *p);
			else if (isalnum(*p) || *p == '-' || *p == '_')
				fputc(tolower(*p), out);
			else if (*p == ' ')
				fputc('-', out);
		}
	}
}

static const char *level(enum severity s)
{
	return s >= SEVERITY_HIGH ? "error" : s == SEVERITY_MEDIUM ? "warning" :
		"note";
}

static const char *score(enum severity s)
{
	static const char *const v[] = { "1.0", "3.0", "5.5", "8.0", "9.5" };

	return v[s];
}

/* artifactLocation: uri under its base id, as the caller placed it
 * (audit_file.uri); a path it did not place is shown without a leading
 * '/' under the root of the file system, or under %SRCROOT% when it is
 * relative (git sources: paths from the repository root). */
static void location(FILE *out, const char *uri, const char *base,
		     const char *path)
{
	fputs("\"artifactLocation\":{\"uri\":", out);
	if (uri) {
		juri(out, uri);
		fprintf(out, ",\"uriBaseId\":\"%s\"", base ? base :
			"%SRCROOT%");
	} else {
		juri(out, path[0] == '/' ? path + 1 : path);
		fprintf(out, ",\"uriBaseId\":\"%s\"", path[0] == '/' ?
			"ROOT" : "%SRCROOT%");
	}
	fputs("}", out);
}

static const struct audit_file *file_of(const struct audit_result *r,
					const char *path)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (r->files[i]->path == path ||
		    !strcmp(r->files[i]->path, path))
			return r->files[i];
	return NULL;
}

void report_sarif(FILE *out, const struct audit_result *r,
		  const struct report_opts *o)
{
	size_t ncat, k, i;
	const struct check_info *cat = check_catalog(&ncat);
	const bool links = CV_PROJECT_URL[0] != '\0';
	bool ok = r->nskipped == 0;

	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	      "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
	      "\"name\":\"ccveto\",\"version\":\"" CV_VERSION "\","
	      "\"semanticVersion\":\"" CV_VERSION "\",", out);
	if (links)
		fputs("\"informationUri\":\"" CV_PROJECT_URL "\",", out);
	fputs("\"rules\":[", out);
	for (k = 0; k < ncat; k++) {
		fprintf(out, "%s\n{\"id\":\"%s\",\"name\":\"%s\","
			"\"shortDescription\":{\"text\":", k ? "," : "",
			cat[k].id, cat[k].name);
		report_json_string(out, cat[k].title);
		fputs("},\"fullDescription\":{\"text\":", out);
		report_json_string(out, cat[k].why);
		fputs("},\"help\":{\"text\":", out);
		{
			/* The fix, then where the check is documented. */
			struct buf b = BUF_INIT;

			fputc('"', out);
			if (buf_put_json_string(&b, cat[k].fix,
						strlen(cat[k].fix)) == 0 &&
			    b.data)
				fputs(b.data, out);
			fputs(" (ccveto docs/checks.md#", out);
			anchor(out, &cat[k]);
			fputs(")\"", out);
			buf_release(&b);
		}
		fputs("},", out);
		if (links) {
			fputs("\"helpUri\":\"" CV_PROJECT_URL "/blob/"
			      CV_DOCS_REF "/docs/checks.md#", out);
			anchor(out, &cat[k]);
			fputs("\",", out);
		}
		fprintf(out, "\"defaultConfiguration\":{\"level\":\"%s\"},"
			"\"properties\":{\"security-severity\":\"%s\","
			"\"tags\":[\"security\"],\"precision\":\"high\"}}",
			level(cat[k].severity), score(cat[k].severity));
	}
	fputs("]}},\n\"originalUriBaseIds\":{\"%SRCROOT%\":{", out);
	if (o->srcroot) {
		fputs("\"uri\":", out);
		fputs("\"file://", out);
		/* An absolute directory, '/'-terminated. */
		{
			const unsigned char *p =
				(const unsigned char *)o->srcroot;

			for (; *p; p++)
				if (isalnum(*p) || strchr("-._~/", *p))
					fputc(*p, out);
				else
					fprintf(out, "%%%02X", *p);
		}
		fputs("\",", out);
	}
	fputs("\"description\":{\"text\":\"the top of the repository's work "
	      "tree\"}},\"ROOT\":{\"uri\":\"file:///\",\"description\":{"
	      "\"text\":\"the root of the file system, for files outside the "
	      "repository\"}}},\n\"columnKind\":\"unicodeCodePoints\","
	      "\n\"results\":[", out);
	for (i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];

		k = (size_t)(f->check - cat);
		fprintf(out, "%s\n{\"ruleId\":\"%s\",\"ruleIndex\":%zu,"
			"\"level\":\"%s\",\"message\":{\"text\":",
			i ? "," : "", f->check->id, k, level(f->severity));
		report_json_string(out, f->message);
		fputs("},\"locations\":[{\"physicalLocation\":{", out);
		{
			const struct audit_file *af = file_of(r, f->file);

			location(out, af ? af->uri : NULL,
				 af ? af->uri_base : NULL, f->file);
		}
		fprintf(out, ",\"region\":{\"startLine\":%u", f->line ?
			f->line : 1);
		if (f->column)
			fprintf(out, ",\"startColumn\":%u", f->column);
		fprintf(out, "}}}],\"partialFingerprints\":{"
			"\"ccvetoFindingHash/v1\":\"%s\"},\"properties\":{"
			"\"severity\":\"%s\",\"security-severity\":\"%s\","
			"\"scope\":\"%s\",\"path\":", f->fingerprint,
			severity_name(f->severity), score(f->severity), f->scope);
		report_json_string(out, f->file);
		fputs(",\"jsonPointer\":", out);
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
	fprintf(out, "\"executionSuccessful\":%s,"
		"\"toolExecutionNotifications\":[", ok ? "true" : "false");
	for (i = 0, k = 0; i < r->nfiles; i++) {
		const struct audit_file *f = r->files[i];

		if (!f->error)
			continue;
		fprintf(out, "%s{\"level\":\"error\",\"message\":{\"text\":",
			k++ ? "," : "");
		report_json_string(out, f->problem);
		fputs("},\"locations\":[{\"physicalLocation\":{", out);
		location(out, f->uri, f->uri_base, f->path);
		fputs("}}]}", out);
	}
	for (i = 0; i < r->nskipped; i++) {
		fprintf(out, "%s{\"level\":\"error\",\"message\":{\"text\":",
			k++ ? "," : "");
		report_json_string(out, r->skipped[i].why);
		fputs("},\"locations\":[{\"physicalLocation\":{", out);
		location(out, r->skipped[i].uri, r->skipped[i].uri_base,
			 r->skipped[i].path);
		fputs("}}]}", out);
	}
	fputs("]}]}]}\n", out);
}
