/*
 * quiz.c - the quiz engine: strict validation of a pack's "quiz" array,
 * loading of a learner's answers.json, and scoring (docs/pack-format.md,
 * "Quiz" and "answers.json").
 *
 * Everything here is pure: no I/O, no terminal. The interactive quiz
 * (quiz_cli.c), the report (report.c) and the GIFT importer (gift.c) all
 * score through quiz_score_question, so the rules live in one place.
 *
 * Text answers are compared as UTF-8 whatever the caller's locale is.
 * "accept" strings and the answer are both brought to one Unicode form
 * first (quiz_fold_text, with libunistring's tables): NFC when the
 * question is case-sensitive, so "Zoë" typed as e + U+0308 (NFD, as macOS
 * input gives it) is "Zoë"; otherwise NFKC with full case folding, so
 * "STRASSE" matches "straße", "ＣＳＰ" (full width) matches "CSP" and
 * "ZOË" matches "zoë". Regexes see the NFC answer, and REG_ICASE runs under
 * a private C.UTF-8 locale (uselocale), so '.' matches one character, not
 * one byte.
 */
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "jsontext.h"
#include "quiz.h"
#include "manifest.h"
#include "roadmap.h"
#include "util.h"

static const char *const common_fields[] = {
	"id", "type", "prompt", "points", "explanation", NULL
};

struct qtype {
	const char *name;
	const char *const *fields; /* type-specific fields */
};

static const char *const single_fields[] = { "choices", "answer", "weights", NULL };
static const char *const bool_fields[] = { "answer", NULL };
static const char *const text_fields[] = { "accept", "regex", "case_sensitive", "fold_whitespace", NULL };
static const char *const number_fields[] = { "answer", "tolerance", "answers", NULL };
static const char *const match_fields[] = { "stems", "choices", "answer", NULL };

static const struct qtype qtypes[] = {
	{ "single", single_fields },
	{ "multiple", single_fields },
	{ "bool", bool_fields },
	{ "text", text_fields },
	{ "number", number_fields },
	{ "match", match_fields },
};
#define N_QTYPES (sizeof(qtypes) / sizeof(qtypes[0]))

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static const struct qtype *find_qtype(const char *name)
{
	for (size_t i = 0; i < N_QTYPES; i++)
		if (strcmp(qtypes[i].name, name) == 0)
			return &qtypes[i];
	return NULL;
}

static bool is_integer(const cJSON *x)
{
	return cJSON_IsNumber(x) && isfinite(x->valuedouble) &&
	       x->valuedouble == floor(x->valuedouble);
}

static const char *qtype_of(const cJSON *q)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(q, "type");
	return cJSON_IsString(t) ? t->valuestring : "";
}

int quiz_question_points(const cJSON *question)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(question, "points");
	if (!p)
		return 1;
	if (!is_integer(p) || p->valuedouble < 0 || p->valuedouble > QUIZ_MAX_POINTS)
		return 0;
	return (int)p->valuedouble;
}

/* --- text comparison ---------------------------------------------------- */

/* A UTF-8 LC_CTYPE for case folding and regexes, made once. NULL when the
 * system has none; then the caller's locale is used (ASCII folding in "C"). */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	static bool tried;
	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (!loc)
			loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
	}
	return loc;
}

static locale_t enter_utf8(void)
{
	locale_t loc = utf8_locale();
	return loc ? uselocale(loc) : (locale_t)0;
}

static void leave_utf8(locale_t old)
{
	if (old)
		uselocale(old);
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Trim and collapse runs of whitespace to one space. Caller frees. */
static char *fold_whitespace(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	bool pending = false;
	strbuf_add(&sb, "", 0);
	for (; *s; s++) {
		if (is_space((unsigned char)*s)) {
			pending = sb.len > 0;
			continue;
		}
		if (pending)
			strbuf_add(&sb, " ", 1);
		pending = false;
		strbuf_add(&sb, s, 1);
	}
	return strbuf_detach(&sb);
}

char *quiz_fold_text(const char *s, bool fold_case)
{
	size_t n = 0, len = strlen(s);
	/* Not UTF-8: compared byte for byte, as written (libunistring would
	 * read each bad byte as U+FFFD, so that different bytes compared
	 * equal). */
	if (u8_check((const uint8_t *)s, len))
		return xstrdup(s);
	uint8_t *r = fold_case ? u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFKC, NULL, &n)
			       : u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
	if (!r)
		return xstrdup(s);
	char *out = xstrndup((const char *)r, n);
	free(r);
	return out;
}

/* How a text answer's whitespace is treated before comparing: the
 * "fold_whitespace" field. true (the default): trim and collapse runs;
 * "trim": trim the ends only, as Moodle's short answers do; false: as is. */
enum ws_mode { WS_KEEP, WS_FOLD, WS_TRIM };

static enum ws_mode ws_mode_of(const cJSON *q)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(q, "fold_whitespace");
	if (cJSON_IsString(x) && strcmp(x->valuestring, "trim") == 0)
		return WS_TRIM;
	return cJSON_IsFalse(x) ? WS_KEEP : WS_FOLD;
}

