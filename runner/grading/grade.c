/*
 * grade.c - grade one submission: every selected exercise's checks in
 * order, each in its own sandboxed child (check.c), then the quiz, then
 * the scores (report.c). The submission itself is only ever read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "check_pool.h"
#include "grade.h"
#include "quiz.h"
#include "report.h"
#include "roadmap.h"
#include "util.h"

#define ANSWERS_MAX_BYTES (1024 * 1024)

/* What one exercise directory of a submission may hold. Every check gets
 * its own copy, so without a bound a sparse file of a terabyte (a second to
 * make with truncate) would be written out in full for each check until
 * the disk is full. A learner's code, even with a virtualenv beside it,
 * stays far below these. */
#define GRADE_MAX_EXERCISE_BYTES CHECK_MAX_SUBMISSION_BYTES
#define GRADE_MAX_EXERCISE_ENTRIES CHECK_MAX_SUBMISSION_ENTRIES
#define GRADE_MAX_EXERCISE_DEPTH 64

static bool selected(const struct grade_options *o, const char *id)
{
	if (!o->only_exercises || o->n_only == 0)
		return true;
	for (size_t i = 0; i < o->n_only; i++)
		if (strcmp(o->only_exercises[i], id) == 0)
			return true;
	return false;
}

int grade_hints_used(const char *submission_dir, const char *exercise_id)
{
	char *path = xasprintf("%s/.roadmap-run/hints.json", submission_dir);
	char *text = NULL;
	size_t len = 0;
	int n = 0;
	if (util_read_regular_file(path, 65536, &text, &len) == 0) {
		cJSON *j = cJSON_ParseWithLength(text, len);
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, exercise_id);
		if (cJSON_IsNumber(x) && x->valuedouble >= 0)
			n = x->valueint;
		cJSON_Delete(j);
		free(text);
	}
	free(path);
	return n;
}

/* Load the quiz answers: an explicit file must exist; the default
 * SUBMISSION/answers.json is optional. */
static int load_answers(const struct loaded_pack *lp, const char *submission_dir,
			const struct grade_options *o, cJSON **answers, struct diag_list *d)
{
	*answers = NULL;
	char *path = o->answers_path ? xstrdup(o->answers_path)
				     : util_path_join(submission_dir, "answers.json");
	char *text = NULL;
	size_t len = 0;
	/* An explicit --answers FILE is the caller's own choice (a pipe is
	 * fine); SUBMISSION/answers.json is whatever the submission holds, so
	 * a symlink there (to /etc/shadow, whose first bytes a syntax error
	 * would quote) is not followed and a FIFO (which would block) is not
	 * read. */
	int r = o->answers_path ? util_read_file(path, ANSWERS_MAX_BYTES, &text, &len)
				: util_read_regular_file(path, ANSWERS_MAX_BYTES, &text, &len);
	int ret = 0;
	if (r == -ENOENT && !o->answers_path) {
		ret = 0;
	} else if (r == -ELOOP && !o->answers_path) {
		diag_add(d, DIAG_ERROR, path, NULL, 0, 0,
			 "is a symbolic link; the grader does not follow links in a submission");
		ret = RR_EXIT_INVALID;
	} else if ((r == -EINVAL || r == -EISDIR) && !o->answers_path) {
		diag_add(d, DIAG_ERROR, path, NULL, 0, 0, "must be a regular file");
		ret = RR_EXIT_INVALID;
	} else if (r == -EFBIG) {
		diag_add(d, DIAG_ERROR, path, NULL, 0, 0, "answers file is larger than 1 MiB");
		ret = RR_EXIT_INVALID;
	} else if (r < 0) {
		diag_add(d, DIAG_ERROR, path, NULL, 0, 0, "cannot read the answers: %s", strerror(-r));
		ret = RR_EXIT_INVALID;
	} else if (lp->m.quiz) {
		ret = quiz_parse_answers(text, len, path, lp->m.quiz, answers, d);
	}
	free(text);
	free(path);
	return ret;
}

/* The exercise's name folded for a loose comparison: lower case, and
 * '_' or ' ' read as '-' ("Codes", "CODES", "my_codes"). */
