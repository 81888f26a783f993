/*
 * util.c - allocation, strbuf, file I/O, trees, and temporary directories
 * that disappear on exit and on SIGINT/SIGTERM/SIGHUP.
 *
 * The signal-time removal must be async-signal-safe, so util_rm_rf is
 * written with openat/getdents64/unlinkat on fixed stack buffers and no
 * allocation, and the registry is a fixed array of fixed-size paths.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "roadmap.h"
#include "util.h"

static void out_of_memory(void)
{
	static const char msg[] = "fatal: out of memory\n";
	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* nothing more we can do */
	}
	_exit(RR_EXIT_INTERNAL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (!p)
		out_of_memory();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	return s;
}

static void strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->alloc)
		return;
	size_t want = sb->alloc ? sb->alloc : 64;
	while (want < sb->len + extra + 1)
		want *= 2;
	sb->buf = xrealloc(sb->buf, want);
	sb->alloc = want;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	strbuf_grow(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	strbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *strbuf_detach(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	return s;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

static int read_file(int at, const char *path, size_t max, char **out, size_t *len,
		     bool untrusted)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY;
	if (untrusted)
		flags |= O_NOFOLLOW | O_NONBLOCK;
	int fd = openat(at, path, flags);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	if (untrusted && (!S_ISREG(st.st_mode) || fcntl(fd, F_SETFL, O_RDONLY) < 0)) {
		close(fd);
		return -EINVAL;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	ssize_t n;
	int ret = 0;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > max) {
			ret = -EFBIG;
			break;
		}
		strbuf_add(&sb, buf, (size_t)n);
	}
	close(fd);
	if (ret) {
		strbuf_release(&sb);
		return ret;
	}
	*len = sb.len;
	*out = strbuf_detach(&sb);
	return 0;
}

int util_read_file(const char *path, size_t max, char **out, size_t *len)
{
	return read_file(AT_FDCWD, path, max, out, len, false);
}

int util_read_regular_file(const char *path, size_t max, char **out, size_t *len)
{
	return read_file(AT_FDCWD, path, max, out, len, true);
}

int util_read_regular_file_at(int dfd, const char *name, size_t max, char **out, size_t *len)
{
	return read_file(dfd, name, max, out, len, true);
}

int util_mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, mode) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, mode) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Open a sub-directory for removal, making it accessible first when its
 * mode forbids it (a hostile check may chmod 0 its directories). */
static int open_dir_for_removal(int dfd, const char *name)
{
	int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub < 0 && errno == EACCES && fchmodat(dfd, name, 0700, 0) == 0)
		sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub >= 0)
		fchmod(sub, 0700);
	return sub;
}

#define RM_MAX_DEPTH 32

/* Remove everything inside the directory open at dfd. Async-signal-safe:
 * no allocation, buffers on the stack. Depth does not matter: a directory
 * deeper than RM_MAX_DEPTH is moved up into the top directory (topfd) and
 * removed by a later sweep there, so a 3000-deep chain built by a hostile
 * check neither overflows the stack nor survives. */
static int rm_contents_at(int dfd, int topfd, int depth)
{
	char buf[2048];
	static unsigned long hoisted;
	int ret = 0;
	/* Removing entries while reading never hides the others, but
	 * directories hoisted into the top one arrive during the sweep: the
	 * top is swept again until no hoisted directory is left. */
	for (int again = 1; again;) {
		again = 0;
		int progress = 0;
		unsigned long hoisted_before = hoisted;
		lseek(dfd, 0, SEEK_SET);
		for (;;) {
			long n = syscall(SYS_getdents64, dfd, buf, sizeof(buf));
			if (n < 0)
				return -errno;
			if (n == 0)
				break;
			for (long off = 0; off < n;) {
				struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
				off += e->d_reclen;
				const char *name = e->d_name;
				if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
					continue;
				if (unlinkat(dfd, name, 0) == 0) {
					progress = 1;
					continue;
				}
				if (errno != EISDIR && errno != EPERM)
					continue;
				if (depth >= RM_MAX_DEPTH) {
					char to[64];
					int k = 0;
					unsigned long v = ++hoisted;
					const char prefix[] = ".rr-deep-";
					for (; prefix[k]; k++)
						to[k] = prefix[k];
					char digits[24];
					int nd = 0;
					do {
						digits[nd++] = (char)('0' + v % 10);
						v /= 10;
					} while (v);
					while (nd)
						to[k++] = digits[--nd];
					to[k] = '\0';
					if (renameat(dfd, name, topfd, to) == 0)
						progress = 1;
					else if (!ret)
						ret = -errno;
					continue;
				}
				int sub = open_dir_for_removal(dfd, name);
				if (sub < 0) {
					if (!ret)
						ret = -errno;
					continue;
				}
				int r = rm_contents_at(sub, topfd, depth + 1);
				close(sub);
				if (r && !ret)
					ret = r;
				if (unlinkat(dfd, name, AT_REMOVEDIR) == 0)
					progress = 1;
				else if (!ret && errno != ENOTEMPTY)
					ret = -errno;
			}
		}
		again = dfd == topfd && progress && hoisted != hoisted_before;
	}
	return ret;
}

