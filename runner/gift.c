/*
 * gift.c - import a Moodle GIFT question bank as quiz JSON, and the
 * "quiz-import" command around it.
 *
 * The grammar follows Moodle's question/format/gift/format.php:
 *   - lines whose first non-blank characters are "//" are comments;
 *   - questions are separated by blank lines; "$CATEGORY:" lines are
 *     Moodle's and are ignored (with a note);
 *   - a question is  [::title::] [[format]] text {answers} [text];
 *   - inside {}: "" is an essay, "#..." numeric, anything with "~" multiple
 *     choice, no "=" true/false, "=" with "->" matching, else short answer;
 *   - "\~ \= \# \{ \} \: \\" escape, "\n" is a newline.
 *
 * Nothing is dropped silently: every question that cannot be represented in
 * pack format 1 is named with its line (unsupported or malformed), and
 * every lossy step (partial credit we cannot express) is a warning.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "gift.h"
#include "pathsafe.h"
#include "quiz.h"
#include "roadmap.h"
#include "util.h"

#define GIFT_MAX_BYTES (16L * 1024 * 1024)
#define GIFT_BLANK "_____" /* stands for the answer in a missing-word question */

/* One question's text: its lines joined with '\n', comments removed, and
 * where each line came from, so any offset maps back to line and column. */
struct block {
	struct strbuf text;
	size_t *starts; /* offset of each line in text */
	int *lines;     /* its line number in the file */
	size_t n, alloc;
};

static void block_add_line(struct block *b, const char *s, size_t n, int line)
{
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 8;
		b->starts = xrealloc(b->starts, b->alloc * sizeof(*b->starts));
		b->lines = xrealloc(b->lines, b->alloc * sizeof(*b->lines));
	}
	if (b->n)
		strbuf_add(&b->text, "\n", 1);
	b->starts[b->n] = b->text.len;
	b->lines[b->n] = line;
	b->n++;
	strbuf_add(&b->text, s, n);
}

static void block_clear(struct block *b)
{
	strbuf_release(&b->text);
	free(b->starts);
	free(b->lines);
	memset(b, 0, sizeof(*b));
}

static void block_pos(const struct block *b, size_t off, int *line, int *col)
{
	size_t i = 0;
	while (i + 1 < b->n && b->starts[i + 1] <= off)
		i++;
	*line = b->n ? b->lines[i] : 0;
	*col = b->n ? (int)(off - b->starts[i]) + 1 : 0;
}

/* --- text helpers --------------------------------------------------------- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Offset of the first unescaped c in s[from, to), or to. */
static size_t find_unescaped(const char *s, size_t from, size_t to, char c)
{
	for (size_t i = from; i < to; i++) {
		if (s[i] == '\\' && i + 1 < to) {
			i++;
			continue;
		}
		if (s[i] == c)
			return i;
	}
	return to;
}

static size_t find_unescaped_str(const char *s, size_t from, size_t to, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n <= to; i++) {
		if (s[i] == '\\' && i + 1 < to) {
			i++;
			continue;
		}
		if (memcmp(s + i, needle, n) == 0)
			return i;
	}
	return to;
}

/* Skip a leading [markdown], [html], [plain] or [moodle] marker. */
static size_t skip_format_marker(const char *s, size_t from, size_t to)
{
	static const char *const markers[] = { "[markdown]", "[html]", "[plain]", "[moodle]" };
	size_t i = from;
	while (i < to && is_blank(s[i]))
		i++;
	for (size_t k = 0; k < sizeof(markers) / sizeof(markers[0]); k++) {
		size_t n = strlen(markers[k]);
		if (to - i >= n && strncasecmp(s + i, markers[k], n) == 0)
			return i + n;
	}
	return from;
}

/* Unescape s[from, to), drop a format marker, trim. Caller frees. */
static char *unescape(const char *s, size_t from, size_t to)
{
	struct strbuf sb = STRBUF_INIT;
	from = skip_format_marker(s, from, to);
	while (from < to && is_blank(s[from]))
		from++;
	while (to > from && is_blank(s[to - 1]))
		to--;
	strbuf_add(&sb, "", 0);
	for (size_t i = from; i < to; i++) {
		if (s[i] == '\\' && i + 1 < to) {
			char c = s[i + 1];
			if (strchr("~=#{}:\\", c)) {
				strbuf_add(&sb, &c, 1);
				i++;
				continue;
			}
			if (c == 'n') {
				strbuf_add(&sb, "\n", 1);
				i++;
				continue;
			}
		}
		strbuf_add(&sb, s + i, 1);
	}
	return strbuf_detach(&sb);
}

/* Lower-case [a-z0-9-] slug of at most 64 characters; "" when nothing is
 * left. Caller frees. */
static char *slugify(const char *title)
{
	char out[65];
	size_t n = 0;
	bool dash = false;
	for (const char *p = title; *p && n < 64; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0 && n < 63)
				out[n++] = '-';
			dash = false;
			out[n++] = c;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
	return xstrdup(out);
}

