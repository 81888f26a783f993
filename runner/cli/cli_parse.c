/*
 * cli_parse.c - the option parser every command uses, driven by its entry
 * in the command table, and the one wording of a usage error.
 *
 * GNU conventions, as getopt_long has them, minus what surprises: options
 * and positionals mix in any order; "--name=value" and "--name value";
 * "-o value", "-ovalue" and bundled flags "-qv"; "--" ends the options; a
 * lone "-" is a positional. Long names are never abbreviated: "--rep" is
 * not "--report", so adding an option never breaks a script that relied on
 * a prefix. Unlike getopt, the parser keeps no global state (optind), so
 * commands and unit tests can call it any number of times.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command_table.h"
#include "roadmap.h"
#include "summary.h"
#include "util.h"

static void print_prefix(const struct command *c)
{
	if (!c || c->is_default)
		fputs("roadmap-run: ", stderr);
	else
		fprintf(stderr, "roadmap-run %s: ", c->name);
}

int cli_usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;
	print_prefix(c);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (!c)
		c = command_find("run");
	cli_print_usage(stderr, c);
	return RR_EXIT_USAGE;
}

static int stop(struct cli_args *a, int status)
{
	a->status = status;
	return CLI_STOP;
}

/* The option of the command (or a common one) called name (long) or
 * letter (short). */
static const struct cli_option *find_option(const struct command *c, const char *name, size_t len,
					    char letter)
{
	const struct cli_option *lists[] = { c->options, cli_common_options };
	for (size_t l = 0; l < 2; l++)
		for (const struct cli_option *o = lists[l]; o && o->name; o++) {
			if (letter ? o->short_name == letter
				   : strlen(o->name) == len && strncmp(o->name, name, len) == 0)
				return o;
		}
	return NULL;
}

/* The visible long option closest to the unknown one, or NULL. */
static const struct cli_option *closest_option(const struct command *c, const char *name, size_t len)
{
	const struct cli_option *lists[] = { c->options, cli_common_options }, *best = NULL;
	char *word = xstrndup(name, len);
	size_t best_d = 3;
	for (size_t l = 0; l < 2; l++)
		for (const struct cli_option *o = lists[l]; o && o->name; o++) {
			size_t d = command_edit_distance(word, o->name, 2);
			if (!o->hidden && d < best_d) {
				best_d = d;
				best = o;
			}
		}
	free(word);
	return best_d <= (len < 6 ? 1u : 2u) ? best : NULL;
}

static int unknown_option(struct cli_args *a, const char *word, const char *name, size_t len)
{
	const struct cli_option *o = len ? closest_option(a->cmd, name, len) : NULL;
	if (o)
		cli_usage_error(a->cmd, "unknown option '%s'; did you mean '--%s'?", util_esc(word), o->name);
	else
		cli_usage_error(a->cmd, "unknown option '%s'", util_esc(word));
	return stop(a, RR_EXIT_USAGE);
}

void cli_begin(struct cli_args *a, const char *name, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	a->cmd = command_find(name);
	a->argc = argc;
	a->argv = argv;
	a->next = 1;
	a->pos = argv + 1; /* positionals are gathered at the front, in place */
}

/* Count the words of args: required, and optional (-1 for "..."). */
static void count_args(const char *args, int *min, int *max, const char **names, int n_names)
{
	int n = 0;
	*min = *max = 0;
	for (const char *p = args; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ')
			p++;
		if (*start == '-') { /* a required option shown in the synopsis, "-o FILE" */
			while (*p == ' ')
				p++;
			while (*p && *p != ' ')
				p++;
			continue;
		}
		bool optional = *start == '[';
		bool many = p - start > 3 && strncmp(p - 3 - optional, "...", 3) == 0;
		if (n < n_names)
			names[n++] = start;
		if (!optional)
			++*min;
		if (*max >= 0)
			*max = many ? -1 : *max + 1;
	}
}

/* The check of the positionals' count, when every argument is read. */
static int finish(struct cli_args *a)
{
	const char *names[8] = { 0 };
	int min, max;
	count_args(a->cmd->args, &min, &max, names, 8);
	if (a->n_pos < min) {
		const char *w = names[a->n_pos];
		size_t len = strcspn(w, " ");
		if (len > 3 && strncmp(w + len - 3, "...", 3) == 0)
			len -= 3;
		cli_usage_error(a->cmd, "missing %.*s", (int)len, w);
		return stop(a, RR_EXIT_USAGE);
	}
	if (max >= 0 && a->n_pos > max) {
		cli_usage_error(a->cmd, "unexpected argument '%s'", util_esc(a->pos[max]));
		return stop(a, RR_EXIT_USAGE);
	}
	a->pos[a->n_pos] = NULL;
	return CLI_END;
}

/* Whether value is one of the space-separated words of choices. */
static bool is_choice(const char *choices, const char *value)
{
	size_t n = strlen(value);
	for (const char *p = choices; *p;) {
		size_t w = strcspn(p, " ");
		if (w == n && n && strncmp(p, value, n) == 0)
			return true;
		p += w;
		p += strspn(p, " ");
	}
	return false;
}

