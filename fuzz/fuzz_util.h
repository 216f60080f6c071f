/* fuzz_util.h - helpers shared by the libFuzzer harnesses in fuzz/ and by
 * their replay in tests/unit/test_regress.c.
 * The harnesses read every string the code under test hands back, so that
 * AddressSanitizer (or valgrind, in the replay) sees a dangling or
 * unterminated pointer as soon as it is produced, and they abort on a
 * broken invariant (a fail-open verdict), which libFuzzer reports as a
 * crash like any other. */
#ifndef CV_FUZZ_UTIL_H
#define CV_FUZZ_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/subject.h"

#define FUZZ_CHECK(cond, what) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", \
			__FILE__, __LINE__, what); \
		abort(); \
	} \
} while (0)

static volatile unsigned fuzz_sink;

static inline void fuzz_touch(const char *s)
{
	size_t i, n;

	if (!s)
		return;
	n = strlen(s);
	for (i = 0; i < n; i++)
		fuzz_sink += (unsigned char)s[i];
}

static inline void fuzz_touch_list(const struct strlist *l)
{
	size_t i;

	FUZZ_CHECK(l->n <= l->cap || (l->n == 0 && l->cap == 0),
		   "strlist count within capacity");
	for (i = 0; i < l->n; i++) {
		FUZZ_CHECK(l->v[i] != NULL, "strlist entry is not NULL");
		fuzz_touch(l->v[i]);
	}
}

static inline void fuzz_touch_subject(const struct subject *s)
{
	size_t i;

	FUZZ_CHECK(s != NULL, "subject is not NULL");
	fuzz_touch(s->tool);
	fuzz_touch(s->program);
	fuzz_touch_list(&s->args);
	fuzz_touch_list(&s->raw_args);
	fuzz_touch(s->subcommand);
	for (i = 0; i < s->nredirects; i++)
		fuzz_touch(s->redirects[i].target);
	fuzz_touch_list(&s->input_from);
	fuzz_touch_list(&s->via);
	fuzz_touch_list(&s->code);
	fuzz_touch(s->line);
	fuzz_touch(s->text);
	fuzz_touch_list(&s->paths);
	fuzz_touch(s->content);
	fuzz_touch(s->url);
	fuzz_touch(s->host);
	fuzz_touch(s->mcp_server);
	fuzz_touch(s->mcp_tool);
	fuzz_touch_list(&s->strings);
	fuzz_touch_list(&s->true_inputs);
	fuzz_touch(s->cwd);
}

static inline void fuzz_touch_subjects(const struct subject_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		fuzz_touch_subject(l->v[i]);
	fuzz_touch(l->parse_problem);
}

/* A NUL-terminated heap copy of the input, for APIs that take C strings;
 * exact size, so ASan catches a read past the terminator. */
static inline char *fuzz_cstr(const unsigned char *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
