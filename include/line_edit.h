/*
 * line_edit.h - the quiz's line editor: one line of UTF-8 text typed on a
 * terminal in raw mode, with the keys a shell has (left/right, Home/End,
 * backspace, delete, Ctrl-U, up/down through the earlier answers).
 *
 * The editing (line_edit_feed) is pure, for unit tests; line_edit_read
 * puts the terminal in raw mode, draws and reads.
 */
#ifndef LINE_EDIT_H
#define LINE_EDIT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#define LINE_EDIT_MAX_BYTES 4096
#define LINE_EDIT_HISTORY 64

struct line_edit {
	char buf[LINE_EDIT_MAX_BYTES + 1]; /* the line, NUL-terminated, UTF-8 */
	size_t len, cursor;                /* bytes; cursor on a character boundary */
	char esc[16];                      /* an escape sequence being read */
	size_t esc_len;
	char *history[LINE_EDIT_HISTORY];  /* oldest first; owned */
	size_t n_history;
	size_t hist_pos;                   /* n_history: the line being typed */
	char *draft;                       /* that line, while browsing history */
	unsigned char pending[256];        /* read after an Enter: the next line's */
	size_t n_pending;
};

enum line_edit_event {
	LINE_EDIT_MORE,  /* keep reading */
	LINE_EDIT_DONE,  /* Enter: buf holds the line */
	LINE_EDIT_EOF,   /* Ctrl-D on an empty line */
};

void line_edit_init(struct line_edit *le);
/* Start a new line (history stays). */
void line_edit_reset(struct line_edit *le);
/* Remember a line (not an empty one, nor the same as the last). */
void line_edit_add_history(struct line_edit *le, const char *line);
void line_edit_release(struct line_edit *le);

/* Take one byte typed. Control bytes and escape sequences edit; other
 * bytes are inserted at the cursor (a UTF-8 sequence completes before the
 * cursor moves past it); other control bytes are ignored, so none reaches
 * the answer or the screen. */
enum line_edit_event line_edit_feed(struct line_edit *le, unsigned char c);

/* Read a line from the terminal on fd (raw mode, restored before
 * returning), echoing it to out_fd after prompt. Waits with pselect under
 * wait_mask, and returns -1 with errno EINTR as soon as *interrupted is
 * set. Returns 1 with the line in le->buf, 0 at EOF (Ctrl-D, or the
 * terminal closed), -1 on an error. */
int line_edit_read(struct line_edit *le, int fd, int out_fd, const char *prompt,
		   const sigset_t *wait_mask, volatile sig_atomic_t *interrupted);

#endif
