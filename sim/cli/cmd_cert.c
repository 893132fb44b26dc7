/*
 * cmd_cert.c - "cert keygen/issue/verify/revoke/show/export": the issuer's
 * keys, certificates signed only for a track passed on replay, offline
 * verification, the signed revocation list, listings and exports (token,
 * QR PNG, printable page, Open Badges VC-JWT, JWK set).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd_cert_replay.h"
#include "cli/commands.h"
#include "core/cert/cert.h"
#include "core/cert/cert_db.h"
#include "core/cert/cert_page.h"
#include "core/cert/gate.h"
#include "core/cert/qr.h"
#include "core/cert/revlist.h"
#include "core/learn/curriculum.h"
#include "util/paths.h"
#include "core/policy/rules.h"
#include "core/store/store_cert.h"
#include "core/store/store_people.h"
#include "core/world/roster.h"
#include "util/lptime.h"

/* "Now" for certificates: --now / LPRSIM_NOW, else the wall clock (the
 * database's sandbox clock is scenario time, not real time). */
static int cert_now(const struct cli *c, int64_t *now)
{
    if (c->now_text && *c->now_text) {
        if (lptime_parse(c->now_text, now))
            return cli_fail(LP_USAGE, "--now: '%s' is not an ISO 8601 time",
                            c->now_text);
        return 0;
    }
    *now = (int64_t)time(NULL);
    return 0;
}

/* Prints the half-block drawing and the token under it; light: for a
 * terminal with dark text on a light background. */
static void print_qr(const char *token, int light)
{
    struct lp_err err = {0};
    size_t n = 0;
    char **lines = qr_token_lines(token, light, &n, &err);
    if (lines) {
        for (size_t i = 0; i < n; i++)
            printf("%s\n", lines[i]);
        qr_lines_free(lines);
    } else {
        fprintf(stderr, "lprsim: %s\n", err.msg);
    }
    printf("token (for screen readers and copying):\n%s\n", token);
}

static void print_cert(const struct cert *c, const char *name)
{
    char i[24], e[24], kid[CERT_KID_HEX];
    lptime_format(c->issued_at, i, sizeof i);
    lptime_format(c->expires_at, e, sizeof e);
    for (int k = 0; k < CERT_KID_BYTES; k++)
        snprintf(kid + 2 * k, 3, "%02x", c->kid[k]);
    printf("certificate %u\n", (unsigned)c->serial);
    printf("  person      %s%s%s%s\n", c->person, name ? " (" : "",
           name ? name : "", name ? ")" : "");
    printf("  track       %s\n", cert_track_name(c->track));
    printf("  score       %u.%02u%%\n", c->score_bp / 100u,
           c->score_bp % 100u);
    printf("  curriculum  %s, policy profile %s\n", c->curriculum,
           c->profile);
    printf("  issued      %s\n", i);
    printf("  expires     %s\n", e);
    printf("  issuer key  %s\n", kid);
}

static json_t *cert_json(const struct cert *c)
{
    char i[24], e[24], kid[CERT_KID_HEX], score[16];
    lptime_format(c->issued_at, i, sizeof i);
    lptime_format(c->expires_at, e, sizeof e);
    for (int k = 0; k < CERT_KID_BYTES; k++)
        snprintf(kid + 2 * k, 3, "%02x", c->kid[k]);
    snprintf(score, sizeof score, "%u.%02u", c->score_bp / 100u,
             c->score_bp % 100u);
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "serial",
                     (json_int_t)c->serial, "person", c->person, "track",
                     cert_track_name(c->track), "score", score, "curriculum",
                     c->curriculum, "profile", c->profile, "issued", i,
                     "expires", e, "key_id", kid);
}

static void print_json(json_t *doc)
{
    cli_json_print(doc);
}

/* ---- keygen ---- */

static const struct opt_spec keygen_opts[] = {
    {"out", OPT_ARG, "DIR", "folder for issuer.key, issuer.pub, "
                            "issuer.jwks.json (default .)"},
    {NULL, 0, NULL, NULL},
};

