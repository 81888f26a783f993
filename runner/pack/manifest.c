/*
 * manifest.c - pack.json, validated strictly against pack format 1.
 *
 * Validation never stops at the first problem: every rule appends to the
 * diag_list with the JSON path of the offending value, so an author fixes a
 * pack in one round. Only when there is no error is the manifest filled in;
 * a half-valid manifest is never handed to the grader.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jsontext.h"
#include "manifest.h"
#include "pathsafe.h"
#include "quiz.h"
#include "roadmap.h"
#include "util.h"

#define MANIFEST_MAX_BYTES (4 * 1024 * 1024)

struct vctx {
	struct diag_list *d;
	const char *file;
	const char *root; /* pack root, or NULL to skip file checks */
	const char *support; /* the pack's support directory, once parsed */
	const char *text;    /* the manifest's text, to give each problem a line and column */
	size_t len;
};

/* The one table of check kinds' names (enum check_kind). */
static const char *const check_kind_names[] = {
	[CHECK_KIND_EXIT] = "exit", [CHECK_KIND_TAP] = "tap", [CHECK_KIND_OUTPUT] = "output",
};

const char *manifest_check_kind_name(enum check_kind k)
{
	return check_kind_names[k];
}

int manifest_check_kind_parse(const char *name, enum check_kind *k)
{
	for (size_t i = 0; i < sizeof(check_kind_names) / sizeof(check_kind_names[0]); i++)
		if (strcmp(name, check_kind_names[i]) == 0) {
			*k = (enum check_kind)i;
			return 0;
		}
	return -1;
}

__attribute__((format(printf, 3, 4)))
static void verr(struct vctx *v, const char *where, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	int line = 0, col = 0;
	if (v->text && where)
		jsontext_line_col(v->text, jsontext_locate(v->text, v->len, where), &line, &col);
	diag_add(v->d, DIAG_ERROR, v->file, where, line, col, "%s", msg);
}

/* True when a syntax error at offset off is really the file ending too
 * early (a truncated download, a missing brace): text ends inside a string,
 * or inside an open object or array with nothing after off but what could
 * have continued a value. cJSON then points at the last character it read,
 * which is not what the author needs to hear. */
static bool json_ends_early(const char *text, size_t len, size_t off)
{
	long depth;
	bool in_string;
	jsontext_scan(text, len, &depth, &in_string);
	if (in_string)
		return true;
	if (depth <= 0)
		return false;
	for (size_t i = off; i < len; i++)
		if (!strchr(" \t\r\n,:0123456789+-.eEtrufalsn", text[i]) || !text[i])
			return false;
	return true;
}

/* Offset of the first byte that is not part of valid UTF-8 (RFC 3629: no
 * overlong forms, surrogates or code points above U+10FFFF), or len. */
static size_t invalid_utf8_at(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			lo = c == 0xE0 ? 0xA0 : 0x80;
			hi = c == 0xED ? 0x9F : 0xBF;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			lo = c == 0xF0 ? 0x90 : 0x80;
			hi = c == 0xF4 ? 0x8F : 0xBF;
		} else {
			return i;
		}
		if (i + n > len || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += n;
	}
	return len;
}

/* Nesting depth of objects and arrays just before offset off. */
static long json_depth_at(const char *text, size_t off)
{
	long depth;
	bool in_string;
	jsontext_scan(text, off, &depth, &in_string);
	return depth;
}

static bool allowed_key(const char *key, const char *const *allowed)
{
	if (strncmp(key, "x-", 2) == 0)
		return true;
	for (; *allowed; allowed++)
		if (strcmp(key, *allowed) == 0)
			return true;
	return false;
}

/* Unknown and duplicate keys. A misspelt "timout" must not be ignored, and
 * cJSON silently keeps both copies of a duplicate key. Duplicates are found
 * by sorting, not by comparing every pair: an object may hold hundreds of
 * thousands of "x-" keys. Problems are reported in document order. */
static void check_keys(struct vctx *v, const cJSON *obj, const char *where,
		       const char *const *allowed)
{
	size_t n, i;
	bool *dup = jsontext_duplicate_keys(obj, &n);
	i = 0;
	for (const cJSON *c = obj->child; c; c = c->next, i++) {
		bool unknown = !allowed_key(c->string, allowed);
		if (!unknown && !dup[i])
			continue;
		char *path = *where ? xasprintf("%s.%s", where, c->string) : xstrdup(c->string);
		if (unknown)
			verr(v, path, "unknown field (allowed: see docs/pack-format.md; use an \"x-\" prefix for your own fields)");
		if (dup[i])
			verr(v, path, "duplicate key");
		free(path);
	}
	free(dup);
}

static char *sub(const char *where, const char *key)
{
	return *where ? xasprintf("%s.%s", where, key) : xstrdup(key);
}

/* Fetch a string field; reports a missing required or mistyped value.
 * Returns NULL when absent or wrong. */
static const char *get_string(struct vctx *v, const cJSON *obj, const char *where,
			      const char *key, bool required)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
	char *path = sub(where, key);
	const char *ret = NULL;
	if (!x) {
		if (required)
			verr(v, path, "missing (required)");
	} else if (!cJSON_IsString(x)) {
		verr(v, path, "must be a string");
	} else if (required && !*x->valuestring) {
		verr(v, path, "must not be empty");
	} else {
		ret = x->valuestring;
	}
	free(path);
	return ret;
}

static bool is_integer(const cJSON *x)
{
	return cJSON_IsNumber(x) && isfinite(x->valuedouble) &&
	       x->valuedouble == floor(x->valuedouble);
}

