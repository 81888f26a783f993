/*
 * check.c - one check, from work directory to a typed result (the report's
 * check object is built from it by report.c).
 *
 * The sandbox reports plain facts (exit code, signal, which limit was hit,
 * which syscall was refused); this file decides what they mean for the
 * learner. Every status carries a message that says what happened in the
 * learner's terms, never a bare "failed".
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "pathsafe.h"
#include "tap.h"
#include "util.h"

#define CHECK_PATH "/usr/local/bin:/usr/bin:/bin"
#define CHECK_FILE_SIZE_KB (64L * 1024)
#define CHECK_OPEN_FILES 256

const char *check_signal_description(int sig, char *buf, size_t len)
{
	static const struct {
		int sig;
		const char *name, *what;
	} table[] = {
		{ SIGSEGV, "SIGSEGV", "segmentation fault" },
		{ SIGBUS, "SIGBUS", "bus error" },
		{ SIGFPE, "SIGFPE", "arithmetic error, e.g. division by zero" },
		{ SIGILL, "SIGILL", "illegal instruction" },
		{ SIGABRT, "SIGABRT", "aborted" },
		{ SIGKILL, "SIGKILL", "killed" },
		{ SIGTERM, "SIGTERM", "terminated" },
		{ SIGINT, "SIGINT", "interrupted" },
		{ SIGHUP, "SIGHUP", "hang-up" },
		{ SIGPIPE, "SIGPIPE", "wrote to a closed pipe" },
		{ SIGALRM, "SIGALRM", "alarm clock" },
		{ SIGXCPU, "SIGXCPU", "CPU time limit" },
		{ SIGXFSZ, "SIGXFSZ", "file size limit" },
		{ SIGSYS, "SIGSYS", "bad system call" },
		{ SIGTRAP, "SIGTRAP", "trace trap" },
		{ SIGQUIT, "SIGQUIT", "quit" },
		{ SIGUSR1, "SIGUSR1", "user signal 1" },
		{ SIGUSR2, "SIGUSR2", "user signal 2" },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (table[i].sig == sig) {
			snprintf(buf, len, "%s (%s)", table[i].name, table[i].what);
			return buf;
		}
	}
	snprintf(buf, len, "signal %d", sig);
	return buf;
}

static void fmt_seconds(double s, char *buf, size_t len)
{
	if (s == (double)(long)s)
		snprintf(buf, len, "%ld s", (long)s);
	else
		snprintf(buf, len, "%g s", s);
}

enum check_status check_status_for_outcome(const struct sandbox_result *r, const struct check_def *c,
					   char *msg, size_t msglen)
{
	char sec[32], sig[96];
	switch (r->outcome) {
	case SANDBOX_CPU_LIMIT:
		fmt_seconds(c->limits.timeout, sec, sizeof(sec));
		snprintf(msg, msglen, "CPU time limit of %s exceeded", sec);
		return CHECK_TIMEOUT;
	case SANDBOX_WALL_LIMIT: {
		double wall = 2 * c->limits.timeout + 1;
		fmt_seconds(wall, sec, sizeof(sec));
		/* A check that computed most of the time was starved of CPU by
		 * a busy machine rather than blocked: say which, with the CPU
		 * it got, so nobody hunts for a sleep that is not there. */
		if (r->cpu_seconds >= 0.5 * c->limits.timeout)
			snprintf(msg, msglen, "wall-clock limit of %s exceeded while computing "
				 "(%.1f s of CPU): the machine may be overloaded", sec, r->cpu_seconds);
		else
			snprintf(msg, msglen, "wall-clock limit of %s exceeded after %.2f s of CPU: "
				 "the check was sleeping, waiting for input, stopped or blocked", sec,
				 r->cpu_seconds);
		return CHECK_TIMEOUT;
	}
	case SANDBOX_MEMORY_LIMIT:
		/* The sandbox decides memory (sandbox_outcome.c); a program
		 * that gave up when an allocation was refused never went
		 * over, it reached the limit. */
		if (r->memory_evidence == SANDBOX_MEMORY_ALLOCATION)
			snprintf(msg, msglen, "memory limit of %ld MiB reached: the program could not "
				 "allocate more memory", c->limits.memory_mb);
		else
			snprintf(msg, msglen, "memory limit of %ld MiB exceeded", c->limits.memory_mb);
		return CHECK_MEMORY;
	case SANDBOX_OUTPUT_LIMIT:
		snprintf(msg, msglen, "output limit of %ld KiB exceeded; the check was stopped",
			 c->limits.output_kb);
		return CHECK_OUTPUT;
	case SANDBOX_SECCOMP_KILL:
		snprintf(msg, msglen, "killed by the sandbox: %s",
			 r->denial ? r->denial : "a forbidden system call");
		return CHECK_CRASH;
	case SANDBOX_EXEC_FAILED: {
		const char *cmd = c->run[0];
		if (r->exec_errno == ENOENT && !strchr(cmd, '/'))
			snprintf(msg, msglen, "command '%s' not found in PATH (%s)", cmd, CHECK_PATH);
		else if (r->exec_errno == ENOENT)
			snprintf(msg, msglen, "command '%s' not found", cmd);
		else if (r->exec_errno == EACCES)
			snprintf(msg, msglen, "command '%s' is not executable (permission denied)", cmd);
		else if (r->exec_errno == ENOEXEC)
			snprintf(msg, msglen, "command '%s' is not a program this system can run "
				 "(missing '#!' line?)", cmd);
		else
			snprintf(msg, msglen, "command '%s' could not be started: %s", cmd,
				 strerror(r->exec_errno));
		return CHECK_ERROR;
	}
	case SANDBOX_SETUP_FAILED:
		snprintf(msg, msglen, "the sandbox could not be set up: %s",
			 r->message[0] ? r->message : "unknown reason");
		return CHECK_ERROR;
	case SANDBOX_SIGNALED:
		if (r->signal == SIGXCPU) {
			fmt_seconds(c->limits.timeout, sec, sizeof(sec));
			snprintf(msg, msglen, "CPU time limit of %s exceeded", sec);
			return CHECK_TIMEOUT;
		}
		if (r->signal == SIGXFSZ) {
			snprintf(msg, msglen, "file size limit of %ld MiB exceeded", CHECK_FILE_SIZE_KB / 1024);
			return CHECK_OUTPUT;
		}
		snprintf(msg, msglen, "killed by %s", check_signal_description(r->signal, sig, sizeof(sig)));
		return CHECK_CRASH;
	case SANDBOX_EXITED:
		break;
	}
	snprintf(msg, msglen, "exited with status %d", r->exit_code);
	return CHECK_FAIL;
}