static int run_keygen(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    struct cert_pubkey pub;
    const char *dir = opts_has(o, "out") ? opts_get(o, "out") : ".";
    if (cert_crypto_init(&err) || cert_keygen(dir, &pub, &err))
        return cli_fail_err(&err);
    if (c->json) {
        print_json(json_pack("{s:s,s:s,s:s,s:s}", "kid", pub.kid_hex,
                             "secret_key", "issuer.key", "public_key",
                             "issuer.pub", "jwks", "issuer.jwks.json"));
        return 0;
    }
    printf("issuer key %s\n", pub.kid_hex);
    printf("  %s/issuer.key        secret (mode 0600: keep it off shared "
           "machines)\n", dir);
    printf("  %s/issuer.pub        public key for cert verify and gate\n",
           dir);
    printf("  %s/issuer.jwks.json  the same as a JWK set (Open Badges "
           "verifiers)\n", dir);
    return 0;
}

const struct cli_cmd cmd_cert_keygen = {
    "cert", "keygen", NULL, "make the issuer's Ed25519 key pair",
    keygen_opts, run_keygen,
    "Never overwrites a key.  The secret key file is created with mode 0600 "
    "and\nrefused later if group or others can read it.  The key id is the "
    "first 8 bytes\nof SHA-256 of the public key, in hex.",
    .group = ACT_GROUP_CERT,
};

/* ---- issue ---- */

/* A certificate comes only from a training host's records: refuses a
 * personal database and a person with no login bound on the roster; on a
 * host the key is the site's.  Sets *key.  Returns 0 or the exit status
 * (printed). */
static int issue_host_check(const struct opts *o,
                            const struct lp_person *p, const char **key)
{
    const struct site_conf *conf = site_conf();
    if (site_mode() != SITE_HOST)
        return cli_fail(LP_REFUSED, RULE_IV_H ": cert issue: certificates "
                        "come only from a training host's records, and "
                        "this is a personal database (practice and "
                        "authoring); set up a host with 'make install "
                        "SITE=1' (README: Running a training host)");
    if (opts_has(o, "key"))
        return cli_fail(LP_USAGE, "cert issue: on a training host the "
                        "issuer key is the site's (%s: issuer_key); drop "
                        "--key", site_conf_path());
    if (!conf->issuer_key)
        return cli_fail(LP_FAIL, "cert issue: %s names no issuer_key",
                        site_conf_path());
    if (!p->login)
        return cli_fail(LP_REFUSED, RULE_IV_H ": %s has no login on this "
                        "host's roster: only sessions run by the person's "
                        "own login count (roster add --login)", p->id);
    *key = conf->issuer_key;
    return 0;
}

static const struct opt_spec issue_opts[] = {
    {"track", OPT_ARG, "TRACK", "initial or refresher"},
    {"key", OPT_ARG, "FILE", "the issuer's secret key (issuer.key)"},
    {NULL, 0, NULL, NULL},
};

