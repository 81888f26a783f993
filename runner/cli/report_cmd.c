/*
 * report_cmd.c - `roadmap-run report GRADES_DIR`: render the class report
 * of a batch (class_report.c) and write the page (default
 * GRADES_DIR/report.html, or -o FILE, "-" for stdout) and, with
 * --markdown FILE, the summary.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "class_report.h"
#include "command_table.h"
#include "commands.h"
#include "pathsafe.h"
#include "roadmap.h"
#include "util.h"

/* Write text to the file the user named (path; "-" is stdout), or, when
 * anchor is set, to anchor/path: a name the runner picked below the
 * directory the user named, where no planted link is followed. */
static int write_text(const char *anchor, const char *path, const char *text)
{
	char *failed = NULL;
	int r = strcmp(path, "-") == 0 ? cli_write_stdout(text, strlen(text))
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
	struct cli_args a;
	const char *out = NULL, *markdown = NULL;
	int c;
	cli_begin(&a, "report", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		if (c == 'o')
			out = a.value;
		else if (c == 'm')
			markdown = a.value;
	}
	if (c == CLI_STOP)
		return a.status;
	if (out && markdown && strcmp(out, "-") == 0 && strcmp(markdown, "-") == 0)
		return cli_usage_error(a.cmd, "-o - and --markdown - would both write to stdout; give one a FILE");
	const char *dir = a.pos[0];
	char *page = NULL, *text = NULL;
	int r = class_report_render(dir, markdown != NULL, &page, &text);
	if (r)
		return r;
	char *default_out = out ? NULL : util_path_join(dir, "report.html");
	r = out ? write_text(NULL, out, page) : write_text(dir, "report.html", page);
	if (!r && markdown)
		r = write_text(NULL, markdown, text);
	if (!r && !out && !a.quiet)
		printf("wrote %s\n", util_esc(default_out));
	free(default_out);
	free(page);
	free(text);
	return r;
}
