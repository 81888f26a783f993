/*
 * attack - hostile submissions in one program, for tests/attacks.
 *
 *   attack NAME [ARGS...]
 *
 * Each attack prints what it tried and what happened. Attacks that probe a
 * wall print "BLOCKED ..." or "ESCAPED ..." per attempt and exit 0 when
 * everything was blocked, 1 when anything escaped, so a check that passes
 * means the sandbox held (the test then also checks the out-of-band effect:
 * a listener that heard nothing, a file that was not written, a process
 * that is not left). Attacks on limits (loops, bombs, floods) just do it.
 *
 * Processes that must not survive the check carry a marker in their argv
 * ("attack linger MARKER"), so the test can look for them in /proc.
 *
 * Sources: isolate, DMOJ, DOMjudge, QingdaoU/Judger, go-judge, bubblewrap
 * and codex test suites (docs/sandbox.md lists which attack comes from where).
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int escaped;
static const char *self = "./attack";

static void blocked(const char *what, int e)
{
	printf("BLOCKED %s: %s\n", what, strerror(e));
}

static void escape(const char *what)
{
	printf("ESCAPED %s\n", what);
	escaped++;
}

static int result(void)
{
	fflush(stdout);
	return escaped ? 1 : 0;
}

/* ---- time ------------------------------------------------------------ */

static int a_cpu_loop(int argc, char **argv)
{
	(void)argc; (void)argv;
	for (volatile unsigned long i = 0;; i++)
		;
	return 0;
}

static int a_sleep(int argc, char **argv)
{
	(void)argc; (void)argv;
	for (;;)
		sleep(100);
	return 0;
}

static int a_sigstop(int argc, char **argv)
{
	(void)argc; (void)argv;
	raise(SIGSTOP);
	for (;;)
		sleep(100);
	return 0;
}

/* The parent waits (no CPU) while its child spins: the CPU of the whole
 * tree must count. */
static int a_child_spin(int argc, char **argv)
{
	(void)argc; (void)argv;
	pid_t c = fork();
	if (c == 0)
		for (volatile unsigned long i = 0;; i++)
			;
	waitpid(c, NULL, 0);
	return 0;
}

/* ---- processes ------------------------------------------------------- */

static int a_linger(int argc, char **argv)
{
	(void)argc; (void)argv;
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	for (int i = 0; i < 600; i++)
		sleep(1);
	return 0;
}

static void exec_linger(const char *marker)
{
	execl(self, self, "linger", marker, (char *)NULL);
	/* exec failed: linger anyway with the parent's argv */
	a_linger(0, NULL);
	_exit(0);
}

/* fork until the kernel says no; children (argv has the marker) pause. */
static int a_fork_bomb(int argc, char **argv)
{
	(void)argc; (void)argv;
	long n = 0;
	for (;;) {
		pid_t p = fork();
		if (p < 0)
			break;
		if (p == 0) {
			for (;;)
				pause();
		}
		if (++n >= 100000)
			break;
	}
	printf("forked %ld processes before: %s\n", n, strerror(errno));
	fflush(stdout);
	return 0; /* leave them all behind */
}