static int run_issue(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    struct cert_seckey k;
    struct issue_replay rep = {0};
    struct lp_person p;
    struct cert cert;
    char tok[CERT_TOKEN_MAX + 1];
    int track, rc;
    int64_t now;
    memset(&k, 0, sizeof k);
    if (!c->user || !*c->user)
        return cli_fail(LP_USAGE, "cert issue: --user ID is required");
    if (!opts_has(o, "track") || cert_track_parse(opts_get(o, "track"),
                                                  &track))
        return cli_fail(LP_USAGE, "cert issue: --track initial|refresher is "
                        "required");
    if (site_mode() != SITE_HOST && !opts_has(o, "key"))
        return cli_fail(LP_USAGE, "cert issue: --key FILE is required");
    if ((rc = cert_now(c, &now)))
        return rc;
    if ((rc = cli_open_store(c, 0)))
        return rc;
    if (roster_require(c->st, c->user, &p, &err))
        return cli_fail_err(&err);
    const char *key = opts_get(o, "key");
    if ((rc = issue_host_check(o, &p, &key)))
        return rc;
    char *name = xstrdup(p.name);
    if (cert_crypto_init(&err) || cert_seckey_load(key, &k, &err)) {
        rc = cli_fail_err(&err);
        goto out;
    }
    if (issue_replay_run(c, c->user, opts_get(o, "track"), &rep, &err)) {
        rc = cli_fail_err(&err);
        goto out;
    }
    if (!rep.passed) {
        if (rep.summary)
            fputs(rep.summary, stderr);
        rc = cli_fail(LP_REFUSED, RULE_IV_H ": %s has not passed the %s track on "
                      "replay (recomputed score %.2f%%): no certificate "
                      "issued", c->user, opts_get(o, "track"), rep.score);
        goto out;
    }
    memset(&cert, 0, sizeof cert);
    snprintf(cert.person, sizeof cert.person, "%s", c->user);
    if (strlen(c->user) > CERT_PERSON_MAX) {
        rc = cli_fail(LP_USAGE, "cert issue: person id '%s' is longer than "
                      "%d characters and cannot go in a certificate",
                      c->user, CERT_PERSON_MAX);
        goto out;
    }
    cert.track = track;
    snprintf(cert.site, sizeof cert.site, "%s", site_conf()->site_id);
    if (strlen(rep.curriculum) > CERT_VERSION_MAX ||
        strlen(rep.profile) > CERT_VERSION_MAX) {
        rc = cli_fail(LP_FAIL, "cert issue: curriculum version '%s' or "
                      "profile version '%s' is longer than %d characters",
                      rep.curriculum, rep.profile, CERT_VERSION_MAX);
        goto out;
    }
    memcpy(cert.curriculum, rep.curriculum, strlen(rep.curriculum) + 1);
    memcpy(cert.profile, rep.profile, strlen(rep.profile) + 1);
    double bp = rep.score * 100.0 + 0.5;
    cert.score_bp = (uint16_t)(bp < 0 ? 0 : bp > 10000 ? 10000 : bp);
    cert.issued_at = now;
    cert.expires_at = lptime_add_years(now, 1);
    if (cert_db_issue(c->st, &cert, &k, rep.summary, tok, sizeof tok,
                      &err)) {
        rc = cli_fail_err(&err);
        goto out;
    }
    if (c->json) {
        json_t *doc = cert_json(&cert);
        json_object_set_new(doc, "token", json_string(tok));
        print_json(doc);
    } else {
        print_cert(&cert, name);
        print_qr(tok, 0);
    }
out:
    cert_seckey_wipe(&k);
    issue_replay_free(&rep);
    free(name);
    return rc;
}

const struct cli_cmd cmd_cert_issue = {
    "cert", "issue", NULL,
    "replay a trainee's track and sign a certificate if it passes",
    issue_opts, run_issue,
    "Needs --user ID and a training host: a personal database issues "
    "nothing,\nand on a host only sessions run by the person's own login "
    "count; the\nkey is the site's (site.conf issuer_key).  Every scenario of the track is replayed from the "
    "trainee's\ntranscripts in a fresh sandbox and scored again; only a "
    "pass on replay is\nsigned (a stored score is never trusted).  The "
    "certificate is valid one year\nfrom its issue time (--now, else the "
    "wall clock); a refresher issues a new\ncertificate, it never edits an "
    "old one.",
    .group = ACT_GROUP_CERT,
};

/* ---- verify ---- */

static const struct opt_spec verify_opts[] = {
    {"pubkey", OPT_ARG, "FILE", "issuer public key (issuer.pub or "
                                "issuer.jwks.json)"},
    {"revocations", OPT_ARG, "FILE", "signed revocation list to check"},
    {"person", OPT_ARG, "ID", "refuse a certificate of anyone else"},
    {NULL, 0, NULL, NULL},
};

/* Reads a token from standard input with the grammar of a token file
 * (the token, one final newline at most); returns its length or an exit
 * status as a negative number. */
static long token_stdin(char *tok, size_t cap)
{
    char buf[CERT_TOKEN_MAX + 3];
    size_t n = fread(buf, 1, sizeof buf - 1, stdin);
    if (ferror(stdin))
        return -cli_fail(LP_FAIL, "standard input: cannot read");
    if (n == sizeof buf - 1)
        return -cli_fail(LP_VERIFY, "refused: standard input: token too long "
                         "(at most %d characters)", CERT_TOKEN_MAX);
    if (n > 0 && buf[n - 1] == '\n')
        n--;
    if (n == 0)
        return -cli_fail(LP_VERIFY, "refused: standard input: no token");
    if (memchr(buf, '\n', n) || memchr(buf, '\r', n) || memchr(buf, '\0', n))
        return -cli_fail(LP_VERIFY, "refused: standard input: one token on "
                         "one line only");
    if (n >= cap)
        return -cli_fail(LP_VERIFY, "refused: standard input: token too "
                         "long");
    memcpy(tok, buf, n);
    tok[n] = '\0';
    return (long)n;
}