static bool valid_utf8(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		unsigned char c = p[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (n == 0 || i + n > len || (n == 2 && c < 0xC2)) {
			*bad = i;
			return false;
		}
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				*bad = i;
				return false;
			}
		}
		i += n;
	}
	return true;
}

/* --- one question --------------------------------------------------------- */

struct gctx {
	const char *file;
	struct diag_list *d;
	bool skip_unsupported;
	struct gift_stats *st;
	cJSON *out;
};

struct gq {
	struct gctx *g;
	const struct block *b;
	char *name;      /* for messages: the title, or the start of the text */
	size_t start;    /* offset of the question in the block */
	bool failed;     /* named already (malformed or unsupported) */
};

struct answer {
	char marker;     /* '=' or '~' */
	bool has_weight;
	double weight;   /* percent */
	char *text;
	char *feedback;  /* or NULL */
	size_t off;
};

struct answers {
	struct answer *a;
	size_t n;
};

static void answers_clear(struct answers *as)
{
	for (size_t i = 0; i < as->n; i++) {
		free(as->a[i].text);
		free(as->a[i].feedback);
	}
	free(as->a);
	as->a = NULL;
	as->n = 0;
}

__attribute__((format(printf, 4, 5)))
static void gq_report(struct gq *q, enum diag_severity sev, size_t off, const char *fmt, ...)
{
	char msg[768];
	int line, col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	block_pos(q->b, off, &line, &col);
	diag_add(q->g->d, sev, q->g->file, NULL, line, col, "question '%s': %s", q->name, msg);
}

/* A question is counted once, by the first reason it failed for. */
#define gq_malformed(q, off, ...) do { \
	gq_report((q), DIAG_ERROR, (off), __VA_ARGS__); \
	if (!(q)->failed) (q)->g->st->malformed++; \
	(q)->failed = true; } while (0)

#define gq_unsupported(q, off, ...) do { \
	gq_report((q), (q)->g->skip_unsupported ? DIAG_WARNING : DIAG_ERROR, (off), __VA_ARGS__); \
	if (!(q)->failed) (q)->g->st->unsupported++; \
	(q)->failed = true; } while (0)

#define gq_warn(q, off, ...) gq_report((q), DIAG_WARNING, (off), __VA_ARGS__)

/* Parse "%50%" at s[*i]; reports a bad weight. */
static bool parse_weight(struct gq *q, const char *s, size_t *i, size_t to, struct answer *a)
{
	if (*i >= to || s[*i] != '%')
		return true;
	size_t close = find_unescaped(s, *i + 1, to, '%');
	char buf[64];
	size_t n = close - *i - 1;
	if (close == to || n == 0 || n >= sizeof(buf)) {
		gq_malformed(q, *i, "bad answer weight: expected %%N%% with N from -100 to 100");
		return false;
	}
	memcpy(buf, s + *i + 1, n);
	buf[n] = '\0';
	char *end;
	errno = 0;
	double w = strtod(buf, &end);
	if (*end || errno || !isfinite(w) || w < -100 || w > 100) {
		gq_malformed(q, *i, "bad answer weight '%%%s%%': expected a percentage from -100 to 100", buf);
		return false;
	}
	a->has_weight = true;
	a->weight = w;
	*i = close + 1;
	return true;
}

/* Split "=a#fb ~%50%b ~c" (s[from, to)) into answers. markers says which
 * characters start an answer. */
static bool split_answers(struct gq *q, const char *s, size_t from, size_t to,
			  const char *markers, struct answers *as)
{
	size_t i = from;
	while (i < to && is_blank(s[i]))
		i++;
	if (i < to && !strchr(markers, s[i])) {
		gq_malformed(q, i, "text before the first answer: every answer starts with %s",
			     strcmp(markers, "=") == 0 ? "'='" : "'=' or '~'");
		return false;
	}
	while (i < to) {
		struct answer a = { s[i], false, 0, NULL, NULL, i };
		i++;
		if (!parse_weight(q, s, &i, to, &a))
			return false;
		/* the answer runs to the next unescaped marker */
		size_t end = to;
		for (const char *m = markers; *m; m++) {
			size_t e = find_unescaped(s, i, to, *m);
			if (e < end)
				end = e;
		}
		size_t hash = find_unescaped(s, i, end, '#');
		a.text = unescape(s, i, hash);
		if (hash < end)
			a.feedback = unescape(s, hash + 1, end);
		if (a.feedback && !*a.feedback) {
			free(a.feedback);
			a.feedback = NULL;
		}
		as->a = xrealloc(as->a, (as->n + 1) * sizeof(*as->a));
		as->a[as->n++] = a;
		if (!*a.text) {
			gq_malformed(q, a.off, "empty answer after '%c'", a.marker);
			return false;
		}
		i = end;
	}
	if (as->n == 0) {
		gq_malformed(q, from, "the answer block has no answers");
		return false;
	}
	return true;
}

