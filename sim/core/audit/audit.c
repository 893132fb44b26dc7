/*
 * audit.c - the audit log's hash chain: canonical encoding, SHA-256
 * chaining (libsodium), append inside the action's transaction, and the
 * verifier that walks the chain and checks signed checkpoints against it
 * (see audit.h; keys and signing live in audit_ckpt.c).
 */
#include "core/audit/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/store_audit.h"
#include "util/lptime.h"

#define AUDIT_ENCODING_TAG "lprsim.audit.v1"

static void put_be64(struct sb *out, uint64_t v)
{
    char b[8];
    for (int i = 7; i >= 0; i--) {
        b[i] = (char)(v & 0xff);
        v >>= 8;
    }
    sb_add(out, b, 8);
}

static void put_text(struct sb *out, const char *s)
{
    if (!s) {
        sb_putc(out, 0);
        return;
    }
    size_t n = strlen(s);
    sb_putc(out, 1);
    put_be64(out, (uint64_t)n);
    sb_add(out, s, n);
}

static void put_int(struct sb *out, int64_t v)
{
    sb_putc(out, 2);
    put_be64(out, (uint64_t)v);
}

void audit_encode(struct sb *out, int64_t id, const struct audit_entry *e)
{
    put_text(out, AUDIT_ENCODING_TAG);
    put_int(out, id);
    put_int(out, e->at);
    put_text(out, e->user_id);
    put_text(out, e->action);
    put_text(out, e->plate);
    put_text(out, e->case_number);
    put_text(out, e->reason);
    put_text(out, e->results);
    put_text(out, e->verdict);
    put_text(out, e->rules);
    put_text(out, e->profile);
    put_int(out, e->manual);
    put_int(out, e->session_id);
    put_text(out, e->detail);
    /* The login that acted (schema 2 on): only when recorded, so entries
     * written before it keep their hashes; a login added to or taken from
     * an entry changes its hash. */
    if (e->login)
        put_text(out, e->login);
}

void audit_hash(const unsigned char prev[AUDIT_HASH_LEN], int64_t id,
                const struct audit_entry *e, struct sb *scratch,
                unsigned char out[AUDIT_HASH_LEN])
{
    struct sb tmp;
    sb_init(&tmp);
    struct sb *b = scratch ? scratch : &tmp;
    sb_reset(b);
    sb_add(b, (const char *)prev, AUDIT_HASH_LEN);
    audit_encode(b, id, e);
    crypto_hash_sha256(out, (const unsigned char *)b->buf, b->len);
    sb_free(&tmp);
}

int audit_append(struct store *st, const struct audit_entry *e, int64_t *id,
                 struct lp_err *err)
{
    if (!e->user_id || !e->action || !e->verdict)
        return lp_errf(err, LP_FAIL, "audit entry without user, action or "
                       "verdict");
    if (!store_audit_in_tx(st))
        return lp_errf(err, LP_FAIL, "audit entry for '%s' written outside "
                       "a transaction", e->action);
    struct audit_entry n = *e;
    if (!n.rules)
        n.rules = "";
    if (!n.profile)
        n.profile = "";
    unsigned char prev[AUDIT_HASH_LEN] = {0}, h[AUDIT_HASH_LEN];
    int64_t head = 0;
    int rc = store_audit_head(st, &head, prev);
    if (rc < 0)
        goto fail;
    if (rc == 0)
        memset(prev, 0, sizeof prev);
    audit_hash(prev, head + 1, &n, NULL, h);
    struct store_audit_row r = {
        .id = head + 1, .at = n.at, .user_id = n.user_id,
        .action = n.action, .plate = n.plate,
        .case_number = n.case_number, .reason = n.reason,
        .results = n.results, .verdict = n.verdict, .rules = n.rules,
        .profile = n.profile, .manual = n.manual,
        .session_id = n.session_id, .detail = n.detail, .login = n.login,
        .prev_hash = prev, .prev_len = AUDIT_HASH_LEN,
        .hash = h, .hash_len = AUDIT_HASH_LEN,
    };
    if (store_audit_insert(st, &r, id))
        goto fail;
    return 0;
fail:
    if (err)
        *err = *store_err(st);
    return -store_err(st)->status;
}

/* ---- verification ---- */

struct walk {
    struct audit_verify_report *rep;
    struct sb scratch;
    unsigned char prev[AUDIT_HASH_LEN];
    int64_t expect;           /* the id the next row must have */
};

