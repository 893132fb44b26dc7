/*
 * cert_jwt.c - Open Badges 3.0 VC-JWT export of a certificate (see
 * cert_jwt.h).  JSON by jansson, base64url by libsodium (URL-safe, no
 * padding), signature by crypto_sign_detached over "header.payload".
 */
#include "core/cert/cert_jwt.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/lptime.h"

char *cert_jwt_issuer(const struct cert_pubkey *k)
{
    char did[CERT_KID_URI_MAX];
    cert_did_key(k, did, sizeof did);
    return xstrdup(did);
}

char *cert_jwt_subject(const char *person)
{
    return xasprintf("urn:lprsim:person:%s", person);
}

char *cert_jwt_id(uint32_t serial)
{
    return xasprintf("urn:lprsim:certificate:%u", (unsigned)serial);
}

/* base64url of a JSON document (compact, keys in insertion order). */
static char *json_b64(json_t *doc)
{
    char *s = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    char *b = cert_b64url((const uint8_t *)s, strlen(s));
    free(s);
    return b;
}

/* The OpenBadgeCredential (VC data model 2.0, OB 3.0.3 context) with the
 * JWT claims OB 3.0 section 8.2 names beside its members: iss = issuer.id,
 * sub = credentialSubject.id, jti = id, nbf = validFrom, exp =
 * validUntil.  The score is a Result that names its ResultDescription by
 * id. */
static json_t *payload(const struct cert *c, const char *iss,
                       const char *sub, const char *jti)
{
    char from[24], until[24], score[16];
    const char *track = cert_track_name(c->track);
    lptime_format(c->issued_at, from, sizeof from);
    lptime_format(c->expires_at, until, sizeof until);
    snprintf(score, sizeof score, "%u.%02u", c->score_bp / 100u,
             c->score_bp % 100u);
    char *ach_id = xasprintf("urn:lprsim:achievement:%s:%s", track,
                             c->curriculum);
    char *rd_id = xasprintf("%s:score", ach_id);
    char *name = xasprintf("LPR privacy training, %s track", track);
    char *issuer_name = c->site[0]
        ? xasprintf("lprsim training host %s", c->site)
        : xstrdup("lprsim issuer");
    char *desc = xasprintf(
        "Completed the %s track of the lprsim license plate reader privacy "
        "training (curriculum %s, policy profile %s); the issuer replayed "
        "and re-scored every scenario before signing.", track, c->curriculum,
        c->profile);
    json_t *vc = json_pack(
        "{s:[s,s], s:s, s:[s,s], s:{s:s,s:[s],s:s}, s:s, s:s, s:s,"
        " s:{s:s, s:[s], s:{s:s, s:[s], s:s, s:s, s:{s:s},"
        "                   s:[{s:s, s:[s], s:s, s:s}]},"
        "    s:[{s:[s], s:s, s:s}]},"
        " s:s, s:s, s:s, s:I, s:I}",
        "@context", "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "id", jti,
        "type", "VerifiableCredential", "OpenBadgeCredential",
        "issuer", "id", iss, "type", "Profile", "name", issuer_name,
        "validFrom", from, "validUntil", until, "name", name,
        "credentialSubject", "id", sub, "type", "AchievementSubject",
        "achievement", "id", ach_id, "type", "Achievement", "name", name,
        "description", desc, "criteria", "narrative",
        "Pass every scenario of the track; the score is recomputed by "
        "replaying the trainee's transcripts.",
        "resultDescription", "id", rd_id, "type", "ResultDescription",
        "name", "Score on replay", "resultType", "Percent",
        "result", "type", "Result", "resultDescription", rd_id, "value",
        score,
        "iss", iss, "sub", sub, "jti", jti,
        "nbf", (json_int_t)c->issued_at, "exp", (json_int_t)c->expires_at);
    free(ach_id);
    free(rd_id);
    free(name);
    free(desc);
    free(issuer_name);
    if (c->site[0])
        json_object_set_new(json_object_get(vc, "issuer"), "site",
                            json_string(c->site));
    return vc;
}

char *cert_jwt_make(const struct cert *c, const struct cert_seckey *k,
                    struct lp_err *err)
{
    if (memcmp(c->kid, k->pub.kid, CERT_KID_BYTES) != 0) {
        lp_errf(err, LP_FAIL, "certificate key id differs from the key");
        return NULL;
    }
    char kid[CERT_KID_URI_MAX];
    cert_kid_uri(&k->pub, kid, sizeof kid);
    char *iss = cert_jwt_issuer(&k->pub);
    char *sub = cert_jwt_subject(c->person);
    char *jti = cert_jwt_id(c->serial);
    json_t *hdr = json_pack("{s:s,s:s,s:s}", "alg", "EdDSA", "kid", kid,
                            "typ", "JWT");
    json_t *pl = payload(c, iss, sub, jti);
    char *h64 = json_b64(hdr), *p64 = json_b64(pl);
    char *input = xasprintf("%s.%s", h64, p64);
    uint8_t sig[64];
    crypto_sign_detached(sig, NULL, (const uint8_t *)input, strlen(input),
                         k->sk);
    char *s64 = cert_b64url(sig, sizeof sig);
    char *jwt = xasprintf("%s.%s", input, s64);
    free(s64);
    free(input);
    free(h64);
    free(p64);
    json_decref(hdr);
    json_decref(pl);
    free(iss);
    free(sub);
    free(jti);
    return jwt;
}
