/* timing.c - per-invocation wall time of a command, as a ratio to a
 * reference command (default /bin/true) measured in the same run.
 *
 *   timing [-r ROUNDS] [-n N] [-w WARM] [-p CPU] [-x REF] CASES -- CMD [ARG...]
 *
 * CASES is a file of lines "name<TAB>expected-exit<TAB>payload-path" (an
 * expected exit of "*" accepts any status).  For
 * every round and every case, the reference and CMD are run N times each,
 * alternately, both with the payload file on stdin (opened afresh for
 * every run) and stdout/stderr on /dev/null, so both pay the same
 * fork/exec/open cost.  A round's ratio is median(CMD) / median(REF); the
 * output gives, per case, the median and range of those ratios over the
 * rounds, and the median and maximum wall time of CMD itself.
 *
 * hyperfine cannot feed stdin, hence this driver; posix_spawn (vfork in
 * glibc) keeps the driver's own share of each measurement small.  A run of
 * CMD that exits with another status than expected fails the benchmark: a
 * fail-closed deny is fast and would make a broken build look good. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_CASES 64

struct bcase {
	char name[64];
	int expect;
	char path[4096];
	double *ratios;			/* one per round */
	double *times;			/* every CMD run, microseconds */
	double *faults;			/* minor faults of every CMD run */
	double *ref_times;
	size_t ntimes, nref;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	if (n == 0)
		return 0;
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Runs argv with `path` on stdin; returns the wall time in microseconds,
 * the exit status (or 128 + signal) in *status and the minor page faults
 * in *faults: on a VM a fault can cost tens of microseconds, so memory
 * first touched is a cost of its own. */
static double run_once(char **argv, const char *path, int *status,
		       long *faults)
{
	struct rusage ru;
	posix_spawn_file_actions_t fa;
	double t0, t1;
	pid_t pid;
	int ws, err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, path, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = now_us();
	err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	if (err) {
		fprintf(stderr, "timing: cannot run '%s': %s\n", argv[0],
			strerror(err));
		exit(1);
	}
	while (wait4(pid, &ws, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("timing: wait4");
			exit(1);
		}
	t1 = now_us();
	posix_spawn_file_actions_destroy(&fa);
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	*faults = ru.ru_minflt;
	return t1 - t0;
}

static size_t read_cases(struct bcase *cs, const char *file)
{
	FILE *f = fopen(file, "r");
	char line[8192];
	size_t n = 0;

	if (!f) {
		fprintf(stderr, "timing: cannot open '%s'\n", file);
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		char *name, *exp, *path, *save;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		name = strtok_r(line, "\t", &save);
		exp = strtok_r(NULL, "\t", &save);
		path = strtok_r(NULL, "\t", &save);
		if (!name || !exp || !path || n == MAX_CASES ||
		    strlen(name) >= sizeof(cs[n].name) ||
		    strlen(path) >= sizeof(cs[n].path)) {
			fprintf(stderr, "timing: bad case line in '%s'\n",
				file);
			exit(1);
		}
		memset(&cs[n], 0, sizeof(cs[n]));
		strcpy(cs[n].name, name);
		strcpy(cs[n].path, path);
		cs[n].expect = strcmp(exp, "*") ? atoi(exp) : -1;
		n++;
	}
	fclose(f);
	return n;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		perror("timing");
		exit(1);
	}
	return p;
}

static void usage(void)
{
	fprintf(stderr, "usage: timing [-r ROUNDS] [-n N] [-w WARM] [-p CPU] "
		"[-x REF] CASES -- CMD [ARG...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct bcase cs[MAX_CASES];
	char *ref_argv[] = { "/bin/true", NULL };
	long rounds = 15, per = 20, warm = 3, cpu = -1;
	double *rt, *ht;
	size_t ncases, c;
	long r, i;
	int opt, st;
	long flt;

	while ((opt = getopt(argc, argv, "+r:n:w:p:x:")) != -1) {
		switch (opt) {
		case 'r': rounds = atol(optarg); break;
		case 'n': per = atol(optarg); break;
		case 'w': warm = atol(optarg); break;
		case 'p': cpu = atol(optarg); break;
		case 'x': ref_argv[0] = optarg; break;
		default: usage();
		}
	}
	if (argc - optind < 3 || strcmp(argv[optind + 1], "--") ||
	    rounds < 1 || per < 1 || warm < 0)
		usage();
	ncases = read_cases(cs, argv[optind]);
	argv += optind + 2;
	if (cpu >= 0) {
		cpu_set_t set;

		/* Children inherit it: both commands share one core. */
		CPU_ZERO(&set);
		CPU_SET((int)cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			perror("timing: sched_setaffinity (ignored)");
	}
	rt = xcalloc((size_t)per, sizeof(*rt));
	ht = xcalloc((size_t)per, sizeof(*ht));
	for (c = 0; c < ncases; c++) {
		cs[c].ratios = xcalloc((size_t)rounds, sizeof(double));
		cs[c].times = xcalloc((size_t)(rounds * per), sizeof(double));
		cs[c].ref_times = xcalloc((size_t)(rounds * per),
					  sizeof(double));
		cs[c].faults = xcalloc((size_t)(rounds * per), sizeof(double));
		for (i = 0; i < warm; i++) {
			run_once(ref_argv, cs[c].path, &st, &flt);
			run_once(argv, cs[c].path, &st, &flt);
			if (cs[c].expect >= 0 && st != cs[c].expect) {
				fprintf(stderr, "timing: case '%s': exit %d, "
					"expected %d\n", cs[c].name, st,
					cs[c].expect);
				return 1;
			}
		}
	}
	/* Rounds outermost, so slow drifts of the machine hit every case
	 * alike; within a round the two commands alternate. */
	for (r = 0; r < rounds; r++) {
		for (c = 0; c < ncases; c++) {
			struct bcase *b = &cs[c];

			for (i = 0; i < per; i++) {
				rt[i] = run_once(ref_argv, b->path, &st, &flt);
				ht[i] = run_once(argv, b->path, &st, &flt);
				b->faults[b->ntimes] = (double)flt;
				if (b->expect >= 0 && st != b->expect) {
					fprintf(stderr, "timing: case '%s': "
						"exit %d, expected %d\n",
						b->name, st, b->expect);
					return 1;
				}
				b->times[b->ntimes++] = ht[i];
				b->ref_times[b->nref++] = rt[i];
			}
			b->ratios[r] = median(ht, (size_t)per) /
				       median(rt, (size_t)per);
		}
	}
	printf("# case\tratio_median\tratio_min\tratio_max\thook_us_median"
	       "\thook_us_max\tref_us_median\truns\tminflt\n");
	for (c = 0; c < ncases; c++) {
		struct bcase *b = &cs[c];
		double rmed = median(b->ratios, (size_t)rounds);
		double hmed = median(b->times, b->ntimes);
		double rfmed = median(b->ref_times, b->nref);

		double fmed = median(b->faults, b->ntimes);

		printf("%s\t%.2f\t%.2f\t%.2f\t%.0f\t%.0f\t%.0f\t%zu\t%.0f\n",
		       b->name, rmed, b->ratios[0], b->ratios[rounds - 1],
		       hmed, b->times[b->ntimes - 1], rfmed, b->ntimes, fmed);
	}
	return 0;
}
