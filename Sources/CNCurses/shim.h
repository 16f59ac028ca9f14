/*
 * The one door from Swift to ncursesw.
 *
 * Swift 6 cannot import what this file wraps: C global variables (stdscr, curscr, COLS,
 * LINES, COLORS, COLOR_PAIRS are "not concurrency-safe"), function-like and attribute
 * macros (A_BOLD, getmaxyx), and variadic functions (ioctl). Each accessor is a
 * `static inline` function so no separate C target is needed.
 *
 * NCURSES_WIDECHAR must be defined before the include, or the wide-character API
 * (cchar_t, setcchar, wget_wch, mvadd_wch) stays invisible.
 */
#ifndef THAW_CNCURSES_SHIM_H
#define THAW_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <ncurses.h>
#include <term.h>

/* Globals: read-only snapshots, only valid on the thread that owns the screen. */
static inline WINDOW *thaw_stdscr(void) { return stdscr; }
static inline WINDOW *thaw_curscr(void) { return curscr; }
static inline int thaw_cols(void) { return COLS; }
static inline int thaw_lines(void) { return LINES; }
static inline int thaw_colors(void) { return COLORS; }
static inline int thaw_color_pairs(void) { return COLOR_PAIRS; }

/* stdio's streams are C globals too; newterm needs them. */
static inline FILE *thaw_stdout(void) { return stdout; }
static inline FILE *thaw_stdin(void) { return stdin; }

/* Attribute macros. */
static inline attr_t thaw_a_normal(void) { return A_NORMAL; }
static inline attr_t thaw_a_bold(void) { return A_BOLD; }
static inline attr_t thaw_a_dim(void) { return A_DIM; }
static inline attr_t thaw_a_italic(void) { return A_ITALIC; }
static inline attr_t thaw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t thaw_a_reverse(void) { return A_REVERSE; }

/* tigetstr returns (char *)-1 for "not a string capability" and NULL for "absent". */
static inline const char *thaw_tigetstr(const char *name) {
    char *value = tigetstr(name);
    if (value == (char *)-1) return NULL;
    return value;
}

/* The terminal size as the kernel knows it (ioctl is variadic, so Swift cannot call it).
 * Returns 0 on success. */
static inline int thaw_tty_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* The locale's character set, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *thaw_codeset(void) { return nl_langinfo(CODESET); }

#endif
