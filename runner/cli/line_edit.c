/*
 * line_edit.c - a small line editor for the quiz's answers (line_edit.h).
 *
 * Why our own: the quiz needs one line with arrows, Home/End and history;
 * readline or libedit would add a dependency (and its own terminal and
 * signal handling) for that. The terminal stays in charge of signals
 * (ISIG stays on: Ctrl-C is SIGINT, which the quiz turns into a clean
 * exit), and of output processing (OPOST). Only ICANON, ECHO and IEXTEN
 * go, and the old settings come back before every return.
 *
 * The screen is redrawn whole after each key: "\r", the prompt, the line,
 * erase to the end, then the cursor moved back over the characters after
 * it. A character is one column here (wide and combining characters then
 * misplace the cursor by a little, never the text).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include "line_edit.h"
#include "util.h"

void line_edit_init(struct line_edit *le)
{
	memset(le, 0, sizeof(*le));
}

void line_edit_reset(struct line_edit *le)
{
	le->len = le->cursor = le->esc_len = 0;
	le->buf[0] = '\0';
	/* pending input stays: it is the next line's */
	le->hist_pos = le->n_history;
	free(le->draft);
	le->draft = NULL;
}

void line_edit_add_history(struct line_edit *le, const char *line)
{
	if (!*line || (le->n_history && strcmp(le->history[le->n_history - 1], line) == 0))
		return;
	if (le->n_history == LINE_EDIT_HISTORY) {
		free(le->history[0]);
		memmove(le->history, le->history + 1, (LINE_EDIT_HISTORY - 1) * sizeof(char *));
		le->n_history--;
	}
	le->history[le->n_history++] = xstrdup(line);
	le->hist_pos = le->n_history;
}

void line_edit_release(struct line_edit *le)
{
	for (size_t i = 0; i < le->n_history; i++)
		free(le->history[i]);
	free(le->draft);
	memset(le, 0, sizeof(*le));
}

static bool is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

static void set_line(struct line_edit *le, const char *s)
{
	size_t n = strlen(s);
	if (n > LINE_EDIT_MAX_BYTES)
		n = LINE_EDIT_MAX_BYTES;
	memcpy(le->buf, s, n);
	le->buf[n] = '\0';
	le->len = le->cursor = n;
}

static void left(struct line_edit *le)
{
	while (le->cursor > 0 && is_cont((unsigned char)le->buf[--le->cursor]))
		;
}

static void right(struct line_edit *le)
{
	if (le->cursor < le->len)
		le->cursor++;
	while (le->cursor < le->len && is_cont((unsigned char)le->buf[le->cursor]))
		le->cursor++;
}

/* Remove the bytes [from, to). */
static void cut(struct line_edit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	le->cursor = from;
}

static void history_move(struct line_edit *le, int dir)
{
	if (dir < 0 && le->hist_pos == 0)
		return;
	if (dir > 0 && le->hist_pos >= le->n_history)
		return;
	if (le->hist_pos == le->n_history) {
		free(le->draft);
		le->draft = xstrdup(le->buf);
	}
	le->hist_pos = dir < 0 ? le->hist_pos - 1 : le->hist_pos + 1;
	set_line(le, le->hist_pos == le->n_history ? (le->draft ? le->draft : "")
						     : le->history[le->hist_pos]);
}

/* An escape sequence is complete: act on it. CSI (ESC [) and SS3 (ESC O)
 * forms of the arrows, Home, End and Delete, as xterm, VT220 and the
 * Linux console send them. */
static void escape(struct line_edit *le)
{
	const char *s = le->esc + 1; /* after ESC */
	if (!strcmp(s, "[D") || !strcmp(s, "OD"))
		left(le);
	else if (!strcmp(s, "[C") || !strcmp(s, "OC"))
		right(le);
	else if (!strcmp(s, "[H") || !strcmp(s, "OH") || !strcmp(s, "[1~") || !strcmp(s, "[7~"))
		le->cursor = 0;
	else if (!strcmp(s, "[F") || !strcmp(s, "OF") || !strcmp(s, "[4~") || !strcmp(s, "[8~"))
		le->cursor = le->len;
	else if (!strcmp(s, "[3~")) {
		size_t from = le->cursor;
		right(le);
		cut(le, from, le->cursor);
	} else if (!strcmp(s, "[A") || !strcmp(s, "OA"))
		history_move(le, -1);
	else if (!strcmp(s, "[B") || !strcmp(s, "OB"))
		history_move(le, +1);
	/* Anything else (F-keys, modified arrows, a pasted bracket marker)
	 * is dropped whole: none of its bytes reach the answer. */
}