static char *apply_ws(const char *s, enum ws_mode ws)
{
	if (ws == WS_FOLD)
		return fold_whitespace(s);
	if (ws == WS_KEEP)
		return xstrdup(s);
	while (is_space((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Whitespace first: NFKC turns U+00A0 (no-break space) into a space,
 * which the whitespace rule then treats like any other. */
static char *normalise(const char *s, enum ws_mode ws, bool fold_cs)
{
	char *a = quiz_fold_text(s, fold_cs);
	char *b = apply_ws(a, ws);
	free(a);
	return b;
}

/* Compile an author's regex with the flags scoring uses. Returns regcomp's
 * code; on failure msg (if not NULL) gets regerror's text. Call between
 * enter_utf8/leave_utf8 so the pattern is read as UTF-8. */
/* glibc's regcomp builds an automaton whose size multiplies with nested
 * and bounded repetition: "a{1,32767}" or two dozen '+' in a row take
 * gigabytes and minutes. An answer key never needs that, so refuse such
 * patterns before regcomp sees them. Returns a reason or NULL. */
static const char *regex_too_complex(const char *p)
{
	enum { MAX_LEN = 512, MAX_BOUND = 100, MAX_QUANTIFIERS = 32 };
	if (strlen(p) > MAX_LEN)
		return "longer than 512 characters";
	int quantifiers = 0;
	bool after_quantifier = false;
	for (const char *c = p; *c; c++) {
		if (*c == '\\' && c[1]) {
			c++;
			after_quantifier = false;
			continue;
		}
		bool q = *c == '*' || *c == '+' || *c == '?' || *c == '{';
		if (q && after_quantifier)
			return "has a repetition of a repetition (e.g. \"a++\")";
		if (*c == '{') {
			for (const char *d = c + 1; *d && *d != '}'; d++) {
				if (*d < '0' || *d > '9')
					continue;
				if (strtol(d, NULL, 10) > MAX_BOUND)
					return "has a repetition bound above 100";
				while (d[1] >= '0' && d[1] <= '9')
					d++;
			}
			while (*c && *c != '}')
				c++;
			if (!*c)
				break;
		}
		if (q && ++quantifiers > MAX_QUANTIFIERS)
			return "has more than 32 repetition operators";
		after_quantifier = q;
	}
	return NULL;
}

static int compile_regex(regex_t *re, const char *pattern, bool case_sensitive,
			 char *msg, size_t msglen)
{
	const char *why = regex_too_complex(pattern);
	if (why) {
		if (msg)
			snprintf(msg, msglen, "too complex for an answer key: it %s", why);
		return REG_ESPACE;
	}
	int rc = regcomp(re, pattern, REG_EXTENDED | (case_sensitive ? 0 : REG_ICASE));
	if (rc && msg)
		regerror(rc, re, msg, msglen);
	return rc;
}

/* Whole-string match: POSIX regexec returns the leftmost-longest match, so
 * the pattern matches the whole answer exactly when that match starts at 0
 * and ends at the end. No "^(...)$" wrapping, which would renumber
 * back-references and change the meaning of an unbalanced pattern. */
static bool regex_matches_whole(regex_t *re, const char *s)
{
	regmatch_t m[1];
	if (regexec(re, s, 1, m, 0) != 0)
		return false;
	return m[0].rm_so == 0 && (size_t)m[0].rm_eo == strlen(s);
}

static bool flag(const cJSON *q, const char *key, bool dflt)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(q, key);
	return cJSON_IsBool(x) ? cJSON_IsTrue(x) : dflt;
}

/* An entry of "accept" or "regex": a string (worth 100%), or an object
 * {"text"|"pattern": string, "weight": percent}. NULL when unusable. */
static const char *entry_string(const cJSON *x, const char *key)
{
	if (cJSON_IsString(x))
		return x->valuestring;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(x, key);
	return cJSON_IsObject(x) && cJSON_IsString(v) ? v->valuestring : NULL;
}

static double entry_weight(const cJSON *x)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(x, "weight");
	return cJSON_IsObject(x) && cJSON_IsNumber(w) ? w->valuedouble : 100.0;
}

/* The weight (percent) of the first entry that matches given: "accept"
 * in order, then "regex" in order, as Moodle takes a short answer's first
 * matching answer. 0 when none matches. */
static double text_weight(const cJSON *q, const char *given)
{
	bool cs = flag(q, "case_sensitive", false);
	enum ws_mode ws = ws_mode_of(q);
	double weight = 0;
	bool found = false;
	locale_t old = enter_utf8();
	char *g = normalise(given, ws, !cs);
	const cJSON *x;
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(q, "accept")) {
		const char *t = entry_string(x, "text");
		if (!t)
			continue;
		char *a = normalise(t, ws, !cs);
		found = strcmp(a, g) == 0;
		free(a);
		if (found) {
			weight = entry_weight(x);
			goto out;
		}
	}
	/* Regexes see the whitespace-treated answer; case is REG_ICASE's job
	 * so that "[A-Z]+" keeps meaning what the author wrote. */
	char *gw = normalise(given, ws, false);
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(q, "regex")) {
		regex_t re;
		const char *p = entry_string(x, "pattern");
		if (!p || compile_regex(&re, p, cs, NULL, 0))
			continue;
		found = regex_matches_whole(&re, gw);
		regfree(&re);
		if (found) {
			weight = entry_weight(x);
			break;
		}
	}
	free(gw);
out:
	free(g);
	leave_utf8(old);
	return weight;
}

/* --- validation ---------------------------------------------------------- */

struct qv {
	struct diag_list *d;
	const char *file;
	char *where; /* "quiz[3]" */
};

__attribute__((format(printf, 3, 4)))
static void qerr(struct qv *v, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char *w = field ? xasprintf("%s.%s", v->where, field) : xstrdup(v->where);
	diag_add(v->d, DIAG_ERROR, v->file, w, 0, 0, "%s", msg);
	free(w);
}