/* Normalised comparison: CRLF to LF, trailing blanks per line and trailing
 * empty lines removed (docs/pack-format.md, "output"). */
static char *normalise(const char *s, size_t len, size_t *out_len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t line_start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		size_t end = i;
		if (end > line_start && s[end - 1] == '\r')
			end--;
		while (end > line_start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		strbuf_add(&sb, s + line_start, end - line_start);
		if (i < len)
			strbuf_add(&sb, "\n", 1);
		line_start = i + 1;
	}
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	*out_len = sb.len;
	return strbuf_detach(&sb);
}

/* Quote the line at s (len bytes left, not NUL-terminated in exact mode),
 * cut at 120 bytes. */
static void quote_line(const char *s, size_t len, char *buf, size_t blen)
{
	const char *nl = memchr(s, '\n', len);
	size_t n = nl ? (size_t)(nl - s) : len;
	if (n > 120)
		snprintf(buf, blen, "\"%.120s...\"", s);
	else
		snprintf(buf, blen, "\"%.*s\"", (int)n, s);
}

bool check_compare_output(const char *expected, size_t elen, const char *actual, size_t alen,
			  bool exact, char *msg, size_t msglen)
{
	char *e = NULL, *a = NULL;
	size_t el = elen, al = alen;
	if (!exact) {
		e = normalise(expected, elen, &el);
		a = normalise(actual, alen, &al);
		expected = e;
		actual = a;
	}
	bool same = el == al && memcmp(expected, actual, el) == 0;
	if (!same) {
		/* Find the first differing line. */
		size_t i = 0, line = 1, ls = 0;
		while (i < el && i < al && expected[i] == actual[i]) {
			if (expected[i] == '\n') {
				line++;
				ls = i + 1;
			}
			i++;
		}
		/* One side ended exactly where the other starts a new line:
		 * the difference is on that next line. */
		if ((i == al && i < el && expected[i] == '\n') || (i == el && i < al && actual[i] == '\n')) {
			line++;
			ls = i + 1;
		}
		char eq[160], aq[160];
		if (ls >= el)
			snprintf(eq, sizeof(eq), "end of output");
		else
			quote_line(expected + ls, el - ls, eq, sizeof(eq));
		if (ls >= al)
			snprintf(aq, sizeof(aq), "end of output");
		else
			quote_line(actual + ls, al - ls, aq, sizeof(aq));
		snprintf(msg, msglen, "output differs at line %zu: expected %s, got %s", line, eq, aq);
	}
	free(e);
	free(a);
	return same;
}

