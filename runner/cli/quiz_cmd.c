/*
 * quiz_cli.c - "roadmap-run quiz PACK": the pack's quiz, asked on a
 * terminal one question at a time.
 *
 * Theory of operation: the learner's answers live in an answers.json
 * (docs/pack-format.md), by default the one in the pack's workspace that
 * "roadmap-run PACK" grades. After every answer the whole file is rewritten
 * with util_write_atomic, so a Ctrl-C, a closed terminal or a crash loses at
 * most the question being asked, never one already answered. SIGINT only
 * sets a flag (the handler is installed without SA_RESTART, so a blocked
 * read returns EINTR): an answer being saved is finished first, then we say
 * where the answers are and die by SIGINT as the shell expects. The next
 * run asks only the questions without an answer; --again asks them all.
 *
 * To make that exact, SIGINT stays blocked except inside pselect() waiting
 * for the terminal: a Ctrl-C during a save is delivered after it, and one
 * typed while we wait wakes pselect with EINTR. stdin is unbuffered so
 * that pselect's "readable" is the whole truth (no line hides in stdio).
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <unistd.h>

#include "command_table.h"
#include "commands.h"
#include "line_edit.h"
#include "loaded_pack.h"
#include "pathsafe.h"
#include "quiz.h"
#include "roadmap.h"
#include "util.h"
#include "workspace.h"


static volatile sig_atomic_t interrupted;
static sigset_t wait_mask; /* the mask while waiting: SIGINT deliverable */

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct session {
	const cJSON *quiz;
	const char *path;
	/* In the workspace, saves go to save_rel below save_anchor and follow
	 * no link there; --answers FILE (save_rel NULL) is the user's own. */
	const char *save_anchor;
	char *save_rel;
	cJSON *answers; /* id -> value, as saved */
	int n_questions;
	struct line_edit le; /* the answer being typed, and the earlier ones */
};

static const char *qstr(const cJSON *q, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(q, key);
	return cJSON_IsString(x) ? x->valuestring : "";
}

/* Save every answer, in quiz order. Returns 0 or -errno. */
static int save(struct session *s)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "format", 1);
	cJSON *ans = cJSON_AddObjectToObject(doc, "answers");
	const cJSON *q;
	cJSON_ArrayForEach(q, s->quiz) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(s->answers, qstr(q, "id"));
		if (a)
			cJSON_AddItemToObject(ans, qstr(q, "id"), cJSON_Duplicate(a, true));
	}
	char *text = cJSON_Print(doc);
	cJSON_Delete(doc);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, text);
	strbuf_addstr(&sb, "\n");
	cJSON_free(text);
	char *failed = NULL;
	int r = s->save_rel ? pathsafe_write_below(s->save_anchor, s->save_rel, sb.buf, sb.len, &failed)
			    : pathsafe_write_named(s->path, sb.buf, sb.len);
	strbuf_release(&sb);
	if (r < 0) {
		char *msg = pathsafe_write_error(NULL, s->path, r, failed);
		fprintf(stderr, "error: cannot save the answers: %s\n", util_esc(msg));
		free(msg);
	}
	free(failed);
	return r;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static bool parse_index(const char *s, int n, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 1 || v > n)
		return false;
	*out = v - 1;
	return true;
}

