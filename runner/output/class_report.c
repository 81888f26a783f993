/*
 * class_report.c - the class report of `roadmap-run report GRADES_DIR`
 * (the command is cli/report_cmd.c): the page an instructor
 * looks at after `grade`. It reads the batch's gradebook.jsonl (one row per
 * submission) and each submission's reports/NAME/report.json, one at a
 * time, and writes one self-contained HTML page (inline CSS, charts as
 * inline SVG, nothing fetched from a network) and, with --markdown, a
 * summary for a CI job's summary page (GitHub's $GITHUB_STEP_SUMMARY).
 *
 * Everything shown is counted here from those files; nothing is graded.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>

#include "class_report.h"
#include "pathsafe.h"
#include "roadmap.h"
#include "util.h"

#define HISTOGRAM_BINS 10

struct check_stat {
	char *exercise, *id;
	size_t runs, passes;
	double ms_total, ms_max;
	size_t hidden;
	/* status counts: pass, fail, timeout, memory, crash, output, error, other */
	size_t by_status[8];
};

static const char *const status_names[8] = { "pass", "fail", "timeout", "memory",
					     "crash", "output", "error", "other" };

struct exercise_stat {
	char *id;
	size_t graded, full;
	double score_total, max;
};

struct class_stats {
	char **names;       /* submissions, in gradebook order */
	double *percent;    /* their score as a percentage (NAN: error row) */
	char **row_status;
	size_t n, cap;
	size_t status_pass, status_fail, status_error;
	struct exercise_stat *ex;
	size_t n_ex;
	struct check_stat *checks;
	size_t n_checks, cap_checks;
	char *pack_id;
};

static size_t status_index(const char *s)
{
	for (size_t i = 0; i < 7; i++)
		if (strcmp(s, status_names[i]) == 0)
			return i;
	return 7;
}

static struct check_stat *check_slot(struct class_stats *cs, const char *exercise, const char *id)
{
	for (size_t i = 0; i < cs->n_checks; i++)
		if (strcmp(cs->checks[i].exercise, exercise) == 0 && strcmp(cs->checks[i].id, id) == 0)
			return &cs->checks[i];
	if (cs->n_checks == cs->cap_checks) {
		cs->cap_checks = cs->cap_checks ? 2 * cs->cap_checks : 32;
		cs->checks = xrealloc(cs->checks, cs->cap_checks * sizeof(*cs->checks));
	}
	struct check_stat *c = &cs->checks[cs->n_checks++];
	memset(c, 0, sizeof(*c));
	c->exercise = xstrdup(exercise);
	c->id = xstrdup(id);
	return c;
}

static struct exercise_stat *exercise_slot(struct class_stats *cs, const char *id)
{
	for (size_t i = 0; i < cs->n_ex; i++)
		if (strcmp(cs->ex[i].id, id) == 0)
			return &cs->ex[i];
	cs->ex = xrealloc(cs->ex, (cs->n_ex + 1) * sizeof(*cs->ex));
	struct exercise_stat *e = &cs->ex[cs->n_ex++];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(id);
	return e;
}

static const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : "";
}

static double jnum(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) ? x->valuedouble : 0;
}

/* Count one submission's report: its exercises and checks. */
static void add_report(struct class_stats *cs, const cJSON *report)
{
	const cJSON *ex;
	if (!cs->pack_id) {
		const cJSON *pack = cJSON_GetObjectItemCaseSensitive(report, "pack");
		if (*jstr(pack, "id"))
			cs->pack_id = xstrdup(jstr(pack, "id"));
	}
	cJSON_ArrayForEach(ex, cJSON_GetObjectItemCaseSensitive(report, "exercises")) {
		const char *eid = jstr(ex, "id");
		struct exercise_stat *es = exercise_slot(cs, eid);
		es->graded++;
		es->score_total += jnum(ex, "score");
		es->max = jnum(ex, "max_score");
		es->full += jnum(ex, "score") == jnum(ex, "max_score");
		const cJSON *c;
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(ex, "checks")) {
			struct check_stat *st = check_slot(cs, eid, jstr(c, "id"));
			const char *status = jstr(c, "status");
			st->runs++;
			st->passes += strcmp(status, "pass") == 0;
			st->by_status[status_index(status)]++;
			st->hidden += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "hidden"));
			double ms = jnum(c, "duration_ms");
			st->ms_total += ms;
			if (ms > st->ms_max)
				st->ms_max = ms;
		}
	}
}