static void *thread_sleep(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static int a_thread_bomb(int argc, char **argv)
{
	(void)argc; (void)argv;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setstacksize(&at, 64 * 1024);
	long n = 0;
	int e = 0;
	for (; n < 100000; n++) {
		pthread_t t;
		if ((e = pthread_create(&t, &at, thread_sleep, NULL)) != 0)
			break;
	}
	printf("created %ld threads before: %s\n", n, strerror(e));
	fflush(stdout);
	_exit(0);
}

static int a_fd_exhaust(int argc, char **argv)
{
	(void)argc; (void)argv;
	long n = 0;
	while (open("/dev/null", O_RDONLY) >= 0)
		n++;
	int e = errno;
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("opened %ld files before: %s (RLIMIT_NOFILE %llu)\n", n, strerror(e),
	       (unsigned long long)rl.rlim_cur);
	return e == EMFILE ? 0 : 1;
}

/* setsid() escapes a kill by process group; the parent exits at once. */
static int a_setsid_survivor(int argc, char **argv)
{
	const char *marker = argc > 2 ? argv[2] : "rr-attack-marker";
	pid_t p = fork();
	if (p == 0) {
		setsid();
		exec_linger(marker);
	}
	printf("left a setsid child behind\n");
	return 0;
}

/* The classic daemon: fork, setsid, fork again, the middle one exits. */
static int a_double_fork(int argc, char **argv)
{
	const char *marker = argc > 2 ? argv[2] : "rr-attack-marker";
	pid_t p = fork();
	if (p == 0) {
		setsid();
		if (fork() == 0) {
			for (int fd = 0; fd < 3; fd++)
				close(fd);
			exec_linger(marker);
		}
		_exit(0);
	}
	waitpid(p, NULL, 0);
	printf("left a double-forked daemon behind\n");
	return 0;
}

/* A stopped orphan: SIGKILL still works on it, but a reaper that only
 * waits for running processes would wait forever. */
static int a_stopped_orphan(int argc, char **argv)
{
	const char *marker = argc > 2 ? argv[2] : "rr-attack-marker";
	pid_t p = fork();
	if (p == 0) {
		if (fork() == 0) {
			raise(SIGSTOP);
			exec_linger(marker);
		}
		exec_linger(marker);
	}
	usleep(100000);
	printf("left stopped orphans behind\n");
	return 0;
}

/* ---- memory ---------------------------------------------------------- */

static long touch_mb(long mb)
{
	long done = 0;
	for (; done < mb; done++) {
		volatile char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if ((void *)p == MAP_FAILED)
			break;
		for (long i = 0; i < (1 << 20); i += 4096)
			p[i] = 1;
	}
	return done;
}

static int a_mem_touch(int argc, char **argv)
{
	long mb = argc > 2 ? atol(argv[2]) : 1024;
	long got = touch_mb(mb);
	printf("touched %ld of %ld MiB\n", got, mb);
	return got == mb ? 0 : 1;
}

/* N children each touch MB: every one alone is under the limit, together
 * they are over it. */
static int a_mem_children(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 4;
	long mb = argc > 3 ? atol(argv[3]) : 40;
	for (int i = 0; i < n; i++) {
		if (fork() == 0) {
			long got = touch_mb(mb);
			printf("child %d touched %ld MiB\n", i, got);
			fflush(stdout);
			sleep(3);
			_exit(got == mb ? 0 : 1);
		}
	}
	int ok = 1, st;
	while (wait(&st) > 0)
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			ok = 0;
	printf("children %s\n", ok ? "all finished" : "did not all finish");
	return ok ? 0 : 1;
}

/* ---- output and disk --------------------------------------------------- */

static int a_flood(int argc, char **argv)
{
	int fd = argc > 2 && strcmp(argv[2], "stderr") == 0 ? 2 : 1;
	static char buf[65536];
	memset(buf, 'A', sizeof(buf));
	for (;;)
		if (write(fd, buf, sizeof(buf)) < 0 && errno != EINTR)
			return 1;
}

static int a_putchar_flood(int argc, char **argv)
{
	(void)argc; (void)argv;
	for (;;)
		putchar('x');
	return 0;
}

/* Write one file past RLIMIT_FSIZE; with SIGXFSZ ignored the write fails
 * with EFBIG at the limit. */
static int a_fsize_bomb(int argc, char **argv)
{
	bool ignore = argc > 2 && strcmp(argv[2], "ignore") == 0;
	if (ignore)
		signal(SIGXFSZ, SIG_IGN);
	int fd = open("big.bin", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror("open big.bin");
		return 1;
	}
	static char buf[1 << 20];
	long long total = 0;
	for (int i = 0; i < 4096; i++) {
		ssize_t n = write(fd, buf, sizeof(buf));
		if (n < 0) {
			printf("stopped after %lld bytes: %s\n", total, strerror(errno));
			return 0;
		}
		total += n;
	}
	printf("ESCAPED wrote %lld bytes\n", total);
	return 1;
}

/* ---- network ----------------------------------------------------------- */

static int a_tcp(int argc, char **argv)
{
	const char *host = argc > 2 ? argv[2] : "127.0.0.1";
	int port = argc > 3 ? atoi(argv[3]) : 80;
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, host, &sa.sin_addr);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0) {
		blocked("socket(AF_INET, SOCK_STREAM)", errno);
		return result();
	}
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		blocked("connect", errno);
		return result();
	}
	if (write(s, "ESCAPED-TCP\n", 12) < 0)
		blocked("write", errno);
	escape("tcp connect");
	return result();
}

static int a_udp(int argc, char **argv)
{
	const char *host = argc > 2 ? argv[2] : "127.0.0.1";
	int port = argc > 3 ? atoi(argv[3]) : 53;
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, host, &sa.sin_addr);
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0) {
		blocked("socket(AF_INET, SOCK_DGRAM)", errno);
		return result();
	}
	if (sendto(s, "ESCAPED-UDP\n", 12, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		blocked("sendto", errno);
		return result();
	}
	escape("udp sendto");
	return result();
}

static int a_netlink(int argc, char **argv)
{
	(void)argc; (void)argv;
	int s = socket(AF_NETLINK, SOCK_RAW, 0 /* NETLINK_ROUTE */);
	if (s < 0)
		blocked("socket(AF_NETLINK)", errno);
	else
		escape("netlink socket");
	return result();
}

