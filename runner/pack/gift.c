/*
 * gift.c - import a Moodle GIFT question bank as quiz JSON (the
 * "quiz-import" command around it is cli/quiz_import_cmd.c).
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
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "gift.h"
#include "quiz.h"
#include "roadmap.h"
#include "util.h"

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
	struct qfracs *qf; /* one per question in out */
	size_t nqf;
};

struct gq {
	struct gctx *g;
	const struct block *b;
	char *name;      /* for messages: the title, or the start of the text */
	size_t start;    /* offset of the question in the block */
	bool failed;     /* named already (malformed or unsupported) */
	double *fracs;   /* the weights (percent) its score is made of */
	size_t nfracs;
};

/* A converted question's weights, to choose the points (gift_convert). */
struct qfracs {
	int line;
	double *fracs;
	size_t n;
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

/* Note a weight the question's score can be made of. */
static void gq_fraction(struct gq *q, double percent)
{
	q->fracs = xrealloc(q->fracs, (q->nfracs + 1) * sizeof(*q->fracs));
	q->fracs[q->nfracs++] = percent;
}

/* --- Moodle's answer weights ---------------------------------------------- */

/* The grades Moodle's question bank accepts (question_bank's fraction
 * options), in percent; an import whose weight is none of these (within
 * 0.001%, Moodle's "error" matching) is refused by Moodle, so by us. */
static const double moodle_grades[] = {
	100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25,
	20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0,
};

/* Parse a weight "%N%" at s[*i] the way Moodle recognises one: '%', any
 * '-', one or two digits, an optional '.', digits, '%'. Anything else is
 * not a weight but the start of the answer's text. Returns false (named)
 * when it is a weight Moodle refuses. */
static bool parse_weight(struct gq *q, const char *s, size_t *i, size_t to, struct answer *a)
{
	size_t k = *i;
	if (k >= to || s[k] != '%')
		return true;
	size_t m = k + 1, minus = 0, digits = 0;
	while (m < to && s[m] == '-')
		m++, minus++;
	while (m < to && s[m] >= '0' && s[m] <= '9' && digits < 2)
		m++, digits++;
	if (digits == 0)
		return true;
	if (m < to && s[m] == '.')
		m++;
	while (m < to && s[m] >= '0' && s[m] <= '9')
		m++;
	if (m >= to || s[m] != '%')
		return true;
	char buf[64];
	size_t n = m - k - 1;
	if (n >= sizeof(buf) || minus > 1) {
		gq_malformed(q, k, "bad answer weight '%.*s': Moodle cannot read it", (int)(n + 2 < 40 ? n + 2 : 40), s + k);
		return false;
	}
	memcpy(buf, s + k + 1, n);
	buf[n] = '\0';
	double w = strtod(buf, NULL);
	double snapped = NAN;
	for (size_t g = 0; g < sizeof(moodle_grades) / sizeof(moodle_grades[0]); g++)
		if (fabs(fabs(w) - moodle_grades[g]) < 0.001)
			snapped = w < 0 ? -moodle_grades[g] : moodle_grades[g];
	if (isnan(snapped)) {
		gq_malformed(q, k, "weight %s%% is not one of Moodle's grades (100, 90, 83.33333, 80, 75, 70, "
			     "66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0 "
			     "or their negatives); Moodle refuses the question", buf);
		return false;
	}
	a->has_weight = true;
	a->weight = snapped;
	*i = m + 1;
	return true;
}

/* Split s[from, to) into answers at every unescaped character of markers,
 * as Moodle explodes the block: the text before the first marker is an
 * answer too when it is not blank. With weights, a "%N%" right after the
 * marker (after blanks) is the weight; with eq_full, an answer marked '='
 * is worth 100% and its "%N%" stays text, as in Moodle's multiple choice.
 * Answers keep their text even when empty; callers drop those as Moodle
 * does. */
static bool split_answers(struct gq *q, const char *s, size_t from, size_t to,
			  const char *markers, bool weights, bool eq_full, struct answers *as)
{
	size_t i = from;
	bool first = true;
	while (i < to || first) {
		struct answer a = { 0, false, 0, NULL, NULL, i };
		if (!first || (i < to && strchr(markers, s[i]))) {
			a.marker = s[i];
			i++;
		}
		first = false;
		while (i < to && is_blank(s[i]))
			i++;
		a.off = i;
		if (a.marker == '=' && eq_full) {
			a.has_weight = true;
			a.weight = 100;
		} else if (weights && !parse_weight(q, s, &i, to, &a)) {
			return false;
		}
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
		i = end;
		if (a.marker == 0 && !*a.text && !a.feedback) {
			free(a.text);
			continue; /* blank before the first marker */
		}
		as->a = xrealloc(as->a, (as->n + 1) * sizeof(*as->a));
		as->a[as->n++] = a;
	}
	return true;
}

/* Drop the answers whose text is empty, as Moodle's question types do
 * when they save them, saying so. */
static void drop_empty(struct gq *q, struct answers *as)
{
	size_t k = 0;
	for (size_t i = 0; i < as->n; i++) {
		if (*as->a[i].text) {
			as->a[k++] = as->a[i];
			continue;
		}
		gq_report(q, DIAG_NOTE, as->a[i].off, "an empty answer is dropped, as Moodle drops it");
		free(as->a[i].text);
		free(as->a[i].feedback);
	}
	as->n = k;
}

static void add_feedback_line(struct strbuf *sb, const char *label, const char *fb)
{
	if (!fb)
		return;
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

/* Moodle gives a negative mark for a chosen negative weight in a question
 * where one answer is graded; a score here never goes below 0. */
static void warn_negative(struct gq *q, const struct answer *a)
{
	if (a->weight < 0)
		gq_warn(q, a->off, "answer '%s' weighs %g%%: Moodle subtracts that from the mark, "
			"here the question scores 0 instead", a->text, a->weight);
}

static cJSON *convert_choice(struct gq *q, const char *s, size_t from, size_t to,
			     const char *general, cJSON *out)
{
	struct answers as = { NULL, 0 };
	struct strbuf fb = STRBUF_INIT, right_list = STRBUF_INIT;
	cJSON *choices = NULL;
	/* Moodle: a block with an unescaped '=' is "one answer", else "multiple answers" */
	bool single = find_unescaped(s, from, to, '=') < to;
	if (!split_answers(q, s, from, to, "=~", true, true, &as))
		goto fail;
	drop_empty(q, &as);
	if (as.n < 2) {
		gq_malformed(q, from, "a multiple-choice question needs at least 2 non-empty choices");
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
	double positive = 0, max = -100;
	bool plain = true; /* only 0% and 100%: no weights needed */
	int first_full = -1;
	for (size_t i = 0; i < as.n; i++) {
		double w = as.a[i].weight;
		if (w > 0)
			positive += w;
		if (w > max)
			max = w;
		if (w != 0 && w != 100)
			plain = false;
		if (w == 100 && first_full < 0)
			first_full = (int)i;
	}
	if (single && max != 100) {
		gq_malformed(q, from, "no choice is worth 100%% (Moodle refuses a one-answer question without one)");
		goto fail;
	}
	if (!single && fabs(positive - 100) > 0.5) {
		gq_malformed(q, from, "the positive weights add up to %g%%, not 100%% (Moodle refuses such a "
			     "multiple-answer question)", positive);
		goto fail;
	}
	choices = cJSON_CreateArray();
	cJSON *weights = cJSON_CreateArray();
	cJSON *key = single ? cJSON_CreateNumber(first_full) : cJSON_CreateArray();
	for (size_t i = 0; i < as.n; i++) {
		struct answer *a = &as.a[i];
		cJSON_AddItemToArray(choices, cJSON_CreateString(a->text));
		cJSON_AddItemToArray(weights, cJSON_CreateNumber(a->weight));
		if (single)
			warn_negative(q, a);
		else if (a->weight > 0)
			cJSON_AddItemToArray(key, cJSON_CreateNumber((double)i));
		if (single ? a->weight == 100 : a->weight > 0)
			strbuf_addf(&right_list, "%s%s", right_list.len ? "; " : "", a->text);
		add_feedback_line(&fb, a->text, a->feedback);
		gq_fraction(q, a->weight);
	}
	cJSON_AddStringToObject(out, "type", single ? "single" : "multiple");
	cJSON_AddNumberToObject(out, "points", 1);
	cJSON_AddItemToObject(out, "choices", choices);
	cJSON_AddItemToObject(out, "answer", key);
	/* a multiple-answer question always carries its weights: without
	 * them it would be graded (right - wrong) / right, not as Moodle does */
	if (single && plain)
		cJSON_Delete(weights);
	else
		cJSON_AddItemToObject(out, "weights", weights);
	char *fallback = xasprintf(single ? "The right answer: %s." : "The right answers: %s.", right_list.buf);
	char *ex = explanation(general, &fb, fallback);
	cJSON_AddStringToObject(out, "explanation", ex);
	free(ex);
	free(fallback);
	answers_clear(&as);
	strbuf_release(&fb);
	strbuf_release(&right_list);
	return out;
fail:
	answers_clear(&as);
	strbuf_release(&fb);
	strbuf_release(&right_list);
	return NULL;
}

/* True when a short answer has a wildcard: a '*' not preceded by '\'. */
static bool has_wildcard(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p == '*' && (p == s || p[-1] != '\\'))
			return true;
	return false;
}

/* A Moodle short answer as it matches: "\*" is a literal '*'. */
static char *literal_answer(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "", 0);
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == '*')
			s++;
		strbuf_add(&sb, s, 1);
	}
	return strbuf_detach(&sb);
}

