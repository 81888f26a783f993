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

static size_t skip_ws(const char *t, size_t len, size_t i)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

/* The end of the string opening at t[i] == '"' (just past its quote). */
static size_t skip_string(const char *t, size_t len, size_t i)
{
	for (i++; i < len && t[i] != '"'; i++)
		if (t[i] == '\\')
			i++;
	return i < len ? i + 1 : len;
}

/* The end of the value at t[i] (text cJSON parsed, so well-formed). */
static size_t skip_value(const char *t, size_t len, size_t i)
{
	if (i >= len)
		return len;
	if (t[i] == '"')
		return skip_string(t, len, i);
	if (t[i] != '{' && t[i] != '[') {
		while (i < len && !strchr(",]} \t\r\n", t[i]))
			i++;
		return i;
	}
	long depth = 0;
	for (; i < len; i++) {
		if (t[i] == '"') {
			i = skip_string(t, len, i) - 1;
		} else if (t[i] == '{' || t[i] == '[') {
			depth++;
		} else if ((t[i] == '}' || t[i] == ']') && --depth == 0) {
			return i + 1;
		}
	}
	return len;
}

/* In the object at t[i] == '{', the offset of key's value, or len. */
static size_t member(const char *t, size_t len, size_t i, const char *key, size_t klen)
{
	for (i = skip_ws(t, len, i + 1); i < len && t[i] == '"';) {
		size_t kend = skip_string(t, len, i);
		bool match = kend - i == klen + 2 && memcmp(t + i + 1, key, klen) == 0;
		i = skip_ws(t, len, kend);
		if (i >= len || t[i] != ':')
			return len;
		i = skip_ws(t, len, i + 1);
		if (match)
			return i;
		i = skip_ws(t, len, skip_value(t, len, i));
		if (i >= len || t[i] != ',')
			return len;
		i = skip_ws(t, len, i + 1);
	}
	return len;
}

/* In the array at t[i] == '[', the offset of element n, or len. */
static size_t element(const char *t, size_t len, size_t i, unsigned long n)
{
	i = skip_ws(t, len, i + 1);
	if (i < len && t[i] == ']')
		return len;
	for (unsigned long k = 0; i < len; k++) {
		if (k == n)
			return i;
		i = skip_ws(t, len, skip_value(t, len, i));
		if (i >= len || t[i] != ',')
			return len;
		i = skip_ws(t, len, i + 1);
	}
	return len;
}

size_t jsontext_locate(const char *text, size_t len, const char *path)
{
	size_t at = skip_ws(text, len, 0);
	if (len >= 3 && memcmp(text, "\357\273\277", 3) == 0)
		at = skip_ws(text, len, 3);
	const char *p = path;
	while (*p && at < len) {
		size_t next = len;
		if (*p == '[') {
			char *end;
			unsigned long n = strtoul(p + 1, &end, 10);
			if (*end != ']' || text[at] != '[')
				break;
			next = element(text, len, at, n);
			p = end + 1;
		} else {
			if (*p == '.')
				p++;
			size_t klen = strcspn(p, ".[");
			if (klen == 0 || text[at] != '{')
				break;
			next = member(text, len, at, p, klen);
			p += klen;
		}
		if (next >= len)
			break; /* missing: the enclosing value is the place */
		at = next;
	}
	return at < len ? at : 0;
}