static int a_packet(int argc, char **argv)
{
	(void)argc; (void)argv;
	int s = socket(AF_PACKET, SOCK_RAW, htons(0x0003 /* ETH_P_ALL */));
	if (s < 0)
		blocked("socket(AF_PACKET)", errno);
	else
		escape("packet socket");
	return result();
}

static int a_unix(int argc, char **argv)
{
	bool abstract = strcmp(argv[1], "abstract") == 0;
	const char *path = argc > 2 ? argv[2] : "/run/docker.sock";
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	socklen_t len;
	size_t n = strlen(path);
	if (n >= sizeof(sa.sun_path) - 1)
		n = sizeof(sa.sun_path) - 2;
	if (abstract) {
		memcpy(sa.sun_path + 1, path, n);
		len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
	} else {
		memcpy(sa.sun_path, path, n);
		len = sizeof(sa);
	}
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0) {
		blocked("socket(AF_UNIX)", errno);
		return result();
	}
	if (connect(s, (struct sockaddr *)&sa, len) < 0) {
		blocked(abstract ? "connect to a host abstract socket" : "connect to a host unix socket", errno);
		return result();
	}
	if (write(s, "ESCAPED-UNIX\n", 13) < 0)
		blocked("write", errno);
	escape(abstract ? "abstract unix connect" : "unix connect");
	return result();
}

/* ---- files ------------------------------------------------------------- */

/* Try to create or overwrite each path. */
static int a_write(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0644);
		if (fd < 0) {
			char what[512];
			snprintf(what, sizeof(what), "write %s", argv[i]);
			blocked(what, errno);
			continue;
		}
		if (write(fd, "ESCAPED-WRITE\n", 14) == 14) {
			char what[512];
			snprintf(what, sizeof(what), "write %s", argv[i]);
			escape(what);
		}
		close(fd);
	}
	return result();
}

/* Try to read each path; print what could be read so a leak shows. */
static int a_read(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		char what[512], buf[256];
		snprintf(what, sizeof(what), "read %s", argv[i]);
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			blocked(what, errno);
			continue;
		}
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n < 0) {
			blocked(what, errno);
			continue;
		}
		buf[n] = '\0';
		escape(what);
		printf("%s\n", buf);
	}
	return result();
}

/* Read every /proc/PID/environ we can and look for NAME=. */
static int a_environ_scan(int argc, char **argv)
{
	const char *name = argc > 2 ? argv[2] : "RR_ATTACK_SECRET";
	size_t nl = strlen(name);
	DIR *d = opendir("/proc");
	int seen = 0, readable = 0;
	struct dirent *e;
	if (!d) {
		blocked("opendir /proc", errno);
		return result();
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		seen++;
		char path[300], buf[65536];
		snprintf(path, sizeof(path), "/proc/%s/environ", e->d_name);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		readable++;
		for (ssize_t i = 0; i + (ssize_t)nl < n; i++) {
			if ((i == 0 || buf[i - 1] == '\0') && !memcmp(buf + i, name, nl) && buf[i + nl] == '=') {
				char what[400];
				snprintf(what, sizeof(what), "found %s in %s: %.60s", name, path, buf + i);
				escape(what);
			}
		}
	}
	closedir(d);
	printf("processes visible: %d, environments readable: %d\n", seen, readable);
	if (!escaped)
		printf("BLOCKED no environment holds %s\n", name);
	return result();
}

/* ---- signals and tracing ------------------------------------------------ */

static pid_t pid_arg(const char *s)
{
	if (s[0] == '@') { /* read the pid from a file */
		FILE *f = fopen(s + 1, "r");
		long v = 0;
		if (!f || fscanf(f, "%ld", &v) != 1)
			v = 0;
		if (f)
			fclose(f);
		return (pid_t)v;
	}
	return (pid_t)atol(s);
}

static int a_kill(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		pid_t p = pid_arg(argv[i]);
		char what[64];
		snprintf(what, sizeof(what), "kill(%d, SIGKILL)", (int)p);
		if (p <= 1 && strcmp(argv[i], "-1") != 0) {
			printf("no pid in %s\n", argv[i]);
			continue;
		}
		if (kill(p, SIGKILL) < 0)
			blocked(what, errno);
		else if (p == -1)
			printf("kill(-1, SIGKILL) returned 0 (it reaches only what it may signal)\n");
		else
			escape(what);
	}
	return result();
}

