/* cmd_log.c - `ccveto log`: summarises the decision log (declog.c):
 * counts per verdict, per rule and per day, and the last N records.
 * Reads the rotated files too (.2, .1, then the current one, oldest
 * first).  Lines that are not valid records are counted and skipped:
 * the log is written by concurrent hooks and a full disk can leave a
 * short line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "declog.h"
#include "json.h"
#include "opt.h"
#include "safefile.h"

/* 3 files of at most log.max_bytes; a bigger file is read in part. */
#define LOG_READ_MAX (512u * 1024 * 1024)

struct count {
	char *key;
	long n;
};

struct counts {
	struct count *v;
	size_t n, cap;
};

struct summary {
	long records, skipped;
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

static int add_record(struct summary *s, const char *line, size_t len)
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
		s->skipped++;
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

static int read_log(struct summary *s, const char *path, int *found)
{
	struct buf b = BUF_INIT;
	size_t i, start = 0;
	int error;

	error = safefile_read(&b, path, LOG_READ_MAX, 0, NULL);
	if (error == CV_ENOTFOUND) {
		buf_release(&b);
		return 0;
	}
	if (error < 0 && error != CV_ETOOBIG) {
		buf_release(&b);
		return error;
	}
	*found = 1;
	for (i = 0; i < b.len && !error; i++) {
		if (b.data[i] != '\n')
			continue;
		if (i > start)
			error = add_record(s, b.data + start, i - start);
		start = i + 1;
	}
	if (!error && start < b.len)	/* a last line without "\n" */
		s->skipped++;
	buf_release(&b);
	return error == CV_ETOOBIG ? 0 : error;
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
		printf(", %ld unreadable line%s skipped", s->skipped,
		       s->skipped == 1 ? "" : "s");
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

int cmd_log(int argc, char **argv)
{
	const char *last = NULL, *file = NULL;
	int json = 0, nargs, r, found = 0, rc = 1, colour;
	const struct opt_spec opts[] = {
		{ 'n', "last", OPT_VALUE, &last, "N",
		  "show the last N decisions (default 10, 0: none)" },
		{ 0, "json", OPT_FLAG, &json, NULL,
		  "print the summary as JSON" },
		{ 'f', "file", OPT_VALUE, &file, "FILE",
		  "read FILE (default: $CCVETO_LOG_FILE, else "
		  "$XDG_STATE_HOME/ccveto/decisions.jsonl)" },
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
	if (file ? buf_puts(&path, file) : declog_path(&path)) {
		fprintf(stderr, "ccveto: cannot tell where the log is: set "
			"$HOME, $XDG_STATE_HOME or use --file\n");
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
	counts_release(&s.by_decision);
	counts_release(&s.by_rule);
	counts_release(&s.by_day);
	buf_release(&path);
	buf_release(&rot);
	return rc;
}
