/* suppress.c - ignore file and baseline, see suppress.h.
 * An ignore entry without a reason is an error, not a silent
 * suppression: the reason is what a reviewer reads. */
#include "audit/suppress.h"

#include <fnmatch.h>
#include <string.h>

#include "audit/result.h"
#include "git/source.h"
#include "util/bounds.h"
#include "util/safefile.h"

static bool pointer_covers(const char *want, const char *have)
{
	size_t n;

	if (!want || !*want)
		return true;
	n = strlen(want);
	return !strncmp(want, have, n) && (have[n] == '\0' || have[n] == '/');
}

static int apply_ignore(struct audit_result *r, const struct jl_node *root,
			const char *origin, struct diag *d)
{
	const struct jl_node *list = jl_get(root, "ignore"), *e;

	if (!jl_is(list, JL_ARRAY))
		return diag_set(d, CV_EINVAL, "%s: expected {\"ignore\": "
				"[...]}", origin);
	for (e = list->child; e; e = e->next) {
		const char *check = jl_str(jl_get(e, "check"));
		const char *path = jl_str(jl_get(e, "path"));
		const char *ptr = jl_str(jl_get(e, "pointer"));
		const char *reason = jl_str(jl_get(e, "reason"));
		size_t i;

		if (!check || !path)
			return diag_set(d, CV_EINVAL, "%s:%u: an entry needs "
					"\"check\" and \"path\"", origin,
					e->pos.line);
		if (!reason || !*reason)
			return diag_set(d, CV_EINVAL, "%s:%u: an entry needs a "
					"\"reason\"", origin, e->pos.line);
		for (i = 0; i < r->findings.n; i++) {
			struct finding *f = &r->findings.v[i];

			if (f->suppressed || strcmp(f->check->id, check) ||
			    fnmatch(path, f->file, 0) ||
			    !pointer_covers(ptr, f->pointer))
				continue;
			f->suppressed = reason;
			r->nsuppressed++;
		}
	}
	return 0;
}

static void collect_fingerprints(struct audit_result *r,
				 const struct jl_node *n)
{
	const struct jl_node *c;
	size_t i;

	if (n->type == JL_STRING && n->len == 16 && n->parent &&
	    ((n->key && !strcmp(n->key, "fingerprint")) ||
	     (n->parent->key && !strcmp(n->parent->key, "fingerprints")))) {
		for (i = 0; i < r->findings.n; i++) {
			struct finding *f = &r->findings.v[i];

			if (!f->suppressed && !strcmp(f->fingerprint, n->s)) {
				f->suppressed = "in baseline";
				r->nsuppressed++;
			}
		}
	}
	for (c = n->child; c; c = c->next)
		collect_fingerprints(r, c);
}

static int load(struct jl_doc *doc, struct buf *b, struct arena *a,
		struct source *src, const char *path, struct diag *d)
{
	struct diag pd = { 0, "" };
	int error;

	if (src) {
		error = src->ops->read(src, b, path, CV_MAX_AUDIT_FILE_BYTES,
				       d);
		if (error < 0 && error != CV_ENOTFOUND)
			error = diag_set(d, error, "cannot read '%s'", path);
	} else if ((error = safefile_read(b, path, CV_MAX_AUDIT_FILE_BYTES, 0,
					  d)) < 0 && error != CV_ENOTFOUND) {
		error = diag_set(d, error, "'%s' %s", path, d->msg);
	}
	if (error < 0)
		return error;
	if (jl_parse(doc, a, b->data ? b->data : "", b->len, &pd) < 0)
		return diag_set(d, CV_EINVAL, "%s: %s", path, pd.msg);
	return 0;
}

int suppress_apply(struct audit_result *r, struct source *root_src,
		   const struct audit_opts *opts, struct diag *d)
{
	struct buf b = BUF_INIT;
	struct jl_doc doc;
	int error = 0;

	if (opts->ignore_file) {
		if ((error = load(&doc, &b, &r->arena, NULL, opts->ignore_file,
				  d)) < 0) {
			if (error == CV_ENOTFOUND)
				error = diag_set(d, CV_EINVAL, "no ignore file "
						 "'%s'", opts->ignore_file);
			goto done;
		}
		if ((error = apply_ignore(r, doc.root, opts->ignore_file,
					  d)) < 0)
			goto done;
	} else if (root_src) {
		error = load(&doc, &b, &r->arena, root_src, SUPPRESS_FILE, d);
		if (error == CV_ENOTFOUND)
			error = 0;
		else if (error < 0 || (error = apply_ignore(r, doc.root,
						SUPPRESS_FILE, d)) < 0)
			goto done;
	}
	buf_release(&b);
	if (opts->baseline) {
		if ((error = load(&doc, &b, &r->arena, NULL, opts->baseline,
				  d)) < 0) {
			if (error == CV_ENOTFOUND)
				error = diag_set(d, CV_EINVAL, "no baseline "
						 "'%s'", opts->baseline);
			goto done;
		}
		collect_fingerprints(r, doc.root);
	}
done:
	buf_release(&b);
	return error;
}
