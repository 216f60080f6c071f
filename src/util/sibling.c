/* sibling.c - see sibling.h. */
#include "util/sibling.h"

#include <string.h>
#include <unistd.h>

int sibling_path(char *out, size_t size, const char *name)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= size - 1)
		return -1;
	out[n] = '\0';
	if (!(slash = strrchr(out, '/')) ||
	    (size_t)(slash - out) + 1 + strlen(name) + 1 > size)
		return -1;
	strcpy(slash + 1, name);
	return 0;
}
