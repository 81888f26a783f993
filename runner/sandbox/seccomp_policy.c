/*
 * seccomp_policy.c - the system calls a check may make.
 *
 * Shape of the policy: an allowlist generated from libseccomp's own table.
 *   - Every x86_64 system call libseccomp knows is allowed, except the ones
 *     in refused_rules[] below (each with the reason it is refused).
 *   - The default action, for numbers libseccomp does not know (system calls
 *     newer than the library), is ENOSYS: to the program they look like a
 *     kernel that lacks them, so libc and runtimes fall back, and a new
 *     kernel feature is never reachable just because the policy is older.
 *   - A foreign architecture (i386 through `int $0x80`) and x32 system calls
 *     (nr | 0x40000000) kill the whole process: libseccomp's bad-arch action.
 *   - In BPF this is written the short way round: a six-instruction guard
 *     (add_guard) sends numbers past libseccomp's table to ENOSYS, and
 *     libseccomp's program lists only the refused calls (and the table's
 *     holes) over a default of "allow", as a binary tree
 *     (SCMP_FLTATR_CTL_OPTIMIZE = 2). Same policy, about 360 instructions
 *     instead of 660, and installing it costs ~95 us instead of ~150 us
 *     (the kernel checks and JIT-compiles the program on every install).
 * docs/sandbox.md explains why this beats a hand-written denylist (which
 * goes stale as kernels add calls such as clone3 and io_uring) and a
 * hand-written allowlist (which breaks python3, node, git or gcc whenever
 * they start using a call nobody listed).
 *
 * The filter is built and exported once, in the parent, as a BPF program.
 * The child installs it with one seccomp(2) call (no allocation, so it is
 * safe after fork in a threaded or ASan parent).
 *
 * With use_notify, refused calls return SECCOMP_RET_USER_NOTIF: the kernel
 * parks the caller and hands the call to the parent through the listener
 * fd; seccomp_policy_handle_notification() answers with the rule's errno
 * and words the denial for the learner. Calls that well-behaved libraries
 * make routinely as probes (clone3) return their errno directly instead,
 * so they neither cost a round trip nor show up as a denial.
 *
 * The filter never reads memory: paths and clone3's flags are invisible to
 * it. Paths are enforced by the mount namespace and Landlock, never here.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "seccomp_policy.h"

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef TIOCLINUX
#define TIOCLINUX 0x541C
#endif

/* How a rule matches its system call. */
enum rule_kind {
	MATCH_ALL,        /* every call is refused */
	MATCH_SOCKET,     /* refused unless arg0 (the family) is AF_UNIX */
	MATCH_CLONE,      /* refused when arg0 has a CLONE_NEW* flag */
	MATCH_IOCTL,      /* refused for TIOCSTI and TIOCLINUX (32-bit compare) */
	MATCH_MKNOD,      /* refused for device nodes; mode is arg1 */
	MATCH_MKNODAT,    /* the same with mode in arg2 */
	MATCH_SECCOMP,    /* refused when asking for a notification listener */
	MATCH_PERSONALITY,/* only the harmless personalities are allowed */
	MATCH_SENDTO,     /* refused when it names a destination (arg4) */
};

struct refused_rule {
	const char *name;     /* libseccomp's name of the call */
	int err;              /* errno the check sees */
	enum rule_kind kind;
	bool quiet;           /* errno directly, never a notification */
	const char *why;      /* the learner's words (after "name: ") */
	unsigned only_with;   /* a SECCOMP_POLICY_* flag the rule needs, or 0 */
};

static const char why_network[] = "checks have no network access";
static const char why_trace[] = "checks may not trace or inspect other processes";
static const char why_fsview[] = "checks may not change the filesystem view";
static const char why_ns[] = "checks may not create or join namespaces";
static const char why_kernel[] = "checks may not load or replace kernel code";
static const char why_keys[] = "checks may not use the kernel keyring";
static const char why_system[] = "checks may not change system settings";
static const char why_clock[] = "checks may not change the system clock";
static const char why_host_ipc[] = "checks may not use System V or POSIX message IPC: "
				   "this machine gives the sandbox no private IPC namespace "
				   "whose memory it can bound";

/*
 * The refused calls. Each entry says why it exists; the grouping follows
 * what the call would give an attacker. Sources: isolate's rules.c, the
 * codex linux-sandbox policy, bubblewrap's tests, Docker's default profile.
 */