/* A submission name as a path below reports/: names come from the batch,
 * which never writes a '/' or a dot-dot name, but the gradebook is a file
 * anyone can edit. */
static bool safe_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static int load(struct class_stats *cs, const char *dir)
{
	char *path = util_path_join(dir, "gradebook.jsonl");
	char *text = NULL;
	size_t len = 0;
	int r = util_read_regular_file(path, (size_t)1 << 30, &text, &len);
	if (r < 0) {
		fprintf(stderr, "roadmap-run report: cannot read '");
		util_fputs_clean(stderr, path, false);
		fprintf(stderr, "': %s (GRADES_DIR is the --out directory of `roadmap-run grade`)\n",
			strerror(-r));
		free(path);
		return RR_EXIT_INVALID;
	}
	size_t line_no = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line_no++;
		if (!*line)
			continue;
		cJSON *row = cJSON_Parse(line);
		if (!cJSON_IsObject(row) || !*jstr(row, "submission")) {
			fprintf(stderr, "roadmap-run report: '");
			util_fputs_clean(stderr, path, false);
			fprintf(stderr, "' line %zu: not a gradebook row\n", line_no);
			cJSON_Delete(row);
			free(text);
			free(path);
			return RR_EXIT_INVALID;
		}
		if (cs->n == cs->cap) {
			cs->cap = cs->cap ? 2 * cs->cap : 64;
			cs->names = xrealloc(cs->names, cs->cap * sizeof(char *));
			cs->percent = xrealloc(cs->percent, cs->cap * sizeof(double));
			cs->row_status = xrealloc(cs->row_status, cs->cap * sizeof(char *));
		}
		const char *status = jstr(row, "status");
		double max = jnum(row, "max_score");
		cs->names[cs->n] = xstrdup(jstr(row, "submission"));
		cs->row_status[cs->n] = xstrdup(status);
		cs->percent[cs->n] = strcmp(status, "error") == 0 ? NAN
				     : max > 0 ? 100.0 * jnum(row, "score") / max : 100.0;
		cs->status_pass += strcmp(status, "pass") == 0;
		cs->status_fail += strcmp(status, "fail") == 0;
		cs->status_error += strcmp(status, "error") == 0;
		if (safe_name(cs->names[cs->n]) && strcmp(status, "error") != 0) {
			char *rp = xasprintf("%s/reports/%s/report.json", dir, cs->names[cs->n]);
			char *rt = NULL;
			size_t rl = 0;
			if (util_read_regular_file(rp, 64 << 20, &rt, &rl) == 0) {
				cJSON *report = cJSON_ParseWithLength(rt, rl);
				if (report)
					add_report(cs, report);
				cJSON_Delete(report);
			}
			free(rt);
			free(rp);
		}
		cs->n++;
		cJSON_Delete(row);
	}
	free(text);
	free(path);
	if (cs->n == 0) {
		fprintf(stderr, "roadmap-run report: the gradebook in '");
		util_fputs_clean(stderr, dir, false);
		fprintf(stderr, "' has no rows: nothing was graded\n");
		return RR_EXIT_INVALID;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Mean and median of the graded submissions' percentages. Returns how
 * many were graded. */
static size_t summary_numbers(const struct class_stats *cs, double *mean, double *median)
{
	double *v = xcalloc(cs->n ? cs->n : 1, sizeof(double));
	size_t k = 0;
	double sum = 0;
	for (size_t i = 0; i < cs->n; i++) {
		if (isnan(cs->percent[i]))
			continue;
		v[k++] = cs->percent[i];
		sum += cs->percent[i];
	}
	qsort(v, k, sizeof(double), cmp_double);
	*mean = k ? sum / (double)k : 0;
	*median = !k ? 0 : k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	free(v);
	return k;
}

/* Hardest first: the lowest pass rate, then the most runs, then by name. */
static int cmp_hardest(const void *a, const void *b)
{
	const struct check_stat *x = a, *y = b;
	double rx = x->runs ? (double)x->passes / (double)x->runs : 1;
	double ry = y->runs ? (double)y->passes / (double)y->runs : 1;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	int c = strcmp(x->exercise, y->exercise);
	return c ? c : strcmp(x->id, y->id);
}

/* Text for HTML: &, <, >, quotes escaped; control characters dropped. */
static void html(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default:
			if (*p >= 0x20 && *p != 0x7f)
				strbuf_add(sb, p, 1);
		}
	}
}

