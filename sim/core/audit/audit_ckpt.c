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

static void key_id_of(const unsigned char pk[32],
                      char id[AUDIT_KEY_ID_LEN + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, pk, 32);
    sodium_bin2hex(id, AUDIT_KEY_ID_LEN + 1, h, AUDIT_KEY_ID_LEN / 2);
}

size_t audit_ckpt_message(int64_t entries,
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
        key_id_of(pk, key_id);
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
    key_id_of(pk, key_id);
    *key_path = kp;
    *pub_path = pp;
    kp = pp = NULL;
out:
    sodium_memzero(sk, sizeof sk);
    free(kp);
    free(pp);
    return rc;
}

/* NAME.pub for NAME.key (else KEYFILE.pub); caller frees. */
static char *sibling_pub(const char *keyfile)
{
    size_t n = strlen(keyfile);
    if (n > 4 && strcmp(keyfile + n - 4, ".key") == 0)
        return xasprintf("%.*s.pub", (int)(n - 4), keyfile);
    return xasprintf("%s.pub", keyfile);
}

/* Records the public key's absolute path in meta when none is named. */
static int remember_pubkey(struct store *st, const char *keyfile,
                           const unsigned char pk[32])
{
    char *have = store_meta_get(st, "audit.pubkey");
    if (have) {
        free(have);
        return 0;
    }
    if (store_errmsg(st)[0])
        return -store_err(st)->status;
    char *pub = sibling_pub(keyfile);
    char *abs = realpath(pub, NULL);
    unsigned char pk2[32];
    char id[AUDIT_KEY_ID_LEN + 1];
    struct lp_err e2 = {0};
    int rc = 0;
    if (abs && audit_pubkey_load(abs, pk2, id, &e2) == 0 &&
        memcmp(pk, pk2, 32) == 0)
        rc = store_meta_set(st, "audit.pubkey", abs);
    free(abs);
    free(pub);
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
    key_id_of(sk + 32, ci.key_id);
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
    unsigned char msg[128];
    size_t mlen = audit_ckpt_message(ci.entries, ci.head, ci.at, ci.key_id,
                                     msg);
    crypto_sign_detached(ci.sig, NULL, msg, mlen, sk);
    struct store_audit_ckpt sc = {
        .entries = ci.entries, .at = ci.at, .head = ci.head,
        .head_len = AUDIT_HASH_LEN, .key_id = ci.key_id, .sig = ci.sig,
        .sig_len = 64,
    };
    if (store_audit_ckpt_add(st, &sc, &ci.id) ||
        remember_pubkey(st, keyfile, sk + 32))
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

struct export_ctx {
    json_t *arr;
};

static int export_one(void *arg, const struct store_audit_ckpt *c)
{
    struct export_ctx *x = arg;
    char head[2 * AUDIT_HASH_LEN + 1] = "", sig[129] = "", at[32];
    if (c->head_len == AUDIT_HASH_LEN)
        sodium_bin2hex(head, sizeof head, c->head, c->head_len);
    if (c->sig_len == 64)
        sodium_bin2hex(sig, sizeof sig, c->sig, c->sig_len);
    lptime_format(c->at, at, sizeof at);
    json_array_append_new(
        x->arr, json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s}", "id",
                          (json_int_t)c->id, "entries",
                          (json_int_t)c->entries, "at", (json_int_t)c->at,
                          "at_text", at, "head", head, "key_id",
                          c->key_id ? c->key_id : "", "signature", sig));
    return 0;
}

int audit_checkpoint_export(struct store *st, const char *path, int64_t *n,
                            struct lp_err *err)
{
    struct export_ctx x = {json_array()};
    json_t *doc = NULL;
    char *tmp = NULL;
    int rc = 0;
    if (store_audit_ckpts_each(st, export_one, &x)) {
        *err = *store_err(st);
        rc = -err->status;
        goto out;
    }
    *n = (int64_t)json_array_size(x.arr);
    if (*n == 0) {
        rc = lp_errf(err, LP_FAIL, "no checkpoint to export (sign one with "
                     "'lprsim audit checkpoint --key FILE')");
        goto out;
    }
    const char *db = store_path(st);
    doc = json_pack("{s:s,s:s,s:o}", "format", "lprsim-audit-checkpoints-1",
                    "database", db ? db : "", "checkpoints", x.arr);
    x.arr = NULL;
    if (strcmp(path, "-") == 0) {
        if (json_dumpf(doc, stdout, JSON_INDENT(1)) != 0 ||
            fputc('\n', stdout) == EOF)
            rc = lp_errf(err, LP_FAIL, "stdout: write failed");
        goto out;
    }
    tmp = xasprintf("%s.tmp", path);
    if (json_dump_file(doc, tmp, JSON_INDENT(1)) != 0) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", tmp,
                     strerror(errno));
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, path) != 0) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", path,
                     strerror(errno));
        unlink(tmp);
    }
out:
    json_decref(x.arr);
    json_decref(doc);
    free(tmp);
    return rc;
}