/* Stop the parent (the sandbox's init or the runner itself). */
static int a_kill_parent(int argc, char **argv)
{
	(void)argc; (void)argv;
	pid_t pp = getppid();
	printf("parent is pid %d\n", (int)pp);
	if (kill(pp, SIGSTOP) < 0)
		blocked("kill(getppid(), SIGSTOP)", errno);
	if (kill(pp, SIGKILL) < 0)
		blocked("kill(getppid(), SIGKILL)", errno);
	sleep(1);
	if (getppid() != pp)
		printf("parent changed to %d\n", (int)getppid());
	return 0;
}

static int a_ptrace(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		pid_t p = pid_arg(argv[i]);
		char what[64];
		snprintf(what, sizeof(what), "ptrace(PTRACE_ATTACH, %d)", (int)p);
		if (ptrace(PTRACE_ATTACH, p, 0, 0) < 0)
			blocked(what, errno);
		else
			escape(what);
	}
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
		blocked("ptrace(PTRACE_TRACEME)", errno);
	else
		escape("ptrace(PTRACE_TRACEME)");
	return result();
}

/* ---- privileged calls ---------------------------------------------------- */

static int a_mount(int argc, char **argv)
{
	(void)argc; (void)argv;
	if (mount("none", "/tmp", "tmpfs", 0, NULL) < 0)
		blocked("mount tmpfs", errno);
	else
		escape("mount tmpfs");
	if (mount("/", "/tmp", NULL, MS_BIND | MS_REC, NULL) < 0)
		blocked("bind mount /", errno);
	else
		escape("bind mount /");
	if (umount2("/proc", MNT_DETACH) < 0)
		blocked("umount /proc", errno);
	else
		escape("umount /proc");
	return result();
}

static int a_unshare(int argc, char **argv)
{
	(void)argc; (void)argv;
	if (unshare(CLONE_NEWUSER) < 0)
		blocked("unshare(CLONE_NEWUSER)", errno);
	else
		escape("unshare(CLONE_NEWUSER)");
	if (unshare(CLONE_NEWNS) < 0)
		blocked("unshare(CLONE_NEWNS)", errno);
	else
		escape("unshare(CLONE_NEWNS)");
	return result();
}

static int a_setns(int argc, char **argv)
{
	(void)argc; (void)argv;
	static const char *const ns[] = { "/proc/1/ns/mnt", "/proc/1/ns/net", "/proc/self/ns/user" };
	for (int i = 0; i < 3; i++) {
		char what[64];
		snprintf(what, sizeof(what), "setns(%s)", ns[i]);
		int fd = open(ns[i], O_RDONLY);
		if (fd < 0) {
			blocked(what, errno);
			continue;
		}
		if (setns(fd, 0) < 0)
			blocked(what, errno);
		else
			escape(what);
		close(fd);
	}
	return result();
}

static int a_chroot(int argc, char **argv)
{
	(void)argc; (void)argv;
	if (chroot("/proc/1/root") < 0)
		blocked("chroot(/proc/1/root)", errno);
	else
		escape("chroot(/proc/1/root)");
	if (chroot(".") < 0)
		blocked("chroot(.)", errno);
	else
		escape("chroot(.)");
	return result();
}

static int a_tiocsti(int argc, char **argv)
{
	(void)argc; (void)argv;
	char c = 'x';
	for (int fd = 0; fd < 3; fd++) {
		char what[64];
		snprintf(what, sizeof(what), "ioctl(%d, TIOCSTI)", fd);
		if (ioctl(fd, TIOCSTI, &c) < 0)
			blocked(what, errno);
		else
			escape(what);
	}
	int t = open("/dev/tty", O_RDWR);
	if (t < 0) {
		blocked("open /dev/tty", errno);
	} else {
		if (syscall(SYS_ioctl, t, 0xffffffff00000000UL | TIOCSTI, &c) < 0)
			blocked("ioctl(/dev/tty, TIOCSTI | high bits)", errno);
		else
			escape("ioctl(/dev/tty, TIOCSTI | high bits)");
	}
	return result();
}

static int a_mknod(int argc, char **argv)
{
	(void)argc; (void)argv;
	if (mknod("mem", S_IFCHR | 0666, makedev(1, 1)) < 0)
		blocked("mknod c 1 1 (/dev/mem)", errno);
	else
		escape("mknod c 1 1 (/dev/mem)");
	if (mknod("sda", S_IFBLK | 0666, makedev(8, 0)) < 0)
		blocked("mknod b 8 0 (/dev/sda)", errno);
	else
		escape("mknod b 8 0 (/dev/sda)");
	/* a FIFO is ordinary and allowed */
	if (mkfifo("fifo", 0600) < 0)
		printf("mkfifo failed: %s\n", strerror(errno));
	else
		printf("mkfifo works\n");
	static const char *const devs[] = { "/dev/mem", "/dev/kmem", "/dev/port", "/dev/sda", "/dev/vda" };
	for (int i = 0; i < 5; i++) {
		char what[64];
		snprintf(what, sizeof(what), "open %s", devs[i]);
		int fd = open(devs[i], O_RDONLY);
		if (fd < 0)
			blocked(what, errno);
		else
			escape(what);
	}
	return result();
}

