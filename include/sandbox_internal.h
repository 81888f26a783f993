/*
 * sandbox_internal.h - what the sandbox's own files share (sandbox.c runs
 * the parent side, sandbox_child.c the child side, sandbox_fs.c builds the
 * filesystem view, cgroup.c the cgroup pool). Nothing outside runner/sandbox/
 * includes this header.
 */
#ifndef SANDBOX_INTERNAL_H
#define SANDBOX_INTERNAL_H

#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "landlock.h"
#include "sandbox.h"

/* Everything between fork and execve runs on a stack ASan does not know
 * (a CLONE_VM child's) and must not report to the runner's stderr: keep
 * the sanitizers out of it. */
#define SANDBOX_CHILD_FN __attribute__((no_sanitize("address", "undefined")))

struct seccomp_policy;
struct cgroup_pool;
struct cgroup_slot;

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

/* A temporary directory of the sandbox's (see sandbox.c). */
char *sandbox_tempdir(const char *what);

/* Create the skeleton directory for the mount namespace. 0 or -errno. */
int sandbox_fs_prepare(struct sandbox *sb);
void sandbox_fs_cleanup(struct sandbox *sb);

#endif
