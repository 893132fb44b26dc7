/*
 * xapi.h - xAPI 1.0.3 statements of the training records, for an
 * agency's learning record store (LRS): lesson read (experienced),
 * knowledge check and scenario attempt (attempted, passed, failed with
 * score, success, duration and rule ids), certificate issued (completed)
 * and revoked.  The actor is an account (homePage of the site, name the
 * personnel id), so no e-mail leaves unless asked for.  Statement ids are
 * stable: a name-based UUID (version 8, RFC 9562) over SHA-256 of the
 * record, so the same record always gives the same statement.  Posting
 * (xapi_http.c, the only libcurl user) keeps the ids an LRS acknowledged.
 */
#ifndef LPRSIM_XAPI_H
#define LPRSIM_XAPI_H

#include <jansson.h>
#include <stdint.h>

#include "core/store/store.h"

/* The extension keys are under the activity IRI: IRI/ext/rules ... */
struct xapi_opts {
    const char *homepage;     /* the site: actor.account.homePage */
    const char *iri;          /* activity ids: IRI/lesson/ID, ... (no
                                 trailing slash needed) */
    int with_email;           /* actor by mbox when the roster has one */
    const char *root;         /* data root: lesson titles and rule ids from
                                 root/curriculum/lessons (NULL: none) */
};

/* The name-based UUID of name (n bytes): SHA-256, the first 16 bytes,
 * version 8 and the RFC 4122 variant; out gets 37 bytes. */
void xapi_uuid(const void *name, size_t n, char out[37]);

/* Every statement of the records from since on (timestamp >= since),
 * ordered by timestamp and id.  Returns 0 with *out (a JSON array the
 * caller decrefs) or negative with err. */
int xapi_statements(struct store *st, const struct xapi_opts *o,
                    int64_t since, json_t **out, struct lp_err *err);

/* How a post went. */
struct xapi_post_result {
    int64_t sent;             /* statements the LRS acknowledged now */
    int64_t skipped;          /* acknowledged before: not sent again */
    int64_t batches;          /* POST requests that succeeded */
    int64_t retries;          /* requests repeated after a failure */
};

struct xapi_post_opts {
    const char *url;          /* the LRS endpoint (.../xapi/) */
    const char *auth_file;    /* "key:secret" on one line, mode 0600 */
    int batch;                /* statements per POST (1-500) */
    int retries;              /* extra tries of a failed POST */
    long timeout;             /* seconds per request */
    int64_t now;              /* recorded with the cursor */
};

/* Checks the credentials file (a regular file owned by the real user, not
 * readable or writable by group or others, one "key:secret" line of at
 * most 1024 bytes) and copies the line into buf.  Returns 0 or negative
 * with err (LP_FAIL, naming the file and the problem). */
int xapi_read_auth(const char *path, char *buf, size_t n,
                   struct lp_err *err);

/* POSTs the statements not yet acknowledged by this LRS, in batches, with
 * retries on network errors, 429 and 5xx; records each acknowledged batch
 * in the store (one transaction a batch), so that a repeated post sends
 * nothing twice.  Returns 0, or negative with err (the LRS's status and
 * message); r tells what was done either way. */
int xapi_post(struct store *st, const json_t *stmts,
              const struct xapi_post_opts *o, struct xapi_post_result *r,
              struct lp_err *err);

#endif