int util_rm_rf_at(int dirfd, const char *name)
{
	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	int fd = open_dir_for_removal(dirfd, name);
	if (fd < 0)
		return -errno;
	int ret = rm_contents_at(fd, fd, 0);
	close(fd);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && !ret)
		ret = -errno;
	return ret;
}

int util_rm_rf(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno == ENOENT)
		return 0;
	int fd = open_dir_for_removal(AT_FDCWD, path);
	if (fd < 0)
		return -errno;
	int ret = rm_contents_at(fd, fd, 0);
	close(fd);
	if (rmdir(path) < 0 && !ret)
		ret = -errno;
	return ret;
}

/* The registry of temporary directories. Fixed size so the signal handler
 * can walk it without locks or allocation. */
#define TEMPDIR_MAX 16
static char tempdirs[TEMPDIR_MAX][PATH_MAX];
static volatile sig_atomic_t tempdir_used[TEMPDIR_MAX];
static pid_t tempdir_owner;

static void tempdirs_remove_all(void)
{
	/* A forked child (a check, a batch worker) must not remove its
	 * parent's directories. */
	if (getpid() != tempdir_owner)
		return;
	for (int i = 0; i < TEMPDIR_MAX; i++) {
		if (tempdir_used[i]) {
			util_rm_rf(tempdirs[i]);
			tempdir_used[i] = 0;
		}
	}
}

static void (*volatile signal_hook)(void);

void util_set_signal_hook(void (*hook)(void))
{
	signal_hook = hook;
}

