/*
 * gate.h - the access gate (IV.H): yes or no for one person, failing
 * closed.  It checks a certificate token against the issuer's public key,
 * the signed revocation list (fresh, never lower-numbered than one seen
 * before) and the clock (never before the last trusted time), and records
 * what it trusted in a small state file.  Fixed-size buffers throughout.
 */
#ifndef LPRSIM_GATE_H
#define LPRSIM_GATE_H

#include <stdint.h>

#include "core/cert/cert.h"
#include "core/cert/revlist.h"
#include "core/store/store.h"

#define GATE_STATE_MAX 256
#define GATE_USER_MAX 32

/* What the gate is asked. Exactly one of cert_path, cert_dir, st names
 * where the person's certificate is. */
struct gate_req {
    const char *user;          /* the person (PAM_USER) */
    int require;               /* 0 or CERT_TRACK_INITIAL: any valid
                                  certificate; CERT_TRACK_REFRESHER: a
                                  refresher certificate */
    const char *pubkey_path;   /* issuer.pub or issuer.jwks.json */
    const char *revlist_path;  /* the signed revocation list */
    const char *cert_path;     /* a token file of this person */
    const char *cert_dir;      /* a folder of USER.token files */
    struct store *st;          /* a database's certificates table */
    const char *state_path;    /* last trusted time and list number */
    int64_t now;               /* the wall clock */
};

/* Checks one token text (n characters, no newline) as the gate does: the
 * signature by pub, person (when person is not NULL), track requirement,
 * time at now, and revocation (when rl is not NULL).  Fills c (as far as
 * it parsed).  0, or -LP_VERIFY with the reason. */
int gate_check_token(const char *tok, size_t n, const struct cert_pubkey *pub,
                     const struct revlist *rl, const char *person,
                     int require, int64_t now, struct cert *c,
                     struct lp_err *err);

/* Reads a token file: the token, optionally one final newline, nothing
 * else.  Writes it into tok (cap > CERT_TOKEN_MAX) and returns its length,
 * or negative with err (LP_FAIL missing, LP_VERIFY malformed). */
long gate_read_token_file(const char *path, char *tok, size_t cap,
                          struct lp_err *err);

/* The whole decision.  Returns 0 (let in; *granted filled) or negative:
 * -LP_VERIFY (no valid certificate, bad clock, stale list ...), -LP_FAIL
 * (missing or unreadable file), -LP_USAGE (bad request). */
int gate_check(const struct gate_req *g, struct cert *granted,
               struct lp_err *err);

#endif