/* A path segment for an href: everything but unreserved bytes
 * percent-encoded. */
static void href_segment(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			strbuf_add(sb, p, 1);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

static void histogram_svg(struct strbuf *sb, const struct class_stats *cs)
{
	size_t bins[HISTOGRAM_BINS] = { 0 }, top = 1;
	for (size_t i = 0; i < cs->n; i++) {
		if (isnan(cs->percent[i]))
			continue;
		int b = (int)(cs->percent[i] / (100.0 / HISTOGRAM_BINS));
		if (b >= HISTOGRAM_BINS)
			b = HISTOGRAM_BINS - 1; /* 100% joins 90-100 */
		if (b < 0)
			b = 0;
		bins[b]++;
	}
	for (int b = 0; b < HISTOGRAM_BINS; b++)
		if (bins[b] > top)
			top = bins[b];
	const int w = 600, h = 220, pad = 30, bw = (w - 2 * pad) / HISTOGRAM_BINS;
	strbuf_addf(sb, "<svg id=\"histogram\" role=\"img\" aria-label=\"score histogram\" width=\"%d\" "
			"height=\"%d\" viewBox=\"0 0 %d %d\">\n", w, h, w, h);
	for (int b = 0; b < HISTOGRAM_BINS; b++) {
		int bh = (int)((double)(h - 2 * pad) * (double)bins[b] / (double)top);
		int x = pad + b * bw, y = h - pad - bh;
		strbuf_addf(sb, "<rect class=\"bar\" data-bin=\"%d\" data-count=\"%zu\" x=\"%d\" y=\"%d\" "
				"width=\"%d\" height=\"%d\"><title>%d-%d%%: %zu</title></rect>\n",
			    b, bins[b], x + 2, y, bw - 4, bh, b * 10, b * 10 + 10, bins[b]);
		if (bins[b])
			strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%zu</text>\n",
				    x + bw / 2, y - 4, bins[b]);
		strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%d%%</text>\n",
			    x, h - pad + 16, b * 10);
	}
	strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">100%%</text>\n",
		    w - pad, h - pad + 16);
	strbuf_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axisline\"/>\n</svg>\n",
		    pad, h - pad, w - pad, h - pad);
}

