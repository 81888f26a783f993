/*
 * sandbox.h - run one command as an untrusted check, contained and measured.
 *
 * The sandbox is opened once per run (sandbox_open): it probes what the
 * kernel offers (user/pid/net/mount namespaces, Landlock ABI, cgroups),
 * compiles the seccomp policy once to BPF, and picks the unprivileged uid a
 * check runs as when the runner is root. Every sandbox_run then forks one
 * check with every available layer, enforces the limits, captures output,
 * and returns a sandbox_result that says what happened in plain facts.
 * Which limit ended a check (memory included) is decided here, in one pure
 * function (sandbox_outcome.h); turning the outcome into a check status and
 * a learner's message is the caller's job (runner/grading/check.c), so this
 * module has no opinion about grading.
 *
 * See docs/sandbox.md for the theory of operation and the threat model.
 */
#ifndef SANDBOX_H
#define SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

enum sandbox_network {
	SANDBOX_NET_NONE,     /* no network at all (the default) */
	SANDBOX_NET_LOOPBACK, /* a private network namespace with only lo up */
};

struct sandbox_limits {
	double cpu_seconds;  /* CPU time of the whole check (all processes) */
	double wall_seconds; /* wall-clock deadline; the parent kills the tree */
	long memory_mb;      /* memory of the whole check */
	long processes;      /* processes + threads alive at once */
	long output_kb;      /* stdout + stderr captured together */
	long file_size_kb;   /* largest file the check may write (RLIMIT_FSIZE) */
	long open_files;     /* RLIMIT_NOFILE */
};

/* What one check needs. All strings are borrowed for the call. */
struct sandbox_spec {
	const char *const *argv;  /* argv[0] is looked up in envp's PATH */
	const char *const *envp;  /* the complete environment, except PWD,
				     which the sandbox sets to the work
				     directory as the check sees it, and HOME,
				     which it sets to the check's private
				     temporary directory */
	const char *workdir;      /* host path of the check's private work
				     directory; becomes the cwd; writable */
	const char *readonly_subdir; /* a sub-directory of workdir to keep
					read-only (e.g. "tests"), or NULL */
	const char *readonly_src; /* a directory checks share, read-only, as
				     readonly_subdir: with a mount namespace it
				     must be next to workdir (same parent) and
				     is bound onto readonly_subdir (an empty
				     directory); without one, readonly_subdir
				     is a symlink to it the caller made, and
				     Landlock (required) makes it read-only */
	const char *stdin_path;   /* host file fed on stdin, or NULL for /dev/null */
	bool workdir_owned;       /* the caller made everything below workdir
				     (but readonly_subdir) the check's, as
				     sandbox_check_owner says: the sandbox
				     only prepares workdir itself */
	struct sandbox_limits limits;
	enum sandbox_network network;
};

/* Plain facts about how the check ended. */
enum sandbox_outcome {
	SANDBOX_EXITED,       /* exited by itself: see exit_code */
	SANDBOX_SIGNALED,     /* killed by a signal it did not ask for: see signal */
	SANDBOX_CPU_LIMIT,    /* CPU time limit reached */
	SANDBOX_WALL_LIMIT,   /* wall-clock deadline reached; tree killed */
	SANDBOX_MEMORY_LIMIT, /* memory limit reached: see memory_evidence */
	SANDBOX_OUTPUT_LIMIT, /* more than output_kb written; tree killed */
	SANDBOX_SECCOMP_KILL, /* killed by the seccomp filter (see denial) */
	SANDBOX_EXEC_FAILED,  /* argv[0] could not be executed: see exec_errno */
	SANDBOX_SETUP_FAILED, /* the sandbox could not be built: see message */
};

/* Why a check's outcome is SANDBOX_MEMORY_LIMIT. */
enum sandbox_memory_evidence {
	SANDBOX_MEMORY_NONE,       /* not a memory outcome */
	SANDBOX_MEMORY_CGROUP_OOM, /* the cgroup's OOM killer ended it: measured */
	SANDBOX_MEMORY_FILES,      /* its files in memory-backed filesystems grew
				      past the limit (no cgroup): measured */
	SANDBOX_MEMORY_SIGNAL,     /* no cgroup: it died of SIGSEGV, SIGABRT,
				      SIGKILL or SIGBUS with half its limit
				      resident: inferred */
	SANDBOX_MEMORY_ALLOCATION, /* it gave up, exiting non-zero, with 90% of
				      its limit resident or an out-of-memory
				      error among its last lines: an allocation
				      was refused (RLIMIT_AS): inferred */
};

struct sandbox_result {
	enum sandbox_outcome outcome;
	int exit_code;     /* valid for SANDBOX_EXITED */
	int signal;        /* valid for SANDBOX_SIGNALED / SECCOMP_KILL / limits */
	int exec_errno;    /* valid for SANDBOX_EXEC_FAILED (ENOENT, EACCES, ...) */
	bool memory_by_rlimit; /* the memory outcome was inferred, not measured:
				  memory is bounded by RLIMIT_AS only (no
				  cgroup), so a memory outcome, or its absence,
				  is the sandbox's inference */
	enum sandbox_memory_evidence memory_evidence; /* for SANDBOX_MEMORY_LIMIT */
	double cpu_seconds;    /* user + system of the whole check */
	double wall_seconds;
	long max_rss_kb;       /* peak memory (cgroup peak, else max getrusage) */

