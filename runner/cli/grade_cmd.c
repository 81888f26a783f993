/*
 * grade_cmd.c - `roadmap-run grade` (many submissions, in parallel,
 * resumable, shardable) and `roadmap-run merge` (join the gradebooks of
 * shards, refusing a set that is not one whole batch).
 *
 * Theory of operation of `grade`:
 *
 *   parent                         worker 1..N (forked once each)
 *   ------                         ------------------------------
 *   load the pack, list, sort      PR_SET_PDEATHSIG(SIGKILL): dies with
 *   and shard the submissions      the parent; opens its own sandbox
 *   --resume: skip those whose     loop: read a job (an index) from its
 *     report has the pack digest     job pipe, grade that submission,
 *   fork N workers                   write its files atomically, send a
 *   hand out one job at a time  ->   fixed-size result on its result pipe
 *   poll the result pipes       <-
 *   progress bar / plain lines     exits when its job pipe is closed
 *   write the gradebook from the
 *   report files, in name order
 *
 * Every submission's outcome is a directory, put in place atomically by the
 * worker (built as reports/.stage.PID.I, then swapped with reports/NAME):
 * DIR/reports/NAME/report.json when it was graded (with its --format
 * files), or DIR/reports/NAME/error.json with the reason when it could not
 * be; never a mix of a grade and an earlier one. The
 * gradebook is rebuilt from those files at the end, one at a time, so
 * memory stays bounded whatever the batch size, and a batch killed with
 * SIGKILL leaves only complete files: `--resume` grades the rest.
 *
 * A worker that dies mid-submission (a runner bug, the OOM killer) gets
 * that submission recorded as an error and is replaced; the batch goes on.
 * A worker that exits with RR_EXIT_INTERNAL could not build its sandbox:
 * the batch stops with that status. Workers grade inside a temporary
 * directory of the parent's (their TMPDIR), which the parent removes at
 * exit and on SIGINT/SIGTERM, after SIGKILLing the workers. Its
 * prepared/ holds each exercise's "prepare" output (check_share_prepared),
 * made by the first worker that needs it and reused by all of them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_pool.h"
#include "check_status.h"
#include "check.h"
#include "command_table.h"
#include "commands.h"
#include "formats.h"
#include "grade.h"
#include "gradebook.h"
#include "loaded_pack.h"
#include "pathsafe.h"
#include "progress.h"
#include "report.h"
#include "roadmap.h"
#include "sandbox.h"
#include "util.h"

#define MAX_JOBS 256
#define REPORT_MAX_BYTES (64u << 20)

struct submission {
	char *name;     /* the directory's name: the gradebook key and file name */
	char *path;     /* as given, or DIR/name */
	char *problem;  /* why it is not graded (not a real directory), or NULL */
};

/* What a worker sends after each submission: fixed size, one write(),
 * smaller than PIPE_BUF, so the parent never sees half of one. */
struct result_msg {
	uint32_t index;
	int32_t status;  /* enum check_status: CHECK_PASS, CHECK_FAIL or CHECK_ERROR */
	double score, max_score, seconds;
	long maxrss_kb;
};

struct worker {
	pid_t pid;      /* 0: not running */
	int job_fd, res_fd;
	long current;   /* index being graded, or -1 */
};

struct batch {
	struct loaded_pack lp;
	struct submission *subs;
	size_t n_subs;
	const char *out_dir;  /* named by the user: the anchor of every file written */
	char *tmp_dir;
	enum report_format formats[FORMAT_COUNT];
	size_t n_formats;
	struct format_options fo;
	pid_t parent;
	struct worker workers[MAX_JOBS];
	int n_workers;
	long worker_maxrss_kb;
	char shard[48];       /* "K/N", recorded in the gradebook */
	size_t listed;        /* submissions before sharding */
};

/* For the fatal-signal hook: async-signal-safe reads only. */
static volatile pid_t worker_pids[MAX_JOBS];

static void kill_workers(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (worker_pids[i] > 0)
			kill(worker_pids[i], SIGKILL);
	sandbox_kill_active();
}

static int cmp_sub(const void *a, const void *b)
{
	return strcmp(((const struct submission *)a)->name, ((const struct submission *)b)->name);
}

/* The name a submission path is filed under: its last component, after
 * resolving "." and ".." when the path exists. A final link keeps its own
 * name (it is filed as an error row under it, never under its target's). */
static char *submission_name(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	const char *start = path + n;
	while (start > path && start[-1] != '/')
		start--;
	size_t len = (size_t)(path + n - start);
	bool dots = (len == 1 && start[0] == '.') || (len == 2 && start[0] == '.' && start[1] == '.');
	if (!dots)
		return xstrndup(start, len);
	char *real = realpath(path, NULL);
	if (!real)
		return xstrndup(start, len);
	char *name = submission_name(real);
	free(real);
	return name;
}

static void add_sub(struct submission **v, size_t *n, size_t *alloc, char *name, char *path,
		    char *problem)
{
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 64;
		*v = xrealloc(*v, *alloc * sizeof(**v));
	}
	(*v)[*n].name = name;
	(*v)[*n].path = path;
	(*v)[*n].problem = problem;
	(*n)++;
}

/* Why an entry whose type (lstat, never followed) is mode is not a
 * submission, or NULL when it is a real directory. Caller frees. */
static char *entry_problem(const char *path, mode_t mode)
{
	const char *what = S_ISLNK(mode) ? "is a symbolic link; the grader never follows links to "
					   "a submission, which could lead to files it may read and "
					   "the submitter may not"
			 : S_ISREG(mode) ? "is a file, not a directory"
			 : S_ISFIFO(mode) ? "is a FIFO, not a directory"
			 : S_ISSOCK(mode) ? "is a socket, not a directory"
			 : S_ISCHR(mode) || S_ISBLK(mode) ? "is a device, not a directory"
			 : NULL;
	if (S_ISDIR(mode))
		return NULL;
	return xasprintf("submission '%s' %s; a submission must be a directory holding one "
			 "directory per exercise", path, what ? what : "is not a directory");
}

/* A SUBMISSION argument: its own type, not what a link leads to (a
 * trailing slash would make lstat follow it, so it is dropped). */
static char *argument_problem(const char *path)
{
	struct stat st;
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	char *bare = xstrndup(path, n);
	char *why;
	if (lstat(bare, &st) < 0)
		why = xasprintf("submission '%s': %s", path,
				errno == ENOENT ? "no such directory" : strerror(errno));
	else
		why = entry_problem(path, st.st_mode);
	free(bare);
	return why;
}

/* Every entry of dir, except hidden ones and the output directory
 * (`--submissions-dir . --out grades` must not grade "grades"). Entries
 * are typed with lstat: a link, a file or a FIFO is listed with the reason
 * it is not graded, and becomes an error row. */
static int list_dir(const char *dir, const char *out_dir, struct submission **v, size_t *n,
		    size_t *alloc)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat out_st;
	bool have_out = stat(out_dir, &out_st) == 0;

	if (!d) {
		fprintf(stderr, "roadmap-run: cannot read the submissions directory '%s': %s\n",
			util_esc(dir), strerror(errno));
		return RR_EXIT_USAGE;
	}
	while ((e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		char *path = util_path_join(dir, e->d_name);
		char *why;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			why = xasprintf("submission '%s': %s", path, strerror(errno));
		} else if (have_out && st.st_dev == out_st.st_dev && st.st_ino == out_st.st_ino) {
			free(path);
			continue;
		} else {
			why = entry_problem(path, st.st_mode);
		}
		add_sub(v, n, alloc, xstrdup(e->d_name), path, why);
	}
	closedir(d);
	return 0;
}