static char *render_html(struct class_stats *cs)
{
	struct strbuf sb = STRBUF_INIT;
	double mean, median;
	size_t graded = summary_numbers(cs, &mean, &median);
	strbuf_addstr(&sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
	html(&sb, cs->pack_id ? cs->pack_id : "class");
	strbuf_addstr(&sb, " - class report</title>\n<style>\n"
		"body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}\n"
		"table{border-collapse:collapse;margin:1em 0}td,th{padding:.25em .7em;border-bottom:1px solid #ddd;"
		"text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
		".bar{fill:#4a7bd0}.axis{font-size:11px;fill:#555}.axisline{stroke:#555}\n"
		".kpi{display:inline-block;margin-right:2em}.kpi b{font-size:1.6em;display:block}\n"
		".fail{color:#b00}.pass{color:#070}.error{color:#a60}\n</style></head><body>\n<h1>");
	html(&sb, cs->pack_id ? cs->pack_id : "class");
	strbuf_addstr(&sb, ": class report</h1>\n<p>");
	strbuf_addf(&sb,
		    "<span class=\"kpi\"><b id=\"submissions\">%zu</b>submissions</span>"
		    "<span class=\"kpi\"><b id=\"mean\">%.1f%%</b>mean</span>"
		    "<span class=\"kpi\"><b id=\"median\">%.1f%%</b>median</span>"
		    "<span class=\"kpi\"><b id=\"passed\">%zu</b>full score</span>"
		    "<span class=\"kpi\"><b id=\"errors\">%zu</b>not graded (error)</span></p>\n",
		    cs->n, mean, median, cs->status_pass, cs->status_error);
	strbuf_addf(&sb, "<h2>Scores</h2>\n<p>%zu graded submissions, in bins of 10%%.</p>\n", graded);
	histogram_svg(&sb, cs);

	strbuf_addstr(&sb, "<h2>Exercises</h2>\n<table id=\"exercises\"><tr><th>exercise</th>"
			   "<th class=\"n\">full score</th><th class=\"n\">mean points</th></tr>\n");
	for (size_t i = 0; i < cs->n_ex; i++) {
		const struct exercise_stat *e = &cs->ex[i];
		strbuf_addstr(&sb, "<tr><td>");
		html(&sb, e->id);
		strbuf_addf(&sb, "</td><td class=\"n\" data-full=\"%zu\" data-graded=\"%zu\">%zu of %zu "
				 "(%.0f%%)</td><td class=\"n\">%.1f / %.0f</td></tr>\n",
			    e->full, e->graded, e->full, e->graded,
			    e->graded ? 100.0 * (double)e->full / (double)e->graded : 0,
			    e->graded ? e->score_total / (double)e->graded : 0, e->max);
	}
	strbuf_addstr(&sb, "</table>\n");

	qsort(cs->checks, cs->n_checks, sizeof(*cs->checks), cmp_hardest);
	strbuf_addstr(&sb, "<h2>Checks, hardest first</h2>\n<table id=\"checks\"><tr><th>exercise</th>"
			   "<th>check</th><th class=\"n\">pass rate</th>");
	for (size_t k = 1; k < 8; k++)
		strbuf_addf(&sb, "<th class=\"n\">%s</th>", status_names[k]);
	strbuf_addstr(&sb, "<th class=\"n\">mean ms</th><th class=\"n\">max ms</th></tr>\n");
	for (size_t i = 0; i < cs->n_checks; i++) {
		const struct check_stat *c = &cs->checks[i];
		strbuf_addstr(&sb, "<tr><td>");
		html(&sb, c->exercise);
		strbuf_addstr(&sb, "</td><td>");
		html(&sb, c->id);
		if (c->hidden)
			strbuf_addstr(&sb, " (hidden)");
		strbuf_addf(&sb, "</td><td class=\"n\" data-passes=\"%zu\" data-runs=\"%zu\">%.0f%%</td>",
			    c->passes, c->runs, c->runs ? 100.0 * (double)c->passes / (double)c->runs : 0);
		for (size_t k = 1; k < 8; k++)
			strbuf_addf(&sb, "<td class=\"n\">%zu</td>", c->by_status[k]);
		if (c->hidden) /* a hidden check's times are blanked in its reports */
			strbuf_addstr(&sb, "<td class=\"n\">-</td><td class=\"n\">-</td></tr>\n");
		else
			strbuf_addf(&sb, "<td class=\"n\">%.0f</td><td class=\"n\">%.0f</td></tr>\n",
				    c->runs ? c->ms_total / (double)c->runs : 0, c->ms_max);
	}
	strbuf_addstr(&sb, "</table>\n<h2>Submissions</h2>\n<table id=\"submissions-list\"><tr>"
			   "<th>submission</th><th>status</th><th class=\"n\">score</th></tr>\n");
	for (size_t i = 0; i < cs->n; i++) {
		strbuf_addstr(&sb, "<tr><td>");
		if (safe_name(cs->names[i]) && strcmp(cs->row_status[i], "error") != 0) {
			strbuf_addstr(&sb, "<a href=\"reports/");
			href_segment(&sb, cs->names[i]);
			strbuf_addstr(&sb, "/report.json\">");
			html(&sb, cs->names[i]);
			strbuf_addstr(&sb, "</a>");
		} else {
			html(&sb, cs->names[i]);
		}
		strbuf_addstr(&sb, "</td><td class=\"");
		html(&sb, cs->row_status[i]);
		strbuf_addstr(&sb, "\">");
		html(&sb, cs->row_status[i]);
		if (isnan(cs->percent[i]))
			strbuf_addstr(&sb, "</td><td class=\"n\">-</td></tr>\n");
		else
			strbuf_addf(&sb, "</td><td class=\"n\">%.0f%%</td></tr>\n", cs->percent[i]);
	}
	strbuf_addstr(&sb, "</table>\n<p><small>Made by roadmap-run " RR_VERSION
			   " from gradebook.jsonl and reports/*/report.json.</small></p>\n</body></html>\n");
	return strbuf_detach(&sb);
}

/* Markdown text: the characters that would start markup escaped, and no
 * line breaks, so a submission's name cannot add rows or links. */
static void md(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if (strchr("\\`*_{}[]()<>#+-.!|~", *p))
			strbuf_addstr(sb, "\\");
		strbuf_add(sb, p, 1);
	}
}

