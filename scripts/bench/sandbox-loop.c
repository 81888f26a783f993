/*
 * sandbox-loop.c - the sandbox alone, for scripts/bench-overhead: open the
 * sandbox (layers chosen by ROADMAP_RUN_SANDBOX_DISABLE), then run
 * COMMAND (default /bin/true) N times through sandbox_run in one work
 * directory, and print the median and the mean time per run in
 * milliseconds. Unlike a whole roadmap-run, nothing else happens per check
 * (no work directory copy, no report), so the figure is the sandbox's own
 * cost.
 *
 *   sandbox-loop N WORKDIR [COMMAND ARG...]
 *
 * Built by scripts/bench-overhead against build/libroadmap.a.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sandbox.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 3 || atoi(argv[1]) < 1) {
		fprintf(stderr, "usage: sandbox-loop N WORKDIR [COMMAND ARG...]\n");
		return 2;
	}
	int n = atoi(argv[1]);
	struct sandbox *sb;
	char err[512];
	if (sandbox_open(&sb, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "sandbox-loop: %s\n", err);
		return 1;
	}
	const char *true_av[] = { "/bin/true", NULL };
	const char *const *av = argc > 3 ? (const char *const *)argv + 3 : true_av;
	const char *ev[] = { "PATH=/usr/bin:/bin", NULL };
	struct sandbox_spec spec = {
		.argv = av, .envp = ev, .workdir = argv[2], .readonly_subdir = "tests",
		.limits = { .cpu_seconds = 5, .wall_seconds = 11, .memory_mb = 512, .processes = 64,
			    .output_kb = 256, .file_size_kb = 65536, .open_files = 256 },
	};
	double *v = calloc((size_t)n, sizeof(double));
	if (!v)
		return 1;
	double start = now_ms();
	for (int i = 0; i < n; i++) {
		struct sandbox_result r;
		double t = now_ms();
		sandbox_run(sb, &spec, &r);
		v[i] = now_ms() - t;
		if (r.outcome != SANDBOX_EXITED || r.exit_code != 0) {
			fprintf(stderr, "sandbox-loop: %s did not pass: outcome %d, %s%s\n",
				av[0], r.outcome, r.message, r.err);
			return 1;
		}
		sandbox_result_clear(&r);
	}
	double mean = (now_ms() - start) / n;
	sandbox_close(sb);
	qsort(v, (size_t)n, sizeof(double), cmp);
	printf("%.4f %.4f\n", v[n / 2], mean);
	free(v);
	return 0;
}
