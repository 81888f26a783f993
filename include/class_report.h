/*
 * class_report.h - the class report of a `grade` batch: counted from its
 * gradebook.jsonl and each submission's report.json, rendered as one
 * self-contained HTML page or a Markdown summary. Nothing is graded.
 */
#ifndef CLASS_REPORT_H
#define CLASS_REPORT_H

struct class_report;

/* Read GRADES_DIR dir. Returns 0 and sets *out (free it with
 * class_report_free), or RR_EXIT_INVALID (the message printed) with *out
 * NULL. */
int class_report_load(const char *dir, struct class_report **out);

/* The HTML page and the Markdown summary; caller frees. Both sort the
 * checks, hardest first. */
char *class_report_html(struct class_report *cr);
char *class_report_markdown(struct class_report *cr);

void class_report_free(struct class_report *cr);

#endif