static const struct refused_rule refused_rules[] = {
	/* Network. Without a network namespace a socket reaches the host
	 * network; even with one, AF_VSOCK, AF_NETLINK (audit, uevents) and
	 * AF_PACKET reach state that namespaces do not fully separate.
	 * AF_UNIX stays: pipes and socketpairs inside the check are ordinary
	 * (python multiprocessing, git), and the filesystem view decides which
	 * named sockets are reachable. */
	{ "socket", EPERM, MATCH_SOCKET, false, why_network, 0 },
	{ "socketpair", EPERM, MATCH_SOCKET, false, why_network, 0 },

	/* Without a mount namespace (the fallback), the host's Unix sockets
	 * are reachable by path: the user's D-Bus session bus (systemd-run
	 * --user runs anything, unsandboxed), ssh-agent, docker.sock, X11.
	 * Landlock does not mediate connect() on Unix sockets (before ABI 8)
	 * and the filter cannot read the address, so with
	 * SECCOMP_POLICY_NO_CONNECT connect() is refused outright, and so is
	 * sendto() with a destination. socketpair() and pipes still work;
	 * sendmsg() with a destination cannot be seen (docs/sandbox.md). */
	{ "connect", EPERM, MATCH_ALL, false,
	  "checks may not connect to sockets: this machine gives the sandbox no private filesystem view",
	  SECCOMP_POLICY_NO_CONNECT },
	{ "sendto", EPERM, MATCH_SENDTO, false,
	  "checks may not send to socket addresses: this machine gives the sandbox no private filesystem view",
	  SECCOMP_POLICY_NO_CONNECT },

	/* Without an IPC namespace (the fallback) System V IPC objects and
	 * POSIX message queues are the host's. Creating one leaves memory
	 * behind that outlives every limit of the check; and the *get calls
	 * are not the only door: an object's id is listed in /proc/sysvipc,
	 * and shmat/shmctl/msgrcv/semctl take that id directly, so a check
	 * could read (or wipe) a segment or queue of the grader's. With
	 * SECCOMP_POLICY_NO_HOST_IPC every call of the families is refused;
	 * POSIX semaphores and shared memory (files in /dev/shm) are not
	 * affected. */
	{ "shmget", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "shmat", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "shmdt", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "shmctl", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "msgget", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "msgsnd", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "msgrcv", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "msgctl", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "semget", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "semop", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "semtimedop", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "semctl", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "mq_open", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "mq_unlink", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "mq_timedsend", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "mq_timedreceive", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "mq_notify", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },
	{ "mq_getsetattr", EPERM, MATCH_ALL, false, why_host_ipc, SECCOMP_POLICY_NO_HOST_IPC },

	/* Without a memory cgroup the check's memory is bounded per process
	 * by RLIMIT_AS, which counts mappings, not files: a memfd that is
	 * written and never mapped holds memory no limit sees (RLIMIT_FSIZE
	 * bounds one file, not the 256 a check may keep open, nor those
	 * parked in flight on a socket). With SECCOMP_POLICY_NO_MEMFD they
	 * are refused; /tmp and shared anonymous mappings remain. */
	{ "memfd_create", EPERM, MATCH_ALL, false,
	  "checks may not create memfds: this machine gives the sandbox no memory cgroup to count them",
	  SECCOMP_POLICY_NO_MEMFD },

	/* Tracing and cross-process memory. A tracer can rewrite a system call
	 * after the filter has judged it, and read the runner's memory;
	 * process_vm_* and pidfd_getfd reach into other processes directly. */
	{ "ptrace", EPERM, MATCH_ALL, false, why_trace, 0 },
	{ "process_vm_readv", EPERM, MATCH_ALL, false, why_trace, 0 },
	{ "process_vm_writev", EPERM, MATCH_ALL, false, why_trace, 0 },
	{ "process_madvise", EPERM, MATCH_ALL, false, why_trace, 0 },
	{ "process_mrelease", EPERM, MATCH_ALL, false, why_trace, 0 },
	{ "pidfd_getfd", EPERM, MATCH_ALL, false, why_trace, 0 },
	/* kcmp compares kernel objects of two processes: an address oracle. */
	{ "kcmp", EPERM, MATCH_ALL, false, why_trace, 0 },
	/* Moving another process's pages between NUMA nodes. */
	{ "migrate_pages", EPERM, MATCH_ALL, false, why_trace, 0 },
	{ "move_pages", EPERM, MATCH_ALL, false, why_trace, 0 },

	/* Namespaces. The sandbox builds the check's namespaces before the
	 * filter goes on; new ones afterwards (a user namespace above all)
	 * would hand the check capabilities over fresh kernel code, and setns
	 * could join a namespace reachable through an inherited fd. */
	{ "unshare", EPERM, MATCH_ALL, false, why_ns, 0 },
	{ "setns", EPERM, MATCH_ALL, false, why_ns, 0 },
	{ "clone", EPERM, MATCH_CLONE, false, why_ns, 0 },
	/* clone3 keeps its flags in memory, where BPF cannot look. ENOSYS
	 * makes glibc fall back to clone(2), whose flags are checked above;
	 * glibc tries clone3 on every thread and posix_spawn, so it is quiet. */
	{ "clone3", ENOSYS, MATCH_ALL, true, "checks must use clone", 0 },

	/* The filesystem view. Mounting, even inside a user namespace, could
	 * uncover what the sandbox's mounts hide, or reach filesystem code
	 * (fsconfig parsers) with a long history of bugs. */
	{ "mount", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "umount2", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "pivot_root", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "chroot", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "move_mount", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "open_tree", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "fsopen", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "fsmount", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "fsconfig", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "fspick", EPERM, MATCH_ALL, false, why_fsview, 0 },
	{ "mount_setattr", EPERM, MATCH_ALL, false, why_fsview, 0 },
	/* Opening a file by handle skips path lookup, and with it every
	 * mount the sandbox made (the "shocker" container escape). */
	{ "name_to_handle_at", EPERM, MATCH_ALL, false, "checks may not open files by handle", 0 },
	{ "open_by_handle_at", EPERM, MATCH_ALL, false, "checks may not open files by handle", 0 },
	/* fanotify watches whole mounts and filesystems of the host. */
	{ "fanotify_init", EPERM, MATCH_ALL, false, "checks may not watch the filesystem", 0 },

	/* Kernel code and kernel attack surface. */
	/* BPF programs run in the kernel: verifier bugs and JIT spraying. */
	{ "bpf", EPERM, MATCH_ALL, false, "checks may not load BPF programs", 0 },
	/* Performance counters are a side channel with a long CVE history. */
	{ "perf_event_open", EPERM, MATCH_ALL, false, "checks may not use performance counters", 0 },
	/* io_uring operations run without passing through this filter at all,
	 * and the interface has had many privilege escalations. ENOSYS reads
	 * as "this kernel has no io_uring", which libuv and others handle. */
	{ "io_uring_setup", ENOSYS, MATCH_ALL, false, "checks may not use io_uring", 0 },
	{ "io_uring_enter", ENOSYS, MATCH_ALL, false, "checks may not use io_uring", 0 },
	{ "io_uring_register", ENOSYS, MATCH_ALL, false, "checks may not use io_uring", 0 },
	/* userfaultfd lets a process stall the kernel mid-copy: the usual way
	 * to win a kernel race reliably. */
	{ "userfaultfd", EPERM, MATCH_ALL, false, "checks may not use userfaultfd", 0 },
	{ "kexec_load", EPERM, MATCH_ALL, false, why_kernel, 0 },
	{ "kexec_file_load", EPERM, MATCH_ALL, false, why_kernel, 0 },
	{ "init_module", EPERM, MATCH_ALL, false, why_kernel, 0 },
	{ "finit_module", EPERM, MATCH_ALL, false, why_kernel, 0 },
	{ "delete_module", EPERM, MATCH_ALL, false, why_kernel, 0 },
	{ "create_module", EPERM, MATCH_ALL, false, why_kernel, 0 },
	{ "query_module", EPERM, MATCH_ALL, false, why_kernel, 0 },
	{ "get_kernel_syms", EPERM, MATCH_ALL, false, why_kernel, 0 },
	/* uselib loads an a.out library: obsolete, kernel attack surface. */
	{ "uselib", EPERM, MATCH_ALL, false, why_kernel, 0 },
	/* Keyrings are not namespaced: keys outlive the check and are shared
	 * system-wide, persistent kernel memory (isolate refuses keyctl too). */
	{ "keyctl", EPERM, MATCH_ALL, false, why_keys, 0 },
	{ "add_key", EPERM, MATCH_ALL, false, why_keys, 0 },
	{ "request_key", EPERM, MATCH_ALL, false, why_keys, 0 },
	/* Raw I/O ports and the LDT: hardware access and a history of
	 * exploitable bugs; nothing a check runs needs them. */
	{ "iopl", EPERM, MATCH_ALL, false, "checks may not access hardware I/O ports", 0 },
	{ "ioperm", EPERM, MATCH_ALL, false, "checks may not access hardware I/O ports", 0 },
	{ "modify_ldt", EPERM, MATCH_ALL, false, "checks may not change the local descriptor table", 0 },

	/* Terminals. TIOCSTI pushes characters into a terminal's input queue,
	 * so a check holding the grader's terminal could type commands into
	 * the learner's shell (CVE-2017-5226); TIOCLINUX can do the same on a
	 * Linux console (CVE-2023-1523). The kernel compares the request as
	 * 32 bits, so the filter does too (CVE-2019-10063). */
	{ "ioctl", EPERM, MATCH_IOCTL, false, "checks may not inject terminal input", 0 },
	/* vhangup hangs up the terminal of whoever shares it. */
	{ "vhangup", EPERM, MATCH_ALL, false, "checks may not hang up the terminal", 0 },

	/* Device nodes give raw access to hardware and kernel memory. FIFOs,
	 * sockets and regular files stay allowed (mkfifo is ordinary). */
	{ "mknod", EPERM, MATCH_MKNOD, false, "checks may not create device files", 0 },
	{ "mknodat", EPERM, MATCH_MKNODAT, false, "checks may not create device files", 0 },

	/* A second filter with a listener could answer "continue" for calls
	 * this filter sends to a listener (the newest filter wins a tie).
	 * The kernel already refuses a second listener with EBUSY; this rule
	 * says so even when notification is off. */
	{ "seccomp", EPERM, MATCH_SECCOMP, false, "checks may not intercept system calls", 0 },
	/* Personalities that change the address-space layout exploits rely
	 * on (READ_IMPLIES_EXEC, MMAP_PAGE_ZERO, ADDR_COMPAT_LAYOUT, the
	 * 32-bit/3 GB address limits) get ENOSYS, quietly; the ordinary ones
	 * (PER_LINUX, PER_LINUX32, ADDR_NO_RANDOMIZE, a query) work. */
	{ "personality", ENOSYS, MATCH_PERSONALITY, true, "checks may not change the execution domain", 0 },

	/* System administration. All of these need capabilities a check never
	 * has; refusing them keeps that true if a capability leaks, and names
	 * the attempt in the report. */
	{ "reboot", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "swapon", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "swapoff", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "acct", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "quotactl", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "quotactl_fd", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "sethostname", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "setdomainname", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "nfsservctl", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "lookup_dcookie", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "_sysctl", EPERM, MATCH_ALL, false, why_system, 0 },
	{ "settimeofday", EPERM, MATCH_ALL, false, why_clock, 0 },
	{ "clock_settime", EPERM, MATCH_ALL, false, why_clock, 0 },
	{ "clock_adjtime", EPERM, MATCH_ALL, false, why_clock, 0 },
	{ "adjtimex", EPERM, MATCH_ALL, false, why_clock, 0 },
	/* The kernel log holds kernel addresses and other users' events. */
	{ "syslog", EPERM, MATCH_ALL, false, "checks may not read the kernel log", 0 },
};