	/* Captured output, each NUL-terminated, never NULL after a run. The
	 * combined buffer holds stdout and stderr in the order they arrived;
	 * the three together never exceed output_kb. */
	char *out, *err, *combined;
	size_t out_len, err_len, combined_len;
	bool output_truncated;

	/* The first syscall the policy refused, in a learner's words, e.g.
	 * "socket(AF_INET): checks have no network access"; NULL if none. */
	char *denial;
	/* Number of refused syscalls in total. */
	unsigned denials;

	char message[512]; /* for SANDBOX_SETUP_FAILED: why, naming the cause */
};

/* Which layers a check gets on this machine; reported in the JSON report's
 * "sandbox" object and by `roadmap-run --check-sandbox`. */
struct sandbox_layers {
	bool user_ns, pid_ns, net_ns, mount_ns, ipc_ns, uts_ns;
	int landlock_abi;     /* 0 when Landlock is unavailable */
	bool seccomp;         /* always true once sandbox_open succeeded */
	bool seccomp_notify;  /* denials are named through user notification */
	bool cgroup;          /* memory/pids limits through a cgroup */
	const char *cgroup_version; /* "v2", "v1" or NULL */
	bool rlimits;
	bool privilege_drop;  /* runner is root, checks run as run_uid */
	uid_t run_uid;        /* outer uid the check runs as */
	bool loopback_available; /* "network": "loopback" can be honoured */
};

struct sandbox_options {
	/* Refuse to run (sandbox_open fails) unless these layers exist. */
	bool require_namespaces;
	/* Testing only: turn layers off to measure or exercise fallbacks. The
	 * environment variable ROADMAP_RUN_SANDBOX_DISABLE (comma-separated:
	 * userns,pidns,netns,mountns,landlock,cgroup,notify) does the same,
	 * and also knows ipcns, utsns, seccomp, "namespaces" (all six) and
	 * "all" (every layer but the rlimits). */
	bool disable_userns, disable_pidns, disable_netns, disable_mountns,
	     disable_landlock, disable_cgroup, disable_notify;
};

struct sandbox;

/* Probe the kernel and build the policy. Returns 0 and sets *out, or
 * RR_EXIT_INTERNAL with a message in err naming the missing feature
 * (e.g. "seccomp is not available: kernel built without CONFIG_SECCOMP_FILTER"). */
int sandbox_open(struct sandbox **out, const struct sandbox_options *opts,
		 char *err, size_t errlen);

/* Run one check. Always fills *res (call sandbox_result_clear after).
 * Returns 0 when the check ran (whatever its outcome) and -1 only when
 * res->outcome is SANDBOX_SETUP_FAILED. Never leaves a process behind. */
int sandbox_run(struct sandbox *sb, const struct sandbox_spec *spec,
		struct sandbox_result *res);

void sandbox_result_clear(struct sandbox_result *res);

/* Remove the work directory of the check sandbox_run just ran, and free
 * path. The removal waits until the check's namespaces are gone (at a
 * later sandbox_run or at sandbox_close): removing a directory that is
 * still a mount point in a dying mount namespace costs the caller an RCU
 * grace period (about 0.3 ms per check), which this overlaps with the next
 * check instead. */
void sandbox_remove_workdir(struct sandbox *sb, char *path);

/* A directory for the checks' work directories that only the runner and
 * the checks' mount namespaces reach: a tmpfs of its own, so a check's
 * /proc/self/mountinfo shows its work directory as "/<name>/check-N",
 * nothing of $TMPDIR or the grader's home. A path through a descriptor
 * ("/proc/self/fd/N"), valid in this process until sandbox_close. NULL
 * when checks have no mount namespace. Work directories elsewhere still
 * work, and show their host paths. */
const char *sandbox_workspace(const struct sandbox *sb);

/* Whether checks run as another uid than the runner's (a root runner drops
 * to it), and which: the owner their work directories' contents need. */
bool sandbox_check_owner(const struct sandbox *sb, uid_t *uid, gid_t *gid);

/* The layers a check gets. */
const struct sandbox_layers *sandbox_get_layers(const struct sandbox *sb);

/* Print, for humans, what the kernel offers and what a check will get. */
void sandbox_describe(const struct sandbox *sb, FILE *fp);

void sandbox_close(struct sandbox *sb);

/* Async-signal-safe: SIGKILL the check that is running now, if any, with
 * everything it started. For the runner's fatal-signal handler, before it
 * re-raises (a dead runner also takes a check's pid namespace with it
 * through PR_SET_PDEATHSIG; this also covers the fallbacks without one). */
void sandbox_kill_active(void);

#endif
