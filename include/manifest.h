/*
 * manifest.h - pack.json parsed and validated strictly against pack format 1
 * (docs/pack-format.md). Validation lists every problem at once, each with
 * the file and JSON path, and line/column for syntax errors. Limits are
 * resolved here (defaults < exercise < check) so later stages never look
 * at inheritance again.
 */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "diag.h"

struct limits {
	double timeout;  /* CPU seconds */
	long memory_mb;
	long processes;
	long output_kb;
};

enum check_kind { CHECK_KIND_EXIT, CHECK_KIND_TAP, CHECK_KIND_OUTPUT };

/* "exit", "tap" or "output", as pack.json spells a kind. */
const char *manifest_check_kind_name(enum check_kind k);
/* The kind spelled name into *k: 0, or -1 for a word that is no kind. */
int manifest_check_kind_parse(const char *name, enum check_kind *k);
enum check_network { CHECK_NET_NONE, CHECK_NET_LOOPBACK };

struct check_def {
	char *id;
	char **run;        /* NULL-terminated argv */
	size_t run_len;
	int points;
	enum check_kind kind;
	bool hidden;
	char *description; /* or NULL */
	char *expected;    /* "tests/..." for output checks, or NULL */
	char *stdin_file;  /* "tests/..." or NULL */
	bool compare_exact;
	enum check_network network;
	struct limits limits; /* effective, fully resolved */
};

/* A program or Python module a check needs that Debian ships apart ("services" in
 * docs/pack-format.md): missing, every check of the exercise ends with
 * status error naming the package, never a silent fail. */
struct service_need {
	/* exactly one of program and python_module is set */
	char *program;       /* absolute, or a name looked up in the check's PATH */
	char *python_module; /* a top-level module the check's python3 must find */
	char *package;       /* the Debian package that installs it */
};

struct exercise_def {
	char *id, *title;
	/* pack-relative; solution, wrong (incorrect solutions, one per sub-directory)
	 * and accept (other correct solutions, likewise) may be NULL */
	char *prompt, *starter, *solution, *wrong, *accept, *tests;
	char **hints;
	size_t n_hints;
	struct limits limits; /* effective for the exercise */
	struct check_def *checks;
	size_t n_checks;
	int max_score;       /* sum of check points */
	const char *support; /* the pack's support directory (pack-relative), or NULL */
	char *track;         /* the track this definition is for: "python" for the exercise's own fields */
	struct service_need *needs; /* "needs": checked before every check */
	size_t n_needs;
	/* "prepare": run once per exercise, before its first check; what it
	 * leaves in prepared/ every check sees read-only at tests/prepared/.
	 * An exit check with id "prepare" and no points, or NULL. */
	struct check_def *prepare;
};

/* One exercise in every track it has: defs[0] is its own fields (the
 * python track), the others come from its "tracks" object, each with the
 * fields it leaves out inherited from defs[0]. */
struct exercise_tracks {
	struct exercise_def *defs;
	size_t n_defs;
};

struct pack_manifest {
	int format;
	char *id, *title, *version, *summary;
	int stage;
	char *support; /* pack-relative directory shared by every exercise's tests, or NULL */
	struct limits defaults;
	char **tracks;       /* the tracks the pack offers, the default first; ["python"] when absent */
	size_t n_tracks;
	const char *track;   /* the selected track (one of tracks): what exercises[] holds */
	struct exercise_tracks *all; /* every exercise in every track (owned), pack order */
	size_t n_all;
	/* The selected track's view of all[] (shallow copies, owned by all[]):
	 * exercises[] are those with a definition for the track, in pack
	 * order; off_track[] the others, by their own (python) definition,
	 * listed as "not in this track" and never graded. */
	struct exercise_def *exercises;
	size_t n_exercises;
	struct exercise_def *off_track;
	size_t n_off_track;
	cJSON *quiz;   /* the validated "quiz" array (owned by root), or NULL */
	int quiz_max_score;
	bool learner_edition; /* "edition": "learner": written by pack --learner, no solutions */
	cJSON *root;   /* the whole parsed document (owned) */
};

/* Built-in defaults when pack.json gives none. */
#define MANIFEST_DEFAULT_TIMEOUT 5.0
#define MANIFEST_DEFAULT_MEMORY_MB 512
#define MANIFEST_DEFAULT_PROCESSES 64
#define MANIFEST_DEFAULT_OUTPUT_KB 256

/* Parse and validate text as pack.json. file is the name used in messages.
 * pack_root, when not NULL, is used to check that referenced files exist
 * and stay inside the pack. Returns 0 and fills *m when there is no error
 * (warnings may have been added), or RR_EXIT_INVALID with every problem in
 * d and *m zeroed. */
int manifest_parse(const char *text, size_t len, const char *file,
		   const char *pack_root, struct pack_manifest *m,
		   struct diag_list *d);

/* Read <pack_root>/pack.json and manifest_parse it. */
int manifest_load(const char *pack_root, struct pack_manifest *m,
		  struct diag_list *d);

void manifest_free(struct pack_manifest *m);

/* The track every exercise has by its own fields. */
#define MANIFEST_BASE_TRACK "python"

/* Make track (one of m->tracks) the selected one: exercises[] and
 * off_track[] are rebuilt. manifest_parse selects the pack's default (its
 * first track). Returns 0, or -ENOENT when the pack does not offer track
 * (nothing changes). */
int manifest_select_track(struct pack_manifest *m, const char *track);

/* Whether the pack offers track. */
bool manifest_has_track(const struct pack_manifest *m, const char *track);

/* Find by id; NULL when absent. */
const struct exercise_def *manifest_find_exercise(const struct pack_manifest *m,
						  const char *id);

#endif
