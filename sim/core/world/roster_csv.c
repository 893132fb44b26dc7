/*
 * roster_csv.c - the roster as CSV (id,name,login,role,unit,email): an
 * all-or-nothing import that updates known people and adds new ones, and
 * an export with the formula guard.  CSV itself is core/io/csvio.
 */
#include "core/world/roster.h"

#include <stdlib.h>
#include <string.h>

#include "core/io/csvio.h"
#include "core/store/store_people.h"

static const char *const header[] = {"id", "name", "login", "role", "unit",
                                     "email"};
#define NCOLS 6
#define ROSTER_MAX_ROWS 1000000

struct row {
    char *f[NCOLS];        /* NULL for an empty optional cell */
    size_t line;
};

struct imp {
    struct row *rows;
    size_t n, cap;
    int seen_header;
};

static int check_login(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 32 || s[0] == '-')
        return -1;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
              *p == '-'))
            return -1;
    return 0;
}

static int check_unit(const char *s)
{
    size_t n = strlen(s);
    if (n > 64)
        return -1;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
            return -1;
    return 0;
}

/* local@domain.tld in printable ASCII without spaces, at most 254. */
static int check_email(const char *s)
{
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    if (n > 254 || !at || at == s || strchr(at + 1, '@') ||
        !strchr(at + 1, '.') || at[1] == '.' || s[n - 1] == '.')
        return -1;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
            strchr("\"(),:;<>[\\]", *p))
            return -1;
    return 0;
}

static int on_row(void *arg, const struct csvio_row *r, struct lp_err *err)
{
    struct imp *im = arg;
    struct lp_err e = {0};
    if (!im->seen_header) {
        im->seen_header = 1;
        /* a UTF-8 byte order mark before the first name */
        const char *f0 = r->n ? r->f[0] : "";
        if (strncmp(f0, "\xEF\xBB\xBF", 3) == 0) {
            const char *names[CSVIO_MAX_FIELDS];
            for (size_t i = 0; i < r->n && i < CSVIO_MAX_FIELDS; i++)
                names[i] = r->f[i];
            names[0] = f0 + 3;
            struct csvio_row h = *r;
            h.f = names;
            return csvio_expect_header(&h, header, NCOLS, err);
        }
        return csvio_expect_header(r, header, NCOLS, err);
    }
    if (r->n != NCOLS)
        return csvio_errf(err, r, r->n < NCOLS ? r->n + 1 : NCOLS + 1,
                          "row has %zu columns, expected %d (%s)", r->n,
                          NCOLS, "id,name,login,role,unit,email");
    if (im->n >= ROSTER_MAX_ROWS)
        return csvio_errf(err, r, 0, "more than %d people", ROSTER_MAX_ROWS);
    const char *v[NCOLS];
    for (size_t i = 0; i < NCOLS; i++)
        v[i] = csvio_unguard(r->f[i]);
    if (roster_check_id(v[0], &e))
        return csvio_errf(err, r, 1, "%s", e.msg);
    if (roster_check_name(v[1], &e))
        return csvio_errf(err, r, 2, "%s", e.msg);
    if (*v[2] && check_login(v[2]))
        return csvio_errf(err, r, 3, "login '%s' must be 1 to 32 of "
                          "letters, digits, '.', '_', '-' (not first)", v[2]);
    if (*v[3] && roster_check_role(v[3], &e))
        return csvio_errf(err, r, 4, "%s", e.msg);
    if (check_unit(v[4]))
        return csvio_errf(err, r, 5, "unit must be at most 64 characters "
                          "without control characters");
    if (*v[5] && check_email(v[5]))
        return csvio_errf(err, r, 6, "'%s' is not an e-mail address "
                          "(local@domain)", v[5]);
    if (im->n == im->cap) {
        im->cap = im->cap ? im->cap * 2 : 64;
        im->rows = xrealloc(im->rows, im->cap * sizeof *im->rows);
    }
    struct row *o = &im->rows[im->n++];
    o->line = r->line;
    for (size_t i = 0; i < NCOLS; i++)
        o->f[i] = (*v[i] || i < 2) ? xstrdup(v[i]) : NULL;
    if (!o->f[3])
        o->f[3] = xstrdup("trainee");
    return 0;
}

static int col_cmp_ctx;   /* the column qsort compares (0 id, 2 login) */

