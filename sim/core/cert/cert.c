/*
 * cert.c - issuer keys, the binary certificate record and the signed
 * "LPR1:" token (see cert.h).  Parsing is strict and allocation-free: the
 * gate calls it as root in the login path, and the fuzzer drives it.
 */
#include "core/cert/cert.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cert/b45.h"
#include "core/site/site.h"
#include "util/lptime.h"

static const char cert_domain[] = "lprsim-cert-v1";
#define SECKEY_MAGIC "lprsim-ed25519-secret-key v1"
#define PUBKEY_MAGIC "lprsim-ed25519-public-key v1"

const char *cert_track_name(int track)
{
    return track == CERT_TRACK_INITIAL     ? "initial"
           : track == CERT_TRACK_REFRESHER ? "refresher"
                                           : "unknown";
}

int cert_track_parse(const char *s, int *track)
{
    if (s && strcmp(s, "initial") == 0)
        *track = CERT_TRACK_INITIAL;
    else if (s && strcmp(s, "refresher") == 0)
        *track = CERT_TRACK_REFRESHER;
    else
        return -1;
    return 0;
}

int cert_crypto_init(struct lp_err *err)
{
    if (sodium_init() < 0)
        return lp_errf(err, LP_FAIL, "libsodium failed to initialise");
    return 0;
}

void cert_pubkey_from_pk(const uint8_t pk[32], struct cert_pubkey *out)
{
    uint8_t h[crypto_hash_sha256_BYTES];
    memcpy(out->pk, pk, 32);
    crypto_hash_sha256(h, pk, 32);
    memcpy(out->kid, h, CERT_KID_BYTES);
    sodium_bin2hex(out->kid_hex, sizeof out->kid_hex, out->kid,
                   CERT_KID_BYTES);
}

