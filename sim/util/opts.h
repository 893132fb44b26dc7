/*
 * opts.h - the one option parser of lprsim: long options for the command
 * line, action files, the terminal forms and the scenario API alike.
 * "--name value", "--name=value", "--" ends options; anything else is a
 * positional argument; "-h" is "--help" where a table knows "help".
 */
#ifndef LPRSIM_OPTS_H
#define LPRSIM_OPTS_H

#include <stddef.h>

#include "util/util.h"

enum opt_kind {
    OPT_FLAG,    /* no value */
    OPT_ARG,     /* one value; given twice is a usage error */
    OPT_MULTI    /* a value, may repeat */
};

struct opt_spec {
    const char *name;     /* without the dashes; NULL ends a table */
    enum opt_kind kind;
    const char *metavar;  /* for help: "N", "TIME" ... */
    const char *help;     /* one line */
};

#define OPTS_MAX 48

struct opts {
    size_t n;
    struct {
        const char *name;   /* borrowed from the spec */
        const char *value;  /* borrowed from argv; NULL for flags */
    } v[OPTS_MAX];
    size_t npos;
    const char *pos[OPTS_MAX];
};

/* Parses argv[0..argc) against one or two spec tables (spec2 may be NULL:
 * used for global options accepted anywhere).  Values are borrowed from
 * argv.  Returns 0, or -LP_USAGE with err naming the bad option. */
int opts_parse(const struct opt_spec *spec, const struct opt_spec *spec2,
               int argc, char *const *argv, struct opts *o,
               struct lp_err *err);

/* The value of an OPT_ARG option or NULL; for OPT_MULTI the first. */
const char *opts_get(const struct opts *o, const char *name);
/* 1 if the option was given. */
int opts_has(const struct opts *o, const char *name);
/* How many times an option was given, and its i-th value. */
size_t opts_count(const struct opts *o, const char *name);
const char *opts_nth(const struct opts *o, const char *name, size_t i);

/* Appends "  --name METAVAR   help" lines for a spec table to sb. */
void opts_help(const struct opt_spec *spec, struct sb *out);

#endif