/* A second seccomp filter with a listener could answer "continue" for the
 * sandbox's notified calls; it must be refused. */
static int a_seccomp_listener(int argc, char **argv)
{
	(void)argc; (void)argv;
	/* a one-instruction "allow everything" filter */
	unsigned long long insn = 0x7fff000000000006ULL; /* BPF_RET|BPF_K, SECCOMP_RET_ALLOW */
	struct { unsigned short len; void *filter; } prog = { 1, &insn };
	long fd = syscall(SYS_seccomp, 1 /* SET_MODE_FILTER */, 8 /* NEW_LISTENER */, &prog);
	if (fd < 0)
		blocked("seccomp(SECCOMP_FILTER_FLAG_NEW_LISTENER)", errno);
	else
		escape("seccomp listener installed");
	return result();
}

static int a_int80(int argc, char **argv)
{
	(void)argc; (void)argv;
	long ret;
	printf("trying int $0x80\n");
	fflush(stdout);
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	printf("ESCAPED int $0x80 getpid returned %ld\n", ret);
	return 1;
}

static int a_x32(int argc, char **argv)
{
	(void)argc; (void)argv;
	printf("trying an x32 system call\n");
	fflush(stdout);
	long r = syscall(0x40000000L | SYS_getpid);
	printf("ESCAPED x32 getpid returned %ld\n", r);
	return 1;
}

/* ---- what a check can see ------------------------------------------------ */

static int a_status(int argc, char **argv)
{
	(void)argc; (void)argv;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	if (!f) {
		perror("/proc/self/status");
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Uid:", 4) || !strncmp(line, "Gid:", 4) ||
		    !strncmp(line, "Cap", 3) || !strncmp(line, "NoNewPrivs:", 11) ||
		    !strncmp(line, "Seccomp:", 8))
			fputs(line, stdout);
	fclose(f);
	printf("pid %d ppid %d uid %d euid %d\n", (int)getpid(), (int)getppid(),
	       (int)getuid(), (int)geteuid());
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	printf("fds:");
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
			printf(" %s", e->d_name);
	printf("\n");
	if (d)
		closedir(d);
	return 0;
}

/* ---- the runner's own robustness ------------------------------------------ */

static void *deny_loop(void *arg)
{
	(void)arg;
	for (;;) {
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (s >= 0)
			close(s);
	}
	return NULL;
}

/* Keep the runner busy answering refused calls from many threads. */
static int a_denial_flood(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 8;
	for (int i = 1; i < n; i++) {
		pthread_t t;
		pthread_create(&t, NULL, deny_loop, NULL);
	}
	deny_loop(NULL);
	return 0;
}

/* Move ourselves out of our cgroup (to escape its limits): into the root
 * and into every ancestor named by /proc/self/cgroup. */
static int a_cgroup_escape(int argc, char **argv)
{
	(void)argc; (void)argv;
	char line[512], path[1024], pid[32];
	snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	static const char *const roots[] = { "/sys/fs/cgroup", "/sys/fs/cgroup/unified",
		"/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids", "/sys/fs/cgroup/cpuacct" };
	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", roots[i]);
		int fd = open(path, O_WRONLY);
		char what[1100];
		snprintf(what, sizeof(what), "write %s", path);
		if (fd < 0) {
			blocked(what, errno);
			continue;
		}
		if (write(fd, pid, strlen(pid)) < 0)
			blocked(what, errno);
		else
			escape(what);
		close(fd);
	}
	FILE *f = fopen("/proc/self/cgroup", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *p = strrchr(line, ':');
		if (!p)
			continue;
		p[strcspn(p, "\n")] = '\0';
		printf("cgroup line: %s\n", line);
	}
	if (f)
		fclose(f);
	return result();
}

/* Leave the runner a work directory that is hard to remove: 3000 nested
 * directories, a FIFO, and directories without permissions. */
static int a_cleanup_traps(int argc, char **argv)
{
	(void)argc; (void)argv;
	int depth = 0;
	if (mkdir("deep", 0700) == 0 && chdir("deep") == 0)
		for (; depth < 3000; depth++)
			if (mkdir("d", 0700) < 0 || chdir("d") < 0)
				break;
	printf("nested %d directories\n", depth);
	if (chdir("/") < 0 || chdir(getenv("HOME") ? getenv("HOME") : ".") < 0)
		perror("chdir back");
	mkfifo("fifo", 0600);
	mkdir("locked", 0700);
	mkdir("locked/inner", 0700);
	int fd = open("locked/inner/file", O_WRONLY | O_CREAT, 0600);
	if (fd >= 0)
		close(fd);
	chmod("locked/inner", 0);
	chmod("locked", 0);
	symlink("/", "root-link");
	symlink("..", "up-link");
	printf("traps set\n");
	return 0;
}