static void fold_name(const char *in, char *out, size_t len)
{
	size_t i = 0;
	for (; in[i] && i + 1 < len; i++) {
		char c = in[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : (c == '_' || c == ' ') ? '-' : c;
	}
	out[i] = '\0';
}

/* When SUBMISSION/<id> does not exist: what in the submission looks like
 * the exercise put in the wrong place, the most common upload mistake
 * (a folder "Codes/" for "codes", or the exercise's own files at the top).
 * Returns a message (caller frees) or NULL when nothing looks misplaced. */
static char *misplaced_exercise(const struct loaded_pack *lp, const struct exercise_def *ex,
				const char *submission_dir, const char *src)
{
	struct stat st;
	if (lstat(src, &st) == 0 || errno != ENOENT)
		return NULL;
	DIR *d = opendir(submission_dir);
	if (!d)
		return NULL;
	char want[128], got[128];
	fold_name(ex->id, want, sizeof(want));
	char *found_dir = NULL;
	struct strbuf top_files = STRBUF_INIT;
	size_t n_top = 0;
	char *starter = util_path_join(lp->pack.root, ex->starter);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		fold_name(e->d_name, got, sizeof(got));
		if (!found_dir && strcmp(got, want) == 0) {
			found_dir = xstrdup(e->d_name);
			continue;
		}
		/* a file of the starter at the top of the submission */
		char *in_starter = util_path_join(starter, e->d_name);
		if (lstat(in_starter, &st) == 0 && S_ISREG(st.st_mode) && n_top < 3) {
			strbuf_addf(&top_files, "%s'%s'", n_top ? ", " : "", e->d_name);
			n_top++;
		}
		free(in_starter);
	}
	closedir(d);
	free(starter);
	char *msg = NULL;
	if (found_dir)
		msg = xasprintf("there is no directory '%s' in the submission, but there is '%s': the "
				"directory must be named exactly '%s'", ex->id, found_dir, ex->id);
	else if (n_top)
		msg = xasprintf("there is no directory '%s' in the submission, but %s %s at its top: "
				"the exercise's files belong in '%s/'", ex->id, top_files.buf,
				n_top == 1 ? "is" : "are", ex->id);
	free(found_dir);
	strbuf_release(&top_files);
	return msg;
}

/* Edit distance of two short names (insertions, deletions, changes), at
 * most 64 bytes each; more than that is "far". */
static size_t name_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65];
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The known name an unknown top-level entry was probably meant to be:
 * "codes/" for "Codes", "codes.py", "code" or "my_codes"... compared
 * folded, without a file's extension, within a small edit distance; NULL
 * when none is near. */
static const char *near_miss(const struct loaded_pack *lp, const char *entry, bool is_dir)
{
	char got[128], want[128];
	fold_name(entry, got, sizeof(got));
	char *dot = strrchr(got, '.');
	if (!is_dir && dot && dot != got)
		*dot = '\0';
	if (strncmp(got, "answer", 6) == 0 || name_distance(got, "answers") <= 2)
		return "answers.json";
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	for (size_t i = 0; i < lp->m.n_exercises; i++) {
		fold_name(lp->m.exercises[i].id, want, sizeof(want));
		size_t dist = name_distance(got, want), len = strlen(want);
		size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
		if (dist <= limit && dist < best_d) {
			best = lp->m.exercises[i].id;
			best_d = dist;
		}
	}
	return best;
}

#define UNKNOWN_ENTRIES_MAX 20

/* The submission's top-level entries that the grader does not read: not
 * an exercise of the pack, answers.json, a workspace's report.json or a
 * hidden file. Each is {"name", "did_you_mean"?}; NULL when there are
 * none. Sets *more to the count beyond UNKNOWN_ENTRIES_MAX. */