/* Reads the TOKEN|FILE|- argument into tok; returns its length or an exit
 * status as a negative number. */
static long token_arg(const char *arg, char *tok, size_t cap)
{
    struct lp_err err = {0};
    size_t pl = strlen(CERT_TOKEN_PREFIX);
    if (strcmp(arg, "-") == 0)
        return token_stdin(tok, cap);
    if (strncmp(arg, CERT_TOKEN_PREFIX, pl) == 0) {
        size_t n = strlen(arg);
        if (n > CERT_TOKEN_MAX)
            return -cli_fail(LP_VERIFY, "refused: token too long (%zu "
                             "characters, at most %d)", n, CERT_TOKEN_MAX);
        memcpy(tok, arg, n + 1);
        return (long)n;
    }
    long n = gate_read_token_file(arg, tok, cap, &err);
    if (n < 0)
        return -cli_fail_err(&err);
    return n;
}

static int run_verify(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    struct cert_pubkey pub;
    struct cert cert;
    static struct revlist rl;
    char tok[CERT_TOKEN_MAX + 1];
    int64_t now;
    int rc;
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "cert verify: give one TOKEN or FILE");
    if ((rc = cert_now(c, &now)))
        return rc;
    long n = token_arg(o->pos[0], tok, sizeof tok);
    if (n < 0)
        return (int)-n;
    if (cert_crypto_init(&err) ||
        cert_pubkey_load(opts_get(o, "pubkey"), &pub, &err))
        return cli_fail_err(&err);
    const struct revlist *rlp = NULL;
    if (opts_has(o, "revocations")) {
        if (revlist_load(opts_get(o, "revocations"), &pub, &rl, &err) ||
            revlist_check_fresh(&rl, now, &err))
            return cli_fail_err(&err);
        rlp = &rl;
    }
    /* The signature first: only a certificate that passed it may be
     * described (a damaged token claims nothing). */
    memset(&cert, 0, sizeof cert);
    if (cert_verify_token(tok, (size_t)n, &pub, &cert, &err))
        return cli_fail(LP_VERIFY, "refused: %s", err.msg);
    if (gate_check_token(tok, (size_t)n, &pub, rlp, opts_get(o, "person"), 0,
                         now, &cert, &err)) {
        char d[400];
        cert_describe(&cert, d, sizeof d);
        fprintf(stderr, "lprsim: refused: %s\n  (signature good; %s)\n",
                err.msg, d);
        return LP_VERIFY;
    }
    if (c->json) {
        json_t *doc = cert_json(&cert);
        json_object_set_new(doc, "valid", json_true());
        json_object_set_new(doc, "revocation_list",
                            rlp ? json_integer((json_int_t)rl.number)
                                : json_null());
        print_json(doc);
        return 0;
    }
    printf("valid: ");
    print_cert(&cert, NULL);
    if (rlp)
        printf("  revocation  not revoked (list %llu)\n",
               (unsigned long long)rl.number);
    else
        printf("  revocation  not checked (no --revocations FILE)\n");
    return 0;
}

const struct cli_cmd cmd_cert_verify = {
    "cert", "verify", "TOKEN|FILE|-", "check a certificate offline",
    verify_opts, run_verify,
    "Checks the Ed25519 signature with the issuer's public key, the dates "
    "(at --now,\nelse the wall clock) and, with --revocations, the signed "
    "revocation list; then\nsays what was certified.  \"-\" reads the "
    "token from standard input.  Exit 4\nwith the reason when any check "
    "fails, 1 when a file is missing.",
    .group = ACT_GROUP_CERT,
};

/* ---- revoke ---- */

static const struct opt_spec revoke_opts[] = {
    {"reason", OPT_ARG, "TEXT", "why (kept in the database)"},
    {"key", OPT_ARG, "FILE", "the issuer's secret key"},
    {"out", OPT_ARG, "FILE", "revocation list to write (default "
                             "revocations.lrl)"},
    {"valid-days", OPT_ARG, "N", "days until the list is stale (default "
                                 "30)"},
    {"publish", OPT_FLAG, NULL, "revoke nothing: publish the list again "
                                "with the next number"},
    {NULL, 0, NULL, NULL},
};