char *check_clean_text(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "", 0);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 0;
		if (c == 0) {
			i++;
			continue;
		}
		if (c < 0x80)
			n = 1;
		else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
			n = 2;
		else if ((c & 0xF0) == 0xE0)
			n = 3;
		else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
			n = 4;
		bool ok = n > 0 && i + n <= len;
		for (size_t k = 1; ok && k < n; k++)
			ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
		if (ok && n == 3) {
			unsigned char c1 = (unsigned char)s[i + 1];
			/* no overlong forms, no UTF-16 surrogates */
			ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
		}
		if (ok && n == 4) {
			unsigned char c1 = (unsigned char)s[i + 1];
			ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
		}
		if (ok) {
			strbuf_add(&sb, s + i, n);
			i += n;
		} else {
			strbuf_addstr(&sb, "\xEF\xBF\xBD");
			i++;
		}
	}
	return strbuf_detach(&sb);
}

const char *check_scratch_base(const struct sandbox *sb)
{
	const char *ws = sandbox_workspace(sb);
	if (ws)
		return ws;
	const char *t = getenv("TMPDIR");
	if (t && t[0] == '/')
		return NULL;
	struct statfs fs;
	if (sandbox_get_layers(sb)->cgroup && statfs("/dev/shm", &fs) == 0 &&
	    fs.f_type == TMPFS_MAGIC && access("/dev/shm", W_OK | X_OK) == 0)
		return "/dev/shm";
	return NULL;
}

static int work_counter;

/* What a check of exercise ex sees as tests/: the exercise's tests
 * directory with the pack's support directory merged in (the exercise's
 * own files win), read-only. Made once per scratch directory, exercise
 * and track, as <scratch>/tests-<id>[@<track>], and shared by every check of the
 * exercise as tests_share_for says. Returns its path or NULL with a
 * message. */
static char *tests_view(const char *pack_root, const struct exercise_def *ex, const char *scratch,
			char *msg, size_t msglen)
{
	/* A track's tests may differ: one view per exercise and track ('@'
	 * is in no id), as validate runs every track in one scratch. */
	bool base = !ex->track || strcmp(ex->track, MANIFEST_BASE_TRACK) == 0;
	char *view = base ? xasprintf("%s/tests-%s", scratch, ex->id)
			  : xasprintf("%s/tests-%s@%s", scratch, ex->id, ex->track);
	struct stat st;
	if (lstat(view, &st) == 0 && S_ISDIR(st.st_mode))
		return view;
	char *part = xasprintf("%s.part", view);
	char *src = util_path_join(pack_root, ex->tests);
	char *support = ex->support ? util_path_join(pack_root, ex->support) : NULL;
	size_t skipped = 0;
	util_rm_rf(part);
	int r = pathsafe_copy_tree(src, part, false, false, &skipped);
	if (r < 0)
		snprintf(msg, msglen, "could not copy the pack's tests '%s': %s", ex->tests, strerror(-r));
	else if (support && (r = pathsafe_merge_tree(support, part, &skipped)) < 0)
		snprintf(msg, msglen, "could not copy the pack's support directory '%s': %s",
			 ex->support, strerror(-r));
	else if ((r = pathsafe_seal_tree(part)) < 0 || (rename(part, view) < 0 && (r = -errno)))
		snprintf(msg, msglen, "could not prepare the tests of '%s': %s", ex->id, strerror(-r));
	free(src);
	free(support);
	if (r < 0) {
		util_rm_rf(part);
		free(part);
		free(view);
		return NULL;
	}
	free(part);
	return view;
}

