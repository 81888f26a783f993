/*
 * check_pool.c - checks on N worker processes at once.
 *
 * Theory of operation:
 *
 *   caller (parent)                    worker 1..N (forked at open)
 *   ---------------                    ----------------------------
 *   check_pool_open: fork N workers,   PR_SET_PDEATHSIG(SIGKILL); its own
 *     before its own sandbox_open        sandbox (sandbox_open: its own
 *   check_pool_submit: queue a job       cgroups and user namespace, so
 *   check_pool_wait: hand each idle      no limit is shared with a check
 *     worker the next queued job  ->     beside it) and its own scratch
 *     (one at a time: whoever is
 *     free takes the next one)
 *   poll the result pipes          <-  loop: read a job, check_run, send
 *   return one finished job              its report_check_object as JSON
 *                                      exits at EOF on its job pipe
 *
 * A job on the pipe is a fixed header (ticket, exercise and check index,
 * flags, length of the source path) and the path; a result is a header
 * (ticket, length) and the report object printed as JSON. The manifest is
 * the parent's, inherited by fork, so indexes are enough. A worker that
 * cannot build its sandbox sends the reason under TICKET_SETUP_FAILED and
 * exits: the pool then fails as a whole (the runner could not work). A
 * worker that dies mid-check gives that check an error report.
 *
 * Why workers are forked before the caller opens its sandbox: sandbox.c
 * makes the user namespace checks share once per process (an
 * unprivileged runner joins it), and RLIMIT_NPROC counts the processes of
 * a uid per user namespace. Workers that inherited one namespace would
 * count each other's checks' processes: a check forking up to its limit
 * would starve the check beside it. Each worker's own sandbox_open, in a
 * process that never opened one, gives it its own.
 *
 * Files and signals: a worker's scratch is its own temporary directory,
 * where a sequential run would put it (check_scratch_base). The worker
 * owns it (util_tempdir_own_from_here): removed when the worker ends, and
 * by its own handler when SIGINT/SIGTERM/SIGHUP kills it. The parent's
 * fatal-signal hook sends the workers SIGTERM and waits for them, so their
 * directories are gone before the parent dies.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "check_pool.h"
#include "report.h"
#include "roadmap.h"
#include "util.h"

#define TICKET_SETUP_FAILED UINT32_MAX
#define RESULT_MAX_BYTES (256u << 20)

struct job_msg {
	uint32_t ticket, exercise, check, flags, src_len;
};
#define JOB_REVEAL_HIDDEN 1u

struct result_msg {
	uint32_t ticket, len;
};

struct queued {
	struct check_pool_job job;
	size_t ticket;
};

struct worker {
	pid_t pid;        /* 0: none */
	int job_fd, res_fd;
	bool busy;
	struct queued running;
};

struct check_pool {
	const struct pack_manifest *m;
	const char *pack_root;
	pid_t parent;
	int n_workers;    /* the most there may be */
	struct worker *w;
	struct queued *queue; /* waiting to be handed out, FIFO */
	size_t q_head, q_len, q_alloc;
	size_t next_ticket;
	size_t pending;   /* queued + running, not collected */
	bool broken;
	int deaths;
};

/* For the fatal-signal hook: async-signal-safe reads only. */
static volatile pid_t hook_pids[CHECK_POOL_MAX_WORKERS];

/* The parent's fatal-signal hook (async-signal-safe): each worker kills
 * its check and removes its scratch in its own handler; wait for that. */
