/*
 * watch.c - `roadmap-run watch [PACK]`: the learner's loop. Watch the
 * workspace with inotify; when a file of an exercise is saved (after a
 * quiet spell, so an editor's write-rename-chmod counts once), regrade only
 * that exercise and show its first failing check. On a terminal, single
 * keys act rustlings-style (h hint, n next, l list, p prompt, q quit); off
 * a terminal, each regrade is one line, for scripts and editors.
 *
 * One sandbox serves the whole session. Each regrade is folded into the
 * workspace's report.json (report_merge_partial), so `status` and a later
 * full run see it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <termios.h>
#include <dirent.h>
#include <unistd.h>

#include "check_status.h"
#include "command_table.h"
#include "commands.h"
#include "grade.h"
#include "loaded_pack.h"
#include "pathsafe.h"
#include "report.h"
#include "roadmap.h"
#include "sandbox.h"
#include "summary.h"
#include "util.h"
#include "workspace.h"

/* Saves closer together than this are one save. */
#define WATCH_DEBOUNCE_MS 80
#define WATCH_MAX_DIRS 4096

struct watch_dir {
	int wd;
	size_t exercise; /* index into the manifest's exercises */
};

struct watch {
	struct loaded_pack lp;
	struct sandbox *sb;
	struct workspace workspace; /* where reports are written, no link followed */
	char *ws, *report_path, *pack_arg; /* ws: workspace.path, borrowed */
	cJSON *report;       /* the workspace's last report, kept merged */
	int inotify_fd;
	struct watch_dir dirs[WATCH_MAX_DIRS];
	size_t n_dirs;
	bool *dirty;         /* per exercise: saved since its last grade */
	size_t current;      /* the exercise the keys act on */
	bool tty;
	bool color;
};

static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

/* Async-signal-safe: called from the cleanup signal handler too. */
static void restore_terminal(void)
{
	if (termios_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static void on_signal(void)
{
	restore_terminal();
	sandbox_kill_active();
}

static void raw_terminal(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &saved_termios) < 0)
		return;
	termios_saved = 1;
	t = saved_termios;
	/* Keys without Enter and without echo. Ctrl-C stays a signal: a key
	 * is only read between regrades, and Ctrl-C must stop a check that
	 * is running now (the cleanup handler kills it, removes its
	 * directories and restores this terminal). Ctrl-\ and Ctrl-Z are
	 * switched off: a core dump or a stop would leave the terminal raw. */
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VQUIT] = _POSIX_VDISABLE;
	t.c_cc[VSUSP] = _POSIX_VDISABLE;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

static void add_watch_tree(struct watch *w, const char *dir, size_t exercise)
{
	if (w->n_dirs >= WATCH_MAX_DIRS)
		return;
	int wd = inotify_add_watch(w->inotify_fd, dir,
				   IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
					   IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK);
	if (wd < 0)
		return;
	bool known = false;
	for (size_t i = 0; i < w->n_dirs && !known; i++)
		known = w->dirs[i].wd == wd;
	if (!known)
		w->dirs[w->n_dirs++] = (struct watch_dir){ wd, exercise };
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || e->d_type != DT_DIR)
			continue; /* .roadmap-run, .git and other hidden trees are not the work */
		char *sub = util_path_join(dir, e->d_name);
		add_watch_tree(w, sub, exercise);
		free(sub);
	}
	closedir(d);
}

static const struct watch_dir *find_dir(const struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

/* Editors' scratch files are not saves of the work. */
static bool ignored_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || name[0] == '.' || name[n - 1] == '~' || strcmp(name, "4913") == 0)
		return true;
	return n > 4 && (strcmp(name + n - 4, ".swp") == 0 || strcmp(name + n - 4, ".swx") == 0);
}