/* How a check gets its tests/. */
enum tests_share {
	TESTS_COPY,  /* its own read-only copy of the view */
	TESTS_BIND,  /* the view bound read-only (mount namespace) */
	TESTS_LINK,  /* a symlink to the view, read-only by Landlock */
};

static enum tests_share tests_share_for(const struct sandbox *sb)
{
	const struct sandbox_layers *L = sandbox_get_layers(sb);
	if (L->mount_ns)
		return TESTS_BIND;
	/* Shared through a symlink, Landlock keeps the view read-only, but
	 * Landlock does not mediate chmod: a check of the view's own uid (the
	 * runner's, when it is not root) could make it unreadable for every
	 * later check of the submission. Then each check gets its own copy. */
	uid_t uid;
	gid_t gid;
	if (!sandbox_check_owner(sb, &uid, &gid))
		return TESTS_COPY;
	return L->landlock_abi > 0 ? TESTS_LINK : TESTS_COPY;
}

/* Build the check's private work directory: a copy of the submission
 * (an empty directory when exercise_src is NULL), and a tests/ as share says. Returns its path or NULL with a message. */
static char *prepare_workdir(const struct sandbox *sb, const char *view, enum tests_share share,
			     const char *exercise_src, const char *scratch, char *msg, size_t msglen)
{
	char *work = xasprintf("%s/check-%d", scratch, ++work_counter);
	char *tests_dst = util_path_join(work, "tests");
	size_t skipped = 0;
	uid_t uid;
	gid_t gid;
	/* As root, the copy is made the check's as it is written (tests/,
	 * made below, stays ours). */
	bool owned = sandbox_check_owner(sb, &uid, &gid);
	int r;
	if (!exercise_src) /* the prepare step: no submission, an empty directory */
		r = mkdir(work, 0755) < 0 || (owned && chown(work, uid, gid) < 0) ? -errno : 0;
	else
		r = pathsafe_copy_tree_bounded(exercise_src, work, owned ? &uid : NULL,
					       owned ? &gid : NULL, CHECK_MAX_SUBMISSION_BYTES,
					       CHECK_MAX_SUBMISSION_ENTRIES, &skipped);
	if (r == -EFBIG) {
		snprintf(msg, msglen, "the submission '%s' grew past %ld MiB or %ld entries while it "
			 "was graded; it is not copied into this check", exercise_src,
			 CHECK_MAX_SUBMISSION_BYTES >> 20, CHECK_MAX_SUBMISSION_ENTRIES);
		goto fail;
	}
	if (r < 0) {
		snprintf(msg, msglen, "could not copy the submission '%s': %s", exercise_src, strerror(-r));
		goto fail;
	}
	/* The pack's tests replace anything the submission called tests/. */
	util_rm_rf(tests_dst);
	if (share == TESTS_BIND)
		r = mkdir(tests_dst, 0755) < 0 ? -errno : 0;
	else if (share == TESTS_LINK)
		r = symlink(view, tests_dst) < 0 ? -errno : 0;
	else
		r = pathsafe_copy_tree(view, tests_dst, true, false, &skipped);
	if (r < 0) {
		snprintf(msg, msglen, "could not give the check its tests: %s", strerror(-r));
		goto fail;
	}
	free(tests_dst);
	return work;
fail:
	util_rm_rf(work);
	free(work);
	free(tests_dst);
	return NULL;
}

/* The message of a failed TAP check: the verdict, then the first failing
 * tests with the first lines of their diagnostics, which is where a good
 * check says what it expected and what it got. */
