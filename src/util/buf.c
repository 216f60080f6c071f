/* buf.c - growable byte buffer, see buf.h. */
#include "util/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

static int buf_reserve(struct buf *b, size_t extra)
{
	size_t need, ncap;
	char *nd;

	if (extra > SIZE_MAX - b->len - 1)
		return CV_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return CV_ENOMEM;
		ncap *= 2;
	}
	nd = realloc(b->data, ncap);
	if (!nd)
		return CV_ENOMEM;
	b->data = nd;
	b->cap = ncap;
	return 0;
}

int buf_put(struct buf *b, const void *data, size_t n)
{
	int error;

	if ((error = buf_reserve(b, n)) < 0)
		return error;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_put(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_put(b, &c, 1);
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, error;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return CV_EINVAL;
	if ((error = buf_reserve(b, (size_t)n)) < 0)
		return error;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int buf_put_json_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	int error;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if ((error = buf_put(b, s + start, i - start)) < 0)
			return error;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		if ((error = buf_put(b, esc, elen)) < 0)
			return error;
		start = i + 1;
	}
	return buf_put(b, s + start, n - start);
}

int buf_read_fd(struct buf *b, int fd, size_t max)
{
	int error;

	for (;;) {
		ssize_t r;
		size_t room;

		/* Start at 16 KiB (most payloads are a few hundred bytes:
		 * no mmap, few fresh pages) and double when nearly full. */
		if ((b->cap == 0 || b->cap - b->len - 1 < 4096) &&
		    (error = buf_reserve(b, b->cap ? b->cap : 16383)) < 0)
			return error;
		room = b->cap - b->len - 1;
		r = read(fd, b->data + b->len, room);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return CV_EIO;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
		b->data[b->len] = '\0';
		if (b->len > max)
			return CV_ETOOBIG;
	}
	if (b->data)
		b->data[b->len] = '\0';
	else if ((error = buf_put(b, "", 0)) < 0)
		return error;
	return 0;
}