static void add_feedback_line(struct strbuf *sb, const char *label, const char *fb)
{
	if (!fb)
		return;
	if (sb->len)
		strbuf_addstr(sb, sb->buf[sb->len - 1] == '\n' ? "" : "\n\n");
	strbuf_addf(sb, "- %s: %s\n", label, fb);
}

/* The explanation: the general feedback (####), or when the bank has none
 * a sentence naming the right answer; then the per-answer feedback. */
static char *explanation(const char *general, struct strbuf *per_answer, const char *fallback)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, general && *general ? general : fallback);
	if (per_answer->len) {
		strbuf_addstr(&sb, "\n\n");
		strbuf_add(&sb, per_answer->buf, per_answer->len);
		while (sb.len && sb.buf[sb.len - 1] == '\n')
			sb.buf[--sb.len] = '\0';
	}
	return strbuf_detach(&sb);
}

static cJSON *convert_choice(struct gq *q, const char *s, size_t from, size_t to,
			     const char *general, cJSON *out)
{
	struct answers as = { NULL, 0 };
	struct strbuf fb = STRBUF_INIT, right_list = STRBUF_INIT;
	cJSON *choices = NULL, *key = NULL;
	if (!split_answers(q, s, from, to, "=~", &as))
		goto fail;
	bool single = false;
	for (size_t i = 0; i < as.n; i++)
		single |= as.a[i].marker == '=';
	if (as.n < 2) {
		gq_malformed(q, from, "a multiple-choice question needs at least 2 choices");
		goto fail;
	}
	for (size_t i = 0; i < as.n; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(as.a[i].text, as.a[j].text) == 0) {
				gq_malformed(q, as.a[i].off, "two choices read '%s'; the learner could not tell them apart",
					     as.a[i].text);
				goto fail;
			}
		}
	}
	choices = cJSON_CreateArray();
	int n_right = 0;
	double first_weight = 0;
	bool unequal = false;
	for (size_t i = 0; i < as.n; i++) {
		struct answer *a = &as.a[i];
		cJSON_AddItemToArray(choices, cJSON_CreateString(a->text));
		bool right = single ? a->marker == '=' : a->has_weight && a->weight > 0;
		if (single && a->marker == '~' && a->has_weight && a->weight > 0)
			gq_warn(q, a->off, "partial credit (%g%%) for choice '%s' cannot be kept in a 'single' question; it now scores 0",
				a->weight, a->text);
		if (single && a->marker == '=' && a->has_weight && a->weight != 100)
			gq_warn(q, a->off, "weight %g%% of right choice '%s' becomes full credit", a->weight, a->text);
		if (right) {
			if (n_right == 0)
				first_weight = a->weight;
			else if (a->weight != first_weight)
				unequal = true;
			n_right++;
			strbuf_addf(&right_list, "%s%s", right_list.len ? "; " : "", a->text);
		}
		add_feedback_line(&fb, a->text, a->feedback);
	}
	if (single && n_right > 1) {
		gq_unsupported(q, from, "%d choices are marked right with '='; a 'single' question has one right choice "
			       "(use ~%%50%%... weights for a question where several choices must be picked)", n_right);
		goto fail;
	}
	if (!single && n_right == 0) {
		gq_malformed(q, from, "no right answer: mark it with '=' or give right choices a positive ~%%N%% weight");
		goto fail;
	}
	if (!single && unequal)
		gq_warn(q, from, "the right choices have different weights; every right choice now counts the same "
			"(docs/pack-format.md, partial credit)");
	if (single) {
		for (size_t i = 0; i < as.n; i++)
			if (as.a[i].marker == '=')
				key = cJSON_CreateNumber((double)i);
	} else {
		key = cJSON_CreateArray();
		for (size_t i = 0; i < as.n; i++)
			if (as.a[i].has_weight && as.a[i].weight > 0)
				cJSON_AddItemToArray(key, cJSON_CreateNumber((double)i));
	}
	cJSON_AddStringToObject(out, "type", single ? "single" : "multiple");
	/* One point per right choice makes the partial-credit rule exact. */
	cJSON_AddNumberToObject(out, "points", single ? 1 : n_right);
	cJSON_AddItemToObject(out, "choices", choices);
	cJSON_AddItemToObject(out, "answer", key);
	char *fallback = xasprintf("The right answer%s: %s.", n_right > 1 ? "s are" : " is", right_list.buf);
	char *ex = explanation(general, &fb, fallback);
	cJSON_AddStringToObject(out, "explanation", ex);
	free(ex);
	free(fallback);
	answers_clear(&as);
	strbuf_release(&fb);
	strbuf_release(&right_list);
	return out;
fail:
	cJSON_Delete(choices);
	answers_clear(&as);
	strbuf_release(&fb);
	strbuf_release(&right_list);
	return NULL;
}

/* Moodle short answers use '*' as a wildcard: turn such an answer into an
 * anchored-by-scoring POSIX ERE with every other character literal. */