#define N_RULES (sizeof(refused_rules) / sizeof(refused_rules[0]))

/* Namespace flags clone(2) may not carry. CLONE_NEWTIME is left out: in
 * clone(2) that bit is part of CSIGNAL, and only clone3/unshare take it. */
#define CLONE_NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
			CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

struct seccomp_policy {
	bool notify;
	bool allow_inet;
	unsigned flags;
	struct sock_filter *insns;
	unsigned short len;
	unsigned allowed;        /* system calls allowed outright */
	/* Parent-side buffers for notifications, sized by the kernel. */
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	size_t req_size, resp_size;
	int nr_of[N_RULES];      /* each rule's system call number */
};

/* ------------------------------------------------------------------ */
/* Building */

static int add_rule(scmp_filter_ctx ctx, uint32_t action, int nr,
		    unsigned n, const struct scmp_arg_cmp *cmp)
{
	return seccomp_rule_add_array(ctx, action, nr, n, cmp);
}

/*
 * Refuse a call for every value of the low 32 bits of argument argi under
 * a bit prefix, except the values in ex[]. libseccomp has no masked
 * not-equal, so the set is written as a cover of disjoint bit prefixes:
 * at most 32 rules per excluded value.
 */
static int refuse_except_u32(scmp_filter_ctx ctx, uint32_t action, int nr,
			     unsigned argi, const uint32_t *ex, size_t nex,
			     uint32_t prefix, unsigned len)
{
	uint32_t mask = len ? 0xffffffffu << (32 - len) : 0;
	bool hit = false;

	for (size_t i = 0; i < nex; i++)
		if ((ex[i] & mask) == prefix)
			hit = true;
	if (!hit) {
		struct scmp_arg_cmp c = { argi, SCMP_CMP_MASKED_EQ, mask, prefix };
		return add_rule(ctx, action, nr, 1, &c);
	}
	if (len == 32)
		return 0; /* this is an excluded value */
	int r = refuse_except_u32(ctx, action, nr, argi, ex, nex, prefix, len + 1);
	if (r == 0)
		r = refuse_except_u32(ctx, action, nr, argi, ex, nex,
				      prefix | (1u << (31 - len)), len + 1);
	return r;
}

