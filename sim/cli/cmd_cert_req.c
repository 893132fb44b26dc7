/*
 * cmd_cert_req.c - the trainee's side of certificates: "cert status" (the
 * certificate screen of the plain line: status, requirements left),
 * "cert request" (ask for it once every requirement is met) and the
 * instructors' queue "cert requests".  The status comes from the
 * application's records (core/learn/appstate); 'cert issue' replays the
 * exams before it signs.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/learn/appstate.h"
#include "core/store/store_people.h"
#include "util/lptime.h"
#include "util/paths.h"

/* Opens the store and the application state signed in as --user. */
static int open_app(struct cli *c, struct app *a, const char *cmd)
{
    struct lp_err err = {0};
    if (!c->user || !*c->user)
        return cli_fail(LP_USAGE, "cert %s: --user ID is required", cmd);
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    if (app_init(a, c->st, c->now, paths_root(), &err))
        return cli_fail_err(&err);
    rc = app_signin(a, c->user, &err);
    if (rc) {
        app_free(a);
        return rc < 0 ? cli_fail_err(&err)
                      : cli_fail(LP_USAGE, "cert %s: '%s' is not on the "
                                 "roster", cmd, c->user);
    }
    return 0;
}

static int track_index(const struct app *a, const char *id, size_t *ti)
{
    for (size_t i = 0; i < a->ntracks; i++)
        if (strcmp(a->tracks[i].id, id) == 0) {
            *ti = i;
            return 0;
        }
    return -1;
}

/* ---- status ---- */

static const struct opt_spec status_opts[] = {
    {"track", OPT_ARG, "TRACK", "one track (default: every track)"},
    {NULL, 0, NULL, NULL},
};

static int run_status(struct cli *c, const struct opts *o)
{
    struct app a;
    struct lp_err err = {0};
    int rc = open_app(c, &a, "status");
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < a.ntracks; i++) {
        if (opts_get(o, "track") && strcmp(opts_get(o, "track"),
                                           a.tracks[i].id) != 0)
            continue;
        struct app_cert_status st;
        if ((rc = app_cert_status(&a, i, &st, &err))) {
            rc = cli_fail_err(&err);
            break;
        }
        if (c->json) {
            json_array_append_new(arr, json_pack(
                "{s:s,s:s,s:i,s:I,s:s?}", "track", a.tracks[i].id, "status",
                app_cert_state_name(st.state), "days_left", st.days_left,
                "serial", (json_int_t)st.serial, "left", st.left));
        } else {
            printf("%s: %s", a.tracks[i].id, app_cert_state_name(st.state));
            if (st.state == CERT_EXPIRING)
                printf(" in %d day%s", st.days_left,
                       st.days_left == 1 ? "" : "s");
            if (st.serial)
                printf(" (certificate %lld)", (long long)st.serial);
            putchar('\n');
            for (const char *p = st.left; p && *p;) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                printf("  - %.*s\n", (int)n, p);
                p += n + (nl ? 1 : 0);
            }
        }
        free(st.left);
    }
    if (!rc && c->json) {
        json_dumpf(arr, stdout, JSON_COMPACT);
        putchar('\n');
    }
    json_decref(arr);
    app_free(&a);
    return rc;
}

const struct cli_cmd cmd_cert_status = {
    "cert", "status", NULL, "your certificate: status and the requirements "
    "left", status_opts, run_status,
    "Per track: none, requirements left (listed), ready to request,\n"
    "requested, issued, expiring in N days, expired or revoked.  The\n"
    "requirements are those of the track file (curriculum/README.md);\n"
    "'cert issue' checks them again and replays every exam.",
    .group = ACT_GROUP_CERT,
};

/* ---- request ---- */

static const struct opt_spec request_opts[] = {
    {"track", OPT_ARG, "TRACK", "initial or refresher"},
    {NULL, 0, NULL, NULL},
};

static int run_request(struct cli *c, const struct opts *o)
{
    struct app a;
    struct lp_err err = {0};
    size_t ti = 0;
    if (!opts_get(o, "track"))
        return cli_fail(LP_USAGE, "cert request: --track TRACK is required");
    int rc = open_app(c, &a, "request");
    if (rc)
        return rc;
    if (track_index(&a, opts_get(o, "track"), &ti))
        rc = cli_fail(LP_USAGE, "cert request: no track '%s'",
                      opts_get(o, "track"));
    else if (app_cert_request(&a, ti, &err))
        rc = cli_fail_err(&err);
    else if (!c->quiet)
        printf("requested: the %s certificate of %s; an instructor sees it "
               "in 'lprsim cert requests'\n", a.tracks[ti].id, a.user);
    app_free(&a);
    return rc;
}

const struct cli_cmd cmd_cert_request = {
    "cert", "request", NULL, "ask for your certificate once every "
    "requirement is met", request_opts, run_request,
    "Refused (exit 2) while requirements are left, while a certificate is\n"
    "valid or already requested.",
    .group = ACT_GROUP_CERT,
};

/* ---- requests (instructors) ---- */

struct req_list {
    json_t *arr;
    int json;
};

static int req_one(void *arg, const struct store_cert_request *r)
{
    struct req_list *l = arg;
    char at[32];
    lptime_format(r->at, at, sizeof at);
    if (l->json)
        json_array_append_new(l->arr, json_pack(
            "{s:I,s:s,s:s,s:s}", "id", (json_int_t)r->id, "person",
            r->user_id, "track", r->track, "at", at));
    else
        printf("%4lld  %-16s %-10s %s\n", (long long)r->id, r->user_id,
               r->track, at);
    return 0;
}

static const struct opt_spec requests_opts[] = {
    {NULL, 0, NULL, NULL},
};

static int run_requests(struct cli *c, const struct opts *o)
{
    (void)o;
    int rc = cli_open_store(c, 0);
    if (rc)
        return rc;
    struct req_list l = {json_array(), c->json};
    if (!c->json)
        printf("  id  person           track      requested\n");
    if (store_cert_requests_each(c->st, NULL, req_one, &l) < 0) {
        json_decref(l.arr);
        return cli_fail_err(store_err(c->st));
    }
    if (c->json) {
        json_dumpf(l.arr, stdout, JSON_COMPACT);
        putchar('\n');
    }
    json_decref(l.arr);
    return 0;
}

const struct cli_cmd cmd_cert_requests = {
    "cert", "requests", NULL, "the queue of certificate requests "
    "(instructors)", requests_opts, run_requests,
    "Oldest first.  Issue one with 'lprsim --user ID cert issue --track\n"
    "TRACK --key issuer.key', which checks the requirements and replays the\n"
    "exams.",
    .group = ACT_GROUP_CERT,
};
