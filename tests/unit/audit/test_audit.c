/*
 * test_audit.c - the audit log: the hash chain as computed, the canonical
 * encoding, every way of tampering (changed, deleted, inserted, swapped
 * rows, a cut tail below a checkpoint, a forged checkpoint), secret key
 * permissions, manual entries and the quarterly review.
 */
#include "harness.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/action/action.h"
#include "core/audit/audit.h"
#include "core/store/store_audit.h"
#include "core/store/store_int.h"
#include "core/world/roster.h"
#include "util/lptime.h"

#define T0 1772409600   /* 2026-03-02T00:00:00Z */

static void sql(struct store *st, const char *q)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, q, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", q, msg ? msg : "?");
    sqlite3_free(msg);
}

/* Appends n query entries by user on plate, reasons varying with i. */
static void add_entries(struct store *st, int n, const char *user,
                        const char *plate)
{
    struct lp_err err = {0};
    assert_ok(store_begin(st), store_err(st));
    for (int i = 0; i < n; i++) {
        char reason[80], results[40];
        snprintf(reason, sizeof reason, "Suspect vehicle seen at robbery "
                 "number %d", i);
        snprintf(results, sizeof results, "%d reads", i);
        struct audit_entry e = {
            .at = T0 + i * 60, .user_id = user, .action = "query",
            .plate = plate, .case_number = "2026-CR-0001", .reason = reason,
            .results = results, .verdict = "allow", .rules = "",
            .profile = "ice-2017",
        };
        int64_t id = 0;
        assert_ok(audit_append(st, &e, &id, &err), &err);
    }
    assert_ok(store_commit(st), store_err(st));
}

static void verify(struct store *st, struct audit_verify_report *rep,
                   const char *pubkey)
{
    struct lp_err err = {0};
    struct audit_verify_opts o = {.pubkey = pubkey};
    assert_ok(audit_verify(st, &o, rep, &err), &err);
}

/* Asserts the log is bad at entry id with a problem holding word. */
static void expect_bad(struct store *st, int64_t id, const char *word,
                       const char *pubkey)
{
    struct audit_verify_report rep;
    verify(st, &rep, pubkey);
    if (rep.ok || rep.first_bad != id || !strstr(rep.problem, word))
        fail_msg("expected entry %lld bad with '%s'; got ok=%d first_bad="
                 "%lld problem '%s'", (long long)id, word, rep.ok,
                 (long long)rep.first_bad, rep.problem);
    audit_verify_report_free(&rep);
}

static void be64(unsigned char *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (unsigned char)(v & 0xff);
        v >>= 8;
    }
}

/* The first entry's hash, with the encoding spelled out byte by byte. */
static void test_chain_computed_right(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    struct audit_entry e = {
        .at = T0, .user_id = "alice", .action = "query", .plate = "ABC1234",
        .case_number = NULL, .reason = "r", .results = "", .verdict = "deny",
        .rules = "IV.A.1", .profile = "p", .manual = 0, .session_id = 7,
        .detail = NULL,
    };
    int64_t id = 0;
    assert_ok(store_begin(st), store_err(st));
    assert_ok(audit_append(st, &e, &id, &err), &err);
    assert_int_equal(id, 1);
    e.reason = "second";
    assert_ok(audit_append(st, &e, &id, &err), &err);
    assert_int_equal(id, 2);
    assert_ok(store_commit(st), store_err(st));

    unsigned char buf[512], want[32];
    size_t n = 32;
    memset(buf, 0, 32);                         /* genesis prev_hash */
    const char *texts[] = {"lprsim.audit.v2"};
#define TEXT(s)                                                             \
    do {                                                                    \
        buf[n++] = 3;                                                       \
        be64(buf + n, strlen(s));                                           \
        n += 8;                                                             \
        memcpy(buf + n, s, strlen(s));                                      \
        n += strlen(s);                                                     \
    } while (0)
#define INT(v)                                                              \
    do {                                                                    \
        buf[n++] = 1;                                                       \
        be64(buf + n, (uint64_t)(v));                                       \
        n += 8;                                                             \
    } while (0)
    TEXT(texts[0]);
    INT(1);
    INT(T0);
    TEXT("alice");
    TEXT("query");
    TEXT("ABC1234");
    buf[n++] = 0;                               /* case_number NULL */
    TEXT("r");
    TEXT("");
    TEXT("deny");
    TEXT("IV.A.1");
    TEXT("p");
    INT(0);
    INT(7);
    buf[n++] = 0;                               /* detail NULL */
#undef TEXT
#undef INT
    crypto_hash_sha256(want, buf, n);

    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT prev_hash,hash FROM "
                                        "audit ORDER BY id", -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    unsigned char zero[32] = {0}, h1[32];
    assert_int_equal(sqlite3_column_bytes(s, 0), 32);
    assert_memory_equal(sqlite3_column_blob(s, 0), zero, 32);
    assert_memory_equal(sqlite3_column_blob(s, 1), want, 32);
    memcpy(h1, sqlite3_column_blob(s, 1), 32);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_memory_equal(sqlite3_column_blob(s, 0), h1, 32);  /* chained */
    sqlite3_finalize(s);

    struct audit_verify_report rep;
    verify(st, &rep, NULL);
    assert_true(rep.ok);
    assert_int_equal(rep.entries, 2);
    audit_verify_report_free(&rep);
    store_close(st);
}