static void free_subs(struct submission *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
		free(v[i].problem);
	}
	free(v);
}

/* The path below out_dir of file in the directory dir of reports/ (a
 * submission's name, or a staging directory): every name in it was picked
 * by the runner, so pathsafe follows no link there. */
static char *dir_rel(const char *dir, const char *file)
{
	return xasprintf("reports/%s%s%s", dir, file ? "/" : "", file ? file : "");
}

static char *sub_rel(const struct batch *b, size_t i, const char *file)
{
	return dir_rel(b->subs[i].name, file);
}

/* Open reports/dir (rel_dir below it, "" for itself) without following a
 * link; -errno when missing or a link. */
static int dir_open(const struct batch *b, const char *dir, const char *rel_dir, bool create)
{
	char *sub = dir_rel(dir, NULL);
	char *rel = *rel_dir ? xasprintf("%s/%s", sub, rel_dir) : xstrdup(sub);
	int fd = pathsafe_open_dir(b->out_dir, rel, create, NULL);
	free(rel);
	free(sub);
	return fd;
}

static int sub_dir_open(const struct batch *b, size_t i, const char *rel_dir, bool create)
{
	return dir_open(b, b->subs[i].name, rel_dir, create);
}

/* Read and parse submission i's JSON file; NULL when missing, a link, or
 * not JSON. */
static cJSON *read_json(const struct batch *b, size_t i, const char *file)
{
	char *text;
	size_t len;
	int dfd = sub_dir_open(b, i, "", false);
	if (dfd < 0)
		return NULL;
	int r = util_read_regular_file_at(dfd, file, REPORT_MAX_BYTES, &text, &len);
	close(dfd);
	if (r < 0)
		return NULL;
	cJSON *j = cJSON_ParseWithLength(text, len);
	free(text);
	return j;
}

/* A complete report of this pack (same digest) in this track, or NULL. */
static cJSON *read_report(const struct batch *b, size_t i)
{
	cJSON *r = read_json(b, i, "report.json");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, "report_version");
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(r, "pack");
	const cJSON *dg = cJSON_GetObjectItemCaseSensitive(pack, "digest");
	const char *track = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "track"));
	if (!cJSON_IsNumber(v) || v->valuedouble != RR_REPORT_VERSION || !cJSON_IsString(dg) ||
	    strcmp(dg->valuestring, b->lp.pack.digest) != 0 ||
	    strcmp(track ? track : MANIFEST_BASE_TRACK, b->lp.m.track) != 0) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* Write the non-JSON formats of a report into reports/dir (those missing
 * only, when only_missing). Returns 0 or -errno with *failed set to the message
 * ("cannot write '...': ..."). */
static int write_formats(const struct batch *b, const char *dir, const cJSON *report,
			 bool only_missing, char **failed)
{
	for (size_t k = 0; k < b->n_formats; k++) {
		if (b->formats[k] == FORMAT_JSON)
			continue;
		const char *file = format_default_filename(b->formats[k]);
		char *rel = dir_rel(dir, file);
		struct stat st;
		if (only_missing) {
			int dfd = dir_open(b, dir, "", false);
			bool there = dfd >= 0 && fstatat(dfd, file, &st, AT_SYMLINK_NOFOLLOW) == 0;
			if (dfd >= 0)
				close(dfd);
			if (there) {
				free(rel);
				continue;
			}
		}
		char *text = format_render(b->formats[k], report, &b->fo), *at = NULL;
		int r = pathsafe_write_below(b->out_dir, rel, text, strlen(text), &at);
		free(text);
		if (r < 0) {
			char *path = util_path_join(b->out_dir, rel);
			*failed = pathsafe_write_error(NULL, path, r, at);
			free(path);
			free(at);
			free(rel);
			return r;
		}
		free(rel);
	}
	return 0;
}

/* Remove what a killed run left half-written: pathsafe's
 * "<file>.tmp.<pid>" files (and those of the gradebook) in the directory
 * open at dfd (consumed; nothing when negative). */
