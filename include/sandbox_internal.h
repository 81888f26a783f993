/*
 * sandbox_internal.h - what the sandbox's own files share. Nothing outside
 * runner/sandbox/ includes this header. The files, in the order a check
 * meets them (docs/sandbox.md has the same list):
 *
 *   sandbox.c          sandbox_open/close/describe: the theory of operation
 *   sandbox_probe.c    the testing switches, and what the kernel offers
 *   sandbox_sharedns.c the user and network namespaces every check joins
 *   sandbox_init_memfd.c  check-init in a sealed memfd
 *   sandbox_tempdir.c  the sandbox's temporary directories and their sweep
 *   sandbox_run.c      sandbox_run: one check, step by step
 *   sandbox_rlimits.c  the rlimits a check gets
 *   sandbox_fallback.c TMPDIR, /dev/shm and memory-backed files without a
 *                      mount namespace or a cgroup
 *   sandbox_child.c    the child side, between clone and execve
 *   sandbox_fs.c       the filesystem view (mount namespace)
 *   sandbox_watch.c    the poll loop: output, limits, the end of a check
 *   sandbox_proc_cpu.c CPU time of a process tree through /proc
 *   sandbox_reap.c     inits still exiting, orphans, sandbox_kill_active
 *   sandbox_outcome.c  how the check ended (pure; sandbox_outcome.h)
 *   cgroup.c, seccomp_policy.c, landlock.c, init/check-init.c
 */
#ifndef SANDBOX_INTERNAL_H
#define SANDBOX_INTERNAL_H

#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/vfs.h>

#include "util.h"

#include "landlock.h"
#include "sandbox.h"

/* Everything between fork and execve runs on a stack ASan does not know
 * (a CLONE_VM child's) and must not report to the runner's stderr: keep
 * the sanitizers out of it. */
#define SANDBOX_CHILD_FN __attribute__((no_sanitize("address", "undefined")))

struct seccomp_policy;
struct cgroup_pool;

/* Where the check's work directory appears inside the mount namespace. */
#define SANDBOX_INSIDE_WORKDIR "/work"

#define SANDBOX_MAX_PENDING 8

struct sandbox {
	struct sandbox_layers layers;
	struct sandbox_options opts;
	struct seccomp_policy *policy;   /* NULL only when the policy is disabled for tests */
	struct seccomp_policy *policies[32]; /* by SECCOMP_POLICY_* flags: see policy_for() */
	bool seccomp_disabled;           /* testing switch "seccomp" */
	bool disable_ipcns, disable_utsns; /* testing switches "ipcns", "utsns" */
	bool root;                       /* the runner is uid 0 */
	uid_t run_uid;                   /* outer uid of a check */
	gid_t run_gid;
	bool subreaper;                  /* the runner adopts orphans (no pid namespace) */
	long nproc_base;                 /* processes of run_uid outside any check, for RLIMIT_NPROC */
	struct cgroup_pool *cgroups;     /* NULL without a writable cgroup */
	int userns_fd;                   /* the sandbox's user namespace, -1 if none */
	int netns_fd;                    /* an empty network namespace (lo down), -1 if none */
	int mntns_fd;                    /* the base mount namespace with the workspace
					    (sandbox_fs.c), -1 if none yet */
	bool mntns_host_proc;            /* it has the host's /proc (no pid namespace) */
	int workspace_fd;                /* the workspace: a tmpfs only that namespace
					    and this descriptor reach, -1 if none */
	char workspace[32];              /* "/proc/self/fd/N": its path for the runner, "" if none */
	int parent_mntns_fd;             /* a base namespace showing a caller's own
					    directory (mntns_parent) instead, -1 if none */
	char *mntns_parent;              /* the host directory it shows at /.host/w */
	bool parent_host_proc;
	char *stacks;                    /* two SANDBOX_CHILD_STACK stacks for clone() */
	int init_fd;                     /* check-init as a sealed memfd, -1: fork the init */
	bool disable_init_exec;          /* testing switch: always fork the init */
	pid_t pending[SANDBOX_MAX_PENDING]; /* inits of finished checks, still exiting */
	int pending_slot[SANDBOX_MAX_PENDING]; /* the slot each one's check used */
	char *pending_work[SANDBOX_MAX_PENDING]; /* work directory to remove once it is reaped */
	pid_t last_pending;              /* the last check's init, if it is still exiting */
	int n_pending;
	unsigned long runs;              /* checks started, for the slots without a cgroup */
	char *arg_area;                  /* our argument strings, see sandbox_child */
	size_t arg_len;
	char rootfs[256];                /* skeleton directory the mount namespace pivots into */
	char *fallback_tmp;              /* TMPDIR of checks without a mount namespace */
	char probe_notes[1024];          /* why layers are missing, for sandbox_describe */
	char lost[512];                  /* layers this machine offers that checks lost
					    (see lost_layer), "" when none */
};