/* personality(2) bits that change the address space exploits rely on. */
#define PERSONALITY_BAD (0x0400000 /* READ_IMPLIES_EXEC */ | 0x0100000 /* MMAP_PAGE_ZERO */ | \
			 0x0200000 /* ADDR_COMPAT_LAYOUT */ | 0x0800000 /* ADDR_LIMIT_32BIT */ | \
			 0x8000000 /* ADDR_LIMIT_3GB */)

/* Add the refusing rules of one entry. The filter's default is "allow"
 * (unknown numbers never reach it: see the guard in export_program), so
 * only the refused argument values need rules. */
static int add_refused(scmp_filter_ctx ctx, const struct refused_rule *rule,
		       int nr, uint32_t refuse, bool allow_inet)
{
	struct scmp_arg_cmp c;
	int r = 0;

	switch (rule->kind) {
	case MATCH_ALL:
		return add_rule(ctx, refuse, nr, 0, NULL);
	case MATCH_SOCKET: {
		/* socket(int family, ...): 64-bit compares, one per refused
		 * family up to the largest allowed one, then "greater": a
		 * family with high bits set is refused although the kernel
		 * reads only the low half; refusing too much is safe,
		 * allowing is not. AF_INET and AF_INET6 only with allow_inet
		 * (a private network namespace with nothing but loopback). */
		unsigned max = allow_inet ? AF_INET6 : AF_UNIX;
		for (unsigned fam = 0; fam <= max && r == 0; fam++) {
			bool ok = fam == AF_UNIX ||
				  (allow_inet && (fam == AF_INET || fam == AF_INET6));
			c = (struct scmp_arg_cmp){ 0, SCMP_CMP_EQ, fam, 0 };
			if (!ok)
				r = add_rule(ctx, refuse, nr, 1, &c);
		}
		c = (struct scmp_arg_cmp){ 0, SCMP_CMP_GT, max, 0 };
		return r ? r : add_rule(ctx, refuse, nr, 1, &c);
	}
	case MATCH_CLONE:
		for (int bit = 0; bit < 64 && r == 0; bit++) {
			uint64_t f = 1ULL << bit;
			if (!(CLONE_NS_FLAGS & f))
				continue;
			c = (struct scmp_arg_cmp){ 0, SCMP_CMP_MASKED_EQ, f, f };
			r = add_rule(ctx, refuse, nr, 1, &c);
		}
		return r;
	case MATCH_IOCTL: {
		static const uint32_t ex[] = { TIOCSTI, TIOCLINUX };
		for (size_t i = 0; i < 2 && r == 0; i++) {
			c = (struct scmp_arg_cmp){ 1, SCMP_CMP_MASKED_EQ, 0xffffffffu, ex[i] };
			r = add_rule(ctx, refuse, nr, 1, &c);
		}
		return r;
	}
	case MATCH_MKNOD:
	case MATCH_MKNODAT: {
		/* mode is a umode_t: the S_IFMT bits decide. */
		unsigned argi = rule->kind == MATCH_MKNOD ? 1 : 2;
		static const uint64_t types[] = { S_IFCHR, S_IFBLK };
		for (size_t i = 0; i < 2 && r == 0; i++) {
			c = (struct scmp_arg_cmp){ argi, SCMP_CMP_MASKED_EQ, S_IFMT, types[i] };
			r = add_rule(ctx, refuse, nr, 1, &c);
		}
		return r;
	}
	case MATCH_SECCOMP:
		c = (struct scmp_arg_cmp){ 1, SCMP_CMP_MASKED_EQ,
			SECCOMP_FILTER_FLAG_NEW_LISTENER, SECCOMP_FILTER_FLAG_NEW_LISTENER };
		return add_rule(ctx, refuse, nr, 1, &c);
	case MATCH_SENDTO:
		/* sendto(fd, buf, len, flags, addr, addrlen): a NULL addr is
		 * send() on a connected socket, which stays allowed. */
		c = (struct scmp_arg_cmp){ 4, SCMP_CMP_NE, 0, 0 };
		return add_rule(ctx, refuse, nr, 1, &c);
	case MATCH_PERSONALITY: {
		/* The kernel reads an unsigned int, and 0xffffffff is a query
		 * that changes nothing. Every real personality has bit 31
		 * clear: refuse the bad bits there, and every other value
		 * with bit 31 set (one of which would set them too). */
		static const uint32_t query[] = { 0xffffffffu };
		for (int bit = 0; bit < 31 && r == 0; bit++) {
			uint32_t f = 1u << bit;
			if (!(PERSONALITY_BAD & f))
				continue;
			c = (struct scmp_arg_cmp){ 0, SCMP_CMP_MASKED_EQ, 0x80000000u | f, f };
			r = add_rule(ctx, refuse, nr, 1, &c);
		}
		return r ? r : refuse_except_u32(ctx, refuse, nr, 0, query, 1, 0x80000000u, 1);
	}
	}
	return -EINVAL;
}

