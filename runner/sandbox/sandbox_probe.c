/*
 * sandbox_probe.c - owns what sandbox_open learns before the first check:
 * the testing switches (ROADMAP_RUN_SANDBOX_DISABLE), which namespaces
 * this kernel lets a check have (each tried in a throw-away child), the
 * notes --check-sandbox prints about missing layers, the processes the
 * check's uid already has (RLIMIT_NPROC counts them), and where the
 * runner's argument strings are (a forked init blanks them).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_internal.h"
#include "util.h"

/* ---- options -------------------------------------------------------- */

void sandbox_apply_disable_env(struct sandbox *sb, struct sandbox_options *o, bool *seccomp_off)
{
	const char *e = getenv("ROADMAP_RUN_SANDBOX_DISABLE");
	if (!e)
		return;
	char *copy = xstrdup(e), *save = NULL;
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		if (!strcmp(t, "userns")) o->disable_userns = true;
		else if (!strcmp(t, "pidns")) o->disable_pidns = true;
		else if (!strcmp(t, "netns")) o->disable_netns = true;
		else if (!strcmp(t, "mountns")) o->disable_mountns = true;
		else if (!strcmp(t, "landlock")) o->disable_landlock = true;
		else if (!strcmp(t, "cgroup")) o->disable_cgroup = true;
		else if (!strcmp(t, "notify")) o->disable_notify = true;
		else if (!strcmp(t, "seccomp")) *seccomp_off = true;
		else if (!strcmp(t, "ipcns")) sb->disable_ipcns = true;
		else if (!strcmp(t, "utsns")) sb->disable_utsns = true;
		else if (!strcmp(t, "initexec")) sb->disable_init_exec = true;
		else if (!strcmp(t, "all") || !strcmp(t, "namespaces")) {
			o->disable_userns = o->disable_pidns = o->disable_netns = true;
			o->disable_mountns = true;
			sb->disable_ipcns = sb->disable_utsns = true;
			if (!strcmp(t, "all")) {
				o->disable_landlock = o->disable_cgroup = true;
				o->disable_notify = true;
				*seccomp_off = true;
			}
		}
	}
	free(copy);
}

/* ---- notes on missing layers ------------------------------------------ */

void sandbox_note(struct sandbox *sb, const char *fmt, ...)
{
	size_t l = strlen(sb->probe_notes);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sb->probe_notes + l, sizeof(sb->probe_notes) - l, fmt, ap);
	va_end(ap);
}

/* A layer this machine offers (the kernel allows it, nothing turned it
 * off on purpose) that checks will nevertheless run without: noted for
 * --check-sandbox like every missing layer, and also kept apart, since
 * sandbox_open says so on stderr once per run. A missing layer the
 * machine never offered (no user namespaces, no delegated cgroup) is
 * the documented fallback and is not repeated on every run. */
void sandbox_lost_layer(struct sandbox *sb, const char *layer, const char *why)
{
	size_t l = strlen(sb->lost);
	snprintf(sb->lost + l, sizeof(sb->lost) - l, "%s%s (%s)", l ? "; " : "", layer, why);
}

/* Count this uid's processes, so RLIMIT_NPROC (which counts every process
 * of the uid) still lets the check start `processes` of its own. */
long sandbox_count_uid_processes(uid_t uid)
{
	DIR *d = opendir("/proc");
	long n = 0;
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, 0) == 0 && st.st_uid == uid)
			n++;
	}
	closedir(d);
	return n;
}

/* ---- namespaces --------------------------------------------------------- */

/* Can a check get namespace `flag`? (The runner's children create them
 * with the runner's credentials.) Returns 0 or the errno of the refusal. */
static int probe_unshare(int flag, bool loopback)
{
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		if (unshare(flag) < 0)
			_exit(errno);
		if (loopback) {
			int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			struct ifreq ifr;
			memset(&ifr, 0, sizeof(ifr));
			strcpy(ifr.ifr_name, "lo");
			if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
				_exit(errno);
			ifr.ifr_flags |= IFF_UP;
			if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
				_exit(errno);
		}
		_exit(0);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return EIO;
	return WEXITSTATUS(st);
}

