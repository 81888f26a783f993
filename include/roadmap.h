/*
 * roadmap.h - facts every module shares: the program's identity and the exit
 * statuses of the contract (../docs/cli.md, "Exit status").
 */
#ifndef ROADMAP_H
#define ROADMAP_H

#define RR_NAME "roadmap-run"
#ifndef RR_VERSION
#define RR_VERSION "0.1.0"
#endif
#define RR_REPORT_VERSION 1
#define RR_PACK_FORMAT 1

/* Exit statuses. Library-style functions return one of these (0 on success)
 * so the CLI can pass them straight to exit(). */
enum rr_exit {
	RR_EXIT_PASS = 0,     /* graded, full score */
	RR_EXIT_FAIL = 1,     /* graded, not full score */
	RR_EXIT_USAGE = 2,    /* bad command line */
	RR_EXIT_INVALID = 3,  /* invalid pack or submission */
	RR_EXIT_INTERNAL = 4, /* the runner could not work (no sandbox, I/O) */
};

#endif
