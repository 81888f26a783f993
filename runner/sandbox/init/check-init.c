/*
 * check-init.c - pid 1 of a check's pid namespace, once the check runs.
 *
 * Why a separate program: the init is started by the runner with
 * clone(CLONE_VM|CLONE_VFORK), sharing the runner's memory, so that no copy
 * of the runner (about a hundred mappings, and every page it then writes)
 * is made per check. Such a child must call execve before the runner can
 * go on; after it has started the check (pid 2), it execs this program,
 * which the runner carries inside itself (runner/sandbox/init_blob.S) and hands
 * over as a sealed memfd: no path, no library, no libc, a few pages.
 *
 * What it does is what sandbox_child.c's init_main does in the fork
 * fallback: reap every process of the namespace until the check (argv[1],
 * its pid) ends, then kill everything left (kill(-1) from a pid
 * namespace's init reaches every other process in it), reap it all, send
 * the check's wait status and the CPU time of the whole tree on the
 * control socket (fd SANDBOX_INIT_CTL_FD) and exit.
 *
 * It runs with the check's uid and no capabilities. Its memfd is
 * execute-only, so the kernel makes it non-dumpable from the start: the
 * check cannot open its /proc files or its memory to forge the report.
 *
 * Built with -nostdlib -static (x86_64 system calls below); on other
 * architectures it is not built and the runner forks its init instead.
 */
#include "sandbox_msg.h"

#define NR_wait4 61
#define NR_kill 62
#define NR_getrusage 98
#define NR_prctl 157
#define NR_sendto 44
#define NR_exit_group 231

#define E_INTR 4
#define WALL_FLAG 0x40000000
#define SIG_KILL 9
#define RUSAGE_CHILDREN_ (-1)
#define PR_SET_DUMPABLE_ 4
#define MSG_NOSIGNAL_ 0x4000

struct timeval_ { long sec, usec; };
struct rusage_ {
	struct timeval_ utime, stime;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv,
	     nsignals, nvcsw, nivcsw;
};

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* The compiler may turn struct initialisation into calls to these. */
void *memset(void *d, int c, unsigned long n);
void *memset(void *d, int c, unsigned long n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

static long parse_pid(const char *s)
{
	long v = 0;
	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

__attribute__((noreturn, used)) void check_init_main(long *sp);
__attribute__((noreturn, used)) void check_init_main(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	long check = argc > 1 ? parse_pid(argv[1]) : -1;
	int check_status = 0;

	/* Belt and braces: the execute-only memfd already made us so. */
	sys6(NR_prctl, PR_SET_DUMPABLE_, 0, 0, 0, 0, 0);
	for (;;) {
		int st = 0;
		long w = sys6(NR_wait4, -1, (long)&st, WALL_FLAG, 0, 0, 0);
		if (w == -E_INTR)
			continue;
		if (w < 0)
			break; /* ECHILD: all gone */
		if (w == check) {
			check_status = st;
			sys6(NR_kill, -1, SIG_KILL, 0, 0, 0, 0);
		}
	}
	struct rusage_ ru;
	memset(&ru, 0, sizeof(ru));
	sys6(NR_getrusage, RUSAGE_CHILDREN_, (long)&ru, 0, 0, 0, 0);
	struct sandbox_msg m;
	memset(&m, 0, sizeof(m));
	m.kind = check > 0 ? SANDBOX_MSG_STATUS : SANDBOX_MSG_SETUP_FAILED;
	m.wstatus = check_status;
	m.utime_us = ru.utime.sec * 1000000L + ru.utime.usec;
	m.stime_us = ru.stime.sec * 1000000L + ru.stime.usec;
	m.maxrss_kb = ru.maxrss;
	while (sys6(NR_sendto, SANDBOX_INIT_CTL_FD, (long)&m, sizeof(m), MSG_NOSIGNAL_, 0, 0) == -E_INTR)
		;
	for (;;)
		sys6(NR_exit_group, 0, 0, 0, 0, 0, 0);
}

/* The kernel enters here with the stack holding argc, argv, envp. */
__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	xor %rbp, %rbp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call check_init_main\n"
	"	hlt\n");
