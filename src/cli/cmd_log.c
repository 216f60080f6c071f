/* cmd_log.c - `ccveto log`: summarises the decision log (declog.c):
 * counts per verdict, per rule and per day, and the last N records.
 * Reads the rotated files too (.2, .1, then the current one, oldest
 * first).  Lines that are not whole records are counted, located and
 * skipped: the hook writes whole lines or nothing (declog.c), so a
 * damaged line means a crash, an older ccveto on a full disk or someone
 * else writing to the file.  A log file the hook would refuse to write to
 * (a symlink, a FIFO, a hard link, a directory not ours) is named as a
 * problem, not read through. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "hook/declog.h"
#include "json/jdoc.h"
#include "judge/load.h"
#include "rules/config.h"
#include "rules/ruleset.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/opt.h"
#include "util/safefile.h"
#include "util/userhome.h"

struct count {
	char *key;
	long n;
};

struct counts {
	struct count *v;
	size_t n, cap;
};

struct summary {
	long records, skipped;		/* skipped: damaged lines */
	char *first_damaged;		/* "FILE line N" of the first */
	struct buf problems;		/* one line each: files not read */
	struct counts by_decision, by_rule, by_day;
	char **last;		/* ring of the last N record lines */
	size_t nlast, last_next;
	long last_max;
};

static int count_add(struct counts *c, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strlen(c->v[i].key) == len && !memcmp(c->v[i].key, key, len)) {
			c->v[i].n++;
			return 0;
		}
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		struct count *nv = realloc(c->v, ncap * sizeof(*nv));

		if (!nv)
			return CV_ENOMEM;
		c->v = nv;
		c->cap = ncap;
	}
	if (!(c->v[c->n].key = strndup(key, len)))
		return CV_ENOMEM;
	c->v[c->n++].n = 1;
	return 0;
}

static void counts_release(struct counts *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].key);
	free(c->v);
}

static int by_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct count *)a)->key,
		      ((const struct count *)b)->key);
}

static void damaged(struct summary *s, const char *path, long lineno)
{
	struct buf b = BUF_INIT;

	s->skipped++;
	if (s->first_damaged || buf_printf(&b, "line %ld of %s", lineno,
					   path) < 0) {
		buf_release(&b);
		return;
	}
	s->first_damaged = b.data;
}

