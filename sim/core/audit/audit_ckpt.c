/*
 * audit_ckpt.c - signed checkpoints of the audit log: the instructor's
 * Ed25519 audit key pair (files), signing the current head (entry count
 * and head hash) so a cut tail shows, and exporting checkpoints to a file
 * to carry off the machine (see audit.h).
 */
#include "core/audit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/site/site.h"
#include "core/store/store_audit.h"
#include "util/lptime.h"

#define SK_HEADER "lprsim-audit-secret-key-1"
#define PK_HEADER "lprsim-audit-public-key-1"
#define KEY_FILE_MAX 512

void audit_key_id(const unsigned char pk[32], char id[AUDIT_KEY_ID_LEN + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, pk, 32);
    sodium_bin2hex(id, AUDIT_KEY_ID_LEN + 1, h, AUDIT_KEY_ID_LEN / 2);
}

/* The v1 message (checkpoints signed before schema 2). */
static size_t ckpt_message_v1(int64_t entries,
                              const unsigned char head[AUDIT_HASH_LEN],
                              int64_t at, const char *key_id,
                              unsigned char out[128])
{
    static const char tag[] = "lprsim.audit.checkpoint.v1";
    size_t n = 0, klen = key_id ? strlen(key_id) : 0;
    if (klen > AUDIT_KEY_ID_LEN)
        klen = AUDIT_KEY_ID_LEN;
    memcpy(out, tag, sizeof tag);           /* with its NUL */
    n += sizeof tag;
    for (int i = 7; i >= 0; i--)
        out[n++] = (unsigned char)((uint64_t)entries >> (8 * i));
    memcpy(out + n, head, AUDIT_HASH_LEN);
    n += AUDIT_HASH_LEN;
    for (int i = 7; i >= 0; i--)
        out[n++] = (unsigned char)((uint64_t)at >> (8 * i));
    out[n++] = (unsigned char)klen;
    memcpy(out + n, key_id, klen);
    n += klen;
    return n;
}

size_t audit_note_body(const char *origin, int64_t entries,
                       const unsigned char head[AUDIT_HASH_LEN], char *out,
                       size_t cap)
{
    char b64[sodium_base64_ENCODED_LEN(AUDIT_HASH_LEN,
                                       sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, head, AUDIT_HASH_LEN,
                      sodium_base64_VARIANT_ORIGINAL);
    int n = snprintf(out, cap, "%s\n%lld\n%s\n", origin, (long long)entries,
                     b64);
    return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}

void audit_note_key_name(const char *key_id, char out[64])
{
    snprintf(out, 64, "lprsim-audit-%s", key_id);
}

/* The spec's key hash: SHA-256(name || 0x0A || 0x01 || pk)[:4]. */
static void note_key_hash(const char *name, const unsigned char pk[32],
                          unsigned char out[4])
{
    crypto_hash_sha256_state h;
    unsigned char d[crypto_hash_sha256_BYTES];
    static const unsigned char sep[2] = {0x0a, 0x01};
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, (const unsigned char *)name, strlen(name));
    crypto_hash_sha256_update(&h, sep, 2);
    crypto_hash_sha256_update(&h, pk, 32);
    crypto_hash_sha256_final(&h, d);
    memcpy(out, d, 4);
}

int audit_ckpt_sig_ok(const char *origin, int64_t entries,
                      const unsigned char head[AUDIT_HASH_LEN], int64_t at,
                      const char *key_id, const unsigned char sig[64],
                      const unsigned char pk[32])
{
    char body[AUDIT_ORIGIN_MAX + 128];
    size_t n = audit_note_body(origin, entries, head, body, sizeof body);
    if (origin[0] && crypto_sign_verify_detached(
                         sig, (const unsigned char *)body, n, pk) == 0)
        return 1;
    unsigned char msg[128];
    size_t m = ckpt_message_v1(entries, head, at, key_id, msg);
    return crypto_sign_verify_detached(sig, msg, m, pk) == 0;
}