static void test_encoding_distinguishes_splits(void **state)
{
    (void)state;
    struct audit_entry a = {.at = 1, .user_id = "u", .action = "query",
                            .plate = "ab", .case_number = "c",
                            .verdict = "allow"};
    struct audit_entry b = a;
    b.plate = "a";
    b.case_number = "bc";
    struct sb ea, eb;
    sb_init(&ea);
    sb_init(&eb);
    audit_encode(&ea, 1, &a);
    audit_encode(&eb, 1, &b);
    assert_true(ea.len != eb.len || memcmp(ea.buf, eb.buf, ea.len) != 0);
    unsigned char zero[32] = {0}, ha[32], hb[32];
    audit_hash(zero, 1, &a, NULL, ha);
    audit_hash(zero, 1, &b, NULL, hb);
    assert_memory_not_equal(ha, hb, 32);
    /* NULL and "" differ too. */
    b = a;
    b.reason = "";
    audit_hash(zero, 1, &b, NULL, hb);
    assert_memory_not_equal(ha, hb, 32);
    /* and so does the position in the log */
    audit_hash(zero, 2, &a, NULL, hb);
    assert_memory_not_equal(ha, hb, 32);
    sb_free(&ea);
    sb_free(&eb);
}

static void test_append_needs_transaction(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    struct audit_entry e = {.at = T0, .user_id = "u", .action = "query",
                            .verdict = "allow"};
    int64_t id = 0;
    assert_int_equal(audit_append(st, &e, &id, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "outside a transaction"));
    assert_int_equal(store_audit_count(st), 0);
    store_close(st);
}

/* The scenario engine verifies and signs inside its own transaction. */
static void test_verify_and_checkpoint_in_transaction(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    char *dir = harness_tmpdir(), *kd = xasprintf("%s/k", dir), *key, *pub;
    char id[AUDIT_KEY_ID_LEN + 1];
    assert_ok(audit_keygen(kd, &key, &pub, id, &err), &err);
    add_entries(st, 3, "alice", "ABC1234");
    assert_ok(store_begin(st), store_err(st));
    struct audit_verify_report rep;
    verify(st, &rep, NULL);
    assert_true(rep.ok);
    assert_int_equal(rep.entries, 3);
    audit_verify_report_free(&rep);
    struct audit_ckpt_info ci;
    assert_ok(audit_checkpoint(st, key, T0, &ci, &err), &err);
    assert_string_equal(ci.key_id, id);
    assert_ok(store_commit(st), store_err(st));
    verify(st, &rep, pub);
    assert_true(rep.ok);
    assert_int_equal(rep.nckpt, 1);
    assert_true(rep.ckpt[0].ok);
    assert_int_equal(rep.ckpt[0].entries, 3);
    audit_verify_report_free(&rep);
    free(key);
    free(pub);
    free(kd);
    harness_rmdir(dir);
    free(dir);
    store_close(st);
}

static void test_changed_field_found(void **state)
{
    (void)state;
    struct store *st = harness_store();
    add_entries(st, 6, "alice", "ABC1234");
    sql(st, "UPDATE audit SET reason='nothing to see' WHERE id=4");
    expect_bad(st, 4, "was changed", NULL);
    store_close(st);
}

static void test_changed_and_rehashed_found(void **state)
{
    (void)state;
    struct store *st = harness_store();
    add_entries(st, 6, "alice", "ABC1234");
    /* The tamperer recomputes entry 3's own hash: entry 4 no longer
     * follows it. */
    sql(st, "UPDATE audit SET plate='XYZ999' WHERE id=3");
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT at,user_id,action,"
                     "plate,case_number,reason,results,verdict,rules,profile,"
                     "prev_hash FROM audit WHERE id=3", -1, &s, NULL), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    struct audit_entry e = {
        .at = sqlite3_column_int64(s, 0),
        .user_id = (const char *)sqlite3_column_text(s, 1),
        .action = (const char *)sqlite3_column_text(s, 2),
        .plate = (const char *)sqlite3_column_text(s, 3),
        .case_number = (const char *)sqlite3_column_text(s, 4),
        .reason = (const char *)sqlite3_column_text(s, 5),
        .results = (const char *)sqlite3_column_text(s, 6),
        .verdict = (const char *)sqlite3_column_text(s, 7),
        .rules = (const char *)sqlite3_column_text(s, 8),
        .profile = (const char *)sqlite3_column_text(s, 9),
    };
    unsigned char h[32];
    audit_hash(sqlite3_column_blob(s, 10), 3, &e, NULL, h);
    sqlite3_finalize(s);
    assert_int_equal(sqlite3_prepare_v2(st->db, "UPDATE audit SET hash=? "
                                        "WHERE id=3", -1, &s, NULL), 0);
    sqlite3_bind_blob(s, 1, h, 32, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    expect_bad(st, 4, "does not follow entry 3", NULL);
    store_close(st);
}

