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

#define AUDIT_ENCODING_TAG "lprsim.audit.v2"
#define AUDIT_ENCODING_TAG_V1 "lprsim.audit.v1"

static void put_be64(struct sb *out, uint64_t v)
{
    char b[8];
    for (int i = 7; i >= 0; i--) {
        b[i] = (char)(v & 0xff);
        v >>= 8;
    }
    sb_add(out, b, 8);
}

/* v2: one stored value: its type byte, then an 8-byte big-endian integer,
 * IEEE double, or byte length and the bytes. */
static void put_val(struct sb *out, const struct store_val *v)
{
    sb_putc(out, (char)v->type);
    switch (v->type) {
    case STORE_VAL_INT:
        put_be64(out, (uint64_t)v->i);
        break;
    case STORE_VAL_REAL: {
        uint64_t bits;
        memcpy(&bits, &v->r, 8);
        put_be64(out, bits);
        break;
    }
    case STORE_VAL_TEXT:
    case STORE_VAL_BLOB:
        put_be64(out, (uint64_t)v->n);
        sb_add(out, (const char *)v->p, v->n);
        break;
    default:
        break;
    }
}

void audit_encode_vals(struct sb *out, int64_t id,
                       const struct store_val v[STORE_AUDIT_NVALS],
                       const struct store_val *login)
{
    static const struct store_val tag = {
        STORE_VAL_TEXT, 0, 0, (const unsigned char *)AUDIT_ENCODING_TAG,
        sizeof AUDIT_ENCODING_TAG - 1};
    struct store_val idv = {.type = STORE_VAL_INT, .i = id};
    put_val(out, &tag);
    put_val(out, &idv);
    for (int i = 0; i < STORE_AUDIT_NVALS; i++)
        put_val(out, &v[i]);
    /* The login that acted (schema 3 on): only when recorded, so entries
     * written before it keep their hashes; a login added to, changed in
     * or taken from an entry changes its hash. */
    if (login && login->type != STORE_VAL_NULL)
        put_val(out, login);
}

static void text_val(struct store_val *v, const char *s)
{
    memset(v, 0, sizeof *v);
    if (s) {
        v->type = STORE_VAL_TEXT;
        v->p = (const unsigned char *)s;
        v->n = strlen(s);
    }
}

static void int_val(struct store_val *v, int64_t i)
{
    memset(v, 0, sizeof *v);
    v->type = STORE_VAL_INT;
    v->i = i;
}

/* The values e becomes in the STRICT audit table (what audit_append
 * binds): NULL text stays NULL, session 0 is NULL. */
static void entry_vals(const struct audit_entry *e,
                       struct store_val v[STORE_AUDIT_NVALS])
{
    int_val(&v[0], e->at);
    text_val(&v[1], e->user_id);
    text_val(&v[2], e->action);
    text_val(&v[3], e->plate);
    text_val(&v[4], e->case_number);
    text_val(&v[5], e->reason);
    text_val(&v[6], e->results);
    text_val(&v[7], e->verdict);
    text_val(&v[8], e->rules);
    text_val(&v[9], e->profile);
    int_val(&v[10], e->manual);
    if (e->session_id)
        int_val(&v[11], e->session_id);
    else
        memset(&v[11], 0, sizeof v[11]);
    text_val(&v[12], e->detail);
}

void audit_encode(struct sb *out, int64_t id, const struct audit_entry *e)
{
    struct store_val v[STORE_AUDIT_NVALS], login;
    entry_vals(e, v);
    text_val(&login, e->login);
    audit_encode_vals(out, id, v, &login);
}

/* The v1 encoding (entries written before schema 2): text as C strings,
 * integers as read back.  Exact for STRICT rows once verify has refused
 * NUL bytes, session 0 and flags other than 0 and 1. */
static void put_text_v1(struct sb *out, const char *s)
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

static void put_int_v1(struct sb *out, int64_t v)
{
    sb_putc(out, 2);
    put_be64(out, (uint64_t)v);
}

static void encode_v1(struct sb *out, int64_t id,
                      const struct store_audit_row *r)
{
    put_text_v1(out, AUDIT_ENCODING_TAG_V1);
    put_int_v1(out, id);
    put_int_v1(out, r->at);
    put_text_v1(out, r->user_id);
    put_text_v1(out, r->action);
    put_text_v1(out, r->plate);
    put_text_v1(out, r->case_number);
    put_text_v1(out, r->reason);
    put_text_v1(out, r->results);
    put_text_v1(out, r->verdict);
    put_text_v1(out, r->rules);
    put_text_v1(out, r->profile);
    put_int_v1(out, r->manual);
    put_int_v1(out, r->session_id);
    put_text_v1(out, r->detail);
}

