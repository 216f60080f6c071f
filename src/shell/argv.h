/* argv.h - a command's arguments as the program itself reads them.
 * argv_table.c holds, as data, the option grammar of the programs named
 * rules are written for (git and its subcommands, rm, terraform/tofu,
 * kubectl, docker/podman, npm/pnpm/yarn, psql, mysql ...): each option's
 * long name, short letter, whether it takes a value, and whether it only
 * prints help or makes the run a dry run.  argv_canonical() reads a
 * command subject with it into the canonical argv: the subcommand that
 * really runs (git aliases from -c and GIT_CONFIG_* resolved), every
 * option under its canonical long name with its value (clusters split,
 * attached values cut off, unique prefixes resolved where the program
 * accepts them, `--no-X` and `X=false` as negations, `--` honoured), the
 * operands, and the inputs from the environment that add options
 * (TF_CLI_ARGS, TF_CLI_ARGS_<cmd>, GIT_DIR, GIT_WORK_TREE, git config
 * that forces a command).  An ambiguous prefix is an error in the
 * program, so it resolves to nothing; an option the table does not know
 * is kept as written, never dropped.
 * The result lives in the request's arena and is cached in the subject. */
#ifndef CV_ARGV_H
#define CV_ARGV_H

#include <stdbool.h>
#include <stddef.h>

#include "shell/subject.h"

struct arena;

/* argv_canon.flags */
#define ARGV_HELP	1u	/* only prints help or a version, runs nothing */
#define ARGV_DRYRUN	2u	/* a dry run the program defines: changes
				 * nothing */
#define ARGV_INERT	(ARGV_HELP | ARGV_DRYRUN)
#define ARGV_ALIAS	4u	/* the subcommand came from a git alias */
#define ARGV_FAILS	8u	/* the program refuses the line (an ambiguous
				 * prefix, a missing value): runs nothing */

struct argv_use {
	const char *name;	/* canonical: the long name ("force"), or
				 * "-D" for a short-only option; an option
				 * the table does not know: as written,
				 * without its dashes */
	const char *value;	/* its value, or NULL */
	bool neg;		/* --no-NAME, --NAME=false */
	bool global;		/* the program's own, before the subcommand */
	bool known;		/* the table knows it */
	bool dry;		/* the table marks it a dry run */
};

struct argv_canon {
	const char *program;
	const char *sub;	/* the subcommand that runs, or NULL */
	const char *sub2;	/* its own subcommand (stash drop), or NULL */
	bool grammar;		/* the table knows the options of what runs:
				 * rules' flags are read as canonical names */
	struct argv_use *opts;
	size_t nopts;
	const char **operands;
	size_t noperands;
	unsigned flags;		/* ARGV_* */
	/* "git --git-dir=/x push --force -- origin main": program, global
	 * options, subcommand(s), options ("--name", "--name=value",
	 * "--no-name", "-D"), then " -- " and the operands when any. */
	const char *line;
	const void *spec;	/* the grammar, for argv_short_name() */
	struct arena *arena;	/* the request's */
};

/* Whether the table has a grammar for `program` (cheap, no allocation). */
bool argv_known_program(const char *program);

/* s->canon, computed once: NULL (and 0) when the table has no grammar
 * for the program or the name is computed. */
int argv_canonical(const struct argv_canon **out, struct arena *a,
		   struct subject *s);

/* The canonical name of short option `letter` in the grammar `c` was
 * read with ("force" for 'f' in git push), or NULL when it has none. */
const char *argv_short_name(const struct argv_canon *c, char letter);

/* The last use of canonical option `name` outside the global ones (all
 * of them for a program without subcommands), or NULL.  A set option is
 * one whose last use is not negated. */
const struct argv_use *argv_last(const struct argv_canon *c,
				 const char *name);

#endif
