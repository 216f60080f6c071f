/* report_text.c - human output, grouped by file; see report.h. */
#include <string.h>

#include "audit/report.h"

static const char *sev_color(enum severity s)
{
	switch (s) {
	case SEVERITY_CRITICAL: return "\033[1;31m";
	case SEVERITY_HIGH: return "\033[31m";
	case SEVERITY_MEDIUM: return "\033[33m";
	case SEVERITY_LOW: return "\033[36m";
	default: return "\033[2m";
	}
}

static void counts(const struct audit_result *r, size_t by[SEVERITY_COUNT])
{
	size_t i;

	memset(by, 0, 5 * sizeof(*by));
	for (i = 0; i < r->findings.n; i++)
		if (!r->findings.v[i].suppressed)
			by[r->findings.v[i].severity]++;
}

void report_text(FILE *out, const struct audit_result *r,
		 const struct report_opts *o)
{
	const char *bold = o->color ? "\033[1m" : "";
	const char *reset = o->color ? "\033[0m" : "";
	size_t i, j, by[SEVERITY_COUNT], errors = 0;
	int s;

	if (!r->nfiles && !r->nskipped) {
		fprintf(out, "%sccveto audit: NO CONFIG FILES FOUND: nothing "
			"was audited%s\n(looked for .claude/settings*.json, "
			".mcp.json, devcontainer.json, .cursor/.vscode "
			"mcp.json; name files explicitly or use --user)\n",
			bold, reset);
		return;
	}
	fprintf(out, "ccveto audit: %zu file%s audited (%s)\n", r->nfiles,
		r->nfiles == 1 ? "" : "s", o->label ? o->label : "worktree");
	for (i = 0; i < r->nfiles; i++) {
		const struct audit_file *f = r->files[i];

		fprintf(out, "  %-50s %-12s %-8s %s\n", f->path,
			audit_kind_name(f->kind), audit_scope_name(f->scope),
			f->error ? "NOT AUDITED" : "ok");
		errors += f->error;
	}
	for (i = 0; i < r->nskipped; i++)
		fprintf(out, "  %-50s %-12s %-8s NOT SEARCHED: %s\n",
			r->skipped[i].path, "directory", "", r->skipped[i].why);
	for (i = 0; i < r->nfiles; i++) {
		const struct audit_file *f = r->files[i];
		bool header = false;

		if (f->error) {
			fprintf(out, "\n%s%s%s\n  error: %s\n", bold, f->path,
				reset, f->problem ? f->problem : "not audited");
			header = true;
		}
		for (j = 0; j < r->findings.n; j++) {
			const struct finding *fd = &r->findings.v[j];

			if (fd->file != f->path && strcmp(fd->file, f->path))
				continue;
			if (fd->suppressed && !o->verbose)
				continue;
			if (!header) {
				fprintf(out, "\n%s%s%s\n", bold, f->path,
					reset);
				header = true;
			}
			fprintf(out, "  %u:%u  %s%-8s%s  %s  %s%s%s\n",
				fd->line, fd->column,
				o->color ? sev_color(fd->severity) : "",
				severity_name(fd->severity), reset,
				fd->check->id, fd->message,
				fd->suppressed ? "  [suppressed: " : "",
				fd->suppressed ? fd->suppressed : "");
			if (fd->suppressed)
				fputs("]", out);
			fprintf(out, "        fix: %s\n", fd->fix);
		}
	}
	counts(r, by);
	fprintf(out, "\nsummary:");
	for (s = SEVERITY_CRITICAL; s >= SEVERITY_INFO; s--)
		fprintf(out, " %zu %s%s", by[s], severity_name((enum severity)s),
			    s > SEVERITY_INFO ? "," : "");
	if (r->nsuppressed)
		fprintf(out, "; %zu suppressed", r->nsuppressed);
	if (errors)
		fprintf(out, "; %zu file%s not audited", errors,
			errors == 1 ? "" : "s");
	if (r->nskipped)
		fprintf(out, "; %zu director%s not searched", r->nskipped,
			r->nskipped == 1 ? "y" : "ies");
	fprintf(out, " (fail-on %s: exit %d)\n", severity_name(o->fail_on),
		    o->exit_code);
}

void report_effective(FILE *out, const struct effective_view *v,
		      const struct report_opts *o)
{
	size_t i;

	fprintf(out, "effective settings (managed > flag > local > project "
		"> user; lists are merged):\n");
	for (i = 0; i < v->n; i++) {
		const struct effective_entry *e = &v->v[i];

		if (*e->file)
			fprintf(out, "  %-45s %-30s %s:%u\n", e->key, e->value,
				e->file, e->line);
		else
			fprintf(out, "  %-45s %s\n", e->key, e->value);
	}
	(void)o;
}