/* Turn what the learner typed into an answer for q, or NULL with *hint set. */
static cJSON *parse_input(const cJSON *q, char *line, const char **hint)
{
	const char *type = qstr(q, "type");
	int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(q, "choices"));
	char *s = trim(line);
	static char buf[128];
	*hint = buf;
	if (strcmp(type, "single") == 0) {
		long i;
		snprintf(buf, sizeof(buf), "answer with the number of one choice, from 1 to %d", n);
		return parse_index(s, n, &i) ? cJSON_CreateNumber((double)i) : NULL;
	}
	if (strcmp(type, "multiple") == 0) {
		snprintf(buf, sizeof(buf), "answer with the numbers of the right choices (1 to %d), e.g. 1,3 or 1 3", n);
		cJSON *arr = cJSON_CreateArray();
		bool seen[n > 0 ? n : 1];
		memset(seen, 0, sizeof(seen));
		char *save_ptr = NULL;
		for (char *tok = strtok_r(s, ", \t", &save_ptr); tok; tok = strtok_r(NULL, ", \t", &save_ptr)) {
			long i;
			if (!parse_index(tok, n, &i)) {
				cJSON_Delete(arr);
				return NULL;
			}
			seen[i] = true;
		}
		for (int i = 0; i < n; i++) /* saved in order, each once */
			if (seen[i])
				cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)i));
		if (cJSON_GetArraySize(arr) == 0) {
			cJSON_Delete(arr);
			return NULL;
		}
		return arr;
	}
	if (strcmp(type, "match") == 0) {
		/* one choice number per stem, in the stems' order */
		int ns = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(q, "stems"));
		snprintf(buf, sizeof(buf), "answer with %d choice numbers (1 to %d), one per item in order, e.g. 2,1",
			 ns, n);
		cJSON *arr = cJSON_CreateArray();
		char *save_ptr = NULL;
		for (char *tok = strtok_r(s, ", \t", &save_ptr); tok; tok = strtok_r(NULL, ", \t", &save_ptr)) {
			long i;
			if (!parse_index(tok, n, &i)) {
				cJSON_Delete(arr);
				return NULL;
			}
			cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)i));
		}
		if (cJSON_GetArraySize(arr) != ns) {
			cJSON_Delete(arr);
			return NULL;
		}
		return arr;
	}
	if (strcmp(type, "bool") == 0) {
		snprintf(buf, sizeof(buf), "answer y (true) or n (false)");
		if (!strcasecmp(s, "y") || !strcasecmp(s, "yes") || !strcasecmp(s, "t") || !strcasecmp(s, "true"))
			return cJSON_CreateTrue();
		if (!strcasecmp(s, "n") || !strcasecmp(s, "no") || !strcasecmp(s, "f") || !strcasecmp(s, "false"))
			return cJSON_CreateFalse();
		return NULL;
	}
	if (strcmp(type, "number") == 0) {
		snprintf(buf, sizeof(buf), "answer with a number, e.g. 42 or 3.5");
		char *end;
		errno = 0;
		double v = strtod(s, &end);
		if (end == s || *end || errno || !isfinite(v))
			return NULL;
		return cJSON_CreateNumber(v);
	}
	snprintf(buf, sizeof(buf), "type your answer (an empty answer is not accepted)");
	return *s ? cJSON_CreateString(s) : NULL;
}

static void print_choice(const cJSON *q, double idx)
{
	const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(q, "choices"), (int)idx);
	printf("%d) %s", (int)idx + 1, cJSON_IsString(c) ? util_esc(c->valuestring) : "?");
}

/* What the right answer was, for a learner who did not give it. */
static void print_right_answer(const cJSON *q)
{
	const char *type = qstr(q, "type");
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(q, "answer");
	if (strcmp(type, "single") == 0) {
		printf("The answer: ");
		print_choice(q, key->valuedouble);
		printf("\n");
	} else if (strcmp(type, "multiple") == 0) {
		const cJSON *x;
		printf("The right choices:");
		cJSON_ArrayForEach(x, key) {
			printf("\n  ");
			print_choice(q, x->valuedouble);
		}
		printf("\n");
	} else if (strcmp(type, "match") == 0) {
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(q, "stems"), *x, *k = key->child;
		printf("The pairs:");
		cJSON_ArrayForEach(x, st) {
			printf("\n  %s -> ", util_esc(x->valuestring));
			print_choice(q, k ? k->valuedouble : 0);
			k = k ? k->next : NULL;
		}
		printf("\n");
	} else if (strcmp(type, "bool") == 0) {
		printf("The answer: %s\n", cJSON_IsTrue(key) ? "true" : "false");
	} else if (strcmp(type, "number") == 0) {
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(q, "answers"), *x;
		const cJSON *tol = cJSON_GetObjectItemCaseSensitive(q, "tolerance");
		if (list) { /* the first answer worth full points */
			cJSON_ArrayForEach(x, list) {
				const cJSON *w = cJSON_GetObjectItemCaseSensitive(x, "weight");
				if (!w || w->valuedouble == 100)
					break;
			}
			key = cJSON_GetObjectItemCaseSensitive(x, "answer");
			tol = cJSON_GetObjectItemCaseSensitive(x, "tolerance");
		}
		printf("The answer: %g", cJSON_IsNumber(key) ? key->valuedouble : 0.0);
		if (cJSON_IsNumber(tol) && tol->valuedouble > 0)
			printf(" (give or take %g)", tol->valuedouble);
		printf("\n");
	} else if (strcmp(type, "text") == 0) {
		const cJSON *acc = cJSON_GetObjectItemCaseSensitive(q, "accept");
		if (cJSON_GetArraySize(acc) > 0) {
			const cJSON *x;
			const char *sep = "";
			printf("Accepted: ");
			cJSON_ArrayForEach(x, acc) {
				const cJSON *t = cJSON_IsObject(x) ? cJSON_GetObjectItemCaseSensitive(x, "text") : x;
				const cJSON *w = cJSON_GetObjectItemCaseSensitive(x, "weight");
				if (!cJSON_IsString(t) || (cJSON_IsNumber(w) && w->valuedouble != 100))
					continue;
				printf("%s%s", sep, util_esc(t->valuestring));
				sep = " or ";
			}
			printf("\n");
		}
	}
}