/* Integer field in [lo, hi]; returns dflt when absent, or when invalid. */
static long get_int(struct vctx *v, const cJSON *obj, const char *where, const char *key,
		    bool required, long lo, long hi, long dflt)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
	char *path = sub(where, key);
	long ret = dflt;
	if (!x) {
		if (required)
			verr(v, path, "missing (required)");
	} else if (!is_integer(x)) {
		verr(v, path, "must be an integer");
	} else if (x->valuedouble < (double)lo || x->valuedouble > (double)hi) {
		verr(v, path, "must be between %ld and %ld, got %.0f", lo, hi, x->valuedouble);
	} else {
		ret = (long)x->valuedouble;
	}
	free(path);
	return ret;
}

static bool get_bool(struct vctx *v, const cJSON *obj, const char *where, const char *key, bool dflt)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!x)
		return dflt;
	if (!cJSON_IsBool(x)) {
		char *path = sub(where, key);
		verr(v, path, "must be true or false");
		free(path);
		return dflt;
	}
	return cJSON_IsTrue(x);
}

static const char *get_id(struct vctx *v, const cJSON *obj, const char *where)
{
	const char *id = get_string(v, obj, where, "id", true);
	if (id && !util_valid_id(id)) {
		char *path = sub(where, "id");
		verr(v, path, "'%s' is not a valid id: use [a-z0-9][a-z0-9-]*, at most 64 characters", id);
		free(path);
		return NULL;
	}
	return id;
}

/* Overlay the limits present in obj onto *lim. */
static void get_limits(struct vctx *v, const cJSON *obj, const char *where, struct limits *lim)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, "timeout");
	if (t) {
		char *path = sub(where, "timeout");
		if (!cJSON_IsNumber(t) || !isfinite(t->valuedouble))
			verr(v, path, "must be a number of CPU seconds");
		else if (t->valuedouble <= 0 || t->valuedouble > 600)
			verr(v, path, "must be more than 0 and at most 600 CPU seconds, got %g", t->valuedouble);
		else
			lim->timeout = t->valuedouble;
		free(path);
	}
	lim->memory_mb = get_int(v, obj, where, "memory_mb", false, 16, 16384, lim->memory_mb);
	lim->processes = get_int(v, obj, where, "processes", false, 1, 4096, lim->processes);
	lim->output_kb = get_int(v, obj, where, "output_kb", false, 1, 65536, lim->output_kb);
}

enum want_kind { WANT_FILE, WANT_DIR };

/* A pack-relative path: syntactically safe, and (with a pack root) present,
 * of the right kind and inside the pack once symlinks are resolved. */
static const char *get_path(struct vctx *v, const cJSON *obj, const char *where,
			    const char *key, bool required, enum want_kind kind, bool must_exist)
{
	const char *p = get_string(v, obj, where, key, required);
	if (!p)
		return NULL;
	char *path = sub(where, key);
	const char *why = NULL;
	if (!pathsafe_relative_ok(p, &why)) {
		verr(v, path, "'%s' %s; paths must be relative and stay inside the pack", p, why);
		p = NULL;
	} else if (v->root) {
		char *resolved = NULL, *joined = util_path_join(v->root, p);
		struct stat st;
		/* The final name must not be a link: the digest, `roadmap-run
		 * pack` and the copies into each check never follow one, so a
		 * linked prompt would be left out of the digest and the archive,
		 * and a linked directory refused at the first check. */
		bool link = lstat(joined, &st) == 0 && S_ISLNK(st.st_mode);
		free(joined);
		int r = link ? 0 : pathsafe_resolve_inside(v->root, p, &resolved);
		if (link) {
			verr(v, path, "'%s' is a symbolic link; a pack may not hold links there (they are "
			     "not hashed, packed or copied): make it a real %s", p,
			     kind == WANT_DIR ? "directory" : "file");
			p = NULL;
		} else if (r == -EXDEV) {
			verr(v, path, "'%s' resolves outside the pack", p);
			p = NULL;
		} else if (r == -ENOENT) {
			if (must_exist) {
				verr(v, path, "'%s' does not exist in the pack", p);
				p = NULL;
			}
		} else if (r < 0) {
			verr(v, path, "'%s': %s", p, strerror(-r));
			p = NULL;
		} else if (stat(resolved, &st) == 0) {
			if (kind == WANT_DIR && !S_ISDIR(st.st_mode)) {
				verr(v, path, "'%s' must be a directory", p);
				p = NULL;
			} else if (kind == WANT_FILE && !S_ISREG(st.st_mode)) {
				verr(v, path, "'%s' must be a regular file", p);
				p = NULL;
			}
		}
		free(resolved);
	}
	free(path);
	return p;
}

static const char *const check_keys_allowed[] = {
	"id", "run", "points", "kind", "hidden", "description", "expected", "stdin",
	"compare", "network", "timeout", "memory_mb", "processes", "output_kb", NULL
};

/* Whether rel (inside tests/) is a regular file in dir, inside the pack. */
static bool tests_file_in(const struct vctx *v, const char *dir, const char *rel)
{
	char *p = util_path_join(dir, rel);
	char *resolved = NULL;
	struct stat st;
	bool ok = pathsafe_resolve_inside(v->root, p, &resolved) == 0 && stat(resolved, &st) == 0 &&
		  S_ISREG(st.st_mode);
	free(resolved);
	free(p);
	return ok;
}

/* A file under the check's tests/ directory ("tests/expected.txt"): it must
 * exist in the exercise's tests directory or in the pack's support
 * directory (which a check sees merged into tests/). */