static void sweep_tmp(int dfd)
{
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *e;

	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((e = readdir(d))) {
		const char *t = strstr(e->d_name, ".tmp.");
		const char *last = t;
		while (t && (t = strstr(t + 1, ".tmp.")))
			last = t;
		if (!last || !last[5])
			continue;
		bool digits = true;
		for (const char *p = last + 5; *p; p++)
			digits &= *p >= '0' && *p <= '9';
		if (digits)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

static void sweep_submission(const struct batch *b, size_t i)
{
	sweep_tmp(sub_dir_open(b, i, "", false));
	for (size_t k = 0; k < b->n_formats; k++) {
		const char *f = format_default_filename(b->formats[k]);
		const char *slash = strchr(f, '/');
		if (slash) {
			char *sub = xstrndup(f, (size_t)(slash - f));
			sweep_tmp(sub_dir_open(b, i, sub, false));
			free(sub);
		}
	}
}

/*
 * A submission's outputs are replaced whole: a (re)grade builds them in a
 * staging directory reports/.stage.PID.I, then swaps it with reports/NAME
 * in one renameat2(RENAME_EXCHANGE) and removes what was there before. So
 * a regrade that ends in error.json leaves no gradescope/results.json of
 * an earlier grade for a CI script to publish, and a reader never sees a
 * mix of two grades. Whatever stood at reports/NAME (a planted link
 * included) is removed, never followed. On a file system without the
 * exchange, the old directory is renamed away first (a moment with no
 * reports/NAME, never a mixed one).
 */
static char *stage_name(size_t i)
{
	return xasprintf(".stage.%ld.%zu", (long)getpid(), i);
}

/* Create the empty staging directory of submission i. Returns its name
 * below reports/ (caller frees), or NULL with *why set (caller frees). */
static char *stage_begin(const struct batch *b, size_t i, char **why)
{
	char *failed = NULL;
	int rfd = pathsafe_open_dir(b->out_dir, "reports", true, &failed);
	if (rfd < 0) {
		char *path = util_path_join(b->out_dir, "reports");
		*why = pathsafe_write_error(NULL, path, rfd, failed);
		free(path);
		free(failed);
		return NULL;
	}
	char *name = stage_name(i);
	util_rm_rf_at(rfd, name);
	if (mkdirat(rfd, name, 0755) < 0) {
		*why = xasprintf("cannot create a directory in '%s/reports': %s", b->out_dir,
				 strerror(errno));
		free(name);
		name = NULL;
	}
	close(rfd);
	return name;
}

/* Swap the staging directory in as reports/NAME and remove the old
 * outputs. Returns 0 or -errno (the staging directory is removed). */
static int stage_commit(const struct batch *b, size_t i, const char *stage)
{
	int rfd = pathsafe_open_dir(b->out_dir, "reports", false, NULL);
	const char *name = b->subs[i].name;
	int r = 0;

	if (rfd < 0)
		return rfd;
	if (renameat2(rfd, stage, rfd, name, RENAME_EXCHANGE) == 0) {
		util_rm_rf_at(rfd, stage);  /* now the previous outputs */
	} else if (errno == ENOENT) {
		if (renameat2(rfd, stage, rfd, name, RENAME_NOREPLACE) < 0)
			r = -errno;
	} else if (errno == EINVAL || errno == ENOSYS) {
		char *old = xasprintf("%s.old", stage);
		if (renameat(rfd, name, rfd, old) < 0 && errno != ENOENT)
			r = -errno;
		else if (renameat(rfd, stage, rfd, name) < 0)
			r = -errno;
		util_rm_rf_at(rfd, old);
		free(old);
	} else {
		r = -errno;
	}
	if (r < 0)
		util_rm_rf_at(rfd, stage);
	close(rfd);
	return r;
}

/* Staging directories of runs that are gone (killed before their swap). */
static void sweep_stages(const struct batch *b)
{
	int rfd = pathsafe_open_dir(b->out_dir, "reports", false, NULL);
	int lfd = rfd >= 0 ? dup(rfd) : -1;
	DIR *d = lfd >= 0 ? fdopendir(lfd) : NULL;
	struct dirent *e;

	if (!d && lfd >= 0)
		close(lfd);
	while (d && (e = readdir(d))) {
		long pid;
		if (sscanf(e->d_name, ".stage.%ld.", &pid) != 1 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
			util_rm_rf_at(rfd, e->d_name);
	}
	if (d)
		closedir(d);
	if (rfd >= 0)
		close(rfd);
}

/* Record that submission i could not be graded: its outputs become
 * error.json alone, so no report or format file of an earlier grade
 * outlives it. A staging directory this process began for i (a grade
 * whose outputs could not be written) is started again empty. */
static void write_error(const struct batch *b, size_t i, const char *message, double seconds)
{
	char *failed = NULL, *why = NULL;
	char *stage = stage_begin(b, i, &why);
	int r;

	if (!stage) {
		fprintf(stderr, "roadmap-run: submission '%s': %s\n", util_esc(b->subs[i].name),
			util_esc(why));
		free(why);
		return;
	}
	char *rel = dir_rel(stage, "error.json");
	cJSON *e = gradebook_row_error(b->subs[i].name, &b->lp.m, b->lp.pack.digest, message,
				       seconds * 1000);
	char *text = cJSON_Print(e);
	r = pathsafe_write_below(b->out_dir, rel, text, strlen(text), &failed);
	if (r == 0) {
		r = stage_commit(b, i, stage);
	} else {
		int rfd = pathsafe_open_dir(b->out_dir, "reports", false, NULL);
		if (rfd >= 0) {
			util_rm_rf_at(rfd, stage);
			close(rfd);
		}
	}
	if (r < 0) {
		char *srel = sub_rel(b, i, "error.json");
		char *path = util_path_join(b->out_dir, srel);
		char *msg = pathsafe_write_error(NULL, path, r, failed);
		fprintf(stderr, "roadmap-run: %s\n", util_esc(msg));
		free(msg);
		free(path);
		free(srel);
	}
	cJSON_free(text);
	cJSON_Delete(e);
	free(failed);
	free(rel);
	free(stage);
}

/* Diagnostics as one line: "a; b". */
static char *diag_text(const struct diag_list *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return xstrdup("grading failed");
	diag_print(d, f, NULL);
	fclose(f);
	while (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	struct strbuf sb = STRBUF_INIT;
	for (char *line = buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncmp(line, "error: ", 7) == 0)
			line += 7;
		strbuf_addf(&sb, "%s%s", sb.len ? "; " : "", line);
	}
	free(buf);
	if (!sb.len)
		strbuf_addstr(&sb, "grading failed");
	return strbuf_detach(&sb);
}

/* Listed as a real directory, is submission i still one? The entry is
 * opened without following a link right before grading, so one swapped
 * for a link since the listing is an error row too. NULL when it is, else
 * the reason (caller frees). grade_submission then works by path: an
 * entry swapped again in the moment between is the residual race that
 * docs/sandbox.md names. */
static char *recheck_entry(const struct batch *b, size_t i)
{
	const char *path = b->subs[i].path;
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	char *bare = xstrndup(path, n);
	struct stat st;
	char *why = NULL;
	int fd = open(bare, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	else if (lstat(bare, &st) == 0)
		why = entry_problem(path, st.st_mode);
	if (fd < 0 && !why)
		why = xasprintf("submission '%s': %s", path, strerror(errno));
	free(bare);
	return why;
}

/* Grade submission i inside a worker and write its files, replacing its
 * earlier outputs whole (stage_commit). */
static void grade_one(struct batch *b, struct sandbox *sb, size_t i, struct result_msg *res)
{
	struct grade_options go = { .submission_label = b->subs[i].path };
	struct diag_list d = DIAG_LIST_INIT;
	cJSON *report = NULL;
	char *stage = NULL, *failed = NULL;
	double t0 = util_now();
	char *why = b->subs[i].problem ? xstrdup(b->subs[i].problem) : recheck_entry(b, i);
	if (why) {
		res->seconds = util_now() - t0;
		write_error(b, i, why, res->seconds);
		free(why);
		res->status = CHECK_ERROR;
		goto out;
	}
	int r = grade_submission(&b->lp, sb, b->subs[i].path, &go, &d, &report);

	res->seconds = util_now() - t0;
	if (r != 0) {
		char *msg = diag_text(&d);
		write_error(b, i, msg, res->seconds);
		free(msg);
		res->status = CHECK_ERROR;
		goto out;
	}
	enum check_status st = check_status_of(report);
	res->status = st == CHECK_PASS || st == CHECK_FAIL ? st : CHECK_ERROR;
	res->score = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "score"));
	res->max_score = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "max_score"));

	stage = stage_begin(b, i, &failed);
	int w = stage ? write_formats(b, stage, report, false, &failed) : -EIO;
	if (w == 0) {
		/* last: its presence means complete */
		char *rel = dir_rel(stage, "report.json"), *text = report_text(report), *at = NULL;
		w = text ? pathsafe_write_below(b->out_dir, rel, text, strlen(text), &at) : -ENOMEM;
		if (w < 0) {
			char *srel = sub_rel(b, i, "report.json");
			char *path = util_path_join(b->out_dir, srel);
			failed = pathsafe_write_error(NULL, path, w, at);
			free(path);
			free(srel);
		}
		free(at);
		free(text);
		free(rel);
	}
	if (w == 0 && (w = stage_commit(b, i, stage)) < 0) {
		char *srel = sub_rel(b, i, NULL);
		char *path = util_path_join(b->out_dir, srel);
		failed = xasprintf("cannot put the outputs in place at '%s': %s", path, strerror(-w));
		free(path);
		free(srel);
	}
	if (w < 0) {
		write_error(b, i, failed ? failed : "cannot write its outputs",
			    res->seconds);
		res->status = CHECK_ERROR;
	}
	free(failed);
out:
	free(stage);
	diag_clear(&d);  /* errors are in error.json and the gradebook */
	cJSON_Delete(report);
}

/* This process's peak resident memory in KiB: VmHWM, the high-water mark
 * of its own address space. Not getrusage's ru_maxrss, which Linux carries
 * across execve: started through vfork (as Python's subprocess does), the
 * runner would report its launcher's peak as its own. */
static long peak_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	if (kb < 0) {
		struct rusage ru;
		kb = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
	}
	return kb;
}

static int read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static void worker_main(struct batch *b, int job_fd, int res_fd) __attribute__((noreturn));

