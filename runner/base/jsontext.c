/* jsontext.c - see jsontext.h. */
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "util.h"

void jsontext_scan(const char *text, size_t end, long *depth, bool *in_string)
{
	long d = 0;
	bool s = false;
	for (size_t i = 0; i < end; i++) {
		char c = text[i];
		if (s) {
			if (c == '\\')
				i++;
			else if (c == '"')
				s = false;
		} else if (c == '"') {
			s = true;
		} else if (c == '{' || c == '[') {
			d++;
		} else if (c == '}' || c == ']') {
			d--;
		}
	}
	*depth = d;
	*in_string = s;
}

struct key_ref {
	const char *key;
	size_t pos;
};

static int cmp_key_ref(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

bool *jsontext_duplicate_keys(const cJSON *obj, size_t *n_out)
{
	size_t n = 0, i = 0;
	for (const cJSON *c = obj ? obj->child : NULL; c; c = c->next)
		n++;
	*n_out = n;
	if (!n)
		return NULL;
	struct key_ref *refs = xcalloc(n, sizeof(*refs));
	bool *dup = xcalloc(n, sizeof(*dup));
	for (const cJSON *c = obj->child; c; c = c->next, i++)
		refs[i] = (struct key_ref){ c->string ? c->string : "", i };
	qsort(refs, n, sizeof(*refs), cmp_key_ref);
	for (i = 1; i < n; i++)
		dup[refs[i].pos] = strcmp(refs[i].key, refs[i - 1].key) == 0;
	free(refs);
	return dup;
}

void jsontext_line_col(const char *text, size_t offset, int *line, int *col)
{
	int l = 1, c = 1;
	size_t i = 0;
	/* A byte order mark is skipped by the parser and invisible in an
	 * editor: it takes no column. */
	if (offset >= 3 && memcmp(text, "\357\273\277", 3) == 0)
		i = 3;
	for (; i < offset && text[i]; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			c++; /* count characters, not UTF-8 continuation bytes */
		}
	}
	*line = l;
	*col = c;
}
