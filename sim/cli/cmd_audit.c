/*
 * cmd_audit.c - the audit log commands: list, export, verify, and the
 * instructor's checkpoint and keygen.  "audit add" (the six fields by
 * hand, IV.M.1) and "audit review" (quarterly, IV.M.2) are trainee
 * actions: they live in the action table (core/action/act_audit.c).
 */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/audit/audit.h"
#include "core/store/store_audit.h"
#include "util/lptime.h"

static const struct opt_spec filter_opts[] = {
    {"user", OPT_ARG, "ID", "only entries of this person"},
    {"plate", OPT_ARG, "P", "only entries of this plate"},
    {"case", OPT_ARG, "N", "only entries citing this case"},
    {"from", OPT_ARG, "TIME", "only entries at or after TIME"},
    {"to", OPT_ARG, "TIME", "only entries at or before TIME (a date means "
                            "the whole day)"},
    {"limit", OPT_ARG, "N", "only the newest N matching entries"},
    {NULL, 0, NULL, NULL},
};

/* Fills f from the filter options; returns 0 or an exit status. */
static int get_filter(const struct opts *o, struct store_audit_filter *f)
{
    memset(f, 0, sizeof *f);
    f->user = opts_get(o, "user");
    f->plate = opts_get(o, "plate");
    f->case_number = opts_get(o, "case");
    const char *v;
    if ((v = opts_get(o, "from"))) {
        if (lptime_parse(v, &f->from))
            return cli_fail(LP_USAGE, "--from '%s' is not a time (use "
                            "2026-03-02 or 2026-03-02T09:00:00Z)", v);
        f->has_from = 1;
    }
    if ((v = opts_get(o, "to"))) {
        if (lptime_parse(v, &f->to))
            return cli_fail(LP_USAGE, "--to '%s' is not a time (use "
                            "2026-03-02 or 2026-03-02T09:00:00Z)", v);
        if (strlen(v) == 10)   /* a date: through its end */
            f->to += LPTIME_DAY - 1;
        f->has_to = 1;
    }
    if (f->has_from && f->has_to && f->from > f->to)
        return cli_fail(LP_USAGE, "--from is after --to");
    if ((v = opts_get(o, "limit")) &&
        lp_parse_i64(v, 1, INT64_MAX, &f->limit))
        return cli_fail(LP_USAGE, "--limit '%s' is not a positive number",
                        v);
    return 0;
}

/* Prints one compact JSON document and a newline; takes doc. */
static void print_json(json_t *doc)
{
    cli_json_print(doc);
}

static json_t *rules_array(const char *rules)
{
    json_t *a = json_array();
    const char *p = rules ? rules : "";
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n)
            json_array_append_new(a, json_stringn(p, n));
        p += n;
        if (*p == ',')
            p++;
    }
    return a;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *row_json(const struct store_audit_row *r)
{
    char at[32], hash[2 * AUDIT_HASH_LEN + 1] = "";
    lptime_format(r->at, at, sizeof at);
    if (r->hash_len == AUDIT_HASH_LEN)
        sodium_bin2hex(hash, sizeof hash, r->hash, r->hash_len);
    json_t *o = json_pack("{s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
                          "s:b,s:s}",
                          "id", (json_int_t)r->id, "at", at,
                          "user", str_or_null(r->user_id),
                          "action", str_or_null(r->action),
                          "plate", str_or_null(r->plate),
                          "case", str_or_null(r->case_number),
                          "reason", str_or_null(r->reason),
                          "results", str_or_null(r->results),
                          "verdict", str_or_null(r->verdict),
                          "rules", rules_array(r->rules),
                          "profile", str_or_null(r->profile),
                          "manual", r->manual, "hash", hash);
    if (r->session_id)
        json_object_set_new(o, "session_id", json_integer(r->session_id));
    json_t *d = r->detail ? json_loads(r->detail, 0, NULL) : NULL;
    json_object_set_new(o, "detail", d ? d : str_or_null(r->detail));
    return o;
}