/* Read what inotify has; mark the exercises saved. Returns how many. */
static int read_events(struct watch *w)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	int marked = 0;
	for (;;) {
		ssize_t n = read(w->inotify_fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof(*ev) + ev->len;
			const struct watch_dir *d = find_dir(w, ev->wd);
			if (!d || (ev->len && ignored_name(ev->name)))
				continue;
			size_t ex = d->exercise;
			if ((ev->mask & IN_CREATE) && (ev->mask & IN_ISDIR) && ev->len) {
				char *dir = util_path_join(w->ws, w->lp.m.exercises[ex].id);
				char *sub = util_path_join(dir, ev->name);
				add_watch_tree(w, sub, ex); /* a new folder of the work */
				free(sub);
				free(dir);
			}
			if (!w->dirty[ex])
				marked++;
			w->dirty[ex] = true;
		}
	}
	return marked;
}

static const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : "";
}

static int jnum(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) ? x->valueint : 0;
}

static const cJSON *report_exercise(const cJSON *report, const char *id)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(report, "exercises"))
		if (strcmp(jstr(e, "id"), id) == 0)
			return e;
	return NULL;
}

/* text on one line: its lines joined by " | ", escaped, cut at width
 * bytes. */
static void put_joined(FILE *fp, const char *text, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = text; *p && sb.len < width; p++) {
		if (*p == '\n') {
			if (p[1])
				strbuf_addstr(&sb, " | ");
		} else {
			strbuf_add(&sb, p, 1);
		}
	}
	char *line = strbuf_detach(&sb);
	if (strlen(line) > width) {
		size_t cut = width;
		while (cut > 0 && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--; /* not inside a UTF-8 sequence */
		strcpy(line + cut, "...");
	}
	util_fputs_clean(fp, line, false);
	free(line);
}

/* The result of one exercise on one line: status, score, and the first
 * failing check with what it said (its message, then its output). On a
 * terminal the message and output follow in full, a few lines each. */
static void show_result(const struct watch *w, const cJSON *ex, double seconds)
{
	const cJSON *first_fail = NULL, *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(ex, "checks")) {
		if (check_status_of(c) != CHECK_PASS) {
			first_fail = c;
			break;
		}
	}
	bool pass = check_status_of(ex) == CHECK_PASS;
	const char *on = w->color ? (pass ? "\033[32m" : "\033[31m") : "", *off = w->color ? "\033[0m" : "";
	printf("%s%s%s %s %d/%d", on, pass ? "pass" : "fail", off, jstr(ex, "id"), jnum(ex, "score"),
	       jnum(ex, "max_score"));
	const char *msg = first_fail ? jstr(first_fail, "message") : "";
	const char *output = first_fail ? jstr(first_fail, "output") : "";
	if (first_fail) {
		printf(" - %s: %s", jstr(first_fail, "id"), jstr(first_fail, "status"));
		if (*msg && !w->tty) {
			fputs(": ", stdout);
			put_joined(stdout, msg, 300);
		}
		if (*output && !strstr(msg, output) && !w->tty) {
			fputs(": ", stdout);
			put_joined(stdout, output, 300);
		}
	}
	printf(" (%.2f s)\n", seconds);
	if (w->tty && first_fail) {
		const char *parts[2] = { msg, strstr(msg, output) ? "" : output };
		for (int k = 0; k < 2; k++) {
			const char *line = parts[k];
			for (int n = 0; *line && n < 12; n++) {
				size_t len = strcspn(line, "\n");
				char *one = xstrndup(line, len < 200 ? len : 200);
				fputs("    ", stdout);
				util_fputs_clean(stdout, one, false);
				fputc('\n', stdout);
				free(one);
				line += len + (line[len] == '\n');
			}
		}
	}
	fflush(stdout);
}

/* Grade one exercise, fold it into the workspace report, show it. */
static int regrade(struct watch *w, size_t ex_index)
{
	const char *id = w->lp.m.exercises[ex_index].id;
	const char *only[1] = { id };
	struct grade_options go = {
		.only_exercises = only,
		.n_only = 1,
		.submission_label = w->ws,
	};
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *partial = NULL;
	double t0 = util_now();
	int r = grade_submission(&w->lp, w->sb, w->ws, &go, &d, &partial);
	double seconds = util_now() - t0;
	diag_print(&d, stderr, NULL);
	diag_clear(&d);
	if (r)
		return r;
	const cJSON *ex = report_exercise(partial, id);
	if (ex)
		show_result(w, ex, seconds);
	cJSON *merged = w->report ? report_merge_partial(w->report, partial) : NULL;
	cJSON_Delete(w->report);
	w->report = merged ? merged : partial;
	if (merged)
		cJSON_Delete(partial);
	char *rel = workspace_rel(&w->workspace, "report.json"), *failed = NULL;
	char *text = report_text(w->report);
	int wr = text ? pathsafe_write_below(w->workspace.anchor, rel, text, strlen(text), &failed) : -ENOMEM;
	if (wr < 0)
		workspace_print_write_error(&w->workspace, rel, wr, failed);
	free(text);
	free(rel);
	free(failed);
	w->dirty[ex_index] = false;
	return 0;
}

