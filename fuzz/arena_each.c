/* arena_each.c - the arena API of arena.h with one malloc() per
 * allocation, linked into the fuzzers instead of src/arena.c.
 *
 * Why: the real arena carves objects out of 16 KB blocks and rounds sizes
 * up to 16 bytes, so a one-byte overrun of an arena string lands in the
 * neighbour's bytes and AddressSanitizer cannot see it.  Here every object
 * is its own heap block of exactly the requested size, so ASan puts a
 * redzone right behind it.  Semantics are those of arena.c: nothing is
 * freed before arena_release(), arena_grow() leaves the old copy behind,
 * zero-size requests return a unique pointer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct arena_block {
	struct arena_block *next;
	_Alignas(16) unsigned char data[];
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

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b;

	if (size > SIZE_MAX - sizeof(*b))
		return NULL;
	b = malloc(sizeof(*b) + (size ? size : 1));
	if (!b)
		return NULL;
	b->next = a->head;
	a->head = b;
	return b->data;
}

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
