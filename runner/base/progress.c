/*
 * progress.c - batch progress (progress.h). The bar is redrawn at most ten
 * times a second, so thousands of fast submissions do not flood a slow
 * terminal; the last step is always drawn.
 */
#include <stdio.h>
#include <string.h>

#include "progress.h"
#include "util.h"

#define BAR_WIDTH 24

void progress_init(struct progress *p, FILE *fp, bool tty, bool quiet,
		   size_t total, size_t skipped)
{
	memset(p, 0, sizeof(*p));
	p->fp = fp;
	p->tty = tty;
	p->quiet = quiet;
	p->total = total;
	p->done = skipped;
	p->skipped = skipped;
	p->t0 = util_now();
}

void progress_format_duration(double seconds, char *buf, size_t len)
{
	long s = seconds < 0 ? 0 : (long)(seconds + 0.5);
	if (s >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

static void draw(struct progress *p, const char *name)
{
	double elapsed = util_now() - p->t0;
	size_t graded = p->done - p->skipped;
	size_t left = p->total - p->done;
	double rate = elapsed > 0 ? graded / elapsed : 0;
	size_t fill = p->total ? p->done * BAR_WIDTH / p->total : BAR_WIDTH;
	char bar[BAR_WIDTH + 1], eta[16];

	for (size_t i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[BAR_WIDTH] = '\0';
	if (rate > 0)
		progress_format_duration(left / rate, eta, sizeof(eta));
	else
		snprintf(eta, sizeof(eta), "?");
	/* The name escaped, then cut to 30 bytes on a character boundary, so
	 * the cut never leaves half a UTF-8 sequence on the terminal. */
	const char *shown = name ? util_esc(name) : "";
	int cut = (int)strlen(shown);
	if (cut > 30)
		for (cut = 30; cut > 0 && ((unsigned char)shown[cut] & 0xc0) == 0x80;)
			cut--;
	fprintf(p->fp, "\r\033[K[%s] %zu/%zu  %.1f/s  ETA %s  %.*s", bar, p->done, p->total,
		rate, eta, cut, shown);
	fflush(p->fp);
	p->drawn = true;
	p->last_draw = util_now();
}

void progress_step(struct progress *p, const char *name, enum check_status status,
		   double score, double max_score, double seconds)
{
	p->done++;
	if (p->quiet)
		return;
	if (p->tty) {
		if (p->done == p->total || util_now() - p->last_draw >= 0.1)
			draw(p, name);
		return;
	}
	int w = snprintf(NULL, 0, "%zu", p->total);
	if (status == CHECK_ERROR && max_score <= 0)
		fprintf(p->fp, "[%*zu/%zu] %s: error (%.1f s)\n", w, p->done, p->total, util_esc(name),
			seconds);
	else
		fprintf(p->fp, "[%*zu/%zu] %s: %s %g/%g (%.1f s)\n", w, p->done, p->total, util_esc(name),
			check_status_name(status), score, max_score, seconds);
	fflush(p->fp);
}

void progress_note(struct progress *p, const char *msg)
{
	if (p->tty && p->drawn)
		fputs("\r\033[K", p->fp);
	util_fputs_clean(p->fp, msg, false);
	fputc('\n', p->fp);
	if (p->tty && p->drawn && !p->quiet)
		draw(p, NULL);
}

void progress_finish(struct progress *p)
{
	if (p->tty && p->drawn) {
		fputc('\n', p->fp);
		p->drawn = false;
	}
	fflush(p->fp);
}