static const struct refused_rule *rule_by_name(const char *name)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (strcmp(refused_rules[i].name, name) == 0)
			return &refused_rules[i];
	return NULL;
}

/*
 * The guard: six instructions in front of libseccomp's program that send
 * every native system call numbered at or above first_unknown (newer than
 * this libseccomp) to ENOSYS. Foreign architectures and x32 numbers
 * (>= 0x40000000) skip the guard, and libseccomp's own checks kill them.
 * libseccomp's program then only holds the refused calls over a default
 * of "allow": the same policy as an allowlist of every known call, in a
 * quarter of the instructions (installing a filter costs time in
 * proportion to its length: the kernel checks and JIT-compiles it).
 */
static int add_guard(struct seccomp_policy *p, int first_unknown,
		     char *err, size_t errlen)
{
	const struct sock_filter guard[] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 4),
		/* 2 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* 3 */ BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 2, 0),
		/* 4 */ BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (uint32_t)first_unknown, 0, 1),
		/* 5 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
		/* 6: libseccomp's program */
	};
	size_t n = sizeof(guard) / sizeof(guard[0]);
	struct sock_filter *all;

	if (p->len + n > BPF_MAXINSNS) {
		snprintf(err, errlen, "seccomp: the filter is too long (%zu instructions)", p->len + n);
		return -E2BIG;
	}
	all = malloc((p->len + n) * sizeof(*all));
	if (!all) {
		snprintf(err, errlen, "seccomp: out of memory");
		return -ENOMEM;
	}
	memcpy(all, guard, sizeof(guard));
	memcpy(all + n, p->insns, p->len * sizeof(*all));
	free(p->insns);
	p->insns = all;
	p->len = (unsigned short)(p->len + n);
	return 0;
}

/* Read the exported program back from a memfd (libseccomp 2.5 can only
 * export to a file descriptor). */