int audit_origin(struct store *st, int create, char out[AUDIT_ORIGIN_MAX],
                 struct lp_err *err)
{
    out[0] = '\0';
    char *v = store_meta_get(st, "audit.origin");
    if (!v && store_errmsg(st)[0]) {
        return store_err_copy(st, err);
    }
    if (v) {
        snprintf(out, AUDIT_ORIGIN_MAX, "%s", v);
        free(v);
        return 0;
    }
    if (!create)
        return 0;
    unsigned char r[8];
    char hex[17];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    snprintf(out, AUDIT_ORIGIN_MAX, "lprsim.local/audit/%s", hex);
    if (store_meta_set(st, "audit.origin", out)) {
        return store_err_copy(st, err);
    }
    return 0;
}

/* Reads a small key file opened as fd: "HEADER\nBASE64\n" -> bin. */
static int read_key_fd(int fd, const char *path, const char *header,
                       unsigned char *bin, size_t n, struct lp_err *err)
{
    char buf[KEY_FILE_MAX + 1];
    ssize_t got = read(fd, buf, KEY_FILE_MAX);
    if (got < 0)
        return lp_errf(err, LP_FAIL, "%s: cannot read: %s", path,
                       strerror(errno));
    buf[got] = '\0';
    size_t hl = strlen(header);
    if (strncmp(buf, header, hl) != 0 || buf[hl] != '\n')
        return lp_errf(err, LP_FAIL, "%s:1: not an lprsim audit key "
                       "(expected '%s')", path, header);
    char *b64 = buf + hl + 1;
    b64[strcspn(b64, "\r\n")] = '\0';
    size_t blen = 0;
    int ok = sodium_base642bin(bin, n, b64, strlen(b64), NULL, &blen, NULL,
                               sodium_base64_VARIANT_ORIGINAL) == 0 &&
             blen == n;
    sodium_memzero(buf, sizeof buf);
    if (!ok)
        return lp_errf(err, LP_FAIL, "%s:2: key is not %zu bytes of base64",
                       path, n);
    return 0;
}

int audit_pubkey_load(const char *path, unsigned char pk[32],
                      char key_id[AUDIT_KEY_ID_LEN + 1], struct lp_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return lp_errf(err, LP_FAIL, "%s: cannot open audit public key: %s",
                       path, strerror(errno));
    int rc = read_key_fd(fd, path, PK_HEADER, pk, 32, err);
    close(fd);
    if (rc == 0)
        audit_key_id(pk, key_id);
    return rc;
}

/* Loads the secret key, refusing a file others may read. */
static int seckey_load(const char *path, unsigned char sk[64],
                       struct lp_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return lp_errf(err, LP_FAIL, "%s: cannot open audit secret key: %s",
                       path, strerror(errno));
    struct stat sb;
    int rc = 0;
    if (fstat(fd, &sb) != 0) {
        rc = lp_errf(err, LP_FAIL, "%s: %s", path, strerror(errno));
    } else if (!S_ISREG(sb.st_mode)) {
        rc = lp_errf(err, LP_FAIL, "%s: not a regular file", path);
    } else if (!site_secret_mode_ok(sb.st_mode, sb.st_gid)) {
        char head[sizeof PK_HEADER];
        ssize_t got = read(fd, head, sizeof head - 1);
        if (got == (ssize_t)sizeof head - 1 &&
            memcmp(head, PK_HEADER, sizeof head - 1) == 0)
            rc = lp_errf(err, LP_USAGE, "%s is the audit public key: sign "
                         "with the secret key (audit.key)", path);
        else
            rc = lp_errf(err, LP_FAIL, "%s: secret key is open to group or "
                         "others (mode %04o): refused; run 'chmod 600 %s'",
                         path, (unsigned)(sb.st_mode & 07777), path);
    } else {
        rc = read_key_fd(fd, path, SK_HEADER, sk, 64, err);
    }
    close(fd);
    return rc;
}

