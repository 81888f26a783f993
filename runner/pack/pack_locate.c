/*
 * pack_locate.c - find a pack by name in the search path (pack_locate.h
 * gives the order). Learners type `roadmap-run security`; authors and CI
 * keep passing paths, which are never reinterpreted.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack_locate.h"
#include "util.h"

#ifndef RR_DATADIR
#define RR_DATADIR "/usr/local/share"
#endif

/* The search path, as a NULL-terminated list the caller frees with
 * free_dirs(). */
static char **search_dirs(void)
{
	size_t n = 0, cap = 8;
	char **dirs = xcalloc(cap + 1, sizeof(char *));
	const char *env = getenv("ROADMAP_RUN_PACKS");
	if (env && *env) {
		char *copy = xstrdup(env), *save = NULL;
		for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
			if (n + 3 >= cap) {
				cap *= 2;
				dirs = xrealloc(dirs, (cap + 1) * sizeof(char *));
			}
			dirs[n++] = xstrdup(d);
		}
		free(copy);
	}
	/* The checkout: the binary is build/roadmap-run (or B/roadmap-run one
	 * level below the top), and the packs are ../exercises. */
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *top = xasprintf("%s/../exercises", exe);
			char *real = realpath(top, NULL);
			free(top);
			if (real)
				dirs[n++] = real;
		}
	}
	dirs[n++] = xstrdup(RR_DATADIR "/roadmap-run/exercises");
	dirs[n] = NULL;
	return dirs;
}

static void free_dirs(char **dirs)
{
	for (size_t i = 0; dirs[i]; i++)
		free(dirs[i]);
	free(dirs);
}

bool pack_locate_is_name(const char *arg)
{
	return util_valid_id(arg);
}

/* dir/name as a pack: a directory holding pack.json, or an archive. */
static char *candidate(const char *dir, const char *name)
{
	static const char *const forms[] = { "%s/%s/pack.json", "%s/%s.tar.gz", "%s/%s-learner.tar.gz" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char *p = xasprintf(forms[i], dir, name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			if (i == 0)
				*strrchr(p, '/') = '\0';
			return p;
		}
		free(p);
	}
	return NULL;
}

char *pack_locate(const char *arg)
{
	struct stat st;
	if (!pack_locate_is_name(arg) || lstat(arg, &st) == 0)
		return xstrdup(arg);
	char **dirs = search_dirs();
	char *found = NULL;
	for (size_t i = 0; dirs[i] && !found; i++)
		found = candidate(dirs[i], arg);
	free_dirs(dirs);
	return found;
}

/* The pack name an entry of a search directory stands for, or NULL. */
static char *entry_name(const char *dir, const char *entry)
{
	size_t len = strlen(entry);
	static const char *const suffixes[] = { "-learner.tar.gz", ".tar.gz" };
	for (size_t i = 0; i < 2; i++) {
		size_t sl = strlen(suffixes[i]);
		if (len > sl && strcmp(entry + len - sl, suffixes[i]) == 0) {
			char *name = xstrndup(entry, len - sl);
			if (util_valid_id(name))
				return name;
			free(name);
			return NULL;
		}
	}
	if (!util_valid_id(entry))
		return NULL;
	char *p = xasprintf("%s/%s/pack.json", dir, entry);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok ? xstrdup(entry) : NULL;
}

void pack_locate_each(void (*fn)(const char *name, const char *path, void *arg), void *arg)
{
	char **dirs = search_dirs();
	size_t n_seen = 0, cap_seen = 0;
	char **seen = NULL;
	for (size_t i = 0; dirs[i]; i++) {
		DIR *d = opendir(dirs[i]);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d))) {
			char *name = entry_name(dirs[i], e->d_name);
			if (!name)
				continue;
			bool dup = false;
			for (size_t k = 0; k < n_seen && !dup; k++)
				dup = strcmp(seen[k], name) == 0;
			if (dup) {
				free(name);
				continue;
			}
			if (n_seen == cap_seen) {
				cap_seen = cap_seen ? cap_seen * 2 : 32;
				seen = xrealloc(seen, cap_seen * sizeof(char *));
			}
			seen[n_seen++] = name;
			char *path = candidate(dirs[i], name);
			if (path)
				fn(name, path, arg);
			free(path);
		}
		closedir(d);
	}
	for (size_t k = 0; k < n_seen; k++)
		free(seen[k]);
	free(seen);
	free_dirs(dirs);
}

struct known {
	struct strbuf names;
	const char *typed;
	char *closest;
	size_t closest_d;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect(const char *name, const char *path, void *arg)
{
	(void)path;
	struct known *k = arg;
	strbuf_addstr(&k->names, name);
	strbuf_addstr(&k->names, "\n");
	size_t d = util_edit_distance(k->typed, name, 2);
	if (d < k->closest_d) {
		free(k->closest);
		k->closest = xstrdup(name);
		k->closest_d = d;
	}
}

void pack_locate_explain(FILE *fp, const char *arg)
{
	struct known k = { STRBUF_INIT, arg, NULL, 3 };
	pack_locate_each(collect, &k);
	fprintf(fp, "error: cannot open '");
	util_fputs_clean(fp, arg, false);
	fprintf(fp, "': No such file or directory, and no pack in the search path has that name\n");
	if (k.closest)
		fprintf(fp, "  did you mean '%s'?\n", k.closest);
	char *all = strbuf_detach(&k.names);
	size_t n = 0;
	char *lines[256];
	for (char *save = NULL, *s = strtok_r(all, "\n", &save); s && n < 256; s = strtok_r(NULL, "\n", &save))
		lines[n++] = s;
	qsort(lines, n, sizeof(lines[0]), cmp_str);
	if (n) {
		fputs("  known packs:", fp);
		for (size_t i = 0; i < n; i++)
			fprintf(fp, " %s", lines[i]);
		fputc('\n', fp);
	}
	fputs("  search path: $ROADMAP_RUN_PACKS, then the checkout's exercises/, then " RR_DATADIR
	      "/roadmap-run/exercises\n", fp);
	free(all);
	free(k.closest);
}