static cJSON *unknown_entries(const struct loaded_pack *lp, const char *submission_dir,
			      size_t *more)
{
	DIR *d = opendir(submission_dir);
	struct dirent *e;
	char *names[UNKNOWN_ENTRIES_MAX];
	bool dirs[UNKNOWN_ENTRIES_MAX];
	size_t n = 0;

	*more = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		const char *name = e->d_name;
		if (name[0] == '.' || strcmp(name, "answers.json") == 0 ||
		    strcmp(name, "report.json") == 0)
			continue;
		bool known = false;
		for (size_t i = 0; i < lp->m.n_exercises && !known; i++)
			known = strcmp(name, lp->m.exercises[i].id) == 0;
		if (known)
			continue;
		if (n == UNKNOWN_ENTRIES_MAX) {
			(*more)++;
			continue;
		}
		struct stat st;
		dirs[n] = fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		names[n++] = xstrdup(name);
	}
	closedir(d);
	if (!n)
		return NULL;
	/* readdir order is the file system's: by name, for stable reports */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			bool td = dirs[j];
			names[j] = names[j - 1];
			dirs[j] = dirs[j - 1];
			names[j - 1] = t;
			dirs[j - 1] = td;
		}
	cJSON *list = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", names[i]);
		const char *hint = near_miss(lp, names[i], dirs[i]);
		if (hint) {
			char *h = strcmp(hint, "answers.json") == 0 ? xstrdup(hint) : xasprintf("%s/", hint);
			cJSON_AddStringToObject(o, "did_you_mean", h);
			free(h);
		}
		cJSON_AddItemToArray(list, o);
		free(names[i]);
	}
	return list;
}

/* One line for the terminal and the gradebook: "'Codes' (did you mean
 * 'codes/'?), 'notes.txt'". Caller frees. */
char *grade_unknown_entries_text(const cJSON *list, size_t more)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *o;
	cJSON_ArrayForEach(o, list) {
		const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
		const char *hint = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "did_you_mean"));
		strbuf_addf(&sb, "%s'%s'", sb.len ? ", " : "", name ? name : "");
		if (hint)
			strbuf_addf(&sb, " (did you mean '%s'?)", hint);
	}
	if (more)
		strbuf_addf(&sb, " and %zu more", more);
	return strbuf_detach(&sb);
}

/* Whether an answers file named with --answers exists and can be opened:
 * then what is wrong is its content, which fails only the quiz. */
static bool answers_file_readable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode) && access(path, R_OK) == 0;
}

struct ex_walk {
	const char *top;     /* SUBMISSION/<exercise-id>, for messages */
	long long bytes;     /* apparent sizes: holes of sparse files count */
	long entries;
	long long big_size;
	char big[256];       /* the largest file, relative to top */
	char problem[1024];
};

__attribute__((format(printf, 2, 3)))
static int walk_problem(struct ex_walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->problem, sizeof(w->problem), fmt, ap);
	va_end(ap);
	return -1;
}

/* Measure the tree open at dfd (consumed), rel being its path below top.
 * Never follows a symlink, never opens anything but directories and, to
 * see that they can be read, regular files (non-blocking, so a FIFO put in
 * place meanwhile cannot hang us). Returns 0, or -1 with w->problem set. */
