/* diag.c - collected diagnostics, printed all at once (see diag.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "util.h"

void diag_add(struct diag_list *d, enum diag_severity sev, const char *file,
	      const char *where, int line, int col, const char *fmt, ...)
{
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? d->alloc * 2 : 8;
		d->items = xrealloc(d->items, d->alloc * sizeof(*d->items));
	}
	struct diag *x = &d->items[d->n++];
	x->severity = sev;
	x->file = file ? xstrdup(file) : NULL;
	x->where = where && *where ? xstrdup(where) : NULL;
	x->line = line;
	x->col = col;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&x->message, fmt, ap) < 0)
		x->message = xstrdup("(message lost: out of memory)");
	va_end(ap);
}

size_t diag_errors(const struct diag_list *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->items[i].severity == DIAG_ERROR;
	return n;
}

static const char *severity_name(enum diag_severity s)
{
	switch (s) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

/* Messages quote hostile text (ids, paths, JSON keys, archive entry names)
 * and go to a terminal: util_fputs_clean writes control characters as
 * escapes, so a pack cannot recolour the screen or forge a line. */
static void put_clean(FILE *fp, const char *s)
{
	util_fputs_clean(fp, s, false);
}

void diag_print(const struct diag_list *d, FILE *out, const char *subject)
{
	/* stderr is unbuffered: render into memory and write once, so
	 * hundreds of problems do not cost a system call per piece. */
	char *text = NULL;
	size_t text_len = 0;
	FILE *fp = d->n ? open_memstream(&text, &text_len) : NULL;
	if (!fp)
		fp = out;
	size_t shown = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *x = &d->items[i];
		/* Nobody reads past the first screenfuls; a hostile answers
		 * file with 60000 wrong keys must not flood the terminal. */
		if (shown == DIAG_PRINT_MAX) {
			fprintf(fp, "%s: %zu more problem%s not shown\n", subject ? util_esc(subject) : "note",
				d->n - i, d->n - i == 1 ? "" : "s");
			break;
		}
		shown++;
		fprintf(fp, "%s: ", severity_name(x->severity));
		if (subject) {
			put_clean(fp, subject);
			fputs(": ", fp);
		}
		if (x->file) {
			put_clean(fp, x->file);
			if (x->line)
				fprintf(fp, " line %d, column %d", x->line, x->col);
			fputs(": ", fp);
		}
		if (x->where) {
			put_clean(fp, x->where);
			fputs(": ", fp);
		}
		put_clean(fp, x->message);
		fputc('\n', fp);
	}
	if (fp != out) {
		fclose(fp);
		fwrite(text, 1, text_len, out);
		fflush(out);
		free(text);
	}
}

void diag_clear(struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].where);
		free(d->items[i].message);
	}
	free(d->items);
	d->items = NULL;
	d->n = d->alloc = 0;
}

char *diag_join(const struct diag_list *d, size_t from)
{
	struct strbuf sb = STRBUF_INIT;
	size_t shown = 0, hidden = 0;
	for (size_t i = from; i < d->n; i++) {
		const struct diag *x = &d->items[i];
		if (x->severity == DIAG_NOTE)
			continue;
		/* a flood (60000 unknown answers) stays a line, not megabytes */
		if (shown == DIAG_JOIN_MAX) {
			hidden++;
			continue;
		}
		shown++;
		if (sb.len)
			strbuf_addstr(&sb, "; ");
		if (x->file) {
			strbuf_addstr(&sb, x->file);
			if (x->line > 0)
				strbuf_addf(&sb, " line %d, column %d", x->line, x->col);
			strbuf_addstr(&sb, ": ");
		}
		if (x->where)
			strbuf_addf(&sb, "%s: ", x->where);
		strbuf_addstr(&sb, x->message);
	}
	if (hidden)
		strbuf_addf(&sb, "; and %zu more problem%s", hidden, hidden == 1 ? "" : "s");
	return strbuf_detach(&sb);
}