static char *get_tests_file(struct vctx *v, const cJSON *c, const char *where,
			    const char *key, bool required, const char *tests_dir)
{
	const char *p = get_string(v, c, where, key, required);
	if (!p)
		return NULL;
	char *path = sub(where, key);
	const char *why = NULL;
	char *ret = NULL;
	if (strncmp(p, "tests/", 6) != 0 || !p[6]) {
		verr(v, path, "'%s' must name a file inside tests/, e.g. \"tests/expected.txt\"", p);
	} else if (!pathsafe_relative_ok(p, &why)) {
		verr(v, path, "'%s' %s", p, why);
	} else {
		ret = xstrdup(p);
		if (v->root && tests_dir && !tests_file_in(v, tests_dir, p + 6) &&
		    !(v->support && tests_file_in(v, v->support, p + 6))) {
			char *rel = util_path_join(tests_dir, p + 6);
			verr(v, path, "'%s' is not a file in the exercise's tests directory ('%s')%s", p, rel,
			     v->support ? " or in the pack's support directory" : "");
			free(rel);
			free(ret);
			ret = NULL;
		}
	}
	free(path);
	return ret;
}

/* obj's "run": a non-empty array of strings, the argv. */
static void get_argv(struct vctx *v, const cJSON *obj, const char *where, char ***argv, size_t *len)
{
	const cJSON *run = cJSON_GetObjectItemCaseSensitive(obj, "run");
	char *rpath = sub(where, "run");
	if (!run) {
		verr(v, rpath, "missing (required)");
	} else if (!cJSON_IsArray(run) || cJSON_GetArraySize(run) == 0) {
		verr(v, rpath, "must be a non-empty array of strings (the argv)");
	} else {
		size_t n = (size_t)cJSON_GetArraySize(run), i = 0;
		*argv = xcalloc(n + 1, sizeof(char *));
		for (const cJSON *a = run->child; a; a = a->next, i++) {
			if (!cJSON_IsString(a)) {
				char *ap = xasprintf("%s[%zu]", rpath, i);
				verr(v, ap, "must be a string");
				free(ap);
				(*argv)[i] = xstrdup("");
			} else {
				(*argv)[i] = xstrdup(a->valuestring);
			}
		}
		*len = n;
		if (!*(*argv)[0])
			verr(v, rpath, "the command (run[0]) must not be empty");
	}
	free(rpath);
}

static enum check_network get_network(struct vctx *v, const cJSON *obj, const char *where)
{
	const char *net = get_string(v, obj, where, "network", false);
	if (!net || strcmp(net, "none") == 0)
		return CHECK_NET_NONE;
	if (strcmp(net, "loopback") == 0)
		return CHECK_NET_LOOPBACK;
	char *kp = sub(where, "network");
	verr(v, kp, "'%s' must be \"none\" or \"loopback\"", net);
	free(kp);
	return CHECK_NET_NONE;
}

static void parse_check(struct vctx *v, const cJSON *c, const char *where,
			const struct limits *inherited, const char *tests_dir,
			struct check_def *out)
{
	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(c)) {
		verr(v, where, "must be an object");
		return;
	}
	check_keys(v, c, where, check_keys_allowed);
	const char *id = get_id(v, c, where);
	out->id = id ? xstrdup(id) : NULL;

	get_argv(v, c, where, &out->run, &out->run_len);

	out->points = (int)get_int(v, c, where, "points", true, 0, 1000000, 0);
	out->hidden = get_bool(v, c, where, "hidden", false);
	const char *desc = get_string(v, c, where, "description", false);
	out->description = desc ? xstrdup(desc) : NULL;

	const char *kind = get_string(v, c, where, "kind", false);
	out->kind = CHECK_KIND_EXIT;
	if (kind) {
		if (manifest_check_kind_parse(kind, &out->kind) < 0) {
			char *kp = sub(where, "kind");
			verr(v, kp, "'%s' is not a check kind: use \"exit\", \"tap\" or \"output\"", kind);
			free(kp);
		}
	}
	out->expected = get_tests_file(v, c, where, "expected", out->kind == CHECK_KIND_OUTPUT, tests_dir);
	if (out->kind != CHECK_KIND_OUTPUT && cJSON_GetObjectItemCaseSensitive(c, "expected")) {
		char *kp = sub(where, "expected");
		verr(v, kp, "only \"output\" checks take an expected file");
		free(kp);
	}
	out->stdin_file = get_tests_file(v, c, where, "stdin", false, tests_dir);

	const char *cmp = get_string(v, c, where, "compare", false);
	if (cmp) {
		char *kp = sub(where, "compare");
		if (out->kind != CHECK_KIND_OUTPUT)
			verr(v, kp, "only \"output\" checks take compare");
		else if (strcmp(cmp, "exact") == 0)
			out->compare_exact = true;
		else if (strcmp(cmp, "normalized") != 0)
			verr(v, kp, "'%s' must be \"normalized\" or \"exact\"", cmp);
		free(kp);
	}
	out->network = get_network(v, c, where);
	out->limits = *inherited;
	get_limits(v, c, where, &out->limits);
}

static const char *const exercise_keys_allowed[] = {
	"id", "title", "prompt", "starter", "solution", "wrong", "accept", "tests", "hints", "checks",
	"needs", "prepare", "timeout", "memory_mb", "processes", "output_kb", "tracks", NULL
};
/* A track variant names only what differs from the exercise's own fields. */
static const char *const variant_keys_allowed[] = {
	"prompt", "starter", "solution", "wrong", "accept", "tests", "hints", "checks",
	"needs", "prepare", "timeout", "memory_mb", "processes", "output_kb", NULL
};

static const char *const need_keys_allowed[] = { "program", "python_module", "package", NULL };

/* A top-level Python module name: checked for by name alone, so nothing
 * of it runs (a dotted name would import its parents). */