static void hash_buf(const unsigned char prev[AUDIT_HASH_LEN],
                     struct sb *b, unsigned char out[AUDIT_HASH_LEN])
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, prev, AUDIT_HASH_LEN);
    crypto_hash_sha256_update(&h, (const unsigned char *)b->buf, b->len);
    crypto_hash_sha256_final(&h, out);
}

void audit_hash(const unsigned char prev[AUDIT_HASH_LEN], int64_t id,
                const struct audit_entry *e, struct sb *scratch,
                unsigned char out[AUDIT_HASH_LEN])
{
    struct sb tmp;
    sb_init(&tmp);
    struct sb *b = scratch ? scratch : &tmp;
    sb_reset(b);
    audit_encode(b, id, e);
    hash_buf(prev, b, out);
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
    n.manual = n.manual != 0;
    if (n.session_id < 0)
        n.session_id = 0;
    unsigned char prev[AUDIT_HASH_LEN] = {0}, h[AUDIT_HASH_LEN];
    int64_t head = 0, seq = 0;
    int rc = store_audit_head(st, &head, prev);
    if (rc < 0)
        goto fail;
    if (rc == 0)
        memset(prev, 0, sizeof prev);
    /* never reuse an id: after deleted entries the counter is ahead of
     * the head, and the gap stays visible to verify */
    if (store_audit_seq(st, "audit", &seq))
        goto fail;
    int64_t next = (seq > head ? seq : head) + 1;
    audit_hash(prev, next, &n, NULL, h);
    struct store_audit_row r = {
        .id = next, .at = n.at, .user_id = n.user_id,
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
    int64_t v1_entries;       /* rows up to this id may carry v1 hashes */
    int64_t last_id;          /* the last row seen */
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

static const char *const val_names[STORE_AUDIT_NVALS] = {
    "at", "user_id", "action", "plate", "case_number", "reason", "results",
    "verdict", "rules", "profile", "manual", "session_id", "detail"};

static const char *type_name(int t)
{
    static const char *const n[] = {"NULL", "integer", "real", "text",
                                    "blob"};
    return t >= 0 && t <= 4 ? n[t] : "?";
}

/* Checks that every stored value has the type the schema gives it: NULL
 * only where allowed, text without a NUL byte, flags 0 or 1.  Returns the
 * column at fault (-1: none) and sets *what. */
static int row_types(const struct store_audit_row *r, const char **what)
{
    const struct store_val *v = r->val;
    *what = NULL;
    if (r->id_type != STORE_VAL_INT)
        return *what = "id is not an integer", STORE_AUDIT_NVALS;
    for (int i = 0; i < STORE_AUDIT_NVALS; i++) {
        int want = (i == 0 || i == 10 || i == 11) ? STORE_VAL_INT
                                                  : STORE_VAL_TEXT;
        int nullable = (i >= 3 && i <= 6) || i == 11 || i == 12;
        if (v[i].type == STORE_VAL_NULL && nullable)
            continue;
        if (v[i].type != want)
            return i;
        if (want == STORE_VAL_TEXT && memchr(v[i].p, '\0', v[i].n))
            return *what = "holds a NUL byte", i;
        if (i == 10 && v[i].i != 0 && v[i].i != 1)
            return *what = "is neither 0 nor 1", i;
        if (i == 11 && v[i].i <= 0)
            return *what = "is not a session id", i;
    }
    return -1;
}

static int walk_row(void *arg, const struct store_audit_row *r)
{
    struct walk *w = arg;
    w->rep->entries++;
    w->last_id = r->id;
    if (w->rep->first_bad)
        return 0;
    const char *what;
    int col = row_types(r, &what);
    if (col < 0 && r->login_val.type != STORE_VAL_NULL &&
        (r->login_val.type != STORE_VAL_TEXT ||
         memchr(r->login_val.p, '\0', r->login_val.n))) {
        bad_entry(w, r->id, "entry %lld: login is stored as %s, not as "
                  "text (a type trick)", (long long)r->id,
                  type_name(r->login_val.type));
        return 0;
    }
    if (col >= 0) {
        if (col == STORE_AUDIT_NVALS)
            bad_entry(w, r->id, "entry %lld: %s", (long long)r->id, what);
        else if (what)
            bad_entry(w, r->id, "entry %lld: %s %s (the stored value "
                      "differs from what lprsim writes)", (long long)r->id,
                      val_names[col], what);
        else
            bad_entry(w, r->id, "entry %lld: %s is stored as %s, not as "
                      "the schema's type (a type trick)", (long long)r->id,
                      val_names[col], type_name(r->val[col].type));
        return 0;
    }
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
    unsigned char h[AUDIT_HASH_LEN];
    sb_reset(&w->scratch);
    audit_encode_vals(&w->scratch, r->id, r->val, &r->login_val);
    hash_buf(w->prev, &w->scratch, h);
    int match = r->hash_len == AUDIT_HASH_LEN &&
                memcmp(r->hash, h, AUDIT_HASH_LEN) == 0;
    if (!match && r->id <= w->v1_entries) {
        sb_reset(&w->scratch);
        encode_v1(&w->scratch, r->id, r);
        hash_buf(w->prev, &w->scratch, h);
        match = r->hash_len == AUDIT_HASH_LEN &&
                memcmp(r->hash, h, AUDIT_HASH_LEN) == 0;
    }
    if (!match) {
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
    int64_t id;               /* stored checkpoints: the row id */
    int64_t entries, at;
    unsigned char head[AUDIT_HASH_LEN];
    int head_ok;
    char key_id[AUDIT_KEY_ID_LEN + 1];
    unsigned char sig[64];
    int sig_ok;               /* the stored signature has the right size */
    int from_file;            /* a signed note read from a file: */
    int file_signed;          /*   1 its signature by the key verified */
    char origin[AUDIT_ORIGIN_MAX];
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
    c->id = sc->id;
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

/* Reads a checkpoint file (a C2SP signed note) into l, checking its
 * signature by the pinned key pk (key id pk_id). */
static int load_ckpt_file(const char *path, const unsigned char *pk,
                          const char *pk_id, struct ckpt_list *l,
                          struct lp_err *err)
{
    struct audit_note note;
    int rc = audit_note_read(path, &note, err);
    if (rc)
        return rc;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    struct ckpt *c = ckpt_push(l);
    snprintf(c->source, sizeof c->source, "%.60s", base);
    c->from_file = 1;
    c->entries = note.entries;
    memcpy(c->head, note.head, AUDIT_HASH_LEN);
    c->head_ok = c->sig_ok = 1;
    copy_str(c->origin, sizeof c->origin, note.origin);
    copy_str(c->key_id, sizeof c->key_id, pk_id);
    c->file_signed = pk && audit_note_verify(&note, pk, pk_id) == 0;
    audit_note_free(&note);
    return 0;
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
                      const char *origin, struct audit_verify_report *rep,
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
    if (c->from_file) {
        cr->sig_checked = 1;
        if (!c->file_signed) {
            cr->ok = 0;
            snprintf(cr->problem, sizeof cr->problem, "%s: no valid "
                     "signature by the audit key %s (forged or altered "
                     "checkpoint)", c->source, pk_id);
            return 0;
        }
        if (strcmp(c->origin, origin) != 0) {
            cr->ok = 0;
            snprintf(cr->problem, sizeof cr->problem, "%s is a checkpoint "
                     "of another log (%.80s), not of this one (%.80s)",
                     c->source, c->origin, origin);
            return 0;
        }
    } else if (pk) {
        cr->sig_checked = 1;
        if (strcmp(c->key_id, pk_id) != 0) {
            cr->ok = 0;
            snprintf(cr->problem, sizeof cr->problem, "%s was signed with "
                     "key %s, not the audit key %s (forged?)", c->source,
                     c->key_id, pk_id);
            return 0;
        }
        if (!audit_ckpt_sig_ok(origin, c->entries, c->head, c->at,
                               c->key_id, c->sig, pk)) {
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
            return store_err_copy(st, err);
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

static void set_problem(struct audit_verify_report *rep, int64_t first_bad,
                        const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a problem unless an earlier one was recorded. */
static void set_problem(struct audit_verify_report *rep, int64_t first_bad,
                        const char *fmt, ...)
{
    rep->ok = 0;
    va_list ap;
    va_start(ap, fmt);
    if (!rep->problem[0]) {
        rep->first_bad = first_bad;
        vsnprintf(rep->problem, sizeof rep->problem, fmt, ap);
    } else if (rep->nalso < sizeof rep->also / sizeof rep->also[0]) {
        vsnprintf(rep->also[rep->nalso++], sizeof rep->also[0], fmt, ap);
    }
    va_end(ap);
}

/* Checkpoint ids run 1..counter with none missing: a deleted checkpoint
 * row shows even when the log itself is intact. */
static int check_ckpt_ids(struct store *st, const struct ckpt *v,
                          size_t nstored, struct audit_verify_report *rep)
{
    int64_t seq = 0, want = 1;
    if (store_audit_seq(st, "audit_checkpoints", &seq))
        return -store_err(st)->status;
    for (size_t i = 0; i < nstored; i++) {
        if (v[i].id != want) {
            set_problem(rep, 0, "checkpoint %lld was deleted (checkpoint "
                        "%lld follows checkpoint %lld)", (long long)want,
                        (long long)v[i].id, (long long)(want - 1));
            return 0;
        }
        want++;
    }
    if (seq >= want)
        set_problem(rep, 0, "checkpoint %lld was deleted (the checkpoint "
                    "counter stands at %lld, the last present is %lld)",
                    (long long)want, (long long)seq, (long long)(want - 1));
    return 0;
}

int audit_verify(struct store *st, const struct audit_verify_opts *o,
                 struct audit_verify_report *rep, struct lp_err *err)
{
    memset(rep, 0, sizeof *rep);
    rep->ok = 1;
    struct ckpt_list cl = {0};
    struct walk w = {.rep = rep, .expect = 1};
    unsigned char pk[32];
    char origin[AUDIT_ORIGIN_MAX] = "";
    int have_pk = 0, rc = 0, snap = 0;
    sb_init(&w.scratch);
    if (sodium_init() < 0) {
        rc = lp_errf(err, LP_FAIL, "libsodium failed to start");
        goto out;
    }
    /* Only a key the caller pins is trusted, never one the database
     * names. */
    if (o && o->pubkey) {
        if ((rc = audit_pubkey_load(o->pubkey, pk, rep->key_id, err)))
            goto out;
        have_pk = 1;
    } else if (o && o->pubkey_raw) {
        memcpy(pk, o->pubkey_raw, 32);
        audit_key_id(pk, rep->key_id);
        have_pk = 1;
    }
    if (o && o->nfiles && !have_pk) {
        rc = lp_errf(err, LP_USAGE, "a checkpoint file is checked against "
                     "the instructor's public key: give --pubkey FILE");
        goto out;
    }
    for (size_t i = 0; o && i < o->nfiles; i++)
        if ((rc = load_ckpt_file(o->files[i], pk, rep->key_id, &cl, err)))
            goto out;
    size_t from_files = cl.n;
    /* One snapshot for the schema, the walk and the checkpoints (or the
     * caller's transaction when one is open). */
    if (!store_audit_in_tx(st)) {
        if (store_audit_snapshot_begin(st)) {
            rc = store_err_copy(st, err);
            goto out;
        }
        snap = 1;
    }
    if (store_schema_check(st)) {
        const struct lp_err *se = store_err(st);
        if (se->status != LP_VERIFY) {
            *err = *se;
            rc = -err->status;
            goto out;
        }
        set_problem(rep, 0, "%s", se->msg);
        goto out;
    }
    if (store_meta_get_i64(st, "audit.v1_entries", 0, &w.v1_entries) ||
        store_audit_each(st, walk_row, &w) ||
        store_audit_ckpts_each(st, collect_ckpt, &cl)) {
        rc = store_err_copy(st, err);
        goto out;
    }
    if (!rep->first_bad) {
        int64_t seq = 0;
        if (store_audit_seq(st, "audit", &seq)) {
            rc = store_err_copy(st, err);
            goto out;
        }
        if (seq == w.last_id + 1)
            set_problem(rep, seq, "entry %lld was deleted at the tail (the "
                        "id counter stands at %lld)", (long long)seq,
                        (long long)seq);
        else if (seq > w.last_id)
            set_problem(rep, w.last_id + 1, "entries %lld to %lld were "
                        "deleted at the tail (the id counter stands at "
                        "%lld)", (long long)(w.last_id + 1), (long long)seq,
                        (long long)seq);
    }
    rep->uncovered = rep->entries;
    if (o && o->chain_only)
        goto out;
    if ((rc = check_ckpt_ids(st, cl.v + from_files, cl.n - from_files,
                             rep))) {
        *err = *store_err(st);
        goto out;
    }
    if ((rc = audit_origin(st, 0, origin, err)))
        goto out;
    rep->have_key = have_pk;
    if (cl.n == 0)
        add_warn(rep, "no signed checkpoint: a cut tail cannot be seen (an "
                 "instructor runs 'lprsim audit checkpoint --key FILE')");
    else if (!have_pk)
        add_warn(rep, "checkpoint signatures not checked: no pinned audit "
                 "public key (give --pubkey FILE); the key the database "
                 "names is not trusted");
    rep->nckpt = cl.n;
    rep->ckpt = xcalloc(cl.n ? cl.n : 1, sizeof *rep->ckpt);
    int64_t covered = 0;
    /* Stored checkpoints first (in id order), then the files. */
    for (size_t k = 0; k < cl.n; k++) {
        size_t i = (k + from_files) % cl.n;
        struct audit_ckpt_report *cr = &rep->ckpt[k];
        if ((rc = check_ckpt(st, &cl.v[i], have_pk ? pk : NULL, rep->key_id,
                             origin, rep, cr, err)))
            goto out;
        if (cr->ok && cr->sig_checked && !rep->first_bad &&
            cl.v[i].entries > covered)
            covered = cl.v[i].entries;
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
    rep->covered = covered;
    rep->uncovered = rep->entries > covered ? rep->entries - covered : 0;
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