/* Writes "header\nbase64\n" to path with mode, failing if it exists. */
static int write_key(const char *path, const char *header,
                     const unsigned char *bin, size_t n, mode_t mode,
                     struct lp_err *err)
{
    char b64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, bin, n,
                      sodium_base64_VARIANT_ORIGINAL);
    int fd = site_user_open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (fd < 0)
        return lp_errf(err, LP_FAIL, "%s: cannot create: %s%s", path,
                       strerror(errno), errno == EEXIST ?
                       " (an audit key is never overwritten)" : "");
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return lp_errf(err, LP_FAIL, "%s: %s", path, strerror(errno));
    }
    int bad = fprintf(f, "%s\n%s\n", header, b64) < 0;
    bad |= fclose(f) != 0;
    sodium_memzero(b64, sizeof b64);
    if (bad) {
        unlink(path);
        return lp_errf(err, LP_FAIL, "%s: write failed", path);
    }
    return 0;
}

int audit_keygen(const char *dir, char **key_path, char **pub_path,
                 char key_id[AUDIT_KEY_ID_LEN + 1], struct lp_err *err)
{
    unsigned char pk[32], sk[64];
    char *kp = NULL, *pp = NULL;
    int rc = 0;
    *key_path = *pub_path = NULL;
    if (sodium_init() < 0)
        return lp_errf(err, LP_FAIL, "libsodium failed to start");
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return lp_errf(err, LP_FAIL, "%s: cannot create folder: %s", dir,
                       strerror(errno));
    kp = xasprintf("%s/audit.key", dir);
    pp = xasprintf("%s/audit.pub", dir);
    if (access(kp, F_OK) == 0 || access(pp, F_OK) == 0) {
        rc = lp_errf(err, LP_FAIL, "%s: already holds an audit key pair "
                     "(never overwritten; use another folder)", dir);
        goto out;
    }
    crypto_sign_keypair(pk, sk);
    if ((rc = write_key(kp, SK_HEADER, sk, 64, 0600, err)))
        goto out;
    if ((rc = write_key(pp, PK_HEADER, pk, 32, 0644, err))) {
        unlink(kp);
        goto out;
    }
    audit_key_id(pk, key_id);
    *key_path = kp;
    *pub_path = pp;
    kp = pp = NULL;
out:
    sodium_memzero(sk, sizeof sk);
    free(kp);
    free(pp);
    return rc;
}

int audit_checkpoint(struct store *st, const char *keyfile, int64_t now,
                     struct audit_ckpt_info *out, struct lp_err *err)
{
    unsigned char sk[64];
    struct audit_ckpt_info ci;
    int own_tx = 0, rc;
    memset(&ci, 0, sizeof ci);
    if (sodium_init() < 0)
        return lp_errf(err, LP_FAIL, "libsodium failed to start");
    if ((rc = seckey_load(keyfile, sk, err)))
        return rc;
    audit_key_id(sk + 32, ci.key_id);
    if (!store_audit_in_tx(st)) {
        if (store_begin(st))
            goto store_err;
        own_tx = 1;
    }
    struct audit_verify_opts vo = {.chain_only = 1};
    struct audit_verify_report rep;
    rc = audit_verify(st, &vo, &rep, err);
    audit_verify_report_free(&rep);
    if (rc)
        goto fail;
    if (!rep.ok) {
        rc = lp_errf(err, LP_VERIFY, "audit log not intact, not signed: %s",
                     rep.problem);
        goto fail;
    }
    int64_t head = 0;
    rc = store_audit_head(st, &head, ci.head);
    if (rc < 0)
        goto store_err;
    ci.entries = store_audit_count(st);
    if (ci.entries < 0)
        goto store_err;
    if (ci.entries != head) {
        rc = lp_errf(err, LP_VERIFY, "the audit log has %lld entries but "
                     "its head is entry %lld: run 'lprsim audit verify' "
                     "before signing", (long long)ci.entries,
                     (long long)head);
        goto fail;
    }
    ci.at = now;
    char origin[AUDIT_ORIGIN_MAX], body[AUDIT_ORIGIN_MAX + 128];
    if ((rc = audit_origin(st, 1, origin, err)))
        goto fail;
    size_t blen = audit_note_body(origin, ci.entries, ci.head, body,
                                  sizeof body);
    crypto_sign_detached(ci.sig, NULL, (const unsigned char *)body, blen, sk);
    struct store_audit_ckpt sc = {
        .entries = ci.entries, .at = ci.at, .head = ci.head,
        .head_len = AUDIT_HASH_LEN, .key_id = ci.key_id, .sig = ci.sig,
        .sig_len = 64,
    };
    /* the note signature line carries SHA-256(name, 0x0A, 0x01, pk)[:4] */
    char mk[48], name[64], khex[9];
    unsigned char kh[4];
    audit_note_key_name(ci.key_id, name);
    note_key_hash(name, sk + 32, kh);
    sodium_bin2hex(khex, sizeof khex, kh, 4);
    snprintf(mk, sizeof mk, "audit.keyhash.%s", ci.key_id);
    if (store_audit_ckpt_add(st, &sc, &ci.id) ||
        store_meta_set(st, mk, khex))
        goto store_err;
    if (own_tx && store_commit(st))
        goto store_err;
    sodium_memzero(sk, sizeof sk);
    if (out)
        *out = ci;
    return 0;
store_err:
    rc = lp_errf(err, store_err(st)->status ? store_err(st)->status : LP_FAIL,
                 "%s", store_errmsg(st));
fail:
    if (own_tx)
        store_rollback(st);
    sodium_memzero(sk, sizeof sk);
    return rc;
}

