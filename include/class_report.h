/*
 * class_report.h - the class report of a `roadmap-run grade` batch: an
 * HTML page and a Markdown summary, counted from the batch's gradebook and
 * reports (class_report.c). Writing them is the command's (cli/report_cmd.c).
 */
#ifndef CLASS_REPORT_H
#define CLASS_REPORT_H

#include <stdbool.h>

/* Read the batch in dir (gradebook.jsonl, reports/NAME/report.json) and
 * render the page into *html and, when markdown, the summary into *md
 * (the caller frees both). Returns 0, or RR_EXIT_INVALID after a message
 * on stderr (no gradebook, an unreadable one), leaving both NULL. */
int class_report_render(const char *dir, bool markdown, char **html, char **md);

#endif
