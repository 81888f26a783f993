/*
 * command_table.h - the one description of the command line: every
 * sub-command with its arguments, options and help text. Everything a user
 * reads about the command line is generated from it, so nothing can drift:
 *   - the option parsing of every command (cli_next), with one wording for
 *     usage errors (cli_usage_error);
 *   - `roadmap-run --help`, `roadmap-run help [COMMAND]`, `COMMAND --help`;
 *   - "unknown command, did you mean" and "unknown option, did you mean";
 *   - the man page and the bash, zsh and fish completions
 *     (`roadmap-run help --man`, `roadmap-run help --completion SHELL`).
 * Nothing else lists the commands or their options.
 */
#ifndef COMMAND_TABLE_H
#define COMMAND_TABLE_H

#include <stdbool.h>
#include <stdio.h>

/* What an option's value is: for the completions, and because a value that
 * names a file or directory may not be empty (an unset shell variable). */
enum cli_value {
	CLI_FLAG,   /* no value */
	CLI_FILE,   /* a file; "-" is stdin or stdout where the help says so */
	CLI_DIR,    /* a directory */
	CLI_WORD,   /* one of choices */
	CLI_TEXT,   /* anything else: a number, an id, K/N */
};

struct cli_option {
	const char *name;    /* long name, without "--" */
	char short_name;     /* 0 when there is none */
	int id;              /* what cli_next returns for it */
	enum cli_value kind;
	const char *arg;     /* the value's name in help (FILE, N); NULL for a flag */
	const char *choices; /* CLI_WORD: the values, separated by spaces */
	const char *help;    /* one sentence, lower case, no full stop */
	bool hidden;         /* parsed, but in no help, man page or completion */
};

struct command {
	const char *name;
	/* The positional arguments: words, "[WORD]" for an optional one and
	 * "WORD..." for any number. The parser checks their count from it. */
	const char *args;
	const char *summary;     /* one line, lower case, no full stop */
	const char *description; /* paragraphs for --help and the man page */
	const struct cli_option *options; /* ends with { 0 }; common ones are added */
	int (*fn)(int argc, char **argv);
	bool is_default;         /* `roadmap-run PACK` is `roadmap-run run PACK` */
};

/* The command called name, or NULL. */
const struct command *command_find(const char *name);

/* Every command, in the order help lists them; n_out gets the count. */
const struct command *command_all(size_t *n_out);

/* The options every command takes (--quiet, --color, --help, --version). */
extern const struct cli_option cli_common_options[];

/* The command whose name is within two edits of word (the closest, and
 * only when one is clearly closest), or NULL. */
const struct command *command_suggest(const char *word);

/* "  name ARGS   summary" for every command, one per line. */
void command_table_print(FILE *fp);

/* Levenshtein distance between a and b, capped at cap+1 (cheap early
 * exit): shared with the pack-name suggestions. */
size_t command_edit_distance(const char *a, const char *b, size_t cap);

/* ---- parsing (cli_parse.c) ---- */

enum {
	CLI_END = 0,   /* every argument read; the positionals are in pos */
	CLI_STOP = -1, /* done: return status (after --help, --version, a usage error) */
};

/* Ids of the common options, out of the range of option letters. */
enum { CLI_OPT_HELP = 1000, CLI_OPT_VERSION, CLI_OPT_QUIET, CLI_OPT_COLOR };

struct cli_args {
	const struct command *cmd;
	char **pos;          /* the positional arguments, in order */
	int n_pos;
	const char *value;   /* the value of the option cli_next just returned */
	const char *opt;     /* how the user spelt that option ("--out", "-o") */
	bool quiet;          /* -q, --quiet was given */
	int status;          /* the exit status, when cli_next returns CLI_STOP */
	/* the parser's own */
	int argc, next;
	char **argv;
	const char *bundle;  /* the rest of "-qv" after the letters taken */
	bool options_done;   /* after "--" */
	char opt_buf[40];
};

/* Begin parsing argv[1..argc-1] of command name (argv[0] is the
 * command's name). Frees nothing; pos points into argv. */
void cli_begin(struct cli_args *a, const char *name, int argc, char **argv);

/* The next option of the command: its id, with its value in a->value.
 * CLI_END when every argument is read and the positionals fit the
 * command's args. CLI_STOP, with a->status set, after --help or --version
 * (printed, status 0) or a usage error (printed, RR_EXIT_USAGE): an
 * unknown option (with the closest one), a value missing, an empty file
 * or directory, a value given to a flag, too few or too many positionals.
 * -q/--quiet sets a->quiet and is not returned. "--" ends the options;
 * "-" is a positional (stdin or stdout, where a command takes it). */
int cli_next(struct cli_args *a);

/* The usage error of command c (NULL: the default command): prints
 * "roadmap-run CMD: MESSAGE" and its usage line to stderr, and returns
 * RR_EXIT_USAGE. The message is a printf format; the caller escapes what
 * the user typed (util_esc). */
int cli_usage_error(const struct command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The usage error for a bad value of the option just returned:
 * "option '--x' takes EXPECTED, not 'VALUE'". Returns CLI_STOP. */
int cli_bad_value(struct cli_args *a, const char *expected);

/* a->value as a whole number from min to max, or cli_bad_value with
 * expected. Returns 0, or CLI_STOP. */
int cli_value_long(struct cli_args *a, long min, long max, const char *expected, long *out);

/* Write text that goes to stdout for "-" (a report, a page, JSON): as it
 * is into a pipe or a file, and with terminal controls escaped
 * (util_escape, newlines kept) on a terminal, like everything else the
 * runner prints there. Returns 0 or -errno. */
int cli_write_stdout(const char *text, size_t len);

/* ---- what is generated from the table (cli_docs.c) ---- */

/* The usage line: "usage: roadmap-run NAME ARGS [options]\n". */
void cli_print_usage(FILE *fp, const struct command *c);

/* A command's --help: usage, description, its options, the common ones. */
void cli_print_help(FILE *fp, const struct command *c);

/* `roadmap-run --help`: run's help and the list of commands. */
void cli_print_top_help(FILE *fp);

/* The man page roadmap-run(1), in roff. */
void cli_print_man(FILE *fp);

/* The completion script for shell ("bash", "zsh" or "fish"). Returns 0,
 * or -1 for another shell. */
int cli_print_completion(FILE *fp, const char *shell);

#endif
