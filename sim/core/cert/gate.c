/*
 * gate.c - the access gate's decision (see gate.h).  Every doubt is a no:
 * a missing key, list or state file, a damaged one, a clock before the
 * last trusted time, a stale or older revocation list.
 */
#include "core/cert/gate.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/store/store_cert.h"
#include "util/lptime.h"

#define STATE_MAGIC "lprsim-gate-state v1"

int gate_check_token(const char *tok, size_t n, const struct cert_pubkey *pub,
                     const struct revlist *rl, const char *person,
                     int require, int64_t now, struct cert *c,
                     struct lp_err *err)
{
    int rc = cert_verify_token(tok, n, pub, c, err);
    if (rc)
        return rc;
    if (person && strcmp(c->person, person) != 0)
        return lp_errf(err, LP_VERIFY, "certificate %u belongs to %s, not "
                       "to %s", (unsigned)c->serial, c->person, person);
    if (require == CERT_TRACK_REFRESHER && c->track != CERT_TRACK_REFRESHER)
        return lp_errf(err, LP_VERIFY, "certificate %u is for the %s track; "
                       "a refresher certificate is required",
                       (unsigned)c->serial, cert_track_name(c->track));
    if ((rc = cert_check_time(c, now, err)))
        return rc;
    if (rl && revlist_has(rl, c->serial))
        return lp_errf(err, LP_VERIFY, "certificate %u is revoked "
                       "(revocation list %llu)", (unsigned)c->serial,
                       (unsigned long long)rl->number);
    return 0;
}