static int add_record(struct summary *s, const char *line, size_t len,
		      const char *path, long lineno)
{
	cJSON *rec = NULL;
	const cJSON *rules, *r;
	const char *time, *dec;
	struct diag d;
	int error = 0;

	if (json_parse(&rec, line, len, 0, &d) < 0 || !cJSON_IsObject(rec) ||
	    !(time = json_get_string(rec, "time")) || strlen(time) < 10 ||
	    !(dec = json_get_string(rec, "decision")) ||
	    !cJSON_IsArray(rules = json_get(rec, "rules"))) {
		damaged(s, path, lineno);
		cJSON_Delete(rec);
		return 0;
	}
	s->records++;
	if ((error = count_add(&s->by_decision, dec, strlen(dec))) < 0 ||
	    (error = count_add(&s->by_day, time, 10)) < 0)
		goto done;
	for (r = rules->child; r; r = r->next)
		if (cJSON_IsString(r) &&
		    (error = count_add(&s->by_rule, r->valuestring,
				       strlen(r->valuestring))) < 0)
			goto done;
	if (!rules->child && strcmp(dec, "none") &&
	    (error = count_add(&s->by_rule, "(fail-closed)", 13)) < 0)
		goto done;
	if (s->last_max > 0) {
		char *copy = strndup(line, len);

		if (!copy) {
			error = CV_ENOMEM;
			goto done;
		}
		free(s->last[s->last_next]);
		s->last[s->last_next] = copy;
		s->last_next = (s->last_next + 1) % (size_t)s->last_max;
		if (s->nlast < (size_t)s->last_max)
			s->nlast++;
	}
done:
	cJSON_Delete(rec);
	return error;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void problem(struct summary *s, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	buf_printf(&s->problems, "%s\n", line);
}

/* Reads one log file as the hook would open it: not through a symlink,
 * regular files only, without blocking; a file the hook refuses to write
 * is reported, not read. */
static int read_log(struct summary *s, const char *path, int *found)
{
	struct buf b = BUF_INIT;
	struct diag d;
	struct stat st;
	size_t i, start = 0;
	long lineno = 1;
	int fd, error;

	diag_clear(&d);
	error = safefile_open(&fd, &st, path, SAFEFILE_NOFOLLOW, &d);
	if (error == CV_ENOTFOUND)
		return 0;
	*found = 1;
	if (error == CV_EINVAL) {
		problem(s, "'%s' %s: the hook does not write to it", path,
			d.msg);
		return 0;
	}
	if (error < 0)
		return error;
	if (st.st_nlink != 1)
		problem(s, "'%s' has %lu links: the hook does not write to a "
			"hard-linked log", path, (unsigned long)st.st_nlink);
	error = buf_read_fd(&b, fd, CV_MAX_LOG_READ_BYTES);
	close(fd);
	if (error == CV_ETOOBIG) {
		problem(s, "'%s' is larger than %u bytes: only its start was "
			"read", path, CV_MAX_LOG_READ_BYTES);
		error = 0;
		/* the cut line is not damaged: drop it */
		while (b.len && b.data[b.len - 1] != '\n')
			b.len--;
	}
	for (i = 0; i < b.len && !error; i++) {
		if (b.data[i] != '\n')
			continue;
		if (i > start)
			error = add_record(s, b.data + start, i - start, path,
					   lineno);
		start = i + 1;
		lineno++;
	}
	if (!error && start < b.len)	/* a last line without "\n" */
		damaged(s, path, lineno);
	buf_release(&b);
	return error;
}

/* The hook keeps the log only in a directory that is not a symlink and
 * is ours (safefile_open_dir()); say so when that is not the case. */
static void log_dir_problem(struct summary *s, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct buf dir = BUF_INIT;
	struct diag d;
	int dfd;

	if (!slash || buf_put(&dir, path, slash == path ? 1 :
			      (size_t)(slash - path)) < 0) {
		buf_release(&dir);
		return;
	}
	diag_clear(&d);
	if (safefile_open_dir(&dfd, dir.data, 0, &d) == 0)
		close(dfd);
	else if (d.code == CV_EINVAL)
		problem(s, "the log directory '%s' %s: the hook does not write "
			"there", dir.data, d.msg);
	buf_release(&dir);
}

static const char *colour_of(const char *dec, int colour)
{
	if (!colour)
		return "";
	if (!strcmp(dec, "deny"))
		return "\033[31m";
	if (!strcmp(dec, "ask"))
		return "\033[33m";
	return "";
}

/* Log text came from the model: no terminal escapes reach the screen. */
static void put_safe(const char *s)
{
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static void print_text(const struct summary *s, const char *path,
		       int colour)
{
	size_t i, k;

	printf("decision log: %s\n%ld record%s", path, s->records,
	       s->records == 1 ? "" : "s");
	if (s->skipped)
		printf(", %ld damaged line%s skipped (not whole records; the "
		       "first is %s)", s->skipped, s->skipped == 1 ? "" : "s",
		       s->first_damaged ? s->first_damaged : "?");
	printf("\n\nby verdict:\n");
	for (i = 0; i < s->by_decision.n; i++)
		printf("  %s%-8s%s %6ld\n",
		       colour_of(s->by_decision.v[i].key, colour),
		       s->by_decision.v[i].key, colour ? "\033[0m" : "",
		       s->by_decision.v[i].n);
	printf("\nby rule:\n");
	for (i = 0; i < s->by_rule.n; i++)
		printf("  %-40s %6ld\n", s->by_rule.v[i].key,
		       s->by_rule.v[i].n);
	printf("\nby day:\n");
	for (i = 0; i < s->by_day.n; i++)
		printf("  %-10s %6ld\n", s->by_day.v[i].key, s->by_day.v[i].n);
	if (!s->nlast)
		return;
	printf("\nlast %zu:\n", s->nlast);
	for (k = 0; k < s->nlast; k++) {
		size_t at = (s->last_next + (size_t)s->last_max - s->nlast + k) %
			    (size_t)s->last_max;
		cJSON *rec = NULL;
		const cJSON *r;
		const char *dec, *sum;
		struct diag d;
		struct buf ids = BUF_INIT;

		if (json_parse(&rec, s->last[at], strlen(s->last[at]), 0,
			       &d) < 0)
			continue;
		dec = json_get_string(rec, "decision");
		sum = json_get_string(rec, "summary");
		for (r = json_get(rec, "rules")->child; r; r = r->next)
			if (cJSON_IsString(r))
				buf_printf(&ids, "%s%s", ids.len ? "," : "",
					   r->valuestring);
		printf("  %s  %s%-4s%s  ", json_get_string(rec, "time"),
		       colour_of(dec, colour), dec, colour ? "\033[0m" : "");
		put_safe(json_get_string(rec, "tool") ?
			 json_get_string(rec, "tool") : "-");
		printf("  %s  ", ids.len ? ids.data : "-");
		put_safe(sum ? sum : "");
		putchar('\n');
		buf_release(&ids);
		cJSON_Delete(rec);
	}
}

static cJSON *counts_json(const struct counts *c)
{
	cJSON *o = cJSON_CreateObject();
	size_t i;

	for (i = 0; o && i < c->n; i++)
		cJSON_AddNumberToObject(o, c->v[i].key, (double)c->v[i].n);
	return o;
}

static int print_json(const struct summary *s, const char *path)
{
	cJSON *o = cJSON_CreateObject(), *last;
	char *text;
	size_t k;

	if (!o)
		return CV_ENOMEM;
	cJSON_AddStringToObject(o, "file", path);
	cJSON_AddNumberToObject(o, "records", (double)s->records);
	cJSON_AddNumberToObject(o, "skipped", (double)s->skipped);
	if (s->first_damaged)
		cJSON_AddStringToObject(o, "first_damaged", s->first_damaged);
	cJSON_AddItemToObject(o, "by_decision", counts_json(&s->by_decision));
	cJSON_AddItemToObject(o, "by_rule", counts_json(&s->by_rule));
	cJSON_AddItemToObject(o, "by_day", counts_json(&s->by_day));
	last = cJSON_AddArrayToObject(o, "last");
	for (k = 0; last && k < s->nlast; k++) {
		size_t at = (s->last_next + (size_t)s->last_max - s->nlast + k) %
			    (size_t)s->last_max;
		cJSON *rec = NULL;
		struct diag d;

		if (json_parse(&rec, s->last[at], strlen(s->last[at]), 0,
			       &d) == 0)
			cJSON_AddItemToArray(last, rec);
	}
	text = cJSON_Print(o);
	cJSON_Delete(o);
	if (!text)
		return CV_ENOMEM;
	printf("%s\n", text);
	cJSON_free(text);
	return 0;
}

/* The hook's log is where the user's config lets the environment put
 * it (declog_path): read that config the same way.  A config that does
 * not load trusts nothing; `ccveto check` reports its error. */
static void trust_env_like_the_hook(void)
{
	struct config_opts copts = { 0 };
	struct ruleset *set = NULL;
	struct diag d;

	diag_clear(&d);
	if (load_ruleset(&set, &copts, &d) == 0)
		ruleset_free(set);
}

int cmd_log(int argc, char **argv)
{
	const char *last = NULL, *file = NULL, *home = NULL;
	int json = 0, nargs, r, found = 0, rc = 1, colour;
	const struct opt_spec opts[] = {
		{ 'n', "last", OPT_VALUE, &last, "N",
		  "show the last N decisions (default 10, 0: none)" },
		{ 0, "json", OPT_FLAG, &json, NULL,
		  "print the summary as JSON" },
		{ 'f', "file", OPT_VALUE, &file, "FILE",
		  "read FILE (default: ~/.local/state/ccveto/"
		  "decisions.jsonl, or where the environment says when "
		  "your config has \"trust_env\")" },
		{ 0, "home", OPT_VALUE, &home, "DIR",
		  "the user's home (default: the passwd entry of your "
		  "uid), as given to the hook" },
		{ 0 }
	};
	const char *usage = "ccveto log [--last N] [--json] [--file FILE]";
	const char *summary = "Summarises the decision log: counts per "
		"verdict, rule and day, and the last N\ndecisions.";
	struct summary s;
	struct buf path = BUF_INIT, rot = BUF_INIT;
	const char *nc = getenv("NO_COLOR");
	char *end;
	int i;

	memset(&s, 0, sizeof(s));
	r = opt_parse(opts, argc, argv, &nargs, usage, summary);
	if (r)
		return r > 0 ? 0 : 2;
	if (nargs) {
		fprintf(stderr, "ccveto: unexpected argument '%s'\n", argv[0]);
		return 2;
	}
	s.last_max = 10;
	if (last) {
		s.last_max = strtol(last, &end, 10);
		if (*end || end == last || s.last_max < 0 ||
		    s.last_max > 100000) {
			fprintf(stderr, "ccveto: --last needs a number from 0 "
				"to 100000, not '%s'\n", last);
			return 2;
		}
	}
	if (s.last_max && !(s.last = calloc((size_t)s.last_max,
					    sizeof(*s.last)))) {
		fprintf(stderr, "ccveto: out of memory\n");
		return 1;
	}
	if (home)
		userhome_set(home);
	if (!file)
		trust_env_like_the_hook();
	if (file ? buf_puts(&path, file) : declog_path(&path)) {
		fprintf(stderr, "ccveto: cannot tell where the log is: your "
			"uid has no passwd entry; use --home or --file\n");
		goto done;
	}
	for (i = 2; i >= 0; i--) {
		buf_release(&rot);
		if ((i ? buf_printf(&rot, "%s.%d", path.data, i)
		       : buf_puts(&rot, path.data)) < 0 ||
		    read_log(&s, rot.data, &found) < 0) {
			fprintf(stderr, "ccveto: cannot read '%s'; check its "
				"permissions\n", rot.data);
			goto done;
		}
	}
	log_dir_problem(&s, path.data);
	if (s.problems.len)	/* each line names a file and what is wrong */
		for (end = s.problems.data; *end; end = strchr(end, '\n') + 1)
			fprintf(stderr, "ccveto: warning: %.*s\n",
				(int)(strchr(end, '\n') - end), end);
	if (!found && file) {
		/* A log the user named is expected to exist: a typo must not
		 * read as "nothing was denied". */
		fprintf(stderr, "ccveto: cannot read '%s': no such file\n",
			file);
		goto done;
	}
	if (!found && !json) {
		printf("ccveto: no decision log at '%s' yet (nothing was "
		       "denied or asked, or logging is off)\n", path.data);
		rc = 0;
		goto done;
	}
	qsort(s.by_decision.v, s.by_decision.n, sizeof(struct count),
	      by_count);
	qsort(s.by_rule.v, s.by_rule.n, sizeof(struct count), by_count);
	qsort(s.by_day.v, s.by_day.n, sizeof(struct count), by_key);
	colour = isatty(STDOUT_FILENO) && !(nc && *nc);
	if (json) {
		if (print_json(&s, path.data) < 0) {
			fprintf(stderr, "ccveto: out of memory\n");
			goto done;
		}
	} else {
		print_text(&s, path.data, colour);
	}
	rc = 0;
done:
	for (i = 0; s.last && i < s.last_max; i++)
		free(s.last[i]);
	free(s.last);
	buf_release(&s.problems);
	free(s.first_damaged);
	counts_release(&s.by_decision);
	counts_release(&s.by_rule);
	counts_release(&s.by_day);
	buf_release(&path);
	buf_release(&rot);
	return rc;
}
