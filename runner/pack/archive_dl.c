/*
 * archive_dl.c - load libarchive on first use (see archive_dl.h for why).
 */
#define ARCHIVE_DL_IMPLEMENTATION
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "archive_dl.h"

/* The soname the headers were built for: ARCHIVE_VERSION_NUMBER is
 * 3xxxyyy, and libarchive 3 has shipped as libarchive.so.13 throughout. */
#define ARCHIVE_DL_SONAME "libarchive.so.13"

struct archive_dl_table archive_dl;
static int loaded; /* 1 loaded, -1 failed (the message is kept) */
static char failure[256];

int archive_dl_load(char *err, size_t errlen)
{
	if (loaded == 0) {
		/* RTLD_LOCAL: its symbols stay out of the global scope,
		 * where nothing else needs them. */
		void *h = dlopen(ARCHIVE_DL_SONAME, RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			const char *e = dlerror();
			snprintf(failure, sizeof(failure), "cannot load %s, which reading and writing "
				 "pack archives needs: %s (Debian: apt-get install libarchive13)",
				 ARCHIVE_DL_SONAME, e ? e : "unknown error");
			loaded = -1;
		} else {
			loaded = 1;
#define ARCHIVE_DL_RESOLVE(name) \
			if (loaded == 1 && !(archive_dl.name = (__typeof__(name) *)dlsym(h, #name))) { \
				snprintf(failure, sizeof(failure), "%s has no %s: it is too old", \
					 ARCHIVE_DL_SONAME, #name); \
				loaded = -1; \
			}
			ARCHIVE_DL_FUNCTIONS(ARCHIVE_DL_RESOLVE)
#undef ARCHIVE_DL_RESOLVE
		}
	}
	if (loaded < 0) {
		if (err && errlen)
			snprintf(err, errlen, "%s", failure);
		return -1;
	}
	return 0;
}
