/* throughput.c - in-process decisions per second, on one core.
 *
 *   throughput [-t SECONDS] [-r RULES_DIR] CASES
 *
 * Links the hook's own objects (everything but main.o) and judges each
 * payload of CASES (see bench/payloads.sh) in a loop, without exec, the
 * dynamic loader or output.  Two figures per case:
 *   warm - one rule set for the whole loop, as a long-lived judge would
 *          keep it: rules parsed and regexes compiled once;
 *   cold - a fresh rule set per decision, i.e. the in-process work one
 *          hook process does (lazy parsing and compiling included).
 * Their difference is the lazy compile cost; cold versus the hook's wall
 * time is what exec and the loader cost.  CPU time of this thread is the
 * clock, so other load on the machine matters less. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "judge/judge.h"
#include "rules/ruleset.h"
#include "util/safefile.h"
#include "judge/toolcall.h"

static double cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct ruleset *load_rules(const char *dir)
{
	struct ruleset *set = NULL;
	struct diag d;

	diag_clear(&d);
	if (ruleset_new(&set, &d) < 0 ||
	    ruleset_load_embedded(set, &d) < 0 ||
	    (dir && ruleset_load_dir(set, dir, &d) < 0)) {
		fprintf(stderr, "throughput: cannot load rules: %s\n", d.msg);
		exit(1);
	}
	return set;
}

/* One decision, as cmd_hook.c makes it; returns the decision. */
static int decide(struct ruleset *set, const struct buf *in)
{
	struct toolcall_opts topts = { 0 };
	struct toolcall call;
	struct verdict v;
	struct arena a;
	struct diag d;
	int dec;

	arena_init(&a);
	diag_clear(&d);
	memset(&call, 0, sizeof(call));
	topts.home = "/home/alice";
	/* The hook parses its stdin buffer in place: parse a fresh copy. */
	if (toolcall_parse(&call, &a, arena_strndup(&a, in->data, in->len),
			   in->len, &topts, &d) < 0) {
		fprintf(stderr, "throughput: bad payload: %s\n", d.msg);
		exit(1);
	}
	judge_call(&v, &a, set, &call, &d);
	if (v.error < 0) {
		fprintf(stderr, "throughput: fail-closed verdict: %s\n",
			v.reason ? v.reason : "?");
		exit(1);
	}
	dec = (int)v.decision;
	arena_release(&a);
	return dec;
}

/* Decisions per CPU second over at least `secs` and 3 decisions. */
static double rate(const char *dir, struct ruleset *warm,
		   const struct buf *in, double secs, int expect)
{
	double t0 = cpu_seconds(), t;
	long n = 0;

	do {
		struct ruleset *set = warm ? warm : load_rules(dir);
		int dec = decide(set, in);

		/* Exit status 2 is a deny, 0 no opinion (or ask). */
		if ((expect == 2) != (dec == DECISION_DENY)) {
			fprintf(stderr, "throughput: decision %d, expected "
				"exit %d\n", dec, expect);
			exit(1);
		}
		if (!warm)
			ruleset_free(set);
		n++;
		t = cpu_seconds() - t0;
	} while (t < secs || n < 3);
	return (double)n / t;
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	double secs = 0.5;
	char line[8192];
	FILE *f;
	int opt;

	while ((opt = getopt(argc, argv, "t:r:")) != -1) {
		switch (opt) {
		case 't': secs = atof(optarg); break;
		case 'r': dir = optarg; break;
		default: goto usage;
		}
	}
	if (argc - optind != 1)
		goto usage;
	if (!(f = fopen(argv[optind], "r"))) {
		perror(argv[optind]);
		return 1;
	}
	printf("# case\twarm_per_s\tcold_per_s\n");
	while (fgets(line, sizeof(line), f)) {
		char *name, *exp, *path, *save;
		struct buf in = BUF_INIT;
		struct ruleset *set;
		double w, c;

		if (line[0] == '#')
			continue;
		line[strcspn(line, "\n")] = '\0';
		name = strtok_r(line, "\t", &save);
		exp = strtok_r(NULL, "\t", &save);
		path = strtok_r(NULL, "\t", &save);
		if (!name || !exp || !path ||
		    safefile_read(&in, path, CV_MAX_PAYLOAD_BYTES, 0,
				  NULL) < 0) {
			fprintf(stderr, "throughput: bad case '%s'\n", line);
			return 1;
		}
		set = load_rules(dir);
		w = rate(dir, set, &in, secs, atoi(exp));
		ruleset_free(set);
		c = rate(dir, NULL, &in, secs, atoi(exp));
		printf("%s\t%.0f\t%.0f\n", name, w, c);
		fflush(stdout);
		buf_release(&in);
	}
	fclose(f);
	return 0;
usage:
	fprintf(stderr, "usage: throughput [-t SECONDS] [-r RULES_DIR] "
		"CASES\n");
	return 2;
}