/* Non-empty string field; reports missing or mistyped values. */
static const char *need_string(struct qv *v, const cJSON *q, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(q, key);
	if (!x) {
		qerr(v, key, "missing (required)");
		return NULL;
	}
	if (!cJSON_IsString(x)) {
		qerr(v, key, "must be a string");
		return NULL;
	}
	const char *s = x->valuestring;
	while (is_space((unsigned char)*s))
		s++;
	if (!*s) {
		qerr(v, key, "must not be empty");
		return NULL;
	}
	return x->valuestring;
}

static void check_fields(struct qv *v, const cJSON *q, const struct qtype *t)
{
	size_t n, ci = 0;
	bool *dup = jsontext_duplicate_keys(q, &n);
	for (const cJSON *c = q->child; c; c = c->next, ci++) {
		const char *k = c->string;
		if (dup[ci])
			qerr(v, k, "duplicate key");
		if (strncmp(k, "x-", 2) == 0 || in_list(k, common_fields))
			continue;
		if (t && in_list(k, t->fields))
			continue;
		const struct qtype *other = NULL;
		for (size_t i = 0; i < N_QTYPES && !other; i++)
			if (in_list(k, qtypes[i].fields))
				other = &qtypes[i];
		if (t && other)
			qerr(v, k, "does not apply to a '%s' question (it belongs to '%s' questions)",
			     t->name, other->name);
		else if (!other)
			qerr(v, k, "unknown field (allowed: see docs/pack-format.md, \"Quiz\"; use an \"x-\" prefix for your own fields)");
	}
	free(dup);
}

/* "choices": an array of at least 2 non-empty strings. Returns the count,
 * or -1 when unusable. */
static int check_choices(struct qv *v, const cJSON *q)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(q, "choices");
	if (!c) {
		qerr(v, "choices", "missing (required for '%s' questions)", qtype_of(q));
		return -1;
	}
	if (!cJSON_IsArray(c) || cJSON_GetArraySize(c) < 2) {
		qerr(v, "choices", "must be an array of at least 2 strings");
		return -1;
	}
	int n = 0, bad = 0;
	for (const cJSON *x = c->child; x; x = x->next, n++) {
		char *f = xasprintf("choices[%d]", n);
		if (!cJSON_IsString(x) || !*x->valuestring) {
			qerr(v, f, "must be a non-empty string");
			bad = 1;
		} else {
			for (const cJSON *y = c->child; y != x; y = y->next) {
				if (cJSON_IsString(y) && strcmp(y->valuestring, x->valuestring) == 0) {
					qerr(v, f, "the same text as another choice; the learner could not tell them apart");
					bad = 1;
					break;
				}
			}
		}
		free(f);
	}
	return bad ? -1 : n;
}

static void check_index(struct qv *v, const cJSON *x, const char *field, int n_choices)
{
	if (!is_integer(x))
		qerr(v, field, "must be the 0-based index of a choice (an integer)");
	else if (n_choices >= 0 && (x->valuedouble < 0 || x->valuedouble >= n_choices))
		qerr(v, field, "index %.0f is out of range: there are %d choices (0 to %d)",
		     x->valuedouble, n_choices, n_choices - 1);
}

/* A weight: a percentage from -100 to 100, as Moodle's answer fractions. */
static bool valid_weight(const cJSON *w)
{
	return cJSON_IsNumber(w) && isfinite(w->valuedouble) &&
	       w->valuedouble >= -100 && w->valuedouble <= 100;
}

/* "weights": one percentage per choice. Returns the array, or NULL when
 * absent or unusable (then reported). */
static const cJSON *check_weights(struct qv *v, const cJSON *q, int n_choices)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(q, "weights");
	if (!w)
		return NULL;
	if (!cJSON_IsArray(w) || (n_choices >= 0 && cJSON_GetArraySize(w) != n_choices)) {
		qerr(v, "weights", "must be an array of one percentage per choice (%d numbers from -100 to 100)",
		     n_choices);
		return NULL;
	}
	int i = 0, bad = 0;
	for (const cJSON *x = w->child; x; x = x->next, i++) {
		if (!valid_weight(x)) {
			char *f = xasprintf("weights[%d]", i);
			qerr(v, f, "must be a number from -100 to 100 (a percentage of the points)");
			free(f);
			bad = 1;
		}
	}
	return bad ? NULL : w;
}

static double weight_at(const cJSON *weights, int i)
{
	const cJSON *x = cJSON_GetArrayItem(weights, i);
	return cJSON_IsNumber(x) ? x->valuedouble : 0;
}

static void check_single(struct qv *v, const cJSON *q)
{
	int n = check_choices(v, q);
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(q, "answer");
	const cJSON *w = check_weights(v, q, n);
	if (!a) {
		qerr(v, "answer", "missing (required: the 0-based index of the right choice)");
		return;
	}
	check_index(v, a, "answer", n);
	if (!w || !is_integer(a) || a->valuedouble < 0 || a->valuedouble >= n)
		return;
	int ai = (int)a->valuedouble;
	if (weight_at(w, ai) != 100)
		qerr(v, "weights", "the right choice (answer %d) must weigh 100, not %g", ai, weight_at(w, ai));
}