struct list_ctx {
    json_t *arr;
    int64_t n;
};

static int list_one(void *arg, const struct store_audit_row *r)
{
    struct list_ctx *x = arg;
    x->n++;
    if (x->arr) {
        json_array_append_new(x->arr, row_json(r));
        return 0;
    }
    char at[32];
    lptime_format(r->at, at, sizeof at);
    printf("#%lld %s %s %s plate=%s case=%s %s%s%s%s%s\n", (long long)r->id,
           at, r->user_id ? r->user_id : "?", r->action ? r->action : "?",
           r->plate ? r->plate : "-", r->case_number ? r->case_number : "-",
           r->verdict ? r->verdict : "?", r->rules && *r->rules ? " " : "",
           r->rules && *r->rules ? r->rules : "",
           r->manual ? " (by hand)" : "",
           r->session_id ? " (session)" : "");
    printf("    reason: %s\n    results: %s\n",
           r->reason ? r->reason : "-", r->results ? r->results : "-");
    return 0;
}

static int run_list(struct cli *c, const struct opts *o)
{
    struct store_audit_filter f;
    int rc = get_filter(o, &f);
    if (rc || (rc = cli_open_store_ro(c)))
        return rc;
    struct list_ctx x = {c->json ? json_array() : NULL, 0};
    if (store_audit_select(c->st, &f, list_one, &x)) {
        json_decref(x.arr);
        return cli_fail_err(store_err(c->st));
    }
    if (x.arr) {
        json_t *doc = json_pack("{s:I,s:o}", "count", (json_int_t)x.n,
                                "entries", x.arr);
        print_json(doc);
    } else if (x.n == 0) {
        printf("no audit entries match\n");
    }
    return 0;
}

const struct cli_cmd cmd_audit_list = {
    "audit", "list", NULL, "list audit entries (filter by person, plate, "
    "case, time)", filter_opts, run_list,
    "Each entry holds the six fields of IV.M.1: who, plate, when, results,\n"
    "case number and reason, with the action, verdict and rule ids.",
    .group = ACT_GROUP_AUDIT,
};

/* ---- export ---- */

static int run_export(struct cli *c, const struct opts *o)
{
    struct store_audit_filter f;
    struct lp_err err = {0};
    int64_t n = 0;
    if (o->npos != 1)
        return cli_fail(LP_USAGE, "audit export: give one FILE (- for "
                        "standard output)");
    const char *path = o->pos[0];
    int rc = get_filter(o, &f);
    if (rc || (rc = cli_open_store_ro(c)))
        return rc;
    if (audit_export_csv(c->st, &f, path, &n, &err))
        return cli_fail_err(&err);
    if (strcmp(path, "-") == 0)
        return 0;
    if (c->json)
        print_json(json_pack("{s:I,s:s}", "exported", (json_int_t)n, "file",
                             path));
    else
        printf("exported %lld audit entries to %s\n", (long long)n, path);
    return 0;
}

const struct cli_cmd cmd_audit_export = {
    "audit", "export", "FILE", "write audit entries as CSV (- for standard "
    "output)", filter_opts, run_export,
    "Columns: id,at,user_id,action,plate,case_number,reason,results,\n"
    "verdict,rules,profile,manual,session_id,detail,prev_hash,hash.\n"
    "Text cells starting with = + - @ are guarded with a leading '.",
    .group = ACT_GROUP_AUDIT,
};

/* ---- verify ---- */

static const struct opt_spec verify_opts[] = {
    {"pubkey", OPT_ARG, "FILE", "the instructor's audit public key, pinned "
                                "(the database's own pointer is never "
                                "trusted)"},
    {"checkpoint", OPT_MULTI, "FILE", "also check a checkpoint note carried "
                                      "off the machine (repeatable)"},
    {"require-covered", OPT_FLAG, NULL, "exit 4 when any entry lies after "
                                        "the last verified checkpoint"},
    {NULL, 0, NULL, NULL},
};