static void test_deleted_row_found(void **state)
{
    (void)state;
    struct store *st = harness_store();
    add_entries(st, 6, "alice", "ABC1234");
    sql(st, "DELETE FROM audit WHERE id=3");
    expect_bad(st, 3, "entry 3 is missing", NULL);
    sql(st, "DELETE FROM audit WHERE id IN (1,2)");
    expect_bad(st, 1, "entry 1 is missing", NULL);
    store_close(st);
}

static void test_inserted_row_found(void **state)
{
    (void)state;
    struct store *st = harness_store();
    add_entries(st, 6, "alice", "ABC1234");
    /* Make room after entry 2 and slip a well-formed entry in, chained
     * correctly to entry 2: the old entry 3 (now 4) no longer follows. */
    sql(st, "UPDATE audit SET id=id+100 WHERE id>=3");
    sql(st, "UPDATE audit SET id=id-99 WHERE id>=103");
    struct audit_entry e = {.at = T0, .user_id = "alice", .action = "query",
                            .plate = "ABC1234", .case_number = "2026-CR-0001",
                            .reason = "planted", .results = "0 reads",
                            .verdict = "allow", .rules = "", .profile = ""};
    unsigned char prev[32], h[32];
    int ok = 0;
    assert_int_equal(store_audit_hash_of(st, 2, prev, &ok), 1);
    audit_hash(prev, 3, &e, NULL, h);
    struct store_audit_row r = {
        .id = 3, .at = e.at, .user_id = e.user_id, .action = e.action,
        .plate = e.plate, .case_number = e.case_number, .reason = e.reason,
        .results = e.results, .verdict = e.verdict, .rules = e.rules,
        .profile = e.profile, .prev_hash = prev, .prev_len = 32, .hash = h,
        .hash_len = 32,
    };
    assert_ok(store_audit_insert(st, &r, NULL), store_err(st));
    expect_bad(st, 4, "does not follow entry 3", NULL);
    store_close(st);

    /* An entry with a made-up hash appended at the end. */
    st = harness_store();
    add_entries(st, 3, "alice", "ABC1234");
    sql(st, "INSERT INTO audit(id,at,user_id,action,verdict,rules,profile,"
            "prev_hash,hash) SELECT 4,0,'alice','query','allow','','',hash,"
            "zeroblob(32) FROM audit WHERE id=3");
    expect_bad(st, 4, "was changed", NULL);
    store_close(st);
}

static void test_swapped_rows_found(void **state)
{
    (void)state;
    struct store *st = harness_store();
    add_entries(st, 6, "alice", "ABC1234");
    /* Exchange rows 2 and 5 whole, keeping their ids. */
    sql(st, "UPDATE audit SET id=-2 WHERE id=2;"
            "UPDATE audit SET id=2 WHERE id=5;"
            "UPDATE audit SET id=5 WHERE id=-2");
    expect_bad(st, 2, "does not follow entry 1", NULL);
    store_close(st);
}

/* Makes a key pair in a fresh folder; returns the folder (caller frees)
 * and the two paths. */
static char *make_keys(char **key, char **pub)
{
    struct lp_err err = {0};
    char *dir = harness_tmpdir();
    char *kd = xasprintf("%s/keys", dir);
    char id[AUDIT_KEY_ID_LEN + 1];
    assert_ok(audit_keygen(kd, key, pub, id, &err), &err);
    assert_int_equal(strlen(id), AUDIT_KEY_ID_LEN);
    free(kd);
    return dir;
}

static void test_cut_tail_below_checkpoint_found(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    char *key, *pub, *dir = make_keys(&key, &pub);
    add_entries(st, 6, "alice", "ABC1234");
    struct audit_ckpt_info ci;
    assert_ok(audit_checkpoint(st, key, T0 + 3600, &ci, &err), &err);
    assert_int_equal(ci.entries, 6);
    add_entries(st, 2, "alice", "ABC1234");

    struct audit_verify_report rep;
    verify(st, &rep, pub);
    assert_true(rep.ok);
    assert_int_equal(rep.nckpt, 1);
    assert_true(rep.ckpt[0].sig_checked);
    audit_verify_report_free(&rep);

    /* A cut above the checkpoint shows through the id counter (never
     * lowered by a delete)... */
    sql(st, "DELETE FROM audit WHERE id>=7");
    expect_bad(st, 7, "entries 7 to 8 were deleted at the tail", pub);
    /* ... and when that was lowered too, only the checkpoint sees a cut
     * below it. */
    sql(st, "UPDATE sqlite_sequence SET seq=6 WHERE name='audit'");
    verify(st, &rep, pub);
    assert_true(rep.ok);
    assert_int_equal(rep.uncovered, 0);
    audit_verify_report_free(&rep);
    sql(st, "DELETE FROM audit WHERE id>=5;"
            "UPDATE sqlite_sequence SET seq=4 WHERE name='audit'");
    expect_bad(st, 5, "log shorter than checkpoint 1 (6 entries signed, 4 "
               "present)", pub);

    /* Cut and then append fresh entries up to the same count: the head
     * no longer matches the signed one. */
    add_entries(st, 2, "alice", "ABC1234");
    expect_bad(st, 6, "rewritten", pub);
    free(key);
    free(pub);
    harness_rmdir(dir);
    free(dir);
    store_close(st);
}

