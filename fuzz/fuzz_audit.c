/* fuzz_audit.c - libFuzzer harness for the auditor, one config file at a
 * time, for each config type.
 * The first byte picks where the file sits, hence its type and scope:
 *   s .claude/settings.json        l .claude/settings.local.json
 *   g managed-settings.json        a managed-settings.d/10-x.json
 *   m .mcp.json                    x .cursor/mcp.json
 *   v .vscode/mcp.json             c claude_desktop_config.json
 *   j .claude.json                 d .devcontainer/devcontainer.json
 *   y .yarnrc.yml                  u notes.json (type from content)
 * lowercase: the file is named explicitly, with the hook's rule packs
 * judging commands; uppercase: it is found by walking the tree, without
 * the packs; any other byte: position = byte % 12, walk when >= 0x80.
 * The rest is the file.  It is read through an in-memory `struct source`,
 * audited, finished (cross-file checks, suppressions) and written in every
 * report format; findings must name a known check and lie in the file. */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"
#include "util/buf.h"
#include "fuzz_util.h"
#include "audit/report.h"
#include "git/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char audit_letters[] = "slgamxvcjdyu";
static const char *const audit_paths[] = {
	".claude/settings.json", ".claude/settings.local.json",
	"managed-settings.json", "managed-settings.d/10-x.json",
	".mcp.json", ".cursor/mcp.json", ".vscode/mcp.json",
	"claude_desktop_config.json", ".claude.json",
	".devcontainer/devcontainer.json", ".yarnrc.yml", "notes.json",
};

struct mem_source {
	struct source src;
	const char *path;		/* the one file */
	const unsigned char *data;
	size_t size;
};

/* Is dir ("" = root) a directory above the file?  Then *next receives
 * the entry below it on the way to the file. */
static int mem_dir(const struct mem_source *m, const char *dir,
		   const char **next, size_t *nextlen, int *is_file)
{
	size_t dl = strlen(dir);
	const char *rest, *slash;

	if (dl && (strncmp(m->path, dir, dl) || m->path[dl] != '/'))
		return 0;
	rest = m->path + (dl ? dl + 1 : 0);
	slash = strchr(rest, '/');
	*next = rest;
	*nextlen = slash ? (size_t)(slash - rest) : strlen(rest);
	*is_file = slash == NULL;
	return 1;
}

static int mem_list_dir(struct source *s, const char *dir, source_dir_fn fn,
			void *arg, struct diag *d)
{
	const struct mem_source *m = s->impl;
	const char *next;
	size_t len;
	int is_file;
	char name[256];

	if (!mem_dir(m, dir, &next, &len, &is_file))
		return diag_set(d, CV_ENOTFOUND, "no directory '%s'", dir);
	memcpy(name, next, len);
	name[len] = '\0';
	return fn(arg, name, is_file ? SOURCE_FILE : SOURCE_DIR);
}

static int mem_read(struct source *s, struct buf *out, const char *path,
		    size_t max, struct diag *d)
{
	const struct mem_source *m = s->impl;

	if (strcmp(path, m->path))
		return diag_set(d, CV_ENOTFOUND, "'%s' not found", path);
	if (m->size > max)
		return diag_set(d, CV_ETOOBIG, "'%s' is too large", path);
	return buf_put(out, m->data, m->size) < 0 ?
		diag_set(d, CV_ENOMEM, "out of memory") : 0;
}

static int mem_stat(struct source *s, enum source_type *type,
		    const char *path, struct diag *d)
{
	const struct mem_source *m = s->impl;
	const char *next;
	size_t len;
	int is_file;

	if (!strcmp(path, m->path)) {
		*type = SOURCE_FILE;
		return 0;
	}
	if (mem_dir(m, path, &next, &len, &is_file)) {
		*type = SOURCE_DIR;
		return 0;
	}
	return diag_set(d, CV_ENOTFOUND, "'%s' not found", path);
}

static void mem_free(struct source *s)
{
	(void)s;
}

static const struct source_ops mem_ops = {
	mem_list_dir, mem_read, mem_stat, mem_free,
};

static FILE *audit_null(void)
{
	static FILE *null;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	return null;
}

static void audit_check_result(const struct audit_result *r, size_t size)
{
	size_t i, lines = 1;

	(void)size;
	for (i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];

		FUZZ_CHECK(f->check && f->check->id, "a finding names a check");
		FUZZ_CHECK(check_find(f->check->id) == f->check,
			   "the check is in the catalog");
		FUZZ_CHECK(f->file != NULL, "a finding names its file");
		fuzz_touch(f->file);
		fuzz_touch(f->scope);
		fuzz_touch(f->pointer);
		fuzz_touch(f->message);
		fuzz_touch(f->fix);
		fuzz_touch(f->suppressed);
	}
	for (i = 0; i < r->nfiles; i++) {
		const struct audit_file *af = r->files[i];
		size_t j;

		lines = 1;
		for (j = 0; j < af->text.len; j++)
			lines += af->text.data[j] == '\n';
		fuzz_touch(af->path);
		fuzz_touch(af->problem);
		if (af->error)
			FUZZ_CHECK(af->problem != NULL,
				   "an unaudited file says why");
		for (j = 0; j < r->findings.n; j++)
			if (!strcmp(r->findings.v[j].file, af->path))
				FUZZ_CHECK(r->findings.v[j].line <= lines,
					   "a finding's line is in its file");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_opts ro = {
		.verbose = true, .fail_on = SEVERITY_HIGH, .label = "fuzz",
	};
	struct audit_opts opts = AUDIT_OPTS_INIT;
	struct effective_view ev = { .v = NULL };
	struct mem_source m;
	struct audit_result r;
	struct diag d;
	const char *letter;
	int walk, error, code;
	size_t idx;

	if (size < 1)
		return 0;
	letter = data[0] ? strchr(audit_letters, tolower(data[0])) : NULL;
	if (letter) {
		idx = (size_t)(letter - audit_letters);
		walk = isupper(data[0]);
	} else {
		idx = data[0] % 12;
		walk = data[0] >= 0x80;
	}
	memset(&m, 0, sizeof(m));
	m.src.ops = &mem_ops;
	m.src.label = "fuzz";
	m.src.root = "";
	m.src.impl = &m;
	m.path = audit_paths[idx];
	m.data = data + 1;
	m.size = size - 1;
	opts.no_rules = walk;
	opts.home = "/home/alice";
	/* No ignore file or baseline from the environment. */
	opts.ignore_file = NULL;

	audit_result_init(&r);
	diag_clear(&d);
	error = audit_run(&r, &m.src, walk ? "" : m.path, &opts, &d);
	if (error < 0) {
		FUZZ_CHECK(d.msg[0] != '\0', "a fatal audit error has a message");
		goto done;
	}
	diag_clear(&d);
	error = audit_finish(&r, &m.src, &opts, &d);
	if (error < 0)
		goto done;
	audit_check_result(&r, size);
	code = audit_exit_code(&r, opts.fail_on);
	FUZZ_CHECK(code >= 0 && code <= 2, "exit code 0, 1 or 2");
	ro.exit_code = code;
	report_text(audit_null(), &r, &ro);
	report_json(audit_null(), &r, &ro);
	report_sarif(audit_null(), &r, &ro);
	report_baseline(audit_null(), &r);
	diag_clear(&d);
	if (audit_effective(&ev, &r, &d) == 0)
		report_effective(audit_null(), &ev, &ro);
done:
	audit_result_release(&r);
	return 0;
}
