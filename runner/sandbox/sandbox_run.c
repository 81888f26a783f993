/*
 * sandbox_run.c - owns sandbox_run: one check, as a short sequence of
 * named steps. Each step prepares one part of what the child needs
 * (struct sandbox_child: nothing is allocated after the clone) or fails
 * the check with SANDBOX_SETUP_FAILED and a message naming the cause;
 * then the check is started, watched (sandbox_watch.c) and classified
 * (sandbox_outcome.c), and everything the steps took is released.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cgroup.h"
#include "sandbox_internal.h"
#include "sandbox_outcome.h"
#include "seccomp_policy.h"
#include "util.h"

/* What one sandbox_run holds, released by release_check whatever step it
 * reached. */
struct check {
	struct sandbox *sb;
	const struct sandbox_spec *spec;
	struct sandbox_result *res;
	struct sandbox_child c;
	struct sandbox_watch w;
	int stdin_fd;
	int out_p[2], err_p[2], ctl_p[2];
	char **envp;
	char *own_env[3];           /* HOME, PWD, TMPDIR: ours to free */
	const char *fallback_tmp;   /* the check's TMPDIR without a mount namespace */
	char *work_src, *ro_src;    /* the check's directories in the base mount namespace */
	const char **ro_list;       /* Landlock's read-only list with readonly_src */
	struct sandbox_shm_snapshot shm;
	bool shm_taken;
	bool cg_fds_open;
	const char *rw_host[7];     /* Landlock's writable list without a mount namespace */
};

/* Fail the check before it ran: res says why. Returns -1. */
static int setup_failed(struct sandbox_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int setup_failed(struct sandbox_result *res, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->message, sizeof(res->message), fmt, ap);
	va_end(ap);
	res->outcome = SANDBOX_SETUP_FAILED;
	return -1;
}

/* ---- seccomp policies ----------------------------------------------------- */

/*
 * The policy depends on the layers a check has, so it is built per
 * combination, once, and kept: a loopback check (its own network namespace)
 * may use AF_INET; a check without a mount namespace could reach the host's
 * Unix sockets by path (the D-Bus session bus, ssh-agent, docker.sock), so
 * it may not connect() at all; a check without an IPC namespace would
 * create System V objects on the host that outlive it, so it may not.
 */
static struct seccomp_policy *policy_for(struct sandbox *sb, unsigned flags, char *why, size_t len)
{
	if (flags >= sizeof(sb->policies) / sizeof(sb->policies[0])) {
		snprintf(why, len, "unknown policy flags %#x", flags);
		return NULL;
	}
	if (!sb->policies[flags] && seccomp_policy_build_flags(&sb->policies[flags], flags, why, len) < 0)
		sb->policies[flags] = NULL;
	return sb->policies[flags];
}

/* ---- the work directory's owner ----------------------------------------- */

/* nftw's callback has no argument of its own: these are give_workdir's. */
static int chown_uid, chown_gid;
static const char *chown_skip;
static size_t chown_skip_len;

static int chown_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 0)
		return FTW_CONTINUE; /* the work directory itself stays root's */
	if (chown_skip && !strncmp(path, chown_skip, chown_skip_len) &&
	    (path[chown_skip_len] == '\0' || path[chown_skip_len] == '/'))
		return flag == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
	if (lchown(path, (uid_t)chown_uid, (gid_t)chown_gid) < 0)
		return FTW_STOP;
	return FTW_CONTINUE;
}

/* As root, hand the work tree to the check's uid, except the read-only
 * subdirectory, which stays the runner's (readable, not writable), and the
 * work directory itself, which stays root's with mode 1777: the check may
 * create files in it, but the sticky bit forbids renaming or removing
 * tests/ (root's) to put its own in its place. (In a mount namespace
 * tests/ is also a read-only mount point, which cannot be renamed.) */
static int give_workdir(const struct sandbox *sb, const struct sandbox_spec *spec)
{
	if (chmod(spec->workdir, 01777) < 0)
		return -errno;
	if (spec->workdir_owned)
		return 0;
	char *skip = spec->readonly_subdir ? util_path_join(spec->workdir, spec->readonly_subdir) : NULL;
	chown_uid = (int)sb->run_uid;
	chown_gid = (int)sb->run_gid;
	chown_skip = skip;
	chown_skip_len = skip ? strlen(skip) : 0;
	int r = nftw(spec->workdir, chown_one, 16, FTW_PHYS | FTW_ACTIONRETVAL);
	int e = errno;
	free(skip);
	chown_skip = NULL;
	return r == 0 ? 0 : -(e ? e : EIO);
}