static void test_forged_checkpoint_found(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    char *key, *pub, *dir = make_keys(&key, &pub);
    char *key2, *pub2, *dir2 = make_keys(&key2, &pub2);
    add_entries(st, 4, "alice", "ABC1234");
    assert_ok(audit_checkpoint(st, key, T0, NULL, &err), &err);

    /* Altered count in a signed checkpoint. */
    sql(st, "UPDATE audit_checkpoints SET entries=3");
    struct audit_verify_report rep;
    verify(st, &rep, pub);
    assert_false(rep.ok);
    assert_false(rep.ckpt[0].ok);
    assert_non_null(strstr(rep.ckpt[0].problem, "signature does not "
                                                "verify"));
    audit_verify_report_free(&rep);
    sql(st, "DELETE FROM audit_checkpoints");

    /* ... and that deleted checkpoint shows */
    verify(st, &rep, pub);
    assert_false(rep.ok);
    assert_non_null(strstr(rep.problem, "checkpoint 1 was deleted"));
    audit_verify_report_free(&rep);
    sql(st, "DELETE FROM sqlite_sequence WHERE name='audit_checkpoints'");

    /* The trainee signs with a key of their own. */
    assert_ok(audit_checkpoint(st, key2, T0, NULL, &err), &err);
    verify(st, &rep, pub);
    assert_false(rep.ok);
    assert_non_null(strstr(rep.problem, "not the audit key"));
    assert_int_equal(rep.uncovered, 4);
    audit_verify_report_free(&rep);

    /* The checkpoint file carried off the machine still catches a cut
     * after every stored checkpoint and both counters were reset. */
    sql(st, "DELETE FROM audit_checkpoints;"
            "DELETE FROM sqlite_sequence WHERE name='audit_checkpoints'");
    assert_ok(audit_checkpoint(st, key, T0, NULL, &err), &err);
    char *file = xasprintf("%s/ck.note", dir);
    int64_t n = 0;
    assert_ok(audit_checkpoint_export(st, file, &n, &err), &err);
    assert_int_equal(n, 1);
    sql(st, "DELETE FROM audit_checkpoints; DELETE FROM audit WHERE id=4;"
            "DELETE FROM sqlite_sequence WHERE name='audit_checkpoints';"
            "UPDATE sqlite_sequence SET seq=3 WHERE name='audit'");
    verify(st, &rep, pub);
    assert_true(rep.ok);   /* nothing left in the database to see it */
    audit_verify_report_free(&rep);
    const char *files[] = {file};
    struct audit_verify_opts o = {.pubkey = pub, .files = files,
                                  .nfiles = 1};
    assert_ok(audit_verify(st, &o, &rep, &err), &err);
    assert_false(rep.ok);
    assert_int_equal(rep.first_bad, 4);
    assert_non_null(strstr(rep.problem, "log shorter than ck.note"));
    audit_verify_report_free(&rep);
    /* A file without a key to check it with is a usage error. */
    struct audit_verify_opts o2 = {.files = files, .nfiles = 1};
    assert_int_equal(audit_verify(st, &o2, &rep, &err), -LP_USAGE);
    audit_verify_report_free(&rep);

    free(file);
    free(key);
    free(pub);
    free(key2);
    free(pub2);
    harness_rmdir(dir);
    harness_rmdir(dir2);
    free(dir);
    free(dir2);
    store_close(st);
}

