/*
 * sandbox.c - run one untrusted check, contained and measured.
 *
 * Theory of operation
 * -------------------
 * sandbox_open() works once per run: it probes user/pid/net/mount/ipc/uts
 * namespaces (by trying them in throw-away children), the Landlock ABI and
 * a writable cgroup hierarchy (cgroup.c: two cgroups used in turn); it
 * makes, once per process, a user namespace mapping the check's uid and an
 * empty network namespace, kept by file descriptor (an unprivileged runner
 * joins the user namespace itself); it makes the skeleton root and the
 * workspace, where work directories live (sandbox_fs.c: tmpfs of their
 * own, so a check's mountinfo names no host path), and runs one trial
 * check to prove the layers work together. The seccomp program is built once per layer combination
 * (policy_for). When the runner is root, checks run as run_uid (65534).
 *
 * sandbox_run() then creates, per check:
 *
 *   runner (parent)
 *     |  out pipe, err pipe: the check's stdout and stderr
 *     |  ctl socket (SOCK_SEQPACKET, CLOEXEC): setup and exec failures, the
 *     |     seccomp listener fd (SCM_RIGHTS), the init's final report
 *     |  pidfd: readable when the child ends
 *     +-- init: clone(CLONE_NEWPID|CLONE_NEWIPC|CLONE_NEWUTS|CLONE_VM|
 *         CLONE_VFORK), so pid 1 of its pid namespace, sharing our memory
 *         (nothing copied) while we wait (sandbox_child.c). It joins the
 *         cgroup and makes a cgroup namespace rooted there, setns into
 *         the empty network namespace (or makes one with lo up), into
 *         the base mount namespace and unshares a copy of it, adds /tmp,
 *         /proc, /work and tests/ (sandbox_fs.c), enters the user
 *         namespace (as root), makes the shared memory non-dumpable, then:
 *           +-- check (pid 2, CLONE_VM|CLONE_VFORK: nothing copied):
 *                 fds 0-2, rlimits, uid, no capabilities, PDEATHSIG,
 *                 NO_NEW_PRIVS, Landlock, seccomp last, execve(argv)
 *         and, once the check has exec'd, drops to the check's uid and
 *         execs check-init (runner/sandbox/init/check-init.c, from a sealed,
 *         execute-only memfd), which lets us go on. check-init reaps every
 *         orphan until the check ends; then it kills everything left
 *         (kill(-1)), reaps it, reports the check's wait status and the
 *         tree's CPU time on ctl, and exits. The runner takes the report
 *         as the end of the check and reaps the init later (its
 *         namespaces' teardown overlaps the next check). Where check-init
 *         is not available (not x86_64, no memfd), the init is a fork of
 *         the runner that does the same in init_main.
 *
 * Without a pid namespace the check is the runner's child directly (a
 * CLONE_VM|CLONE_VFORK child, cheaper than a fork), the runner is a child
 * subreaper so that orphans come back to it, and Landlock plus seccomp
 * stand in for the mount and network namespaces.
 *
 * Who kills whom: the runner's poll loop enforces the wall deadline, the
 * CPU limit of the whole tree (the cgroup's cpuacct, else /proc, polled
 * every 100 ms) and the output limit. It SIGKILLs the pid-namespace init
 * (the kernel then kills the whole namespace), or, without one, the
 * check's process group, every process of its cgroup, and every orphan the
 * subreaper adopted. Every process of a check has PR_SET_PDEATHSIG(SIGKILL)
 * towards its parent, set after its last uid change (which clears it), so
 * a dead runner takes its checks with it; sandbox_kill_active() is there
 * for the runner's fatal-signal handler.
 *
 * Where the code is: this file opens, describes and closes the sandbox;
 * sandbox_probe.c and sandbox_sharedns.c find the layers,
 * sandbox_init_memfd.c prepares check-init; sandbox_run.c runs one check
 * as named steps (sandbox_rlimits.c, sandbox_fallback.c and sandbox_fs.c
 * plan parts of it, sandbox_child.c is the child side), sandbox_watch.c
 * follows it to its end, sandbox_reap.c reaps what is left and
 * sandbox_outcome.c, pure, says how it ended. sandbox_internal.h lists
 * them all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cgroup.h"
#include "landlock.h"
#include "roadmap.h"
#include "sandbox.h"
#include "sandbox_internal.h"
#include "seccomp_policy.h"
#include "util.h"

/* The uid and gid a root runner's checks run as (nobody, nogroup). */
#define RUN_UID_DEFAULT 65534
#define RUN_GID_DEFAULT 65534