/* Bytes no report or terminal should pass through raw. */
static int a_garbage(int argc, char **argv)
{
	(void)argc; (void)argv;
	static const char junk[] = "NUL:\0: bad utf-8: \xff\xfe\xc3\x28 escape: \x1b]52;c;ZXZpbA==\x07\x1b[2J"
				   " quote: \" backslash: \\ end\n";
	if (write(1, junk, sizeof(junk) - 1) < 0)
		return 1;
	return 0;
}

/* The sandbox's own processes: the pid-namespace init (pid 1, not under
 * the filter) and our parent. Opening their memory for writing would
 * let the check run code outside seccomp; their fds and root lead out. */
static int a_proc_parent(int argc, char **argv)
{
	(void)argc; (void)argv;
	char path[64], what[128], buf[256];
	pid_t pids[2] = { 1, getppid() };
	static const char *const files[] = { "mem", "environ", "root/", "cwd/", "fd/", "map_files/" };
	for (int i = 0; i < 2; i++) {
		if (i == 1 && pids[1] == 1)
			break;
		for (int k = 0; k < 6; k++) {
			snprintf(path, sizeof(path), "/proc/%d/%s", (int)pids[i], files[k]);
			snprintf(what, sizeof(what), "open %s", path);
			int fd = open(path, k == 0 ? O_RDWR : (k >= 2 ? O_RDONLY | O_DIRECTORY : O_RDONLY));
			if (fd < 0) {
				blocked(what, errno);
				continue;
			}
			if (k == 1 && read(fd, buf, sizeof(buf)) <= 0) {
				blocked(what, errno);
			} else if (k >= 4) {
				/* Listing the numbers of fd/ or map_files/ is
				 * allowed to the same uid; following an entry
				 * needs ptrace access, which is the wall. */
				DIR *d = fdopendir(fd);
				struct dirent *e;
				int followed = 0, seen = 0;
				while (d && (e = readdir(d))) {
					if (e->d_name[0] == '.')
						continue;
					seen++;
					char link[256];
					int in = openat(dirfd(d), e->d_name, O_RDONLY);
					if (in >= 0 || readlinkat(dirfd(d), e->d_name, link, sizeof(link)) >= 0) {
						followed++;
						if (in >= 0)
							close(in);
					}
				}
				printf("%s: %d entries listed, %d followed\n", path, seen, followed);
				if (followed)
					escape(what);
				else
					blocked(what, EACCES);
				if (d)
					closedir(d);
				continue;
			} else {
				escape(what);
			}
			close(fd);
		}
	}
	return result();
}

/* Leave IPC objects behind: a 32 MiB SysV shared memory segment (touched,
 * detached, never removed), a message queue, a semaphore set and a POSIX
 * message queue. Without an IPC namespace they outlive the check in the
 * host's namespace; the test looks for KEY (decimal) afterwards. */
static int a_ipc_persist(int argc, char **argv)
{
	key_t key = argc > 2 ? (key_t)atol(argv[2]) : 0x5252;
	int shm = shmget(key, 32 << 20, IPC_CREAT | 0600);
	if (shm < 0) {
		blocked("shmget", errno);
	} else {
		char *p = shmat(shm, NULL, 0);
		if (p != (void *)-1) {
			for (long i = 0; i < (32 << 20); i += 4096)
				p[i] = 1;
			shmdt(p);
		}
		printf("shm segment %d left behind\n", shm);
	}
	if (msgget(key, IPC_CREAT | 0600) < 0)
		blocked("msgget", errno);
	else
		printf("message queue left behind\n");
	if (semget(key, 1, IPC_CREAT | 0600) < 0)
		blocked("semget", errno);
	else
		printf("semaphore set left behind\n");
	char name[64];
	snprintf(name, sizeof(name), "/rr-attack-%ld", (long)key);
	long mq = syscall(SYS_mq_open, name + 1, O_CREAT | O_RDWR, 0600, NULL);
	if (mq < 0)
		blocked("mq_open", errno);
	else
		printf("POSIX message queue %s left behind\n", name);
	return 0;
}

/* Outside any sandbox (the test runs it): plant a System V shared memory
 * segment, a System V message queue and a POSIX message queue, each
 * holding SECRET, mode 0666 so only the sandbox stands in the way. Prints
 * "shm ID msg ID". The test removes them (host-ipc-remove). */