/* The option o was found; its value is inline (after '=' or the letter),
 * or the next argument. */
static int take(struct cli_args *a, const struct cli_option *o, const char *inline_value, bool has_inline)
{
	a->value = NULL;
	if (o->kind == CLI_FLAG) {
		if (has_inline)
			return cli_usage_error(a->cmd, "option '%s' takes no value", a->opt), stop(a, RR_EXIT_USAGE);
	} else if (has_inline) {
		a->value = inline_value;
	} else if (a->next < a->argc) {
		a->value = a->argv[a->next++];
	} else {
		cli_usage_error(a->cmd, "option '%s' needs a value", a->opt);
		return stop(a, RR_EXIT_USAGE);
	}
	/* "--report=" or --report "": a value that names nothing (a shell
	 * variable that was not set) is a usage error now, not a failure to
	 * write '' after grading everything. */
	if ((o->kind == CLI_FILE || o->kind == CLI_DIR) && !*a->value) {
		cli_usage_error(a->cmd, "option '%s' needs a non-empty value", a->opt);
		return stop(a, RR_EXIT_USAGE);
	}
	if (o->kind == CLI_WORD) {
		if (!is_choice(o->choices, a->value)) {
			char *expected = xasprintf("one of: %s", o->choices);
			cli_bad_value(a, expected);
			free(expected);
			return CLI_STOP;
		}
	}
	switch (o->id) {
	case CLI_OPT_HELP:
		cli_print_help(stdout, a->cmd);
		return stop(a, 0);
	case CLI_OPT_VERSION:
		printf("%s %s\n", RR_NAME, RR_VERSION);
		return stop(a, 0);
	case CLI_OPT_QUIET:
		a->quiet = true;
		return cli_next(a);
	case CLI_OPT_COLOR: /* main() takes it first; here for a direct caller */
		summary_set_color_mode(a->value);
		return cli_next(a);
	default:
		return o->id;
	}
}

int cli_next(struct cli_args *a)
{
	if (!a->cmd) /* a command missing from the table: a programming error */
		abort();
	if (a->bundle && *a->bundle) {
		char letter = *a->bundle++;
		const struct cli_option *o = find_option(a->cmd, NULL, 0, letter);
		snprintf(a->opt_buf, sizeof(a->opt_buf), "-%c", letter);
		a->opt = a->opt_buf;
		if (!o || o->hidden) {
			cli_usage_error(a->cmd, "unknown option '-%s' in '%s'", util_esc(a->opt + 1),
					util_esc(a->argv[a->next - 1]));
			return stop(a, RR_EXIT_USAGE);
		}
		bool inline_value = o->kind != CLI_FLAG && *a->bundle;
		const char *v = a->bundle;
		if (o->kind != CLI_FLAG)
			a->bundle = NULL;
		return take(a, o, v, inline_value);
	}
	a->bundle = NULL;
	while (a->next < a->argc) {
		char *w = a->argv[a->next++];
		if (a->options_done || w[0] != '-' || w[1] == '\0') {
			a->pos[a->n_pos++] = w; /* never ahead of next: pos starts at argv + 1 */
			continue;
		}
		if (strcmp(w, "--") == 0) {
			a->options_done = true;
			continue;
		}
		if (w[1] == '-') {
			const char *name = w + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const struct cli_option *o = find_option(a->cmd, name, len, 0);
			if (!o)
				return unknown_option(a, w, name, len);
			/* the option as spelt, without "=value", for messages */
			snprintf(a->opt_buf, sizeof(a->opt_buf), "--%s", o->name);
			a->opt = a->opt_buf;
			return take(a, o, eq ? eq + 1 : NULL, eq != NULL);
		}
		a->bundle = w + 1;
		return cli_next(a);
	}
	return finish(a);
}

int cli_bad_value(struct cli_args *a, const char *expected)
{
	cli_usage_error(a->cmd, "option '%s' takes %s, not '%s'", a->opt, expected, util_esc(a->value));
	return stop(a, RR_EXIT_USAGE);
}

int cli_value_long(struct cli_args *a, long min, long max, const char *expected, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(a->value, &end, 10);
	if (end == a->value || *end || errno || v < min || v > max)
		return cli_bad_value(a, expected);
	*out = v;
	return 0;
}

int cli_write_stdout(const char *text, size_t len)
{
	if (isatty(STDOUT_FILENO)) {
		struct strbuf sb = STRBUF_INIT;
		util_escape(&sb, text, len, true);
		size_t n = fwrite(sb.buf, 1, sb.len, stdout);
		bool short_write = n != sb.len;
		strbuf_release(&sb);
		if (short_write)
			return -EIO;
	} else if (fwrite(text, 1, len, stdout) != len) {
		return -EIO;
	}
	return fflush(stdout) ? -EIO : 0;
}