static void test_secret_key_permissions_refused(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    char *key, *pub, *dir = make_keys(&key, &pub);
    struct stat sb;
    assert_int_equal(stat(key, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(chmod(key, 0640), 0);
    assert_int_equal(audit_checkpoint(st, key, T0, NULL, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "open to group or others"));
    assert_int_equal(chmod(key, 0604), 0);
    assert_int_equal(audit_checkpoint(st, key, T0, NULL, &err), -LP_FAIL);
    assert_int_equal(chmod(key, 0600), 0);
    assert_ok(audit_checkpoint(st, key, T0, NULL, &err), &err);
    /* a broken chain is never signed */
    add_entries(st, 3, "alice", "ABC1234");
    sql(st, "UPDATE audit SET reason='x' WHERE id=2");
    assert_int_equal(audit_checkpoint(st, key, T0, NULL, &err), -LP_VERIFY);
    assert_non_null(strstr(err.msg, "not signed: entry 2 was changed"));
    /* keygen never overwrites */
    char *kd = xasprintf("%s/keys", dir), *k2, *p2;
    char id[AUDIT_KEY_ID_LEN + 1];
    assert_int_equal(audit_keygen(kd, &k2, &p2, id, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "never overwritten"));
    /* the database names no key to trust */
    char *meta = store_meta_get(st, "audit.pubkey");
    assert_null(meta);
    free(kd);
    free(key);
    free(pub);
    harness_rmdir(dir);
    free(dir);
    store_close(st);
}

/* A manual entry (IV.M.1 by hand) goes through the action layer like
 * every action: recorded, refused and audited, warned, or a usage error
 * with nothing written. */
static void test_manual_entry(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    char *root = harness_path("");
    assert_ok(roster_add(st, "alice", "Alice Tester", NULL, T0, &err), &err);
    sql(st, "INSERT INTO cases(number,type,status,opened_at) VALUES"
            "('2026-CR-0001','criminal','open',0)");
    struct lp_ctx ctx = {.st = st, .now = T0, .user = "alice",
                         .root = root};
    struct action_result res;
    action_result_init(&res);
    assert_int_equal(action_exec_line(&ctx, "audit add --plate abc-1234 "
                     "--case 2026-CR-0001 --reason 'Suspect vehicle in "
                     "armed robbery' --results '2 reads' --at "
                     "2026-03-01T10:00:00Z --source PartnerNet", &res), LP_OK);
    assert_string_equal(json_string_value(json_object_get(res.doc,
                                                           "verdict")),
                        "allow");
    assert_int_equal(json_integer_value(json_object_get(res.doc,
                                                        "audit_id")), 1);
    /* missing reason and results: refused, and the refusal is audited */
    assert_int_equal(action_exec_line(&ctx, "audit add --plate abc-1234 "
                     "--case 2026-CR-0001 --results '' --at "
                     "2026-03-01T10:00:00Z", &res), LP_REFUSED);
    assert_non_null(strstr(res.err.msg, "IV.M.1"));
    assert_int_equal(json_integer_value(json_object_get(res.doc,
                                                        "audit_id")), 2);
    /* a case not in the registry: recorded with a warning */
    assert_int_equal(action_exec_line(&ctx, "audit add --plate abc-1234 "
                     "--case 2020-XX-0000 --reason 'Suspect vehicle in "
                     "armed robbery' --results '1 read' --at "
                     "2026-03-01T10:00:00Z", &res), LP_OK);
    assert_string_equal(json_string_value(json_object_get(res.doc,
                                                           "verdict")),
                        "warn");
    assert_string_equal(json_string_value(json_array_get(json_object_get(
                            res.doc, "rules"), 0)), "IV.A.1");
    /* no one on the roster, or a time after the clock: nothing written */
    ctx.user = "mallory";
    assert_int_equal(action_exec_line(&ctx, "audit add --plate abc-1234 "
                     "--case 2026-CR-0001 --reason 'Suspect vehicle in "
                     "armed robbery' --results '1 read'", &res), LP_USAGE);
    assert_non_null(strstr(res.err.msg, "not on the roster"));
    ctx.user = "alice";
    assert_int_equal(action_exec_line(&ctx, "audit add --plate abc-1234 "
                     "--case 2026-CR-0001 --reason 'Suspect vehicle in "
                     "armed robbery' --results '1 read' --at 2026-03-03",
                     &res), LP_USAGE);
    action_result_free(&res);
    ctx_release(&ctx);
    free(root);
    assert_int_equal(store_audit_count(st), 3);

    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT plate,manual,at,"
                     "action FROM audit WHERE id=1", -1, &s, NULL), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "ABC1234");
    assert_int_equal(sqlite3_column_int(s, 1), 1);
    assert_int_equal(sqlite3_column_int64(s, 2), T0 - 14 * 3600);
    assert_string_equal((const char *)sqlite3_column_text(s, 3),
                        "audit add");
    sqlite3_finalize(s);
    store_close(st);
}

/* Finds the first finding of kind (and for user when not NULL). */
static json_t *find_kind(json_t *doc, const char *kind, const char *user)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) {
        const char *k = json_string_value(json_object_get(f, "kind"));
        const char *u = json_string_value(json_object_get(f, "user"));
        if (k && strcmp(k, kind) == 0 &&
            (!user || (u && strcmp(u, user) == 0)))
            return f;
    }
    return NULL;
}