static void check_multiple(struct qv *v, const cJSON *q)
{
	int n = check_choices(v, q);
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(q, "answer");
	const cJSON *w = check_weights(v, q, n);
	if (!a) {
		qerr(v, "answer", "missing (required: an array of the 0-based indexes of the right choices)");
		return;
	}
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) == 0) {
		qerr(v, "answer", "must be a non-empty array of choice indexes (at least one choice is right)");
		return;
	}
	int i = 0;
	bool listed[n > 0 ? n : 1];
	memset(listed, 0, sizeof(listed));
	for (const cJSON *x = a->child; x; x = x->next, i++) {
		char *f = xasprintf("answer[%d]", i);
		check_index(v, x, f, n);
		if (is_integer(x) && x->valuedouble >= 0 && x->valuedouble < n)
			listed[(int)x->valuedouble] = true;
		for (const cJSON *y = a->child; y != x; y = y->next) {
			if (is_integer(x) && is_integer(y) && x->valuedouble == y->valuedouble) {
				qerr(v, f, "index %.0f is listed twice", x->valuedouble);
				break;
			}
		}
		free(f);
	}
	if (!w)
		return;
	/* With weights, the right choices are exactly those that earn
	 * something, and together they earn the full points. */
	double positive = 0;
	for (int k = 0; k < n; k++) {
		double wk = weight_at(w, k);
		if (wk > 0)
			positive += wk;
		if ((wk > 0) != listed[k]) {
			char *f = xasprintf("weights[%d]", k);
			qerr(v, f, "choice %d weighs %g but is %s \"answer\"; the right choices are those with a positive weight",
			     k, wk, listed[k] ? "in" : "not in");
			free(f);
		}
	}
	if (fabs(positive - 100) > 0.5)
		qerr(v, "weights", "the positive weights add up to %g; they must add up to 100", positive);
}

static void check_bool(struct qv *v, const cJSON *q)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(q, "answer");
	if (!a)
		qerr(v, "answer", "missing (required: true or false)");
	else if (!cJSON_IsBool(a))
		qerr(v, "answer", "must be true or false");
}

static void check_flag(struct qv *v, const cJSON *q, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(q, key);
	if (x && !cJSON_IsBool(x))
		qerr(v, key, "must be true or false");
}

/* An entry of "accept" ("text") or "regex" ("pattern"): a string, or an
 * object {"<key>": string, "weight": percent}. Returns the string or NULL
 * (reported); *weight gets the entry's weight. */
static const char *check_entry(struct qv *v, const cJSON *x, const char *f, const char *key,
			       double *weight)
{
	*weight = 100;
	if (cJSON_IsString(x))
		return x->valuestring;
	if (!cJSON_IsObject(x)) {
		qerr(v, f, "must be a string, or an object {\"%s\": string, \"weight\": percent}", key);
		return NULL;
	}
	const char *str = NULL;
	bool bad = false;
	for (const cJSON *c = x->child; c; c = c->next) {
		char *cf = xasprintf("%s.%s", f, c->string);
		if (strcmp(c->string, key) == 0) {
			if (cJSON_IsString(c))
				str = c->valuestring;
			else
				qerr(v, cf, "must be a string");
		} else if (strcmp(c->string, "weight") == 0) {
			if (valid_weight(c))
				*weight = c->valuedouble;
			else {
				qerr(v, cf, "must be a number from -100 to 100 (a percentage of the points)");
				bad = true;
			}
		} else if (strncmp(c->string, "x-", 2) != 0) {
			qerr(v, cf, "unknown field (an entry has \"%s\" and \"weight\")", key);
			bad = true;
		}
		free(cf);
	}
	if (!str && !cJSON_GetObjectItemCaseSensitive(x, key)) {
		char *cf = xasprintf("%s.%s", f, key);
		qerr(v, cf, "missing (required)");
		free(cf);
	}
	return bad ? NULL : str;
}

/* Returns the number of usable entries, or -1 when the field is absent;
 * *full is set when one of them earns 100%. */
static int check_string_array(struct qv *v, const cJSON *q, const char *key,
			      bool regexes, bool case_sensitive, bool *full)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(q, key);
	if (!a)
		return -1;
	if (!cJSON_IsArray(a)) {
		qerr(v, key, "must be an array of strings");
		return 0;
	}
	int i = 0, ok = 0;
	for (const cJSON *x = a->child; x; x = x->next, i++) {
		char *f = xasprintf("%s[%d]", key, i);
		double weight;
		const char *str = check_entry(v, x, f, regexes ? "pattern" : "text", &weight);
		if (!str) {
			/* reported */
		} else if (regexes) {
			regex_t re;
			char msg[256];
			locale_t old = enter_utf8();
			int rc = compile_regex(&re, str, case_sensitive, msg, sizeof(msg));
			leave_utf8(old);
			if (rc) {
				qerr(v, f, "'%s' is not a valid POSIX extended regular expression: %s",
				     str, msg);
			} else {
				regfree(&re);
				ok++;
				*full |= weight == 100;
			}
		} else {
			char *folded = fold_whitespace(str);
			if (!*folded)
				qerr(v, f, "must not be empty (an empty answer is never accepted)");
			else {
				ok++;
				*full |= weight == 100;
			}
			free(folded);
		}
		free(f);
	}
	return ok;
}