static void worker_main(struct batch *b, int job_fd, int res_fd)
{
	struct sandbox *sb = NULL;
	struct sandbox_options so = { 0 };
	char err[512] = "";
	uint32_t index;

	/* Die with the parent, whatever kills it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != b->parent)
		_exit(RR_EXIT_INTERNAL);
	signal(SIGPIPE, SIG_DFL);
	setenv("TMPDIR", b->tmp_dir, 1);
	if (sandbox_open(&sb, &so, err, sizeof(err)) != 0) {
		fprintf(stderr, "roadmap-run: cannot build the sandbox: %s\n", err);
		_exit(RR_EXIT_INTERNAL);
	}
	while (read_full(job_fd, &index, sizeof(index)) == 0) {
		struct result_msg res = { .index = index, .status = CHECK_ERROR };
		if (index < b->n_subs)
			grade_one(b, sb, index, &res);
		res.maxrss_kb = peak_rss_kb();
		if (write(res_fd, &res, sizeof(res)) != (ssize_t)sizeof(res))
			break;
	}
	sandbox_close(sb);
	/* _exit: atexit handlers belong to the parent. */
	_exit(0);
}

static int spawn_worker(struct batch *b, int slot)
{
	int job[2], res[2];
	struct worker *w = &b->workers[slot];

	if (pipe2(job, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(res, O_CLOEXEC) < 0) {
		int e = errno;
		close(job[0]);
		close(job[1]);
		return -e;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(job[0]); close(job[1]); close(res[0]); close(res[1]);
		return -e;
	}
	if (pid == 0) {
		/* Other workers' pipe ends would keep them from seeing EOF. */
		for (int i = 0; i < b->n_workers; i++) {
			if (i != slot && b->workers[i].pid > 0) {
				close(b->workers[i].job_fd);
				close(b->workers[i].res_fd);
			}
		}
		close(job[1]);
		close(res[0]);
		worker_main(b, job[0], res[1]);
	}
	close(job[0]);
	close(res[1]);
	w->pid = pid;
	w->job_fd = job[1];
	w->res_fd = res[0];
	w->current = -1;
	worker_pids[slot] = pid;
	return 0;
}

/* Reap a worker; returns its wait status description. */
static void reap_worker(struct batch *b, int slot, char *why, size_t len, int *exit_code)
{
	struct worker *w = &b->workers[slot];
	int status = 0;

	close(w->job_fd);
	close(w->res_fd);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	worker_pids[slot] = 0;
	w->pid = 0;
	*exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (WIFSIGNALED(status))
		snprintf(why, len, "killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(why, len, "exited with status %d", WEXITSTATUS(status));
}

/* Hand out the queue to jobs workers. Returns 0, or RR_EXIT_INTERNAL when
 * the batch had to stop. */
static int run_workers(struct batch *b, const size_t *queue, size_t n_queue, int jobs,
		       struct progress *pr)
{
	size_t next = 0;
	int running = 0, deaths = 0, ret = 0;
	bool stop = false;

	b->n_workers = jobs < (int)n_queue ? jobs : (int)n_queue;
	for (int i = 0; i < b->n_workers; i++) {
		int r = spawn_worker(b, i);
		if (r < 0) {
			fprintf(stderr, "roadmap-run: cannot start a grading worker: %s\n", strerror(-r));
			stop = true;
			ret = RR_EXIT_INTERNAL;
			break;
		}
		running++;
	}

	while (running > 0) {
		struct pollfd pfd[MAX_JOBS];
		int slot_of[MAX_JOBS], n = 0;

		for (int i = 0; i < b->n_workers; i++) {
			struct worker *w = &b->workers[i];
			if (w->pid <= 0)
				continue;
			if (w->current < 0 && next < n_queue && !stop) {
				uint32_t idx = (uint32_t)queue[next];
				if (write(w->job_fd, &idx, sizeof(idx)) == (ssize_t)sizeof(idx)) {
					w->current = (long)queue[next++];
				}
				/* On failure the worker is gone; poll sees EOF. */
			}
			if (w->current < 0 && (next >= n_queue || stop)) {
				/* Nothing left for it: closing the job pipe ends it. */
				char why[128];
				int code;
				reap_worker(b, i, why, sizeof(why), &code);
				running--;
				continue;
			}
			pfd[n].fd = w->res_fd;
			pfd[n].events = POLLIN;
			slot_of[n++] = i;
		}
		if (n == 0)
			break;
		if (poll(pfd, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "roadmap-run: poll: %s\n", strerror(errno));
			stop = true;
			ret = RR_EXIT_INTERNAL;
			continue;
		}
		for (int k = 0; k < n; k++) {
			if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			int slot = slot_of[k];
			struct worker *w = &b->workers[slot];
			struct result_msg res;
			if (read_full(w->res_fd, &res, sizeof(res)) == 0 &&
			    (long)res.index == w->current) {
				if (res.maxrss_kb > b->worker_maxrss_kb)
					b->worker_maxrss_kb = res.maxrss_kb;
				progress_step(pr, b->subs[res.index].name, res.status,
					      res.score, res.max_score, res.seconds);
				w->current = -1;
				continue;
			}
			/* The worker died. */
			long lost = w->current;
			char why[128];
			int code;
			reap_worker(b, slot, why, sizeof(why), &code);
			running--;
			if (code == RR_EXIT_INTERNAL) {
				/* It could not build its sandbox: nothing will work. The
				 * lost submission stays ungraded for --resume. */
				stop = true;
				ret = RR_EXIT_INTERNAL;
				continue;
			}
			if (lost >= 0) {
				char *msg = xasprintf("the grading process died (%s) while grading it", why);
				char *note = xasprintf("roadmap-run: warning: submission '%s': %s",
						       b->subs[lost].name, msg);
				write_error(b, (size_t)lost, msg, 0);
				progress_note(pr, note);
				free(note);
				free(msg);
				progress_step(pr, b->subs[lost].name, CHECK_ERROR, 0, 0, 0);
			}
			if (++deaths > 2 * b->n_workers + 8) {
				fprintf(stderr, "roadmap-run: grading workers keep dying (%s); stopping\n", why);
				stop = true;
				ret = RR_EXIT_INTERNAL;
				continue;
			}
			if (!stop && next < n_queue) {
				int r = spawn_worker(b, slot);
				if (r == 0)
					running++;
				else
					fprintf(stderr, "roadmap-run: cannot restart a grading worker: %s\n",
						strerror(-r));
			}
		}
	}
	return ret;
}

/* The gradebook row of submission i from its files. */
static cJSON *row_for(const struct batch *b, size_t i)
{
	cJSON *report = read_report(b, i);
	if (report) {
		cJSON *row = gradebook_row_from_report(b->subs[i].name, report, &b->lp.m);
		cJSON_Delete(report);
		return row;
	}
	cJSON *err = read_json(b, i, "error.json");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(err, "message");
	const cJSON *ms = cJSON_GetObjectItemCaseSensitive(err, "duration_ms");
	/* Neither file could be written or read: when a link in the way is
	 * why, the row says so. */
	char *why = NULL;
	if (!cJSON_IsString(msg)) {
		char *rel = sub_rel(b, i, NULL), *failed = NULL;
		int fd = pathsafe_open_dir(b->out_dir, rel, false, &failed);
		if (fd >= 0)
			close(fd);
		else if (fd == -ELOOP || fd == -ENOTDIR)
			why = pathsafe_write_error(NULL, failed, fd, failed);
		free(failed);
		free(rel);
	}
	cJSON *row = gradebook_row_error(b->subs[i].name, &b->lp.m, b->lp.pack.digest,
					 cJSON_IsString(msg) ? msg->valuestring : why ? why : "not graded",
					 cJSON_IsNumber(ms) ? ms->valuedouble : 0);
	free(why);
	cJSON_Delete(err);
	return row;
}

static bool row_passes(const cJSON *row, double pass_mark)
{
	enum check_status st = check_status_of(row);
	double score = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(row, "score"));
	double max = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(row, "max_score"));

	if (st == CHECK_ERROR || st == CHECK_STATUS_OTHER)
		return false;
	if (pass_mark < 0)
		return st == CHECK_PASS;
	return grade_reaches_pass_mark(score, max, pass_mark);
}