static int run_verify(struct cli *c, const struct opts *o)
{
    int req = opts_has(o, "require-covered");
    if (req && !opts_get(o, "pubkey"))
        return cli_fail(LP_USAGE, "audit verify: --require-covered needs "
                        "the pinned key (--pubkey FILE): only a checkpoint "
                        "it verifies covers entries");
    int rc = cli_open_store_ro(c);
    if (rc)
        return rc;
    size_t nf = opts_count(o, "checkpoint");
    const char **files = xcalloc(nf ? nf : 1, sizeof *files);
    for (size_t i = 0; i < nf; i++)
        files[i] = opts_nth(o, "checkpoint", i);
    struct audit_verify_opts vo = {.pubkey = opts_has(o, "pubkey")
                                                 ? opts_get(o, "pubkey")
                                                 : site_audit_pubkey(),
                                   .files = files, .nfiles = nf};
    struct audit_verify_report rep;
    struct lp_err err = {0};
    rc = audit_verify(c->st, &vo, &rep, &err);
    free(files);
    if (rc) {
        audit_verify_report_free(&rep);
        return cli_fail_err(&err);
    }
    int ok = rep.ok && !(req && rep.uncovered > 0);
    size_t nok = 0;
    for (size_t i = 0; i < rep.nckpt; i++)
        nok += rep.ckpt[i].ok;
    if (c->json) {
        json_t *cks = json_array(), *warns = json_array();
        for (size_t i = 0; i < rep.nckpt; i++) {
            const struct audit_ckpt_report *k = &rep.ckpt[i];
            json_t *j = json_pack("{s:s,s:I,s:I,s:s,s:b,s:b}", "checkpoint",
                                  k->source, "entries",
                                  (json_int_t)k->entries, "at",
                                  (json_int_t)k->at, "key_id", k->key_id,
                                  "signature_checked", k->sig_checked, "ok",
                                  k->ok);
            if (!k->ok)
                json_object_set_new(j, "problem", json_string(k->problem));
            json_array_append_new(cks, j);
        }
        for (size_t i = 0; i < rep.nwarn; i++)
            json_array_append_new(warns, json_string(rep.warn[i]));
        json_t *doc = json_pack("{s:b,s:I,s:o,s:o,s:I,s:I,s:b,s:o,s:o}",
                                "ok", ok, "entries", (json_int_t)rep.entries,
                                "first_bad", rep.first_bad
                                    ? json_integer(rep.first_bad)
                                    : json_null(),
                                "problem", rep.ok ? json_null()
                                                  : json_string(rep.problem),
                                "covered", (json_int_t)rep.covered,
                                "uncovered", (json_int_t)rep.uncovered,
                                "key_pinned", rep.have_key,
                                "checkpoints", cks, "warnings", warns);
        if (rep.key_id[0])
            json_object_set_new(doc, "key_id", json_string(rep.key_id));
        print_json(doc);
    } else {
        for (size_t i = 0; i < rep.nwarn; i++)
            fprintf(stderr, "lprsim: warning: %s\n", rep.warn[i]);
        if (rep.ok) {
            printf("audit log ok: %lld entries, chain intact",
                   (long long)rep.entries);
            if (rep.nckpt && rep.have_key)
                printf("; %zu checkpoint(s) match, signed by key %s", nok,
                       rep.key_id);
            else if (rep.nckpt)
                printf("; %zu checkpoint(s) not checked (no pinned key)",
                       rep.nckpt);
            printf("; %lld entr%s not covered by a verified checkpoint\n",
                   (long long)rep.uncovered,
                   rep.uncovered == 1 ? "y" : "ies");
            if (!ok)
                fprintf(stderr, "lprsim: audit verify: %lld entr%s after "
                        "the last verified checkpoint (--require-covered)\n",
                        (long long)rep.uncovered,
                        rep.uncovered == 1 ? "y lies" : "ies lie");
        } else {
            fprintf(stderr, "lprsim: audit verify: %s\n", rep.problem);
            for (size_t i = 0; i < rep.nalso; i++)
                fprintf(stderr, "lprsim: audit verify: %s\n", rep.also[i]);
            for (size_t i = 0; i < rep.nckpt; i++)
                if (!rep.ckpt[i].ok &&
                    strcmp(rep.ckpt[i].problem, rep.problem) != 0)
                    fprintf(stderr, "lprsim: audit verify: %s\n",
                            rep.ckpt[i].problem);
            if (rep.first_bad)
                fprintf(stderr, "lprsim: audit log NOT intact (%lld entries "
                        "present; first bad entry %lld)\n",
                        (long long)rep.entries, (long long)rep.first_bad);
            else
                fprintf(stderr, "lprsim: audit log NOT verified (%lld "
                        "entries present)\n", (long long)rep.entries);
        }
    }
    rc = ok ? LP_OK : LP_VERIFY;
    audit_verify_report_free(&rep);
    return rc;
}