/* The newest stored checkpoint. */
struct last_ctx {
    int64_t id, entries;
    unsigned char head[AUDIT_HASH_LEN], sig[64];
    char key_id[AUDIT_KEY_ID_LEN + 1];
    int ok;
};

static int last_one(void *arg, const struct store_audit_ckpt *c)
{
    struct last_ctx *x = arg;
    x->id = c->id;
    x->entries = c->entries;
    x->ok = c->head_len == AUDIT_HASH_LEN && c->sig_len == 64 && c->key_id;
    if (x->ok) {
        memcpy(x->head, c->head, AUDIT_HASH_LEN);
        memcpy(x->sig, c->sig, 64);
        snprintf(x->key_id, sizeof x->key_id, "%s", c->key_id);
    }
    return 0;
}

int audit_checkpoint_export(struct store *st, const char *path, int64_t *id,
                            struct lp_err *err)
{
    struct last_ctx x;
    char origin[AUDIT_ORIGIN_MAX], name[64];
    char note[AUDIT_ORIGIN_MAX + 400];
    char *tmp = NULL;
    int rc = 0;
    memset(&x, 0, sizeof x);
    *id = 0;
    if (store_audit_ckpts_each(st, last_one, &x)) {
        return store_err_copy(st, err);
    }
    if (!x.id)
        return lp_errf(err, LP_FAIL, "no checkpoint to export (sign one with "
                       "'lprsim audit checkpoint --key FILE')");
    if (!x.ok)
        return lp_errf(err, LP_VERIFY, "checkpoint %lld is damaged (run "
                       "'lprsim audit verify')", (long long)x.id);
    if ((rc = audit_origin(st, 0, origin, err)))
        return rc;
    if (!origin[0])
        return lp_errf(err, LP_FAIL, "checkpoint %lld was signed by an older "
                       "lprsim (no C2SP form): sign a new one with 'lprsim "
                       "audit checkpoint --key FILE'", (long long)x.id);
    size_t n = audit_note_body(origin, x.entries, x.head, note, sizeof note);
    /* signature line: em dash, key name, base64(key hash || signature);
     * the key hash needs the public key: the key id names it, so the
     * verifier recomputes it.  The public half is not in the database, so
     * the 4 bytes come from the stored signature's key (see below). */
    unsigned char blob[4 + 64];
    char b64[sodium_base64_ENCODED_LEN(sizeof blob,
                                       sodium_base64_VARIANT_ORIGINAL)];
    audit_note_key_name(x.key_id, name);
    /* The key hash is over the public key, which lprsim finds from the key
     * id only when the caller pins it; export instead writes the hash of
     * the id-named key as recorded at signing (meta audit.keyhash.KEYID). */
    char mk[48];
    snprintf(mk, sizeof mk, "audit.keyhash.%s", x.key_id);
    char *kh = store_meta_get(st, mk);
    size_t got = 0;
    if (!kh || sodium_hex2bin(blob, 4, kh, strlen(kh), NULL, &got, NULL) ||
        got != 4) {
        free(kh);
        return lp_errf(err, LP_FAIL, "checkpoint %lld: the key hash of key "
                       "%s is not recorded: sign a new checkpoint",
                       (long long)x.id, x.key_id);
    }
    free(kh);
    memcpy(blob + 4, x.sig, 64);
    sodium_bin2base64(b64, sizeof b64, blob, sizeof blob,
                      sodium_base64_VARIANT_ORIGINAL);
    int m = snprintf(note + n, sizeof note - n, "\n\xe2\x80\x94 %s %s\n",
                     name, b64);
    if (m < 0 || (size_t)m >= sizeof note - n)
        return lp_errf(err, LP_FAIL, "checkpoint note too long");
    n += (size_t)m;
    *id = x.id;
    if (strcmp(path, "-") == 0) {
        if (fwrite(note, 1, n, stdout) != n || fflush(stdout) != 0)
            return lp_errf(err, LP_FAIL, "stdout: write failed");
        return 0;
    }
    tmp = xasprintf("%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", tmp,
                     strerror(errno));
        goto out;
    }
    int bad = fwrite(note, 1, n, f) != n;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", path,
                     strerror(errno));
        unlink(tmp);
    }