static void append(struct store *st, int64_t at, const char *user,
                   const char *plate, const char *cs, const char *reason,
                   const char *verdict, const char *rules,
                   const char *detail)
{
    struct lp_err err = {0};
    struct audit_entry e = {.at = at, .user_id = user, .action = "query",
                            .plate = plate, .case_number = cs,
                            .reason = reason, .results = "1 read",
                            .verdict = verdict, .rules = rules,
                            .detail = detail};
    int64_t id;
    assert_ok(audit_append(st, &e, &id, &err), &err);
}

static void test_review_finds_stalker_and_more(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    int64_t q1, q2;
    assert_ok(audit_quarter_parse("2026Q1", &q1, &q2, &err), &err);
    assert_int_equal(q1, 1767225600);   /* 2026-01-01 */
    assert_int_equal(q2, 1775001600);   /* 2026-04-01 */
    assert_ok(roster_add(st, "stalker", "S One", NULL, q1, &err), &err);
    assert_ok(roster_add(st, "honest", "H Two", NULL, q1, &err), &err);
    assert_ok(roster_add(st, "boss", "B Three", "instructor", q1, &err),
              &err);
    sql(st, "INSERT INTO cases(number,type,status,opened_at,closed_at) "
            "VALUES('2026-CR-0001','criminal','open',0,NULL),"
            "('2026-CV-0002','civil','open',0,NULL),"
            "('2025-CR-0003','criminal','closed',0,1767225600);"
            "INSERT INTO statutes(code,citation,description,limitation_years)"
            " VALUES('T-1','T 1','test offence',3);"
            "INSERT INTO cases(number,type,violation,status,opened_at) "
            "VALUES('2026-CR-0005','criminal','T-1','open',0)");
    assert_ok(store_begin(st), store_err(st));
    const char *reasons[] = {
        "Suspect vehicle in armed robbery downtown",
        "Witness statement about hit and run",
        "Tip about burglary suspect vehicle",
        "Witness statement about hit and run",
    };
    for (int i = 0; i < 4; i++)
        append(st, q1 + 86400 * (10 + i), "stalker", "EX1234",
               "2026-CR-0001", reasons[i], "allow", "", NULL);
    /* honest: two look-ups of one plate under one reason */
    for (int i = 0; i < 3; i++)
        append(st, q1 + 86400 * (20 + i), "honest", "EX5678",
               "2026-CR-0001", "Suspect vehicle in armed robbery downtown",
               "allow", "", NULL);
    append(st, q1 + 86400 * 30, "honest", "EX9999", "2025-CR-0003",
           "Suspect vehicle in armed robbery downtown", "allow", "", NULL);
    append(st, q1 + 86400 * 31, "honest", "EX9998", "2026-CV-0002",
           "Removal order follow up for absconder", "allow", "",
           "{\"plate\":\"EX9998\",\"from\":\"2019-01-01\","
           "\"to\":\"2026-02-01\",\"case\":\"2026-CV-0002\"}");
    append(st, q1 + 86400 * 32, "honest", "EX9997", "2026-CR-0001",
           "check", "allow", "", NULL);
    append(st, q1 + 86400 * 33, "honest", "EX9996", NULL,
           "Suspect vehicle in armed robbery downtown", "deny", "IV.A.1",
           NULL);
    append(st, q2 + 10, "stalker", "EX1234", "2026-CR-0001", "later",
           "allow", "", NULL);   /* next quarter: not reviewed */
    /* criminal: the window may reach back only as far as the statute of
     * limitations of the case's violation (3 years here) */
    append(st, q1 + 86400 * 40, "honest", "EX9995", "2026-CR-0005",
           "Smuggling suspect vehicle seen at the border", "warn", "IV.D",
           "[\"query\",\"--plate\",\"EX9995\",\"--from\",\"2022-01-01\","
           "\"--to=2026-02-01\"]");   /* the action's words, as typed */
    append(st, q1 + 86400 * 41, "honest", "EX9994", "2026-CR-0005",
           "Smuggling suspect vehicle seen at the border", "allow", "",
           "[\"query\",\"--from=2024-01-01\",\"--to\",\"2026-02-01\"]");
    /* a reason the engine refuses under IV.E, let through by an older
     * profile: the review names it */
    append(st, q1 + 86400 * 42, "honest", "EX9993", "2026-CR-0001",
           "Driver was seen at the protest downtown", "allow", "", NULL);
    /* as the action layer writes a refusal: every rule cited, the
     * deciding one in the results */
    struct audit_entry ref = {
        .at = q1 + 86400 * 43, .user_id = "honest", .action = "audit add",
        .plate = "EX9992", .case_number = "2026-CR-0001", .reason = "check",
        .results = "refused (IV.M.1)", .verdict = "deny",
        .rules = "IV.A.1,IV.M.1", .manual = 1};
    int64_t rid;
    assert_ok(audit_append(st, &ref, &rid, &err), &err);
    assert_ok(store_commit(st), store_err(st));

    json_t *doc = NULL;
    struct sb text;
    sb_init(&text);
    assert_ok(store_begin(st), store_err(st));
    assert_ok(audit_review_quarter(st, "boss", "2026Q1", q2 + 86400, &doc,
                                   &text, &err), &err);
    assert_ok(store_commit(st), store_err(st));
    assert_int_equal(json_integer_value(json_object_get(doc, "entries")), 15);

    json_t *f = find_kind(doc, "repeated-plate", "stalker");
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "rule")),
                        "IV.M.2");
    assert_string_equal(json_string_value(json_object_get(f, "plate")),
                        "EX1234");
    assert_int_equal(json_integer_value(json_object_get(f, "count")), 4);
    assert_int_equal(json_integer_value(json_object_get(f, "reasons")), 3);
    assert_int_equal(json_array_size(json_object_get(f, "entries")), 4);
    assert_null(find_kind(doc, "repeated-plate", "honest"));

    f = find_kind(doc, "closed-case", NULL);
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "rule")),
                        "IV.A.1");
    size_t nwin = 0;
    for (size_t i = 0; i < json_array_size(json_object_get(doc, "findings"));
         i++) {
        f = json_array_get(json_object_get(doc, "findings"), i);
        const char *k = json_string_value(json_object_get(f, "kind"));
        if (strcmp(k, "window-beyond-limit") != 0)
            continue;
        nwin++;
        const char *plate = json_string_value(json_object_get(f, "plate"));
        const char *rule = json_string_value(json_object_get(f, "rule"));
        if (strcmp(plate, "EX9998") == 0)
            assert_string_equal(rule, "IV.J.2");
        else if (strcmp(plate, "EX9995") == 0)
            assert_string_equal(rule, "IV.J.1");
        else
            fail_msg("window finding for %s", plate);
    }
    assert_int_equal(nwin, 2);
    f = find_kind(doc, "vague-reason", NULL);
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "rule")),
                        "IV.M.1");
    assert_int_equal(json_integer_value(json_object_get(f, "entry")), 10);
    f = find_kind(doc, "improper-reason", NULL);
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "rule")),
                        "IV.E");
    assert_string_equal(json_string_value(json_object_get(f, "plate")),
                        "EX9993");
    assert_int_equal(strncmp(json_string_value(json_object_get(doc,
                                                               "profile")),
                             "ice-2017@", 9), 0);
    size_t nref = 0;
    for (size_t i = 0; i < json_array_size(json_object_get(doc, "findings"));
         i++) {
        f = json_array_get(json_object_get(doc, "findings"), i);
        if (strcmp(json_string_value(json_object_get(f, "kind")),
                   "refused-attempt") != 0)
            continue;
        nref++;
        const char *plate = json_string_value(json_object_get(f, "plate"));
        const char *rule = json_string_value(json_object_get(f, "rule"));
        assert_string_equal(rule, strcmp(plate, "EX9992") == 0 ? "IV.M.1"
                                                               : "IV.A.1");
    }
    assert_int_equal(nref, 2);
    assert_non_null(strstr(text.buf, "IV.M.2  stalker looked up EX1234 4 "
                                     "times"));
    assert_non_null(strstr(text.buf, "no earlier audit review"));
    json_decref(doc);

    /* The review is recorded: a second one soon after gives no warning,
     * one two quarters later does. */
    int64_t last;
    assert_int_equal(audit_review_due(st, q2 + 2 * 86400, &last, &err), 0);
    assert_int_equal(last, q2 + 86400);
    assert_int_equal(audit_review_due(st, q2 + 200 * 86400, &last, &err), 1);
    sb_reset(&text);
    assert_ok(store_begin(st), store_err(st));
    assert_ok(audit_review_quarter(st, "boss", "2026Q3", q2 + 200 * 86400,
                                   &doc, &text, &err), &err);
    assert_ok(store_commit(st), store_err(st));
    assert_non_null(strstr(text.buf, "over a quarter ago"));
    assert_true(json_is_true(json_object_get(json_object_get(doc, "log"),
                                             "intact")));
    json_decref(doc);

    struct audit_verify_report rep;
    verify(st, &rep, NULL);
    assert_true(rep.ok);   /* reviews are audited and chained */
    assert_int_equal(rep.entries, 18);
    audit_verify_report_free(&rep);

    /* A review of a tampered log says so first. */
    sql(st, "UPDATE audit SET reason='Suspect vehicle in a robbery' "
            "WHERE id=10");
    sb_reset(&text);
    assert_ok(store_begin(st), store_err(st));
    assert_ok(audit_review_quarter(st, "boss", "2026Q1", q2 + 201 * 86400,
                                   &doc, &text, &err), &err);
    assert_ok(store_commit(st), store_err(st));
    f = find_kind(doc, "log-not-intact", NULL);
    assert_non_null(f);
    assert_non_null(strstr(json_string_value(json_object_get(f, "text")),
                           "entry 10 was changed"));
    assert_false(json_is_true(json_object_get(json_object_get(doc, "log"),
                                              "intact")));
    assert_null(find_kind(doc, "vague-reason", NULL));  /* as now stored */
    json_decref(doc);
    sb_free(&text);
    store_close(st);
}

