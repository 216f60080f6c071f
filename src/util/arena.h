/* arena.h - bump allocator for per-request data.
 * Everything allocated from an arena is freed at once by arena_release();
 * pointers into it are valid until then.  Allocation failure returns NULL
 * and the caller reports CV_ENOMEM. */
#ifndef CV_ARENA_H
#define CV_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

void arena_init(struct arena *a);
void arena_release(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t count, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Grows an array allocated from the arena (the old copy stays in the
 * arena until release). *cap is updated; returns NULL on overflow/OOM. */
void *arena_grow(struct arena *a, void *ptr, size_t *cap, size_t elem,
		 size_t need);

#endif