static void stop_workers(void)
{
	for (int i = 0; i < CHECK_POOL_MAX_WORKERS; i++)
		if (hook_pids[i] > 0)
			kill(hook_pids[i], SIGTERM);
	for (int i = 0; i < CHECK_POOL_MAX_WORKERS; i++)
		if (hook_pids[i] > 0)
			while (waitpid(hook_pids[i], NULL, 0) < 0 && errno == EINTR)
				;
	sandbox_kill_active();
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

static int write_full(int fd, const void *buf, size_t n)
{
	size_t put = 0;
	while (put < n) {
		ssize_t r = write(fd, (const char *)buf + put, n - put);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		put += (size_t)r;
	}
	return 0;
}

static int send_result(int fd, uint32_t ticket, const char *text)
{
	struct result_msg h = { ticket, (uint32_t)strlen(text) };
	return write_full(fd, &h, sizeof(h)) || write_full(fd, text, h.len) ? -1 : 0;
}

static void worker_main(struct check_pool *p, int job_fd, int res_fd) __attribute__((noreturn));

static void worker_main(struct check_pool *p, int job_fd, int res_fd)
{
	struct sandbox *sb = NULL;
	struct sandbox_options so = { 0 };
	char err[512] = "";

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != p->parent)
		_exit(RR_EXIT_INTERNAL);
	signal(SIGPIPE, SIG_DFL);
	util_set_signal_hook(sandbox_kill_active);
	util_tempdir_own_from_here();
	/* What sandbox_open warns about (a layer this machine offers that
	 * checks run without), the caller's own sandbox_open says once. */
	int saved_err = dup(STDERR_FILENO), devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved_err >= 0 && devnull >= 0)
		dup2(devnull, STDERR_FILENO);
	int opened = sandbox_open(&sb, &so, err, sizeof(err));
	if (saved_err >= 0 && devnull >= 0)
		dup2(saved_err, STDERR_FILENO);
	if (saved_err >= 0)
		close(saved_err);
	if (devnull >= 0)
		close(devnull);
	if (opened != 0) {
		send_result(res_fd, TICKET_SETUP_FAILED, err);
		_exit(RR_EXIT_INTERNAL);
	}
	char *scratch = util_tempdir_in(check_scratch_base(sb), "roadmap-run-work");
	if (!scratch) {
		snprintf(err, sizeof(err), "cannot create a temporary directory in '%s': %s",
			 check_scratch_base(sb) ? check_scratch_base(sb) : util_tempdir_base(),
			 strerror(errno));
		send_result(res_fd, TICKET_SETUP_FAILED, err);
		_exit(RR_EXIT_INTERNAL);
	}
	chmod(scratch, 0711); /* checks may run as another uid (grade.c) */
	struct job_msg h;
	while (read_full(job_fd, &h, sizeof(h)) == 0) {
		char *src = xmalloc((size_t)h.src_len + 1);
		if (read_full(job_fd, src, h.src_len) < 0 || h.exercise >= p->m->n_exercises ||
		    h.check >= p->m->exercises[h.exercise].n_checks)
			break;
		src[h.src_len] = '\0';
		const struct exercise_def *ex = &p->m->exercises[h.exercise];
		struct check_def c = ex->checks[h.check];
		if (h.flags & JOB_REVEAL_HIDDEN)
			c.hidden = false;
		struct check_result res;
		check_run(sb, p->pack_root, ex, &c, src, scratch, &res);
		free(src);
		/* The report object, built where every report's is (report.c),
		 * with the hidden-check rules of the job's c. */
		cJSON *o = report_check_object(&c, &res);
		check_result_clear(&res);
		char *text = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		int r = text ? send_result(res_fd, h.ticket, text) : -1;
		cJSON_free(text);
		if (r < 0)
			break;
	}
	util_tempdir_remove(scratch);
	sandbox_close(sb);
	_exit(0); /* atexit handlers belong to the parent */
}

int check_pool_parse_jobs(const char *text, int *jobs)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (end == text || *end || errno || v < 1 || v > CHECK_POOL_MAX_WORKERS)
		return -1;
	*jobs = (int)v;
	return 0;
}

static int spawn(struct check_pool *p, int slot);