static char *render_markdown(struct class_stats *cs)
{
	struct strbuf sb = STRBUF_INIT;
	double mean, median;
	summary_numbers(cs, &mean, &median);
	strbuf_addstr(&sb, "## ");
	md(&sb, cs->pack_id ? cs->pack_id : "class");
	strbuf_addf(&sb, ": class report\n\n| submissions | mean | median | full score | error |\n"
			 "| ---: | ---: | ---: | ---: | ---: |\n| %zu | %.1f%% | %.1f%% | %zu | %zu |\n\n",
		    cs->n, mean, median, cs->status_pass, cs->status_error);
	qsort(cs->checks, cs->n_checks, sizeof(*cs->checks), cmp_hardest);
	strbuf_addstr(&sb, "| hardest checks | pass rate | timeout | memory | crash | error |\n"
			   "| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < cs->n_checks && i < 10; i++) {
		const struct check_stat *c = &cs->checks[i];
		strbuf_addstr(&sb, "| ");
		md(&sb, c->exercise);
		strbuf_addstr(&sb, " / ");
		md(&sb, c->id);
		strbuf_addf(&sb, " | %.0f%% | %zu | %zu | %zu | %zu |\n",
			    c->runs ? 100.0 * (double)c->passes / (double)c->runs : 0, c->by_status[2],
			    c->by_status[3], c->by_status[4], c->by_status[6]);
	}
	return strbuf_detach(&sb);
}

static void free_stats(struct class_stats *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->names[i]);
		free(cs->row_status[i]);
	}
	for (size_t i = 0; i < cs->n_checks; i++) {
		free(cs->checks[i].exercise);
		free(cs->checks[i].id);
	}
	for (size_t i = 0; i < cs->n_ex; i++)
		free(cs->ex[i].id);
	free(cs->names);
	free(cs->row_status);
	free(cs->percent);
	free(cs->checks);
	free(cs->ex);
	free(cs->pack_id);
}

int class_report_render(const char *dir, bool markdown, char **html, char **md)
{
	struct class_stats cs = { 0 };
	*html = *md = NULL;
	int r = load(&cs, dir);
	if (!r) {
		*html = render_html(&cs);
		if (markdown)
			*md = render_markdown(&cs);
	}
	free_stats(&cs);
	return r;
}
