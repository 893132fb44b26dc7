/*
 * revlist.h - the signed certificate revocation list: a small text file
 * the issuer writes (cert revoke) and verifiers read offline (cert verify,
 * gate).  It carries a number that only increases, its issue time, the
 * time after which it is stale, the revoked serials and an Ed25519
 * signature.  Reading uses fixed-size storage only.
 */
#ifndef LPRSIM_REVLIST_H
#define LPRSIM_REVLIST_H

#include <stddef.h>
#include <stdint.h>

#include "core/cert/cert.h"
#include "util/util.h"

#define REVLIST_MAX_SERIALS 4096
#define REVLIST_MAX_BYTES 65536

struct revlist {
    uint64_t number;             /* only increases */
    int64_t issued_at;           /* when the issuer signed it */
    int64_t valid_until;         /* stale after this */
    char kid_hex[CERT_KID_HEX];  /* the signing key */
    size_t n;
    uint32_t serials[REVLIST_MAX_SERIALS];   /* strictly increasing */
};

/* Writes the signed list (text) to path atomically.  serials must be
 * strictly increasing (n <= REVLIST_MAX_SERIALS).  0 or negative. */
int revlist_write(const char *path, const struct revlist *rl,
                  const struct cert_seckey *k, struct lp_err *err);

/* The signed text of a list; the caller frees it. */
char *revlist_text(const struct revlist *rl, const struct cert_seckey *k);

/* Reads and checks a list: grammar, key id, signature.  Does not judge
 * freshness (see revlist_check_fresh).  0, -LP_FAIL (missing/unreadable)
 * or -LP_VERIFY with err. */
int revlist_load(const char *path, const struct cert_pubkey *pub,
                 struct revlist *rl, struct lp_err *err);
/* The same on text already in memory (n bytes); name is for messages. */
int revlist_parse(const char *name, const char *text, size_t n,
                  const struct cert_pubkey *pub, struct revlist *rl,
                  struct lp_err *err);

/* Refuses a list that is stale at now, or issued after now (clock
 * wrong).  0 or -LP_VERIFY. */
int revlist_check_fresh(const struct revlist *rl, int64_t now,
                        struct lp_err *err);

/* 1 if serial is on the list. */
int revlist_has(const struct revlist *rl, uint32_t serial);

#endif