enum line_edit_event line_edit_feed(struct line_edit *le, unsigned char c)
{
	if (le->esc_len > 0) {
		if (le->esc_len < sizeof(le->esc) - 1)
			le->esc[le->esc_len++] = (char)c;
		le->esc[le->esc_len] = '\0';
		/* ESC [ params final, ESC O final: the final byte is 0x40..0x7e */
		bool done = le->esc_len == 2 ? (c != '[' && c != 'O')
					     : (c >= 0x40 && c <= 0x7e);
		if (done) {
			if (le->esc_len < sizeof(le->esc) - 1)
				escape(le);
			le->esc_len = 0;
		}
		return LINE_EDIT_MORE;
	}
	switch (c) {
	case '\r':
	case '\n':
		return LINE_EDIT_DONE;
	case 0x1b:
		le->esc[0] = 0x1b;
		le->esc_len = 1;
		return LINE_EDIT_MORE;
	case 0x7f: /* backspace */
	case 0x08: { /* Ctrl-H */
		size_t to = le->cursor;
		left(le);
		cut(le, le->cursor, to);
		return LINE_EDIT_MORE;
	}
	case 0x04: /* Ctrl-D: end of input on an empty line, else delete */
		if (le->len == 0)
			return LINE_EDIT_EOF;
		{
			size_t from = le->cursor;
			right(le);
			cut(le, from, le->cursor);
		}
		return LINE_EDIT_MORE;
	case 0x01: /* Ctrl-A */
		le->cursor = 0;
		return LINE_EDIT_MORE;
	case 0x05: /* Ctrl-E */
		le->cursor = le->len;
		return LINE_EDIT_MORE;
	case 0x02: /* Ctrl-B */
		left(le);
		return LINE_EDIT_MORE;
	case 0x06: /* Ctrl-F */
		right(le);
		return LINE_EDIT_MORE;
	case 0x15: /* Ctrl-U: the line before the cursor */
		cut(le, 0, le->cursor);
		return LINE_EDIT_MORE;
	case 0x0b: /* Ctrl-K: the line after the cursor */
		le->buf[le->cursor] = '\0';
		le->len = le->cursor;
		return LINE_EDIT_MORE;
	case 0x10: /* Ctrl-P */
		history_move(le, -1);
		return LINE_EDIT_MORE;
	case 0x0e: /* Ctrl-N */
		history_move(le, +1);
		return LINE_EDIT_MORE;
	default:
		break;
	}
	if (c < 0x20 || le->len >= LINE_EDIT_MAX_BYTES)
		return LINE_EDIT_MORE;
	memmove(le->buf + le->cursor + 1, le->buf + le->cursor, le->len - le->cursor + 1);
	le->buf[le->cursor] = (char)c;
	le->len++;
	le->cursor++;
	return LINE_EDIT_MORE;
}

static void put(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_add(sb, s, n);
}

/* Draw the prompt and the line, the cursor in its place. The line is shown
 * through util_escape: it only holds printable text and UTF-8, but a
 * C1 or bidi control typed (or pasted) as UTF-8 is shown escaped. */
static void redraw(const struct line_edit *le, int out_fd, const char *prompt)
{
	struct strbuf sb = STRBUF_INIT;
	put(&sb, "\r", 1);
	strbuf_addstr(&sb, prompt);
	util_escape(&sb, le->buf, le->cursor, false);
	size_t mark = sb.len;
	util_escape(&sb, le->buf + le->cursor, le->len - le->cursor, false);
	size_t cols = 0;
	for (size_t i = mark; i < sb.len; i++)
		cols += !is_cont((unsigned char)sb.buf[i]);
	put(&sb, "\x1b[K", 3);
	if (cols)
		strbuf_addf(&sb, "\x1b[%zuD", cols);
	for (size_t off = 0; off < sb.len;) {
		ssize_t w = write(out_fd, sb.buf + off, sb.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	strbuf_release(&sb);
}

int line_edit_read(struct line_edit *le, int fd, int out_fd, const char *prompt,
		   const sigset_t *wait_mask, volatile sig_atomic_t *interrupted)
{
	struct termios old, raw;
	bool is_tty = tcgetattr(fd, &old) == 0;
	if (is_tty) {
		raw = old;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
		raw.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(fd, TCSADRAIN, &raw);
	}
	line_edit_reset(le);
	redraw(le, out_fd, prompt);
	int ret;
	for (;;) {
		unsigned char in[256];
		ssize_t got;
		if (le->n_pending) {
			got = (ssize_t)le->n_pending;
			memcpy(in, le->pending, le->n_pending);
			le->n_pending = 0;
			goto feed;
		}
		fd_set rfds;
		FD_ZERO(&rfds);
		FD_SET(fd, &rfds);
		int n = pselect(fd + 1, &rfds, NULL, NULL, NULL, wait_mask);
		if (*interrupted) {
			errno = EINTR;
			ret = -1;
			break;
		}
		if (n < 0 && errno == EINTR)
			continue;
		got = n < 0 ? -1 : read(fd, in, sizeof(in));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			ret = got == 0 || errno == EIO ? 0 : -1; /* EIO: the terminal hung up */
			break;
		}
feed:;
		enum line_edit_event ev = LINE_EDIT_MORE;
		size_t i = 0, n_in = (size_t)got;
		while (i < n_in && ev == LINE_EDIT_MORE)
			ev = line_edit_feed(le, in[i++]);
		/* What was typed after Enter waits for the next line (a paste of
		 * several answers, or typing ahead). */
		memcpy(le->pending, in + i, n_in - i);
		le->n_pending = n_in - i;
		if (ev == LINE_EDIT_EOF) {
			ret = 0;
			break;
		}
		le->cursor = ev == LINE_EDIT_DONE ? le->len : le->cursor;
		redraw(le, out_fd, prompt);
		if (ev == LINE_EDIT_DONE) {
			ret = 1;
			break;
		}
	}
	if (write(out_fd, "\r\n", 2) < 0) {
		/* nothing to do: the terminal is gone */
	}
	if (is_tty)
		tcsetattr(fd, TCSADRAIN, &old);
	if (ret == 1)
		line_edit_add_history(le, le->buf);
	return ret;
}
