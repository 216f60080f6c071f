/* fuzz_jsonloc.c - libFuzzer harness for the auditor's position-aware
 * JSON/JSONC reader (jsonloc.c).
 * Any bytes go to jl_parse().  An accepted tree must be consistent:
 * children counts and parent links agree with the lists, positions lie
 * inside the text, shadowed members are exactly the recorded duplicates,
 * and every effective node is found again by jl_get() and by resolving its
 * own RFC 6901 pointer.  A rejection carries a kind and a position. */
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "fuzz_util.h"
#include "json/jsonloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Can n be addressed by a pointer?  Not when it or an ancestor is a
 * shadowed member (the pointer names the effective one), or a key holds
 * a NUL (pointers are C strings), or a key is longer than the 511 bytes
 * jl_resolve() reads per segment (found by this fuzzer; such a key does
 * not resolve, which errs on the safe side: nothing is suppressed). */
static int jl_addressable(const struct jl_node *n)
{
	for (; n; n = n->parent) {
		if (n->shadowed)
			return 0;
		if (n->key && (strlen(n->key) != n->keylen ||
			       n->keylen >= 511))
			return 0;
	}
	return 1;
}

static void jl_walk(struct arena *a, const struct jl_doc *doc,
		    const struct jl_node *n, size_t len, unsigned depth,
		    size_t *nshadowed, size_t *nnodes)
{
	const struct jl_node *c, *last = NULL;
	size_t count = 0;

	FUZZ_CHECK(depth <= JL_MAX_DEPTH + 1, "depth bound");
	FUZZ_CHECK(n->pos.off <= len, "value position inside the text");
	FUZZ_CHECK(n->pos.line >= 1 && n->pos.col >= 1, "1-based position");
	(*nnodes)++;
	if (n->shadowed)
		(*nshadowed)++;
	if (n->type == JL_STRING || n->type == JL_NUMBER) {
		FUZZ_CHECK(n->s != NULL, "string and number nodes have text");
		FUZZ_CHECK(n->s[n->len] == '\0', "text is NUL-terminated");
		if (n->type == JL_STRING)
			FUZZ_CHECK(n->len <= JL_MAX_STRING, "string bound");
	}
	if (n->key) {
		FUZZ_CHECK(n->key[n->keylen] == '\0', "key is NUL-terminated");
		FUZZ_CHECK(n->keypos.off <= len, "key position inside the text");
		FUZZ_CHECK(n->parent && n->parent->type == JL_OBJECT,
			   "keys only on object members");
	}
	fuzz_touch(jl_str(n));
	fuzz_touch(jl_type_name(n->type));
	for (c = n->child; c; c = c->next) {
		FUZZ_CHECK(c->parent == n, "parent link");
		FUZZ_CHECK(c->index == count, "sibling index");
		if (n->type == JL_OBJECT) {
			FUZZ_CHECK(c->key != NULL, "object members have keys");
			if (!c->shadowed && strlen(c->key) == c->keylen)
				FUZZ_CHECK(jl_get(n, c->key) == c,
					   "jl_get finds the effective member");
		}
		count++;
		last = c;
		jl_walk(a, doc, c, len, depth + 1, nshadowed, nnodes);
	}
	FUZZ_CHECK(count == n->n, "children count");
	FUZZ_CHECK(last == n->last, "last child link");
	if (jl_addressable(n)) {
		const char *ptr = jl_pointer(a, n);

		FUZZ_CHECK(ptr != NULL, "a pointer for every node");
		FUZZ_CHECK(jl_resolve(doc->root, ptr) == n,
			   "a node's pointer resolves to it");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jl_doc doc;
	struct arena a;
	struct diag d;
	size_t nshadowed = 0, nnodes = 0, i;
	int error;

	arena_init(&a);
	memset(&doc, 0, sizeof(doc));
	diag_clear(&d);
	error = jl_parse(&doc, &a, (const char *)data, size, &d);
	if (error < 0) {
		FUZZ_CHECK(d.msg[0] != '\0', "a rejection has a message");
		FUZZ_CHECK(doc.error_kind != JL_E_NONE, "a rejection has a kind");
		FUZZ_CHECK(doc.error_pos.off <= size, "error position in text");
		goto done;
	}
	FUZZ_CHECK(doc.root != NULL, "a tree on success");
	jl_walk(&a, &doc, doc.root, size, 0, &nshadowed, &nnodes);
	FUZZ_CHECK(nshadowed == doc.ndups, "shadowed members are the dups");
	FUZZ_CHECK(nnodes == doc.nnodes, "node count");
	FUZZ_CHECK(nnodes <= JL_MAX_NODES, "node count bound");
	for (i = 0; i < doc.ndups; i++)
		FUZZ_CHECK(doc.dups[i]->shadowed, "dups are shadowed");
	(void)jl_path(doc.root, "permissions", "allow", (const char *)NULL);
	(void)jl_resolve(doc.root, "/hooks/PreToolUse/0/hooks/0/command");
	(void)jl_resolve(doc.root, "/a~1b/~0/-/00/");
done:
	arena_release(&a);
	return 0;
}