/* "cannot write the gradebook in DIR: ...", naming a link that was in
 * the way (failed). */
static void gradebook_print_error(const char *dir, int r, const char *failed)
{
	char *msg = pathsafe_write_error("the gradebook in", dir, r, failed);
	fprintf(stderr, "roadmap-run: %s\n", util_esc(msg));
	free(msg);
}

struct tally {
	size_t pass, fail, error, below_mark;
};

static int write_gradebook(const struct batch *b, double pass_mark, struct tally *t)
{
	const char **ids = xcalloc(b->lp.m.n_exercises + 1, sizeof(char *));
	struct gradebook *g;
	char *failed = NULL;
	int r;

	for (size_t i = 0; i < b->lp.m.n_exercises; i++)
		ids[i] = b->lp.m.exercises[i].id;
	struct gradebook_info info = { b->shard, b->lp.pack.digest, b->listed };
	r = gradebook_create(&g, b->out_dir, ids, b->lp.m.n_exercises, b->lp.m.quiz != NULL,
			     &info, &failed);
	free(ids);
	if (r < 0)
		goto fail;
	for (size_t i = 0; i < b->n_subs && r == 0; i++) {
		cJSON *row = row_for(b, i);
		enum check_status st = check_status_of(row);
		if (st == CHECK_PASS)
			t->pass++;
		else if (st == CHECK_FAIL)
			t->fail++;
		else
			t->error++;
		if (!row_passes(row, pass_mark))
			t->below_mark++;
		r = gradebook_add(g, row);
		cJSON_Delete(row);
	}
	if (r < 0) {
		gradebook_abort(g);
		goto fail;
	}
	r = gradebook_commit(g);
	if (r < 0)
		goto fail;
	return 0;
fail:
	gradebook_print_error(b->out_dir, r, failed);
	free(failed);
	return RR_EXIT_INTERNAL;
}

static int parse_shard(const char *s, long *k, long *n)
{
	char *end;
	errno = 0;
	*k = strtol(s, &end, 10);
	if (end == s || *end != '/' || errno)
		return -1;
	const char *t = end + 1;
	*n = strtol(t, &end, 10);
	if (end == t || *end || errno || *n < 1 || *n > 1000000 || *k < 1 || *k > *n)
		return -1;
	return 0;
}

int grade_parse_args(int argc, char **argv, struct grade_args *g)
{
	struct cli_args a;
	int c;
	long v;
	memset(g, 0, sizeof(*g));
	g->jobs = util_cpu_count();
	g->shard_k = g->shard_n = 1;
	g->pass_mark = -1;
	g->out_dir = "grades";
	cli_begin(&a, "grade", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		switch (c) {
		case 'd':
			g->submissions_dir = a.value;
			break;
		case 't':
			g->track = a.value;
			break;
		case 'j':
			if (cli_value_long(&a, 1, MAX_JOBS, "a number of jobs from 1 to 256", &v) < 0)
				return a.status;
			g->jobs = (int)v;
			break;
		case 'o':
			g->out_dir = a.value;
			break;
		case 'f': {
			enum report_format f;
			if (format_from_name(a.value, &f) < 0) /* the table lists only known ones */
				abort();
			bool dup = false;
			for (size_t i = 0; i < g->n_formats; i++)
				dup |= g->formats[i] == f;
			if (!dup)
				g->formats[g->n_formats++] = f;
			break;
		}
		case 'G':
			g->gradescope_hidden = a.value;
			break;
		case 'R':
			g->resume = true;
			break;
		case 's':
			if (parse_shard(a.value, &g->shard_k, &g->shard_n) < 0)
				return cli_bad_value(&a, "K/N with 1 <= K <= N, e.g. 2/4"), a.status;
			break;
		case 'p':
			if (grade_parse_pass_mark(a.value, &g->pass_mark) < 0)
				return cli_bad_value(&a, "a percentage from 0 to 100"), a.status;
			break;
		}
	}
	if (c == CLI_STOP)
		return a.status;
	g->quiet = a.quiet;
	if (a.n_pos < 2 && !g->submissions_dir)
		return cli_usage_error(a.cmd, "no submissions: give SUBMISSION... or --submissions-dir DIR");
	g->pack_path = a.pos[0];
	g->submissions = a.pos + 1;
	g->n_submissions = a.n_pos - 1;
	return -1;
}