static char *wildcard_regex(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; *s; s++) {
		if (*s == '*')
			strbuf_addstr(&sb, ".*");
		else if (strchr(".[]()+?{}|^$\\", *s))
			strbuf_addf(&sb, "\\%c", *s);
		else
			strbuf_add(&sb, s, 1);
	}
	return strbuf_detach(&sb);
}

static cJSON *convert_short(struct gq *q, const char *s, size_t from, size_t to,
			    const char *general, cJSON *out)
{
	struct answers as = { NULL, 0 };
	struct strbuf fb = STRBUF_INIT;
	if (!split_answers(q, s, from, to, "=", &as))
		goto fail;
	for (size_t i = 0; i < as.n; i++) {
		if (as.a[i].has_weight && as.a[i].weight != 100) {
			gq_unsupported(q, as.a[i].off, "short answer '%s' earns %g%%; partial credit for a text answer "
				       "cannot be represented", as.a[i].text, as.a[i].weight);
			goto fail;
		}
	}
	cJSON *accept = cJSON_CreateArray(), *regex = cJSON_CreateArray();
	for (size_t i = 0; i < as.n; i++) {
		if (strchr(as.a[i].text, '*')) {
			char *re = wildcard_regex(as.a[i].text);
			cJSON_AddItemToArray(regex, cJSON_CreateString(re));
			free(re);
		} else {
			cJSON_AddItemToArray(accept, cJSON_CreateString(as.a[i].text));
		}
		add_feedback_line(&fb, as.a[i].text, as.a[i].feedback);
	}
	cJSON_AddStringToObject(out, "type", "text");
	cJSON_AddNumberToObject(out, "points", 1);
	if (cJSON_GetArraySize(accept))
		cJSON_AddItemToObject(out, "accept", accept);
	else
		cJSON_Delete(accept);
	if (cJSON_GetArraySize(regex))
		cJSON_AddItemToObject(out, "regex", regex);
	else
		cJSON_Delete(regex);
	char *fallback = xasprintf("The expected answer is: %s.", as.a[0].text);
	char *ex = explanation(general, &fb, fallback);
	cJSON_AddStringToObject(out, "explanation", ex);
	free(ex);
	free(fallback);
	answers_clear(&as);
	strbuf_release(&fb);
	return out;
fail:
	answers_clear(&as);
	strbuf_release(&fb);
	return NULL;
}

static cJSON *convert_bool(struct gq *q, const char *s, size_t from, size_t to,
			   const char *general, cJSON *out)
{
	size_t h1 = find_unescaped(s, from, to, '#');
	size_t h2 = h1 < to ? find_unescaped(s, h1 + 1, to, '#') : to;
	char *word = unescape(s, from, h1);
	char *wrong_fb = h1 < to ? unescape(s, h1 + 1, h2) : NULL;
	char *right_fb = h2 < to ? unescape(s, h2 + 1, to) : NULL;
	cJSON *ret = NULL;
	bool value;
	if (!strcasecmp(word, "T") || !strcasecmp(word, "TRUE")) {
		value = true;
	} else if (!strcasecmp(word, "F") || !strcasecmp(word, "FALSE")) {
		value = false;
	} else {
		gq_malformed(q, from, "unrecognised answer block '%s': expected T, F, TRUE, FALSE, =answer, ~choice or #number",
			     word);
		goto out;
	}
	struct strbuf fb = STRBUF_INIT;
	if (right_fb && *right_fb)
		strbuf_addf(&fb, "- If you answered %s: %s\n", value ? "true" : "false", right_fb);
	if (wrong_fb && *wrong_fb)
		strbuf_addf(&fb, "- If you answered %s: %s\n", value ? "false" : "true", wrong_fb);
	char *fallback = xasprintf("The statement is %s.", value ? "true" : "false");
	char *ex = explanation(general, &fb, fallback);
	cJSON_AddStringToObject(out, "type", "bool");
	cJSON_AddNumberToObject(out, "points", 1);
	cJSON_AddBoolToObject(out, "answer", value);
	cJSON_AddStringToObject(out, "explanation", ex);
	free(ex);
	free(fallback);
	strbuf_release(&fb);
	ret = out;
out:
	free(word);
	free(wrong_fb);
	free(right_fb);
	return ret;
}

static bool parse_double(const char *s, double *out)
{
	char *end;
	while (is_blank(*s))
		s++;
	if (!*s)
		return false;
	errno = 0;
	*out = strtod(s, &end);
	while (is_blank(*end))
		end++;
	return !*end && !errno && isfinite(*out);
}

struct numeric {
	double value, tolerance;
	bool range;
	double lo, hi;
	double weight;
	char *feedback;
	size_t off;
};