static bool exercise_done(const struct watch *w, size_t i)
{
	const cJSON *ex = w->report ? report_exercise(w->report, w->lp.m.exercises[i].id) : NULL;
	return ex && check_status_of(ex) == CHECK_PASS;
}

static void show_list(const struct watch *w)
{
	for (size_t i = 0; i < w->lp.m.n_exercises; i++) {
		const struct exercise_def *e = &w->lp.m.exercises[i];
		const cJSON *ex = w->report ? report_exercise(w->report, e->id) : NULL;
		printf("  %c %-7s %-24s ", i == w->current ? '>' : ' ',
		       !ex ? "pending" : exercise_done(w, i) ? "done" : "pending", e->id);
		if (ex)
			printf("%3d/%-3d ", jnum(ex, "score"), jnum(ex, "max_score"));
		else
			printf("  -/%-3d ", e->max_score);
		util_fputs_clean(stdout, e->title, false);
		fputc('\n', stdout);
	}
	fflush(stdout);
}

static void show_keys(const struct watch *w)
{
	if (!w->tty)
		return;
	printf("current: %s - keys: h hint, n next, l list, p prompt, r regrade, q quit\n",
	       w->lp.m.exercises[w->current].id);
	fflush(stdout);
}

/* The first exercise without full marks in the last report, else the
 * first. */
static size_t first_pending(const struct watch *w)
{
	for (size_t i = 0; i < w->lp.m.n_exercises; i++)
		if (!exercise_done(w, i))
			return i;
	return 0;
}

static void run_subcommand(struct watch *w, const char *cmd)
{
	char *argv[] = { (char *)cmd, w->pack_arg, w->lp.m.exercises[w->current].id,
			 (char *)"--workspace", w->ws, NULL };
	int argc = strcmp(cmd, "prompt") == 0 ? 3 : 5;
	if (argc == 3)
		argv[3] = NULL;
	restore_terminal();
	if (strcmp(cmd, "hint") == 0)
		cmd_hint(argc, argv);
	else
		cmd_prompt(argc, argv);
	if (termios_saved)
		raw_terminal();
	fflush(stdout);
}

/* One key on a terminal. Returns false to quit. */
static bool on_key(struct watch *w, int key)
{
	switch (key) {
	case 'q':
	case 4:  /* Ctrl-D */
		return false;
	case 'h':
		run_subcommand(w, "hint");
		break;
	case 'p':
		run_subcommand(w, "prompt");
		break;
	case 'l':
		show_list(w);
		break;
	case 'n':
		w->current = (w->current + 1) % w->lp.m.n_exercises;
		show_keys(w);
		break;
	case 'r':
		regrade(w, w->current);
		break;
	default:
		break;
	}
	return true;
}

static void load_last_report(struct watch *w)
{
	cJSON *r = report_read(w->report_path, NULL);
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(r, "pack");
	/* a report of another version of the pack is not merged into */
	if (r && strcmp(jstr(pack, "digest"), w->lp.pack.digest) == 0)
		w->report = r;
	else
		cJSON_Delete(r);
}

