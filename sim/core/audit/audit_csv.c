/*
 * audit_csv.c - the audit log as CSV (audit export, and the export command
 * of the data tools): every column of an entry, hashes in hex, text cells
 * guarded against spreadsheet formulas (see audit.h, csvio.h).
 */
#include "core/audit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/io/csvio.h"
#include "core/site/site.h"
#include "core/store/store_audit.h"
#include "util/lptime.h"

static const char *const csv_cols[] = {
    "id", "at", "user_id", "action", "plate", "case_number", "reason",
    "results", "verdict", "rules", "profile", "manual", "session_id",
    "detail", "prev_hash", "hash",
};

struct export_ctx {
    FILE *out;
    int64_t n;
    int bad;
};

static int put_int_cell(FILE *f, int64_t v)
{
    char b[24];
    snprintf(b, sizeof b, "%lld", (long long)v);
    return csvio_put_raw(f, b);
}

static int put_hex_cell(FILE *f, const unsigned char *h, size_t n)
{
    char b[2 * AUDIT_HASH_LEN + 1] = "";
    if (h && n == AUDIT_HASH_LEN)
        sodium_bin2hex(b, sizeof b, h, n);
    return csvio_put_raw(f, b);
}

static int export_one(void *arg, const struct store_audit_row *r)
{
    struct export_ctx *x = arg;
    FILE *f = x->out;
    char at[32];
    lptime_format(r->at, at, sizeof at);
    const char *texts[] = {r->user_id, r->action, r->plate, r->case_number,
                           r->reason, r->results, r->verdict, r->rules,
                           r->profile};
    int bad = put_int_cell(f, r->id) | csvio_put_sep(f) |
              csvio_put_text(f, at);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        bad |= csvio_put_sep(f) | csvio_put_text(f, texts[i] ? texts[i]
                                                             : "");
    bad |= csvio_put_sep(f) | put_int_cell(f, r->manual) | csvio_put_sep(f);
    if (r->session_id)
        bad |= put_int_cell(f, r->session_id);
    bad |= csvio_put_sep(f) | csvio_put_text(f, r->detail ? r->detail : "") |
           csvio_put_sep(f) | put_hex_cell(f, r->prev_hash, r->prev_len) |
           csvio_put_sep(f) | put_hex_cell(f, r->hash, r->hash_len) |
           csvio_put_eol(f);
    x->n++;
    if (bad) {
        x->bad = 1;
        return 1;
    }
    return 0;
}

int audit_export_csv(struct store *st, const struct store_audit_filter *f,
                     const char *path, int64_t *n, struct lp_err *err)
{
    int to_stdout = strcmp(path, "-") == 0;
    char *tmp = to_stdout ? NULL : xasprintf("%s.tmp", path);
    int fd = to_stdout ? -1 : site_user_open(tmp, O_WRONLY | O_CREAT |
                                             O_TRUNC, 0644);
    struct export_ctx x = {to_stdout ? stdout
                                     : fd < 0 ? NULL : fdopen(fd, "wb"), 0, 0};
    if (!to_stdout && fd >= 0 && !x.out)
        close(fd);
    int rc = 0;
    *n = 0;
    if (!x.out) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", tmp,
                     strerror(errno));
        free(tmp);
        return rc;
    }
    for (size_t i = 0; i < sizeof csv_cols / sizeof csv_cols[0]; i++)
        x.bad |= (i ? csvio_put_sep(x.out) : 0) |
                 csvio_put_text(x.out, csv_cols[i]);
    x.bad |= csvio_put_eol(x.out);
    int src = x.bad ? 0 : store_audit_select(st, f, export_one, &x);
    int werr = 0;
    if (to_stdout) {
        x.bad |= fflush(stdout) != 0;
    } else {
        x.bad |= fclose(x.out) != 0;
        werr = errno;
        if (src || x.bad || rename(tmp, path) != 0) {
            if (!src && !x.bad) {
                x.bad = 1;
                werr = errno;
            }
            unlink(tmp);
        }
    }
    free(tmp);
    if (src && !x.bad) {
        return store_err_copy(st, err);
    }
    if (x.bad)
        return lp_errf(err, LP_FAIL, "%s: write failed: %s", path,
                       strerror(werr ? werr : EIO));
    *n = x.n;
    return 0;
}
