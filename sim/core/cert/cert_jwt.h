/*
 * cert_jwt.h - a certificate as an Open Badges 3.0 credential in the
 * VC-JWT form OB 3.0 (section 8.2) prescribes for the VC data model 2.0:
 * header {alg EdDSA, kid: the key's did:key URI, typ JWT}; payload: the
 * OpenBadgeCredential itself with the claims iss, sub, jti, nbf, exp
 * beside its members (no "vc" wrapper: that was VC 1.1); Ed25519
 * signature.  Any JOSE library verifies it with the issuer's JWK set.
 */
#ifndef LPRSIM_CERT_JWT_H
#define LPRSIM_CERT_JWT_H

#include "core/cert/cert.h"

/* The issuer, person and certificate URNs used in the credential; the
 * caller frees them. */
char *cert_jwt_issuer(const struct cert_pubkey *k);
char *cert_jwt_subject(const char *person);
char *cert_jwt_id(uint32_t serial);

/* Signs c (whose kid must be k's) as a compact JWS; the caller frees the
 * string.  Returns NULL with err on failure. */
char *cert_jwt_make(const struct cert *c, const struct cert_seckey *k,
                    struct lp_err *err);

#endif