const struct cli_cmd cmd_audit_verify = {
    "audit", "verify", NULL, "check the audit log's schema, hash chain and "
    "signed checkpoints", verify_opts, run_verify,
    "Finds a changed, deleted, inserted or reordered entry, a stored value\n"
    "of another type than the schema's, a foreign schema object (trigger,\n"
    "view, index, table) and a deleted checkpoint, and names the first\n"
    "problem; a log cut below a signed checkpoint shows as \"log shorter\n"
    "than checkpoint N\".  Signatures are checked only with the key given\n"
    "by --pubkey (the key the database names is never trusted); it reports\n"
    "how many entries no verified checkpoint covers.  Opens the database\n"
    "read-only.  Exit 4 when anything is wrong (and with --require-covered\n"
    "when any entry is uncovered).",
    .group = ACT_GROUP_AUDIT,
};

/* ---- checkpoint and keygen (instructor) ---- */

static const struct opt_spec ckpt_opts[] = {
    {"key", OPT_ARG, "FILE", "the audit secret key (default "
                             "$LPRSIM_AUDIT_KEY); mode 0600"},
    {"out", OPT_ARG, "FILE", "also write the new checkpoint to FILE as a "
                             "C2SP signed note"},
    {"export", OPT_ARG, "FILE", "only write the newest stored checkpoint "
                                "to FILE as a C2SP signed note (- for "
                                "standard output), sign nothing"},
    {"every", OPT_ARG, "N", "sign only when at least N entries are not yet "
                            "covered (what the training host runs)"},
    {NULL, 0, NULL, NULL},
};