static int a_host_ipc_plant(int argc, char **argv)
{
	const char *secret = argc > 2 ? argv[2] : "secret";
	const char *mqname = argc > 3 ? argv[3] : "/rr-secret";
	size_t n = strlen(secret) + 1;
	int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	char *p = shm < 0 ? (void *)-1 : shmat(shm, NULL, 0);
	if (p == (void *)-1) {
		perror("shm");
		return 2;
	}
	memcpy(p, secret, n);
	shmdt(p);
	int msq = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
	struct { long type; char text[256]; } m = { 1, "" };
	snprintf(m.text, sizeof(m.text), "%s", secret);
	if (msq < 0 || msgsnd(msq, &m, n, 0) < 0) {
		perror("msg");
		return 2;
	}
	/* One small message: a queue of the default size (10 x 8 KiB) takes
	 * a tenth of the user's RLIMIT_MSGQUEUE until it is removed. */
	struct mq_attr_ { long flags, maxmsg, msgsize, curmsgs, pad[4]; } attr = { 0, 1, 256, 0, { 0 } };
	long mq = syscall(SYS_mq_open, mqname + 1, O_CREAT | O_WRONLY, 0666, &attr);
	if (mq < 0 || syscall(SYS_mq_timedsend, mq, secret, n, 0, NULL) < 0) {
		perror("mq");
		return 2;
	}
	printf("shm %d msg %d\n", shm, msq);
	return 0;
}

/* Outside any sandbox: remove what host-ipc-plant made (SHM and MSG ids,
 * the POSIX queue's name). /dev/mqueue is not mounted everywhere, so the
 * queue goes by mq_unlink. */
static int a_host_ipc_remove(int argc, char **argv)
{
	int bad = 0;
	if (argc > 2 && shmctl(atoi(argv[2]), IPC_RMID, NULL) < 0)
		bad = 1;
	if (argc > 3 && msgctl(atoi(argv[3]), IPC_RMID, NULL) < 0)
		bad = 1;
	if (argc > 4 && syscall(SYS_mq_unlink, argv[4] + (argv[4][0] == '/')) < 0)
		bad = 1;
	return bad;
}

/* Reach the host's System V objects by the ids /proc/sysvipc lists
 * (attach, stat, receive, remove) and a POSIX queue by name: ESCAPED
 * for every call that works, and if SECRET shows up. */
static int a_sysv_steal(int argc, char **argv)
{
	const char *secret = argc > 2 ? argv[2] : "secret";
	const char *mqname = argc > 3 ? argv[3] : "/rr-secret";
	static const char *const lists[] = { "/proc/sysvipc/shm", "/proc/sysvipc/msg", "/proc/sysvipc/sem" };
	for (int k = 0; k < 3; k++) {
		FILE *f = fopen(lists[k], "r");
		char line[512];
		if (!f) {
			blocked(lists[k], errno);
			continue;
		}
		while (fgets(line, sizeof(line), f)) {
			long key, id;
			if (sscanf(line, "%ld %ld", &key, &id) != 2)
				continue;
			char what[96];
			if (k == 0) {
				struct shmid_ds ds;
				snprintf(what, sizeof(what), "shmctl(%ld, IPC_STAT)", id);
				if (shmctl((int)id, IPC_STAT, &ds) == 0) escape(what); else blocked(what, errno);
				char *p = shmat((int)id, NULL, SHM_RDONLY);
				snprintf(what, sizeof(what), "shmat(%ld)", id);
				if (p == (void *)-1) {
					blocked(what, errno);
				} else {
					escape(what);
					if (memmem(p, 4096, secret, strlen(secret)))
						printf("ESCAPED read the secret from segment %ld\n", id);
					shmdt(p);
				}
			} else if (k == 1) {
				struct { long type; char text[256]; } m;
				snprintf(what, sizeof(what), "msgrcv(%ld)", id);
				ssize_t r = msgrcv((int)id, &m, sizeof(m.text), 0, IPC_NOWAIT | MSG_NOERROR);
				if (r < 0) {
					blocked(what, errno);
				} else {
					escape(what);
					if (memmem(m.text, (size_t)r, secret, strlen(secret)))
						printf("ESCAPED read the secret from queue %ld\n", id);
				}
			} else {
				snprintf(what, sizeof(what), "semctl(%ld, GETVAL)", id);
				if (semctl((int)id, 0, GETVAL) >= 0) escape(what); else blocked(what, errno);
			}
		}
		fclose(f);
	}
	long mq = syscall(SYS_mq_open, mqname + 1, O_RDONLY | O_NONBLOCK, 0, NULL);
	if (mq < 0) {
		blocked("mq_open of the host's queue", errno);
	} else {
		char buf[16384];
		long r = syscall(SYS_mq_timedreceive, mq, buf, sizeof(buf), NULL, NULL);
		escape("mq_open of the host's queue");
		if (r > 0 && memmem(buf, (size_t)r, secret, strlen(secret)))
			printf("ESCAPED read the secret from %s\n", mqname);
	}
	return result();
}