out:
    free(tmp);
    return rc;
}

int audit_note_read(const char *path, struct audit_note *n,
                    struct lp_err *err)
{
    memset(n, 0, sizeof *n);
    FILE *f = fopen(path, "rb");
    if (!f)
        return lp_errf(err, LP_FAIL, "%s: cannot open: %s", path,
                       strerror(errno));
    n->text = xmalloc(AUDIT_NOTE_MAX + 1);
    size_t len = fread(n->text, 1, AUDIT_NOTE_MAX + 1, f);
    int rd = ferror(f);
    fclose(f);
    int rc = 0;
    if (rd) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot read", path);
        goto fail;
    }
    if (len > AUDIT_NOTE_MAX) {
        rc = lp_errf(err, LP_FAIL, "%s: larger than %d bytes: not a "
                     "checkpoint", path, AUDIT_NOTE_MAX);
        goto fail;
    }
    n->text[len] = '\0';
    if (memchr(n->text, '\0', len)) {
        rc = lp_errf(err, LP_FAIL, "%s: holds a NUL byte: not a checkpoint",
                     path);
        goto fail;
    }
    /* the body ends at the last blank line */
    char *sep = NULL;
    for (char *p = strstr(n->text, "\n\n"); p; p = strstr(p + 1, "\n\n"))
        sep = p;
    if (!sep) {
        rc = lp_errf(err, LP_FAIL, "%s: not a signed note (no blank line "
                     "before the signatures)", path);
        goto fail;
    }
    n->body_len = (size_t)(sep - n->text) + 1;
    n->sig_off = n->body_len + 1;
    /* line 1 origin, 2 size, 3 root hash */
    char *l1 = n->text, *e1 = strchr(l1, '\n');
    char *l2 = e1 ? e1 + 1 : NULL, *e2 = l2 ? strchr(l2, '\n') : NULL;
    char *l3 = e2 ? e2 + 1 : NULL, *e3 = l3 ? strchr(l3, '\n') : NULL;
    if (!e3 || (size_t)(e3 - n->text) >= n->body_len) {
        rc = lp_errf(err, LP_FAIL, "%s: a checkpoint has three lines: "
                     "origin, size, root hash", path);
        goto fail;
    }
    if (e1 == l1 || (size_t)(e1 - l1) >= AUDIT_ORIGIN_MAX) {
        rc = lp_errf(err, LP_FAIL, "%s:1: bad origin line", path);
        goto fail;
    }
    memcpy(n->origin, l1, (size_t)(e1 - l1));
    n->origin[e1 - l1] = '\0';
    *e2 = '\0';
    int bad_size = lp_parse_i64(l2, 0, INT64_MAX, &n->entries) != 0 ||
                   (l2[0] == '0' && l2[1]) || l2[0] == '+';
    *e2 = '\n';
    if (bad_size) {
        rc = lp_errf(err, LP_FAIL, "%s:2: the size is not a decimal number",
                     path);
        goto fail;
    }
    size_t got = 0;
    if (sodium_base642bin(n->head, AUDIT_HASH_LEN, l3, (size_t)(e3 - l3),
                          NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != AUDIT_HASH_LEN) {
        rc = lp_errf(err, LP_FAIL, "%s:3: the root hash is not 32 bytes of "
                     "base64", path);
        goto fail;
    }
    return 0;
fail:
    audit_note_free(n);
    return rc;
}