/* "value", "value:tolerance" or "min..max", then an optional #feedback. */
static bool parse_numeric(struct gq *q, const char *s, size_t from, size_t to, struct numeric *n)
{
	size_t hash = find_unescaped(s, from, to, '#');
	char *spec = unescape(s, from, hash);
	n->feedback = hash < to ? unescape(s, hash + 1, to) : NULL;
	if (n->feedback && !*n->feedback) {
		free(n->feedback);
		n->feedback = NULL;
	}
	n->off = from;
	bool ok = false;
	char *dots = strstr(spec, "..");
	char *colon = strchr(spec, ':');
	if (!*spec) {
		gq_malformed(q, from, "empty numeric answer: expected {#value}, {#value:tolerance} or {#min..max}");
	} else if (dots) {
		double lo, hi;
		*dots = '\0';
		if (!parse_double(spec, &lo) || !parse_double(dots + 2, &hi))
			gq_malformed(q, from, "bad numeric range '%s..%s': expected {#min..max} with two numbers", spec, dots + 2);
		else if (lo > hi)
			gq_malformed(q, from, "bad numeric range: the minimum %g is above the maximum %g", lo, hi);
		else {
			n->range = true;
			n->lo = lo;
			n->hi = hi;
			n->value = lo + (hi - lo) / 2;
			n->tolerance = (hi - lo) / 2;
			ok = true;
		}
	} else {
		double tol = 0;
		if (colon)
			*colon = '\0';
		if (!parse_double(spec, &n->value))
			gq_malformed(q, from, "bad number '%s' in a numeric answer", spec);
		else if (colon && (!parse_double(colon + 1, &tol) || tol < 0))
			gq_malformed(q, from, "bad tolerance '%s': expected a number >= 0", colon + 1);
		else {
			n->tolerance = tol;
			ok = true;
		}
	}
	free(spec);
	if (!ok) {
		free(n->feedback);
		n->feedback = NULL;
	}
	return ok;
}

static cJSON *convert_numeric(struct gq *q, const char *s, size_t from, size_t to,
			      const char *general, cJSON *out)
{
	struct numeric *ns = NULL;
	size_t nn = 0;
	cJSON *ret = NULL;
	struct strbuf fb = STRBUF_INIT;
	size_t i = from;
	while (i < to && is_blank(s[i]))
		i++;
	if (i < to && s[i] == '=') {
		/* {#=1822:0#right =%50%1822:2#close}: several answers */
		while (i < to) {
			if (s[i] != '=') {
				gq_malformed(q, i, "expected '=' to start a numeric answer");
				goto out;
			}
			struct answer w = { '=', false, 100, NULL, NULL, i };
			i++;
			if (!parse_weight(q, s, &i, to, &w))
				goto out;
			size_t end = find_unescaped(s, i, to, '=');
			ns = xrealloc(ns, (nn + 1) * sizeof(*ns));
			memset(&ns[nn], 0, sizeof(ns[nn]));
			if (!parse_numeric(q, s, i, end, &ns[nn]))
				goto out;
			ns[nn++].weight = w.has_weight ? w.weight : 100;
			i = end;
		}
	} else {
		ns = xcalloc(1, sizeof(*ns));
		if (!parse_numeric(q, s, from, to, &ns[0]))
			goto out;
		ns[0].weight = 100;
		nn = 1;
	}
	size_t full = nn, n_full = 0;
	for (size_t k = 0; k < nn; k++) {
		if (ns[k].weight == 100) {
			if (n_full == 0)
				full = k;
			n_full++;
		}
	}
	if (n_full == 0) {
		gq_malformed(q, from, "no numeric answer earns 100%%; one must be fully right");
		goto out;
	}
	if (n_full > 1) {
		gq_unsupported(q, ns[full].off, "%zu numeric answers are fully right; a 'number' question has one value "
			       "with a tolerance", n_full);
		goto out;
	}
	for (size_t k = 0; k < nn; k++) {
		if (k != full)
			gq_warn(q, ns[k].off, "partial credit (%g%%) for %g \302\261 %g is dropped; only %g \302\261 %g scores",
				ns[k].weight, ns[k].value, ns[k].tolerance, ns[full].value, ns[full].tolerance);
	}
	if (ns[full].feedback)
		strbuf_addf(&fb, "%s\n", ns[full].feedback);
	char *fallback = ns[full].range
		? xasprintf("Any number from %g to %g is right.", ns[full].lo, ns[full].hi)
		: ns[full].tolerance > 0
		? xasprintf("The answer is %g (within %g).", ns[full].value, ns[full].tolerance)
		: xasprintf("The answer is %g.", ns[full].value);
	char *ex = explanation(general, &fb, fallback);
	cJSON_AddStringToObject(out, "type", "number");
	cJSON_AddNumberToObject(out, "points", 1);
	cJSON_AddNumberToObject(out, "answer", ns[full].value);
	cJSON_AddNumberToObject(out, "tolerance", ns[full].tolerance);
	cJSON_AddStringToObject(out, "explanation", ex);
	free(ex);
	free(fallback);
	ret = out;
out:
	for (size_t k = 0; k < nn; k++)
		free(ns[k].feedback);
	free(ns);
	strbuf_release(&fb);
	return ret;
}