static char *find_env(const char *const *envp, const char *name)
{
	size_t n = strlen(name);
	for (; envp && *envp; envp++)
		if (!strncmp(*envp, name, n) && (*envp)[n] == '=')
			return (char *)*envp + n + 1;
	return NULL;
}

/* ---- the steps ---------------------------------------------------------- */

/* What no layer can make up for. */
static int check_request(struct check *k)
{
	const struct sandbox_spec *spec = k->spec;
	if (!spec->argv || !spec->argv[0] || !spec->workdir)
		return setup_failed(k->res, "no command or work directory given");
	if (!k->sb->policy && !k->sb->seccomp_disabled)
		return setup_failed(k->res, "the seccomp policy is missing");
	if (spec->network == SANDBOX_NET_LOOPBACK && !k->sb->layers.loopback_available)
		return setup_failed(k->res, "the check asks for a loopback network, which needs a "
				    "network namespace, and this machine does not allow one; it is "
				    "never given the host network");
	return 0;
}

/* stdin, the stdout and stderr pipes, and the control socket. */
static int open_channels(struct check *k)
{
	const char *in = k->spec->stdin_path ? k->spec->stdin_path : "/dev/null";
	k->stdin_fd = open(in, O_RDONLY | O_CLOEXEC);
	if (k->stdin_fd < 0)
		return setup_failed(k->res, "cannot open the check's input '%s': %s", in, strerror(errno));
	if (pipe2(k->out_p, O_CLOEXEC) < 0 || pipe2(k->err_p, O_CLOEXEC) < 0 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, k->ctl_p) < 0)
		return setup_failed(k->res, "cannot create the check's pipes: %s", strerror(errno));
	k->c.stdin_fd = k->stdin_fd;
	k->c.out_fd = k->out_p[1];
	k->c.err_fd = k->err_p[1];
	k->c.ctl_fd = k->ctl_p[1];
	return 0;
}

/* Which layers the check gets, its seccomp policy and its rlimits. */
static int choose_layers(struct check *k)
{
	struct sandbox *sb = k->sb;
	const struct sandbox_spec *spec = k->spec;
	const struct sandbox_layers *L = &sb->layers;
	struct sandbox_child *c = &k->c;
	c->sb = sb;
	c->spec = spec;
	c->argv = (char *const *)spec->argv;
	c->workdir = spec->workdir;
	c->readonly_subdir = spec->readonly_subdir;
	c->use_userns = L->user_ns;
	/* An unprivileged runner is in the user namespace already; root's
	 * checks enter it after their mounts. */
	c->enter_userns = L->user_ns && sb->root;
	c->use_pidns = L->pid_ns;
	c->use_mountns = L->mount_ns;
	c->use_netns = L->net_ns;
	c->use_ipcns = L->ipc_ns;
	c->use_utsns = L->uts_ns;
	c->use_cgroupns = L->pid_ns;
	c->use_landlock = L->landlock_abi > 0;
	c->loopback = spec->network == SANDBOX_NET_LOOPBACK;
	/* The check's own IPC namespace holds memory no RSS counts (detached
	 * segments, queued messages): root bounds it through its sysctls;
	 * an unprivileged runner cannot (root of that namespace is not
	 * mapped), so without a cgroup to count it the policy refuses these
	 * objects as it does without an IPC namespace. */
	c->limit_ipc = c->use_ipcns && sb->root;
	c->ipc_shm_bytes = (unsigned long long)(spec->limits.memory_mb > 0 ? spec->limits.memory_mb : 256) << 20;
	bool ipc_refused = !c->use_ipcns || (!c->limit_ipc && !sb->cgroups);
	if (sb->policy) {
		char why[256];
		c->policy = policy_for(sb, (L->seccomp_notify ? SECCOMP_POLICY_NOTIFY : 0) |
					   (c->loopback ? SECCOMP_POLICY_ALLOW_INET : 0) |
					   (c->use_mountns ? 0 : SECCOMP_POLICY_NO_CONNECT) |
					   (ipc_refused ? SECCOMP_POLICY_NO_HOST_IPC : 0) |
					   (sb->cgroups ? 0 : SECCOMP_POLICY_NO_MEMFD), why, sizeof(why));
		if (!c->policy)
			return setup_failed(k->res, "cannot build the seccomp policy: %s", why);
	}
	c->runner_pid = getpid();
	c->drop_to_run_uid = sb->root;
	c->cwd = c->use_mountns ? SANDBOX_INSIDE_WORKDIR : spec->workdir;
	c->path = find_env(spec->envp, "PATH");
	c->tmp_size_mb = spec->limits.memory_mb > 0 ? spec->limits.memory_mb : 256;
	sandbox_plan_rlimits(sb, spec, c, &k->res->memory_by_rlimit);
	return 0;
}