/* Hold MB MiB of memory that RSS does not count, KIND: "memfd" (written,
 * never mapped), "shm" (System V segments, touched and detached) or a
 * directory (files written there). Prints "HELD n MiB" as it goes, then
 * sleeps a little holding it all; stops at the first refusal. */
static int a_hold(int argc, char **argv)
{
	const char *kind = argc > 2 ? argv[2] : "memfd";
	long want = argc > 3 ? atol(argv[3]) : 1024, held = 0;
	static char chunk[1 << 20];
	memset(chunk, 'x', sizeof(chunk));
	while (held < want) {
		int fd = -1;
		if (!strcmp(kind, "memfd")) {
			fd = (int)syscall(SYS_memfd_create, "hold", 0);
		} else if (!strcmp(kind, "shm")) {
			int id = shmget(IPC_PRIVATE, 16 << 20, IPC_CREAT | 0600);
			char *p = id < 0 ? (void *)-1 : shmat(id, NULL, 0);
			if (p == (void *)-1) {
				printf("REFUSED shm after %ld MiB: %s\n", held, strerror(errno));
				break;
			}
			memset(p, 'x', 16 << 20);
			shmdt(p);
			held += 16;
			printf("HELD %ld MiB\n", held);
			continue;
		} else {
			char path[4096];
			snprintf(path, sizeof(path), "%s/hold-%ld", kind, held);
			fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		}
		if (fd < 0) {
			printf("REFUSED %s after %ld MiB: %s\n", kind, held, strerror(errno));
			break;
		}
		long in_file = 0;
		signal(SIGXFSZ, SIG_IGN);
		while (in_file < 16 && held < want) {
			if (write(fd, chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk)) {
				printf("REFUSED %s write after %ld MiB: %s\n", kind, held, strerror(errno));
				want = held;
				break;
			}
			in_file++;
			held++;
		}
		printf("HELD %ld MiB\n", held);
	}
	usleep(300000);
	return 0;
}

struct attack {
	const char *name;
	int (*fn)(int argc, char **argv);
};

static const struct attack attacks[] = {
	{ "cpu-loop", a_cpu_loop }, { "sleep", a_sleep }, { "sigstop", a_sigstop },
	{ "child-spin", a_child_spin }, { "linger", a_linger },
	{ "fork-bomb", a_fork_bomb }, { "thread-bomb", a_thread_bomb },
	{ "fd-exhaust", a_fd_exhaust }, { "setsid-survivor", a_setsid_survivor },
	{ "double-fork", a_double_fork }, { "stopped-orphan", a_stopped_orphan },
	{ "mem-touch", a_mem_touch }, { "mem-children", a_mem_children },
	{ "flood", a_flood }, { "putchar-flood", a_putchar_flood }, { "fsize-bomb", a_fsize_bomb },
	{ "tcp", a_tcp }, { "udp", a_udp }, { "netlink", a_netlink }, { "packet", a_packet },
	{ "unix", a_unix }, { "abstract", a_unix },
	{ "write", a_write }, { "read", a_read }, { "environ-scan", a_environ_scan },
	{ "kill", a_kill }, { "kill-parent", a_kill_parent }, { "ptrace", a_ptrace },
	{ "mount", a_mount }, { "unshare", a_unshare }, { "setns", a_setns },
	{ "chroot", a_chroot }, { "tiocsti", a_tiocsti }, { "mknod", a_mknod },
	{ "seccomp-listener", a_seccomp_listener },
	{ "int80", a_int80 }, { "x32", a_x32 }, { "status", a_status },
	{ "denial-flood", a_denial_flood }, { "cgroup-escape", a_cgroup_escape },
	{ "cleanup-traps", a_cleanup_traps }, { "garbage", a_garbage },
	{ "proc-parent", a_proc_parent }, { "ipc-persist", a_ipc_persist },
	{ "host-ipc-plant", a_host_ipc_plant }, { "host-ipc-remove", a_host_ipc_remove }, { "sysv-steal", a_sysv_steal }, { "hold", a_hold },
};

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argv[0] && strchr(argv[0], '/'))
		self = argv[0];
	if (argc < 2) {
		fprintf(stderr, "usage: attack NAME [ARGS...]\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++)
		if (strcmp(argv[1], attacks[i].name) == 0)
			return attacks[i].fn(argc, argv);
	fprintf(stderr, "attack: unknown attack '%s'\n", argv[1]);
	return 2;
}