/* A short name for messages: the title, else the first words of the text. */
static char *question_name(const char *title, const char *s, size_t from, size_t to)
{
	if (title && *title)
		return xstrdup(title);
	char *t = unescape(s, from, to);
	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	if (strlen(t) > 40) {
		size_t cut = 37;
		while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
			cut--;
		strcpy(t + cut, "...");
	}
	return t;
}

static bool id_taken(const cJSON *out, const char *id)
{
	return quiz_find_question(out, id) != NULL;
}

static char *unique_id(struct gctx *g, const char *title, int qno)
{
	char *base = title ? slugify(title) : xstrdup("");
	if (!*base) {
		free(base);
		base = xasprintf("q%d", qno);
	}
	char *id = xstrdup(base);
	for (int k = 2; id_taken(g->out, id); k++) {
		free(id);
		char suffix[16];
		int sl = snprintf(suffix, sizeof(suffix), "-%d", k);
		size_t keep = strlen(base);
		if (keep + (size_t)sl > 64)
			keep = 64 - (size_t)sl;
		while (keep > 0 && base[keep - 1] == '-')
			keep--;
		id = xasprintf("%.*s%s", (int)keep, base, suffix);
	}
	free(base);
	return id;
}

static void convert_question(struct gctx *g, const struct block *b, int qno)
{
	const char *s = b->text.buf;
	size_t len = b->text.len, i = 0;
	struct gq q = { g, b, NULL, 0, false };
	char *title = NULL, *prompt = NULL, *general = NULL;
	cJSON *out = NULL;

	while (i < len && is_blank(s[i]))
		i++;
	q.start = i;
	q.name = xasprintf("#%d", qno);
	if (len - i >= 2 && s[i] == ':' && s[i + 1] == ':') {
		size_t close = find_unescaped_str(s, i + 2, len, "::");
		if (close == len) {
			gq_malformed(&q, i, "unclosed '::' title (a ':' in a title is written '\\:')");
			goto out;
		}
		title = unescape(s, i + 2, close);
		free(q.name);
		q.name = xstrdup(*title ? title : "(empty title)");
		i = close + 2;
	}
	size_t open = find_unescaped(s, i, len, '{');
	size_t close_stray = find_unescaped(s, i, open, '}');
	if (close_stray < open) {
		gq_malformed(&q, close_stray, "'}' without a '{' before it (a literal brace is written '\\}')");
		goto out;
	}
	if (open == len) {
		free(q.name);
		q.name = question_name(title, s, i, len);
		gq_unsupported(&q, q.start, "no answer block {...}: a Moodle 'description' is text, not a question");
		goto out;
	}
	size_t close = find_unescaped(s, open + 1, len, '}');
	size_t nested = find_unescaped(s, open + 1, close, '{');
	free(q.name);
	q.name = question_name(title, s, i, open);
	if (nested < close) {
		gq_malformed(&q, nested, "'{' inside an answer block (is its '}' missing?); "
			     "a literal brace is written '\\{'");
		goto out;
	}
	if (close == len) {
		gq_malformed(&q, open, "unclosed '{': the answer block has no '}' before the blank line that ends the question");
		goto out;
	}
	size_t after = close + 1;
	size_t again = find_unescaped(s, after, len, '{');
	if (again < len) {
		gq_malformed(&q, again, "a second answer block; is a blank line missing between two questions?");
		goto out;
	}
	if (find_unescaped(s, after, len, '}') < len) {
		gq_malformed(&q, find_unescaped(s, after, len, '}'), "'}' without a '{' before it");
		goto out;
	}

	/* The prompt: text before the block, plus GIFT_BLANK and the text
	 * after it for a missing-word question. */
	char *before = unescape(s, i, open);
	char *rest = unescape(s, after, len);
	if (*rest) {
		size_t bl = strlen(before);
		bool glue_before = bl == 0 || is_blank(s[open - 1]);
		bool glue_after = is_blank(s[after]);
		prompt = xasprintf("%s%s%s%s%s", before, bl && glue_before ? " " : "", GIFT_BLANK,
				   glue_after ? " " : "", rest);
	} else {
		prompt = xstrdup(before);
	}
	free(before);
	free(rest);
	if (!*prompt) {
		gq_malformed(&q, q.start, "no question text before the answer block");
		goto out;
	}

	/* General feedback "####..." ends the answer block. */
	size_t body = open + 1, end = close;
	size_t gf = find_unescaped_str(s, body, end, "####");
	if (gf < end) {
		general = unescape(s, gf + 4, end);
		end = gf;
	}
	size_t k = body;
	while (k < end && is_blank(s[k]))
		k++;

	out = cJSON_CreateObject();
	char *id = unique_id(g, title, qno);
	cJSON_AddStringToObject(out, "id", id);
	free(id);
	/* the type-specific converters add type, points, choices/answer... */
	cJSON *tmp = cJSON_CreateObject();
	cJSON *done = NULL;
	bool has_tilde = find_unescaped(s, k, end, '~') < end;
	bool has_eq = find_unescaped(s, k, end, '=') < end;
	bool has_arrow = find_unescaped_str(s, k, end, "->") < end;
	if (k == end) {
		gq_unsupported(&q, open, "an essay question ({}) has no answer key to grade");
	} else if (s[k] == '#') {
		done = convert_numeric(&q, s, k + 1, end, general, tmp);
	} else if (has_tilde) {
		done = convert_choice(&q, s, k, end, general, tmp);
	} else if (!has_eq) {
		done = convert_bool(&q, s, k, end, general, tmp);
	} else if (has_arrow) {
		gq_unsupported(&q, open, "a matching question (=a -> b) cannot be represented in pack format 1");
	} else {
		done = convert_short(&q, s, k, end, general, tmp);
	}
	if (!done) {
		cJSON_Delete(tmp);
		goto out;
	}
	/* id, type, points, prompt, then the rest, as authors write them */
	cJSON *type = cJSON_DetachItemFromObjectCaseSensitive(tmp, "type");
	cJSON *points = cJSON_DetachItemFromObjectCaseSensitive(tmp, "points");
	cJSON_AddItemToObject(out, "type", type);
	cJSON_AddItemToObject(out, "points", points);
	cJSON_AddStringToObject(out, "prompt", prompt);
	while (tmp->child) {
		cJSON *x = cJSON_DetachItemViaPointer(tmp, tmp->child);
		cJSON_AddItemToObject(out, x->string, x);
	}
	cJSON_Delete(tmp);

	/* Whatever we made must pass the same validation as a hand-written
	 * quiz; if not, that is named here rather than found by validate. */
	struct diag_list vd = DIAG_LIST_INIT;
	cJSON *one = cJSON_CreateArray();
	cJSON_AddItemReferenceToArray(one, out);
	quiz_validate(one, g->file, &vd);
	cJSON_Delete(one);
	for (size_t e = 0; e < vd.n; e++)
		if (vd.items[e].severity == DIAG_ERROR)
			gq_malformed(&q, open, "converts to an invalid question: %s: %s",
				     vd.items[e].where ? vd.items[e].where : "", vd.items[e].message);
	diag_clear(&vd);
	if (q.failed)
		goto out;
	cJSON_AddItemToArray(g->out, out);
	out = NULL;
	g->st->converted++;
out:
	cJSON_Delete(out);
	free(title);
	free(prompt);
	free(general);
	free(q.name);
}