int cmd_grade(int argc, char **argv)
{
	struct grade_args args;
	int ret = grade_parse_args(argc, argv, &args);
	if (ret >= 0)
		return ret;
	struct batch *b = xcalloc(1, sizeof(*b));
	const char *subs_dir = args.submissions_dir;
	int jobs = args.jobs;
	bool resume = args.resume, quiet = args.quiet, pack_loaded = false;
	long shard_k = args.shard_k, shard_n = args.shard_n;
	double pass_mark = args.pass_mark;
	size_t alloc = 0, *queue = NULL, n_queue = 0;

	ret = RR_EXIT_USAGE; /* until something else is known */
	b->out_dir = args.out_dir;
	b->n_formats = args.n_formats;
	memcpy(b->formats, args.formats, sizeof(args.formats));
	b->fo.gradescope_hidden_visibility = args.gradescope_hidden;
	const char *pack_path = args.pack_path;
	for (int i = 0; i < args.n_submissions; i++) {
		const char *sub = args.submissions[i];
		add_sub(&b->subs, &b->n_subs, &alloc, submission_name(sub), xstrdup(sub), argument_problem(sub));
	}
	if (subs_dir && (ret = list_dir(subs_dir, b->out_dir, &b->subs, &b->n_subs, &alloc)) != 0)
		goto out;
	if (b->n_subs == 0) {
		/* A wrong path must not turn CI green with an empty gradebook. */
		fprintf(stderr, "roadmap-run: nothing to grade: '%s' holds no submissions (hidden "
			"entries and the --out directory are not graded)\n", util_esc(subs_dir));
		ret = RR_EXIT_USAGE;
		goto out;
	}
	qsort(b->subs, b->n_subs, sizeof(*b->subs), cmp_sub);
	for (size_t i = 0; i < b->n_subs; i++) {
		if (!b->subs[i].name[0] || strcmp(b->subs[i].name, "/") == 0) {
			ret = cli_usage_error(command_find("grade"), "cannot name the submission '%s'",
					      util_esc(b->subs[i].path));
			goto out;
		}
		if (i + 1 < b->n_subs && strcmp(b->subs[i].name, b->subs[i + 1].name) == 0) {
			fprintf(stderr, "roadmap-run: two submissions are named '%s': '%s' and '%s'\n",
				util_esc(b->subs[i].name), util_esc(b->subs[i].path),
				util_esc(b->subs[i + 1].path));
			ret = RR_EXIT_USAGE;
			goto out;
		}
	}
	b->listed = b->n_subs;
	snprintf(b->shard, sizeof(b->shard), "%ld/%ld", shard_k, shard_n);
	/* Shard: every Nth submission of the sorted list, starting at K. */
	if (shard_n > 1) {
		size_t kept = 0;
		for (size_t i = 0; i < b->n_subs; i++) {
			if ((long)(i % (size_t)shard_n) == shard_k - 1) {
				b->subs[kept++] = b->subs[i];
			} else {
				free(b->subs[i].name);
				free(b->subs[i].path);
				free(b->subs[i].problem);
			}
		}
		b->n_subs = kept;
	}

	util_install_cleanup_handlers();
	util_set_signal_hook(kill_workers);
	signal(SIGPIPE, SIG_IGN);
	b->parent = getpid();
	ret = loaded_pack_open(pack_path, &b->lp);
	if (ret)
		goto out;
	pack_loaded = true;
	if ((ret = loaded_pack_select_track(&b->lp, "grade", args.track)))
		goto out;

	/* Fail fast, before any worker, when this machine cannot sandbox. */
	{
		struct sandbox *sb = NULL;
		struct sandbox_options so = { 0 };
		char err[512] = "";
		if (sandbox_open(&sb, &so, err, sizeof(err)) != 0) {
			fprintf(stderr, "roadmap-run: cannot build the sandbox: %s\n", err);
			ret = RR_EXIT_INTERNAL;
			goto out;
		}
		sandbox_close(sb);
	}

	char *failed = NULL;
	int r = pathsafe_open_dir(b->out_dir, "reports", true, &failed);
	if (r < 0) {
		char *path = util_path_join(b->out_dir, "reports");
		char *msg = pathsafe_write_error(NULL, path, r, failed);
		fprintf(stderr, "roadmap-run: %s\n", util_esc(msg));
		free(msg);
		free(path);
		free(failed);
		ret = RR_EXIT_INTERNAL;
		goto out;
	}
	close(r);

	sweep_tmp(pathsafe_open_dir(b->out_dir, "", false, NULL));
	sweep_stages(b);
	queue = xcalloc(b->n_subs + 1, sizeof(*queue));
	size_t skipped = 0;
	for (size_t i = 0; i < b->n_subs; i++) {
		cJSON *rep = resume ? read_report(b, i) : NULL;
		if (!rep) {
			queue[n_queue++] = i;
			continue;
		}
		sweep_submission(b, i);
		if (write_formats(b, b->subs[i].name, rep, true, &failed) < 0) {
			fprintf(stderr, "roadmap-run: %s\n", util_esc(failed));
			free(failed);
			failed = NULL;
		}
		cJSON_Delete(rep);
		skipped++;
	}

	struct progress pr;
	progress_init(&pr, stderr, isatty(2), quiet, b->n_subs, skipped);
	double t0 = util_now();
	if (n_queue > 0) {
		b->tmp_dir = util_tempdir("roadmap-run-batch");
		if (!b->tmp_dir) {
			fprintf(stderr, "roadmap-run: cannot create a temporary directory: %s\n",
				strerror(errno));
			ret = RR_EXIT_INTERNAL;
			goto out;
		}
		/* Checks may run as another uid: let them reach their work
		 * directories below this one. */
		chmod(b->tmp_dir, 0711);
		/* Every worker reuses the exercises' "prepare" output, made
		 * once for the batch, in a directory no check can reach. */
		char *prepared = util_path_join(b->tmp_dir, "prepared");
		if (mkdir(prepared, 0700) == 0)
			check_share_prepared(prepared);
		free(prepared);
		ret = run_workers(b, queue, n_queue, jobs, &pr);
		check_share_prepared(NULL);
	}
	progress_finish(&pr);
	if (ret)
		goto out;

	struct tally t = { 0 };
	ret = write_gradebook(b, pass_mark, &t);
	if (ret)
		goto out;
	double secs = util_now() - t0;
	if (!quiet) {
		printf("graded %zu submission%s (%zu resumed) in %.1f s with %d worker%s", b->n_subs,
		       b->n_subs == 1 ? "" : "s", skipped, secs, b->n_workers, b->n_workers == 1 ? "" : "s");
		if (n_queue && secs > 0)
			printf(", %.1f/s", n_queue / secs);
		printf(": %zu pass, %zu fail, %zu error\n", t.pass, t.fail, t.error);
		if (pass_mark >= 0)
			printf("pass mark %g%%: %zu of %zu reach it\n", pass_mark,
			       b->n_subs - t.below_mark, b->n_subs);
		printf("gradebook: %s/%s, %s/%s\n", util_esc(b->out_dir), GRADEBOOK_CSV,
		       util_esc(b->out_dir), GRADEBOOK_JSONL);
		printf("runner peak RSS: %ld KiB (largest worker %ld KiB)\n", peak_rss_kb(),
		       b->worker_maxrss_kb);
	}
	ret = t.below_mark == 0 ? RR_EXIT_PASS : RR_EXIT_FAIL;
out:
	if (b->tmp_dir) {
		util_tempdir_remove(b->tmp_dir);
		free(b->tmp_dir);
	}
	if (pack_loaded)
		loaded_pack_close(&b->lp);
	free_subs(b->subs, b->n_subs);
	free(queue);
	free(b);
	return ret;
}

/* ---- merge ------------------------------------------------------------- */

/* One gradebook given to merge, and what it says it covers. */
struct source {
	char *path;
	struct gradebook_reader *rd;
	cJSON *row;        /* current row, or NULL at the end */
	char *last_name;   /* to check the file is sorted */
	char *shard;       /* "K[,K...]/N" from its meta file or its first row, or NULL */
	char *digest;      /* from its meta file or its first row, or NULL */
	double listed;     /* from its meta file; -1 unknown */
	double meta_rows;  /* from its meta file; -1 unknown */
	size_t rows;
};

static const char *row_text(const cJSON *row, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(row, key));
}

/* Advance s to its next row. Returns 0, or RR_EXIT_INVALID. */
static int source_next(struct source *s)
{
	char *why = NULL;
	cJSON_Delete(s->row);
	s->row = NULL;
	if (gradebook_reader_next(s->rd, &s->row, &why) < 0) {
		fprintf(stderr, "roadmap-run: %s\n", util_esc(why));
		free(why);
		return RR_EXIT_INVALID;
	}
	if (!s->row)
		return 0;
	const char *name = row_text(s->row, "submission");
	if (s->last_name && strcmp(s->last_name, name) >= 0) {
		fprintf(stderr, "roadmap-run: gradebook '%s': '%s' is out of order (gradebooks "
			"written by 'roadmap-run grade' are sorted)\n", util_esc(s->path), util_esc(name));
		return RR_EXIT_INVALID;
	}
	const char *shard = row_text(s->row, "shard");
	if (s->shard && shard && strcmp(shard, s->shard) != 0) {
		fprintf(stderr, "roadmap-run: gradebook '%s': the row of '%s' says shard %s, the "
			"gradebook %s\n", util_esc(s->path), util_esc(name), util_esc(shard),
			util_esc(s->shard));
		return RR_EXIT_INVALID;
	}
	free(s->last_name);
	s->last_name = xstrdup(name);
	s->rows++;
	return 0;
}

