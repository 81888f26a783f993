/*
 * format_tap.c - the report as TAP version 13, for prove and the other
 * TAP harnesses:
 *
 *   TAP version 13
 *   # roadmap-run 0.1.0: pack security 1.0.0 (sha256:...)
 *   1..N                         N = checks + quiz questions
 *   ok 1 - sql-injection/rejects-or-1-equals-1
 *   not ok 2 - sql-injection/escapes-quotes
 *     ---
 *     status: fail
 *     score: 0
 *     max_score: 2
 *     message: "expected ... got ..."
 *     output: |
 *       the check's output
 *     ...
 *   # score 7 of 10
 *
 * A point is "ok" only when the check passed (a quiz question only when
 * fully correct), so a harness exits 0 exactly on a full score. Hidden
 * checks get a YAML block with status and score only. The YAML is the
 * subset Perl's TAP::Parser::YAMLish reads: plain words, double-quoted
 * strings with backslash escapes, and "|" blocks without tabs, control
 * characters or a leading space, with blank lines kept indented so the
 * block does not end early. It is also YAML 1.2 that PyYAML and libyaml
 * accept: every character YAML forbids in a document (C0 but tab and
 * line feed, DEL, C1, U+FFFE, U+FFFF) and every one a YAML 1.1 reader
 * takes for a line break (NEL, U+2028, U+2029) is written as an escape
 * in a double-quoted string, never raw. Invalid UTF-8 and surrogates are
 * already U+FFFD (format_utf8_next).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_status.h"
#include "format_common.h"
#include "format_renderers.h"
#include "util.h"

#define YAML_INDENT "  "

static bool is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* May cp appear raw in a YAML scalar? YAML 1.2's c-printable (tab, line
 * feed, CR, 0x20-0x7E, NEL, 0xA0-0xD7FF, 0xE000-0xFFFD, 0x10000 and up)
 * without CR, NEL, U+2028 and U+2029, which readers take as line breaks,
 * and without the BOM U+FEFF, which some strip. Bidi controls are valid
 * YAML but reorder what "prove -v" prints on a terminal, so they are
 * escaped too. */