/* Run `true` once with every layer, in a work directory where real checks
 * will have theirs: what the probes allowed must also work together (a
 * /proc that cannot be mounted, say). A layer that fails it is turned off,
 * and said (sandbox_lost_layer). */
static void trial_run(struct sandbox *sb)
{
	const char *argv[] = { "/bin/true", NULL };
	const char *envp[] = { "PATH=/usr/bin:/bin", NULL };
	struct sandbox_spec spec = {
		.argv = argv, .envp = envp,
		.limits = { .cpu_seconds = 5, .wall_seconds = 10, .memory_mb = 256, .processes = 16,
			    .output_kb = 16, .file_size_kb = 1024, .open_files = 64 },
	};
	struct sandbox_result res;
	for (int attempt = 0; attempt < 3; attempt++) {
		char why[sizeof(res.message)];
		if (sb->layers.mount_ns && sandbox_fs_workspace_ready(sb, why, sizeof(why)) < 0) {
			sandbox_note(sb, "mount namespace: turned off, no workspace: %s\n", why);
			sandbox_lost_layer(sb, "the mount namespace", why);
			sb->layers.mount_ns = false;
		}
		char *work = sb->layers.mount_ns ? util_tempdir_in(sb->workspace, "roadmap-run-probe")
						 : sandbox_tempdir("probe");
		if (!work)
			break;
		chmod(work, 0755);
		spec.workdir = work;
		sandbox_run(sb, &spec, &res);
		util_tempdir_remove(work);
		free(work);
		bool failed = res.outcome == SANDBOX_SETUP_FAILED;
		bool cg = !strncmp(res.message, "cgroup", 6);
		bool init = strstr(res.message, "check's init") != NULL;
		snprintf(why, sizeof(why), "%s", res.message);
		if (failed)
			sandbox_note(sb, "trial check: %s\n", res.message);
		sandbox_result_clear(&res);
		if (!failed)
			break;
		if (init && sb->init_fd >= 0) {
			sandbox_note(sb, "init: the exec'd init failed; it is forked instead\n");
			close(sb->init_fd);
			sb->init_fd = -1;
		} else if (cg && sb->cgroups) {
			sandbox_note(sb, "cgroup: turned off after the trial check failed\n");
			sandbox_lost_layer(sb, "the cgroup", why);
			cgroup_pool_close(sb->cgroups);
			sb->cgroups = NULL;
			sb->layers.cgroup = false;
			sb->layers.cgroup_version = NULL;
		} else if (sb->layers.mount_ns) {
			sandbox_note(sb, "mount namespace: turned off after the trial check failed\n");
			sandbox_lost_layer(sb, "the mount namespace", why);
			sb->layers.mount_ns = false;
		} else if (sb->layers.pid_ns) {
			sandbox_note(sb, "pid namespace: turned off after the trial check failed\n");
			sandbox_lost_layer(sb, "the pid namespace", why);
			sb->layers.pid_ns = false;
		} else {
			break;
		}
	}
	/* Work directories go to $TMPDIR then, where checks can reach them. */
	if (!sb->layers.mount_ns)
		sandbox_fs_workspace_close(sb);
}

