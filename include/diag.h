/*
 * diag.h - collected diagnostics. Validation never stops at the first
 * problem: every module appends what it finds to a diag_list, and the CLI
 * prints them all in one go, git-style:
 *
 *   error: pack 'security': pack.json line 12, column 5: expected ','
 *   error: pack 'security': pack.json: exercises[2].checks[0].run: must be a non-empty array of strings
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag {
	enum diag_severity severity;
	char *file;     /* file the problem is in, relative to the pack; may be NULL */
	char *where;    /* JSON path such as "exercises[2].checks[0].run"; may be NULL */
	int line, col;  /* 1-based; 0 when unknown */
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t n, alloc;
};

#define DIAG_LIST_INIT { NULL, 0, 0 }

/* Append a diagnostic. file and where are copied; either may be NULL. */
void diag_add(struct diag_list *d, enum diag_severity sev, const char *file,
	      const char *where, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Number of DIAG_ERROR entries. */
size_t diag_errors(const struct diag_list *d);

/* diag_print shows at most this many entries, then how many more there are. */
#define DIAG_PRINT_MAX 200

/* Print the entries (at most DIAG_PRINT_MAX) to fp, each prefixed with "<severity>: <subject>: "
 * (subject may be NULL, e.g. "pack 'security'"). */
void diag_print(const struct diag_list *d, FILE *fp, const char *subject);

/* The entries from index `from` on, as one line for a report or a
 * gradebook: "file line L, column C: where: message; ..." (errors and
 * warnings; the text is raw, to be escaped where it is printed), the first
 * DIAG_JOIN_MAX of them and "and N more problems". Caller frees; "" when
 * there are none. */
char *diag_join(const struct diag_list *d, size_t from);
#define DIAG_JOIN_MAX 20 /* diag_join names this many, then counts the rest */

/* Free all entries; the list can be reused afterwards. */
void diag_clear(struct diag_list *d);

#endif