static void ask_header(const cJSON *q, int k, int n)
{
	const char *type = qstr(q, "type");
	int pts = quiz_question_points(q);
	const char *how = strcmp(type, "single") == 0 ? "choose one"
		: strcmp(type, "multiple") == 0 ? "choose all that apply, e.g. 1,3"
		: strcmp(type, "bool") == 0 ? "true or false: y/n"
		: strcmp(type, "number") == 0 ? "a number"
		: strcmp(type, "match") == 0 ? "pick a choice for each item, e.g. 2,1"
		: "type the answer";
	printf("\nQuestion %d of %d (%d point%s; %s)\n\n", k, n, pts, pts == 1 ? "" : "s", how);
	util_fputs_clean(stdout, qstr(q, "prompt"), true); /* the pack's text */
	printf("\n");
	const cJSON *c;
	int i = 1;
	if (strcmp(type, "match") == 0) {
		printf("\nItems:\n");
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(q, "stems"))
			printf("  %c. %s\n", i <= 26 ? 'a' + i - 1 : '?', util_esc(cJSON_IsString(c) ? c->valuestring : "?"));
		printf("\nChoices:");
		i = 1;
	}
	if (cJSON_GetObjectItemCaseSensitive(q, "choices"))
		printf("\n");
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(q, "choices"))
		printf("  %d) %s\n", i++, cJSON_IsString(c) ? util_esc(c->valuestring) : "?");
}

enum ask_result { ASK_ANSWERED, ASK_EOF, ASK_INTERRUPTED, ASK_SAVE_FAILED };

static enum ask_result ask(struct session *s, const cJSON *q, int k)
{
	char *line = NULL;
	enum ask_result ret;
	const char *id = qstr(q, "id");
	ask_header(q, k, s->n_questions);
	for (;;) {
		fflush(stdout);
		int got = line_edit_read(&s->le, STDIN_FILENO, STDOUT_FILENO, "> ", &wait_mask, &interrupted);
		if (interrupted) {
			ret = ASK_INTERRUPTED;
			goto out;
		}
		if (got <= 0) {
			ret = ASK_EOF;
			goto out;
		}
		free(line);
		line = xstrdup(s->le.buf);
		const char *hint;
		cJSON *given = parse_input(q, line, &hint);
		if (!given) {
			printf("  %s\n", hint);
			continue;
		}
		const char *status;
		int pts = quiz_score_question(q, given, &status);
		cJSON_DeleteItemFromObjectCaseSensitive(s->answers, id);
		cJSON_AddItemToObject(s->answers, id, given);
		int r = save(s);
		if (r < 0) {
			ret = ASK_SAVE_FAILED; /* save said why */
			goto out;
		}
		int max = quiz_question_points(q);
		if (strcmp(status, "correct") == 0)
			printf("\nRight! (%d of %d point%s)\n", pts, max, max == 1 ? "" : "s");
		else if (pts > 0)
			printf("\nPartly right: %d of %d points.\n", pts, max);
		else
			printf("\nWrong. (0 of %d point%s)\n", max, max == 1 ? "" : "s");
		if (strcmp(status, "correct") != 0)
			print_right_answer(q);
		printf("\n");
		util_fputs_clean(stdout, qstr(q, "explanation"), true);
		printf("\n");
		ret = interrupted ? ASK_INTERRUPTED : ASK_ANSWERED;
		goto out;
	}
out:
	free(line);
	return ret;
}