char *cert_b64url(const uint8_t *p, size_t n)
{
    size_t len = sodium_base64_ENCODED_LEN(
        n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *s = xmalloc(len);
    sodium_bin2base64(s, len, p, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return s;
}

static char *b64(const uint8_t *p, size_t n)
{
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *s = xmalloc(len);
    sodium_bin2base64(s, len, p, n, sodium_base64_VARIANT_ORIGINAL);
    return s;
}

char *cert_pubkey_text(const struct cert_pubkey *k)
{
    char *key = b64(k->pk, 32);
    char *s = xasprintf(PUBKEY_MAGIC "\nkid %s\nkey %s\n", k->kid_hex, key);
    free(key);
    return s;
}

/* base58btc (the Bitcoin alphabet) of n <= 64 bytes into out (cap >=
 * 2n + 1): the multibase encoding did:key uses.  Debian ships no C
 * base58 library; this is the textbook repeated division. */
static void b58btc(const uint8_t *p, size_t n, char *out, size_t cap)
{
    static const char alpha[] =
        "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    uint8_t digits[128] = {0};    /* base-58 digits, least significant first */
    size_t nd = 0, zeros = 0;
    while (zeros < n && p[zeros] == 0)
        zeros++;
    for (size_t i = zeros; i < n; i++) {
        unsigned carry = p[i];
        for (size_t j = 0; j < nd; j++) {
            carry += (unsigned)digits[j] << 8;
            digits[j] = (uint8_t)(carry % 58);
            carry /= 58;
        }
        while (carry && nd < sizeof digits) {
            digits[nd++] = (uint8_t)(carry % 58);
            carry /= 58;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < zeros && k + 1 < cap; i++)
        out[k++] = '1';
    while (nd > 0 && k + 1 < cap)
        out[k++] = alpha[digits[--nd]];
    out[k] = '\0';
}

/* "z" + base58btc(0xed 0x01 || pk): the key's multibase form. */
static void multibase_key(const struct cert_pubkey *k, char *buf, size_t cap)
{
    uint8_t mc[34] = {0xed, 0x01};
    memcpy(mc + 2, k->pk, 32);
    if (cap < 2)
        return;
    buf[0] = 'z';
    b58btc(mc, sizeof mc, buf + 1, cap - 1);
}

void cert_did_key(const struct cert_pubkey *k, char *buf, size_t cap)
{
    char mb[64];   /* "z" and 47 base58 digits of 34 bytes */
    multibase_key(k, mb, sizeof mb);
    int n = snprintf(buf, cap, "did:key:%s", mb);
    if (n < 0 || (size_t)n >= cap)
        buf[0] = '\0';
}

void cert_kid_uri(const struct cert_pubkey *k, char *buf, size_t cap)
{
    char mb[64];   /* "z" and 47 base58 digits of 34 bytes */
    multibase_key(k, mb, sizeof mb);
    /* a cut URI would name another key: none rather than a wrong one */
    int n = snprintf(buf, cap, "did:key:%s#%s", mb, mb);
    if (n < 0 || (size_t)n >= cap)
        buf[0] = '\0';
}

char *cert_jwks_text(const struct cert_pubkey *k)
{
    char *x = cert_b64url(k->pk, 32);
    char kid[CERT_KID_URI_MAX];
    cert_kid_uri(k, kid, sizeof kid);
    json_t *doc = json_pack("{s:[{s:s,s:s,s:s,s:s,s:s,s:s}]}", "keys", "kty",
                            "OKP", "crv", "Ed25519", "x", x, "kid", kid,
                            "use", "sig", "alg", "EdDSA");
    char *s = json_dumps(doc, JSON_INDENT(2));
    json_decref(doc);
    free(x);
    char *out = xasprintf("%s\n", s);
    free(s);
    return out;
}

long cert_read_file(const char *path, char *buf, size_t max,
                    struct lp_err *err)
{
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return lp_errf(err, LP_FAIL, "%s: cannot open: %s", path,
                       strerror(errno));
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
        close(fd);
        return lp_errf(err, LP_FAIL, "%s: not a regular file", path);
    }
    size_t n = 0;
    for (;;) {
        if (n == max) {
            char extra;
            ssize_t r = read(fd, &extra, 1);
            close(fd);
            if (r > 0)
                return lp_errf(err, LP_VERIFY, "%s: larger than %zu bytes",
                               path, max);
            break;
        }
        ssize_t r = read(fd, buf + n, max - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            return lp_errf(err, LP_FAIL, "%s: cannot read: %s", path,
                           strerror(e));
        }
        if (r == 0) {
            close(fd);
            break;
        }
        n += (size_t)r;
    }
    buf[n] = '\0';
    return (long)n;
}

int cert_write_file(const char *path, const char *data, size_t n, int mode,
                    struct lp_err *err)
{
    char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
    int rc = 0;
    /* the user's file, with the user's own rights (site.h) */
    int fd = site_user_open(tmp, O_WRONLY | O_CREAT | O_EXCL, (mode_t)mode);
    if (fd < 0) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot create: %s", tmp,
                     strerror(errno));
        goto out;
    }
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", tmp,
                         strerror(errno));
            close(fd);
            unlink(tmp);
            goto out;
        }
        off += (size_t)w;
    }
    if (fsync(fd) || close(fd)) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", tmp,
                     strerror(errno));
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, path)) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", path,
                     strerror(errno));
        unlink(tmp);
    }
out:
    free(tmp);
    return rc;
}

/* Creates path exclusively with mode and writes text. */
static int write_new(const char *path, const char *text, int mode,
                     struct lp_err *err)
{
    int fd = site_user_open(path, O_WRONLY | O_CREAT | O_EXCL, (mode_t)mode);
    if (fd < 0)
        return lp_errf(err, LP_FAIL, "%s: cannot create: %s%s", path,
                       strerror(errno),
                       errno == EEXIST ? " (keygen never overwrites a key)"
                                       : "");
    size_t n = strlen(text);
    int rc = 0;
    if (write(fd, text, n) != (ssize_t)n || fsync(fd))
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", path,
                     strerror(errno));
    if (close(fd) && !rc)
        rc = lp_errf(err, LP_FAIL, "%s: cannot write", path);
    return rc;
}