static int export_program(scmp_filter_ctx ctx, struct seccomp_policy *p,
			  int first_unknown, char *err, size_t errlen)
{
	int fd = memfd_create("roadmap-run-seccomp", MFD_CLOEXEC);
	int r;
	struct stat st;

	if (fd < 0) {
		r = -errno;
		snprintf(err, errlen, "seccomp: cannot create a memfd for the filter: %s", strerror(errno));
		return r;
	}
	r = seccomp_export_bpf(ctx, fd);
	if (r < 0) {
		snprintf(err, errlen, "seccomp: cannot export the filter: %s", strerror(-r));
		goto out;
	}
	if (fstat(fd, &st) < 0 || st.st_size <= 0 ||
	    st.st_size % sizeof(struct sock_filter) != 0 ||
	    st.st_size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		r = -EINVAL;
		snprintf(err, errlen, "seccomp: exported filter has an unexpected size (%lld bytes)",
			 (long long)st.st_size);
		goto out;
	}
	p->insns = malloc(st.st_size);
	if (!p->insns) {
		r = -ENOMEM;
		snprintf(err, errlen, "seccomp: out of memory");
		goto out;
	}
	if (pread(fd, p->insns, st.st_size, 0) != st.st_size) {
		r = -EIO;
		snprintf(err, errlen, "seccomp: cannot read the exported filter back");
		goto out;
	}
	p->len = (unsigned short)(st.st_size / sizeof(struct sock_filter));
	r = add_guard(p, first_unknown, err, errlen);
out:
	close(fd);
	return r;
}

int seccomp_policy_build(struct seccomp_policy **out, bool use_notify,
			 char *err, size_t errlen)
{
	return seccomp_policy_build_flags(out, use_notify ? SECCOMP_POLICY_NOTIFY : 0,
					  err, errlen);
}

int seccomp_policy_build_flags(struct seccomp_policy **out, unsigned flags,
			       char *err, size_t errlen)
{
	bool use_notify = flags & SECCOMP_POLICY_NOTIFY;
	bool allow_inet = flags & SECCOMP_POLICY_ALLOW_INET;
	struct seccomp_policy *p = NULL;
	scmp_filter_ctx ctx = NULL;
	uint32_t refuse;
	int r;

	*out = NULL;
	if (errlen)
		err[0] = '\0';
	p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "seccomp: out of memory");
		return -ENOMEM;
	}
	p->notify = use_notify;
	p->allow_inet = allow_inet;
	p->flags = flags;

	if (use_notify) {
		struct seccomp_notif_sizes sizes;
		if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0) {
			r = -errno;
			snprintf(err, errlen, "seccomp: this kernel has no user notification "
				 "(SECCOMP_GET_NOTIF_SIZES: %s); build the policy without it",
				 strerror(errno));
			goto fail;
		}
		p->req_size = sizes.seccomp_notif > sizeof(*p->req) ? sizes.seccomp_notif : sizeof(*p->req);
		p->resp_size = sizes.seccomp_notif_resp > sizeof(*p->resp) ? sizes.seccomp_notif_resp : sizeof(*p->resp);
		p->req = calloc(1, p->req_size);
		p->resp = calloc(1, p->resp_size);
		if (!p->req || !p->resp) {
			r = -ENOMEM;
			snprintf(err, errlen, "seccomp: out of memory");
			goto fail;
		}
	}

	/* Known calls are allowed unless refused below; unknown (newer)
	 * ones get ENOSYS, as on an older kernel: numbers past the table
	 * from the guard (add_guard), holes in the table from rules here. */
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) {
		r = -ENOMEM;
		snprintf(err, errlen, "seccomp: seccomp_init failed");
		goto fail;
	}
	/* Only the native architecture is in the filter; i386 (int $0x80)
	 * and x32 calls take the bad-arch action: kill the whole process
	 * (SCMP_ACT_KILL would end only the calling thread). */
	if ((r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS)) < 0 ||
	    (r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2)) < 0) {
		snprintf(err, errlen, "seccomp: cannot set filter attributes: %s", strerror(-r));
		goto fail;
	}

	for (size_t i = 0; i < N_RULES; i++) {
		const struct refused_rule *rule = &refused_rules[i];
		int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_NATIVE, rule->name);

		p->nr_of[i] = -1;
		if (rule->only_with && !(flags & rule->only_with))
			continue; /* allowed below like any other call */
		p->nr_of[i] = nr;
		if (nr < 0)
			continue; /* not on this architecture: the default refuses it */
		refuse = (use_notify && !rule->quiet) ? SCMP_ACT_NOTIFY : SCMP_ACT_ERRNO(rule->err);
		r = add_refused(ctx, rule, nr, refuse, allow_inet);
		if (r < 0) {
			snprintf(err, errlen, "seccomp: cannot add the rule for '%s': %s",
				 rule->name, strerror(-r));
			goto fail;
		}
	}

	/* Everything else libseccomp knows for this architecture is
	 * allowed; numbers it does not know get ENOSYS. */
	int first_unknown = 0;
	for (int nr = 0; nr < 1024; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (name) {
			first_unknown = nr + 1;
			free(name);
		}
	}
	for (int nr = 0; nr < first_unknown; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (!name) {
			r = add_rule(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0, NULL);
			if (r < 0) {
				snprintf(err, errlen, "seccomp: cannot refuse unknown system call %d: %s",
					 nr, strerror(-r));
				goto fail;
			}
			continue;
		}
		const struct refused_rule *rule = rule_by_name(name);
		bool refused = rule && (!rule->only_with || (flags & rule->only_with));
		free(name);
		if (!refused)
			p->allowed++;
	}

	r = export_program(ctx, p, first_unknown, err, errlen);
	if (r < 0)
		goto fail;
	seccomp_release(ctx);
	*out = p;
	return 0;