cJSON *gift_convert(const char *text, size_t len, const char *file,
		    bool skip_unsupported, struct gift_stats *st, struct diag_list *d)
{
	struct gctx g = { file, d, skip_unsupported, st, cJSON_CreateArray() };
	struct block b = { STRBUF_INIT, NULL, NULL, 0, 0 };
	size_t bad;
	memset(st, 0, sizeof(*st));

	if (len >= 3 && memcmp(text, "\357\273\277", 3) == 0) {
		text += 3; /* UTF-8 byte order mark */
		len -= 3;
	}
	if (memchr(text, '\0', len)) {
		diag_add(d, DIAG_ERROR, file, NULL, 0, 0, "contains a NUL byte; a GIFT file is UTF-8 text");
		return g.out;
	}
	if (!valid_utf8(text, len, &bad)) {
		int line = 1;
		for (size_t k = 0; k < bad; k++)
			line += text[k] == '\n';
		diag_add(d, DIAG_ERROR, file, NULL, line, 1,
			 "not UTF-8 text; convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8");
		return g.out;
	}
	int line = 0, qno = 0;
	size_t i = 0;
	while (i <= len) {
		size_t eol = i;
		while (eol < len && text[eol] != '\n')
			eol++;
		size_t n = eol - i;
		if (n && text[i + n - 1] == '\r')
			n--;
		line++;
		size_t k = 0;
		while (k < n && is_blank(text[i + k]))
			k++;
		bool blank = k == n;
		if (!blank && n - k >= 2 && text[i + k] == '/' && text[i + k + 1] == '/') {
			/* a comment line: neither text nor a separator */
		} else if (!blank && b.n == 0 && n - k >= 10 && strncmp(text + i + k, "$CATEGORY:", 10) == 0) {
			size_t c = k + 10;
			while (c < n && is_blank(text[i + c]))
				c++;
			diag_add(d, DIAG_NOTE, file, NULL, line, (int)k + 1,
				 "category '%.*s' ignored: a pack's quiz has no categories",
				 (int)(n - c), text + i + c);
		} else if (!blank) {
			block_add_line(&b, text + i, n, line);
		}
		if ((blank || eol >= len) && b.n) {
			st->questions++;
			convert_question(&g, &b, ++qno);
			block_clear(&b);
		}
		i = eol + 1;
	}
	block_clear(&b);
	return g.out;
}

/* --- the command ---------------------------------------------------------- */