static int run_checkpoint(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    const char *key = opts_get(o, "key");
    const char *out = opts_get(o, "out");
    const char *exp = opts_get(o, "export");
    int64_t n = 0;
    if (!key && !exp)
        key = site_audit_key();   /* host: site.conf audit_key */
    if (exp && (key || out))
        return cli_fail(LP_USAGE, "audit checkpoint: --export signs "
                        "nothing: give it alone");
    if (!key && !exp)
        return cli_fail(LP_USAGE, "audit checkpoint: give --key FILE (or "
                        "set LPRSIM_AUDIT_KEY), or --export FILE");
    const char *ev = opts_get(o, "every");
    int64_t every = 0;
    if (ev && (exp || lp_parse_i64(ev, 1, INT64_MAX, &every)))
        return cli_fail(LP_USAGE, exp ? "audit checkpoint: --every signs: "
                        "not with --export" : "audit checkpoint: --every "
                        "'%s' is not a positive number", ev);
    int rc = exp ? cli_open_store_ro(c) : cli_open_store(c, 0);
    if (rc)
        return rc;
    if (exp) {
        if (audit_checkpoint_export(c->st, exp, &n, &err))
            return cli_fail_err(&err);
        if (strcmp(exp, "-") != 0 && c->json)
            print_json(json_pack("{s:I,s:s}", "exported", (json_int_t)n,
                                 "file", exp));
        else if (strcmp(exp, "-") != 0)
            printf("exported checkpoint %lld to %s (a C2SP signed note)\n",
                   (long long)n, exp);
        return 0;
    }
    struct audit_ckpt_info ci;
    if (ev) {
        if (audit_autocheckpoint(c->st, key, every, c->now, &ci, &err))
            return cli_fail_err(&err);
        int64_t id = ci.id;
        if (!id) {
            if (c->json)
                print_json(json_pack("{s:n}", "checkpoint"));
            else
                printf("no checkpoint signed: fewer than %lld entries since "
                       "the last one\n", (long long)every);
            return 0;
        }
        if (out && audit_checkpoint_export(c->st, out, &n, &err))
            return cli_fail_err(&err);
        if (c->json)
            print_json(json_pack("{s:I}", "checkpoint", (json_int_t)id));
        else
            printf("checkpoint %lld signed\n", (long long)id);
        return 0;
    }
    if (audit_checkpoint(c->st, key, c->now, &ci, &err))
        return cli_fail_err(&err);
    if (out && audit_checkpoint_export(c->st, out, &n, &err))
        return cli_fail_err(&err);
    char head[2 * AUDIT_HASH_LEN + 1], at[32];
    sodium_bin2hex(head, sizeof head, ci.head, AUDIT_HASH_LEN);
    lptime_format(ci.at, at, sizeof at);
    if (c->json) {
        json_t *doc = json_pack("{s:I,s:I,s:s,s:s,s:s}", "checkpoint",
                                (json_int_t)ci.id, "entries",
                                (json_int_t)ci.entries, "head", head, "at",
                                at, "key_id", ci.key_id);
        if (out)
            json_object_set_new(doc, "file", json_string(out));
        print_json(doc);
    } else {
        printf("checkpoint %lld signed: %lld entries, head %.16s..., key "
               "%s, at %s\n", (long long)ci.id, (long long)ci.entries, head,
               ci.key_id, at);
        if (out)
            printf("wrote checkpoint %lld to %s (a C2SP signed note): keep "
                   "a copy off this machine\n", (long long)n, out);
    }
    return 0;
}

const struct cli_cmd cmd_audit_checkpoint = {
    "audit", "checkpoint", NULL, "sign the audit log's head with the "
    "instructor's key (or export checkpoints)", ckpt_opts, run_checkpoint,
    "A checkpoint signs the number of entries and the head hash, so that\n"
    "a cut tail shows in 'audit verify'.  The secret key must be readable\n"
    "by its owner only.  The export is a C2SP tlog-checkpoint signed note\n"
    "(origin, size, the chain's head hash in base64; an Ed25519 signature\n"
    "line \"lprsim-audit-KEYID\" with the spec's 4-byte key hash): carry it\n"
    "off the machine and check it with\n"
    "'audit verify --checkpoint FILE --pubkey PUB', or with any signed-note\n"
    "verifier and the key.",
    .group = ACT_GROUP_AUDIT,
};

static const struct opt_spec keygen_opts[] = {
    {"out", OPT_ARG, "DIR", "folder for audit.key (0600) and audit.pub"},
    {NULL, 0, NULL, NULL},
};

static int run_keygen(struct cli *c, const struct opts *o)
{
    struct lp_err err = {0};
    const char *dir = opts_get(o, "out");
    char *kp = NULL, *pp = NULL, id[AUDIT_KEY_ID_LEN + 1];
    if (!dir)
        return cli_fail(LP_USAGE, "audit keygen: give --out DIR");
    if (audit_keygen(dir, &kp, &pp, id, &err))
        return cli_fail_err(&err);
    if (c->json)
        print_json(json_pack("{s:s,s:s,s:s}", "secret_key", kp,
                             "public_key", pp, "key_id", id));
    else
        printf("audit key %s\n  secret: %s (keep it from trainees)\n"
               "  public: %s (for 'audit verify --pubkey')\n", id, kp, pp);
    free(kp);
    free(pp);
    return 0;
}

const struct cli_cmd cmd_audit_keygen = {
    "audit", "keygen", NULL, "make the instructor's audit signing key pair",
    keygen_opts, run_keygen, "An existing key is never overwritten.",
    .group = ACT_GROUP_AUDIT,
};