static int run_revoke(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    struct cert_seckey k;
    static struct revlist rl;
    int64_t serial = 0, days = 30, now;
    int rc;
    int publish = opts_has(o, "publish");
    if (publish ? o->npos != 0 : o->npos != 1)
        return cli_fail(LP_USAGE, "cert revoke: give one SERIAL (or "
                        "--publish alone)");
    if (!publish && lp_parse_i64(o->pos[0], 1, UINT32_MAX, &serial))
        return cli_fail(LP_USAGE, "cert revoke: '%s' is not a serial",
                        o->pos[0]);
    if (!publish && !opts_has(o, "reason"))
        return cli_fail(LP_USAGE, "cert revoke: --reason TEXT is required");
    if (!opts_has(o, "key"))
        return cli_fail(LP_USAGE, "cert revoke: --key FILE is required");
    if (opts_has(o, "valid-days") &&
        lp_parse_i64(opts_get(o, "valid-days"), 1, 366, &days))
        return cli_fail(LP_USAGE, "cert revoke: --valid-days must be 1-366");
    if ((rc = cert_now(c, &now)))
        return rc;
    if ((rc = cli_open_store(c, 0)))
        return rc;
    const char *out = opts_has(o, "out") ? opts_get(o, "out")
                                         : "revocations.lrl";
    if (cert_crypto_init(&err) ||
        cert_seckey_load(opts_get(o, "key"), &k, &err))
        return cli_fail_err(&err);
    rc = cert_db_revoke(c->st, serial, opts_get(o, "reason"),
                        c->user && *c->user ? c->user : "issuer", now,
                        (int)days, &k, out, &rl, &err);
    cert_seckey_wipe(&k);
    if (rc)
        return cli_fail_err(&err);
    char until[24];
    lptime_format(rl.valid_until, until, sizeof until);
    if (c->json) {
        print_json(json_pack("{s:I,s:I,s:s,s:I,s:s}", "revoked",
                             (json_int_t)serial, "list_number",
                             (json_int_t)rl.number, "file", out, "serials",
                             (json_int_t)rl.n, "valid_until", until));
        return 0;
    }
    if (serial)
        printf("revoked certificate %lld\n", (long long)serial);
    printf("wrote revocation list %llu to %s (%zu revoked, valid until "
           "%s)\n", (unsigned long long)rl.number, out, rl.n, until);
    return 0;
}

const struct cli_cmd cmd_cert_revoke = {
    "cert", "revoke", "[SERIAL]", "revoke a certificate; publish the signed "
    "revocation list", revoke_opts, run_revoke,
    "Records the revocation (append-only) and writes the signed list of "
    "every revoked\nserial with a number one above the last one.  Copy the "
    "file to every verifier\nand gate; they refuse a list that is stale "
    "(past --valid-days) or numbered\nlower than one they saw.  --publish "
    "re-signs the list before it goes stale.",
    .group = ACT_GROUP_CERT,
};

/* ---- show ---- */

static const struct opt_spec show_opts[] = {
    {"expiring", OPT_ARG, "DAYS", "only people whose newest valid "
                                  "certificate expires within DAYS"},
    {"light", OPT_FLAG, NULL, "draw the QR code for a light terminal "
                              "background"},
    {"qr", OPT_FLAG, NULL, "the QR code alone, as large as the window "
                           "allows (to scan from the screen)"},
    {NULL, 0, NULL, NULL},
};

struct show_ctx {
    struct cli *c;
    int64_t now, within;
    int expiring;
    json_t *arr;
    int count;
    char **seen;        /* people already judged (--expiring); owned */
    size_t nseen;
};

static const char *cert_status(const struct store_cert *sc, int64_t now)
{
    return sc->revoked ? "revoked"
           : now < sc->issued_at ? "not yet valid"
           : now >= sc->expires_at ? "expired"
                                   : "valid";
}