static int walk_exercise(int dfd, const char *rel, struct ex_walk *w, int depth)
{
	DIR *dir = fdopendir(dfd);
	int ret = 0;
	if (!dir) {
		close(dfd);
		return walk_problem(w, "cannot read '%s/%s': %s", w->top, rel, strerror(errno));
	}
	struct dirent *e;
	while (!ret && (errno = 0, e = readdir(dir))) {
		const char *n = e->d_name;
		if (n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])))
			continue;
		char *path = *rel ? xasprintf("%s/%s", rel, n) : xstrdup(n);
		struct stat st;
		if (++w->entries > GRADE_MAX_EXERCISE_ENTRIES) {
			ret = walk_problem(w, "'%s' holds more than %ld files and directories, too many "
					   "to copy into each check; remove what the exercise does not need",
					   w->top, GRADE_MAX_EXERCISE_ENTRIES);
		} else if (fstatat(dirfd(dir), n, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			ret = walk_problem(w, "cannot read '%s/%s': %s", w->top, path, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(dir), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (depth + 1 > GRADE_MAX_EXERCISE_DEPTH)
				ret = walk_problem(w, "'%s/%s' is nested deeper than %d directories",
						   w->top, path, GRADE_MAX_EXERCISE_DEPTH);
			else if (sub < 0)
				ret = walk_problem(w, "cannot read '%s/%s': %s", w->top, path, strerror(errno));
			else
				ret = walk_exercise(sub, path, w, depth + 1), sub = -1;
			if (sub >= 0)
				close(sub);
		} else if (S_ISREG(st.st_mode)) {
			w->bytes += st.st_size;
			if (st.st_size > w->big_size) {
				w->big_size = st.st_size;
				snprintf(w->big, sizeof(w->big), "%s", path);
			}
			int fd = openat(dirfd(dir), n, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
			if (fd < 0)
				ret = walk_problem(w, "cannot read '%s/%s': %s", w->top, path, strerror(errno));
			else
				close(fd);
			if (!ret && w->bytes > GRADE_MAX_EXERCISE_BYTES)
				ret = walk_problem(w, "'%s' holds more than %ld MiB, too much to copy into each "
						   "check (the largest file is '%s', %.1f MiB); remove large files",
						   w->top, GRADE_MAX_EXERCISE_BYTES >> 20, w->big,
						   (double)w->big_size / (1024 * 1024));
		}
		/* Symlinks, FIFOs, sockets and devices are not copied (or only as
		 * links): nothing to measure. */
		free(path);
	}
	if (!ret && errno)
		ret = walk_problem(w, "cannot read '%s/%s': %s", w->top, rel, strerror(errno));
	closedir(dir);
	return ret;
}

/* Why SUBMISSION/<exercise-id> cannot be graded, or NULL when it can: it is
 * missing (graded as empty) or a directory within the bounds above. The
 * reason is written to buf. */
static const char *exercise_problem(const char *src, char *buf, size_t len)
{
	struct stat st;
	if (lstat(src, &st) < 0) {
		if (errno == ENOENT)
			return NULL;
		snprintf(buf, len, "cannot read '%s': %s", src, strerror(errno));
		return buf;
	}
	if (S_ISLNK(st.st_mode)) {
		snprintf(buf, len, "'%s' is a symbolic link; the grader never follows links out of a "
			 "submission: put the exercise's files in a directory there", src);
		return buf;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(buf, len, "'%s' must be a directory holding the exercise's files", src);
		return buf;
	}
	struct ex_walk w = { .top = src };
	int fd = open(src, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(buf, len, "cannot read '%s': %s", src, strerror(errno));
		return buf;
	}
	if (walk_exercise(fd, "", &w, 0) == 0)
		return NULL;
	snprintf(buf, len, "%s", w.problem);
	return buf;
}

int grade_parse_pass_mark(const char *text, double *mark)
{
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (end == text || *end || errno || !(v >= 0 && v <= 100))
		return -1;
	*mark = v;
	return 0;
}

bool grade_reaches_pass_mark(double score, double max, double mark)
{
	/* the tolerance keeps 2/3 at 66.666...% equal to a mark of 66.6666666667 */
	return max <= 0 || score * 100.0 >= mark * max - 1e-9;
}

int grade_exit_status_at(const cJSON *report, double mark)
{
	if (mark < 0)
		return grade_exit_status(report);
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(report, "status");
	if (cJSON_IsString(st) && strcmp(st->valuestring, "error") == 0)
		return RR_EXIT_FAIL;
	double score = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "score"));
	double max = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "max_score"));
	return grade_reaches_pass_mark(score, max, mark) ? RR_EXIT_PASS : RR_EXIT_FAIL;
}

int grade_exit_status(const cJSON *report)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(report, "status");
	return cJSON_IsString(st) && strcmp(st->valuestring, "pass") == 0 ? RR_EXIT_PASS : RR_EXIT_FAIL;
}

/* A check's place in the report: every check's report object in pack
 * order, whoever runs it: this process, one check after another, or a
 * check pool's workers in any order. */
struct slot {
	cJSON *checks; /* its exercise's "checks" array */
	const char *exercise_id;
	cJSON *report; /* NULL until done */
};

/* File every finished check of slots[*filed..] up to the first that is
 * still running, in order, telling on_check of each. */
static void file_done_checks(struct slot *slots, size_t n, size_t *filed, const struct grade_options *o)
{
	for (; *filed < n && slots[*filed].report; (*filed)++) {
		struct slot *s = &slots[*filed];
		cJSON_AddItemToArray(s->checks, s->report);
		if (o->on_check)
			o->on_check(s->exercise_id, s->report, o->on_check_arg);
	}
}

