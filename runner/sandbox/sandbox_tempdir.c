/*
 * sandbox_tempdir.c - owns the sandbox's own temporary directories (the
 * mount namespace's root skeleton, the fallback TMPDIR, the trial check's
 * work directory): their names, the lock that marks one as live, and the
 * sweep of those a dead runner left. sandbox_fs.c uses it too.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sandbox_internal.h"
#include "util.h"

/* util_tempdir named "roadmap-run-<what>-<pid>-<pid namespace>.XXXXXX":
 * removed at exit and on SIGINT/SIGTERM, and, after a SIGKILL or a crash,
 * by the next sandbox_open of the same pid namespace (sandbox_tempdir_sweep). */
char *sandbox_tempdir(const char *what)
{
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "roadmap-run-%s-%d-%lu", what, (int)getpid(),
		 util_pidns_id());
	char *dir = util_tempdir(prefix);
	/* The pid in the name cannot prove the run is over: a runner in
	 * another pid namespace (a container, `unshare -p`) sharing this
	 * TMPDIR sees no such pid. A shared lock on the directory, held for
	 * the run's life (the fd is never closed; the kernel drops it when the
	 * run ends, however it ends), can: the sweep skips what is locked. */
	if (dir) {
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) < 0) {
			close(fd);
		}
	}
	return dir;
}

void sandbox_tempdir_sweep(void)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	DIR *d = opendir(base);
	struct dirent *e;
	static const char *const kinds[] = { "root", "tmp", "probe" };
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "roadmap-run-", 12))
			continue;
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			size_t kl = strlen(kinds[i]);
			long pid;
			unsigned long ns;
			char dot;
			/* Only a runner of our own pid namespace can be judged
			 * dead by its pid: one in a container sharing this
			 * directory would otherwise lose its live directories
			 * to us, and we ours to it. */
			if (strncmp(e->d_name + 12, kinds[i], kl) || e->d_name[12 + kl] != '-' ||
			    sscanf(e->d_name + 13 + kl, "%ld-%lu%c", &pid, &ns, &dot) != 3 || dot != '.' ||
			    !util_runner_gone(pid, ns))
				continue;
			/* a live run holds a lock on its directory (sandbox_tempdir),
			 * whatever pid namespace it is in */
			int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0)
				continue;
			bool live = flock(fd, LOCK_EX | LOCK_NB) < 0;
			if (!live) {
				char *path = util_path_join(base, e->d_name);
				util_rm_rf(path);
				free(path);
			}
			close(fd);
		}
	}
	if (d)
		closedir(d);
}