/* mkdir -p dir, new folders mode 0700 (they will hold a secret key). */
static int make_dirs(const char *dir)
{
    char path[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0700) && errno != EEXIST)
            return -1;
        path[i] = c;
    }
    return 0;
}

int cert_keygen(const char *dir, struct cert_pubkey *pub, struct lp_err *err)
{
    uint8_t pk[32], sk[64], seed[32];
    char *p_sk = xasprintf("%s/issuer.key", dir);
    char *p_pk = xasprintf("%s/issuer.pub", dir);
    char *p_jw = xasprintf("%s/issuer.jwks.json", dir);
    char *t_sk = NULL, *t_pk = NULL, *t_jw = NULL, *s64 = NULL;
    int rc = 0;
    struct stat sb;
    if (make_dirs(dir)) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot create the folder: %s", dir,
                     strerror(errno));
        goto out;
    }
    if (stat(dir, &sb) || !S_ISDIR(sb.st_mode)) {
        rc = lp_errf(err, LP_FAIL, "%s: not a folder", dir);
        goto out;
    }
    if (!access(p_sk, F_OK) || !access(p_pk, F_OK) || !access(p_jw, F_OK)) {
        rc = lp_errf(err, LP_FAIL, "%s: already holds an issuer key "
                     "(keygen never overwrites a key)", dir);
        goto out;
    }
    crypto_sign_keypair(pk, sk);
    crypto_sign_ed25519_sk_to_seed(seed, sk);
    cert_pubkey_from_pk(pk, pub);
    s64 = b64(seed, 32);
    t_sk = xasprintf(SECKEY_MAGIC "\nkid %s\nseed %s\n", pub->kid_hex, s64);
    t_pk = cert_pubkey_text(pub);
    t_jw = cert_jwks_text(pub);
    if ((rc = write_new(p_sk, t_sk, 0600, err)))
        goto out;
    if ((rc = write_new(p_pk, t_pk, 0644, err)) ||
        (rc = write_new(p_jw, t_jw, 0644, err))) {
        unlink(p_sk);
        unlink(p_pk);
        goto out;
    }
out:
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(seed, sizeof seed);
    if (s64)
        sodium_memzero(s64, strlen(s64));
    if (t_sk)
        sodium_memzero(t_sk, strlen(t_sk));
    free(s64);
    free(t_sk);
    free(t_pk);
    free(t_jw);
    free(p_sk);
    free(p_pk);
    free(p_jw);
    return rc;
}

/* Splits "magic\nkid HEX\nWORD B64\n" strictly; fills kid_hex and the
 * decoded 32 bytes.  Returns 0 or -1. */