int sandbox_open(struct sandbox **out, const struct sandbox_options *opts, char *err, size_t errlen)
{
	struct sandbox *sb = xcalloc(1, sizeof(*sb));
	char why[256] = "";
	int r;

	sb->userns_fd = sb->netns_fd = sb->mntns_fd = sb->init_fd = -1;
	sb->workspace_fd = sb->parent_mntns_fd = -1;
	sandbox_find_arg_area(sb);
	sandbox_tempdir_sweep();

	if (opts)
		sb->opts = *opts;
	sandbox_apply_disable_env(sb, &sb->opts, &sb->seccomp_disabled);

	sb->root = geteuid() == 0;
	sb->run_uid = sb->root ? RUN_UID_DEFAULT : geteuid();
	sb->run_gid = sb->root ? RUN_GID_DEFAULT : getegid();
	sb->layers.privilege_drop = sb->root;
	sb->layers.run_uid = sb->run_uid;
	sb->layers.rlimits = true;

	if (!sb->opts.disable_landlock) {
		sb->layers.landlock_abi = landlock_abi();
		if (!sb->layers.landlock_abi)
			sandbox_note(sb, "landlock: not offered by this kernel (or disabled at boot)\n");
	}

	if (!sb->seccomp_disabled) {
		bool notify = !sb->opts.disable_notify;
		r = seccomp_policy_build(&sb->policy, notify, why, sizeof(why));
		if (r < 0 && notify) {
			sandbox_note(sb, "seccomp user notification: %s\n", why);
			r = seccomp_policy_build(&sb->policy, false, why, sizeof(why));
		}
		if (r < 0) {
			snprintf(err, errlen, "seccomp is not available: %s", why);
			goto fail;
		}
		sb->layers.seccomp = true;
		sb->layers.seccomp_notify = seccomp_policy_uses_notify(sb->policy);
	}

	if (!sb->opts.disable_cgroup) {
		r = cgroup_pool_open(&sb->cgroups, why, sizeof(why));
		if (r == 0) {
			sb->layers.cgroup = true;
			sb->layers.cgroup_version = cgroup_pool_version(sb->cgroups);
		} else {
			sandbox_note(sb, "cgroup: %s; memory and processes are limited per process "
			     "(RLIMIT_AS, RLIMIT_NPROC) instead\n", why);
		}
	}
	sandbox_probe_namespaces(sb);
	if (sb->layers.mount_ns) {
		/* The workspace itself is made by trial_run. */
		r = sandbox_fs_prepare(sb);
		if (r < 0) {
			sandbox_note(sb, "mount namespace: cannot create the root skeleton: %s\n", strerror(-r));
			sandbox_lost_layer(sb, "the mount namespace", strerror(-r));
			sb->layers.mount_ns = false;
		}
	}
	if (!sb->layers.user_ns)
		sb->nproc_base = sandbox_count_uid_processes(sb->run_uid);
	sb->stacks = xmalloc(2 * SANDBOX_CHILD_STACK);
	if (sb->layers.pid_ns)
		sb->init_fd = sandbox_init_memfd(sb);
	trial_run(sb);
	/* Without a mount namespace the host's Unix sockets are reachable by
	 * path, so checks may not connect() at all: no loopback network. */
	if (sb->layers.loopback_available && !sb->layers.mount_ns) {
		sb->layers.loopback_available = false;
		sandbox_note(sb, "loopback network: needs the mount namespace as well\n");
	}

	/* Without a pid namespace, orphans of a check must come back to us
	 * so that none survives it. */
	if (!sb->layers.pid_ns) {
		if (prctl(PR_SET_CHILD_SUBREAPER, 1) == 0)
			sb->subreaper = true;
	}

	/* One line per run, whatever the command: a check that quietly runs
	 * with one wall fewer than the machine offers is worse than noise. */
	if (sb->lost[0])
		fprintf(stderr, "roadmap-run: warning: checks run without %s, which this machine "
			"offers; 'roadmap-run --check-sandbox' says more\n", sb->lost);
	if (sb->opts.require_namespaces && !(sb->layers.pid_ns && sb->layers.mount_ns)) {
		snprintf(err, errlen, "namespaces are required but not available: %s",
			 sb->probe_notes[0] ? sb->probe_notes : "unknown reason");
		goto fail;
	}
	*out = sb;
	return 0;
fail:
	sandbox_close(sb);
	return RR_EXIT_INTERNAL;
}

void sandbox_close(struct sandbox *sb)
{
	if (!sb)
		return;
	sandbox_pending_reap_slot(sb, -1);
	if (sb->policy)
		seccomp_policy_free(sb->policy);
	for (size_t i = 0; i < sizeof(sb->policies) / sizeof(sb->policies[0]); i++)
		if (sb->policies[i])
			seccomp_policy_free(sb->policies[i]);
	/* userns_fd and netns_fd are the process's, shared by every sandbox. */
	sandbox_fs_workspace_close(sb);
	if (sb->parent_mntns_fd >= 0)
		close(sb->parent_mntns_fd);
	if (sb->init_fd >= 0)
		close(sb->init_fd);
	free(sb->mntns_parent);
	if (sb->fallback_tmp) {
		util_tempdir_remove(sb->fallback_tmp);
		free(sb->fallback_tmp);
	}
	sandbox_fs_cleanup(sb);
	cgroup_pool_close(sb->cgroups);
	free(sb->stacks);
	free(sb);
}