static void describe_tap_failures(const struct tap_result *t, const char *why, char *msg,
				  size_t msglen)
{
	enum { MAX_SHOWN = 3, MAX_DIAG_LINES = 3, MAX_LINE = 240 };
	struct strbuf sb = STRBUF_INIT;
	size_t shown = 0, failed = 0;
	/* The verdict names the failing tests; they are listed below with
	 * their diagnostics, so keep only "N of M tests failed". */
	const char *names = strstr(why, " failed: ");
	strbuf_add(&sb, why, names ? (size_t)(names - why) + strlen(" failed") : strlen(why));
	for (size_t i = 0; i < t->n_points; i++) {
		const struct tap_point *p = &t->points[i];
		if (!tap_point_failed(p))
			continue;
		if (failed++ >= MAX_SHOWN)
			continue;
		shown++;
		strbuf_addf(&sb, "\nnot ok %ld - %.*s", p->number, MAX_LINE,
			    p->description ? p->description : "");
		const char *d = p->diagnostic;
		for (int line = 0; d && *d && line < MAX_DIAG_LINES; line++) {
			size_t n = strcspn(d, "\n");
			const char *text = d;
			size_t tl = n;
			/* "  # expected ..." and YAML lines alike, without the
			 * comment marker. */
			while (tl && (*text == ' ' || *text == '#')) {
				text++;
				tl--;
			}
			if (tl)
				strbuf_addf(&sb, "\n    %.*s%s", (int)(tl > MAX_LINE ? MAX_LINE : tl), text,
					    tl > MAX_LINE ? "..." : "");
			else
				line--;
			d += n + (d[n] == '\n');
		}
	}
	if (failed > shown)
		strbuf_addf(&sb, "\n... and %zu more failing test%s in the output", failed - shown,
			    failed - shown == 1 ? "" : "s");
	snprintf(msg, msglen, "%s", sb.buf);
	strbuf_release(&sb);
}

/* A plain check says why it failed in what it prints ("expected 5, got
 * 0"): its first lines follow the exit status in the message, so every
 * reader of the report (the summary, JUnit's failure message, Gradescope)
 * shows the reason and not only the status. Blank lines are skipped; the
 * full output stays in "output". */
#define OUTPUT_HEAD_LINES 8
static void append_output_head(const struct sandbox_result *r, char *msg, size_t msglen)
{
	const char *p = r->combined, *end = r->combined + r->combined_len;
	int lines = 0;
	size_t used = strlen(msg);
	while (p && p < end && lines < OUTPUT_HEAD_LINES && used + 2 < msglen) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *q = p;
		while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < eol) {
			int n = snprintf(msg + used, msglen - used, "\n%.*s", (int)(eol - p), p);
			used = n < 0 ? used : strlen(msg);
			lines++;
		}
		p = nl ? nl + 1 : end;
	}
}

/* Judge a check that exited by itself, by its kind. Returns true for a pass
 * and writes the message. */
static bool judge_exit(const struct sandbox_result *r, const struct check_def *c,
		       const char *view, struct check_result *res, char *msg, size_t msglen)
{
	if (c->kind == CHECK_KIND_TAP) {
		struct tap_result *t = &res->tap;
		char why[400];
		tap_parse(r->out, r->out_len, t);
		res->has_tap = true;
		bool ok = tap_passed(t, why, sizeof(why));
		if (ok && r->exit_code == 0)
			snprintf(msg, msglen, "all tests passed");
		else if (ok)
			snprintf(msg, msglen, "every TAP test passed, but the check exited with status %d",
				 r->exit_code);
		else
			describe_tap_failures(t, why, msg, msglen);
		return ok && r->exit_code == 0;
	}
	if (c->kind == CHECK_KIND_OUTPUT) {
		char *path = util_path_join(view, c->expected + strlen("tests/"));
		char *expected = NULL;
		size_t elen = 0;
		int e = util_read_file(path, 64 << 20, &expected, &elen);
		free(path);
		if (e < 0) {
			snprintf(msg, msglen, "could not read the expected output '%s': %s", c->expected,
				 strerror(-e));
			return false;
		}
		bool same = check_compare_output(expected, elen, r->out, r->out_len, c->compare_exact,
						 msg, msglen);
		free(expected);
		if (same && r->exit_code != 0) {
			snprintf(msg, msglen, "the output matched, but the program exited with status %d",
				 r->exit_code);
			return false;
		}
		if (same)
			snprintf(msg, msglen, "output matches");
		return same;
	}
	if (r->exit_code == 0) {
		msg[0] = '\0';
		return true;
	}
	snprintf(msg, msglen, "exited with status %d", r->exit_code);
	return false;
}

void check_result_clear(struct check_result *r)
{
	free(r->message);
	if (r->ran)
		sandbox_result_clear(&r->sandbox);
	if (r->has_tap)
		tap_result_clear(&r->tap);
	memset(r, 0, sizeof(*r));
}

void check_not_run(const char *message, struct check_result *out)
{
	memset(out, 0, sizeof(*out));
	out->status = CHECK_ERROR;
	out->message = xstrdup(message);
}