/* Same columns (exercise ids in order, quiz or not) and pack as the first. */
static int row_fits(const cJSON *row, const cJSON *first, const struct source *s,
		    const struct source *s0)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(row, "exercises")->child;
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(first, "exercises")->child;
	bool same = true;

	for (; a && b; a = a->next, b = b->next)
		same &= strcmp(a->string, b->string) == 0;
	same &= !a && !b;
	same &= !cJSON_GetObjectItemCaseSensitive(row, "quiz") ==
		!cJSON_GetObjectItemCaseSensitive(first, "quiz");
	const char *d1 = row_text(row, "pack_digest");
	const char *d0 = row_text(first, "pack_digest");
	if (!d1 || !d0 || strcmp(d1, d0) != 0) {
		fprintf(stderr, "roadmap-run: gradebooks of different packs: '%s' has %s, '%s' has %s\n",
			util_esc(s0->path), util_esc(d0 ? d0 : "no digest"), util_esc(s->path),
			util_esc(d1 ? d1 : "no digest"));
		return RR_EXIT_INVALID;
	}
	if (!same) {
		fprintf(stderr, "roadmap-run: gradebook '%s': the columns of '%s' differ from those "
			"of '%s'\n", util_esc(s->path), util_esc(row_text(row, "submission")),
			util_esc(s0->path));
		return RR_EXIT_INVALID;
	}
	return 0;
}

/* "K[,K...]/N": sets bit K-1 of have (N <= MERGE_MAX_SHARDS). Returns 0, or
 * -1 when not of that form. */
#define MERGE_MAX_SHARDS 4096
static int parse_shard_set(const char *s, long *n, unsigned char *have, long *count)
{
	const char *slash = s ? strrchr(s, '/') : NULL;
	char *end;
	if (!slash)
		return -1;
	*n = strtol(slash + 1, &end, 10);
	if (end == slash + 1 || *end || *n < 1 || *n > MERGE_MAX_SHARDS)
		return -1;
	*count = 0;
	for (const char *p = s; p < slash;) {
		long k = strtol(p, &end, 10);
		if (end == p || k < 1 || k > *n || (*end != ',' && end != slash))
			return -1;
		have[k - 1] = 1;
		(*count)++;
		p = end + (*end == ',');
	}
	return *count ? 0 : -1;
}

/* Open the gradebook named by arg: a file (JSON Lines or CSV), or an --out
 * directory (its gradebook.jsonl, else its gradebook.csv). */
static int source_open(struct source *s, const char *arg)
{
	struct stat st;
	char *why = NULL;

	s->listed = s->meta_rows = -1;
	if (strcmp(arg, "-") == 0) {
		/* one gradebook on stdin: its rows carry the shard and digest */
		s->path = xstrdup("(stdin)");
		if (gradebook_reader_open_stream(&s->rd, stdin, s->path, &why) < 0) {
			fprintf(stderr, "roadmap-run: %s\n", util_esc(why));
			free(why);
			return RR_EXIT_INVALID;
		}
		goto first_row;
	}
	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		s->path = util_path_join(arg, GRADEBOOK_JSONL);
		if (access(s->path, F_OK) < 0) {
			char *csv = util_path_join(arg, GRADEBOOK_CSV);
			if (access(csv, F_OK) == 0) {
				free(s->path);
				s->path = csv;
			} else {
				free(csv);
			}
		}
	} else {
		s->path = xstrdup(arg);
	}
	if (gradebook_reader_open(&s->rd, s->path, &why) < 0) {
		fprintf(stderr, "roadmap-run: %s\n", util_esc(why));
		free(why);
		return RR_EXIT_INVALID;
	}
	cJSON *meta = gradebook_meta_read(s->path);
	const char *ms = row_text(meta, "shard"), *md = row_text(meta, "pack_digest");
	const cJSON *ml = cJSON_GetObjectItemCaseSensitive(meta, "listed");
	const cJSON *mr = cJSON_GetObjectItemCaseSensitive(meta, "rows");
	s->shard = ms ? xstrdup(ms) : NULL;
	s->digest = md ? xstrdup(md) : NULL;
	s->listed = cJSON_IsNumber(ml) ? ml->valuedouble : -1;
	s->meta_rows = cJSON_IsNumber(mr) ? mr->valuedouble : -1;
	cJSON_Delete(meta);
first_row:;
	int r = source_next(s);
	if (r)
		return r;
	if (s->row && !s->shard && row_text(s->row, "shard"))
		s->shard = xstrdup(row_text(s->row, "shard"));
	if (s->row && !s->digest && row_text(s->row, "pack_digest"))
		s->digest = xstrdup(row_text(s->row, "pack_digest"));
	return 0;
}

/* Do the sources make one whole batch: one split, every shard once, one
 * pack, one class? Sets *merged_shard ("1/1", or the list given under
 * --allow-partial; caller frees). Returns 0 or RR_EXIT_INVALID, having
 * said what is wrong or missing. */
static int check_shard_set(struct source *src, size_t n_src, bool allow_partial,
			   char **merged_shard)
{
	long n = 0;
	unsigned char *have = xcalloc(MERGE_MAX_SHARDS, 1);
	const struct source **owner = xcalloc(MERGE_MAX_SHARDS, sizeof(*owner));
	const struct source *n_from = NULL, *d_from = NULL, *l_from = NULL;
	int ret = RR_EXIT_INVALID;

	for (size_t i = 0; i < n_src; i++) {
		struct source *s = &src[i];
		unsigned char mine[MERGE_MAX_SHARDS] = { 0 };
		long sn, count;
		if (!s->shard) {
			fprintf(stderr, "roadmap-run: gradebook '%s' does not say which shard it is (%s); "
				"give the --out directory of a shard, whose %s says it%s\n",
				util_esc(s->path), s->row ? "its rows have no shard: an older gradebook?"
				: "it holds no rows and has no " GRADEBOOK_META " beside it",
				GRADEBOOK_META, allow_partial ? "" : ", or pass --allow-partial");
			if (allow_partial)
				continue;
			goto out;
		}
		if (parse_shard_set(s->shard, &sn, mine, &count) < 0) {
			fprintf(stderr, "roadmap-run: gradebook '%s': shard '%s' is not K/N\n",
				util_esc(s->path), util_esc(s->shard));
			goto out;
		}
		if (n_from && sn != n) {
			fprintf(stderr, "roadmap-run: gradebooks of different splits: '%s' is shard %s, "
				"'%s' is shard %s\n", util_esc(n_from->path), util_esc(n_from->shard),
				util_esc(s->path), util_esc(s->shard));
			goto out;
		}
		n = sn;
		n_from = s;
		for (long k = 0; k < n; k++) {
			if (!mine[k])
				continue;
			if (have[k]) {
				fprintf(stderr, "roadmap-run: shard %ld/%ld is given twice: '%s' and '%s' "
					"(overlapping shards)\n", k + 1, n, util_esc(owner[k]->path),
					util_esc(s->path));
				goto out;
			}
			have[k] = 1;
			owner[k] = s;
		}
		if (s->digest && d_from && strcmp(s->digest, d_from->digest) != 0) {
			fprintf(stderr, "roadmap-run: gradebooks of different packs: '%s' has %s, '%s' "
				"has %s\n", util_esc(d_from->path), util_esc(d_from->digest),
				util_esc(s->path), util_esc(s->digest));
			goto out;
		}
		if (s->digest)
			d_from = s;
		if (s->listed >= 0 && l_from && s->listed != l_from->listed) {
			fprintf(stderr, "roadmap-run: the shards were cut from different classes: '%s' "
				"listed %g submissions, '%s' %g\n", util_esc(l_from->path),
				l_from->listed, util_esc(s->path), s->listed);
			goto out;
		}
		if (s->listed >= 0)
			l_from = s;
	}
	struct strbuf missing = STRBUF_INIT, given = STRBUF_INIT;
	size_t n_missing = 0;
	for (long k = 0; k < n; k++) {
		if (have[k]) {
			strbuf_addf(&given, "%s%ld", given.len ? "," : "", k + 1);
		} else if (n_missing++ < 20) {
			strbuf_addf(&missing, "%s%ld/%ld", missing.len ? ", " : "", k + 1, n);
		}
	}
	if (n_missing > 20)
		strbuf_addf(&missing, " and %zu more", n_missing - 20);
	if (n_missing && !allow_partial) {
		fprintf(stderr, "roadmap-run: incomplete set of shards: missing %s (%zu of %ld); "
			"give every shard's gradebook, or --allow-partial to merge what is here\n",
			missing.buf, n_missing, n);
	} else {
		if (n_missing)
			fprintf(stderr, "roadmap-run: warning: merging a partial set (--allow-partial): "
				"missing %s; the gradebook records shard %s/%ld\n", missing.buf,
				given.len ? given.buf : "-", n);
		*merged_shard = n_missing || !n ? xasprintf("%s/%ld", given.len ? given.buf : "0", n ? n : 1)
					  : xstrdup("1/1");
		ret = 0;
	}
	strbuf_release(&missing);
	strbuf_release(&given);
out:
	free(have);
	free(owner);
	return ret;
}

