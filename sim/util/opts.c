/*
 * opts.c - long option parsing (see opts.h).
 */
#include "util/opts.h"

#include <stdio.h>
#include <string.h>

static const struct opt_spec *find(const struct opt_spec *spec,
                                   const char *name, size_t len)
{
    for (; spec && spec->name; spec++)
        if (strlen(spec->name) == len && strncmp(spec->name, name, len) == 0)
            return spec;
    return NULL;
}

int opts_parse(const struct opt_spec *spec, const struct opt_spec *spec2,
               int argc, char *const *argv, struct opts *o,
               struct lp_err *err)
{
    int only_pos = 0;
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_pos && strcmp(a, "-h") == 0 &&
            (find(spec, "help", 4) || find(spec2, "help", 4)))
            a = "--help";   /* the one short option: help, where known */
        if (only_pos || a[0] != '-' || a[1] != '-' ||
            (a[0] == '-' && a[1] == '\0')) {
            if (!only_pos && a[0] == '-' && a[1] && a[1] != '-' &&
                !(a[1] >= '0' && a[1] <= '9'))
                return lp_errf(err, LP_USAGE, "unknown option '%s' (options "
                               "are long: --name)", a);
            if (o->npos >= OPTS_MAX)
                return lp_errf(err, LP_USAGE, "too many arguments");
            o->pos[o->npos++] = a;
            continue;
        }
        if (a[2] == '\0') {
            only_pos = 1;
            continue;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const struct opt_spec *s = find(spec, name, len);
        if (!s)
            s = find(spec2, name, len);
        if (!s)
            return lp_errf(err, LP_USAGE, "unknown option '--%.*s'",
                           (int)len, name);
        const char *val = NULL;
        if (s->kind == OPT_FLAG) {
            if (eq)
                return lp_errf(err, LP_USAGE, "option '--%s' takes no value",
                               s->name);
        } else if (eq) {
            val = eq + 1;
        } else if (i + 1 < argc) {
            val = argv[++i];
        } else {
            return lp_errf(err, LP_USAGE, "option '--%s' needs a value (%s)",
                           s->name, s->metavar ? s->metavar : "VALUE");
        }
        if (s->kind != OPT_MULTI && opts_has(o, s->name))
            return lp_errf(err, LP_USAGE, "option '--%s' given twice",
                           s->name);
        if (o->n >= OPTS_MAX)
            return lp_errf(err, LP_USAGE, "too many options");
        o->v[o->n].name = s->name;
        o->v[o->n].value = val;
        o->n++;
    }
    return 0;
}

const char *opts_get(const struct opts *o, const char *name)
{
    return opts_nth(o, name, 0);
}

int opts_has(const struct opts *o, const char *name)
{
    return opts_count(o, name) > 0;
}

size_t opts_count(const struct opts *o, const char *name)
{
    size_t c = 0;
    for (size_t i = 0; i < o->n; i++)
        c += strcmp(o->v[i].name, name) == 0;
    return c;
}

const char *opts_nth(const struct opts *o, const char *name, size_t k)
{
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->v[i].name, name) == 0 && k-- == 0)
            return o->v[i].value;
    return NULL;
}

void opts_help(const struct opt_spec *spec, struct sb *out)
{
    for (; spec && spec->name; spec++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s%s", spec->name,
                 spec->metavar ? " " : "", spec->metavar ? spec->metavar : "",
                 spec->kind == OPT_MULTI ? " ..." : "");
        sb_printf(out, "  %-26s %s\n", left, spec->help ? spec->help : "");
    }
}