static void cleanup_signal(int sig)
{
	int saved = errno;
	if (signal_hook && getpid() == tempdir_owner)
		signal_hook();
	tempdirs_remove_all();
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

void util_install_cleanup_handlers(void)
{
	static int installed;
	if (installed)
		return;
	installed = 1;
	tempdir_owner = getpid();
	atexit(tempdirs_remove_all);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = cleanup_signal;
	sigemptyset(&sa.sa_mask);
	int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

const char *util_tempdir_base(void)
{
	const char *base = getenv("TMPDIR");
	return base && base[0] == '/' ? base : "/tmp";
}

char *util_tempdir(const char *prefix)
{
	return util_tempdir_in(NULL, prefix);
}

char *util_tempdir_in(const char *base, const char *prefix)
{
	util_install_cleanup_handlers();
	if (!base)
		base = util_tempdir_base();
	char *path = xasprintf("%s/%s.XXXXXX", base, prefix);
	if (strlen(path) >= PATH_MAX || !mkdtemp(path)) {
		int e = errno;
		free(path);
		errno = e ? e : ENAMETOOLONG;
		return NULL;
	}
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	int slot = -1;
	for (int i = 0; i < TEMPDIR_MAX; i++) {
		if (!tempdir_used[i]) {
			slot = i;
			break;
		}
	}
	if (slot >= 0) {
		memcpy(tempdirs[slot], path, strlen(path) + 1);
		tempdir_used[slot] = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (slot < 0) {
		rmdir(path);
		free(path);
		errno = EMFILE;
		return NULL;
	}
	return path;
}

void util_tempdir_own_from_here(void)
{
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (int i = 0; i < TEMPDIR_MAX; i++)
		tempdir_used[i] = 0;
	tempdir_owner = getpid();
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void util_tempdir_remove(const char *path)
{
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (int i = 0; i < TEMPDIR_MAX; i++) {
		if (tempdir_used[i] && strcmp(tempdirs[i], path) == 0) {
			util_rm_rf(tempdirs[i]);
			tempdir_used[i] = 0;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* The length of the valid UTF-8 sequence at p (at most n bytes), and its
 * code point in *cp; 0 when the bytes there are not valid UTF-8 (a stray
 * continuation byte, a truncated or overlong sequence, a surrogate, or a
 * code point past U+10FFFF). */
static size_t utf8_decode(const unsigned char *p, size_t n, unsigned *cp)
{
	size_t len;
	unsigned c, min;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2, c = p[0] & 0x1f, min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3, c = p[0] & 0x0f, min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4, c = p[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Code points a terminal acts on rather than shows: C0 and DEL, the C1
 * controls (U+0080..U+009F, which a UTF-8 terminal reads as CSI, OSC, ST,
 * NEL...), and the bidirectional embeddings, overrides and isolates, which
 * reorder what follows them on the line ("Trojan Source"). */
static bool is_terminal_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Text a CI runner acts on rather than shows. GitHub Actions reads
 * "::command::" at the start of a line, after blanks, and its older form
 * "##[command]" anywhere in a line; Azure Pipelines reads "##vso[" and
 * TeamCity "##teamcity[" anywhere. A learner's output in a CI log could
 * then raise annotations, mask text or set variables for later steps.
 * Returns true when the "##" at p opens such a marker: "##", up to 16
 * letters, then "[". */
static bool opens_ci_hash_marker(const unsigned char *p, const unsigned char *end)
{
	if (end - p < 3 || p[0] != '#' || p[1] != '#')
		return false;
	const unsigned char *q = p + 2;
	while (q < end && q - p < 2 + 16 && ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'))
		q++;
	return q < end && *q == '[';
}

void util_escape(struct strbuf *sb, const char *s, size_t n, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	/* Only blanks so far on this line: the text's own start counts as a
	 * line's start, since the caller may print it first on a line. */
	bool line_start = true;
	while (p < end) {
		/* Plain printable ASCII in one run: the common case. A CI marker
		 * (see opens_ci_hash_marker) keeps its first character and has
		 * its second written as \xNN, which no runner reads. */
		const unsigned char *run = p;
		while (p < end && *p >= 0x20 && *p < 0x7f) {
			bool marker = (*p == '#' && opens_ci_hash_marker(p, end)) ||
				      (*p == ':' && line_start && p + 1 < end && p[1] == ':');
			if (marker) {
				strbuf_add(sb, run, (size_t)(p - run));
				strbuf_addf(sb, "%c\\x%02x", p[0], p[1]);
				p += 2;
				run = p;
			} else {
				p++;
			}
			if (p[-1] != ' ')
				line_start = false;
		}
		if (p > run)
			strbuf_add(sb, run, (size_t)(p - run));
		if (p == end)
			break;
		unsigned cp;
		size_t len = utf8_decode(p, (size_t)(end - p), &cp);
		if (len == 0) {
			strbuf_addf(sb, "\\x%02x", *p); /* invalid UTF-8: byte by byte */
			p++;
			line_start = false;
		} else if (cp == '\t' || (cp == '\n' && keep_newlines)) {
			strbuf_add(sb, p, 1);
			p++;
			if (cp == '\n')
				line_start = true;
		} else if (cp == '\n') {
			strbuf_addstr(sb, "\\n");
			p++;
			line_start = true;
		} else if (cp < 0x80 && is_terminal_control(cp)) {
			strbuf_addf(sb, "\\x%02x", cp);
			p++;
			line_start = cp == '\r' || cp == '\v' || cp == '\f';
		} else if (is_terminal_control(cp)) {
			strbuf_addf(sb, "\\u%04x", cp);
			p += len;
			line_start = false;
		} else {
			strbuf_add(sb, p, len);
			p += len;
			line_start = false;
		}
	}
}

void util_fputs_clean(FILE *fp, const char *s, bool keep_newlines)
{
	struct strbuf sb = STRBUF_INIT;
	util_escape(&sb, s, strlen(s), keep_newlines);
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, fp);
	strbuf_release(&sb);
}

const char *util_esc(const char *s)
{
	/* A few rotating buffers, so one printf can quote several values;
	 * the runner prints from one thread (workers are processes). */
	static struct strbuf slot[UTIL_ESC_SLOTS];
	static unsigned next;
	struct strbuf *sb = &slot[next++ % UTIL_ESC_SLOTS];
	sb->len = 0;
	if (!s)
		s = "(null)";
	util_escape(sb, s, strlen(s), false);
	if (!sb->buf)
		strbuf_add(sb, "", 0);
	return sb->buf;
}

int util_cpu_count(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

double util_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool util_valid_id(const char *s)
{
	size_t n = 0;
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (const char *p = s; *p; p++, n++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	}
	return n <= 64;
}

char *util_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	while (la > 1 && a[la - 1] == '/')
		la--;
	while (*b == '/')
		b++;
	return xasprintf("%.*s/%s", (int)la, a, b);
}

unsigned long util_pidns_id(void)
{
	static unsigned long id;
	struct stat st;
	if (!id && stat("/proc/self/ns/pid", &st) == 0)
		id = (unsigned long)st.st_ino;
	return id;
}

bool util_runner_gone(long pid, unsigned long pidns)
{
	if (pid <= 0 || pid == (long)getpid() || !pidns || pidns != util_pidns_id())
		return false;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}