/* Run check c of exercise ex in work (made by prepare_workdir) with the
 * environment and limits docs/pack-format.md promises; the result in *r. */
static void run_sandboxed(struct sandbox *sb, const struct exercise_def *ex, const struct check_def *c,
			  const char *view, enum tests_share share, const char *work,
			  struct sandbox_result *r)
{
	char check_env[200];
	snprintf(check_env, sizeof(check_env), "ROADMAP_CHECK=%s/%s", ex->id, c->id);
	/* One check written "from the outside" serves every track: it
	 * learns which language the submission is in from here. */
	char track_env[100];
	snprintf(track_env, sizeof(track_env), "ROADMAP_RUN_TRACK=%s",
		 ex->track ? ex->track : MANIFEST_BASE_TRACK);
	const char *envp[] = { "PATH=" CHECK_PATH, "TMPDIR=/tmp", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
			       "PYTHONDONTWRITEBYTECODE=1", "PYTHONHASHSEED=0", "PYTHONNOUSERSITE=1",
			       "ROADMAP_RUN=1",
			       check_env, track_env, NULL };
	char *stdin_path = NULL;
	if (c->stdin_file)
		stdin_path = util_path_join(view, c->stdin_file + strlen("tests/"));
	struct sandbox_spec spec = {
		.argv = (const char *const *)c->run,
		.envp = envp,
		.workdir = work,
		.readonly_subdir = "tests",
		.readonly_src = share != TESTS_COPY ? view : NULL,
		.workdir_owned = true,
		.stdin_path = stdin_path,
		.limits = {
			.cpu_seconds = c->limits.timeout,
			.wall_seconds = 2 * c->limits.timeout + 1,
			.memory_mb = c->limits.memory_mb,
			.processes = c->limits.processes,
			.output_kb = c->limits.output_kb,
			.file_size_kb = CHECK_FILE_SIZE_KB,
			.open_files = CHECK_OPEN_FILES,
		},
		.network = c->network == CHECK_NET_LOOPBACK ? SANDBOX_NET_LOOPBACK : SANDBOX_NET_NONE,
	};
	sandbox_run(sb, &spec, r);
	free(stdin_path);
}

/* Where prog (absolute, or a name in the check's PATH) is, or NULL: the
 * check sees the host's /usr, so the runner's answer is the check's. */