static void check_text(struct qv *v, const cJSON *q)
{
	check_flag(v, q, "case_sensitive");
	const cJSON *ws = cJSON_GetObjectItemCaseSensitive(q, "fold_whitespace");
	if (ws && !cJSON_IsBool(ws) && !(cJSON_IsString(ws) && strcmp(ws->valuestring, "trim") == 0))
		qerr(v, "fold_whitespace", "must be true, false or \"trim\"");
	bool cs = flag(q, "case_sensitive", false), full = false;
	int na = check_string_array(v, q, "accept", false, cs, &full);
	int nr = check_string_array(v, q, "regex", true, cs, &full);
	if (na < 0 && nr < 0)
		qerr(v, NULL, "a 'text' question needs \"accept\" (strings) or \"regex\" (patterns), or both");
	else if (na <= 0 && nr <= 0)
		qerr(v, NULL, "a 'text' question needs at least one accepted string or regex; none is given");
	else if (!full)
		qerr(v, NULL, "no accepted string or regex weighs 100; one must earn the full points");
}

static bool valid_tolerance(const cJSON *t)
{
	return cJSON_IsNumber(t) && isfinite(t->valuedouble) && t->valuedouble >= 0;
}

/* "answers": [{"answer": n, "tolerance": t, "weight": w}...], tried in
 * order like Moodle's numerical answers; one of them weighs 100. */
static void check_number_answers(struct qv *v, const cJSON *list)
{
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0) {
		qerr(v, "answers", "must be a non-empty array of {\"answer\", \"tolerance\", \"weight\"}");
		return;
	}
	int i = 0;
	bool full = false;
	for (const cJSON *x = list->child; x; x = x->next, i++) {
		char *f = xasprintf("answers[%d]", i);
		if (!cJSON_IsObject(x)) {
			qerr(v, f, "must be an object {\"answer\": number, \"tolerance\": number, \"weight\": percent}");
			free(f);
			continue;
		}
		for (const cJSON *c = x->child; c; c = c->next) {
			char *cf = xasprintf("%s.%s", f, c->string);
			if (strcmp(c->string, "answer") == 0) {
				if (!cJSON_IsNumber(c) || !isfinite(c->valuedouble))
					qerr(v, cf, "must be a number");
			} else if (strcmp(c->string, "tolerance") == 0) {
				if (!valid_tolerance(c))
					qerr(v, cf, "must be a number >= 0");
			} else if (strcmp(c->string, "weight") == 0) {
				if (!valid_weight(c))
					qerr(v, cf, "must be a number from -100 to 100 (a percentage of the points)");
			} else if (strncmp(c->string, "x-", 2) != 0) {
				qerr(v, cf, "unknown field (an answer has \"answer\", \"tolerance\" and \"weight\")");
			}
			free(cf);
		}
		if (!cJSON_GetObjectItemCaseSensitive(x, "answer")) {
			char *cf = xasprintf("%s.answer", f);
			qerr(v, cf, "missing (required: a number)");
			free(cf);
		}
		const cJSON *w = cJSON_GetObjectItemCaseSensitive(x, "weight");
		full |= !w || (cJSON_IsNumber(w) && w->valuedouble == 100);
		free(f);
	}
	if (!full)
		qerr(v, "answers", "no answer weighs 100; one must earn the full points");
}

static void check_number(struct qv *v, const cJSON *q)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(q, "answer");
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(q, "tolerance");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(q, "answers");
	if (list) {
		if (a || t)
			qerr(v, a ? "answer" : "tolerance", "give either \"answer\" (and \"tolerance\") or "
			     "\"answers\", not both");
		check_number_answers(v, list);
		return;
	}
	if (!a)
		qerr(v, "answer", "missing (required: a number, or \"answers\")");
	else if (!cJSON_IsNumber(a) || !isfinite(a->valuedouble))
		qerr(v, "answer", "must be a number");
	if (t && !valid_tolerance(t))
		qerr(v, "tolerance", "must be a number >= 0");
}

/* "match": "stems" to pair with "choices" (more choices than stems are
 * distractors); "answer" gives each stem's choice index. */
static void check_match(struct qv *v, const cJSON *q)
{
	int n = check_choices(v, q);
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(q, "stems");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(q, "answer");
	int ns = -1;
	if (!st)
		qerr(v, "stems", "missing (required for 'match' questions)");
	else if (!cJSON_IsArray(st) || cJSON_GetArraySize(st) < 2)
		qerr(v, "stems", "must be an array of at least 2 strings");
	else {
		int i = 0;
		ns = cJSON_GetArraySize(st);
		for (const cJSON *x = st->child; x; x = x->next, i++) {
			if (!cJSON_IsString(x) || !*x->valuestring) {
				char *f = xasprintf("stems[%d]", i);
				qerr(v, f, "must be a non-empty string");
				free(f);
			}
		}
	}
	if (!a) {
		qerr(v, "answer", "missing (required: for each stem, the 0-based index of its choice)");
		return;
	}
	if (!cJSON_IsArray(a) || (ns >= 0 && cJSON_GetArraySize(a) != ns)) {
		qerr(v, "answer", "must be an array of one choice index per stem (%d)", ns);
		return;
	}
	int i = 0;
	for (const cJSON *x = a->child; x; x = x->next, i++) {
		char *f = xasprintf("answer[%d]", i);
		check_index(v, x, f, n);
		free(f);
	}
}

