/* test_tools.c - the tool table: install's matcher is exactly the tools
 * that can act, names are unique, every row says what is judged. */
#include <stdio.h>
#include <string.h>

#include "judge/tools.h"
#include "tap.h"

int main(void)
{
	char joined[1024] = "";
	const struct tool_info *t, *u;
	size_t n = 0;
	int dup = 0, bare = 0;

	for (t = tool_table; t->name; t++) {
		if (tool_acts(t)) {
			if (joined[0])
				strcat(joined, "|");
			strcat(joined, t->name);
		}
		for (u = t + 1; u->name; u++)
			dup += !strcmp(t->name, u->name);
		bare += !t->judged || !*t->judged;
		n++;
	}
	ok(!strcmp(joined, TOOL_MATCHER), "TOOL_MATCHER is the acting tools "
	   "in table order (%s)", joined);
	ok(!dup, "tool names are unique");
	ok(!bare, "every tool says what is judged of it");
	ok(n > 40, "the table has the client's tools (%zu)", n);
	ok(tool_acts(tool_lookup("PowerShell")) &&
	   tool_acts(tool_lookup("CronCreate")) &&
	   !tool_acts(tool_lookup("TodoWrite")), "acting and session tools");
	ok(!tool_lookup("mcp__x__y") && !tool_lookup(NULL),
	   "MCP tools and NULL are not rows");
	return tap_done();
}