static bool python_module_name(const char *m)
{
	if (!(m[0] == '_' || (m[0] >= 'a' && m[0] <= 'z') || (m[0] >= 'A' && m[0] <= 'Z')))
		return false;
	return m[strspn(m, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")] == '\0' &&
	       strlen(m) <= 64;
}

/* "needs": [{"program": "/usr/sbin/nginx", "package": "nginx"},
 *           {"python_module": "psycopg2", "package": "python3-psycopg2"}, ...] */
static void parse_needs(struct vctx *v, const cJSON *e, const char *where, struct exercise_def *out)
{
	const cJSON *needs = cJSON_GetObjectItemCaseSensitive(e, "needs");
	if (!needs)
		return;
	char *np = sub(where, "needs");
	if (!cJSON_IsArray(needs)) {
		verr(v, np, "must be an array of {\"program\" or \"python_module\", \"package\"} objects");
		free(np);
		return;
	}
	out->needs = xcalloc((size_t)cJSON_GetArraySize(needs) + 1, sizeof(*out->needs));
	size_t i = 0;
	for (const cJSON *n = needs->child; n; n = n->next, i++) {
		char *ip = xasprintf("%s[%zu]", np, i);
		if (!cJSON_IsObject(n)) {
			verr(v, ip, "must be an object: {\"program\": ..., \"package\": ...} or "
			     "{\"python_module\": ..., \"package\": ...}");
			free(ip);
			continue;
		}
		check_keys(v, n, ip, need_keys_allowed);
		bool has_prog = cJSON_GetObjectItemCaseSensitive(n, "program") != NULL;
		bool has_mod = cJSON_GetObjectItemCaseSensitive(n, "python_module") != NULL;
		if (has_prog == has_mod) {
			verr(v, ip, has_prog ? "names both \"program\" and \"python_module\": one need, one thing"
					     : "needs \"program\" (a command) or \"python_module\" (a module python3 imports)");
			free(ip);
			continue;
		}
		const char *what = has_prog ? "program" : "python_module";
		const char *name = get_string(v, n, ip, what, true);
		const char *pkg = get_string(v, n, ip, "package", true);
		const char *bad = NULL, *why = NULL;
		if (name && has_prog && name[0] != '/' && strchr(name, '/'))
			bad = "program", why = "must be an absolute path or a bare command name";
		else if (name && has_mod && !python_module_name(name))
			bad = "python_module", why = "must be a top-level module name, such as psycopg2";
		else if (pkg && (!pkg[0] || pkg[strspn(pkg, "abcdefghijklmnopqrstuvwxyz0123456789+-.")] != '\0'))
			bad = "package", why = "is not a Debian package name";
		if (bad) {
			char *kp = sub(ip, bad);
			verr(v, kp, "'%s' %s", bad[0] == 'p' && bad[1] == 'a' ? pkg : name, why);
			free(kp);
		} else if (name && pkg) {
			struct service_need *sn = &out->needs[out->n_needs++];
			*(has_prog ? &sn->program : &sn->python_module) = xstrdup(name);
			sn->package = xstrdup(pkg);
		}
		free(ip);
	}
	free(np);
}

static const char *const prepare_keys_allowed[] = {
	"run", "network", "timeout", "memory_mb", "processes", "output_kb", NULL
};

/* "prepare": {"run": [...], limits, "network"}: an exit check run once per exercise. */
static void parse_prepare(struct vctx *v, const cJSON *e, const char *where, struct exercise_def *out)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(e, "prepare");
	if (!p)
		return;
	char *pp = sub(where, "prepare");
	if (!cJSON_IsObject(p)) {
		verr(v, pp, "must be an object with \"run\"");
		free(pp);
		return;
	}
	check_keys(v, p, pp, prepare_keys_allowed);
	struct check_def *c = xcalloc(1, sizeof(*c));
	c->id = xstrdup("prepare");
	c->kind = CHECK_KIND_EXIT;
	c->description = xstrdup("prepare the exercise's services");
	get_argv(v, p, pp, &c->run, &c->run_len);
	c->network = get_network(v, p, pp);
	c->limits = out->limits;
	get_limits(v, p, pp, &c->limits);
	out->prepare = c;
	free(pp);
}

static void parse_hints(struct vctx *v, const cJSON *hints, const char *where, struct exercise_def *out)
{
	char *hp = sub(where, "hints");
	if (!cJSON_IsArray(hints)) {
		verr(v, hp, "must be an array of strings");
	} else {
		out->hints = xcalloc((size_t)cJSON_GetArraySize(hints) + 1, sizeof(char *));
		size_t i = 0;
		for (const cJSON *h = hints->child; h; h = h->next, i++) {
			if (!cJSON_IsString(h) || !*h->valuestring) {
				char *ip = xasprintf("%s[%zu]", hp, i);
				verr(v, ip, "must be a non-empty string");
				free(ip);
			} else {
				out->hints[out->n_hints++] = xstrdup(h->valuestring);
			}
		}
	}
	free(hp);
}

/* checks (may be NULL: missing) of an exercise whose limits and tests are
 * already in out; where is the exercise's JSON path. */
static void parse_checks(struct vctx *v, const cJSON *checks, const char *where, struct exercise_def *out)
{
	char *cp = sub(where, "checks");
	if (!checks) {
		verr(v, cp, "missing (required)");
	} else if (!cJSON_IsArray(checks) || cJSON_GetArraySize(checks) == 0) {
		verr(v, cp, "must be a non-empty array of checks");
	} else {
		size_t n = (size_t)cJSON_GetArraySize(checks), i = 0;
		out->checks = xcalloc(n, sizeof(*out->checks));
		out->n_checks = n;
		for (const cJSON *c = checks->child; c; c = c->next, i++) {
			char *w = xasprintf("%s[%zu]", cp, i);
			parse_check(v, c, w, &out->limits, out->tests, &out->checks[i]);
			for (size_t j = 0; j < i && out->checks[i].id; j++) {
				if (out->checks[j].id && strcmp(out->checks[j].id, out->checks[i].id) == 0) {
					char *ip = sub(w, "id");
					verr(v, ip, "duplicate check id '%s' (also %s[%zu])", out->checks[i].id, cp, j);
					free(ip);
				}
			}
			out->max_score += out->checks[i].points;
			free(w);
		}
	}
	free(cp);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void parse_exercise(struct vctx *v, const cJSON *e, const char *where,
			   const struct limits *defaults, struct exercise_def *out)
{
	memset(out, 0, sizeof(*out));
	out->track = xstrdup(MANIFEST_BASE_TRACK);
	if (!cJSON_IsObject(e)) {
		verr(v, where, "must be an object");
		return;
	}
	check_keys(v, e, where, exercise_keys_allowed);
	const char *s;
	if ((s = get_id(v, e, where)))
		out->id = xstrdup(s);
	if ((s = get_string(v, e, where, "title", true)))
		out->title = xstrdup(s);
	if ((s = get_path(v, e, where, "prompt", true, WANT_FILE, true)))
		out->prompt = xstrdup(s);
	if ((s = get_path(v, e, where, "starter", true, WANT_DIR, true)))
		out->starter = xstrdup(s);
	/* solution, wrong and accept may be left out of learner archives. */
	if ((s = get_path(v, e, where, "solution", false, WANT_DIR, false)))
		out->solution = xstrdup(s);
	if ((s = get_path(v, e, where, "wrong", false, WANT_DIR, false)))
		out->wrong = xstrdup(s);
	if ((s = get_path(v, e, where, "accept", false, WANT_DIR, false)))
		out->accept = xstrdup(s);
	if ((s = get_path(v, e, where, "tests", true, WANT_DIR, true)))
		out->tests = xstrdup(s);

	const cJSON *hints = cJSON_GetObjectItemCaseSensitive(e, "hints");
	if (hints)
		parse_hints(v, hints, where, out);

	out->limits = *defaults;
	get_limits(v, e, where, &out->limits);
	parse_needs(v, e, where, out);
	parse_prepare(v, e, where, out);
	parse_checks(v, cJSON_GetObjectItemCaseSensitive(e, "checks"), where, out);
}

/* The exercise's "needs" and "prepare", for a variant that leaves them
 * out (out has none of its own): copies, since every definition owns its
 * fields. */
static void inherit_services(const struct exercise_def *base, struct exercise_def *out)
{
	if (!out->needs && base->n_needs) {
		out->needs = xcalloc(base->n_needs + 1, sizeof(*out->needs));
		for (size_t i = 0; i < base->n_needs; i++) {
			out->needs[i].program = xstrdup(base->needs[i].program);
			out->needs[i].package = xstrdup(base->needs[i].package);
		}
		out->n_needs = base->n_needs;
	}
	if (!out->prepare && base->prepare) {
		const struct check_def *b = base->prepare;
		struct check_def *c = xcalloc(1, sizeof(*c));
		*c = *b;
		c->id = dup_or_null(b->id);
		c->description = dup_or_null(b->description);
		c->expected = dup_or_null(b->expected);
		c->stdin_file = dup_or_null(b->stdin_file);
		c->run = NULL;
		if (b->run) {
			c->run = xcalloc(b->run_len + 1, sizeof(char *));
			for (size_t i = 0; i < b->run_len; i++)
				c->run[i] = xstrdup(b->run[i]);
		}
		out->prepare = c;
	}
}

/* Whether d holds a diagnostic equal to x from index `from` on. */
static bool diag_has(const struct diag_list *d, size_t upto, const struct diag *x)
{
	for (size_t i = 0; i < upto; i++) {
		const struct diag *y = &d->items[i];
		if (y->severity == x->severity && strcmp(y->message, x->message) == 0 &&
		    (y->where == x->where || (y->where && x->where && strcmp(y->where, x->where) == 0)))
			return true;
	}
	return false;
}

/* A path field of a track variant: its own when present, else the
 * exercise's. */
static char *variant_path(struct vctx *v, const cJSON *t, const char *where, const char *key,
			  bool required, enum want_kind kind, bool must_exist, const char *inherited)
{
	if (!required && !cJSON_GetObjectItemCaseSensitive(t, key))
		return dup_or_null(inherited);
	return dup_or_null(get_path(v, t, where, key, required, kind, must_exist));
}

/* The track variant t of exercise e (already parsed into base): starter
 * and solution are its own, every other field it leaves out is the
 * exercise's. Inherited checks are read again with the variant's tests
 * directory and limits; a problem they share with the exercise's own
 * reading is reported once. */
static void parse_variant(struct vctx *v, const cJSON *e, const cJSON *t, const char *where,
			  const char *exercise_where, const char *track,
			  const struct exercise_def *base, struct exercise_def *out)
{
	memset(out, 0, sizeof(*out));
	out->track = xstrdup(track);
	out->id = dup_or_null(base->id);
	out->title = dup_or_null(base->title);
	if (!cJSON_IsObject(t)) {
		verr(v, where, "must be an object: the track's starter, solution and what else differs");
		return;
	}
	check_keys(v, t, where, variant_keys_allowed);
	out->prompt = variant_path(v, t, where, "prompt", false, WANT_FILE, true, base->prompt);
	out->starter = variant_path(v, t, where, "starter", true, WANT_DIR, true, NULL);
	/* Required in pack.json, but left out of learner archives. */
	out->solution = variant_path(v, t, where, "solution", true, WANT_DIR, false, NULL);
	out->wrong = variant_path(v, t, where, "wrong", false, WANT_DIR, false, base->wrong);
	out->accept = variant_path(v, t, where, "accept", false, WANT_DIR, false, base->accept);
	out->tests = variant_path(v, t, where, "tests", false, WANT_DIR, true, base->tests);

	const cJSON *hints = cJSON_GetObjectItemCaseSensitive(t, "hints");
	if (hints) {
		parse_hints(v, hints, where, out);
	} else if (base->hints) {
		out->hints = xcalloc(base->n_hints + 1, sizeof(char *));
		for (size_t i = 0; i < base->n_hints; i++)
			out->hints[i] = xstrdup(base->hints[i]);
		out->n_hints = base->n_hints;
	}
	out->limits = base->limits;
	get_limits(v, t, where, &out->limits);
	/* Each of "needs" and "prepare" is the variant's own when present. */
	parse_needs(v, t, where, out);
	parse_prepare(v, t, where, out);
	inherit_services(base, out);

	const cJSON *checks = cJSON_GetObjectItemCaseSensitive(t, "checks");
	if (checks) {
		parse_checks(v, checks, where, out);
		return;
	}
	struct diag_list own = DIAG_LIST_INIT;
	struct diag_list *real = v->d;
	size_t before = real->n;
	v->d = &own;
	parse_checks(v, cJSON_GetObjectItemCaseSensitive(e, "checks"), exercise_where, out);
	v->d = real;
	for (size_t i = 0; i < own.n; i++) {
		const struct diag *x = &own.items[i];
		if (!diag_has(real, before, x))
			diag_add(real, x->severity, x->file, x->where, x->line, x->col,
				 "%s (the check as the '%s' track inherits it)", x->message, track);
	}
	diag_clear(&own);
}

/* The exercise e in every track: its own fields, then its "tracks". */
static void parse_exercise_tracks(struct vctx *v, const cJSON *e, const char *where,
				  const struct pack_manifest *m, struct exercise_tracks *out)
{
	const cJSON *tracks = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e, "tracks") : NULL;
	size_t n = cJSON_IsObject(tracks) ? (size_t)cJSON_GetArraySize(tracks) : 0;
	out->defs = xcalloc(n + 1, sizeof(*out->defs));
	out->n_defs = 1;
	parse_exercise(v, e, where, &m->defaults, &out->defs[0]);
	if (!tracks)
		return;
	char *tp = sub(where, "tracks");
	if (!cJSON_IsObject(tracks)) {
		verr(v, tp, "must be an object: track name -> the exercise in that track");
		free(tp);
		return;
	}
	for (const cJSON *t = tracks->child; t; t = t->next) {
		if (strncmp(t->string, "x-", 2) == 0)
			continue;
		char *w = sub(tp, t->string);
		bool dup = false;
		for (const cJSON *p = tracks->child; p != t; p = p->next)
			dup = dup || strcmp(p->string, t->string) == 0;
		if (dup)
			verr(v, w, "duplicate key");
		else if (strcmp(t->string, MANIFEST_BASE_TRACK) == 0)
			verr(v, w, "the exercise's own fields are its %s track; a variant may not redefine it",
			     MANIFEST_BASE_TRACK);
		else if (!manifest_has_track(m, t->string))
			verr(v, w, "'%s' is not one of the pack's \"tracks\"", t->string);
		else
			parse_variant(v, e, t, w, where, t->string, &out->defs[0], &out->defs[out->n_defs++]);
		free(w);
	}
	free(tp);
}

static const char *const pack_keys_allowed[] = {
	"format", "id", "title", "stage", "version", "summary", "defaults", "exercises", "quiz",
	"support", "tracks", "edition", NULL
};
static const char *const limit_keys_allowed[] = {
	"timeout", "memory_mb", "processes", "output_kb", NULL
};

static bool valid_version(const char *s)
{
	/* MAJOR.MINOR.PATCH with an optional -pre-release or +build suffix. */
	int parts = 0;
	const char *p = s;
	while (parts < 3) {
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
		parts++;
		if (parts < 3 && *p++ != '.')
			return false;
	}
	return *p == '\0' || *p == '-' || *p == '+';
}

static void check_unique_ids(struct vctx *v, const struct pack_manifest *m)
{
	for (size_t i = 0; i < m->n_all; i++) {
		for (size_t j = 0; j < i; j++) {
			const char *a = m->all[i].defs[0].id, *b = m->all[j].defs[0].id;
			if (a && b && strcmp(a, b) == 0) {
				char *w = xasprintf("exercises[%zu].id", i);
				verr(v, w, "duplicate exercise id '%s' (also exercises[%zu])", a, j);
				free(w);
			}
		}
	}
}

/* "tracks": the ids of the tracks the pack offers, the default first. */
static void parse_tracks(struct vctx *v, const cJSON *root, struct pack_manifest *m)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "tracks");
	if (!t) {
		m->tracks = xcalloc(2, sizeof(char *));
		m->tracks[0] = xstrdup(MANIFEST_BASE_TRACK);
		m->n_tracks = 1;
		return;
	}
	if (!cJSON_IsArray(t) || cJSON_GetArraySize(t) == 0) {
		verr(v, "tracks", "must be a non-empty array of track names, the default first, "
		     "e.g. [\"python\", \"javascript\"]");
		return;
	}
	m->tracks = xcalloc((size_t)cJSON_GetArraySize(t) + 1, sizeof(char *));
	size_t i = 0;
	for (const cJSON *x = t->child; x; x = x->next, i++) {
		char *w = xasprintf("tracks[%zu]", i);
		if (!cJSON_IsString(x) || !util_valid_id(x->valuestring))
			verr(v, w, "must be a track name: [a-z0-9][a-z0-9-]*, at most 64 characters");
		else if (manifest_has_track(m, x->valuestring))
			verr(v, w, "'%s' is listed twice", x->valuestring);
		else
			m->tracks[m->n_tracks++] = xstrdup(x->valuestring);
		free(w);
	}
}

