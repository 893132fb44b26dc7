/*
 * lesson.h - lesson texts of the curriculum (curriculum/lessons/NAME.md):
 * a title, a body in simple Markdown, and a knowledge check at the end.
 * Parsing and word-wrapping only; the front ends draw them.  The check
 * format is described in curriculum/README.md.
 */
#ifndef LPRSIM_LESSON_H
#define LPRSIM_LESSON_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Attempts of a check before its right answers are shown anyway. */
#define LESSON_ATTEMPTS 3
/* Most questions one attempt draws. */
#define LESSON_MAX_DRAW 16

/* Largest lesson file read (bytes). */
#define LESSON_MAX_BYTES (256 * 1024)
#define LESSON_MAX_OPTS 8

struct lesson_q {
    char *text;                       /* the question */
    char *opts[LESSON_MAX_OPTS];      /* the options, in file order */
    int correct[LESSON_MAX_OPTS];     /* 1 for each right option */
    size_t nopts;
    char *why;                        /* one-line explanation */
    int line;                         /* line of "Q:" in the file */
};

struct lesson {
    char *title;          /* from the first "# " line */
    size_t draw;          /* questions per attempt ("Draw: N"; all if 0) */
    int attempts;         /* attempts before the answers are shown
                             ("Attempts: N"; LESSON_ATTEMPTS if absent) */
    char *rules;          /* rule ids of a "Rules:" line (IV.A-B), or NULL */
    char *body;           /* the text before "## Check" (no title line) */
    struct lesson_q *qs;  /* the knowledge check */
    size_t nqs;
};

/* Parses lesson text.  name is used in messages ("name:LINE: problem").
 * Returns 0 and *out (free with lesson_free), or -LP_USAGE with err. */
int lesson_parse(const char *name, const char *text, size_t len,
                 struct lesson **out, struct lp_err *err);

/* Reads and parses a lesson file (at most LESSON_MAX_BYTES, UTF-8).
 * Returns 0 and *out, or a negative status with err naming the file. */
int lesson_load(const char *path, struct lesson **out, struct lp_err *err);

/* Frees a lesson; NULL does nothing. */
void lesson_free(struct lesson *l);

/* 1 if answer (index into q->opts) is a right option, else 0. */
int lesson_answer_ok(const struct lesson_q *q, size_t answer);

/* One attempt of a knowledge check: the questions drawn from the bank
 * and, for each, the order its options are shown in.  Made from a seed,
 * so an attempt in progress is rebuilt exactly after a quit or a crash. */
struct lesson_attempt {
    uint64_t seed;
    size_t n;                                  /* questions drawn */
    size_t q[LESSON_MAX_DRAW];                 /* index into l->qs */
    size_t nopts[LESSON_MAX_DRAW];
    size_t opt[LESSON_MAX_DRAW][LESSON_MAX_OPTS]; /* shown i -> file order */
};
/* Draws l->draw questions (all when 0, at most LESSON_MAX_DRAW) from the
 * bank and shuffles the options of each, from seed. */
void lesson_attempt_make(const struct lesson *l, uint64_t seed,
                         struct lesson_attempt *a);
/* 1 when shown option k of drawn question i is a right one. */
int lesson_attempt_ok(const struct lesson *l, const struct lesson_attempt *a,
                      size_t i, size_t k);
/* Questions an attempt must get right to pass at pass_percent. */
size_t lesson_pass_needed(size_t n, int pass_percent);

/* Lints a parsed lesson's question bank: fewer than 2 x Draw questions,
 * a question whose right option is the only one citing a rule id
 * ("IV.x"), or the only longest one, and a bank whose right option is
 * always the first.  Appends one line per finding ("name:LINE: problem")
 * to out; returns the number of findings. */
int lesson_lint(const char *name, const struct lesson *l, struct sb *out);

/* One display line of wrapped lesson text. */
enum lesson_style {
    LS_TEXT = 0, LS_HEADING, LS_QUOTE, LS_ITEM, LS_CODE, LS_BLANK
};
struct lesson_line {
    char *text;       /* owned; UTF-8, at most width columns */
    int style;        /* enum lesson_style */
};
struct lesson_lines {
    struct lesson_line *v;
    size_t n, cap;
};

/* Wraps Markdown text to width columns (counting UTF-8 code points):
 * headings lose their "#", quotes keep a "> " prefix, list items hang
 * their continuation lines, code blocks are kept as they are (cut at
 * width).  Appends to out; free with lesson_lines_free. */
void lesson_wrap(const char *text, int width, struct lesson_lines *out);
void lesson_lines_free(struct lesson_lines *ls);

/* Number of UTF-8 code points in the first n bytes of s. */
size_t lesson_utf8_cols(const char *s, size_t n);

#endif