#include "sandbox_msg.h"

#define SANDBOX_MAX_RLIMITS 8

/* Everything the child side needs, prepared by the parent before fork so
 * the child allocates nothing and calls only system calls. */
struct sandbox_child {
	const struct sandbox *sb;
	const struct sandbox_spec *spec;
	const struct seccomp_policy *policy; /* NULL: no filter (testing switch) */
	pid_t runner_pid;        /* to notice a runner that died before PDEATHSIG was set */
	char *const *argv;
	char *const *envp;       /* spec->envp plus HOME and PWD */
	const char *path;        /* PATH from envp, for the argv[0] lookup */
	const char *cwd;         /* the cwd as the check sees it */
	int stdin_fd, out_fd, err_fd, ctl_fd;
	int cgroup_fds[4];       /* cgroup.procs files to join, -1 terminated */
	int n_rlimits;
	int rlimit_res[SANDBOX_MAX_RLIMITS];
	struct rlimit rlimits[SANDBOX_MAX_RLIMITS];
	bool use_userns, use_pidns, use_mountns, use_netns, use_ipcns, use_utsns;
	bool use_cgroupns;       /* a cgroup namespace rooted at the check's cgroup */
	bool enter_userns;       /* root: setns into the sandbox's user namespace */
	bool limit_ipc;          /* bound the IPC namespace (sandbox_child_limit_ipc) */
	unsigned long long ipc_shm_bytes; /* its System V shared memory, in all */
	bool loopback;           /* bring lo up in a private network namespace */
	bool use_landlock;
	bool drop_to_run_uid;    /* setresuid(run_uid) before exec */
	const char *const *landlock_ro;
	const char *const *landlock_rw;
	/* Filesystem view (sandbox_fs.c). */
	const char *workdir;
	int mntns_fd;            /* the base namespace to copy (workspace or parent) */
	const char *work_src;    /* the work directory inside the base namespace */
	const char *readonly_subdir;
	const char *readonly_src; /* bound onto readonly_subdir, inside the base namespace */
	long tmp_size_mb;
	char *stack2_top;        /* the check's stack when the init clones it */
	char *arg_area;          /* the runner's argument strings (/proc/self/stat's */
	size_t arg_len;          /* arg_start..arg_end), which a forked init blanks */
	int init_fd;             /* >= 0: the init shares the runner's memory
				    and execs this (check-init) once the check
				    has started; -1: the init is a fork */
};

#define SANDBOX_CHILD_STACK (1024 * 1024)

/* Child side, a clone() entry point; never returns. Enters the
 * namespaces, then runs the init (pid namespace) or becomes the check. */
int sandbox_child_main(void *arg);

/* In the child, in the check's new IPC namespace: bound its System V
 * objects (shmall from ipc_shm_bytes); ends the child on failure. */
void sandbox_child_limit_ipc(const struct sandbox_child *c);

/* Send a message (and optionally an fd) on the control socket; async-signal-safe. */
void sandbox_child_send(int ctl_fd, int kind, int err, const char *text, int pass_fd);