void sandbox_probe_namespaces(struct sandbox *sb)
{
	const struct sandbox_options *o = &sb->opts;
	struct sandbox_layers *l = &sb->layers;

	if (o->disable_userns && !sb->root) {
		sandbox_note(sb, "namespaces: user namespaces are disabled and the runner is not root\n");
		return;
	}
	const struct sandbox_shared_ns *shared = sandbox_shared_namespaces(sb);
	if (shared->why[0])
		sandbox_note(sb, "%s", shared->why);
	l->user_ns = !o->disable_userns && shared->userns_fd >= 0 && (sb->root || shared->joined);
	if (!sb->root && !l->user_ns)
		return; /* nothing else is possible unprivileged */
	sb->userns_fd = l->user_ns ? shared->userns_fd : -1;
	sb->netns_fd = o->disable_netns ? -1 : shared->netns_fd;
	l->net_ns = sb->netns_fd >= 0;

	static const struct { int flag; const char *name; } kinds[] = {
		{ CLONE_NEWPID, "pid" }, { CLONE_NEWNS, "mount" },
		{ CLONE_NEWIPC, "ipc" }, { CLONE_NEWUTS, "uts" },
	};
	bool *dst[] = { &l->pid_ns, &l->mount_ns, &l->ipc_ns, &l->uts_ns };
	bool off[] = { o->disable_pidns, o->disable_mountns, sb->disable_ipcns, sb->disable_utsns };
	if (!o->disable_netns && !l->net_ns)
		sandbox_lost_layer(sb, "the network namespace", "it could not be created");
	for (size_t i = 0; i < 4; i++) {
		if (off[i])
			continue;
		int e = probe_unshare(kinds[i].flag, false);
		if (e) {
			char what[64];
			sandbox_note(sb, "%s namespace: unshare: %s\n", kinds[i].name, strerror(e));
			snprintf(what, sizeof(what), "the %s namespace", kinds[i].name);
			sandbox_lost_layer(sb, what, strerror(e));
		} else {
			*dst[i] = true;
		}
	}
	if (l->net_ns) {
		int e = probe_unshare(CLONE_NEWNET, true);
		if (e)
			sandbox_note(sb, "loopback network: a private network namespace with lo up: %s\n",
			     strerror(e));
		else
			l->loopback_available = true;
	}
}

/* ---- the runner's argument strings ---------------------------------------- */

static bool in_arg_area(const struct sandbox *sb, const char *p)
{
	return p && p >= sb->arg_area && p < sb->arg_area + sb->arg_len;
}

static bool list_in_arg_area(const struct sandbox *sb, const char *const *l)
{
	for (; l && *l; l++)
		if (in_arg_area(sb, *l))
			return true;
	return false;
}

bool sandbox_child_uses_arg_area(const struct sandbox *sb, const struct sandbox_child *c)
{
	const char *one[] = { c->cwd, c->workdir, c->work_src, c->readonly_subdir, c->readonly_src,
			      c->path };
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (in_arg_area(sb, one[i]))
			return true;
	return list_in_arg_area(sb, (const char *const *)c->argv) ||
	       list_in_arg_area(sb, (const char *const *)c->envp) ||
	       list_in_arg_area(sb, c->landlock_ro) || list_in_arg_area(sb, c->landlock_rw);
}

/* Where our argument strings are (fields 48 and 49 of /proc/self/stat,
 * Linux 3.5+): a forked init blanks its copy of them (sandbox_child.c). */
void sandbox_find_arg_area(struct sandbox *sb)
{
	char buf[2048];
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* the command name may hold spaces */
	if (!p)
		return;
	unsigned long long start = 0, end = 0;
	int field = 2;
	for (char *save = NULL, *t = strtok_r(p + 1, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		field++;
		if (field == 48)
			start = strtoull(t, NULL, 10);
		else if (field == 49)
			end = strtoull(t, NULL, 10);
	}
	if (start && end > start && end - start < (1ULL << 20)) {
		sb->arg_area = (char *)(uintptr_t)start;
		sb->arg_len = (size_t)(end - start);
	}
}