static int show_one(void *arg, const struct store_cert *sc)
{
    struct show_ctx *s = arg;
    char i[12], e[12];
    const char *status = cert_status(sc, s->now);
    if (s->expiring) {
        /* the newest unrevoked certificate of each person counts */
        if (sc->revoked)
            return 0;
        for (size_t k = 0; k < s->nseen; k++)
            if (strcmp(s->seen[k], sc->user_id) == 0)
                return 0;
        s->seen = xrealloc(s->seen, (s->nseen + 1) * sizeof *s->seen);
        s->seen[s->nseen++] = xstrdup(sc->user_id);
        if (sc->expires_at <= s->now || sc->expires_at > s->now + s->within)
            return 0;
    }
    lptime_format_date(sc->issued_at, i, sizeof i);
    lptime_format_date(sc->expires_at, e, sizeof e);
    long long days_left = (sc->expires_at - s->now) / LPTIME_DAY;
    s->count++;
    if (s->arr) {
        json_array_append_new(
            s->arr, json_pack("{s:I,s:s,s:s,s:f,s:s,s:s,s:s,s:I,s:s}",
                              "serial", (json_int_t)sc->serial, "person",
                              sc->user_id, "track", sc->track, "score",
                              sc->score, "issued", i, "expires", e, "status",
                              status, "days_left", (json_int_t)days_left,
                              "key_id", sc->key_id));
        return 0;
    }
    if (s->count == 1)
        printf("%-6s %-16s %-9s %7s  %-10s  %-10s  %s\n", "serial",
               "person", "track", "score", "issued", "expires", "status");
    printf("%-6lld %-16s %-9s %6.2f%%  %-10s  %-10s  %s", (long long)sc->serial,
           sc->user_id, sc->track, sc->score, i, e, status);
    if (!sc->revoked && days_left >= 0 && sc->expires_at > s->now)
        printf(" (%lld days left)", days_left);
    if (sc->revoked)
        printf(": %s", sc->revoke_reason ? sc->revoke_reason : "");
    putchar('\n');
    return 0;
}

/* The window's size: the terminal's, else $COLUMNS x $LINES, else
 * 80x24. */
static void window_size(int *cols, int *rows)
{
    struct winsize ws;
    int64_t v;
    *cols = 80;
    *rows = 24;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
        ws.ws_row > 0) {
        *cols = ws.ws_col;
        *rows = ws.ws_row;
        return;
    }
    const char *e = getenv("COLUMNS");
    if (e && lp_parse_i64(e, 1, 10000, &v) == 0)
        *cols = (int)v;
    e = getenv("LINES");
    if (e && lp_parse_i64(e, 1, 10000, &v) == 0)
        *rows = (int)v;
}

/* "cert show SERIAL --qr": the QR code alone, quiet zone included, at the
 * largest size the window holds; when it holds none, says how large the
 * window must be (exit 1). */
static int show_qr_alone(const char *token, int light)
{
    struct lp_err err = {0};
    struct qr q;
    int cols, rows, quiet, scale;
    if (qr_make(token, QR_MAX_VERSION, &q, &err))
        return cli_fail_err(&err);
    window_size(&cols, &rows);
    if (qr_fit(&q, cols, rows, &quiet, &scale)) {
        int need = q.width + 4;
        qr_free(&q);
        return cli_fail(LP_FAIL, "cert show: the QR code needs a window of "
                        "at least %d columns and %d rows (this one is %dx%d):"
                        " enlarge the window, or use 'cert export SERIAL "
                        "--format png'", need, (need + 1) / 2, cols, rows);
    }
    size_t n = 0;
    char **lines = qr_lines_scaled(&q, quiet, light, scale, &n);
    for (size_t i = 0; i < n; i++) {
        fputs(lines[i], stdout);
        /* a full window must not scroll: no newline after its last row */
        if (i + 1 < n || (int)n < rows)
            putchar('\n');
    }
    fflush(stdout);
    qr_lines_free(lines);
    qr_free(&q);
    return 0;
}