struct check_pool *check_pool_open(int workers, const char *pack_root, const struct pack_manifest *m)
{
	struct check_pool *p = xcalloc(1, sizeof(*p));
	if (workers < 1)
		workers = 1;
	if (workers > CHECK_POOL_MAX_WORKERS)
		workers = CHECK_POOL_MAX_WORKERS;
	p->n_workers = workers;
	p->w = xcalloc((size_t)workers, sizeof(*p->w));
	p->m = m;
	p->pack_root = pack_root;
	p->parent = getpid();
	util_set_signal_hook(stop_workers);
	/* Failures to fork are not fatal here: dispatch tries again, and
	 * says why when it cannot. */
	for (int i = 0; i < workers; i++)
		spawn(p, i);
	return p;
}

size_t check_pool_submit(struct check_pool *p, const struct check_pool_job *job)
{
	if (p->q_head + p->q_len == p->q_alloc) {
		if (p->q_head > 0) {
			memmove(p->queue, p->queue + p->q_head, p->q_len * sizeof(*p->queue));
			p->q_head = 0;
		}
		if (p->q_len == p->q_alloc) {
			p->q_alloc = p->q_alloc ? 2 * p->q_alloc : 64;
			p->queue = xrealloc(p->queue, p->q_alloc * sizeof(*p->queue));
		}
	}
	struct queued *q = &p->queue[p->q_head + p->q_len++];
	q->job = *job;
	q->job.src = xstrdup(job->src);
	q->ticket = p->next_ticket++;
	p->pending++;
	return q->ticket;
}

size_t check_pool_pending(const struct check_pool *p)
{
	return p->pending;
}

static int spawn(struct check_pool *p, int slot)
{
	int job[2], res[2];
	struct worker *w = &p->w[slot];

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
		for (int i = 0; i < p->n_workers; i++) {
			if (i != slot && p->w[i].pid > 0) {
				close(p->w[i].job_fd);
				close(p->w[i].res_fd);
			}
		}
		close(job[1]);
		close(res[0]);
		worker_main(p, job[0], res[1]);
	}
	close(job[0]);
	close(res[1]);
	w->pid = pid;
	w->job_fd = job[1];
	w->res_fd = res[0];
	w->busy = false;
	hook_pids[slot] = pid;
	return 0;
}