static int watch_loop(struct watch *w)
{
	struct pollfd fds[2] = {
		{ .fd = w->inotify_fd, .events = POLLIN },
		{ .fd = w->tty ? STDIN_FILENO : -1, .events = POLLIN },
	};
	int pending_ms = -1; /* >= 0: a save is waiting for the quiet spell */
	for (;;) {
		int n = poll(fds, 2, pending_ms);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return RR_EXIT_INTERNAL;
		}
		if (n == 0) { /* quiet: grade what was saved, in pack order */
			pending_ms = -1;
			for (size_t i = 0; i < w->lp.m.n_exercises; i++) {
				if (!w->dirty[i])
					continue;
				w->current = i;
				if (regrade(w, i))
					return RR_EXIT_INTERNAL;
			}
			/* a passing exercise moves the learner on, as rustlings does */
			if (exercise_done(w, w->current) && w->tty) {
				size_t next = first_pending(w);
				if (next != w->current) {
					w->current = next;
					show_keys(w);
				}
			}
			continue;
		}
		if (fds[0].revents & POLLIN) {
			if (read_events(w) > 0 || pending_ms >= 0)
				pending_ms = WATCH_DEBOUNCE_MS;
		}
		if (fds[1].revents & (POLLIN | POLLHUP)) {
			unsigned char key;
			ssize_t k = read(STDIN_FILENO, &key, 1);
			if (k <= 0 || !on_key(w, key))
				return 0;
		}
	}
}

int cmd_watch(int argc, char **argv)
{
	struct cli_args a;
	const char *workspace = NULL, *track = NULL;
	int c;
	cli_begin(&a, "watch", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		if (c == 'w')
			workspace = a.value;
		else if (c == 't')
			track = a.value;
	}
	if (c == CLI_STOP)
		return a.status;
	struct watch *w = xcalloc(1, sizeof(*w));
	w->inotify_fd = -1;
	w->pack_arg = a.pos[0];
	util_install_cleanup_handlers();
	util_set_signal_hook(on_signal);
	int r = loaded_pack_open(w->pack_arg, &w->lp);
	if (r) {
		free(w);
		return r;
	}
	w->tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	w->color = summary_color_wanted(stdout);
	if (workspace_locate(&w->workspace, workspace, w->lp.m.id) == 0)
		w->ws = w->workspace.path;
	char err[512] = "";
	struct sandbox_options so = { 0 };
	int created = 0;
	if (!w->ws) {
		fprintf(stderr, "roadmap-run watch: cannot find your home directory; give --workspace DIR\n");
		r = RR_EXIT_INTERNAL;
		goto out;
	}
	/* The track decides which exercises there are: chosen before
	 * anything is sized by them. */
	if ((r = workspace_select_track(&w->lp, &w->workspace, "watch", track)))
		goto out;
	w->dirty = xcalloc(w->lp.m.n_exercises ? w->lp.m.n_exercises : 1, sizeof(bool));
	if ((r = workspace_ensure(&w->lp, &w->workspace, &created)) ||
	    (r = workspace_record_track(&w->lp, &w->workspace)))
		goto out;
	w->report_path = util_path_join(w->ws, "report.json");
	load_last_report(w);
	w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->inotify_fd < 0) {
		fprintf(stderr, "roadmap-run watch: inotify: %s\n", strerror(errno));
		r = RR_EXIT_INTERNAL;
		goto out;
	}
	for (size_t i = 0; i < w->lp.m.n_exercises; i++) {
		char *dir = util_path_join(w->ws, w->lp.m.exercises[i].id);
		add_watch_tree(w, dir, i);
		free(dir);
	}
	if (sandbox_open(&w->sb, &so, err, sizeof(err)) != 0) {
		fprintf(stderr, "roadmap-run: cannot build the sandbox: %s\n", err);
		r = RR_EXIT_INTERNAL;
		goto out;
	}
	w->current = first_pending(w);
	printf("watching %s%s\n", util_esc(w->ws), created ? " (created from the starter code)" : "");
	if (w->tty) {
		raw_terminal();
		show_list(w);
		show_keys(w);
	} else {
		fflush(stdout);
	}
	r = watch_loop(w);
	restore_terminal();
out:
	if (w->sb)
		sandbox_close(w->sb);
	if (w->inotify_fd >= 0)
		close(w->inotify_fd);
	cJSON_Delete(w->report);
	loaded_pack_close(&w->lp);
	free(w->report_path);
	workspace_release(&w->workspace);
	free(w->dirty);
	free(w);
	return r;
}