int quiz_validate(const cJSON *quiz, const char *file, struct diag_list *d)
{
	if (!quiz)
		return 0;
	if (!cJSON_IsArray(quiz)) {
		diag_add(d, DIAG_ERROR, file, "quiz", 0, 0, "must be an array of questions");
		return 0;
	}
	int total = 0, i = 0;
	for (const cJSON *q = quiz->child; q; q = q->next, i++) {
		struct qv v = { d, file, xasprintf("quiz[%d]", i) };
		if (!cJSON_IsObject(q)) {
			qerr(&v, NULL, "must be an object (a question)");
			free(v.where);
			continue;
		}
		const char *id = need_string(&v, q, "id");
		if (id && !util_valid_id(id))
			qerr(&v, "id", "'%s' is not a valid id ([a-z0-9][a-z0-9-]*, at most 64 characters)", id);
		else if (id) {
			int j = 0;
			for (const cJSON *p = quiz->child; p != q; p = p->next, j++) {
				const cJSON *pid = cJSON_GetObjectItemCaseSensitive(p, "id");
				if (cJSON_IsString(pid) && strcmp(pid->valuestring, id) == 0) {
					qerr(&v, "id", "duplicate question id '%s' (also quiz[%d])", id, j);
					break;
				}
			}
		}
		const char *tname = need_string(&v, q, "type");
		const struct qtype *t = tname ? find_qtype(tname) : NULL;
		if (tname && !t)
			qerr(&v, "type", "unknown question type '%s' (single, multiple, bool, text, number or match)", tname);
		need_string(&v, q, "prompt");
		need_string(&v, q, "explanation");
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(q, "points");
		if (p && (!is_integer(p) || p->valuedouble < 0 || p->valuedouble > QUIZ_MAX_POINTS))
			qerr(&v, "points", "must be an integer from 0 to %d", QUIZ_MAX_POINTS);
		else
			total += quiz_question_points(q);
		check_fields(&v, q, t);
		if (t && strcmp(t->name, "single") == 0)
			check_single(&v, q);
		else if (t && strcmp(t->name, "multiple") == 0)
			check_multiple(&v, q);
		else if (t && strcmp(t->name, "bool") == 0)
			check_bool(&v, q);
		else if (t && strcmp(t->name, "text") == 0)
			check_text(&v, q);
		else if (t && strcmp(t->name, "number") == 0)
			check_number(&v, q);
		else if (t && strcmp(t->name, "match") == 0)
			check_match(&v, q);
		free(v.where);
	}
	return total;
}

/* --- answers.json --------------------------------------------------------- */

static const cJSON *find_question(const cJSON *quiz, const char *id)
{
	const cJSON *q;
	cJSON_ArrayForEach(q, quiz) {
		const cJSON *qid = cJSON_GetObjectItemCaseSensitive(q, "id");
		if (cJSON_IsString(qid) && strcmp(qid->valuestring, id) == 0)
			return q;
	}
	return NULL;
}

const cJSON *quiz_find_question(const cJSON *quiz, const char *id)
{
	return find_question(quiz, id);
}

static int n_choices(const cJSON *q)
{
	return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(q, "choices"));
}

static const char *json_kind(const cJSON *x)
{
	if (cJSON_IsString(x))
		return "a string";
	if (cJSON_IsNumber(x))
		return is_integer(x) ? "an integer" : "a number";
	if (cJSON_IsBool(x))
		return x->type & cJSON_True ? "true" : "false";
	if (cJSON_IsArray(x))
		return "an array";
	if (cJSON_IsObject(x))
		return "an object";
	return "null";
}

const char *quiz_check_answer(const cJSON *q, const cJSON *given, char *why, size_t whylen)
{
	const char *type = qtype_of(q);
	int n = n_choices(q);
	why[0] = '\0';
	if (cJSON_IsNull(given))
		return NULL;
	if (strcmp(type, "single") == 0) {
		if (!is_integer(given))
			snprintf(why, whylen, "expected the 0-based index of a choice (0 to %d), got %s",
				 n - 1, json_kind(given));
		else if (given->valuedouble < 0 || given->valuedouble >= n)
			snprintf(why, whylen, "index %.0f is out of range: the question has %d choices (0 to %d)",
				 given->valuedouble, n, n - 1);
	} else if (strcmp(type, "multiple") == 0) {
		if (!cJSON_IsArray(given)) {
			snprintf(why, whylen, "expected an array of 0-based choice indexes, got %s",
				 json_kind(given));
			return why;
		}
		for (const cJSON *x = given->child; x && !why[0]; x = x->next) {
			if (!is_integer(x))
				snprintf(why, whylen, "expected an array of 0-based choice indexes, found %s in it",
					 json_kind(x));
			else if (x->valuedouble < 0 || x->valuedouble >= n)
				snprintf(why, whylen, "index %.0f is out of range: the question has %d choices (0 to %d)",
					 x->valuedouble, n, n - 1);
			for (const cJSON *y = given->child; y != x && !why[0]; y = y->next)
				if (is_integer(y) && y->valuedouble == x->valuedouble)
					snprintf(why, whylen, "index %.0f is listed twice", x->valuedouble);
		}
	} else if (strcmp(type, "bool") == 0) {
		if (!cJSON_IsBool(given))
			snprintf(why, whylen, "expected true or false, got %s", json_kind(given));
	} else if (strcmp(type, "text") == 0) {
		if (!cJSON_IsString(given))
			snprintf(why, whylen, "expected a string, got %s", json_kind(given));
	} else if (strcmp(type, "number") == 0) {
		if (!cJSON_IsNumber(given) || !isfinite(given->valuedouble))
			snprintf(why, whylen, "expected a number, got %s", json_kind(given));
	} else if (strcmp(type, "match") == 0) {
		int ns = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(q, "stems"));
		if (!cJSON_IsArray(given) || cJSON_GetArraySize(given) != ns) {
			snprintf(why, whylen, "expected an array of %d choice indexes, one per stem (null for none), got %s",
				 ns, cJSON_IsArray(given) ? "an array of another length" : json_kind(given));
			return why;
		}
		for (const cJSON *x = given->child; x && !why[0]; x = x->next) {
			if (cJSON_IsNull(x))
				continue;
			if (!is_integer(x))
				snprintf(why, whylen, "expected an array of 0-based choice indexes, found %s in it",
					 json_kind(x));
			else if (x->valuedouble < 0 || x->valuedouble >= n)
				snprintf(why, whylen, "index %.0f is out of range: the question has %d choices (0 to %d)",
					 x->valuedouble, n, n - 1);
		}
	}
	return why[0] ? why : NULL;
}