static int row_cmp(const void *a, const void *b)
{
    const struct row *x = *(const struct row *const *)a;
    const struct row *y = *(const struct row *const *)b;
    const char *p = x->f[col_cmp_ctx], *q = y->f[col_cmp_ctx];
    int c = strcmp(p ? p : "", q ? q : "");
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* An id or a login twice in the file: the later line is the error. */
static int find_dups(struct imp *im, const char *path, struct lp_err *err)
{
    struct row **v = xmalloc((im->n ? im->n : 1) * sizeof *v);
    int rc = 0;
    for (int pass = 0; pass < 2 && !rc; pass++) {
        col_cmp_ctx = pass ? 2 : 0;
        for (size_t i = 0; i < im->n; i++)
            v[i] = &im->rows[i];
        qsort(v, im->n, sizeof *v, row_cmp);
        for (size_t i = 1; i < im->n; i++) {
            const char *a = v[i - 1]->f[col_cmp_ctx], *b = v[i]->f[col_cmp_ctx];
            if (a && b && strcmp(a, b) == 0) {
                struct csvio_row pos = {.path = path, .line = v[i]->line};
                rc = csvio_errf(err, &pos, pass ? 3 : 1, "%s '%s' is also on "
                                "line %zu", pass ? "login" : "id", b,
                                v[i - 1]->line);
                break;
            }
        }
    }
    free(v);
    return rc;
}

int roster_import(struct store *st, const char *path, int64_t now,
                  struct roster_import_result *res, struct lp_err *err)
{
    struct imp im = {0};
    int rc = csvio_read_file(path, on_row, &im, err);
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    memset(res, 0, sizeof *res);
    if (!rc && !im.seen_header)
        rc = lp_errf(err, LP_FAIL, "%s:1:1: empty file: the header "
                     "id,name,login,role,unit,email is required", shown);
    if (!rc)
        rc = find_dups(&im, shown, err);
    if (rc)
        goto out;
    if (store_begin(st)) {
        *err = *store_err(st);
        rc = -err->status;
        goto out;
    }
    for (size_t i = 0; i < im.n; i++) {
        struct row *r = &im.rows[i];
        struct lp_person p = {
            .id = r->f[0], .name = r->f[1], .login = r->f[2],
            .role = r->f[3], .unit = r->f[4], .email = r->f[5],
            .trained = 1, .created_at = now,
        };
        int what = 0;
        if (store_person_upsert(st, &p, &what)) {
            const struct lp_err *se = store_err(st);
            struct csvio_row pos = {.path = shown, .line = r->line};
            if (se->status == LP_USAGE)
                rc = csvio_errf(err, &pos, 3, "%s", se->msg);
            else
                rc = lp_errf(err, se->status, "%s", se->msg);
            store_rollback(st);
            goto out;
        }
        res->added += what == 1;
        res->updated += what == 2;
        res->unchanged += what == 0;
    }
    res->rows = (int64_t)im.n;
    if (store_commit(st)) {
        *err = *store_err(st);
        rc = -err->status;
    }
out:
    for (size_t i = 0; i < im.n; i++)
        for (size_t j = 0; j < NCOLS; j++)
            free(im.rows[i].f[j]);
    free(im.rows);
    if (rc && err->status == 0)
        err->status = LP_FAIL;
    return rc;
}

struct exp {
    FILE *out;
    int64_t n;
    int failed;
};

static int put_row(FILE *out, const char *const *v)
{
    for (size_t i = 0; i < NCOLS; i++)
        if ((i && csvio_put_sep(out)) || csvio_put_text(out, v[i]))
            return -1;
    return csvio_put_eol(out);
}

static int export_one(void *arg, const struct lp_person *p)
{
    struct exp *x = arg;
    const char *v[NCOLS] = {p->id, p->name, p->login, p->role, p->unit,
                            p->email};
    if (put_row(x->out, v)) {
        x->failed = 1;
        return 1;
    }
    x->n++;
    return 0;
}

int roster_export(struct store *st, FILE *out, const char *name, int64_t *n,
                  struct lp_err *err)
{
    struct exp x = {.out = out};
    if (put_row(out, header))
        return lp_errf(err, LP_FAIL, "%s: cannot write", name);
    int rc = store_people_each(st, export_one, &x);
    if (x.failed)
        return lp_errf(err, LP_FAIL, "%s: cannot write", name);
    if (rc) {
        *err = *store_err(st);
        return -err->status;
    }
    *n = x.n;
    return 0;
}
