/*
 * quiz_import_cmd.c - `roadmap-run quiz-import FILE.gift`: read a Moodle
 * GIFT bank (a file or stdin), convert it (pack/gift.c) and write the quiz
 * JSON, with a line for every question that did not convert.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "gift.h"
#include "pathsafe.h"
#include "roadmap.h"
#include "util.h"

static const char import_usage[] =
	"usage: roadmap-run quiz-import FILE.gift [-o FILE] [--skip-unsupported] [--quiet]\n";

static const char import_help[] =
	"\n"
	"Convert a Moodle GIFT question bank to quiz JSON: an array of questions\n"
	"in pack format 1, ready to paste as \"quiz\" into pack.json. FILE may be\n"
	"'-' for stdin. See docs/pack-format.md, \"Importing a GIFT question bank\".\n"
	"\n"
	"Read as Moodle's importer reads it: multiple choice {=right ~wrong} (single,\n"
	"with weights when a wrong choice earns something), {~%50%a ~%-100%b}\n"
	"(multiple, with weights), true/false {T} {FALSE}, short answers {=a =%50%b}\n"
	"and {One} (text; * wildcards become regexes), numeric {#v:tol} {#min..max}\n"
	"{#=v1 =%50%v2}, matching {=a -> b}, titles, feedback, missing words.\n"
	"Empty answers are dropped as Moodle drops them. Refused, with their line:\n"
	"essays {}, descriptions, and what Moodle itself refuses.\n"
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