static int show_serial(struct cli *c, int64_t serial, int64_t now,
                       int light, int qr_alone)
{
    struct lp_err err = {0};
    struct store_cert row;
    struct cert cert;
    struct lp_person p;
    int rc = cert_db_get(c->st, serial, &cert, &row, &err);
    if (rc <= 0)
        return cli_fail_err(&err);
    const char *name = NULL;
    if (store_person_get(c->st, cert.person, &p) == 1)
        name = p.name;
    if (qr_alone && !c->json) {
        rc = show_qr_alone(row.token, light);
        store_cert_clear(&row);
        return rc;
    }
    if (c->json) {
        json_t *doc = cert_json(&cert);
        json_object_set_new(doc, "status",
                            json_string(cert_status(&row, now)));
        json_object_set_new(doc, "token", json_string(row.token));
        print_json(doc);
    } else {
        print_cert(&cert, name);
        printf("  status      %s", cert_status(&row, now));
        if (row.revoked)
            printf(" (%s)", row.revoke_reason ? row.revoke_reason : "");
        putchar('\n');
        int used = 10;
        if (row.summary && *row.summary) {
            printf("%s%s", row.summary,
                   row.summary[strlen(row.summary) - 1] == '\n' ? "" : "\n");
            for (const char *k = row.summary; *k; k++)
                used += *k == '\n';
        }
        /* on a terminal too small for all of it, the QR code would be cut
         * (it would not scan): point to the QR code alone instead */
        int cols, rows;
        window_size(&cols, &rows);
        if (isatty(STDOUT_FILENO) && used + QR_TERM_ROWS + 2 > rows) {
            printf("token (for screen readers and copying):\n%s\n",
                   row.token);
            printf("the QR code alone, to scan from the screen: lprsim cert "
                   "show %lld --qr\n", (long long)serial);
        } else {
            print_qr(row.token, light);
        }
    }
    store_cert_clear(&row);
    return 0;
}

static int run_show(struct cli *c, const struct opts *o)
{
    struct show_ctx s;
    int64_t serial;
    int rc;
    memset(&s, 0, sizeof s);
    s.c = c;
    if (o->npos > 1)
        return cli_fail(LP_USAGE, "cert show: at most one SERIAL");
    if (o->npos == 1 && lp_parse_i64(o->pos[0], 1, UINT32_MAX, &serial))
        return cli_fail(LP_USAGE, "cert show: '%s' is not a serial",
                        o->pos[0]);
    if (opts_has(o, "expiring")) {
        if (lp_parse_i64(opts_get(o, "expiring"), 0, 3660, &s.within))
            return cli_fail(LP_USAGE, "cert show: --expiring DAYS must be "
                            "0-3660");
        s.within *= LPTIME_DAY;
        s.expiring = 1;
    }
    if ((rc = cert_now(c, &s.now)))
        return rc;
    if ((rc = cli_open_store_ro(c)))
        return rc;
    if (o->npos == 1)
        return show_serial(c, serial, s.now, opts_has(o, "light"),
                           opts_has(o, "qr"));
    s.arr = c->json ? json_array() : NULL;
    rc = store_cert_each(c->st, NULL, show_one, &s);
    for (size_t k = 0; k < s.nseen; k++)
        free(s.seen[k]);
    free(s.seen);
    if (rc < 0) {
        json_decref(s.arr);
        return cli_fail_err(store_err(c->st));
    }
    if (s.arr)
        print_json(s.arr);
    else if (!s.count)
        printf(s.expiring ? "nobody's certificate expires within %lld "
                            "days\n"
                          : "no certificates issued\n",
               (long long)(s.within / LPTIME_DAY));
    return 0;
}

const struct cli_cmd cmd_cert_show = {
    "cert", "show", "[SERIAL]", "list issued certificates, or show one "
    "with its QR code", show_opts, run_show,
    "Status is judged at --now, else the wall clock.  With --expiring DAYS "
    "only the\npeople whose newest unrevoked certificate expires within "
    "DAYS are listed\n(those due for the refresher).  SERIAL --qr draws "
    "the QR code alone, quiet zone\nincluded, as large as the window "
    "holds (at 80x24 it fills the screen); a\nwindow too small for it is "
    "told how large it must be.",
    .group = ACT_GROUP_CERT,
};

/* ---- export ---- */

static const struct opt_spec export_opts[] = {
    {"format", OPT_ARG, "FMT", "token, png (QR code), pdf or page-png "
                               "(printable page), jwt (Open Badges 3.0), "
                               "jwks"},
    {"out", OPT_ARG, "FILE", "file to write ('-' or none: standard output "
                             "for text formats)"},
    {NULL, 0, NULL, NULL},
};

/* Writes text to path ("-" or NULL: stdout). */
static int write_text(const char *path, const char *text)
{
    struct lp_err err = {0};
    if (!path || strcmp(path, "-") == 0) {
        fputs(text, stdout);
        return 0;
    }
    if (cert_write_file(path, text, strlen(text), 0644, &err))
        return cli_fail_err(&err);
    return 0;
}