/* Never bind (or protect) what a symlink points at; without a mount
 * namespace a shared readonly_src is reached through a symlink the caller
 * made, and Landlock keeps it read-only. */
static int check_readonly_subdir(struct check *k)
{
	const struct sandbox_spec *spec = k->spec;
	if (!spec->readonly_subdir)
		return 0;
	char *ro_path = util_path_join(spec->workdir, spec->readonly_subdir);
	struct stat st;
	int sr = lstat(ro_path, &st);
	free(ro_path);
	bool linked = spec->readonly_src && !k->c.use_mountns && sr == 0 && S_ISLNK(st.st_mode);
	if (sr == 0 && !S_ISDIR(st.st_mode) && !linked)
		return setup_failed(k->res, "'%s' in the work directory is not a directory",
				    spec->readonly_subdir);
	return 0;
}

/* Without a mount namespace there is no private /tmp: the check gets a
 * directory of its own instead, and TMPDIR names it (Landlock keeps the
 * host's /tmp out of reach); what it leaves in /dev/shm is removed after. */
static int prepare_fallback_tmp(struct check *k)
{
	if (k->c.use_mountns)
		return 0;
	if (!k->sb->root)
		sandbox_shm_snapshot_take(&k->shm);
	k->shm_taken = true;
	int r = sandbox_fallback_tmp_ready(k->sb);
	if (r < 0)
		return setup_failed(k->res, "cannot create the check's temporary directory: %s",
				    strerror(-r));
	k->fallback_tmp = k->sb->fallback_tmp;
	return 0;
}

/* spec->envp with HOME, PWD (and TMPDIR in the fallback) of our own. */
static void build_environment(struct check *k)
{
	const char *const *in = k->spec->envp;
	const char *tmp = k->fallback_tmp;
	size_t ne = 0;
	while (in && in[ne])
		ne++;
	k->envp = xcalloc(ne + 4, sizeof(char *));
	size_t n = 0;
	for (size_t i = 0; i < ne; i++)
		if (strncmp(in[i], "HOME=", 5) && strncmp(in[i], "PWD=", 4) &&
		    (!tmp || strncmp(in[i], "TMPDIR=", 7)))
			k->envp[n++] = (char *)in[i];
	/* HOME is the check's private temporary directory, empty at the
	 * start of every check, never the work directory: the submission
	 * would otherwise supply the checker's per-user configuration
	 * (~/.local/lib/python3.X/site-packages/usercustomize.py runs in
	 * every python3 the check starts; ~/.gitconfig can make the
	 * checker's git run commands through core.fsmonitor). */
	k->own_env[0] = k->envp[n++] = xasprintf("HOME=%s", tmp ? tmp : "/tmp");
	k->own_env[1] = k->envp[n++] = xasprintf("PWD=%s", k->c.cwd);
	if (tmp)
		k->own_env[2] = k->envp[n++] = xasprintf("TMPDIR=%s", tmp);
	k->envp[n] = NULL;
	k->c.envp = k->envp;
}

/* Landlock: the same view as the mount namespace, as a second layer, or
 * the only one when there is no mount namespace. Inside the mount
 * namespace /bin, /lib... are symlinks into /usr and /dev holds only the
 * five device nodes (on a read-only mount), so six rules say it all (each
 * rule costs a few system calls in every check). */
static void plan_landlock(struct check *k)
{
	static const char *const ro_host[] = { "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64",
					       "/lib32", "/libx32", "/dev/urandom", "/dev/random",
					       "/proc", NULL };
	static const char *const ro_ns[] = { "/usr", "/etc", "/proc", NULL };
	static const char *const rw_ns[] = { SANDBOX_INSIDE_WORKDIR, "/tmp", "/dev", NULL };
	/* /dev/shm too: POSIX semaphores (python's multiprocessing) live
	 * there; DAC keeps other users' segments out of reach. */
	const char *rw_host[] = { k->spec->workdir, k->fallback_tmp, "/dev/null", "/dev/zero",
				  "/dev/full", "/dev/shm", NULL };
	memcpy(k->rw_host, rw_host, sizeof(rw_host));
	k->c.landlock_ro = k->c.use_mountns ? ro_ns : ro_host;
	k->c.landlock_rw = k->c.use_mountns ? rw_ns : k->rw_host;
}