int cmd_merge(int argc, char **argv)
{
	struct cli_args a;
	const char *out_dir = "grades";
	bool allow_partial = false;
	int c, ret = RR_EXIT_USAGE;
	struct source *src = NULL;
	size_t n_src = 0, rows = 0;
	struct gradebook *g = NULL;
	cJSON *first = NULL;
	const struct source *first_src = NULL;
	const char **ids = NULL;
	char *merged_shard = NULL;

	cli_begin(&a, "merge", argc, argv);
	while ((c = cli_next(&a)) > 0) {
		if (c == 'o')
			out_dir = a.value;
		else if (c == 'P')
			allow_partial = true;
	}
	if (c == CLI_STOP)
		return a.status;
	bool quiet = a.quiet;
	for (int i = 0, stdins = 0; i < a.n_pos; i++)
		if (strcmp(a.pos[i], "-") == 0 && ++stdins > 1)
			return cli_usage_error(a.cmd, "'-' (a gradebook on stdin) may be given once");

	n_src = (size_t)a.n_pos;
	src = xcalloc(n_src, sizeof(*src));
	ret = 0;
	for (size_t i = 0; i < n_src; i++) {
		if ((ret = source_open(&src[i], a.pos[i])) != 0)
			goto out;
		if (src[i].row && !first) {
			first = cJSON_Duplicate(src[i].row, true);
			first_src = &src[i];
		}
	}
	if ((ret = check_shard_set(src, n_src, allow_partial, &merged_shard)) != 0)
		goto out;

	if (first) {
		const cJSON *e, *ex = cJSON_GetObjectItemCaseSensitive(first, "exercises");
		size_t n = 0;
		ids = xcalloc((size_t)cJSON_GetArraySize(ex) + 1, sizeof(char *));
		cJSON_ArrayForEach(e, ex)
			ids[n++] = e->string;
		char *failed = NULL;
		double listed = 0;
		for (size_t i = 0; i < n_src; i++)
			if (src[i].listed > listed)
				listed = src[i].listed;
		struct gradebook_info info = { merged_shard, row_text(first, "pack_digest"),
					       (size_t)listed };
		int r = gradebook_create(&g, out_dir, ids, n,
					 cJSON_GetObjectItemCaseSensitive(first, "quiz") != NULL, &info,
					 &failed);
		if (r < 0) {
			gradebook_print_error(out_dir, r, failed);
			free(failed);
			ret = RR_EXIT_INTERNAL;
			goto out;
		}
	} else {
		fprintf(stderr, "roadmap-run: the gradebooks hold no rows: nothing to merge\n");
		ret = RR_EXIT_INVALID;
		goto out;
	}

	/* k-way merge of sorted files: one row per file in memory. */
	char *prev = NULL;
	const char *prev_path = NULL;
	for (;;) {
		struct source *min = NULL;
		for (size_t i = 0; i < n_src; i++)
			if (src[i].row && (!min || strcmp(row_text(src[i].row, "submission"),
							   row_text(min->row, "submission")) < 0))
				min = &src[i];
		if (!min)
			break;
		const char *name = row_text(min->row, "submission");
		if (prev && strcmp(prev, name) == 0) {
			fprintf(stderr, "roadmap-run: submission '%s' is in both '%s' and '%s' "
				"(overlapping shards?)\n", util_esc(name), util_esc(prev_path),
				util_esc(min->path));
			ret = RR_EXIT_INVALID;
			free(prev);
			goto out;
		}
		if ((ret = row_fits(min->row, first, min, first_src)) != 0) {
			free(prev);
			goto out;
		}
		int r = gradebook_add(g, min->row);
		if (r < 0) {
			fprintf(stderr, "roadmap-run: cannot write the gradebook: %s\n", strerror(-r));
			ret = RR_EXIT_INTERNAL;
			free(prev);
			goto out;
		}
		rows++;
		free(prev);
		prev = xstrdup(name);
		prev_path = min->path;
		if ((ret = source_next(min)) != 0) {
			free(prev);
			goto out;
		}
	}
	free(prev);
	/* A gradebook cut short (or grown) since its meta file was written. */
	for (size_t i = 0; i < n_src; i++) {
		if (src[i].meta_rows >= 0 && src[i].meta_rows != (double)src[i].rows) {
			fprintf(stderr, "roadmap-run: gradebook '%s' holds %zu rows, its %s says %g: "
				"was it cut short or edited?\n", util_esc(src[i].path), src[i].rows,
				GRADEBOOK_META, src[i].meta_rows);
			ret = RR_EXIT_INVALID;
			goto out;
		}
	}
	int r = gradebook_commit(g);
	g = NULL;
	if (r < 0) {
		gradebook_print_error(out_dir, r, NULL);
		ret = RR_EXIT_INTERNAL;
		goto out;
	}
	if (!quiet)
		printf("merged %zu submission%s from %zu gradebook%s (shard %s) into %s/%s and %s/%s\n",
		       rows, rows == 1 ? "" : "s", n_src, n_src == 1 ? "" : "s", merged_shard,
		       util_esc(out_dir), GRADEBOOK_CSV, util_esc(out_dir), GRADEBOOK_JSONL);
	ret = 0;
out:
	gradebook_abort(g);
	for (size_t i = 0; i < n_src; i++) {
		gradebook_reader_close(src[i].rd);
		cJSON_Delete(src[i].row);
		free(src[i].last_name);
		free(src[i].path);
		free(src[i].shard);
		free(src[i].digest);
	}
	free(src);
	free(ids);
	free(merged_shard);
	cJSON_Delete(first);
	return ret;
}
