/* test_regress.c - replays the fuzzers' inputs through the same harness
 * code, built without libFuzzer, as part of `make test` (and so also under
 * `make asan test` and valgrind).
 * fuzz/regress/<harness>/ holds every input a fuzzer ever crashed on (one
 * regression test each, named after the bug); fuzz/corpus/<harness>/ the
 * hand-written seeds.  A harness aborts on a broken invariant, so a
 * regression shows up here as a failing test, not only while fuzzing. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

/* Each harness is included under its own name for the entry point. */
#define LLVMFuzzerTestOneInput regress_json
#include "../../fuzz/fuzz_json.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_shell
#include "../../fuzz/fuzz_shell.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_pwsh
#include "../../fuzz/fuzz_pwsh.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_hook
#include "../../fuzz/fuzz_hook.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_rulepack
#include "../../fuzz/fuzz_rulepack.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_jsonloc
#include "../../fuzz/fuzz_jsonloc.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_audit
#include "../../fuzz/fuzz_audit.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_post
#include "../../fuzz/fuzz_post.c"
#undef LLVMFuzzerTestOneInput

struct harness {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
};

static const struct harness harnesses[] = {
	{ "json", regress_json },
	{ "shell", regress_shell },
	{ "pwsh", regress_pwsh },
	{ "hook", regress_hook },
	{ "rulepack", regress_rulepack },
	{ "jsonloc", regress_jsonloc },
	{ "audit", regress_audit },
	{ "post", regress_post },
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a file into a buffer of exactly its size, so a harness reading
 * past the input trips the sanitizer or valgrind. */
static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL, *p;
	size_t cap = 0, n = 0, got;
	char tmp[65536];

	if (!f)
		return NULL;
	while ((got = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		if (n + got > cap) {
			cap = (n + got) * 2;
			if (!(p = realloc(data, cap)))
				goto fail;
			data = p;
		}
		memcpy(data + n, tmp, got);
		n += got;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	/* Exact size; malloc(0) may return NULL, so keep one byte then. */
	p = malloc(n ? n : 1);
	if (!p) {
		free(data);
		return NULL;
	}
	if (n)
		memcpy(p, data, n);
	free(data);
	*len = n;
	return p;
fail:
	fclose(f);
	free(data);
	return NULL;
}

static void replay_dir(const struct harness *h, const char *top,
		       const char *kind)
{
	char dir[4096], path[4096 + 512];
	struct dirent *e;
	char **names = NULL, **p;
	size_t n = 0, cap = 0, i, len = 0;
	unsigned char *data;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/fuzz/%s/%s", top, kind, h->name);
	if (!(d = opendir(dir)))
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(p = realloc(names, cap * sizeof(*names))))
				break;
			names = p;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		data = read_all(path, &len);
		if (data) {
			/* A broken invariant aborts the whole program: the
			 * runner then reports this test binary as failed. */
			h->one(data, len);
		}
		ok(data != NULL, "%s/%s/%s", kind, h->name, names[i]);
		free(data);
		free(names[i]);
	}
	free(names);
}

int main(void)
{
	const char *top = getenv("TOP");
	size_t i;

	if (!top)
		top = ".";
	for (i = 0; i < sizeof(harnesses) / sizeof(harnesses[0]); i++) {
		replay_dir(&harnesses[i], top, "regress");
		replay_dir(&harnesses[i], top, "corpus");
	}
	return tap_done();
}