/* A work directory in the workspace is reached through the base mount
 * namespace made once per run. */
static int view_from_workspace(struct check *k, const char *ws)
{
	const struct sandbox_spec *spec = k->spec;
	size_t wl = strlen(ws);
	if (k->sb->mntns_host_proc != !k->c.use_pidns)
		return setup_failed(k->res, "the workspace was built for another /proc");
	k->c.mntns_fd = k->sb->mntns_fd;
	k->work_src = xasprintf("/.host/w%s", spec->workdir + wl);
	if (spec->readonly_src) {
		if (strncmp(spec->readonly_src, ws, wl) || spec->readonly_src[wl] != '/' ||
		    !spec->readonly_subdir)
			return setup_failed(k->res, "the read-only directory '%s' must be in the "
					    "workspace, as the work directory is", spec->readonly_src);
		k->ro_src = xasprintf("/.host/w%s", spec->readonly_src + wl);
	}
	return 0;
}

/* A base mount namespace showing `parent` at /.host/w, kept while the
 * checks' work directories stay there. */
static int parent_namespace(struct check *k, const char *parent)
{
	struct sandbox *sb = k->sb;
	bool host_proc = !k->c.use_pidns;
	if (sb->parent_mntns_fd >= 0 && !strcmp(parent, sb->mntns_parent) &&
	    sb->parent_host_proc == host_proc)
		return 0;
	char why[300];
	int ns = -1;
	if (sandbox_fs_base(sb, parent, host_proc, &ns, NULL, why, sizeof(why)) < 0)
		return setup_failed(k->res, "cannot build the mount namespace: %s", why);
	if (sb->parent_mntns_fd >= 0)
		close(sb->parent_mntns_fd);
	sb->parent_mntns_fd = ns;
	free(sb->mntns_parent);
	sb->mntns_parent = xstrdup(parent);
	sb->parent_host_proc = host_proc;
	return 0;
}

/* A work directory elsewhere (a caller's own directory) is reached
 * through a base namespace that shows its parent; a shared read-only
 * directory must then be its sibling. */
static int view_from_parent(struct check *k)
{
	const struct sandbox_spec *spec = k->spec;
	char *parent = xstrdup(spec->workdir), *slash = strrchr(parent, '/');
	const char *base = slash ? slash + 1 : spec->workdir;
	int r = 0;
	if (slash)
		*slash = '\0';
	if (!slash || !*parent || !*base) {
		r = setup_failed(k->res, "the work directory '%s' must be an absolute path", spec->workdir);
		goto out;
	}
	if ((r = parent_namespace(k, parent)) < 0)
		goto out;
	k->c.mntns_fd = k->sb->parent_mntns_fd;
	k->work_src = xasprintf("/.host/w/%s", base);
	if (spec->readonly_src) {
		const char *rs = strrchr(spec->readonly_src, '/');
		if (!spec->readonly_subdir || !rs || rs == spec->readonly_src || !rs[1] ||
		    (size_t)(rs - spec->readonly_src) != strlen(parent) ||
		    strncmp(spec->readonly_src, parent, strlen(parent))) {
			r = setup_failed(k->res, "the read-only directory '%s' must be next to the work "
					 "directory '%s'", spec->readonly_src, spec->workdir);
			goto out;
		}
		k->ro_src = xasprintf("/.host/w/%s", rs + 1);
	}
out:
	free(parent);
	return r;
}

/* Where the check's directories come from: the mount namespace's sources,
 * or, without one, Landlock's rule for a shared read-only directory. */
