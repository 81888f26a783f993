/*
 * command_table.c - the sub-commands: names, synopses and summaries, the
 * lookup main() dispatches with, and the suggestion for a mistyped name.
 * The help text of `roadmap-run --help` is printed from this table, so a
 * new command appears there by being added here.
 */
#include <string.h>

#include "command_table.h"
#include "commands.h"
#include "roadmap.h"
#include "util.h"

static const struct command commands[] = {
	{ "run", "PACK [SUBMISSION]", "grade (the default command)", cmd_run },
	{ "watch", "PACK", "regrade each exercise as you save it; keys for hints and more", cmd_watch },
	{ "status", "", "the whole roadmap: points per stage and what to do next", cmd_status },
	{ "prompt", "PACK EXERCISE", "show an exercise's task", cmd_prompt },
	{ "quiz", "PACK", "answer the pack's quiz on the terminal", cmd_quiz },
	{ "hint", "PACK EXERCISE", "show the next hint for an exercise", cmd_hint },
	{ "list", "PACK", "list exercises, checks, points and the quiz", cmd_list },
	{ "init", "PACK [DIR]", "create a workspace from the starter code", cmd_init },
	{ "validate", "PACK", "check a pack for every problem (authors)", cmd_validate },
	{ "pack", "DIR -o FILE", "write a reproducible pack archive (authors)", cmd_pack },
	{ "quiz-import", "FILE.gift", "convert a Moodle GIFT quiz to pack JSON", cmd_quiz_import },
	{ "grade", "PACK SUBMISSION...", "grade many submissions (CI)", cmd_grade },
	{ "merge", "GRADEBOOK...", "join gradebooks of sharded runs", cmd_merge },
	{ "report", "GRADES_DIR", "the class report of a batch: an HTML page, and Markdown", cmd_report },
	{ "help", "[COMMAND]", "show this list, or a command's help", cmd_help },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

const struct command *command_suggest(const char *word)
{
	const struct command *best = NULL;
	size_t best_d = 3;
	int ties = 0;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		size_t d = util_edit_distance(word, commands[i].name, 2);
		if (d < best_d) {
			best_d = d;
			best = &commands[i];
			ties = 0;
		} else if (d == best_d) {
			ties++;
		}
	}
	/* one edit away is a typo; two only for long words ("nopack" is a
	 * pack someone named, not "pack"), and never when two commands are
	 * equally close */
	if (!best || ties || (best_d == 2 && strlen(word) < 8))
		return NULL;
	return best;
}

void command_table_print(FILE *fp)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		char left[64];
		snprintf(left, sizeof(left), "%s %s", commands[i].name, commands[i].synopsis);
		fprintf(fp, "  %-26s %s\n", left, commands[i].summary);
	}
}

static const char help_usage[] = "usage: roadmap-run help [COMMAND]\n";

int cmd_help(int argc, char **argv)
{
	if (argc == 1) {
		run_print_help(stdout);
		return 0;
	}
	if (argc > 2 || argv[1][0] == '-') {
		if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
			printf("%s\nWithout COMMAND, list the commands; with one, show its help.\n", help_usage);
			return 0;
		}
		fputs(help_usage, stderr);
		return RR_EXIT_USAGE;
	}
	const struct command *c = command_find(argv[1]);
	if (!c || c->fn == cmd_help) {
		const struct command *s = c ? NULL : command_suggest(argv[1]);
		if (c) {
			run_print_help(stdout);
			return 0;
		}
		fputs("roadmap-run help: no command '", stderr);
		util_fputs_clean(stderr, argv[1], false);
		fputc('\'', stderr);
		if (s)
			fprintf(stderr, "; did you mean '%s'?", s->name);
		fputs("\n  roadmap-run help   lists the commands\n", stderr);
		return RR_EXIT_USAGE;
	}
	char *sub[] = { (char *)c->name, (char *)"--help", NULL };
	return c->fn(2, sub);
}