static int load_answers(struct session *s, const char *display)
{
	char *text = NULL;
	size_t len = 0;
	/* The workspace's answers.json is a name the runner picks: a link
	 * there is refused, not read (its target's bytes would be quoted in
	 * the parse error) and then overwritten. */
	int r = s->save_rel ? util_read_regular_file(s->path, QUIZ_ANSWERS_MAX_BYTES, &text, &len)
			    : util_read_file(s->path, QUIZ_ANSWERS_MAX_BYTES, &text, &len);
	if (r == -ENOENT) {
		s->answers = cJSON_CreateObject();
		return 0;
	}
	if (r == -ELOOP) {
		fprintf(stderr, "error: cannot read the answers: '%s' is a symbolic link; roadmap-run "
			"does not follow links in the paths it picks itself\n", util_esc(s->path));
		return RR_EXIT_INTERNAL;
	}
	if (r < 0) {
		fprintf(stderr, "error: cannot read the answers '%s': %s\n", util_esc(s->path),
			r == -EFBIG ? "larger than 1 MiB" : strerror(-r));
		return r == -EFBIG ? RR_EXIT_INVALID : RR_EXIT_INTERNAL;
	}
	struct diag_list d = DIAG_LIST_INIT;
	r = quiz_parse_answers(text, len, display, s->quiz, &s->answers, &d);
	free(text);
	diag_print(&d, stderr, NULL);
	diag_clear(&d);
	if (r) {
		fprintf(stderr, "hint: fix '%s', or delete it to start the quiz afresh\n",
			util_esc(s->path));
		return r;
	}
	return 0;
}

static int count_answered(const struct session *s)
{
	int n = 0;
	const cJSON *q;
	cJSON_ArrayForEach(q, s->quiz) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(s->answers, qstr(q, "id"));
		n += a && !cJSON_IsNull(a);
	}
	return n;
}

/* Prints the score; returns 0 at full marks, else RR_EXIT_FAIL. */
static int print_score(const struct session *s)
{
	cJSON *g = quiz_grade(s->quiz, s->answers);
	int score = cJSON_GetObjectItemCaseSensitive(g, "score")->valueint;
	int max = cJSON_GetObjectItemCaseSensitive(g, "max_score")->valueint;
	int answered = count_answered(s);
	cJSON_Delete(g);
	printf("\nScore: %d of %d points (%d of %d questions answered).\n", score, max, answered,
	       s->n_questions);
	return score == max && answered == s->n_questions ? 0 : RR_EXIT_FAIL;
}

int quiz_parse_args(int argc, char **argv, struct quiz_args *q)
{
	struct cli_args a;
	int c;
	memset(q, 0, sizeof(*q));
	cli_begin(&a, "quiz", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		if (c == 'a')
			q->answers = a.value;
		else if (c == 'A')
			q->again = true;
	}
	if (c == CLI_STOP)
		return a.status;
	/* The quiz reads its answers from the terminal and saves them after
	 * each one: there is no stream to read or write them to. */
	if (q->answers && strcmp(q->answers, "-") == 0)
		return cli_usage_error(a.cmd, "--answers - is not for the quiz, which saves each answer to a "
				       "file; give a FILE, or grade answers from stdin with "
				       "'roadmap-run %s --answers -'", util_esc(a.pos[0]));
	q->quiet = a.quiet;
	q->pack_path = a.pos[0];
	return -1;
}