static int run_export(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    struct store_cert row;
    struct cert cert;
    struct lp_person p;
    int64_t serial;
    int rc;
    const char *fmt = opts_get(o, "format"), *out = opts_get(o, "out");
    if (o->npos != 1 || lp_parse_i64(o->pos[0], 1, UINT32_MAX, &serial))
        return cli_fail(LP_USAGE, "cert export: give one SERIAL");
    if (!fmt)
        return cli_fail(LP_USAGE, "cert export: --format token|png|pdf|"
                        "page-png|jwt|jwks is required");
    int binary = !strcmp(fmt, "png") || !strcmp(fmt, "pdf") ||
                 !strcmp(fmt, "page-png");
    if (!binary && strcmp(fmt, "token") && strcmp(fmt, "jwt") &&
        strcmp(fmt, "jwks"))
        return cli_fail(LP_USAGE, "cert export: unknown format '%s' (token, "
                        "png, pdf, page-png, jwt, jwks)", fmt);
    if (binary && (!out || !strcmp(out, "-")))
        return cli_fail(LP_USAGE, "cert export: --format %s needs --out "
                        "FILE", fmt);
    if ((rc = cli_open_store_ro(c)))
        return rc;
    rc = cert_db_get(c->st, serial, &cert, &row, &err);
    if (rc <= 0)
        return cli_fail_err(&err);
    rc = 0;
    if (!strcmp(fmt, "token")) {
        char *t = xasprintf("%s\n", row.token);
        rc = write_text(out, t);
        free(t);
    } else if (!strcmp(fmt, "jwt")) {
        char *t = xasprintf("%s\n", row.jwt);
        rc = write_text(out, t);
        free(t);
    } else if (!strcmp(fmt, "jwks")) {
        struct cert_pubkey pub;
        if (cert_crypto_init(&err) ||
            cert_db_pubkey(c->st, row.key_id, &pub, &err)) {
            rc = cli_fail_err(&err);
        } else {
            char *t = cert_jwks_text(&pub);
            rc = write_text(out, t);
            free(t);
        }
    } else if (!strcmp(fmt, "png")) {
        struct qr q;
        if (qr_make(row.token, QR_MAX_VERSION, &q, &err) ||
            qr_png(&q, out, 8, 4, &err))
            rc = cli_fail_err(&err);
        qr_free(&q);
    } else {
        struct cert_page pg = {&cert, NULL, row.token, row.summary, NULL,
                               0, NULL};
        if (store_person_get(c->st, cert.person, &p) == 1)
            pg.name = p.name;
        /* the rule groups: the titles of the track's modules */
        struct curriculum_track *tr = NULL;
        struct lp_err terr = {0};
        const char **groups = NULL;
        if (curriculum_track_load(paths_root(), cert_track_name(cert.track),
                                  &tr, &terr) == 0 && tr->nmods) {
            groups = xcalloc(tr->nmods, sizeof *groups);
            for (size_t m = 0; m < tr->nmods; m++)
                groups[m] = tr->mods[m].title;
            pg.groups = groups;
            pg.ngroups = tr->nmods;
        }
        if (cert_page_write(out, strcmp(fmt, "pdf") ? CERT_PAGE_PNG
                                                    : CERT_PAGE_PDF,
                            &pg, &err))
            rc = cli_fail_err(&err);
        free(groups);
        curriculum_track_free(tr);
    }
    if (!rc && out && strcmp(out, "-") && !c->quiet)
        fprintf(stderr, "wrote certificate %lld as %s to %s\n",
                (long long)serial, fmt, out);
    store_cert_clear(&row);
    return rc;
}

const struct cli_cmd cmd_cert_export = {
    "cert", "export", "SERIAL", "write a certificate as token, QR PNG, "
    "page, VC-JWT or JWK set", export_opts, run_export,
    "png is the QR code alone (any QR reader gives back the token); pdf and "
    "page-png\nare the printable page; jwt is the Open Badges 3.0 "
    "credential signed with\nEdDSA; jwks is the issuer's public key as a "
    "JWK set to verify it.",
    .group = ACT_GROUP_CERT,
};