static bool yaml_raw_ok(uint32_t cp)
{
	return cp == '\t' || cp == '\n' || (cp >= 0x20 && cp <= 0x7E) ||
	       (cp >= 0xA0 && cp <= 0xD7FF && cp != 0x2028 && cp != 0x2029 &&
		!is_bidi_control(cp)) ||
	       (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) ||
	       (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* TAP::Parser::YAMLish matches a quoted string with one regex whose
 * group repeats once per byte or escape, and Perl gives up on it past
 * 65535 repeats: the reader then rejects the whole stream ("multi-line
 * quoted scalars"). So a quoted string keeps at most this many bytes,
 * the note included, and says where it was cut; report.json has it all. */
#define YAML_QUOTED_MAX 60000
static const char quoted_cut_note[] =
	"\\n... cut here: TAP::Parser cannot read a longer quoted string; report.json has it all";

/* Append cp's escaped form (or cp itself) to sb. */
static void yaml_quoted_char(struct strbuf *sb, uint32_t cp)
{
	switch (cp) {
	case '"': strbuf_addstr(sb, "\\\""); break;
	case '\\': strbuf_addstr(sb, "\\\\"); break;
	case '\n': strbuf_addstr(sb, "\\n"); break;
	case '\t': strbuf_addstr(sb, "\\t"); break;
	case '\r': strbuf_addstr(sb, "\\r"); break;
	default:
		/* \xHH is the one numeric escape YAMLish also reads;
		 * YAML 1.2 reads \uHHHH for the rest. */
		if (yaml_raw_ok(cp))
			format_utf8_put(sb, cp);
		else if (cp <= 0xFF)
			strbuf_addf(sb, "\\x%02x", (unsigned)cp);
		else
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
	}
}

/* A YAML double-quoted scalar, on one line. Returns true when s was cut
 * to YAML_QUOTED_MAX. */
static bool yaml_quoted(struct strbuf *sb, const char *s)
{
	struct strbuf body = STRBUF_INIT, one = STRBUF_INIT;
	size_t room = YAML_QUOTED_MAX - strlen(quoted_cut_note);
	bool cut = false;

	strbuf_addstr(&body, "");
	while (s && *s) {
		uint32_t cp;
		size_t n = format_utf8_next(s, &cp);
		strbuf_release(&one);
		yaml_quoted_char(&one, cp);
		if (body.len + one.len > room) {
			cut = true;
			break;
		}
		strbuf_add(&body, one.buf, one.len);
		s += n;
	}
	strbuf_addf(sb, "\"%s%s\"", body.buf, cut ? quoted_cut_note : "");
	strbuf_release(&one);
	strbuf_release(&body);
	return cut;
}

/* Can s be written as a "|" literal block that reads back exactly, in
 * YAML and in YAMLish? "|" keeps exactly one final newline, and YAMLish
 * knows no other chomping ("|-", "|+" make it fail the whole stream), so
 * s must end with exactly one newline; otherwise it is quoted. */
static bool block_safe(const char *s)
{
	size_t len = strlen(s);

	if (len < 2 || s[0] == ' ' || s[len - 1] != '\n' || s[len - 2] == '\n' ||
	    !memchr(s, '\n', len - 1))
		return false;
	while (*s) {
		uint32_t cp;
		size_t n = format_utf8_next(s, &cp);
		if (!yaml_raw_ok(cp) || cp == '\t' || cp == 0xFFFD)
			return false;
		s += n;
	}
	return true;
}

/* "key: value" as a block or a quoted string; true when it was cut. */
static bool yaml_string(struct strbuf *sb, const char *key, const char *value)
{
	strbuf_addf(sb, YAML_INDENT "%s: ", key);
	if (!block_safe(value)) {
		bool cut = yaml_quoted(sb, value);
		strbuf_addstr(sb, "\n");
		return cut;
	}
	strbuf_addstr(sb, "|\n");
	while (*value) {
		const char *nl = strchr(value, '\n');
		size_t n = nl ? (size_t)(nl - value) : strlen(value);
		strbuf_addstr(sb, YAML_INDENT "  ");
		strbuf_add(sb, value, n);
		strbuf_addstr(sb, "\n");
		value += n + (nl ? 1 : 0);
	}
	return false;
}

static void yaml_number(struct strbuf *sb, const char *key, double v)
{
	strbuf_addf(sb, YAML_INDENT "%s: ", key);
	format_add_number(sb, v);
	strbuf_addstr(sb, "\n");
}

/* Ids are [a-z0-9-], but a report from elsewhere may hold anything: keep
 * the description on one line, escape what TAP gives meaning to, and
 * write what a terminal would obey (controls, bidi) as U+FFFD. */
static void tap_description(struct strbuf *sb, const char *s)
{
	while (s && *s) {
		uint32_t cp;
		size_t n = format_utf8_next(s, &cp);
		if (cp == '#' || cp == '\\')
			strbuf_add(sb, "\\", 1);
		if (cp == '\n' || cp == '\r' || cp == '\t')
			cp = ' ';
		else if (!yaml_raw_ok(cp))
			cp = 0xFFFD;
		format_utf8_put(sb, cp);
		s += n;
	}
}

static void point(struct strbuf *sb, int n, bool ok, const char *name)
{
	strbuf_addf(sb, "%s %d - ", ok ? "ok" : "not ok", n);
	tap_description(sb, name);
	strbuf_addstr(sb, "\n");
}

static void render_check(struct strbuf *sb, int n, const char *ex_id, const cJSON *ch)
{
	const char *st = format_str(ch, "status");
	bool ok = check_status_parse(st) == CHECK_PASS;
	bool hidden = format_bool(ch, "hidden");
	char *name = format_test_name(ex_id, format_str0(ch, "id"));

	point(sb, n, ok, name);
	free(name);
	if (ok)
		return;
	strbuf_addstr(sb, YAML_INDENT "---\n");
	strbuf_addstr(sb, YAML_INDENT "status: ");
	yaml_quoted(sb, st ? st : "unknown");
	strbuf_addstr(sb, "\n");
	yaml_number(sb, "score", format_num(ch, "score", 0));
	yaml_number(sb, "max_score", format_num(ch, "max_score", 0));
	if (hidden) {
		strbuf_addstr(sb, YAML_INDENT "hidden: true\n");
	} else {
		const char *msg = format_str(ch, "message");
		const char *out = format_str(ch, "output");
		bool cut = false;
		if (msg && msg[0])
			yaml_string(sb, "message", msg);
		if (out && out[0])
			cut = yaml_string(sb, "output", out);
		if (format_bool(ch, "output_truncated") || cut)
			strbuf_addstr(sb, YAML_INDENT "output_truncated: true\n");
	}
	strbuf_addstr(sb, YAML_INDENT "...\n");
}

char *format_render_tap(const cJSON *report, const struct format_options *o)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(report, "pack");
	const cJSON *runner = cJSON_GetObjectItemCaseSensitive(report, "runner");
	const cJSON *exercises = format_array(report, "exercises");
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(report, "quiz");
	const cJSON *questions = format_array(quiz, "questions");
	const cJSON *ex, *ch, *q;
	int total = 0, n = 0;

	(void)o;
	cJSON_ArrayForEach(ex, exercises)
		total += cJSON_GetArraySize(format_array(ex, "checks"));
	total += cJSON_GetArraySize(questions);

	strbuf_addstr(&sb, "TAP version 13\n# ");
	tap_description(&sb, format_str(runner, "name") ? format_str(runner, "name") : "roadmap-run");
	strbuf_addstr(&sb, " ");
	tap_description(&sb, format_str0(runner, "version"));
	strbuf_addstr(&sb, ": pack ");
	tap_description(&sb, format_str0(pack, "id"));
	strbuf_addstr(&sb, " ");
	tap_description(&sb, format_str0(pack, "version"));
	strbuf_addstr(&sb, " (");
	tap_description(&sb, format_str0(pack, "digest"));
	strbuf_addstr(&sb, ")\n");

	if (total == 0) {
		/* Nothing was graded: a passing empty run would be a lie. */
		const char *msg = format_str(report, "message");
		strbuf_addstr(&sb, "1..1\nnot ok 1 - grading\n" YAML_INDENT "---\n"
			      YAML_INDENT "status: \"error\"\n");
		yaml_string(&sb, "message", msg && msg[0] ? msg : "nothing could be graded");
		strbuf_addstr(&sb, YAML_INDENT "...\n");
		return strbuf_detach(&sb);
	}

	strbuf_addf(&sb, "1..%d\n", total);
	cJSON_ArrayForEach(ex, exercises) {
		const char *ex_id = format_str0(ex, "id");
		cJSON_ArrayForEach(ch, format_array(ex, "checks"))
			render_check(&sb, ++n, ex_id, ch);
	}
	cJSON_ArrayForEach(q, questions) {
		const char *st = format_str0(q, "status");
		bool ok = strcmp(st, "correct") == 0;
		char *name = format_test_name("quiz", format_str0(q, "id"));
		point(&sb, ++n, ok, name);
		free(name);
		if (!ok) {
			strbuf_addstr(&sb, YAML_INDENT "---\n" YAML_INDENT "status: ");
			char *text = format_question_text(quiz, q);
			yaml_quoted(&sb, text);
			free(text);
			strbuf_addstr(&sb, "\n");
			yaml_number(&sb, "score", format_num(q, "score", 0));
			yaml_number(&sb, "max_score", format_num(q, "max_score", 0));
			strbuf_addstr(&sb, YAML_INDENT "...\n");
		}
	}
	strbuf_addstr(&sb, "# score ");
	format_add_number(&sb, format_num(report, "score", 0));
	strbuf_addstr(&sb, " of ");
	format_add_number(&sb, format_num(report, "max_score", 0));
	strbuf_addstr(&sb, "\n");
	return strbuf_detach(&sb);
}
