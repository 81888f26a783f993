/*
 * quiz_import_cmd.c - `roadmap-run quiz-import FILE.gift`: read a Moodle
 * GIFT question bank (a file, or "-" for stdin), convert it (gift.c) and
 * write the quiz JSON to stdout or -o FILE, with a summary on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command_table.h"
#include "commands.h"
#include "gift.h"
#include "pathsafe.h"
#include "roadmap.h"
#include "util.h"

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
	struct cli_args a;
	const char *output = NULL;
	bool skip = false;
	int c;
	cli_begin(&a, "quiz-import", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		if (c == 'o')
			output = a.value;
		else if (c == 'S')
			skip = true;
	}
	if (c == CLI_STOP)
		return a.status;
	const char *path = a.pos[0];
	bool from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? "(stdin)" : path;
	if (output && strcmp(output, "-") == 0)
		output = NULL; /* stdout, as without -o */

	char *text = NULL;
	size_t len = 0;
	int r = from_stdin ? read_stdin(&text, &len) : util_read_file(path, GIFT_MAX_BYTES, &text, &len);
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
	} else if ((r = cli_write_stdout(sb.buf, sb.len)) < 0) {
		fprintf(stderr, "error: cannot write the quiz to stdout: %s\n", strerror(-r));
		ret = RR_EXIT_INTERNAL;
	}
	strbuf_release(&sb);
	if (!a.quiet) {
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
