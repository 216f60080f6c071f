/* argv_int.h - the grammar table's shape, shared by argv.c and its data
 * file argv_table.c only. */
#ifndef CV_ARGV_INT_H
#define CV_ARGV_INT_H

enum argv_style {
	ARGV_STYLE_GITMAIN,	/* git's own: exact names, separate -C/-c */
	ARGV_STYLE_GIT,		/* parse-options: unique prefixes, --no-X,
				 * options anywhere before `--` */
	ARGV_STYLE_EXACT,	/* exact long names, values separate or =,
				 * no negation */
	ARGV_STYLE_GNU,		/* getopt_long: unique prefixes (or one
				 * option under several prefixes), options
				 * anywhere unless POSIXLY_CORRECT */
	ARGV_STYLE_NOPT,	/* npm's nopt: unique prefixes, --no-X,
				 * --X=false */
	ARGV_STYLE_PFLAG,	/* cobra/pflag: exact, --X=false, clusters */
	ARGV_STYLE_GOFLAG,	/* Go's flag: -X or --X, exact, no clusters,
				 * options end at the first operand */
};

/* argv_grammar.flags */
#define ARGV_G_SUB	1u	/* the first operand is a subcommand */
#define ARGV_G_SUBSUB	2u	/* the subcommand takes one of its own
				 * ("stash drop"), when a row names it */
#define ARGV_G_INHERIT	4u	/* the program's own options are also valid
				 * after the subcommand */

struct argv_grammar {
	const char *prog;
	const char *sub;	/* NULL: the program's own options */
	unsigned char style;	/* enum argv_style */
	unsigned char flags;	/* ARGV_G_* */
	const char *opts;	/* see argv_table.c */
};

extern const struct argv_grammar argv_grammars[];
extern const char *const argv_aliases[][2];
extern const char argv_git_commands[];

#endif
