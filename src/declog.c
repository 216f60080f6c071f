/* declog.c - placeholder until the decision log lands. */
#include "declog.h"
void declog_record(const struct toolcall *call, const struct verdict *v)
{
	(void)call; (void)v;
}