static int plan_filesystem(struct check *k)
{
	const struct sandbox_spec *spec = k->spec;
	struct sandbox_child *c = &k->c;
	if (c->use_mountns) {
		const char *ws = sandbox_workspace(k->sb);
		size_t wl = ws ? strlen(ws) : 0;
		int r = ws && !strncmp(spec->workdir, ws, wl) && spec->workdir[wl] == '/'
			? view_from_workspace(k, ws) : view_from_parent(k);
		c->work_src = k->work_src;
		c->readonly_src = k->ro_src;
		return r;
	}
	if (!spec->readonly_src)
		return 0;
	if (!c->use_landlock)
		return setup_failed(k->res, "a shared read-only directory needs a mount namespace or "
				    "Landlock");
	/* Readable, and nothing more, whatever its modes say. */
	size_t n = 0;
	while (c->landlock_ro[n])
		n++;
	k->ro_list = xcalloc(n + 2, sizeof(*k->ro_list));
	memcpy(k->ro_list, c->landlock_ro, n * sizeof(*k->ro_list));
	k->ro_list[n] = spec->readonly_src;
	c->landlock_ro = k->ro_list;
	return 0;
}

/* As root, the work directory goes to the check's uid. */
static int hand_over_workdir(struct check *k)
{
	if (!k->sb->root)
		return 0;
	int r = give_workdir(k->sb, k->spec);
	if (r < 0)
		return setup_failed(k->res, "cannot hand the work directory '%s' to uid %u: %s",
				    k->spec->workdir, (unsigned)k->sb->run_uid, strerror(-r));
	return 0;
}

/* Checks use two slots in turn (two cgroups): the init of the check
 * before this one may still be exiting in the other slot; the one of the
 * check before that must be gone from ours. With a pid namespace, a
 * reaped init means its cgroup is empty. Without a cgroup, memory-backed
 * files are watched instead. */