fail:
	if (ctx)
		seccomp_release(ctx);
	seccomp_policy_free(p);
	return r < 0 ? r : -EINVAL;
}

bool seccomp_policy_uses_notify(const struct seccomp_policy *p)
{
	return p && p->notify;
}

/* ------------------------------------------------------------------ */
/* Installing (in the child: system calls only) */

int seccomp_policy_install(const struct seccomp_policy *p)
{
	struct sock_fprog prog = { .len = p->len, .filter = p->insns };
	unsigned long flags = p->notify ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
	long fd;

	/* The caller should have set it; setting it again is harmless and
	 * the filter cannot be installed unprivileged without it. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
	if (fd < 0)
		return -errno;
	return p->notify ? (int)fd : 0;
}

/* ------------------------------------------------------------------ */
/* Naming denials (in the parent) */

static const char *family_name(unsigned f)
{
	switch (f) {
	case AF_INET: return "AF_INET";
	case AF_INET6: return "AF_INET6";
	case AF_NETLINK: return "AF_NETLINK";
	case AF_PACKET: return "AF_PACKET";
	case AF_VSOCK: return "AF_VSOCK";
	case AF_BLUETOOTH: return "AF_BLUETOOTH";
	case AF_ALG: return "AF_ALG";
	case AF_CAN: return "AF_CAN";
	case AF_KEY: return "AF_KEY";
	case AF_TIPC: return "AF_TIPC";
	case AF_RDS: return "AF_RDS";
	case AF_X25: return "AF_X25";
	case AF_AX25: return "AF_AX25";
	case AF_APPLETALK: return "AF_APPLETALK";
	case AF_IPX: return "AF_IPX";
#ifdef AF_XDP
	case AF_XDP: return "AF_XDP";
#endif
	default: return NULL;
	}
}

static void clone_flag_names(uint64_t flags, char *buf, size_t len)
{
	static const struct { uint64_t f; const char *n; } names[] = {
		{ CLONE_NEWUSER, "CLONE_NEWUSER" }, { CLONE_NEWNS, "CLONE_NEWNS" },
		{ CLONE_NEWPID, "CLONE_NEWPID" }, { CLONE_NEWNET, "CLONE_NEWNET" },
		{ CLONE_NEWIPC, "CLONE_NEWIPC" }, { CLONE_NEWUTS, "CLONE_NEWUTS" },
		{ CLONE_NEWCGROUP, "CLONE_NEWCGROUP" },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & names[i].f))
			continue;
		int n = snprintf(buf + used, len - used, "%s%s", used ? "|" : "", names[i].n);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += n;
	}
}

static const struct refused_rule *rule_for_nr(const struct seccomp_policy *p, int nr)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (p->nr_of[i] == nr)
			return &refused_rules[i];
	return NULL;
}

/* Word one refused call, e.g. "socket(AF_INET): checks have no network
 * access". Exposed for tests through seccomp_policy_describe_call. */
static void describe_call(const struct refused_rule *rule, const uint64_t *args,
			  char *msg, size_t msglen)
{
	char detail[128] = "";

	switch (rule->kind) {
	case MATCH_SOCKET: {
		unsigned fam = (unsigned)(args[0] & 0xffffffffu);
		const char *n = family_name(fam);
		if (args[0] > 0xffffffffu)
			snprintf(detail, sizeof(detail), "(family %#llx)",
				 (unsigned long long)args[0]);
		else if (n)
			snprintf(detail, sizeof(detail), "(%s)", n);
		else
			snprintf(detail, sizeof(detail), "(family %u)", fam);
		break;
	}
	case MATCH_CLONE: {
		char names[112];
		clone_flag_names(args[0], names, sizeof(names));
		snprintf(detail, sizeof(detail), "(%s)", names);
		break;
	}
	case MATCH_IOCTL: {
		uint32_t req = (uint32_t)args[1];
		if (req == TIOCSTI)
			snprintf(detail, sizeof(detail), "(TIOCSTI)");
		else if (req == TIOCLINUX)
			snprintf(detail, sizeof(detail), "(TIOCLINUX)");
		break;
	}
	case MATCH_MKNOD:
	case MATCH_MKNODAT: {
		uint64_t mode = args[rule->kind == MATCH_MKNOD ? 1 : 2] & S_IFMT;
		snprintf(detail, sizeof(detail), "(%s)", mode == S_IFBLK ? "S_IFBLK" : "S_IFCHR");
		break;
	}
	default:
		break;
	}
	snprintf(msg, msglen, "%s%s: %s", rule->name, detail, rule->why);
}

#ifdef UNIT_TESTING
int seccomp_policy_describe_call(const struct seccomp_policy *p, int nr,
				 const uint64_t *args, char *msg, size_t msglen);