static void bad_entry(struct walk *w, int64_t id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bad_entry(struct walk *w, int64_t id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    w->rep->first_bad = id;
    w->rep->ok = 0;
    vsnprintf(w->rep->problem, sizeof w->rep->problem, fmt, ap);
    va_end(ap);
}

static void row_entry(const struct store_audit_row *r, struct audit_entry *e)
{
    e->at = r->at;
    e->user_id = r->user_id;
    e->action = r->action;
    e->plate = r->plate;
    e->case_number = r->case_number;
    e->reason = r->reason;
    e->results = r->results;
    e->verdict = r->verdict;
    e->rules = r->rules;
    e->profile = r->profile;
    e->manual = r->manual;
    e->session_id = r->session_id;
    e->detail = r->detail;
    e->login = r->login;
}

static int walk_row(void *arg, const struct store_audit_row *r)
{
    struct walk *w = arg;
    w->rep->entries++;
    if (w->rep->first_bad)
        return 0;
    if (r->id != w->expect) {
        if (w->expect == 1)
            bad_entry(w, 1, "entry 1 is missing: the log starts at entry "
                      "%lld (entries before it were deleted)",
                      (long long)r->id);
        else if (r->id - w->expect == 1)
            bad_entry(w, w->expect, "entry %lld is missing: entry %lld "
                      "follows entry %lld (deleted)", (long long)w->expect,
                      (long long)r->id, (long long)(w->expect - 1));
        else
            bad_entry(w, w->expect, "entries %lld to %lld are missing: "
                      "entry %lld follows entry %lld (deleted)",
                      (long long)w->expect, (long long)(r->id - 1),
                      (long long)r->id, (long long)(w->expect - 1));
        return 0;
    }
    if (r->prev_len != AUDIT_HASH_LEN ||
        memcmp(r->prev_hash, w->prev, AUDIT_HASH_LEN) != 0) {
        if (r->id == 1)
            bad_entry(w, 1, "entry 1 does not start the chain: its "
                      "previous hash is not the genesis (zero) hash");
        else
            bad_entry(w, r->id, "entry %lld does not follow entry %lld: "
                      "its previous hash is not that entry's hash (an entry "
                      "was inserted, moved or rewritten here)",
                      (long long)r->id, (long long)(r->id - 1));
        return 0;
    }
    struct audit_entry e;
    unsigned char h[AUDIT_HASH_LEN];
    row_entry(r, &e);
    audit_hash(w->prev, r->id, &e, &w->scratch, h);
    if (r->hash_len != AUDIT_HASH_LEN ||
        memcmp(r->hash, h, AUDIT_HASH_LEN) != 0) {
        bad_entry(w, r->id, "entry %lld was changed: its fields do not "
                  "match its hash", (long long)r->id);
        return 0;
    }
    memcpy(w->prev, h, AUDIT_HASH_LEN);
    w->expect++;
    return 0;
}

/* A checkpoint to check, from the store or a file. */
struct ckpt {
    char source[80];
    int64_t entries, at;
    unsigned char head[AUDIT_HASH_LEN];
    int head_ok;
    char key_id[AUDIT_KEY_ID_LEN + 1];
    unsigned char sig[64];
    int sig_ok;               /* the stored signature has the right size */
};

struct ckpt_list {
    struct ckpt *v;
    size_t n, cap;
};

static struct ckpt *ckpt_push(struct ckpt_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    struct ckpt *c = &l->v[l->n++];
    memset(c, 0, sizeof *c);
    return c;
}

static void copy_str(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

static int collect_ckpt(void *arg, const struct store_audit_ckpt *sc)
{
    struct ckpt *c = ckpt_push(arg);
    snprintf(c->source, sizeof c->source, "checkpoint %lld",
             (long long)sc->id);
    c->entries = sc->entries;
    c->at = sc->at;
    c->head_ok = sc->head_len == AUDIT_HASH_LEN;
    if (c->head_ok)
        memcpy(c->head, sc->head, AUDIT_HASH_LEN);
    copy_str(c->key_id, sizeof c->key_id, sc->key_id);
    c->sig_ok = sc->sig_len == 64;
    if (c->sig_ok)
        memcpy(c->sig, sc->sig, 64);
    return 0;
}

/* Decodes hex of exactly n bytes; 0 or -1. */
static int unhex(const char *s, unsigned char *out, size_t n)
{
    size_t got = 0;
    if (!s || strlen(s) != 2 * n ||
        sodium_hex2bin(out, n, s, strlen(s), NULL, &got, NULL) != 0 ||
        got != n)
        return -1;
    return 0;
}

/* Reads an exported checkpoint file into l. */
static int load_ckpt_file(const char *path, struct ckpt_list *l,
                          struct lp_err *err)
{
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!doc && je.line < 1)
        return lp_errf(err, LP_FAIL, "%s: %s", path, je.text);
    if (!doc)
        return lp_errf(err, LP_FAIL, "%s:%d:%d: not a checkpoint file: %s",
                       path, je.line, je.column, je.text);
    int rc = 0;
    json_t *arr = json_object_get(doc, "checkpoints");
    const char *fmt = json_string_value(json_object_get(doc, "format"));
    if (!fmt || strcmp(fmt, "lprsim-audit-checkpoints-1") != 0 ||
        !json_is_array(arr)) {
        rc = lp_errf(err, LP_FAIL, "%s: not an lprsim audit checkpoint "
                     "file (format lprsim-audit-checkpoints-1)", path);
        goto out;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *v = json_array_get(arr, i);
        json_t *en = json_object_get(v, "entries");
        json_t *at = json_object_get(v, "at");
        const char *head = json_string_value(json_object_get(v, "head"));
        const char *kid = json_string_value(json_object_get(v, "key_id"));
        const char *sig = json_string_value(json_object_get(v, "signature"));
        json_t *cid = json_object_get(v, "id");
        struct ckpt *c = ckpt_push(l);
        snprintf(c->source, sizeof c->source, "%.50s checkpoint %lld", base,
                 (long long)(json_is_integer(cid) ? json_integer_value(cid)
                                                  : (json_int_t)i + 1));
        if (!json_is_integer(en) || !json_is_integer(at) || !kid ||
            strlen(kid) != AUDIT_KEY_ID_LEN ||
            unhex(head, c->head, AUDIT_HASH_LEN) ||
            unhex(sig, c->sig, 64)) {
            rc = lp_errf(err, LP_FAIL, "%s: checkpoint %zu is malformed "
                         "(needs entries, at, head, key_id, signature)",
                         path, i + 1);
            goto out;
        }
        c->entries = json_integer_value(en);
        c->at = json_integer_value(at);
        c->head_ok = c->sig_ok = 1;
        copy_str(c->key_id, sizeof c->key_id, kid);
    }
out:
    json_decref(doc);
    return rc;
}

static void add_warn(struct audit_verify_report *rep, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add_warn(struct audit_verify_report *rep, const char *fmt, ...)
{
    if (rep->nwarn >= sizeof rep->warn / sizeof rep->warn[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->warn[rep->nwarn++], sizeof rep->warn[0], fmt, ap);
    va_end(ap);
}

/* Checks one checkpoint against the key and the log. */
static int check_ckpt(struct store *st, const struct ckpt *c,
                      const unsigned char *pk, const char *pk_id,
                      struct audit_verify_report *rep,
                      struct audit_ckpt_report *cr, struct lp_err *err)
{
    copy_str(cr->source, sizeof cr->source, c->source);
    cr->entries = c->entries;
    cr->at = c->at;
    copy_str(cr->key_id, sizeof cr->key_id, c->key_id);
    cr->ok = 1;
    if (!c->head_ok || !c->sig_ok || c->entries < 0) {
        cr->ok = 0;
        snprintf(cr->problem, sizeof cr->problem, "%s is damaged (head "
                 "hash or signature of the wrong size)", c->source);
        return 0;
    }
    if (pk) {
        cr->sig_checked = 1;
        unsigned char msg[128];
        size_t mlen = audit_ckpt_message(c->entries, c->head, c->at,
                                         c->key_id, msg);
        if (strcmp(c->key_id, pk_id) != 0) {
            cr->ok = 0;
            snprintf(cr->problem, sizeof cr->problem, "%s was signed with "
                     "key %s, not the audit key %s (forged?)", c->source,
                     c->key_id, pk_id);
            return 0;
        }
        if (crypto_sign_verify_detached(c->sig, msg, mlen, pk) != 0) {
            cr->ok = 0;
            snprintf(cr->problem, sizeof cr->problem, "%s: signature does "
                     "not verify (forged or altered checkpoint)", c->source);
            return 0;
        }
    }
    if (c->entries > rep->entries) {
        cr->ok = 0;
        snprintf(cr->problem, sizeof cr->problem, "log shorter than %s "
                 "(%lld entries signed, %lld present): the tail was cut",
                 c->source, (long long)c->entries, (long long)rep->entries);
        return 0;
    }
    unsigned char h[AUDIT_HASH_LEN] = {0};
    int ok = 1;
    if (c->entries > 0) {
        int rc = store_audit_hash_of(st, c->entries, h, &ok);
        if (rc < 0) {
            *err = *store_err(st);
            return -err->status;
        }
        if (rc == 0)
            ok = 0;
    }
    if (!ok || memcmp(h, c->head, AUDIT_HASH_LEN) != 0) {
        cr->ok = 0;
        snprintf(cr->problem, sizeof cr->problem, "entry %lld is not the "
                 "head %s signed: the log was rewritten up to it",
                 (long long)c->entries, c->source);
    }
    return 0;
}

static int load_verify_key(struct store *st, const struct audit_verify_opts *o,
                           unsigned char pk[32], char id[], int *have,
                           struct audit_verify_report *rep,
                           struct lp_err *err)
{
    *have = 0;
    char *meta = NULL;
    const char *path = o ? o->pubkey : NULL;
    if (!path) {
        meta = store_meta_get(st, "audit.pubkey");
        path = meta;
    }
    if (!path)
        return 0;
    int rc = audit_pubkey_load(path, pk, id, err);
    if (rc == 0) {
        *have = 1;
        rep->key_from_db = meta != NULL;
    }
    else if (meta) {
        /* The database's pointer is a hint, not a trust anchor. */
        add_warn(rep, "audit public key named in the database: %s", err->msg);
        lp_err_clear(err);
        rc = 0;
    }
    free(meta);
    return rc;
}

int audit_verify(struct store *st, const struct audit_verify_opts *o,
                 struct audit_verify_report *rep, struct lp_err *err)
{
    memset(rep, 0, sizeof *rep);
    rep->ok = 1;
    struct ckpt_list cl = {0};
    struct walk w = {.rep = rep, .expect = 1};
    unsigned char pk[32];
    int have_pk = 0, rc = 0, snap = 0;
    sb_init(&w.scratch);
    if (sodium_init() < 0) {
        rc = lp_errf(err, LP_FAIL, "libsodium failed to start");
        goto out;
    }
    if ((rc = load_verify_key(st, o, pk, rep->key_id, &have_pk, rep, err)))
        goto out;
    for (size_t i = 0; o && i < o->nfiles; i++)
        if ((rc = load_ckpt_file(o->files[i], &cl, err)))
            goto out;
    if (o && o->nfiles && !have_pk) {
        rc = lp_errf(err, LP_USAGE, "a checkpoint file is checked against "
                     "the instructor's public key: give --pubkey FILE");
        goto out;
    }
    size_t from_files = cl.n;
    /* One snapshot for the walk and the checkpoints (or the caller's
     * transaction when one is open). */
    if (!store_audit_in_tx(st)) {
        if (store_audit_snapshot_begin(st)) {
            *err = *store_err(st);
            rc = -err->status;
            goto out;
        }
        snap = 1;
    }
    if (store_audit_each(st, walk_row, &w) ||
        store_audit_ckpts_each(st, collect_ckpt, &cl)) {
        *err = *store_err(st);
        rc = -err->status;
        goto out;
    }
    if (o && o->chain_only)
        goto out;
    if (cl.n == 0)
        add_warn(rep, "no signed checkpoint: a cut tail cannot be seen (an "
                 "instructor runs 'lprsim audit checkpoint --key FILE')");
    else if (!have_pk)
        add_warn(rep, "checkpoint signatures not checked: no audit public "
                 "key (give --pubkey FILE)");
    rep->nckpt = cl.n;
    rep->ckpt = xcalloc(cl.n ? cl.n : 1, sizeof *rep->ckpt);
    /* Stored checkpoints first (in id order), then the files. */
    for (size_t k = 0; k < cl.n; k++) {
        size_t i = (k + from_files) % cl.n;
        struct audit_ckpt_report *cr = &rep->ckpt[k];
        if ((rc = check_ckpt(st, &cl.v[i], have_pk ? pk : NULL, rep->key_id,
                             rep, cr, err)))
            goto out;
        if (!cr->ok) {
            rep->ok = 0;
            /* A cut tail names the first missing entry. */
            if (!rep->first_bad && cl.v[i].entries > rep->entries) {
                rep->first_bad = rep->entries + 1;
                copy_str(rep->problem, sizeof rep->problem, cr->problem);
            } else if (!rep->problem[0]) {
                if (cl.v[i].entries > 0 && cl.v[i].head_ok && cl.v[i].sig_ok &&
                    strstr(cr->problem, "rewritten"))
                    rep->first_bad = cl.v[i].entries;
                copy_str(rep->problem, sizeof rep->problem, cr->problem);
            }
        }
    }
out:
    if (snap)
        store_audit_snapshot_end(st);
    sb_free(&w.scratch);
    free(cl.v);
    return rc;
}

void audit_verify_report_free(struct audit_verify_report *rep)
{
    if (!rep)
        return;
    free(rep->ckpt);
    rep->ckpt = NULL;
    rep->nckpt = 0;
}
