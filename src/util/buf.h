/* buf.h - growable byte buffer (heap).  A buf is always NUL-terminated
 * after any successful append, but its length, not strlen, is the truth:
 * data may contain NUL bytes.  buf_release() frees the contents. */
#ifndef CV_BUF_H
#define CV_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_init(struct buf *b);
void buf_release(struct buf *b);
int buf_put(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int buf_printf(struct buf *b, const char *fmt, ...);
/* Appends s as the contents of a JSON string (no quotes). */
int buf_put_json_string(struct buf *b, const char *s, size_t n);
/* Reads fd to EOF; more than max bytes is CV_ETOOBIG (stops reading).
 * Files are read through safefile_read() (safefile.h). */
int buf_read_fd(struct buf *b, int fd, size_t max);

#endif
