/*
 * report_cmd.c - `roadmap-run report GRADES_DIR`: the class report of a
 * batch (output/class_report.c) written as an HTML page and, with
 * --markdown, a summary for a CI job's page.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "class_report.h"
#include "commands.h"
#include "pathsafe.h"
#include "roadmap.h"
#include "util.h"

static const char report_usage[] =
	"usage: roadmap-run report GRADES_DIR [-o FILE.html] [--markdown FILE]\n";

/* Write text to the file the user named (path; "-" is stdout), or, when
 * anchor is set, to anchor/path: a name the runner picked below the
 * directory the user named, where no planted link is followed. */
static int write_text(const char *anchor, const char *path, const char *text)
{
	char *failed = NULL;
	int r = strcmp(path, "-") == 0 ? (fputs(text, stdout) < 0 || fflush(stdout) ? -EIO : 0)
		: anchor ? pathsafe_write_below(anchor, path, text, strlen(text), &failed)
			 : pathsafe_write_named(path, text, strlen(text));
	if (r < 0) {
		char *shown = anchor ? util_path_join(anchor, path) : xstrdup(path);
		char *msg = pathsafe_write_error("the class report", shown, r, failed);
		fprintf(stderr, "roadmap-run report: %s\n", util_esc(msg));
		free(msg);
		free(shown);
		free(failed);
		return RR_EXIT_INTERNAL;
	}
	return 0;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "markdown", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *markdown = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'm':
			markdown = optarg;
			break;
		case 'h':
			printf("%s\nWrite the class report of a `roadmap-run grade --out GRADES_DIR` batch: one\n"
			       "self-contained HTML page (default GRADES_DIR/report.html; '-' for stdout)\n"
			       "with the score histogram, mean and median, pass rates per exercise and per\n"
			       "check (hardest first), status counts and times per check, and every\n"
			       "submission linked to its report. --markdown FILE also writes a short\n"
			       "summary for a CI job's page (e.g. \"$GITHUB_STEP_SUMMARY\").\n",
			       report_usage);
			return 0;
		default:
			fprintf(stderr, "roadmap-run report: %s '%s'\n%s",
				c == ':' ? "option needs a value:" : "unknown option", argv[optind - 1],
				report_usage);
			return RR_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "roadmap-run report: expected GRADES_DIR\n%s", report_usage);
		return RR_EXIT_USAGE;
	}
	const char *dir = argv[optind];
	struct class_report *cs;
	int r = class_report_load(dir, &cs);
	if (r)
		return r;
	char *default_out = out ? NULL : util_path_join(dir, "report.html");
	char *page = class_report_html(cs);
	r = out ? write_text(NULL, out, page) : write_text(dir, "report.html", page);
	free(page);
	if (!r && markdown) {
		char *text = class_report_markdown(cs);
		r = write_text(NULL, markdown, text);
		free(text);
	}
	if (!r && out == NULL)
		printf("wrote %s\n", util_esc(default_out));
	free(default_out);
	class_report_free(cs);
	return r;
}