/* Reap worker slot (its pipes closed first, so it sees EOF and ends). */
static void reap(struct check_pool *p, int slot, char *why, size_t len)
{
	struct worker *w = &p->w[slot];
	int status = 0;
	close(w->job_fd);
	close(w->res_fd);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	hook_pids[slot] = 0;
	w->pid = 0;
	if (why && WIFSIGNALED(status))
		snprintf(why, len, "killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
	else if (why)
		snprintf(why, len, "exited with status %d", WEXITSTATUS(status));
}

static void free_queued(struct queued *q)
{
	free((char *)q->job.src);
	q->job.src = NULL;
}

/* Give idle workers (starting them as needed) the queued jobs. */
static int dispatch(struct check_pool *p, char *err, size_t errlen)
{
	for (int i = 0; i < p->n_workers && p->q_len > 0; i++) {
		struct worker *w = &p->w[i];
		if (w->pid > 0 && w->busy)
			continue;
		if (w->pid == 0) {
			int r = spawn(p, i);
			if (r < 0) {
				snprintf(err, errlen, "cannot start a worker for the checks: %s", strerror(-r));
				return -1;
			}
		}
		struct queued q = p->queue[p->q_head++];
		p->q_len--;
		struct job_msg h = {
			.ticket = (uint32_t)q.ticket,
			.exercise = (uint32_t)q.job.exercise,
			.check = (uint32_t)q.job.check,
			.flags = q.job.reveal_hidden ? JOB_REVEAL_HIDDEN : 0,
			.src_len = (uint32_t)strlen(q.job.src),
		};
		w->busy = true;
		w->running = q;
		/* A failed write means the worker died: poll sees its EOF. */
		if (write_full(w->job_fd, &h, sizeof(h)) == 0)
			write_full(w->job_fd, q.job.src, h.src_len);
	}
	return 0;
}

int check_pool_wait(struct check_pool *p, size_t *ticket, cJSON **report, char *err, size_t errlen)
{
	*report = NULL;
	if (p->broken) {
		snprintf(err, errlen, "the workers for the checks stopped");
		return -1;
	}
	if (p->pending == 0)
		return 1;
	for (;;) {
		if (dispatch(p, err, errlen) < 0) {
			p->broken = true;
			return -1;
		}
		struct pollfd pfd[CHECK_POOL_MAX_WORKERS];
		int slot_of[CHECK_POOL_MAX_WORKERS], n = 0;
		for (int i = 0; i < p->n_workers; i++) {
			if (p->w[i].pid > 0 && p->w[i].busy) {
				pfd[n] = (struct pollfd){ .fd = p->w[i].res_fd, .events = POLLIN };
				slot_of[n++] = i;
			}
		}
		if (n == 0) {
			snprintf(err, errlen, "internal error: jobs pending but no worker running");
			p->broken = true;
			return -1;
		}
		int r = poll(pfd, (nfds_t)n, -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			p->broken = true;
			return -1;
		}
		for (int k = 0; k < n; k++) {
			if (!pfd[k].revents)
				continue;
			int slot = slot_of[k];
			struct worker *w = &p->w[slot];
			struct result_msg h;
			char *text = NULL;
			bool got = read_full(w->res_fd, &h, sizeof(h)) == 0 && h.len <= RESULT_MAX_BYTES;
			if (got) {
				text = xmalloc((size_t)h.len + 1);
				got = read_full(w->res_fd, text, h.len) == 0;
				if (got)
					text[h.len] = '\0';
			}
			if (got && h.ticket == TICKET_SETUP_FAILED) {
				snprintf(err, errlen, "cannot build the sandbox of a worker: %s", text);
				free(text);
				reap(p, slot, NULL, 0);
				p->broken = true;
				return -1;
			}
			cJSON *o = got && h.ticket == (uint32_t)w->running.ticket ? cJSON_Parse(text) : NULL;
			free(text);
			const struct exercise_def *ex = &p->m->exercises[w->running.job.exercise];
			const struct check_def *c = &ex->checks[w->running.job.check];
			if (!o) {
				/* The worker died mid-check (or spoke nonsense: then it
				 * is not trusted with another). */
				char why[160], msg[256];
				reap(p, slot, why, sizeof(why));
				snprintf(msg, sizeof(msg), "the runner's worker process for this check %s; "
					 "the check was not graded", why);
				/* c is the pack's: a hidden check's message stays
				 * out of the report (report_check_object). */
				struct check_result res;
				check_not_run(msg, &res);
				o = report_check_object(c, &res);
				check_result_clear(&res);
				if (++p->deaths > 2 * p->n_workers + 8) {
					snprintf(err, errlen, "the workers for the checks keep dying (%s)", why);
					p->broken = true;
					cJSON_Delete(o);
					free_queued(&w->running);
					return -1;
				}
			}
			w->busy = false;
			*ticket = w->running.ticket;
			*report = o;
			free_queued(&w->running);
			p->pending--;
			return 0;
		}
	}
}

void check_pool_close(struct check_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n_workers; i++) {
		if (p->w[i].pid > 0) {
			if (p->w[i].busy) {
				kill(p->w[i].pid, SIGKILL);
				free_queued(&p->w[i].running);
			}
			reap(p, i, NULL, 0);
		}
	}
	for (size_t i = 0; i < p->q_len; i++)
		free_queued(&p->queue[p->q_head + i]);
	free(p->queue);
	free(p->w);
	util_set_signal_hook(sandbox_kill_active);
	free(p);
}

bool check_pool_fits(const struct sandbox *sb)
{
	const struct sandbox_layers *L = sandbox_get_layers(sb);
	/* Checks side by side must not see each other: without their own pid
	 * and mount namespaces, one check could read another's command line
	 * in /proc or its files in /dev/shm (t0310 in the fallback). */
	return (L->cgroup || L->user_ns) && L->pid_ns && L->mount_ns;
}