/* Build a base mount namespace (and the host's /proc in it when there is
 * no pid namespace) and return a descriptor of it in *mntns_fd. At
 * /.host/w it shows `parent` (a directory holding work directories), or,
 * with parent NULL, a fresh tmpfs, the workspace, whose directory is
 * returned in *workspace_fd as well. Returns 0, or -errno with a reason
 * and nothing returned. */
int sandbox_fs_base(const struct sandbox *sb, const char *parent, bool with_host_proc,
		    int *mntns_fd, int *workspace_fd, char *why, size_t whylen);

/* In the init, inside a copy of the base namespace: add the check's own
 * mounts. Returns 0 or -errno with a reason in why. Only system calls. */
int sandbox_fs_enter(const struct sandbox_child *c, const char **why);


/* Create the skeleton directory for the mount namespace. 0 or -errno. */
int sandbox_fs_prepare(struct sandbox *sb);
void sandbox_fs_cleanup(struct sandbox *sb);

/* The base mount namespace with the workspace (sb->mntns_fd and
 * workspace_fd), (re)built when it is missing or was built for the other
 * /proc. A rebuild empties the workspace: only sandbox_open calls it,
 * before any work directory exists. 0, or -errno with a reason. */
int sandbox_fs_workspace_ready(struct sandbox *sb, char *why, size_t whylen);
void sandbox_fs_workspace_close(struct sandbox *sb);

/* ---- sandbox_probe.c ---------------------------------------------------- */

/* Apply ROADMAP_RUN_SANDBOX_DISABLE (sandbox.h) to o and sb's own switches. */
void sandbox_apply_disable_env(struct sandbox *sb, struct sandbox_options *o, bool *seccomp_off);

