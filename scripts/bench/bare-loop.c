/*
 * bare-loop.c - the baseline of scripts/bench-overhead: run a command N
 * times with nothing but fork, execve and waitpid, and print the time per
 * run in milliseconds (the median of the individual runs, then the mean).
 *
 *   bare-loop N COMMAND [ARG...]
 *
 * The same loop runs bwrap for the comparison column. With BARE_LOOP_SETSID
 * set in the environment each run gets a session of its own, as a check does.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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
	if (argc < 3) {
		fprintf(stderr, "usage: bare-loop N COMMAND [ARG...]\n");
		return 2;
	}
	int n = atoi(argv[1]);
	if (n < 1) {
		fprintf(stderr, "bare-loop: N must be positive\n");
		return 2;
	}
	bool session = getenv("BARE_LOOP_SETSID") != NULL;
	double *v = calloc((size_t)n, sizeof(double));
	if (!v)
		return 1;
	double start = now_ms();
	for (int i = 0; i < n; i++) {
		double t = now_ms();
		pid_t pid = fork();
		if (pid < 0) {
			perror("bare-loop: fork");
			return 1;
		}
		if (pid == 0) {
			/* A check runs in a session of its own, so with
			 * CONFIG_SCHED_AUTOGROUP it gets a scheduling group of
			 * its own too: on a loaded machine the bare run needs
			 * the same, or it waits behind everything else in ours. */
			if (session)
				setsid();
			execv(argv[2], argv + 2);
			_exit(127);
		}
		int st;
		if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "bare-loop: '%s' failed\n", argv[2]);
			return 1;
		}
		v[i] = now_ms() - t;
	}
	double mean = (now_ms() - start) / n;
	qsort(v, (size_t)n, sizeof(double), cmp);
	printf("%.4f %.4f\n", v[n / 2], mean);
	free(v);
	return 0;
}
