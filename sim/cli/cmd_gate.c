/*
 * cmd_gate.c - "gate": yes (exit 0) or no (non-zero) for one person's
 * access to a real LPR system (IV.H).  Made to run under pam_exec as root:
 * bounded run time (alarm), user from --user or PAM_USER, fixed defaults
 * under /etc/lprsim, and every doubt a no.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/cert/gate.h"

#define GATE_SECONDS 5
#define GATE_ETC "/etc/lprsim"

static const struct opt_spec gate_opts[] = {
    {"require", OPT_ARG, "TRACK", "initial (any valid certificate, the "
                                  "default) or refresher"},
    {"pubkey", OPT_ARG, "FILE", "issuer public key (default "
                                GATE_ETC "/issuer.pub)"},
    {"revocations", OPT_ARG, "FILE", "signed revocation list (default "
                                     GATE_ETC "/revocations.lrl)"},
    {"cert", OPT_ARG, "FILE", "the person's token file"},
    {"certs", OPT_ARG, "DIR", "folder of USER.token files (default "
                              GATE_ETC "/certs)"},
    {"state", OPT_ARG, "FILE", "last trusted time and list number "
                               "(default /var/lib/lprsim/gate.state)"},
    {NULL, 0, NULL, NULL},
};

/* Bounds the run: pam_exec waits with no timeout, and a parent may hand
 * down SIGALRM blocked or ignored (both survive exec), which would turn
 * alarm() into nothing.  So unblock every signal and give SIGALRM its
 * default action (terminate) before arming it. */
static void bound_runtime(unsigned seconds)
{
    sigset_t none;
    struct sigaction sa;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    alarm(seconds);
}

static int run_gate(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    struct gate_req g;
    struct cert granted;
    int rc;
    bound_runtime(GATE_SECONDS);
    memset(&g, 0, sizeof g);
    if (c->now_text && *c->now_text)
        return cli_fail(LP_USAGE, "gate: deny: the gate reads the wall "
                        "clock only (--now or LPRSIM_NOW given)");
    const char *pam_user = getenv("PAM_USER");
    if (c->user && *c->user && pam_user && *pam_user &&
        strcmp(c->user, pam_user) != 0)
        return cli_fail(LP_USAGE, "gate: deny: --user %s differs from "
                        "PAM_USER %s", c->user, pam_user);
    g.user = c->user && *c->user ? c->user : pam_user;
    if (o->npos)
        return cli_fail(LP_USAGE, "gate: deny: unexpected argument '%s'",
                        o->pos[0]);
    if (opts_has(o, "require")) {
        const char *r = opts_get(o, "require");
        if (!strcmp(r, "initial"))
            g.require = CERT_TRACK_INITIAL;
        else if (!strcmp(r, "refresher"))
            g.require = CERT_TRACK_REFRESHER;
        else
            return cli_fail(LP_USAGE, "gate: deny: --require initial|"
                            "refresher");
    }
    g.pubkey_path = opts_has(o, "pubkey") ? opts_get(o, "pubkey")
                                          : GATE_ETC "/issuer.pub";
    g.revlist_path = opts_has(o, "revocations") ? opts_get(o, "revocations")
                                                : GATE_ETC "/revocations.lrl";
    g.state_path = opts_has(o, "state") ? opts_get(o, "state")
                                        : "/var/lib/lprsim/gate.state";
    g.cert_path = opts_get(o, "cert");
    g.cert_dir = opts_get(o, "certs");
    /* The database only when named (--db or LPRSIM_DB) and no file. */
    int db_named = c->db_path && c->db_path != c->db_default;
    if (g.cert_path && g.cert_dir)
        return cli_fail(LP_USAGE, "gate: deny: give --cert or --certs, not "
                        "both");
    if (!g.cert_path && !g.cert_dir) {
        if (db_named) {
            struct lp_err e2 = {0};
            c->st = store_open(c->db_path, STORE_READONLY, &e2);
            if (!c->st)
                return cli_fail(e2.status ? e2.status : LP_FAIL,
                                "gate: deny: %s", e2.msg);
            g.st = c->st;
        } else {
            g.cert_dir = GATE_ETC "/certs";
        }
    }
    g.now = (int64_t)time(NULL);
    rc = gate_check(&g, &granted, &err);
    if (rc) {
        int status = err.status ? err.status : LP_VERIFY;
        fprintf(stderr, "lprsim: gate: deny %s: %s\n",
                g.user ? g.user : "(no user)", err.msg[0] ? err.msg
                                                         : "no valid "
                                                           "certificate");
        return status;
    }
    if (!c->quiet) {
        char d[400];
        cert_describe(&granted, d, sizeof d);
        printf("gate: allow %s: %s\n", g.user, d);
    }
    return 0;
}

const struct cli_cmd cmd_gate = {
    "gate", NULL, NULL, "yes (0) or no (non-zero) for real-system access",
    gate_opts, run_gate,
    "Exit 0 only for a valid, unexpired, unrevoked certificate of the "
    "person (--user,\nelse PAM_USER) signed by the issuer key, checked with "
    "a fresh signed revocation\nlist never numbered lower than the last one "
    "seen, at a wall clock not before\nthe last trusted time (kept in the "
    "--state file).  The certificate comes from\n--cert FILE, else --certs "
    "DIR/USER.token, else the database when --db is\ngiven, else "
    GATE_ETC "/certs/USER.token.  Any error is a no; the run is\nbounded "
    "to 5 seconds (the signal mask and SIGALRM are reset first).  For PAM,\n"
    "with an outer bound for a gate that is stopped or hangs before it\n"
    "starts:\n  account requisite pam_exec.so quiet seteuid /usr/bin/timeout "
    "-s KILL 5\n      /usr/local/bin/lprsim gate\n(before any 'sufficient' "
    "line).",
    .group = ACT_GROUP_CERT,
};