static int take_slot(struct check *k)
{
	struct sandbox *sb = k->sb;
	const struct sandbox_limits *l = &k->spec->limits;
	int slot = sb->cgroups ? cgroup_pool_next_slot(sb->cgroups) : (int)(sb->runs & 1);
	k->w.slot = slot;
	sb->runs++;
	sandbox_pending_reap_slot(sb, slot);
	if (sb->cgroups && sb->layers.pid_ns)
		cgroup_pool_mark_empty(sb->cgroups, slot);
	if (sb->cgroups) {
		char why[256];
		/* pids.max counts the check's init too. */
		long pids = l->processes > 0 ? l->processes + (sb->layers.pid_ns ? 1 : 0) : 0;
		if (cgroup_pool_prepare(sb->cgroups, l->memory_mb, pids, k->c.cgroup_fds, why,
					sizeof(why)) < 0)
			return setup_failed(k->res, "%s", why);
		k->cg_fds_open = true;
	} else if (l->memory_mb > 0) {
		k->w.memfs.limit = (long long)l->memory_mb << 20;
		sandbox_memfs_add(&k->w.memfs, k->spec->workdir);
		if (!k->c.use_mountns) {
			sandbox_memfs_add(&k->w.memfs, k->fallback_tmp);
			sandbox_memfs_add(&k->w.memfs, "/dev/shm");
		}
	}
	return 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void set_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* clone the child (sandbox_child_main) and hand the parent's ends of the
 * channels to the watch. */
static int start_check(struct check *k)
{
	struct sandbox *sb = k->sb;
	struct sandbox_child *c = &k->c;
	c->stack2_top = sb->stacks + 2 * SANDBOX_CHILD_STACK;
	c->init_fd = c->use_pidns ? sb->init_fd : -1;
	/* The forked init blanks its copy of our argument strings before it
	 * starts the check in that same memory: only when nothing the check
	 * is given lies there (a caller may pass argv's own strings). */
	if (sb->arg_area && !sandbox_child_uses_arg_area(sb, c)) {
		c->arg_area = sb->arg_area;
		c->arg_len = sb->arg_len;
	}
	int flags = SIGCHLD | (c->use_pidns ? CLONE_NEWPID : 0) | (c->use_ipcns ? CLONE_NEWIPC : 0) |
		    (c->use_utsns ? CLONE_NEWUTS : 0);
	/* posix_spawn's trick: share our memory until execve, so nothing is
	 * copied; we resume when the child has exec'd (the check, or the
	 * init once it has started the check and become check-init). The
	 * fallback's init (pid 1 of the new pid namespace) keeps running our
	 * code, so it needs its own copy of our memory: a fork. */
	if (!c->use_pidns || c->init_fd >= 0)
		flags |= CLONE_VM | CLONE_VFORK;
	k->w.t0 = util_now();
	pid_t pid = clone(sandbox_child_main, sb->stacks + SANDBOX_CHILD_STACK, flags, c);
	if (pid < 0)
		return setup_failed(k->res, "clone: %s", strerror(errno));
	close_fd(&k->out_p[1]);
	close_fd(&k->err_p[1]);
	close_fd(&k->ctl_p[1]);
	struct sandbox_watch *w = &k->w;
	w->out_r = k->out_p[0];
	w->err_r = k->err_p[0];
	w->ctl_r = k->ctl_p[0];
	k->out_p[0] = k->err_p[0] = k->ctl_p[0] = -1;
	w->pid = pid;
	sandbox_set_active(pid, c->use_pidns ? 0 : pid);
	set_nonblock(w->out_r);
	set_nonblock(w->err_r);
	w->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	return 0;
}

/* The outcome, from what the watch saw. Returns sandbox_run's value. */
static int classify(struct check *k)
{
	struct sandbox_observations obs;
	sandbox_watch_observations(&k->w, &obs);
	struct sandbox_verdict v = sandbox_outcome_classify(&obs);
	struct sandbox_result *res = k->res;
	res->outcome = v.outcome;
	res->exit_code = v.exit_code;
	res->signal = v.signal;
	res->memory_evidence = v.memory_evidence;
	if (v.outcome == SANDBOX_SECCOMP_KILL && !res->denial)
		res->denial = xstrdup(seccomp_policy_kill_reason());
	return v.outcome == SANDBOX_SETUP_FAILED ? -1 : 0;
}

static void release_check(struct check *k)
{
	struct sandbox_watch *w = &k->w;
	for (int i = 0; i < 2; i++) {
		close_fd(&k->out_p[i]);
		close_fd(&k->err_p[i]);
		close_fd(&k->ctl_p[i]);
	}
	close_fd(&w->out_r);
	close_fd(&w->err_r);
	close_fd(&w->ctl_r);
	close_fd(&w->notify_fd);
	close_fd(&w->pidfd);
	close_fd(&k->stdin_fd);
	free(k->work_src);
	free(k->ro_src);
	free(k->ro_list);
	if (k->cg_fds_open)
		cgroup_pool_finish(k->sb->cgroups, k->c.cgroup_fds);
	for (int i = 0; i < 3; i++)
		free(k->own_env[i]);
	free(k->envp);
	if (k->fallback_tmp)
		sandbox_fallback_tmp_empty(k->sb);
	if (k->shm_taken)
		sandbox_shm_cleanup(k->sb, &k->shm);
	strbuf_release(&w->out);
	strbuf_release(&w->err);
	strbuf_release(&w->combined);
}

int sandbox_run(struct sandbox *sb, const struct sandbox_spec *spec, struct sandbox_result *res)
{
	memset(res, 0, sizeof(*res));
	sb->last_pending = 0;
	res->out = xstrdup("");
	res->err = xstrdup("");
	res->combined = xstrdup("");

	struct check k = {
		.sb = sb, .spec = spec, .res = res, .stdin_fd = -1,
		.out_p = { -1, -1 }, .err_p = { -1, -1 }, .ctl_p = { -1, -1 },
		.c = { .cgroup_fds = { -1 } },
		.w = { .sb = sb, .spec = spec, .res = res, .pid = -1, .pidfd = -1,
		       .out_r = -1, .err_r = -1, .ctl_r = -1, .notify_fd = -1,
		       .out = STRBUF_INIT, .err = STRBUF_INIT, .combined = STRBUF_INIT,
		       .out_limit = spec->limits.output_kb > 0 ? (size_t)spec->limits.output_kb << 10
							       : (size_t)1 << 20 },
	};
	int r = check_request(&k);
	if (r == 0)
		r = open_channels(&k);
	if (r == 0)
		r = choose_layers(&k);
	if (r == 0)
		r = check_readonly_subdir(&k);
	if (r == 0)
		r = prepare_fallback_tmp(&k);
	if (r == 0) {
		build_environment(&k);
		plan_landlock(&k);
		r = plan_filesystem(&k);
	}
	if (r == 0)
		r = hand_over_workdir(&k);
	if (r == 0)
		r = take_slot(&k);
	if (r == 0)
		r = start_check(&k);
	if (r == 0) {
		k.w.policy = k.c.policy;
		sandbox_watch_check(&k.w);
		r = classify(&k);
	}
	release_check(&k);
	return r;
}

void sandbox_result_clear(struct sandbox_result *res)
{
	free(res->out);
	free(res->err);
	free(res->combined);
	free(res->denial);
	res->out = res->err = res->combined = res->denial = NULL;
	res->out_len = res->err_len = res->combined_len = 0;
}