/* True when text ends inside a string or an open object or array: cJSON
 * then points at the last character, but the honest message is "the file
 * ends too early" (a truncated save, a missing brace). */
static bool json_truncated(const char *text, size_t len)
{
	long depth;
	bool in_string;
	jsontext_scan(text, len, &depth, &in_string);
	return in_string || depth > 0;
}

int quiz_parse_answers(const char *text, size_t len, const char *file,
		       const cJSON *quiz, cJSON **answers, struct diag_list *d)
{
	size_t errors_before = diag_errors(d);
	cJSON *root = NULL, *ans = NULL;
	*answers = NULL;

	if (memchr(text, '\0', len)) {
		diag_add(d, DIAG_ERROR, file, NULL, 0, 0, "contains a NUL byte; it must be UTF-8 JSON text");
		return RR_EXIT_INVALID;
	}
	const char *end = NULL;
	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (!root) {
		int line, col;
		size_t off = end ? (size_t)(end - text) : 0;
		const char *err = cJSON_GetErrorPtr();
		if (err && err >= text && err <= text + len)
			off = (size_t)(err - text);
		if (json_truncated(text, len))
			off = len;
		manifest_line_col(text, off, &line, &col);
		if (off >= len)
			diag_add(d, DIAG_ERROR, file, NULL, line, col, "invalid JSON: unexpected end of file");
		else {
			size_t n = 0; /* quote the rest of the line, at most 20 bytes */
			while (n < 20 && off + n < len && text[off + n] != '\n' && text[off + n] != '\r')
				n++;
			diag_add(d, DIAG_ERROR, file, NULL, line, col, "invalid JSON near '%.*s'",
				 (int)n, text + off);
		}
		return RR_EXIT_INVALID;
	}
	const char *tail = end;
	while (tail && tail < text + len && is_space((unsigned char)*tail))
		tail++;
	if (tail && tail < text + len) {
		int line, col;
		manifest_line_col(text, (size_t)(tail - text), &line, &col);
		diag_add(d, DIAG_ERROR, file, NULL, line, col, "unexpected text after the JSON document");
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		diag_add(d, DIAG_ERROR, file, NULL, 0, 0,
			 "the top level must be an object: {\"format\": 1, \"answers\": {...}}");
		goto out;
	}
	size_t nkeys, k = 0;
	bool *dupkey = jsontext_duplicate_keys(root, &nkeys);
	for (const cJSON *c = root->child; c; c = c->next, k++) {
		if (strcmp(c->string, "format") && strcmp(c->string, "answers") &&
		    strncmp(c->string, "x-", 2))
			diag_add(d, DIAG_ERROR, file, c->string, 0, 0,
				 "unknown field (an answers file has \"format\" and \"answers\")");
		if (dupkey[k])
			diag_add(d, DIAG_ERROR, file, c->string, 0, 0, "duplicate key");
	}
	free(dupkey);
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!fmt)
		diag_add(d, DIAG_ERROR, file, "format", 0, 0, "missing (required); this runner reads format 1");
	else if (!is_integer(fmt) || fmt->valuedouble != 1)
		diag_add(d, DIAG_ERROR, file, "format", 0, 0, "unsupported answers format; this runner reads format 1");

	ans = cJSON_GetObjectItemCaseSensitive(root, "answers");
	if (!ans) {
		diag_add(d, DIAG_ERROR, file, "answers", 0, 0, "missing (required): an object mapping question ids to answers");
		goto out;
	}
	if (!cJSON_IsObject(ans)) {
		diag_add(d, DIAG_ERROR, file, "answers", 0, 0, "must be an object mapping question ids to answers");
		goto out;
	}
	size_t nans, ai = 0;
	bool *answered_twice = jsontext_duplicate_keys(ans, &nans);
	for (const cJSON *a = ans->child; a; a = a->next, ai++) {
		char *where = xasprintf("answers.%s", a->string);
		const cJSON *q = quiz ? find_question(quiz, a->string) : NULL;
		char why[256];
		if (answered_twice[ai])
			diag_add(d, DIAG_ERROR, file, where, 0, 0, "question '%s' is answered twice", a->string);
		else if (!q)
			diag_add(d, DIAG_ERROR, file, where, 0, 0,
				 "the pack has no question '%s'", a->string);
		else if (quiz_check_answer(q, a, why, sizeof(why)))
			diag_add(d, DIAG_ERROR, file, where, 0, 0, "question '%s' (%s): %s",
				 a->string, qtype_of(q), why);
		free(where);
	}
	free(answered_twice);
out:
	if (diag_errors(d) != errors_before) {
		cJSON_Delete(root);
		return RR_EXIT_INVALID;
	}
	*answers = cJSON_DetachItemViaPointer(root, (cJSON *)ans);
	cJSON_Delete(root);
	return 0;
}

/* --- scoring -------------------------------------------------------------- */