static const char import_usage[] =
	"usage: roadmap-run quiz-import FILE.gift [-o FILE] [--skip-unsupported] [--quiet]\n";

static const char import_help[] =
	"\n"
	"Convert a Moodle GIFT question bank to quiz JSON: an array of questions\n"
	"in pack format 1, ready to paste as \"quiz\" into pack.json. FILE may be\n"
	"'-' for stdin. See docs/pack-format.md, \"Importing a GIFT question bank\".\n"
	"\n"
	"Converted: multiple choice {=right ~wrong} (single), weighted ~%50%\n"
	"choices (multiple), true/false {T} {F}, short answer {=a =b} (text),\n"
	"numeric {#value:tolerance} {#min..max} {#=v1 =%50%v2}, titles ::name::,\n"
	"#feedback and ####general feedback (the explanation), missing-word\n"
	"questions (the block becomes " GIFT_BLANK "), comments, $CATEGORY lines.\n"
	"Not converted, and named with their line: essay {}, matching {=a -> b},\n"
	"descriptions (no answer block), partial-credit short answers, several\n"
	"fully right numeric answers.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE     write the JSON to FILE (atomically) instead of stdout\n"
	"      --skip-unsupported  questions of a kind we cannot convert are warnings,\n"
	"                        not errors (malformed questions are still errors)\n"
	"  -q, --quiet           no summary line on stderr\n"
	"  -h, --help            show this help\n"
	"\n"
	"The questions that converted are always written. Exit status: 0 when\n"
	"every question converted, 3 when any question was malformed or (without\n"
	"--skip-unsupported) unsupported or the file cannot be read, 2 usage\n"
	"error, 4 the output cannot be written.\n";

static int import_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "roadmap-run quiz-import: ");
	fprintf(stderr, fmt, util_esc(arg)); /* arg is the user's or a file's text */
	fprintf(stderr, "\n%s", import_usage);
	return RR_EXIT_USAGE;
}

static int read_stdin(char **out, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		if (sb.len + n > (size_t)GIFT_MAX_BYTES) {
			strbuf_release(&sb);
			return -EFBIG;
		}
		strbuf_add(&sb, buf, n);
	}
	if (ferror(stdin)) {
		strbuf_release(&sb);
		return -EIO;
	}
	*len = sb.len;
	*out = strbuf_detach(&sb);
	return 0;
}

int cmd_quiz_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "skip-unsupported", no_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	bool skip = false, quiet = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'S':
			skip = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			printf("%s%s", import_usage, import_help);
			return 0;
		case ':':
			return import_usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return import_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind < 1)
		return import_usage_error("%s", "missing FILE.gift");
	if (argc - optind > 1)
		return import_usage_error("unexpected argument '%s'", argv[optind + 1]);
	const char *path = argv[optind];
	const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;

	char *text = NULL;
	size_t len = 0;
	int r = strcmp(path, "-") == 0 ? read_stdin(&text, &len)
				       : util_read_file(path, GIFT_MAX_BYTES, &text, &len);
	if (r < 0) {
		fprintf(stderr, "error: cannot read '%s': %s\n", util_esc(name),
			r == -EFBIG ? "larger than 16 MiB" : strerror(-r));
		return RR_EXIT_INVALID;
	}
	struct diag_list d = DIAG_LIST_INIT;
	struct gift_stats st;
	cJSON *quiz = gift_convert(text, len, name, skip, &st, &d);
	free(text);
	diag_print(&d, stderr, NULL);
	int ret = diag_errors(&d) ? RR_EXIT_INVALID : 0;
	if (!st.questions && !diag_errors(&d)) {
		fprintf(stderr, "error: %s: no questions found (questions are separated by blank lines)\n",
			util_esc(name));
		ret = RR_EXIT_INVALID;
	}
	diag_clear(&d);

	char *json = cJSON_Print(quiz);
	cJSON_Delete(quiz);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, json);
	strbuf_addstr(&sb, "\n");
	cJSON_free(json);
	if (output) {
		int w = pathsafe_write_named(output, sb.buf, sb.len);
		if (w < 0) {
			fprintf(stderr, "error: cannot write '%s': %s\n", util_esc(output), strerror(-w));
			ret = RR_EXIT_INTERNAL;
		}
	} else if (fwrite(sb.buf, 1, sb.len, stdout) != sb.len || fflush(stdout) != 0) {
		fprintf(stderr, "error: cannot write the quiz to stdout: %s\n", strerror(errno));
		ret = RR_EXIT_INTERNAL;
	}
	strbuf_release(&sb);
	if (!quiet) {
		int skipped = st.unsupported + st.malformed;
		fprintf(stderr, "quiz-import: converted %d of %d question%s from '%s'", st.converted,
			st.questions, st.questions == 1 ? "" : "s", util_esc(name));
		if (skipped)
			fprintf(stderr, "; %d not converted (%d unsupported, %d malformed)", skipped,
				st.unsupported, st.malformed);
		fprintf(stderr, "\n");
	}
	return ret;
}