long gate_read_token_file(const char *path, char *tok, size_t cap,
                          struct lp_err *err)
{
    char buf[CERT_TOKEN_MAX + 3];
    long n = cert_read_file(path, buf, CERT_TOKEN_MAX + 1, err);
    if (n < 0)
        return n;
    if (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    if (n == 0)
        return lp_errf(err, LP_VERIFY, "%s: empty token file", path);
    if ((size_t)n > CERT_TOKEN_MAX || (size_t)n >= cap)
        return lp_errf(err, LP_VERIFY, "%s: token too long", path);
    for (long i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\0')
            return lp_errf(err, LP_VERIFY, "%s: a token file holds one "
                           "line only", path);
    memcpy(tok, buf, (size_t)n + 1);
    return n;
}

/* Reads the state file; a missing one is a first run (zeros). */
static int state_load(const char *path, int64_t *last_time,
                      uint64_t *list_number, struct lp_err *err)
{
    char buf[GATE_STATE_MAX + 1];
    long long t;
    unsigned long long num;
    int used = 0;
    *last_time = 0;
    *list_number = 0;
    struct stat sb;
    if (lstat(path, &sb) && errno == ENOENT)
        return 0;
    long n = cert_read_file(path, buf, GATE_STATE_MAX, err);
    if (n < 0)
        return (int)n;
    if (sscanf(buf, STATE_MAGIC "\nlast-time %lld\nlist-number %llu\n%n", &t,
               &num, &used) != 2 || used != n || t < 0)
        return lp_errf(err, LP_VERIFY, "%s: damaged gate state file", path);
    *last_time = t;
    *list_number = num;
    return 0;
}

static int state_save(const char *path, int64_t last_time,
                      uint64_t list_number, struct lp_err *err)
{
    char buf[GATE_STATE_MAX];
    int n = snprintf(buf, sizeof buf, STATE_MAGIC "\nlast-time %lld\n"
                     "list-number %llu\n", (long long)last_time,
                     (unsigned long long)list_number);
    return cert_write_file(path, buf, (size_t)n, 0644, err);
}

/* Validates the user name from PAM or the command line. */
static int user_ok(const char *u)
{
    size_t n = u ? strnlen(u, GATE_USER_MAX + 1) : 0;
    if (n < 1 || n > GATE_USER_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = u[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return u[0] != '.';
}

struct db_scan {
    const struct gate_req *g;
    const struct cert_pubkey *pub;
    const struct revlist *rl;
    struct cert *out;
    struct lp_err *err;
    int found, tried;
};

static int db_one(void *arg, const struct store_cert *sc)
{
    struct db_scan *d = arg;
    struct cert c;
    struct lp_err e = {0};
    size_t n = sc->token ? strnlen(sc->token, CERT_TOKEN_MAX + 1) : 0;
    d->tried++;
    int rc = gate_check_token(sc->token ? sc->token : "", n, d->pub, d->rl,
                              d->g->user, d->g->require, d->g->now, &c, &e);
    if (rc && d->tried == 1 && d->err)
        *d->err = e;   /* report why the newest certificate failed */
    if (rc == 0) {
        *d->out = c;
        d->found = 1;
        return 1;
    }
    return 0;
}

int gate_check(const struct gate_req *g, struct cert *granted,
               struct lp_err *err)
{
    static struct revlist rl;     /* large: kept off the stack */
    struct cert_pubkey pub;
    int64_t last_time;
    uint64_t last_number;
    char tok[CERT_TOKEN_MAX + 1];
    char t1[24], t2[24];
    int rc;
    memset(granted, 0, sizeof *granted);
    if (!user_ok(g->user))
        return lp_errf(err, LP_USAGE, "gate: no valid user name (--user ID "
                       "or PAM_USER; 1-%d of A-Z a-z 0-9 . _ -)",
                       GATE_USER_MAX);
    if (!g->state_path)
        return lp_errf(err, LP_USAGE, "gate: no state file (--state FILE)");
    if ((rc = cert_crypto_init(err)) ||
        (rc = cert_pubkey_load(g->pubkey_path, &pub, err)) ||
        (rc = state_load(g->state_path, &last_time, &last_number, err)))
        return rc;
    if (g->now < last_time) {
        lptime_format(g->now, t1, sizeof t1);
        lptime_format(last_time, t2, sizeof t2);
        return lp_errf(err, LP_VERIFY, "gate: clock %s is before the last "
                       "trusted time %s (%s): clock wrong?", t1, t2,
                       g->state_path);
    }
    if ((rc = revlist_load(g->revlist_path, &pub, &rl, err)))
        return rc;
    if (rl.number < last_number)
        return lp_errf(err, LP_VERIFY, "gate: revocation list %s is number "
                       "%llu, older than number %llu seen before",
                       g->revlist_path, (unsigned long long)rl.number,
                       (unsigned long long)last_number);
    if ((rc = revlist_check_fresh(&rl, g->now, err)))
        return rc;

    if (g->cert_path || g->cert_dir) {
        char path[4096];
        const char *p = g->cert_path;
        if (!p) {
            if (snprintf(path, sizeof path, "%s/%s.token", g->cert_dir,
                         g->user) >= (int)sizeof path)
                return lp_errf(err, LP_USAGE, "gate: certificate folder "
                               "name too long");
            p = path;
        }
        long n = gate_read_token_file(p, tok, sizeof tok, err);
        if (n < 0) {
            if (n == -LP_FAIL && !g->cert_path)
                return lp_errf(err, LP_VERIFY, "gate: %s holds no "
                               "certificate (%s)", g->user, p);
            return (int)n;
        }
        if ((rc = gate_check_token(tok, (size_t)n, &pub, &rl, g->user,
                                   g->require, g->now, granted, err)))
            return rc;
    } else if (g->st) {
        struct db_scan d = {g, &pub, &rl, granted, err, 0, 0};
        rc = store_cert_each(g->st, g->user, db_one, &d);
        if (rc < 0)
            return lp_errf(err, LP_FAIL, "%s", store_errmsg(g->st));
        if (!d.found) {
            if (!d.tried)
                return lp_errf(err, LP_VERIFY, "gate: %s holds no "
                               "certificate", g->user);
            return -LP_VERIFY;   /* err holds the newest one's reason */
        }
    } else {
        return lp_errf(err, LP_USAGE, "gate: no certificate source (--cert, "
                       "--certs or --db)");
    }
    lp_err_clear(err);
    if (g->now > last_time || rl.number > last_number)
        if ((rc = state_save(g->state_path, g->now > last_time ? g->now
                                                               : last_time,
                             rl.number > last_number ? rl.number
                                                     : last_number,
                             err)))
            return rc;
    return 0;
}