bool sandbox_check_owner(const struct sandbox *sb, uid_t *uid, gid_t *gid)
{
	*uid = sb->run_uid;
	*gid = sb->run_gid;
	return sb->root;
}

const struct sandbox_layers *sandbox_get_layers(const struct sandbox *sb)
{
	return &sb->layers;
}

static void describe_line(FILE *fp, const char *name, bool on, bool off_by_option, const char *what)
{
	fprintf(fp, "  %-18s %-4s %s\n", name, on ? "yes" : off_by_option ? "off" : "no",
		on ? what : off_by_option ? "(turned off by ROADMAP_RUN_SANDBOX_DISABLE or an option)"
			  : "(not offered here: see the notes)");
}

void sandbox_describe(const struct sandbox *sb, FILE *fp)
{
	const struct sandbox_layers *l = &sb->layers;
	const struct sandbox_options *o = &sb->opts;
	struct utsname u;
	char buf[160];

	if (uname(&u) == 0)
		fprintf(fp, "kernel: %s %s %s; runner uid %u%s\n", u.sysname, u.release, u.machine,
			(unsigned)geteuid(), sb->root ? " (root)" : "");
	fprintf(fp, "what a check gets on this machine:\n");
	snprintf(buf, sizeof(buf), "uid %u inside a user namespace of its own", (unsigned)l->run_uid);
	describe_line(fp, "user namespace", l->user_ns, o->disable_userns, buf);
	describe_line(fp, "pid namespace", l->pid_ns, o->disable_pidns,
		      sb->init_fd >= 0
		      ? "the check is pid 2; its init (check-init, exec'd) kills whatever is left"
		      : "the check is pid 2; its init (a fork of the runner) kills whatever is left");
	describe_line(fp, "network namespace", l->net_ns, o->disable_netns,
		      "no network at all (lo down); \"loopback\" checks get their own lo");
	describe_line(fp, "mount namespace", l->mount_ns, o->disable_mountns,
		      "sees /usr, /etc (read-only), its work directory, a private /tmp and /proc");
	describe_line(fp, "ipc namespace", l->ipc_ns, sb->disable_ipcns, "SysV IPC and mqueues of its own");
	describe_line(fp, "uts namespace", l->uts_ns, sb->disable_utsns, "hostname \"check\"");
	snprintf(buf, sizeof(buf), "ABI %d: the same filesystem view again, TCP%s and signals scoped",
		 l->landlock_abi, l->landlock_abi >= 4 ? " denied" : "");
	describe_line(fp, "landlock", l->landlock_abi > 0, o->disable_landlock, buf);
	describe_line(fp, "seccomp", l->seccomp, sb->seccomp_disabled,
		      l->seccomp_notify ? "filter built once; refused calls are named to the learner"
					: "filter built once; refused calls fail with an errno");
	snprintf(buf, sizeof(buf), "%s: memory, processes and CPU time of the whole check",
		 l->cgroup_version ? l->cgroup_version : "");
	describe_line(fp, "cgroup", l->cgroup, o->disable_cgroup, buf);
	describe_line(fp, "rlimits", true, false, "CPU, address space, processes, file size, files, core 0, stack");
	snprintf(buf, sizeof(buf), "checks run as uid %u, never as root", (unsigned)l->run_uid);
	describe_line(fp, "privilege drop", l->privilege_drop, false,
		      sb->root ? buf : "(the runner is not root: checks run as its uid)");
	describe_line(fp, "loopback network", l->loopback_available, o->disable_netns,
		      "\"network\": \"loopback\" is honoured");
	if (!l->loopback_available)
		fprintf(fp, "  checks that ask for \"network\": \"loopback\" end with status error\n");
	if (!l->cgroup)
		fprintf(fp, "  without a cgroup, memory is bounded per process (RLIMIT_AS) and a memory\n"
			    "  limit is inferred from how the check died\n");
	if (sb->probe_notes[0]) {
		fprintf(fp, "notes:\n");
		for (const char *p = sb->probe_notes; *p;) {
			const char *nl = strchr(p, '\n');
			int len = nl ? (int)(nl - p) : (int)strlen(p);
			fprintf(fp, "  %.*s\n", len, p);
			p += len + (nl ? 1 : 0);
		}
	}
	if (sb->policy)
		seccomp_policy_describe(sb->policy, fp);
}
