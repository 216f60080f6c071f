/* arena.c - bump allocator, see arena.h. */
#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384
#define ARENA_ALIGN 16

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	while (b) {
		next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

#ifdef CV_FUZZING
/* Fuzz builds: every object is its own heap block of exactly the size
 * asked for, so AddressSanitizer's redzone sits right behind it and a
 * one-byte overrun of an arena string is caught (in a shared 16 KB block
 * it would land in the neighbour's bytes).  Freed at arena_release(). */
void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b;

	if (size > SIZE_MAX - sizeof(*b))
		return NULL;
	b = malloc(sizeof(*b) + (size ? size : 1));
	if (!b)
		return NULL;
	b->used = b->size = size;
	b->next = a->head;
	a->head = b;
	return b->data;
}
#else
void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t want, bsize;

	if (size > SIZE_MAX - ARENA_ALIGN - sizeof(*b))
		return NULL;
	want = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (want == 0)
		want = ARENA_ALIGN;
	if (!b || b->size - b->used < want) {
		bsize = want > ARENA_BLOCK ? want : ARENA_BLOCK;
		b = malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = bsize;
		/* A big one-off block goes behind the current one so the
		 * current block's free space is not wasted. */
		if (a->head && want > ARENA_BLOCK) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	b->used += want;
	return b->data + b->used - want;
}
#endif

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size)
		return NULL;
	p = arena_alloc(a, count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		return NULL;
	p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_grow(struct arena *a, void *ptr, size_t *cap, size_t elem,
		 size_t need)
{
	size_t ncap = *cap ? *cap : 8;
	void *np;

	if (need <= *cap)
		return ptr;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return NULL;
		ncap *= 2;
	}
	if (elem && ncap > SIZE_MAX / elem)
		return NULL;
	np = arena_alloc(a, ncap * elem);
	if (!np)
		return NULL;
	if (ptr && *cap)
		memcpy(np, ptr, *cap * elem);
	*cap = ncap;
	return np;
}
