/*
 * seccomp_policy.h - the seccomp policy a check runs under (libseccomp).
 * Built once in the parent and exported as a BPF program, so a child
 * installs it with one seccomp(2) call and no allocation. Refused syscalls
 * go to a user-notification listener when the kernel offers one, so the
 * parent can name each denial in a learner's words; every rule carries the
 * reason it exists (seccomp_policy.c).
 */
#ifndef SECCOMP_POLICY_H
#define SECCOMP_POLICY_H

#include <stdbool.h>
#include <stddef.h>

struct seccomp_policy;

/* Build and export the filter. With use_notify, refused syscalls return
 * SECCOMP_RET_USER_NOTIF (the parent answers with the rule's errno);
 * otherwise they return the errno directly. Returns 0, or -errno with a
 * reason in err. */
int seccomp_policy_build(struct seccomp_policy **out, bool use_notify,
			 char *err, size_t errlen);

/* Flags for seccomp_policy_build_flags. */
enum {
	SECCOMP_POLICY_NOTIFY = 1 << 0,     /* name denials (use_notify above) */
	SECCOMP_POLICY_ALLOW_INET = 1 << 1, /* allow AF_INET and AF_INET6 sockets:
					       only for "network": "loopback",
					       inside a private network namespace */
	SECCOMP_POLICY_NO_CONNECT = 1 << 2, /* refuse connect() and sendto() with
					       an address: for checks without a
					       mount namespace, where the host's
					       Unix sockets (D-Bus, ssh-agent,
					       docker.sock) are reachable by path */
	SECCOMP_POLICY_NO_HOST_IPC = 1 << 3, /* refuse every System V IPC call
					       and the POSIX message queues: for
					       checks without an IPC namespace,
					       whose objects would be the host's
					       (readable by id) and outlive the check */
	SECCOMP_POLICY_NO_MEMFD = 1 << 4,   /* refuse memfd_create: for checks
					       without a memory cgroup, where a
					       memfd's pages count against no limit */
};

/* seccomp_policy_build with flags; seccomp_policy_build(out, n, ...) is
 * seccomp_policy_build_flags(out, n ? SECCOMP_POLICY_NOTIFY : 0, ...). */
int seccomp_policy_build_flags(struct seccomp_policy **out, unsigned flags,
			       char *err, size_t errlen);

/* The listener fd is created in the child, and the parent needs it: the
 * child sends it over an AF_UNIX socket (SCM_RIGHTS) right after
 * seccomp_policy_install, then closes its copy. Both use only system calls.
 * send returns 0 or -errno; recv returns the fd or -errno (-EPIPE when the
 * peer closed without sending one, e.g. the child failed earlier). */
int seccomp_policy_send_listener(int sock, int listener_fd);
int seccomp_policy_recv_listener(int sock);

/* True when the policy was built with notification. */
bool seccomp_policy_uses_notify(const struct seccomp_policy *p);

/* In the child, after PR_SET_NO_NEW_PRIVS, as the last step before
 * execve: install the exported program. Uses only system calls (safe after
 * fork in a multi-threaded or ASan process). Returns the listener fd (>= 0)
 * when notify is used, 0 otherwise, or -errno. */
int seccomp_policy_install(const struct seccomp_policy *p);

/* In the parent: receive one notification from listener fd, answer it with
 * the rule's errno, and describe it in msg, e.g.
 * "socket(AF_INET): checks have no network access". Never blocks. Poll the
 * fd for POLLIN; POLLHUP means every process of the check has exited and
 * no more notifications will come. Not thread-safe (one buffer per policy).
 * Returns 1 when one was handled, 0 when none was pending, -errno on error
 * (-ENOENT when the target died meanwhile is not an error: returns 0). */
int seccomp_policy_handle_notification(const struct seccomp_policy *p, int fd,
				       char *msg, size_t msglen);

/* Learner's words for a process killed by SIGSYS from the filter (foreign
 * architecture, x32): static string. */
const char *seccomp_policy_kill_reason(void);

/* Print the policy (one line per rule with its reason) for --check-sandbox. */
void seccomp_policy_describe(const struct seccomp_policy *p, void *fp);

void seccomp_policy_free(struct seccomp_policy *p);

#endif