static char *find_program(const char *prog)
{
	if (prog[0] == '/')
		return access(prog, X_OK) == 0 ? xstrdup(prog) : NULL;
	char path[] = CHECK_PATH;
	for (char *save = NULL, *dir = strtok_r(path, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		char *p = util_path_join(dir, prog);
		if (access(p, X_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

/* Whether the check's python3 finds the top-level module (a name the
 * manifest checked): python3 -I asks its import system for the module's
 * spec, which locates it without running any of it. Answers are kept for
 * the life of the process: a runner does not see packages come and go. */
static bool python_has_module(const char *module)
{
	static struct known { char *module; bool found; struct known *next; } *known;
	for (struct known *k = known; k; k = k->next)
		if (strcmp(k->module, module) == 0)
			return k->found;
	bool found = false;
	char *python = find_program("python3");
	if (python) {
		char *code = xasprintf("import importlib.util, sys; "
				       "sys.exit(importlib.util.find_spec('%s') is None)", module);
		char *argv[] = { python, "-I", "-c", code, NULL };
		char *envp[] = { "PATH=" CHECK_PATH, "LC_ALL=C", NULL };
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
		pid_t pid;
		int st;
		if (posix_spawn(&pid, python, &fa, NULL, argv, envp) == 0) {
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			found = WIFEXITED(st) && WEXITSTATUS(st) == 0;
		}
		posix_spawn_file_actions_destroy(&fa);
		free(code);
		free(python);
	}
	struct known *k = xcalloc(1, sizeof(*k));
	k->module = xstrdup(module);
	k->found = found;
	k->next = known;
	known = k;
	return found;
}

/* Whether every program and Python module the exercise "needs" is
 * installed; if not, msg names them and the Debian package(s) to install. */
static bool needs_met(const struct exercise_def *ex, char *msg, size_t msglen)
{
	struct strbuf missing = STRBUF_INIT, pkgs = STRBUF_INIT;
	strbuf_addstr(&pkgs, " ");
	for (size_t i = 0; i < ex->n_needs; i++) {
		const struct service_need *n = &ex->needs[i];
		bool have;
		if (n->program) {
			char *found = find_program(n->program);
			have = found != NULL;
			free(found);
		} else {
			have = python_has_module(n->python_module);
		}
		if (have)
			continue;
		if (n->program)
			strbuf_addf(&missing, "%s'%s'", missing.len ? ", " : "", n->program);
		else
			strbuf_addf(&missing, "%sthe Python module '%s'", missing.len ? ", " : "",
				    n->python_module);
		char *word = xasprintf(" %s ", n->package);
		if (!strstr(pkgs.buf, word))
			strbuf_addf(&pkgs, "%s ", n->package);
		free(word);
	}
	bool ok = missing.len == 0;
	if (!ok) {
		pkgs.buf[--pkgs.len] = '\0'; /* the last separator */
		snprintf(msg, msglen, "this exercise needs %s, which this machine does not have: "
			 "install the Debian package%s (apt-get install%s)", missing.buf,
			 strchr(pkgs.buf + 1, ' ') ? "s" : "", pkgs.buf);
	}
	strbuf_release(&missing);
	strbuf_release(&pkgs);
	return ok;
}

/* Where "prepare" steps keep their output for the life of the runner
 * process and the workers it forks (check_share_prepared); NULL: in each
 * scratch directory. */
static char *prepared_home;

void check_share_prepared(const char *dir)
{
	free(prepared_home);
	prepared_home = dir ? xstrdup(dir) : NULL;
}

/* Run the exercise's "prepare" step into <home>/prepared-<id>, unless it
 * is there already, or its failure (<home>/prepared-<id>.error, so the
 * step is not tried again). A lock file serialises the workers of a
 * batch: one runs the step, the others wait and reuse what it left.
 * Returns the sealed output's path, or NULL with a message. */
static char *prepared_output(struct sandbox *sb, const struct exercise_def *ex,
			     const char *view, enum tests_share share, const char *scratch,
			     char *msg, size_t msglen)
{
	const char *home = prepared_home ? prepared_home : scratch;
	char *cache = xasprintf("%s/prepared-%s", home, ex->id);
	char *part = xasprintf("%s.part", cache);
	char *failed = xasprintf("%s.error", cache);
	char *lock = xasprintf("%s.lock", cache);
	int lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lfd >= 0)
		while (flock(lfd, LOCK_EX) < 0 && errno == EINTR)
			;
	struct stat st;
	bool ok = false;
	if (lstat(cache, &st) == 0) {
		ok = true;
		goto out;
	}
	if (lstat(failed, &st) == 0) {
		char *text = NULL;
		size_t len = 0;
		if (util_read_file(failed, 4096, &text, &len) == 0)
			snprintf(msg, msglen, "%s", text);
		else
			snprintf(msg, msglen, "the exercise's \"prepare\" step failed");
		free(text);
		goto out;
	}
	char *work = prepare_workdir(sb, view, share, NULL, scratch, msg, msglen);
	if (!work)
		goto record;
	struct sandbox_result r;
	memset(&r, 0, sizeof(r));
	run_sandboxed(sb, ex, ex->prepare, view, share, work, &r);
	char why[1024] = "";
	char *out = util_path_join(work, "prepared");
	int e = 0;
	util_rm_rf(part);
	if (r.outcome != SANDBOX_EXITED)
		check_status_for_outcome(&r, ex->prepare, why, sizeof(why));
	else if (r.exit_code != 0)
		snprintf(why, sizeof(why), "exit status %d", r.exit_code);
	else if (lstat(out, &st) != 0 || !S_ISDIR(st.st_mode))
		snprintf(why, sizeof(why), "it left no directory prepared/");
	else if ((e = pathsafe_copy_tree(out, part, true, false, NULL)) < 0 ||
		 (e = pathsafe_seal_tree(part)) < 0 || (rename(part, cache) < 0 && (e = -errno)))
		snprintf(why, sizeof(why), "copying prepared/: %s", strerror(-e));
	else
		ok = true;
	if (!ok) {
		char *tail = check_clean_text(r.combined ? r.combined : "", r.combined_len);
		size_t tl = strlen(tail);
		snprintf(msg, msglen, "the exercise's \"prepare\" step (%s) failed: %s%s%s", ex->prepare->run[0],
			 why, tl ? "; it printed: " : "", tl > 1500 ? tail + tl - 1500 : tail);
		free(tail);
		util_rm_rf(part);
	}
	free(out);
	sandbox_result_clear(&r);
	sandbox_remove_workdir(sb, work);
record:
	if (!ok)
		pathsafe_write_named(failed, msg, strlen(msg));
out:
	if (lfd >= 0)
		close(lfd); /* releases the lock */
	free(part);
	free(failed);
	free(lock);
	if (!ok) {
		free(cache);
		return NULL;
	}
	return cache;
}

/* Give the tests view its prepared/: the exercise's "prepare" output,
 * made once per runner (prepared_output) and copied read-only into the
 * view, where every check of the exercise finds it at tests/prepared/.
 * Returns false with a message when the step failed. */
static bool prepare_exercise(struct sandbox *sb, const struct exercise_def *ex, const char *view,
			     enum tests_share share, const char *scratch, char *msg, size_t msglen)
{
	char *done = util_path_join(view, "prepared");
	struct stat st;
	bool ok = false;
	if (lstat(done, &st) == 0) {
		ok = S_ISDIR(st.st_mode);
		if (!ok)
			snprintf(msg, msglen, "the exercise's tests hold 'prepared', a name its "
				 "\"prepare\" step owns");
		free(done);
		return ok;
	}
	char *cache = prepared_output(sb, ex, view, share, scratch, msg, msglen);
	int e = 0;
	/* The view is sealed: open it for the one copy, then seal it again. */
	if (cache && (chmod(view, 0755) < 0 || (e = pathsafe_copy_tree(cache, done, true, false, NULL)) < 0 ||
		      (e = pathsafe_seal_tree(done)) < 0))
		snprintf(msg, msglen, "the exercise's \"prepare\" step: copying its prepared/: %s",
			 strerror(e ? -e : errno));
	else if (cache)
		ok = true;
	if (!ok)
		util_rm_rf(done);
	chmod(view, 0555);
	free(cache);
	free(done);
	return ok;
}

void check_run(struct sandbox *sb, const char *pack_root, const struct exercise_def *ex,
	       const struct check_def *c, const char *exercise_src, const char *scratch,
	       struct check_result *out)
{
	char msg[4096] = "";
	memset(out, 0, sizeof(*out));
	out->status = CHECK_ERROR;
	struct sandbox_result *r = &out->sandbox;

	/* Every check of the exercise shares one read-only tests/ (a bind
	 * mount, or a symlink under Landlock); without either each check
	 * gets a copy. */
	enum tests_share share = tests_share_for(sb);
	char *view = tests_view(pack_root, ex, scratch, msg, sizeof(msg));
	bool ready = view && needs_met(ex, msg, sizeof(msg)) &&
		     (!ex->prepare || prepare_exercise(sb, ex, view, share, scratch, msg, sizeof(msg)));
	char *work = ready ? prepare_workdir(sb, view, share, exercise_src, scratch, msg, sizeof(msg)) : NULL;
	if (work) {
		run_sandboxed(sb, ex, c, view, share, work, r);
		out->ran = true;
		sandbox_remove_workdir(sb, work);

		if (r->outcome == SANDBOX_EXITED) {
			bool pass = judge_exit(r, c, view, out, msg, sizeof(msg));
			out->status = pass ? CHECK_PASS : CHECK_FAIL;
		} else {
			out->status = check_status_for_outcome(r, c, msg, sizeof(msg));
		}
		/* A refused syscall explains many failures ("connection
		 * refused" is really "no network"): say so. */
		if (r->denial && out->status != CHECK_PASS && r->outcome != SANDBOX_SECCOMP_KILL) {
			size_t l = strlen(msg);
			snprintf(msg + l, sizeof(msg) - l, "%sthe sandbox refused %s", l ? "; " : "", r->denial);
		}
		if (out->status == CHECK_FAIL && c->kind == CHECK_KIND_EXIT)
			append_output_head(r, msg, sizeof(msg));
	}

	free(view);
	out->message = xstrdup(msg);
}

long check_milliseconds(double seconds)
{
	return (long)(seconds * 1000 + 0.5);
}