int seccomp_policy_describe_call(const struct seccomp_policy *p, int nr,
				 const uint64_t *args, char *msg, size_t msglen)
{
	const struct refused_rule *rule = rule_for_nr(p, nr);
	if (!rule)
		return -ENOENT;
	describe_call(rule, args, msg, msglen);
	return rule->err;
}
#endif

int seccomp_policy_handle_notification(const struct seccomp_policy *p, int fd,
				       char *msg, size_t msglen)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	const struct refused_rule *rule;
	int err;

	if (msglen)
		msg[0] = '\0';
	if (!p || !p->notify || !p->req)
		return -EINVAL;
	/* Never block: the caller polls, but a notification can vanish when
	 * its target is killed between poll and here. */
	if (poll(&pfd, 1, 0) < 0)
		return errno == EINTR ? 0 : -errno;
	if (!(pfd.revents & POLLIN))
		return 0;

	memset(p->req, 0, p->req_size); /* the kernel insists on zeroes */
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, p->req) < 0) {
		if (errno == ENOENT || errno == EINTR)
			return 0; /* the target died before we read it */
		return -errno;
	}

	rule = p->req->data.arch == AUDIT_ARCH_X86_64 ? rule_for_nr(p, p->req->data.nr) : NULL;
	if (rule) {
		err = rule->err;
		describe_call(rule, (const uint64_t *)p->req->data.args, msg, msglen);
	} else {
		/* Only refused rules notify, so this is not expected; refuse. */
		err = ENOSYS;
		snprintf(msg, msglen, "system call %d: refused by the sandbox", p->req->data.nr);
	}

	memset(p->resp, 0, p->resp_size);
	p->resp->id = p->req->id;
	p->resp->val = 0;
	p->resp->error = -err;
	p->resp->flags = 0;
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, p->resp) < 0) {
		if (errno == ENOENT)
			return 0; /* killed meanwhile: its call never completes */
		return -errno;
	}
	return 1;
}

const char *seccomp_policy_kill_reason(void)
{
	return "killed by the sandbox for a 32-bit or x32 system call "
	       "(int $0x80 or a syscall number with bit 30 set); checks must use "
	       "the native x86_64 system call interface";
}

void seccomp_policy_describe(const struct seccomp_policy *p, void *fp_)
{
	FILE *fp = fp_;

	if (!p)
		return;
	fprintf(fp, "seccomp policy: allowlist of %u system calls known to libseccomp %u.%u.%u,"
		" %u instructions of BPF\n", p->allowed, seccomp_version()->major,
		seccomp_version()->minor, seccomp_version()->micro, p->len);
	fprintf(fp, "  unknown (newer) system calls: ENOSYS\n");
	fprintf(fp, "  foreign architectures (i386 int $0x80) and x32: the process is killed\n");
	fprintf(fp, "  refused calls are %s\n", p->notify ?
		"named through seccomp user notification" : "answered with their errno directly");
	for (size_t i = 0; i < N_RULES; i++) {
		const struct refused_rule *r = &refused_rules[i];
		const char *when = "";
		if (r->only_with && p->nr_of[i] < 0)
			continue; /* not part of this policy */
		switch (r->kind) {
		case MATCH_SOCKET:
			when = p->allow_inet ? " (any family but AF_UNIX, AF_INET, AF_INET6)"
					     : " (any family but AF_UNIX)";
			break;
		case MATCH_CLONE: when = " (with CLONE_NEW* flags)"; break;
		case MATCH_IOCTL: when = " (TIOCSTI, TIOCLINUX)"; break;
		case MATCH_MKNOD: case MATCH_MKNODAT: when = " (S_IFCHR, S_IFBLK)"; break;
		case MATCH_SECCOMP: when = " (SECCOMP_FILTER_FLAG_NEW_LISTENER)"; break;
		case MATCH_PERSONALITY: when = " (all but PER_LINUX, PER_LINUX32, ADDR_NO_RANDOMIZE)"; break;
		case MATCH_SENDTO: when = " (with a destination address)"; break;
		case MATCH_ALL: break;
		}
		fprintf(fp, "  refuse %s%s -> %s: %s\n", r->name, when,
			r->err == ENOSYS ? "ENOSYS" : "EPERM", r->why);
	}
}

void seccomp_policy_free(struct seccomp_policy *p)
{
	if (!p)
		return;
	free(p->insns);
	free(p->req);
	free(p->resp);
	free(p);
}

/* ------------------------------------------------------------------ */
/* Passing the listener from the child to the parent */

int seccomp_policy_send_listener(int sock, int listener_fd)
{
	char byte = 'L';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	memset(u.buf, 0, sizeof(u.buf));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &listener_fd, sizeof(int));
	for (;;) {
		if (sendmsg(sock, &msg, MSG_NOSIGNAL) == 1)
			return 0;
		if (errno != EINTR)
			return -errno;
	}
}

int seccomp_policy_recv_listener(int sock)
{
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm;
	ssize_t n;
	int fd;

	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -EPIPE;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len != CMSG_LEN(sizeof(int)))
		return -EPROTO;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}
