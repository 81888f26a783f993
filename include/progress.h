/*
 * progress.h - batch progress on stderr: on a terminal, one line redrawn in
 * place with a bar, done/total, rate and ETA; otherwise (CI logs, pipes)
 * one plain line per finished submission.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "check_status.h"

struct progress {
	FILE *fp;
	bool tty;
	bool quiet;
	bool drawn;       /* a bar is on the screen */
	size_t total;     /* submissions in this run, resumed ones included */
	size_t done;      /* finished, resumed ones included */
	size_t skipped;   /* resumed: not graded in this run */
	double t0;        /* when grading started */
	double last_draw;
};

/* tty decides the bar (pass isatty(fileno(fp)) in real use). */
void progress_init(struct progress *p, FILE *fp, bool tty, bool quiet,
		   size_t total, size_t skipped);

/* One submission finished: name, status and score for the plain line. */
void progress_step(struct progress *p, const char *name, enum check_status status,
		   double score, double max_score, double seconds);

/* Print a message without breaking the bar (e.g. a warning). */
void progress_note(struct progress *p, const char *msg);

/* Clear the bar for good (the summary follows). */
void progress_finish(struct progress *p);

/* "1:02:03" or "2:03" for an ETA; buf of at least 16 bytes. */
void progress_format_duration(double seconds, char *buf, size_t len);

#endif
