/*
 * sandbox_init_memfd.c - owns check-init's file: the static program
 * runner/sandbox/init/check-init.c, carried inside the library by
 * init_blob.S, copied once per sandbox into a sealed, execute-only memfd
 * that every pid-namespace init execs.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox_internal.h"

/* The check's init program (runner/sandbox/init_blob.S), empty where not built. */
extern const char rr_check_init_blob[], rr_check_init_blob_end[];

/* Put check-init in a memfd the inits can exec: sealed (nobody changes it
 * once written) and execute-only (an exec of a file its user cannot read
 * is never dumpable, so a check cannot open the init's memory). Returns
 * the fd, or -1 (the inits are then forks of the runner). */
int sandbox_init_memfd(struct sandbox *sb)
{
	size_t n = (size_t)(rr_check_init_blob_end - rr_check_init_blob);
	if (n == 0 || sb->disable_init_exec)
		return -1;
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
	int fd = memfd_create("roadmap-run-check-init", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
	if (fd < 0 && errno == EINVAL) /* kernels before 6.3 know no MFD_EXEC */
		fd = memfd_create("roadmap-run-check-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0) {
		sandbox_note(sb, "init: no memfd for the check's init (%s); it is forked instead\n", strerror(errno));
		return -1;
	}
	const char *p = rr_check_init_blob;
	size_t left = n;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		p += w;
		left -= (size_t)w;
	}
	if (fchmod(fd, 0111) < 0 ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0)
		goto fail;
	return fd;
fail:
	sandbox_note(sb, "init: cannot prepare the check's init (%s); it is forked instead\n", strerror(errno));
	close(fd);
	return -1;
}