/* "audit add" and "audit review" through the action table: one entry
 * each, written by the action layer, manual and dated as given. */
static void test_actions_in_the_table(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    char *root = harness_path("");
    assert_ok(roster_add(st, "alice", "Alice Tester", NULL, T0, &err), &err);
    sql(st, "INSERT INTO cases(number,type,status,opened_at) VALUES"
            "('2026-CR-0001','criminal','open',0)");
    struct lp_ctx ctx = {.st = st, .now = T0, .user = "alice",
                         .root = root};
    struct action_result res;
    action_result_init(&res);
    assert_int_equal(action_exec_line(&ctx, "audit add --plate abc-1234 "
                     "--case 2026-CR-0001 --reason 'Suspect vehicle in "
                     "armed robbery' --results '2 reads' --at 2026-03-01",
                     &res), LP_OK);
    assert_string_equal(json_string_value(json_object_get(res.doc,
                                                           "verdict")),
                        "allow");
    assert_int_equal(json_integer_value(json_object_get(res.doc,
                                                        "audit_id")), 1);
    assert_int_equal(action_exec_line(&ctx, "audit add --plate ABC1234 "
                     "--case 2026-CR-0001 --reason check --results x",
                     &res), LP_REFUSED);
    assert_non_null(strstr(res.err.msg, "refused (IV.M.1)"));
    assert_int_equal(action_exec_line(&ctx, "audit add --plate ABC1234 "
                     "--at 2027-01-01", &res), LP_USAGE);
    assert_int_equal(action_exec_line(&ctx, "audit review --quarter 2026Q1",
                                      &res), LP_OK);
    json_t *rv = json_object_get(res.doc, "review");
    assert_non_null(rv);
    int64_t aid = json_integer_value(json_object_get(res.doc, "audit_id"));
    assert_int_equal(aid, 3);
    assert_int_equal(json_integer_value(json_object_get(rv, "audit_id")),
                     aid);
    action_result_free(&res);
    ctx_release(&ctx);

    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT id,action,manual,at,"
                     "plate,verdict FROM audit ORDER BY id", -1, &s, NULL), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 1), "audit add");
    assert_int_equal(sqlite3_column_int(s, 2), 1);
    assert_int_equal(sqlite3_column_int64(s, 3), T0 - 86400);
    assert_string_equal((const char *)sqlite3_column_text(s, 4), "ABC1234");
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 2), 1);   /* refusal, by hand */
    assert_int_equal(sqlite3_column_int64(s, 3), T0);
    assert_string_equal((const char *)sqlite3_column_text(s, 5), "deny");
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 1),
                        "audit review");
    assert_int_equal(sqlite3_step(s), SQLITE_DONE);   /* one entry each */
    sqlite3_finalize(s);
    assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT audit_id FROM "
                     "audit_reviews", -1, &s, NULL), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(s, 0), 3);
    sqlite3_finalize(s);

    struct audit_verify_report rep;
    verify(st, &rep, NULL);
    assert_true(rep.ok);
    assert_int_equal(rep.entries, 3);
    audit_verify_report_free(&rep);
    free(root);
    store_close(st);
}