bool manifest_has_track(const struct pack_manifest *m, const char *track)
{
	for (size_t i = 0; i < m->n_tracks; i++)
		if (strcmp(m->tracks[i], track) == 0)
			return true;
	return false;
}

int manifest_select_track(struct pack_manifest *m, const char *track)
{
	size_t i;
	for (i = 0; i < m->n_tracks && strcmp(m->tracks[i], track) != 0; i++)
		;
	if (i == m->n_tracks)
		return -ENOENT;
	m->track = m->tracks[i];
	free(m->exercises);
	free(m->off_track);
	m->exercises = xcalloc(m->n_all + 1, sizeof(*m->exercises));
	m->off_track = xcalloc(m->n_all + 1, sizeof(*m->off_track));
	size_t n_in = 0, n_off = 0;
	for (size_t e = 0; e < m->n_all; e++) {
		const struct exercise_tracks *x = &m->all[e];
		const struct exercise_def *def = NULL;
		for (size_t k = 0; k < x->n_defs && !def; k++)
			if (x->defs[k].track && strcmp(x->defs[k].track, track) == 0)
				def = &x->defs[k];
		if (def)
			m->exercises[n_in++] = *def;
		else
			m->off_track[n_off++] = x->defs[0];
	}
	m->n_exercises = n_in;
	m->n_off_track = n_off;
	return 0;
}