/* A Moodle short-answer pattern as a POSIX ERE matched against the whole
 * answer: a run of unescaped '*' matches any characters but a newline
 * (PCRE's '.' without /s), "\*" is a literal '*', the rest is literal. */
static char *wildcard_regex(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "", 0);
	for (const char *p = s; *p; p++) {
		if (p[0] == '\\' && p[1] == '*') {
			strbuf_addstr(&sb, "\\*");
			p++;
		} else if (*p == '*') {
			while (p[1] == '*')
				p++;
			strbuf_addstr(&sb, "[^\n]*");
		} else if (strchr(".[]()*+?{}|^$\\", *p)) {
			strbuf_addf(&sb, "\\%c", *p);
		} else {
			strbuf_add(&sb, p, 1);
		}
	}
	return strbuf_detach(&sb);
}

static cJSON *text_entry(const char *key, const char *str, double weight)
{
	if (weight == 100)
		return cJSON_CreateString(str);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, key, str);
	cJSON_AddNumberToObject(o, "weight", weight);
	return o;
}

static cJSON *convert_short(struct gq *q, const char *s, size_t from, size_t to,
			    const char *general, cJSON *out)
{
	struct answers as = { NULL, 0 };
	struct strbuf fb = STRBUF_INIT;
	if (!split_answers(q, s, from, to, "=", true, false, &as))
		goto fail;
	for (size_t i = 0; i < as.n; i++)
		if (!as.a[i].has_weight)
			as.a[i].weight = 100;
	drop_empty(q, &as);
	bool wild = false, full = false;
	for (size_t i = 0; i < as.n; i++) {
		wild |= has_wildcard(as.a[i].text);
		full |= as.a[i].weight == 100;
	}
	if (!full) {
		gq_malformed(q, from, "no answer is worth 100%% (Moodle refuses a short answer without one)");
		goto fail;
	}
	/* One ordered list, because Moodle grades by the first answer that
	 * matches: literal strings, or every answer as a regex once one has
	 * a wildcard. */
	cJSON *list = cJSON_CreateArray();
	const char *first_right = NULL;
	for (size_t i = 0; i < as.n; i++) {
		struct answer *a = &as.a[i];
		char *str = wild ? wildcard_regex(a->text) : literal_answer(a->text);
		cJSON_AddItemToArray(list, text_entry(wild ? "pattern" : "text", str, a->weight));
		free(str);
		warn_negative(q, a);
		if (a->weight == 100 && !first_right)
			first_right = a->text;
		add_feedback_line(&fb, a->text, a->feedback);
		gq_fraction(q, a->weight);
	}
	cJSON_AddStringToObject(out, "type", "text");
	cJSON_AddNumberToObject(out, "points", 1);
	cJSON_AddItemToObject(out, wild ? "regex" : "accept", list);
	/* Moodle trims the answer and compares the rest as typed */
	cJSON_AddStringToObject(out, "fold_whitespace", "trim");
	char *shown = literal_answer(first_right);
	char *fallback = xasprintf("The expected answer is: %s.", shown);
	free(shown);
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

/* True when the block (before any '#') is exactly T, TRUE, F or FALSE:
 * Moodle's test is case-sensitive, so {true} is a short answer. */
static bool is_truefalse(const char *s, size_t from, size_t to)
{
	size_t h = find_unescaped(s, from, to, '#');
	char *word = unescape(s, from, h);
	bool tf = !strcmp(word, "T") || !strcmp(word, "TRUE") || !strcmp(word, "F") || !strcmp(word, "FALSE");
	free(word);
	return tf;
}

static cJSON *convert_bool(struct gq *q, const char *s, size_t from, size_t to,
			   const char *general, cJSON *out)
{
	size_t h1 = find_unescaped(s, from, to, '#');
	size_t h2 = h1 < to ? find_unescaped(s, h1 + 1, to, '#') : to;
	char *word = unescape(s, from, h1);
	/* Moodle splits on the first two '#': the rest is the right feedback */
	char *wrong_fb = h1 < to ? unescape(s, h1 + 1, h2) : NULL;
	char *right_fb = h2 < to ? unescape(s, h2 + 1, to) : NULL;
	bool value = word[0] == 'T';
	(void)q;
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
	free(word);
	free(wrong_fb);
	free(right_fb);
	return out;
}

/* A number as PHP's is_numeric reads one: blanks, a sign, digits with an
 * optional '.', an optional exponent, blanks. No hex, inf or nan. */
static bool parse_double(const char *s, double *out)
{
	const char *p = s;
	while (is_blank(*p))
		p++;
	const char *start = p;
	if (*p == '+' || *p == '-')
		p++;
	int digits = 0;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	const char *end = p;
	while (is_blank(*p))
		p++;
	if (*p)
		return false;
	char *e;
	errno = 0;
	*out = strtod(start, &e);
	return e == end && !errno && isfinite(*out);
}

struct numeric {
	double value, tolerance;
	bool range;
	double lo, hi;
	double weight;
	char *text;
	char *feedback;
	size_t off;
};

/* "value", "value:tolerance" or "min..max" (an answer's text). */
static bool parse_numeric(struct gq *q, struct numeric *n)
{
	char *spec = n->text;
	char *dots = strstr(spec, "..");
	char *colon = strchr(spec, ':');
	if (dots && dots > spec) {
		double lo, hi;
		*dots = '\0';
		bool ok = parse_double(spec, &lo) && parse_double(dots + 2, &hi);
		if (!ok) {
			gq_malformed(q, n->off, "bad numeric range '%s..%s': expected {#min..max} with two numbers",
				     spec, dots + 2);
		} else if (lo > hi) {
			gq_malformed(q, n->off, "bad numeric range: the minimum %g is above the maximum %g", lo, hi);
			ok = false;
		}
		*dots = '.';
		if (!ok)
			return false;
		n->range = true;
		n->lo = lo;
		n->hi = hi;
		n->value = lo + (hi - lo) / 2;
		n->tolerance = hi - n->value;
		return true;
	}
	double tol = 0;
	if (colon && colon > spec)
		*colon = '\0';
	else
		colon = NULL;
	bool ok = parse_double(spec, &n->value);
	if (!ok)
		gq_malformed(q, n->off, "'%s' is not a number; Moodle would import it as \"any answer is right\" "
			     "(its '*'), which is surely not what the bank means", spec);
	else if (colon && (!parse_double(colon + 1, &tol) || tol < 0))
		gq_malformed(q, n->off, "bad tolerance '%s': expected a number >= 0", colon + 1);
	if (colon)
		*colon = ':';
	n->tolerance = tol;
	return ok && (!colon || tol >= 0);
}

static cJSON *convert_numeric(struct gq *q, const char *s, size_t from, size_t to,
			      const char *general, cJSON *out)
{
	struct answers as = { NULL, 0 };
	struct numeric *ns = NULL;
	size_t nn = 0;
	cJSON *ret = NULL;
	struct strbuf fb = STRBUF_INIT;
	/* "~#feedback" after the answers is the feedback for any other number */
	size_t tilde = find_unescaped(s, from, to, '~');
	char *other_fb = NULL;
	if (tilde < to) {
		size_t h = find_unescaped(s, tilde + 1, to, '#');
		if (h < to)
			other_fb = unescape(s, h + 1, to);
	}
	if (!split_answers(q, s, from, tilde, "=", true, false, &as))
		goto out;
	if (as.n == 0) {
		gq_malformed(q, from, "no numeric answer: expected {#value}, {#value:tolerance} or {#min..max}");
		goto out;
	}
	ns = xcalloc(as.n, sizeof(*ns));
	for (size_t k = 0; k < as.n; k++, nn++) {
		ns[k].text = as.a[k].text;
		ns[k].feedback = as.a[k].feedback;
		ns[k].off = as.a[k].off;
		ns[k].weight = as.a[k].has_weight ? as.a[k].weight : 100;
		if (!parse_numeric(q, &ns[k]))
			goto out;
	}
	size_t full = nn;
	for (size_t k = 0; k < nn && full == nn; k++)
		if (ns[k].weight == 100)
			full = k;
	if (full == nn) {
		gq_malformed(q, from, "no numeric answer earns 100%%; one must be fully right");
		goto out;
	}
	for (size_t k = 0; k < nn; k++) {
		if (ns[k].feedback)
			strbuf_addf(&fb, "- %s: %s\n", ns[k].text, ns[k].feedback);
		warn_negative(q, &as.a[k]);
		gq_fraction(q, ns[k].weight);
	}
	if (other_fb && *other_fb)
		strbuf_addf(&fb, "- any other answer: %s\n", other_fb);
	char *fallback = ns[full].range
		? xasprintf("Any number from %g to %g is right.", ns[full].lo, ns[full].hi)
		: ns[full].tolerance > 0
		? xasprintf("The answer is %g (within %g).", ns[full].value, ns[full].tolerance)
		: xasprintf("The answer is %g.", ns[full].value);
	char *ex = explanation(general, &fb, fallback);
	cJSON_AddStringToObject(out, "type", "number");
	cJSON_AddNumberToObject(out, "points", 1);
	if (nn == 1) {
		cJSON_AddNumberToObject(out, "answer", ns[0].value);
		cJSON_AddNumberToObject(out, "tolerance", ns[0].tolerance);
	} else {
		/* in order: Moodle grades by the first answer the number is within */
		cJSON *list = cJSON_AddArrayToObject(out, "answers");
		for (size_t k = 0; k < nn; k++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "answer", ns[k].value);
			cJSON_AddNumberToObject(o, "tolerance", ns[k].tolerance);
			cJSON_AddNumberToObject(o, "weight", ns[k].weight);
			cJSON_AddItemToArray(list, o);
		}
	}
	cJSON_AddStringToObject(out, "explanation", ex);
	free(ex);
	free(fallback);
	ret = out;
out:
	free(ns); /* its strings belong to as */
	answers_clear(&as);
	free(other_fb);
	strbuf_release(&fb);
	return ret;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* {=stem -> choice ...}: a "match" question. A pair with an empty stem
 * only adds its choice (a distractor); equal choices are one choice, as
 * in Moodle. Choices are sorted so their order gives nothing away. */
static cJSON *convert_match(struct gq *q, const char *s, size_t from, size_t to,
			    const char *general, cJSON *out)
{
	struct answers as = { NULL, 0 };
	struct strbuf fb = STRBUF_INIT;
	char **stems = NULL, **rights = NULL, **choices = NULL;
	size_t ns = 0, nc = 0, npairs = 0;
	cJSON *ret = NULL;
	if (!split_answers(q, s, from, to, "=", false, false, &as))
		goto out;
	npairs = as.n;
	if (as.n < 2) {
		gq_malformed(q, from, "a matching question needs at least 2 pairs");
		goto out;
	}
	stems = xcalloc(as.n, sizeof(*stems));
	rights = xcalloc(as.n, sizeof(*rights));
	choices = xcalloc(as.n, sizeof(*choices));
	for (size_t i = 0; i < as.n; i++) {
		/* '#' is no feedback mark in a matching question: put it back */
		char *pair = as.a[i].feedback ? xasprintf("%s#%s", as.a[i].text, as.a[i].feedback)
					      : xstrdup(as.a[i].text);
		char *arrow = strstr(pair, "->");
		if (!arrow) {
			gq_malformed(q, as.a[i].off, "pair '%s' has no '->' (every answer of a matching question "
				     "is =stem -> choice)", pair);
			free(pair);
			goto out;
		}
		*arrow = '\0';
		char *left = unescape(pair, 0, strlen(pair));
		char *right = unescape(arrow + 2, 0, strlen(arrow + 2));
		free(pair);
		if (!*right) {
			gq_malformed(q, as.a[i].off, "stem '%s' has no choice after '->'", left);
			free(left);
			free(right);
			goto out;
		}
		bool known = false;
		for (size_t c = 0; c < nc; c++)
			known |= strcmp(choices[c], right) == 0;
		if (!known)
			choices[nc++] = xstrdup(right);
		if (*left) {
			stems[ns] = left;
			rights[ns++] = right;
			strbuf_addf(&fb, "%s%s \342\206\222 %s", fb.len ? "; " : "", left, right);
		} else {
			free(left);
			free(right);
		}
	}
	if (ns < 2) {
		gq_malformed(q, from, "a matching question needs at least 2 pairs with a stem");
		goto out;
	}
	qsort(choices, nc, sizeof(*choices), compare_strings);
	cJSON_AddStringToObject(out, "type", "match");
	cJSON_AddNumberToObject(out, "points", 1);
	cJSON *st = cJSON_AddArrayToObject(out, "stems");
	cJSON *ch = cJSON_AddArrayToObject(out, "choices");
	cJSON *key = cJSON_AddArrayToObject(out, "answer");
	for (size_t c = 0; c < nc; c++)
		cJSON_AddItemToArray(ch, cJSON_CreateString(choices[c]));
	for (size_t i = 0; i < ns; i++) {
		cJSON_AddItemToArray(st, cJSON_CreateString(stems[i]));
		for (size_t c = 0; c < nc; c++)
			if (strcmp(choices[c], rights[i]) == 0)
				cJSON_AddItemToArray(key, cJSON_CreateNumber((double)c));
	}
	/* each right pair earns 1/stems of the points */
	gq_fraction(q, 100.0 / (double)ns);
	char *fallback = xasprintf("The pairs: %s.", fb.buf);
	struct strbuf none = STRBUF_INIT;
	char *ex = explanation(general, &none, fallback);
	cJSON_AddStringToObject(out, "explanation", ex);
	free(ex);
	free(fallback);
	ret = out;
out:
	for (size_t i = 0; i < npairs; i++) {
		if (stems)
			free(stems[i]);
		if (rights)
			free(rights[i]);
		if (choices)
			free(choices[i]);
	}
	free(stems);
	free(rights);
	free(choices);
	answers_clear(&as);
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
	struct gq q = { g, b, NULL, 0, false, NULL, 0 };
	char *title = NULL, *prompt = NULL, *general = NULL;
	cJSON *out = NULL;

	while (i < len && is_blank(s[i]))
		i++;
	q.start = i;
	q.name = xasprintf("#%d", qno);
	if (len - i >= 2 && s[i] == ':' && s[i + 1] == ':') {
		size_t close = find_unescaped_str(s, i + 2, len, "::");
		if (close == len) {
			/* Moodle drops the "::" and names the question by its text */
			gq_warn(&q, i, "'::' without a closing '::': read as text without a title, as Moodle does "
				"(a ':' in a title is written '\\:')");
			i += 2;
		} else {
			title = unescape(s, i + 2, close);
			free(q.name);
			q.name = xstrdup(*title ? title : "(empty title)");
			i = close + 2;
		}
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
	size_t gf = end; /* Moodle takes the last "####" */
	for (size_t p = find_unescaped_str(s, body, end, "####"); p < end;
	     p = find_unescaped_str(s, p + 1, end, "####"))
		gf = p;
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
	/* the type, decided in Moodle's order */
	if (k == end) {
		gq_unsupported(&q, open, "an essay question ({}) is graded by a teacher; it has no answer key");
	} else if (s[k] == '#') {
		done = convert_numeric(&q, s, k + 1, end, general, tmp);
	} else if (has_tilde) {
		done = convert_choice(&q, s, k, end, general, tmp);
	} else if (has_eq && has_arrow) {
		done = convert_match(&q, s, k, end, general, tmp);
	} else if (is_truefalse(s, k, end)) {
		done = convert_bool(&q, s, k, end, general, tmp);
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
	g->qf = xrealloc(g->qf, (g->nqf + 1) * sizeof(*g->qf));
	block_pos(b, q.start, &g->qf[g->nqf].line, &(int){ 0 });
	g->qf[g->nqf].fracs = q.fracs;
	g->qf[g->nqf].n = q.nfracs;
	g->nqf++;
	q.fracs = NULL;
out:
	free(q.fracs);
	cJSON_Delete(out);
	free(title);
	free(prompt);
	free(general);
	free(q.name);
}

static bool whole_points(int points, double percent)
{
	double x = points * percent / 100;
	return fabs(x - round(x)) < QUIZ_FRACTION_SLACK;
}

/* Every question of a Moodle bank is worth the same mark (its default, 1)
 * and earns a fraction of it; scores here are whole points. So every
 * imported question gets the same points: the fewest (up to 100) with
 * which each weight is a whole number of points, which keeps both the
 * questions' relative worth and every partial score exact. */
static void choose_points(struct gctx *g)
{
	int points = 100;
	for (int p = 1; p <= 100; p++) {
		bool ok = true;
		for (size_t i = 0; i < g->nqf && ok; i++)
			for (size_t k = 0; k < g->qf[i].n && ok; k++)
				ok = whole_points(p, g->qf[i].fracs[k]);
		if (ok) {
			points = p;
			break;
		}
	}
	size_t i = 0;
	for (cJSON *q = g->out->child; q; q = q->next, i++) {
		cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(q, "points"), points);
		for (size_t k = 0; i < g->nqf && k < g->qf[i].n; k++) {
			if (!whole_points(points, g->qf[i].fracs[k])) {
				diag_add(g->d, DIAG_WARNING, g->file, NULL, g->qf[i].line, 1,
					 "question '%s': weight %g%% of %d points is not a whole number; "
					 "its scores round down", cJSON_GetObjectItemCaseSensitive(q, "id")->valuestring,
					 g->qf[i].fracs[k], points);
				break;
			}
		}
	}
}

cJSON *gift_convert(const char *text, size_t len, const char *file,
		    bool skip_unsupported, struct gift_stats *st, struct diag_list *d)
{
	struct gctx g = { file, d, skip_unsupported, st, cJSON_CreateArray(), NULL, 0 };
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
	choose_points(&g);
	for (size_t k = 0; k < g.nqf; k++)
		free(g.qf[k].fracs);
	free(g.qf);
	return g.out;
}
