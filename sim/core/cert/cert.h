/*
 * cert.h - completion certificates: the issuer's Ed25519 keys (files and
 * JWK set), the compact binary record, and the signed token "LPR1:<base45>"
 * that fits a QR code of version 6 or lower.  Parsing and verifying work on
 * fixed-size buffers only (the gate runs them in the login path).
 */
#ifndef LPRSIM_CERT_H
#define LPRSIM_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

#define CERT_TOKEN_PREFIX "LPR1:"
#define CERT_FORMAT 1            /* record format byte */
#define CERT_PERSON_MAX 16       /* longest person id in a token */
#define CERT_VERSION_MAX 8       /* longest curriculum/profile version */
#define CERT_SITE_MAX 16         /* longest site id (core/site/site.h) */
#define CERT_KID_BYTES 8         /* key id: first bytes of SHA-256(pk) */
#define CERT_KID_HEX (CERT_KID_BYTES * 2 + 1)
#define CERT_RECORD_MAX 64       /* largest binary record */
#define CERT_SIG_BYTES 64
#define CERT_TOKEN_MAX 200       /* longest token text, without NUL */
#define CERT_KEYFILE_MAX 512     /* largest key file read */

enum cert_track { CERT_TRACK_INITIAL = 1, CERT_TRACK_REFRESHER = 2 };

/* What a certificate says. */
struct cert {
    uint32_t serial;
    char person[CERT_PERSON_MAX + 1];
    int track;                            /* enum cert_track */
    char curriculum[CERT_VERSION_MAX + 1];
    char profile[CERT_VERSION_MAX + 1];
    uint16_t score_bp;                    /* score in 1/100 percent */
    int64_t issued_at, expires_at;        /* seconds UTC, < 2^32 */
    uint8_t kid[CERT_KID_BYTES];
    /* The training host it was earned on (site.conf site_id), "" for
     * none.  In the VC and the database; the compact token names the
     * site's issuer key (kid) instead: its 190 characters (QR version 6)
     * have no room for more text. */
    char site[CERT_SITE_MAX + 1];
};

/* The issuer's public key and its id. */
struct cert_pubkey {
    uint8_t pk[32];
    uint8_t kid[CERT_KID_BYTES];
    char kid_hex[CERT_KID_HEX];
};

/* The issuer's secret key (wipe with cert_seckey_wipe after use). */
struct cert_seckey {
    uint8_t sk[64];
    struct cert_pubkey pub;
};

/* "initial"/"refresher" <-> enum; cert_track_parse returns 0 or -1. */
const char *cert_track_name(int track);
int cert_track_parse(const char *s, int *track);

/* Initialises libsodium; returns 0 or -LP_FAIL. */
int cert_crypto_init(struct lp_err *err);

/* Fills the key id of pk (first CERT_KID_BYTES of SHA-256, and hex). */
void cert_pubkey_from_pk(const uint8_t pk[32], struct cert_pubkey *out);

/* Makes a key pair in dir: issuer.key (0600, created exclusively),
 * issuer.pub and issuer.jwks.json.  Refuses to overwrite.  Fills pub.
 * Returns 0 or negative with err. */
int cert_keygen(const char *dir, struct cert_pubkey *pub, struct lp_err *err);

/* Loads a secret key file; refuses one readable or writable by group or
 * others, or not a regular file.  Returns 0 or negative with err. */
int cert_seckey_load(const char *path, struct cert_seckey *k,
                     struct lp_err *err);
void cert_seckey_wipe(struct cert_seckey *k);

/* Loads a public key: the issuer.pub text file or a JWK set holding one
 * Ed25519 key.  Returns 0, -LP_FAIL (missing/unreadable) or -LP_VERIFY
 * (damaged: key id does not match the key ...). */
int cert_pubkey_load(const char *path, struct cert_pubkey *k,
                     struct lp_err *err);
/* The issuer as a DID, "did:key:z6Mk..." (W3C did:key: multibase base58btc
 * of the Ed25519 multicodec 0xed01 and the key), and the key's id as a
 * URI, that DID plus "#" and its multibase part: any DID resolver
 * dereferences it to the key, offline.  buf holds CERT_KID_URI_MAX. */
#define CERT_KID_URI_MAX 160
void cert_did_key(const struct cert_pubkey *k, char *buf, size_t cap);
void cert_kid_uri(const struct cert_pubkey *k, char *buf, size_t cap);

/* Text forms of a public key; the caller frees the strings.  The JWK
 * set's "kid" is cert_kid_uri (the JWT header's kid). */
char *cert_pubkey_text(const struct cert_pubkey *k);
char *cert_jwks_text(const struct cert_pubkey *k);
/* base64url (no padding) of n bytes; the caller frees it. */
char *cert_b64url(const uint8_t *p, size_t n);

/* Checks a certificate's fields (ids, versions, times, score); returns 0
 * or -LP_USAGE with err naming the field. */
int cert_check_fields(const struct cert *c, struct lp_err *err);

/* Encodes the record (fixed-width big-endian integers, short
 * length-prefixed strings) into buf; returns its length or -1. */
int cert_encode(const struct cert *c, uint8_t *buf, size_t cap);
/* Decodes a record of exactly n bytes; 0 or -LP_VERIFY with err. */
int cert_decode(const uint8_t *buf, size_t n, struct cert *c,
                struct lp_err *err);

/* Signs c (its kid is set from k) and writes the token text into tok
 * (cap >= CERT_TOKEN_MAX + 1).  Returns 0 or negative with err. */
int cert_sign_token(struct cert *c, const struct cert_seckey *k, char *tok,
                    size_t cap, struct lp_err *err);

/* Parses and checks a token of n characters against pub: strict grammar
 * (prefix, base-45, exact record length), key id, Ed25519 signature.
 * Does not look at the clock.  Returns 0 and fills c, or -LP_VERIFY with
 * err giving the reason. No allocation. */
int cert_verify_token(const char *tok, size_t n, const struct cert_pubkey *pub,
                      struct cert *c, struct lp_err *err);

/* Parses a token without checking its signature (for display of what a
 * refused token claims). 0 or -LP_VERIFY. */
int cert_parse_token(const char *tok, size_t n, struct cert *c,
                     struct lp_err *err);

/* Checks the certificate is valid at now: not before issue, not at or
 * after expiry.  0 or -LP_VERIFY with err. */
int cert_check_time(const struct cert *c, int64_t now, struct lp_err *err);

/* One line on what was certified: "certificate 12: trainee1, initial
 * track, score 92.50%, issued 2026-03-02, expires 2027-03-02, key ...".
 * Writes into buf. */
void cert_describe(const struct cert *c, char *buf, size_t n);

/* Reads a whole small file (at most max bytes) into buf, NUL-terminated;
 * returns its length, or -LP_FAIL (missing/unreadable) / -LP_VERIFY (too
 * large) with err. */
long cert_read_file(const char *path, char *buf, size_t max,
                    struct lp_err *err);

/* Writes data to path atomically (temp file + rename) with mode. */
int cert_write_file(const char *path, const char *data, size_t n, int mode,
                    struct lp_err *err);

#endif