int manifest_parse(const char *text, size_t len, const char *file,
		   const char *pack_root, struct pack_manifest *m, struct diag_list *d)
{
	struct vctx v = { d, file, pack_root, NULL, text, len };
	size_t errors_before = diag_errors(d);
	memset(m, 0, sizeof(*m));

	if (memchr(text, '\0', len)) {
		diag_add(d, DIAG_ERROR, file, NULL, 0, 0, "contains a NUL byte; it must be UTF-8 JSON text");
		return RR_EXIT_INVALID;
	}
	/* Strings reach the report and the terminal: refuse what is not
	 * UTF-8 here, where the author can be told the line. */
	size_t bad = invalid_utf8_at(text, len);
	if (bad < len) {
		int line, col;
		jsontext_line_col(text, bad, &line, &col);
		diag_add(d, DIAG_ERROR, file, NULL, line, col,
			 "not valid UTF-8 (byte 0x%02x); save the file as UTF-8",
			 (unsigned char)text[bad]);
		return RR_EXIT_INVALID;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (!root) {
		int line, col;
		size_t off = end ? (size_t)(end - text) : 0;
		const char *err = cJSON_GetErrorPtr();
		if (err && err >= text && err <= text + len)
			off = (size_t)(err - text);
		if (json_ends_early(text, len, off))
			off = len;
		jsontext_line_col(text, off, &line, &col);
		/* Quote at most 20 bytes of the rest of the line: text need
		 * not be NUL-terminated, and a newline would break the message. */
		size_t n = 0;
		while (n < 20 && off + n < len && text[off + n] != '\n' && text[off + n] != '\r')
			n++;
		if (off < len && json_depth_at(text, off + 1) > CJSON_NESTING_LIMIT)
			diag_add(d, DIAG_ERROR, file, NULL, line, col,
				 "invalid JSON: nested deeper than %d levels", CJSON_NESTING_LIMIT);
		else if (off < len)
			diag_add(d, DIAG_ERROR, file, NULL, line, col, "invalid JSON near '%.*s'",
				 (int)n, text + off);
		else
			diag_add(d, DIAG_ERROR, file, NULL, line, col, "invalid JSON: unexpected end of file");
		return RR_EXIT_INVALID;
	}
	/* Trailing garbage after the document is a syntax error too. */
	const char *tail = end;
	while (tail && tail < text + len && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == '\r'))
		tail++;
	if (tail && tail < text + len) {
		int line, col;
		jsontext_line_col(text, (size_t)(tail - text), &line, &col);
		diag_add(d, DIAG_ERROR, file, NULL, line, col, "unexpected text after the JSON document");
		cJSON_Delete(root);
		return RR_EXIT_INVALID;
	}
	m->root = root;
	if (!cJSON_IsObject(root)) {
		verr(&v, NULL, "the top level must be a JSON object");
		goto fail;
	}
	check_keys(&v, root, "", pack_keys_allowed);

	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!fmt)
		verr(&v, "format", "missing (required); this runner reads format %d", RR_PACK_FORMAT);
	else if (!is_integer(fmt) || fmt->valuedouble != RR_PACK_FORMAT)
		verr(&v, "format", "unsupported pack format; this runner reads format %d", RR_PACK_FORMAT);
	m->format = RR_PACK_FORMAT;

	const char *s;
	if ((s = get_id(&v, root, "")))
		m->id = xstrdup(s);
	if ((s = get_string(&v, root, "", "title", true)))
		m->title = xstrdup(s);
	if ((s = get_string(&v, root, "", "version", true))) {
		if (!valid_version(s))
			verr(&v, "version", "'%s' must look like MAJOR.MINOR.PATCH, e.g. \"1.0.0\"", s);
		m->version = xstrdup(s);
	}
	if ((s = get_string(&v, root, "", "summary", false)))
		m->summary = xstrdup(s);
	if ((s = get_string(&v, root, "", "edition", false))) {
		if (strcmp(s, "learner") == 0)
			m->learner_edition = true;
		else if (strcmp(s, "author") != 0)
			verr(&v, "edition", "'%s' must be \"author\" or \"learner\"", s);
	}
	m->stage = (int)get_int(&v, root, "", "stage", true, 0, 1000, 0);

	m->defaults = (struct limits){ MANIFEST_DEFAULT_TIMEOUT, MANIFEST_DEFAULT_MEMORY_MB,
				       MANIFEST_DEFAULT_PROCESSES, MANIFEST_DEFAULT_OUTPUT_KB };
	const cJSON *defaults = cJSON_GetObjectItemCaseSensitive(root, "defaults");
	if (defaults) {
		if (!cJSON_IsObject(defaults)) {
			verr(&v, "defaults", "must be an object of limits");
		} else {
			check_keys(&v, defaults, "defaults", limit_keys_allowed);
			get_limits(&v, defaults, "defaults", &m->defaults);
		}
	}

	/* Before the exercises: their checks' files may be in it. */
	if ((s = get_path(&v, root, "", "support", false, WANT_DIR, true))) {
		m->support = xstrdup(s);
		v.support = m->support;
	}

	/* Before the exercises: their variants name them. */
	parse_tracks(&v, root, m);

	const cJSON *exercises = cJSON_GetObjectItemCaseSensitive(root, "exercises");
	if (!exercises) {
		verr(&v, "exercises", "missing (required)");
	} else if (!cJSON_IsArray(exercises) || cJSON_GetArraySize(exercises) == 0) {
		verr(&v, "exercises", "must be a non-empty array of exercises");
	} else {
		size_t n = (size_t)cJSON_GetArraySize(exercises), i = 0;
		m->all = xcalloc(n, sizeof(*m->all));
		m->n_all = n;
		for (const cJSON *e = exercises->child; e; e = e->next, i++) {
			char *w = xasprintf("exercises[%zu]", i);
			parse_exercise_tracks(&v, e, w, m, &m->all[i]);
			for (size_t k = 0; k < m->all[i].n_defs; k++)
				m->all[i].defs[k].support = m->support;
			free(w);
		}
		check_unique_ids(&v, m);
	}

	cJSON *quiz = cJSON_GetObjectItemCaseSensitive(root, "quiz");
	if (quiz && !cJSON_IsArray(quiz)) {
		verr(&v, "quiz", "must be an array of questions");
	} else if (quiz) {
		m->quiz = quiz;
		m->quiz_max_score = quiz_validate(quiz, file, d);
	}

	if (diag_errors(d) == errors_before) {
		manifest_select_track(m, m->tracks[0]);
		return 0;
	}