int grade_submission(const struct loaded_pack *lp, struct sandbox *sb, const char *submission_dir,
		     const struct grade_options *o, struct diag_list *d, cJSON **report_out)
{
	struct stat st;
	*report_out = NULL;
	if (stat(submission_dir, &st) < 0) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "submission '%s': %s", submission_dir,
			 errno == ENOENT ? "no such directory" : strerror(errno));
		return RR_EXIT_INVALID;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "submission '%s' is not a directory; it must hold one directory per exercise",
			 submission_dir);
		return RR_EXIT_INVALID;
	}
	cJSON *answers = NULL;
	/* A broken answers file fails the quiz, not the exercises: they are
	 * graded, and the quiz scores 0 with the reason (quiz.error). An
	 * answers file the caller named (--answers) that cannot be opened is
	 * the caller's mistake and stops here. */
	size_t diag_mark = d->n;
	int r = load_answers(lp, submission_dir, o, &answers, d);
	char *quiz_error = NULL;
	if (r == RR_EXIT_INVALID && (!o->answers_path || answers_file_readable(o->answers_path))) {
		quiz_error = diag_join(d, diag_mark);
		for (size_t i = diag_mark; i < d->n; i++) /* graded anyway: not an error */
			d->items[i].severity = DIAG_WARNING;
	}
	else if (r)
		return r;
	char *scratch = util_tempdir_in(check_scratch_base(sb), "roadmap-run-work");
	if (!scratch) {
		diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0,
			 "cannot create a temporary directory in '%s': %s (TMPDIR must name a "
			 "writable directory)", util_tempdir_base(), strerror(errno));
		cJSON_Delete(answers);
		return RR_EXIT_INTERNAL;
	}
	/* Checks may run as another uid: let them reach (not list) their
	 * own work directories below this one. */
	chmod(scratch, 0711);
	double t0 = util_now();

	cJSON *rep = cJSON_CreateObject();
	cJSON_AddNumberToObject(rep, "report_version", RR_REPORT_VERSION);
	cJSON *runner = cJSON_AddObjectToObject(rep, "runner");
	cJSON_AddStringToObject(runner, "name", RR_NAME);
	cJSON_AddStringToObject(runner, "version", RR_VERSION);
	cJSON *pack = cJSON_AddObjectToObject(rep, "pack");
	cJSON_AddStringToObject(pack, "id", lp->m.id);
	cJSON_AddStringToObject(pack, "title", lp->m.title);
	cJSON_AddStringToObject(pack, "version", lp->m.version);
	cJSON_AddNumberToObject(pack, "stage", lp->m.stage);
	cJSON_AddStringToObject(pack, "digest", lp->pack.digest);
	cJSON_AddStringToObject(rep, "track", lp->m.track ? lp->m.track : MANIFEST_BASE_TRACK);
	cJSON_AddStringToObject(rep, "submission", o->submission_label ? o->submission_label : submission_dir);
	cJSON_AddStringToObject(rep, "status", "fail");
	cJSON_AddNumberToObject(rep, "score", 0);
	cJSON_AddNumberToObject(rep, "max_score", 0);
	cJSON *exercises = cJSON_AddArrayToObject(rep, "exercises");

	/* Each check is filed (and on_check told) once every check before it
	 * is: the output and the report never depend on which check of a
	 * pool finished first. */
	size_t n_slots = 0, filed = 0;
	for (size_t i = 0; i < lp->m.n_exercises; i++)
		if (selected(o, lp->m.exercises[i].id))
			n_slots += lp->m.exercises[i].n_checks;
	struct slot *slots = xcalloc(n_slots ? n_slots : 1, sizeof(*slots));
	size_t *slot_of_ticket = xcalloc(n_slots ? n_slots : 1, sizeof(*slot_of_ticket));
	size_t n_tickets = 0, first_ticket = 0, k = 0;
	int ret = 0;

	for (size_t i = 0; i < lp->m.n_exercises; i++) {
		const struct exercise_def *ex = &lp->m.exercises[i];
		if (!selected(o, ex->id))
			continue;
		cJSON *eo = cJSON_CreateObject();
		cJSON_AddStringToObject(eo, "id", ex->id);
		cJSON_AddStringToObject(eo, "title", ex->title);
		cJSON_AddStringToObject(eo, "status", "fail");
		cJSON_AddNumberToObject(eo, "score", 0);
		cJSON_AddNumberToObject(eo, "max_score", ex->max_score);
		cJSON_AddNumberToObject(eo, "hints_used", grade_hints_used(submission_dir, ex->id));
		cJSON *checks = cJSON_AddArrayToObject(eo, "checks");
		char *src = util_path_join(submission_dir, ex->id);
		char why[1024];
		const char *problem = exercise_problem(src, why, sizeof(why));
		char *misplaced = problem ? NULL : misplaced_exercise(lp, ex, submission_dir, src);
		if (misplaced) {
			diag_add(d, DIAG_WARNING, NULL, NULL, 0, 0, "exercise '%s' graded as empty: %s",
				 ex->id, misplaced);
			cJSON_AddStringToObject(eo, "warning", misplaced);
			free(misplaced);
		}
		if (problem)
			diag_add(d, DIAG_WARNING, NULL, NULL, 0, 0, "exercise '%s' not graded: %s",
				 ex->id, problem);
		for (size_t j = 0; j < ex->n_checks; j++, k++) {
			slots[k] = (struct slot){ checks, ex->id, NULL };
			if (problem) {
				slots[k].report = check_not_run(&ex->checks[j], problem);
			} else if (o->pool) {
				struct check_pool_job job = { .exercise = i, .check = j, .src = src };
				size_t t = check_pool_submit(o->pool, &job);
				if (n_tickets++ == 0)
					first_ticket = t;
				slot_of_ticket[t - first_ticket] = k;
			} else {
				slots[k].report = check_run(sb, lp->pack.root, ex, &ex->checks[j], src, scratch);
			}
			file_done_checks(slots, n_slots, &filed, o);
		}
		free(src);
		cJSON_AddItemToArray(exercises, eo);
	}
	while (n_tickets > 0 && !ret) {
		size_t t;
		cJSON *co;
		char err[512];
		int w = check_pool_wait(o->pool, &t, &co, err, sizeof(err));
		if (w == 1)
			break;
		if (w < 0 || t < first_ticket || t - first_ticket >= n_tickets) {
			diag_add(d, DIAG_ERROR, NULL, NULL, 0, 0, "%s",
				 w < 0 ? err : "internal error: a check's result from another run");
			cJSON_Delete(co);
			ret = RR_EXIT_INTERNAL;
			break;
		}
		slots[slot_of_ticket[t - first_ticket]].report = co;
		file_done_checks(slots, n_slots, &filed, o);
		if (filed == n_slots)
			break;
	}
	for (size_t i = filed; i < n_slots; i++)
		cJSON_Delete(slots[i].report);
	free(slots);
	free(slot_of_ticket);
	if (ret) {
		util_tempdir_remove(scratch);
		free(scratch);
		cJSON_Delete(answers);
		cJSON_Delete(rep);
		free(quiz_error);
		return ret;
	}

	cJSON *quiz;
	if (lp->m.quiz && o->n_only == 0) {
		quiz = quiz_grade(lp->m.quiz, answers);
		if (quiz_error)
			cJSON_AddStringToObject(quiz, "error", quiz_error);
	} else {
		quiz = cJSON_CreateObject();
		cJSON_AddNumberToObject(quiz, "score", 0);
		cJSON_AddNumberToObject(quiz, "max_score", 0);
		cJSON_AddArrayToObject(quiz, "questions");
	}
	cJSON_AddItemToObject(rep, "quiz", quiz);
	size_t more = 0;
	cJSON *unknown = unknown_entries(lp, submission_dir, &more);
	if (unknown) {
		char *text = grade_unknown_entries_text(unknown, more);
		diag_add(d, DIAG_WARNING, NULL, NULL, 0, 0, "submission entries not graded (no exercise of the pack "
			 "has their name): %s", text);
		free(text);
		cJSON_AddItemToObject(rep, "unknown_entries", unknown);
		if (more)
			cJSON_AddNumberToObject(rep, "unknown_entries_more", (double)more);
	}
	if (o->n_only > 0)
		cJSON_AddBoolToObject(rep, "partial", true);
	cJSON_AddItemToObject(rep, "sandbox", report_sandbox_object(sandbox_get_layers(sb)));
	cJSON_AddNumberToObject(rep, "duration_ms", (double)(long)((util_now() - t0) * 1000 + 0.5));
	report_finalize(rep);

	util_tempdir_remove(scratch);
	free(scratch);
	cJSON_Delete(answers);
	*report_out = rep;
	free(quiz_error);
	return 0;
}
