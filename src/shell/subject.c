/* subject.c - lists of strings and subjects, see subject.h. */
#include "shell/subject.h"

#include <string.h>

#include "util/arena.h"
#include "util/bounds.h"

int strlist_push(struct strlist *l, struct arena *a, const char *s)
{
	const char **v = arena_grow(a, l->v, &l->cap, sizeof(*v), l->n + 1);

	if (!v)
		return -1;
	l->v = v;
	l->v[l->n++] = s;
	return 0;
}

bool strlist_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

struct subject *subject_new(struct subject_list *list, struct arena *a,
			    enum subject_kind kind)
{
	struct subject *s, **v;

	if (list->n >= CV_MAX_COMMANDS)
		return NULL;
	v = arena_grow(a, list->v, &list->cap, sizeof(*v), list->n + 1);
	if (!v)
		return NULL;
	list->v = v;
	s = arena_calloc(a, 1, sizeof(*s));
	if (!s)
		return NULL;
	s->kind = kind;
	list->v[list->n++] = s;
	return s;
}