int cmd_quiz(int argc, char **argv)
{
	struct quiz_args args;
	int r = quiz_parse_args(argc, argv, &args);
	if (r >= 0)
		return r;
	const char *answers_opt = args.answers;
	bool again = args.again;
	const char *pack_path = args.pack_path;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr,
			"error: roadmap-run quiz asks its questions on a terminal, and %s is not one\n"
			"hint: without a terminal, write the answers to a file (format: docs/pack-format.md,\n"
			"hint: \"answers.json\") and grade them with\n"
			"hint:   roadmap-run %s SUBMISSION        (reads SUBMISSION/answers.json)\n"
			"hint:   roadmap-run %s --answers FILE\n",
			isatty(STDIN_FILENO) ? "stdout" : "stdin", pack_path, pack_path);
		return RR_EXIT_USAGE;
	}

	struct loaded_pack lp;
	struct session s = { 0 };
	struct workspace ws = { 0 };
	char *path = NULL;
	struct sigaction sa, old_sa;
	sigset_t block;
	bool handler = false;
	int ret;
	util_install_cleanup_handlers();
	if ((ret = loaded_pack_open(pack_path, &lp)))
		return ret;
	s.quiz = lp.m.quiz;
	s.n_questions = s.quiz ? cJSON_GetArraySize(s.quiz) : 0;
	if (s.n_questions == 0) {
		printf("Pack '%s' has no quiz.\n", util_esc(lp.m.id));
		ret = 0;
		goto out;
	}
	if (answers_opt) {
		path = xstrdup(answers_opt);
	} else {
		if (workspace_locate(&ws, NULL, lp.m.id) < 0) {
			fprintf(stderr, "error: no home directory for the workspace; set HOME or give --answers FILE\n");
			ret = RR_EXIT_INTERNAL;
			goto out;
		}
		int created;
		/* The workspace's exercises are its track's: a quiz taken
		 * first must not create them in another language. */
		if ((ret = workspace_select_track(&lp, &ws, "quiz", NULL)) ||
		    (ret = workspace_ensure(&lp, &ws, &created)) ||
		    (ret = workspace_record_track(&lp, &ws)))
			goto out;
		if (created)
			printf("Created your workspace for '%s' in %s\n", util_esc(lp.m.id),
			       util_esc(ws.path));
		path = util_path_join(ws.path, "answers.json");
		s.save_anchor = ws.anchor;
		s.save_rel = workspace_rel(&ws, "answers.json");
	}
	s.path = path;
	if ((ret = load_answers(&s, path)))
		goto out;

	/* From here on Ctrl-C must not kill us in the middle of a save. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	sigaction(SIGINT, &sa, &old_sa);
	if (old_sa.sa_handler == SIG_IGN) /* started with Ctrl-C ignored: keep it so */
		sigaction(SIGINT, &old_sa, NULL);
	handler = true;
	setvbuf(stdin, NULL, _IONBF, 0);

	int answered = count_answered(&s);
	int to_ask = again ? s.n_questions : s.n_questions - answered;
	printf("%s: %s\n", util_esc(lp.m.id), util_esc(lp.m.title));
	if (to_ask == 0) {
		printf("All %d questions are answered already; --again asks them all again.\n", s.n_questions);
		ret = print_score(&s);
		goto out;
	}
	printf("%d question%s to answer%s. Each answer is saved at once in %s\n"
	       "(Ctrl-C stops; the next run goes on where you stopped.)\n",
	       to_ask, to_ask == 1 ? "" : "s",
	       answered && !again ? " (the others are answered already)" : "", util_esc(path));

	const cJSON *q;
	int k = 0;
	enum ask_result ar = ASK_ANSWERED;
	cJSON_ArrayForEach(q, s.quiz) {
		k++;
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(s.answers, qstr(q, "id"));
		if (!again && a && !cJSON_IsNull(a))
			continue;
		ar = ask(&s, q, k);
		if (ar != ASK_ANSWERED)
			break;
	}
	if (ar == ASK_INTERRUPTED) {
		printf("\nInterrupted. %d of %d questions are answered and saved in %s\n",
		       count_answered(&s), s.n_questions, util_esc(path));
		fflush(stdout);
		line_edit_release(&s.le);
		cJSON_Delete(s.answers);
		free(path);
		free(s.save_rel);
		workspace_release(&ws);
		loaded_pack_close(&lp);
		/* Die by SIGINT, as a shell script around us expects: the
		 * previous handler (util's temp dir cleanup) runs first. */
		sigaction(SIGINT, &old_sa, NULL);
		raise(SIGINT);
		sigprocmask(SIG_UNBLOCK, &block, NULL);
		signal(SIGINT, SIG_DFL);
		raise(SIGINT);
		return 130;
	}
	if (ar == ASK_SAVE_FAILED) {
		ret = RR_EXIT_INTERNAL;
		goto out;
	}
	if (ar == ASK_EOF)
		printf("\nStopped. Your answers are saved in %s\n", util_esc(path));
	ret = print_score(&s);
	if (ret == 0)
		printf("Full marks!\n");
	else if (count_answered(&s) < s.n_questions)
		printf("Run \"roadmap-run quiz %s\" again to answer the rest.\n", util_esc(pack_path));
out:
	if (handler) {
		sigaction(SIGINT, &old_sa, NULL);
		sigprocmask(SIG_UNBLOCK, &block, NULL);
	}
	line_edit_release(&s.le);
	cJSON_Delete(s.answers);
	free(path);
	free(s.save_rel);
	workspace_release(&ws);
	loaded_pack_close(&lp);
	return ret;
}