/* Append to sb->probe_notes, for sandbox_describe. */
void sandbox_note(struct sandbox *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A layer this machine offers that checks will run without (sb->lost). */
void sandbox_lost_layer(struct sandbox *sb, const char *layer, const char *why);

/* Which namespaces a check can get: sets sb->layers and sb's namespace fds. */
void sandbox_probe_namespaces(struct sandbox *sb);

/* The number of processes uid owns, for RLIMIT_NPROC. */
long sandbox_count_uid_processes(uid_t uid);

/* Find the runner's argument strings (sb->arg_area, arg_len). */
void sandbox_find_arg_area(struct sandbox *sb);

/* Whether a string the child reads lies in the runner's argument area. */
bool sandbox_child_uses_arg_area(const struct sandbox *sb, const struct sandbox_child *c);

/* ---- sandbox_sharedns.c -------------------------------------------------- */

/* The user and network namespaces every check of the process shares. */
struct sandbox_shared_ns {
	int userns_fd;       /* -1 if none */
	int netns_fd;        /* -1 if none */
	bool joined;         /* an unprivileged runner has joined the user namespace */
	const char *why;     /* what failed, one line each, "" if nothing */
};

/* Made at the first call of the process, then the same every time. */
const struct sandbox_shared_ns *sandbox_shared_namespaces(const struct sandbox *sb);

/* ---- sandbox_init_memfd.c ------------------------------------------------ */

/* check-init in a sealed, execute-only memfd, or -1 (inits are forked). */
int sandbox_init_memfd(struct sandbox *sb);

/* ---- sandbox_tempdir.c --------------------------------------------------- */

/* A temporary directory of the sandbox's, "roadmap-run-<what>-...", locked
 * for the run's life; NULL with errno on failure. */
char *sandbox_tempdir(const char *what);

/* Remove the temporary directories of runners of this pid namespace that
 * are gone. */
void sandbox_tempdir_sweep(void);

/* ---- sandbox_rlimits.c --------------------------------------------------- */

/* Fill c's rlimits from spec's limits; sets *memory_by_rlimit when memory
 * is bounded by RLIMIT_AS alone. Reads c->use_userns and c->use_pidns. */
void sandbox_plan_rlimits(const struct sandbox *sb, const struct sandbox_spec *spec,
			  struct sandbox_child *c, bool *memory_by_rlimit);

/* ---- sandbox_fallback.c -------------------------------------------------- */

/* The check's TMPDIR without a mount namespace (sb->fallback_tmp): made
 * once, 0 or -errno; emptied after every check. */
int sandbox_fallback_tmp_ready(struct sandbox *sb);
void sandbox_fallback_tmp_empty(struct sandbox *sb);

/* /dev/shm before the check (unprivileged runner: what is not ours to
 * remove), and the removal of what the check left there. */
struct sandbox_shm_snapshot {
	ino_t *inos;
	size_t n;
};
void sandbox_shm_snapshot_take(struct sandbox_shm_snapshot *s);
void sandbox_shm_cleanup(const struct sandbox *sb, struct sandbox_shm_snapshot *s);

/* Memory-backed filesystems a check can fill without a cgroup. */
#define SANDBOX_MEMFS_MAX 3
struct sandbox_memfs_watch {
	int n;
	fsid_t fsid[SANDBOX_MEMFS_MAX];
	const char *path[SANDBOX_MEMFS_MAX];
	long long used_at_start[SANDBOX_MEMFS_MAX];
	long long limit;           /* bytes */
};
void sandbox_memfs_add(struct sandbox_memfs_watch *w, const char *path);
bool sandbox_memfs_over(const struct sandbox_memfs_watch *w);

/* ---- sandbox_proc_cpu.c -------------------------------------------------- */

/* CPU time, in seconds, of root and all its descendants so far. */
double sandbox_tree_cpu_seconds(pid_t root);

/* CPU time of the orphans the runner adopted as subreaper (its children
 * outside its session, and theirs), but `check`. */
double sandbox_orphans_cpu_seconds(pid_t check);

/* ---- sandbox_reap.c ------------------------------------------------------ */

/* The check now running, for sandbox_kill_active (0: none). */
void sandbox_set_active(pid_t pid, pid_t pgid);

/* An init whose check is over but which is still exiting, and its slot. */
void sandbox_pending_add(struct sandbox *sb, pid_t pid, int slot);

/* Reap the pending inits of `slot` (-1: all), and any that are done. */
void sandbox_pending_reap_slot(struct sandbox *sb, int slot);

/* Kill and reap the orphans the subreaper adopted; adds their CPU time. */
void sandbox_sweep_orphans(long *cpu_us);

/* ---- sandbox_watch.c ----------------------------------------------------- */

/* One check from its start to its end, as the runner sees it. */
struct sandbox_watch {
	struct sandbox *sb;
	const struct seccomp_policy *policy;
	const struct sandbox_spec *spec;
	struct sandbox_result *res;
	int slot;           /* the cgroup slot (or the run's parity) */
	double t0;          /* when the check started (util_now) */
	pid_t pid;          /* the child: init, or the check itself */
	int pidfd;
	int out_r, err_r, ctl_r, notify_fd;
	bool exited;        /* the child was reaped */
	int wstatus;        /* its wait status */
	bool have_status;   /* the init reported the check's status */
	int check_status;
	bool killed;
	enum sandbox_outcome kill_reason;
	bool setup_failed, exec_failed;
	struct rusage ru;
	long tree_cpu_us;    /* from the init: every process it reaped */
	long tree_maxrss_kb;
	long orphan_cpu_us;  /* orphans the subreaper reaped */
	bool denial_weak;    /* res->denial is a refused connect(), see sandbox_watch.c's handle_notify */
	double killed_cpu;   /* the tree's CPU time when it was killed (no cgroup) */
	bool cgroup_oom;     /* the cgroup's OOM killer fired */
	/* Captured output, within the output limit. */
	struct strbuf out, err, combined;
	size_t out_limit, out_total;
	bool out_over;
	struct sandbox_memfs_watch memfs;
};

/* Follow the started check until it is over and nothing of it is left
 * (its init may still be exiting: see sandbox_pending_add); then fill
 * res's measurements (wall and CPU time, peak memory, output). */
void sandbox_watch_check(struct sandbox_watch *w);

/* What the watch saw, for sandbox_outcome_classify. */
struct sandbox_observations;
void sandbox_watch_observations(const struct sandbox_watch *w, struct sandbox_observations *o);

#endif