void audit_note_free(struct audit_note *n)
{
    if (!n)
        return;
    free(n->text);
    n->text = NULL;
}

int audit_note_verify(const struct audit_note *n, const unsigned char pk[32],
                      const char *key_id)
{
    char name[64], want[72];
    unsigned char kh[4];
    audit_note_key_name(key_id, name);
    note_key_hash(name, pk, kh);
    int m = snprintf(want, sizeof want, "\xe2\x80\x94 %s ", name);
    const char *p = n->text + n->sig_off;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > (size_t)m && strncmp(p, want, (size_t)m) == 0) {
            unsigned char blob[4 + 64];
            size_t got = 0;
            if (sodium_base642bin(blob, sizeof blob, p + m, len - (size_t)m,
                                  NULL, &got, NULL,
                                  sodium_base64_VARIANT_ORIGINAL) == 0 &&
                got == sizeof blob && memcmp(blob, kh, 4) == 0)
                /* the first line of this key decides (as the spec says) */
                return crypto_sign_verify_detached(
                           blob + 4, (const unsigned char *)n->text,
                           n->body_len, pk) == 0 ? 0 : -1;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return -1;
}

int audit_autocheckpoint(struct store *st, const char *keyfile,
                         int64_t every_n, int64_t now,
                         struct audit_ckpt_info *out, struct lp_err *err)
{
    struct last_ctx x;
    int64_t entries;
    if (out)
        memset(out, 0, sizeof *out);
    if (!keyfile || !*keyfile)
        return 0;
    memset(&x, 0, sizeof x);
    if (store_audit_ckpts_each(st, last_one, &x) ||
        (entries = store_audit_count(st)) < 0) {
        return store_err_copy(st, err);
    }
    int64_t since = entries - x.entries;
    /* fewer entries than the last checkpoint signed: verify says why */
    if (since >= 0 && since < (every_n > 0 ? every_n : 1))
        return 0;
    /* the stored checkpoints are checked against the key's own public
     * half: a log cut below one of them is refused, never re-signed */
    unsigned char sk[64];
    int rc = seckey_load(keyfile, sk, err);
    if (rc)
        return rc;
    struct audit_verify_report rep;
    struct audit_verify_opts vo = {.pubkey_raw = sk + 32};
    rc = audit_verify(st, &vo, &rep, err);
    sodium_memzero(sk, sizeof sk);
    if (rc == 0 && !rep.ok)
        rc = lp_errf(err, LP_VERIFY, "audit log not intact, no checkpoint "
                     "signed: %s", rep.problem);
    audit_verify_report_free(&rep);
    if (rc)
        return rc;
    return audit_checkpoint(st, keyfile, now, out, err);
}