/* Floating-point slack for number answers, so that 0.1 + 0.2 within a
 * tolerance of 0.1 of 0.4 counts: relative to the size of the numbers. */
static bool number_is_right(double want, double tol, double given)
{
	double slack = 1e-9 * fmax(1.0, fmax(fabs(want), fabs(given)));
	return fabs(given - want) <= tol + slack;
}

/* The fraction of the points a fitting answer earns, from 0 to 1, the way
 * Moodle grades the same question: a choice's weight, the clamped sum of the
 * chosen weights, the first matching text or number answer, the share of
 * right pairs. */
static double answer_fraction(const cJSON *q, const cJSON *given)
{
	const char *type = qtype_of(q);
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(q, "answer");
	const cJSON *weights = cJSON_GetObjectItemCaseSensitive(q, "weights");
	double f = 0;

	if (strcmp(type, "single") == 0) {
		if (weights)
			f = weight_at(weights, (int)given->valuedouble) / 100;
		else
			f = is_integer(key) && key->valuedouble == given->valuedouble;
	} else if (strcmp(type, "multiple") == 0 && weights) {
		const cJSON *x;
		cJSON_ArrayForEach(x, given)
			f += weight_at(weights, (int)x->valuedouble) / 100;
	} else if (strcmp(type, "multiple") == 0) {
		/* without weights: (right - wrong) / number of right choices */
		int right_total = 0, r = 0, w = 0;
		const cJSON *x, *k;
		cJSON_ArrayForEach(k, key)
			right_total++;
		cJSON_ArrayForEach(x, given) {
			bool is_right = false;
			cJSON_ArrayForEach(k, key)
				if (is_integer(k) && k->valuedouble == x->valuedouble)
					is_right = true;
			if (is_right)
				r++;
			else
				w++;
		}
		f = right_total ? (double)(r - w) / right_total : 0;
	} else if (strcmp(type, "bool") == 0) {
		f = cJSON_IsBool(key) && cJSON_IsTrue(key) == cJSON_IsTrue(given);
	} else if (strcmp(type, "text") == 0) {
		f = text_weight(q, given->valuestring) / 100;
	} else if (strcmp(type, "number") == 0) {
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(q, "answers");
		const cJSON *x;
		if (!list) {
			const cJSON *tol = cJSON_GetObjectItemCaseSensitive(q, "tolerance");
			f = cJSON_IsNumber(key) &&
			    number_is_right(key->valuedouble, cJSON_IsNumber(tol) ? tol->valuedouble : 0.0,
					    given->valuedouble);
		}
		cJSON_ArrayForEach(x, list) {
			const cJSON *a = cJSON_GetObjectItemCaseSensitive(x, "answer");
			const cJSON *tol = cJSON_GetObjectItemCaseSensitive(x, "tolerance");
			const cJSON *w = cJSON_GetObjectItemCaseSensitive(x, "weight");
			if (cJSON_IsNumber(a) &&
			    number_is_right(a->valuedouble, cJSON_IsNumber(tol) ? tol->valuedouble : 0.0,
					    given->valuedouble)) {
				f = cJSON_IsNumber(w) ? w->valuedouble / 100 : 1;
				break;
			}
		}
	} else if (strcmp(type, "match") == 0) {
		int right = 0, total = 0;
		const cJSON *k = key ? key->child : NULL, *x = given->child;
		for (; k && x; k = k->next, x = x->next, total++)
			right += is_integer(x) && is_integer(k) && x->valuedouble == k->valuedouble;
		f = total ? (double)right / total : 0;
	}
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

int quiz_score_question(const cJSON *question, const cJSON *given, const char **status)
{
	int points = quiz_question_points(question);
	char why[128];

	if (!given || cJSON_IsNull(given)) {
		*status = "unanswered";
		return 0;
	}
	*status = "incorrect";
	/* An answer that does not fit the question (answers.json was not
	 * checked by quiz_parse_answers) earns nothing rather than crashing. */
	if (quiz_check_answer(question, given, why, sizeof(why)))
		return 0;
	double f = answer_fraction(question, given);
	/* Scores are whole points, rounded down; the slack keeps 3 x 33.333%
	 * of 3 points at 3 rather than 2. */
	if (f > 1 - QUIZ_FRACTION_SLACK)
		*status = "correct";
	double pts = floor((double)points * f + QUIZ_FRACTION_SLACK * points);
	return pts > points ? points : (int)pts;
}

cJSON *quiz_grade(const cJSON *quiz, const cJSON *answers)
{
	cJSON *out = cJSON_CreateObject();
	cJSON *qs = cJSON_CreateArray();
	int score = 0, max = 0;
	const cJSON *q;
	cJSON_ArrayForEach(q, quiz) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(q, "id");
		if (!cJSON_IsString(id))
			continue;
		const cJSON *given = answers ? cJSON_GetObjectItemCaseSensitive(answers, id->valuestring) : NULL;
		const char *status;
		int pts = quiz_score_question(q, given, &status);
		int qmax = quiz_question_points(q);
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", id->valuestring);
		cJSON_AddStringToObject(e, "status", status);
		cJSON_AddNumberToObject(e, "score", pts);
		cJSON_AddNumberToObject(e, "max_score", qmax);
		cJSON_AddItemToArray(qs, e);
		score += pts;
		max += qmax;
	}
	cJSON_AddNumberToObject(out, "score", score);
	cJSON_AddNumberToObject(out, "max_score", max);
	cJSON_AddItemToObject(out, "questions", qs);
	return out;
}