static int parse_keyfile(const char *text, const char *magic,
                         const char *word, char kid_hex[CERT_KID_HEX],
                         uint8_t out[32])
{
    size_t ml = strlen(magic), wl = strlen(word);
    const char *p = text;
    if (strncmp(p, magic, ml) != 0 || p[ml] != '\n')
        return -1;
    p += ml + 1;
    if (strncmp(p, "kid ", 4) != 0)
        return -1;
    p += 4;
    for (int i = 0; i < CERT_KID_HEX - 1; i++) {
        char c = p[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return -1;
        kid_hex[i] = c;
    }
    kid_hex[CERT_KID_HEX - 1] = '\0';
    p += CERT_KID_HEX - 1;
    if (*p++ != '\n' || strncmp(p, word, wl) != 0 || p[wl] != ' ')
        return -1;
    p += wl + 1;
    const char *nl = strchr(p, '\n');
    if (!nl || nl[1] != '\0')
        return -1;
    size_t bin_len = 0;
    const char *end = NULL;
    if (sodium_base642bin(out, 32, p, (size_t)(nl - p), NULL, &bin_len, &end,
                          sodium_base64_VARIANT_ORIGINAL) ||
        bin_len != 32 || end != nl)
        return -1;
    return 0;
}

int cert_seckey_load(const char *path, struct cert_seckey *k,
                     struct lp_err *err)
{
    char buf[CERT_KEYFILE_MAX + 1];
    char kid_hex[CERT_KID_HEX];
    uint8_t seed[32], pk[32];
    struct stat sb;
    int rc = 0;
    memset(k, 0, sizeof *k);
    if (!path)
        return lp_errf(err, LP_USAGE, "no issuer key given (--key FILE)");
    if (stat(path, &sb))
        return lp_errf(err, LP_FAIL, "%s: cannot open key: %s", path,
                       strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return lp_errf(err, LP_FAIL, "%s: not a regular file", path);
    if (!site_secret_mode_ok(sb.st_mode, sb.st_gid))
        return lp_errf(err, LP_FAIL,
                       "%s: secret key is accessible by group or others "
                       "(mode %03o); refusing to use it (chmod 600 %s)",
                       path, (unsigned)(sb.st_mode & 0777), path);
    long n = cert_read_file(path, buf, CERT_KEYFILE_MAX, err);
    if (n < 0)
        return (int)n;
    if (parse_keyfile(buf, SECKEY_MAGIC, "seed", kid_hex, seed)) {
        rc = lp_errf(err, LP_VERIFY, "%s: not an lprsim issuer secret key",
                     path);
        goto out;
    }
    crypto_sign_seed_keypair(pk, k->sk, seed);
    cert_pubkey_from_pk(pk, &k->pub);
    if (strcmp(kid_hex, k->pub.kid_hex) != 0)
        rc = lp_errf(err, LP_VERIFY, "%s: key id %s does not match the key "
                     "(%s): damaged key file", path, kid_hex,
                     k->pub.kid_hex);
out:
    sodium_memzero(buf, sizeof buf);
    sodium_memzero(seed, sizeof seed);
    if (rc)
        cert_seckey_wipe(k);
    return rc;
}

void cert_seckey_wipe(struct cert_seckey *k)
{
    sodium_memzero(k, sizeof *k);
}

/* Reads a JWK set with exactly one OKP Ed25519 key. */
static int load_jwks(const char *path, const char *text,
                     struct cert_pubkey *k, struct lp_err *err)
{
    json_error_t je;
    int rc = 0;
    uint8_t pk[32];
    size_t bin_len = 0;
    const char *kty = NULL, *crv = NULL, *x = NULL, *kid = NULL;
    json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    if (!doc)
        return lp_errf(err, LP_VERIFY, "%s:%d:%d: not JSON: %s", path,
                       je.line, je.column, je.text);
    json_t *keys = json_object_get(doc, "keys");
    if (!json_is_array(keys) || json_array_size(keys) != 1 ||
        json_unpack(json_array_get(keys, 0), "{s:s,s:s,s:s,s:s}", "kty", &kty,
                    "crv", &crv, "x", &x, "kid", &kid) ||
        strcmp(kty, "OKP") != 0 || strcmp(crv, "Ed25519") != 0) {
        rc = lp_errf(err, LP_VERIFY, "%s: not a JWK set with one Ed25519 "
                     "key (kty OKP, crv Ed25519, x, kid)", path);
        goto out;
    }
    if (sodium_base642bin(pk, 32, x, strlen(x), NULL, &bin_len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
        bin_len != 32) {
        rc = lp_errf(err, LP_VERIFY, "%s: key x is not 32 bytes of "
                     "base64url", path);
        goto out;
    }
    cert_pubkey_from_pk(pk, k);
    char uri[CERT_KID_URI_MAX];
    cert_kid_uri(k, uri, sizeof uri);
    /* the key's URI, or its hex id (JWK sets of earlier versions) */
    if (strcmp(kid, uri) != 0 && strcmp(kid, k->kid_hex) != 0)
        rc = lp_errf(err, LP_VERIFY, "%s: kid %s does not match the key "
                     "(%s)", path, kid, uri);
out:
    json_decref(doc);
    return rc;
}

int cert_pubkey_load(const char *path, struct cert_pubkey *k,
                     struct lp_err *err)
{
    char buf[CERT_KEYFILE_MAX + 1];
    char kid_hex[CERT_KID_HEX];
    uint8_t pk[32];
    memset(k, 0, sizeof *k);
    if (!path)
        return lp_errf(err, LP_FAIL, "no issuer public key given "
                       "(--pubkey FILE)");
    long n = cert_read_file(path, buf, CERT_KEYFILE_MAX, err);
    if (n < 0)
        return (int)n;
    if (buf[0] == '{')
        return load_jwks(path, buf, k, err);
    if (parse_keyfile(buf, PUBKEY_MAGIC, "key", kid_hex, pk))
        return lp_errf(err, LP_VERIFY, "%s: not an lprsim issuer public key "
                       "(issuer.pub or issuer.jwks.json)", path);
    cert_pubkey_from_pk(pk, k);
    if (strcmp(kid_hex, k->kid_hex) != 0)
        return lp_errf(err, LP_VERIFY, "%s: key id %s does not match the "
                       "key (%s): damaged key file", path, kid_hex,
                       k->kid_hex);
    return 0;
}

/* 1 if s (length n) is 1..max characters of [A-Za-z0-9._-]. */
static int id_ok(const char *s, size_t n, size_t max)
{
    if (n < 1 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

int cert_check_fields(const struct cert *c, struct lp_err *err)
{
    if (!id_ok(c->person, strnlen(c->person, sizeof c->person),
               CERT_PERSON_MAX))
        return lp_errf(err, LP_USAGE, "person id '%s' cannot go in a "
                       "certificate (1-%d of A-Z a-z 0-9 . _ -)", c->person,
                       CERT_PERSON_MAX);
    if (c->track != CERT_TRACK_INITIAL && c->track != CERT_TRACK_REFRESHER)
        return lp_errf(err, LP_USAGE, "unknown track %d", c->track);
    if (!id_ok(c->curriculum, strnlen(c->curriculum, sizeof c->curriculum),
               CERT_VERSION_MAX))
        return lp_errf(err, LP_USAGE, "curriculum version '%s' is not 1-%d "
                       "of A-Z a-z 0-9 . _ -", c->curriculum,
                       CERT_VERSION_MAX);
    if (!id_ok(c->profile, strnlen(c->profile, sizeof c->profile),
               CERT_VERSION_MAX))
        return lp_errf(err, LP_USAGE, "profile version '%s' is not 1-%d "
                       "of A-Z a-z 0-9 . _ -", c->profile, CERT_VERSION_MAX);
    if (c->score_bp > 10000)
        return lp_errf(err, LP_USAGE, "score above 100%%");
    if (c->serial == 0)
        return lp_errf(err, LP_USAGE, "serial 0 is not valid");
    if (c->issued_at < 0 || c->issued_at > UINT32_MAX || c->expires_at < 0 ||
        c->expires_at > UINT32_MAX || c->expires_at <= c->issued_at)
        return lp_errf(err, LP_USAGE, "certificate dates out of range "
                       "(1970-2106, expiry after issue)");
    return 0;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

/* Appends a length-prefixed string. */
static size_t put_str(uint8_t *buf, size_t o, const char *s)
{
    size_t n = strlen(s);
    buf[o++] = (uint8_t)n;
    memcpy(buf + o, s, n);
    return o + n;
}

#define REC_FIXED 24

int cert_encode(const struct cert *c, uint8_t *buf, size_t cap)
{
    if (cap < CERT_RECORD_MAX)
        return -1;
    if (cert_check_fields(c, NULL))
        return -1;
    buf[0] = CERT_FORMAT;
    memcpy(buf + 1, c->kid, CERT_KID_BYTES);
    put32(buf + 9, c->serial);
    buf[13] = (uint8_t)c->track;
    buf[14] = (uint8_t)(c->score_bp >> 8);
    buf[15] = (uint8_t)c->score_bp;
    put32(buf + 16, (uint32_t)c->issued_at);
    put32(buf + 20, (uint32_t)c->expires_at);
    size_t o = REC_FIXED;
    o = put_str(buf, o, c->person);
    o = put_str(buf, o, c->curriculum);
    o = put_str(buf, o, c->profile);
    return (int)o;
}

/* Reads a length-prefixed string of at most max into out. */
static int get_str(const uint8_t *buf, size_t n, size_t *o, char *out,
                   size_t max)
{
    if (*o >= n)
        return -1;
    size_t len = buf[*o];
    if (len < 1 || len > max || *o + 1 + len > n ||
        !id_ok((const char *)buf + *o + 1, len, max))
        return -1;
    memcpy(out, buf + *o + 1, len);
    out[len] = '\0';
    *o += 1 + len;
    return 0;
}

int cert_decode(const uint8_t *buf, size_t n, struct cert *c,
                struct lp_err *err)
{
    memset(c, 0, sizeof *c);
    if (n < REC_FIXED + 6 || n > CERT_RECORD_MAX)
        return lp_errf(err, LP_VERIFY, "certificate record has a wrong "
                       "length (%zu bytes)", n);
    if (buf[0] != CERT_FORMAT)
        return lp_errf(err, LP_VERIFY, "certificate record format %u is not "
                       "known (expected %d)", buf[0], CERT_FORMAT);
    memcpy(c->kid, buf + 1, CERT_KID_BYTES);
    c->serial = get32(buf + 9);
    c->track = buf[13];
    c->score_bp = (uint16_t)(buf[14] << 8 | buf[15]);
    c->issued_at = get32(buf + 16);
    c->expires_at = get32(buf + 20);
    size_t o = REC_FIXED;
    if (get_str(buf, n, &o, c->person, CERT_PERSON_MAX) ||
        get_str(buf, n, &o, c->curriculum, CERT_VERSION_MAX) ||
        get_str(buf, n, &o, c->profile, CERT_VERSION_MAX))
        return lp_errf(err, LP_VERIFY, "certificate record: bad person or "
                       "version field");
    if (o != n)
        return lp_errf(err, LP_VERIFY, "certificate record: %zu bytes "
                       "after its end", n - o);
    if (cert_check_fields(c, NULL))
        return lp_errf(err, LP_VERIFY, "certificate record: field out of "
                       "range (track, score, serial or dates)");
    return 0;
}

/* The signed message: domain string then the record. */
static size_t signed_msg(const uint8_t *rec, size_t n, uint8_t *msg)
{
    size_t dl = sizeof cert_domain - 1;
    memcpy(msg, cert_domain, dl);
    memcpy(msg + dl, rec, n);
    return dl + n;
}

int cert_sign_token(struct cert *c, const struct cert_seckey *k, char *tok,
                    size_t cap, struct lp_err *err)
{
    uint8_t bin[CERT_RECORD_MAX + CERT_SIG_BYTES];
    uint8_t msg[sizeof cert_domain + CERT_RECORD_MAX];
    memcpy(c->kid, k->pub.kid, CERT_KID_BYTES);
    int rc = cert_check_fields(c, err);
    if (rc)
        return rc;
    if (cap < CERT_TOKEN_MAX + 1)
        return lp_errf(err, LP_FAIL, "token buffer too small");
    int n = cert_encode(c, bin, CERT_RECORD_MAX);
    if (n < 0)
        return lp_errf(err, LP_FAIL, "cannot encode the certificate");
    size_t ml = signed_msg(bin, (size_t)n, msg);
    crypto_sign_detached(bin + n, NULL, msg, ml, k->sk);
    size_t pl = strlen(CERT_TOKEN_PREFIX);
    memcpy(tok, CERT_TOKEN_PREFIX, pl);
    if (!b45_encode(bin, (size_t)n + CERT_SIG_BYTES, tok + pl, cap - pl))
        return lp_errf(err, LP_FAIL, "token too long");
    return 0;
}

/* Parses the token into its record and signature; fills c. */
static int split_token(const char *tok, size_t n, struct cert *c,
                       uint8_t *bin, size_t *reclen, struct lp_err *err)
{
    size_t pl = strlen(CERT_TOKEN_PREFIX);
    memset(c, 0, sizeof *c);    /* a refused token claims nothing */
    if (n > CERT_TOKEN_MAX)
        return lp_errf(err, LP_VERIFY, "token too long (%zu characters, at "
                       "most %d)", n, CERT_TOKEN_MAX);
    if (n < pl || memcmp(tok, CERT_TOKEN_PREFIX, pl) != 0)
        return lp_errf(err, LP_VERIFY, "not a certificate token (it must "
                       "start with %s)", CERT_TOKEN_PREFIX);
    long bn = b45_decode(tok + pl, n - pl, bin,
                         CERT_RECORD_MAX + CERT_SIG_BYTES);
    if (bn < 0)
        return lp_errf(err, LP_VERIFY, "token is damaged: not canonical "
                       "base-45 (truncated, padded or re-encoded?)");
    if (bn < CERT_SIG_BYTES + REC_FIXED + 6)
        return lp_errf(err, LP_VERIFY, "token is too short (truncated?)");
    *reclen = (size_t)bn - CERT_SIG_BYTES;
    int rc = cert_decode(bin, *reclen, c, err);
    if (rc)
        memset(c, 0, sizeof *c);
    return rc;
}

int cert_parse_token(const char *tok, size_t n, struct cert *c,
                     struct lp_err *err)
{
    uint8_t bin[CERT_RECORD_MAX + CERT_SIG_BYTES];
    size_t reclen;
    return split_token(tok, n, c, bin, &reclen, err);
}

int cert_verify_token(const char *tok, size_t n, const struct cert_pubkey *pub,
                      struct cert *c, struct lp_err *err)
{
    uint8_t bin[CERT_RECORD_MAX + CERT_SIG_BYTES];
    uint8_t msg[sizeof cert_domain + CERT_RECORD_MAX];
    size_t reclen;
    int rc = split_token(tok, n, c, bin, &reclen, err);
    if (rc)
        return rc;
    if (memcmp(c->kid, pub->kid, CERT_KID_BYTES) != 0) {
        char hex[CERT_KID_HEX];
        sodium_bin2hex(hex, sizeof hex, c->kid, CERT_KID_BYTES);
        return lp_errf(err, LP_VERIFY, "certificate was signed by key %s, "
                       "not by the given issuer key %s", hex, pub->kid_hex);
    }
    size_t ml = signed_msg(bin, reclen, msg);
    if (crypto_sign_verify_detached(bin + reclen, msg, ml, pub->pk) != 0)
        return lp_errf(err, LP_VERIFY, "bad signature: the certificate was "
                       "altered or not issued with this key");
    return 0;
}

int cert_check_time(const struct cert *c, int64_t now, struct lp_err *err)
{
    char a[24], b[24];
    if (now < c->issued_at) {
        lptime_format(now, a, sizeof a);
        lptime_format(c->issued_at, b, sizeof b);
        return lp_errf(err, LP_VERIFY, "clock %s is before the certificate's "
                       "issue time %s: clock wrong?", a, b);
    }
    if (now >= c->expires_at) {
        lptime_format(c->expires_at, b, sizeof b);
        return lp_errf(err, LP_VERIFY, "certificate %u expired on %s",
                       (unsigned)c->serial, b);
    }
    return 0;
}

void cert_describe(const struct cert *c, char *buf, size_t n)
{
    char i[12], e[12], kid[CERT_KID_HEX];
    lptime_format_date(c->issued_at, i, sizeof i);
    lptime_format_date(c->expires_at, e, sizeof e);
    sodium_bin2hex(kid, sizeof kid, c->kid, CERT_KID_BYTES);
    snprintf(buf, n, "certificate %u: %s, %s track, score %u.%02u%%, "
             "curriculum %s, profile %s, issued %s, expires %s, key %s",
             (unsigned)c->serial, c->person, cert_track_name(c->track),
             c->score_bp / 100u, c->score_bp % 100u, c->curriculum,
             c->profile, i, e, kid);
}
