/* fuzz_post.c - libFuzzer harness for what PostToolUse runs over a tool's
 * output: redact_output(), redact_has_key(), redact_key_at(),
 * inject_scan() and inject_strip(), on any bytes.
 *
 * Invariants: nothing reads past the input (the replay gives each input a
 * buffer of exactly its size); redact_output() writes nothing when it
 * finds nothing, and its answer holds at least one marker per secret it
 * counts; inject_strip() removes exactly the bytes inject_scan() counted
 * as invisible, and a second scan of its output finds none. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "hook/inject.h"
#include "util/buf.h"
#include "util/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t count_marks(const char *s, size_t n)
{
	static const char mark[] = "[ccveto: redacted ";
	size_t k = 0;
	const char *p = s, *e = s + n;

	while (p < e && (p = memmem(p, (size_t)(e - p), mark,
				    sizeof(mark) - 1))) {
		k++;
		p += sizeof(mark) - 1;
	}
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *t = (const char *)data;
	struct redact_tally tally = { 0, 0 };
	struct inject_report r, r2;
	struct buf out = BUF_INIT, clean = BUF_INIT;
	size_t removed = 0;
	const char *kind;
	int n;

	n = redact_output(&out, t, size, 0, &tally);
	FUZZ_CHECK(n >= 0, "redact_output failed (out of memory?)");
	FUZZ_CHECK(n > 0 || out.len == 0, "wrote output with no secret");
	FUZZ_CHECK((unsigned)n == tally.n, "tally disagrees with the count");
	FUZZ_CHECK(n == 0 || count_marks(out.data, out.len) >= (size_t)n,
		   "fewer markers than secrets");
	fuzz_sink += redact_has_key(t, size);
	if ((kind = redact_key_at(t, size)))
		fuzz_touch(kind);
	buf_release(&out);

	inject_scan(&r, t, size);
	FUZZ_CHECK(r.n <= INJECT_MAX_HITS, "hit count past the array");
	if (r.command) {
		FUZZ_CHECK(r.command >= t && r.command + r.command_len <=
			   t + size, "command outside the text");
		fuzz_sink += (unsigned char)r.command[0];
	}
	FUZZ_CHECK(inject_strip(&clean, &removed, t, size) == 0,
		   "inject_strip failed");
	FUZZ_CHECK(removed == r.invisible_bytes,
		   "strip and scan disagree on invisible bytes");
	FUZZ_CHECK(clean.len + removed == size, "strip lost or added bytes");
	inject_scan(&r2, clean.data ? clean.data : "", clean.len);
	FUZZ_CHECK(r2.invisible_bytes == 0, "invisible bytes survive strip");
	buf_release(&clean);
	return 0;
}