fail:
	manifest_free(m);
	return RR_EXIT_INVALID;
}

int manifest_load(const char *pack_root, struct pack_manifest *m, struct diag_list *d)
{
	char *path = util_path_join(pack_root, "pack.json");
	char *text = NULL;
	size_t len = 0;
	memset(m, 0, sizeof(*m));
	int r = util_read_file(path, MANIFEST_MAX_BYTES, &text, &len);
	free(path);
	if (r == -EFBIG) {
		diag_add(d, DIAG_ERROR, "pack.json", NULL, 0, 0, "larger than %d MiB", MANIFEST_MAX_BYTES >> 20);
		return RR_EXIT_INVALID;
	}
	if (r < 0) {
		diag_add(d, DIAG_ERROR, "pack.json", NULL, 0, 0, "cannot read: %s", strerror(-r));
		return r == -ENOENT || r == -EISDIR ? RR_EXIT_INVALID : RR_EXIT_INTERNAL;
	}
	r = manifest_parse(text, len, "pack.json", pack_root, m, d);
	free(text);
	return r;
}

static void free_strv(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

static void free_check(struct check_def *c)
{
	free(c->id);
	free_strv(c->run);
	free(c->description);
	free(c->expected);
	free(c->stdin_file);
}

static void exercise_def_free(struct exercise_def *e)
{
	for (size_t j = 0; j < e->n_checks; j++)
		free_check(&e->checks[j]);
	free(e->checks);
	if (e->prepare)
		free_check(e->prepare);
	free(e->prepare);
	for (size_t j = 0; j < e->n_needs; j++) {
		free(e->needs[j].program);
		free(e->needs[j].python_module);
		free(e->needs[j].package);
	}
	free(e->needs);
	free(e->id);
	free(e->title);
	free(e->prompt);
	free(e->starter);
	free(e->solution);
	free(e->wrong);
	free(e->accept);
	free(e->tests);
	free_strv(e->hints);
	free(e->track);
}

void manifest_free(struct pack_manifest *m)
{
	for (size_t i = 0; i < m->n_all; i++) {
		for (size_t k = 0; k < m->all[i].n_defs; k++)
			exercise_def_free(&m->all[i].defs[k]);
		free(m->all[i].defs);
	}
	free(m->all);
	free_strv(m->tracks);
	free(m->exercises);
	free(m->off_track);
	free(m->id);
	free(m->title);
	free(m->version);
	free(m->summary);
	free(m->support);
	cJSON_Delete(m->root);
	memset(m, 0, sizeof(*m));
}

const struct exercise_def *manifest_find_exercise(const struct pack_manifest *m, const char *id)
{
	for (size_t i = 0; i < m->n_exercises; i++)
		if (m->exercises[i].id && strcmp(m->exercises[i].id, id) == 0)
			return &m->exercises[i];
	return NULL;
}
