/*
 * cert_jwt.h - a certificate as an Open Badges 3.0 credential in VC-JWT
 * form: header {alg EdDSA, typ JWT, kid}, payload {iss, sub, jti, nbf,
 * iat, exp, vc: OpenBadgeCredential}, Ed25519 signature; any JOSE library
 * verifies it against the issuer's JWK set.
 */
#ifndef LPRSIM_CERT_JWT_H
#define LPRSIM_CERT_JWT_H

#include "core/cert/cert.h"

/* The issuer, person and certificate URNs used in the credential; the
 * caller frees them. */
char *cert_jwt_issuer(const char *kid_hex);
char *cert_jwt_subject(const char *person);
char *cert_jwt_id(uint32_t serial);

/* Signs c (whose kid must be k's) as a compact JWS; the caller frees the
 * string.  Returns NULL with err on failure. */
char *cert_jwt_make(const struct cert *c, const struct cert_seckey *k,
                    struct lp_err *err);

#endif