static void test_quarter_parse_rejects(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int64_t a, b;
    assert_int_equal(audit_quarter_parse("2026Q5", &a, &b, &err), -LP_USAGE);
    assert_int_equal(audit_quarter_parse("26Q1", &a, &b, &err), -LP_USAGE);
    assert_int_equal(audit_quarter_parse(NULL, &a, &b, &err), -LP_USAGE);
    assert_ok(audit_quarter_parse("2025q4", &a, &b, &err), &err);
    assert_int_equal(b, 1767225600);   /* 2026-01-01 */
}

const char harness_name[] = "audit";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_chain_computed_right),
    cmocka_unit_test(test_encoding_distinguishes_splits),
    cmocka_unit_test(test_append_needs_transaction),
    cmocka_unit_test(test_verify_and_checkpoint_in_transaction),
    cmocka_unit_test(test_changed_field_found),
    cmocka_unit_test(test_changed_and_rehashed_found),
    cmocka_unit_test(test_deleted_row_found),
    cmocka_unit_test(test_inserted_row_found),
    cmocka_unit_test(test_swapped_rows_found),
    cmocka_unit_test(test_cut_tail_below_checkpoint_found),
    cmocka_unit_test(test_forged_checkpoint_found),
    cmocka_unit_test(test_secret_key_permissions_refused),
    cmocka_unit_test(test_manual_entry),
    cmocka_unit_test(test_review_finds_stalker_and_more),
    cmocka_unit_test(test_actions_in_the_table),
    cmocka_unit_test(test_quarter_parse_rejects),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
