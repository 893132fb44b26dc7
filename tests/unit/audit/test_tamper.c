/*
 * test_tamper.c - the tamper suite: a log of entries with two signed
 * checkpoints and a checkpoint note carried off the machine, then well over
 * 200 mutations made straight in the file (every field of every entry,
 * type tricks, deletes, tail cuts with and without the id counter reset,
 * forged and re-chained entries, key swaps, checkpoint edits, foreign
 * schema objects).  In the mode the design promises detection in (the
 * pinned key, the note, --require-covered) every one must be found;
 * prints "tamper: N mutations, N detected".
 */
#include "harness.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit/audit.h"
#include "core/store/store_int.h"

#define T0 1772409600   /* 2026-03-02T00:00:00Z */
#define NENT 12         /* entries; checkpoints after 6 and after 12 */
#define MAXMUT 400

struct fx {
    char *dir, *base, *work, *key, *pub, *key2, *pub2, *note;
    char key2_id[AUDIT_KEY_ID_LEN + 1];
};

/* One mutation: SQL run on the file, or a C step (fn), or both (SQL
 * first).  dml: the SQL must change at least one row. */
struct mut {
    char name[80];
    char sql[700];
    int dml;
    void (*fn)(struct fx *f, int arg);
    int arg;
};

static struct mut muts[MAXMUT];
static int nmut;

static struct mut *add(const char *name, int dml, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static struct mut *add(const char *name, int dml, const char *fmt, ...)
{
    assert_true(nmut < MAXMUT);
    struct mut *m = &muts[nmut++];
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    m->dml = dml;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(m->sql, sizeof m->sql, fmt, ap);
        va_end(ap);
        assert_true(n > 0 && (size_t)n < sizeof m->sql);
    }
    return m;
}

static void copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    assert_non_null(a);
    assert_non_null(b);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, a)) > 0)
        assert_int_equal(fwrite(buf, 1, n, b), n);
    fclose(a);
    assert_int_equal(fclose(b), 0);
    char *w = xasprintf("%s-wal", to), *s = xasprintf("%s-shm", to);
    unlink(w);
    unlink(s);
    free(w);
    free(s);
}

/* Appends entry i (1-based) with fields that vary: NULLs, a session, a
 * manual entry, detail JSON. */
static void append_entry(struct store *st, int i)
{
    struct lp_err err = {0};
    char plate[16], reason[80], results[32], detail[80];
    snprintf(plate, sizeof plate, "TMP%04d", i);
    snprintf(reason, sizeof reason, "Suspect vehicle in robbery number %d",
             i);
    snprintf(results, sizeof results, "%d reads", i % 4);
    snprintf(detail, sizeof detail, "{\"plate\":\"%s\",\"n\":%d}", plate, i);
    struct audit_entry e = {
        .at = T0 + i * 60, .user_id = i % 2 ? "alice" : "bob",
        .action = i % 5 == 0 ? "audit add" : "query",
        .plate = i % 4 == 0 ? NULL : plate,
        .case_number = i % 3 == 0 ? NULL : "2026-CR-0001",
        .reason = i % 6 == 0 ? NULL : reason, .results = results,
        .verdict = i % 4 == 1 ? "deny" : "allow",
        .rules = i % 4 == 1 ? "IV.J.1" : "", .profile = "ice-2017@1",
        .manual = i % 5 == 0, .session_id = i % 3 == 0 ? i : 0,
        .detail = i % 2 ? detail : NULL,
    };
    int64_t id = 0;
    assert_ok(audit_append(st, &e, &id, &err), &err);
    assert_int_equal(id, i);
}

static void build(struct fx *f)
{
    struct lp_err err = {0};
    char *kd, *kd2, id[AUDIT_KEY_ID_LEN + 1];
    f->dir = harness_tmpdir();
    f->base = xasprintf("%s/base.db", f->dir);
    f->work = xasprintf("%s/work.db", f->dir);
    f->note = xasprintf("%s/witness.note", f->dir);
    kd = xasprintf("%s/k1", f->dir);
    kd2 = xasprintf("%s/k2", f->dir);
    assert_ok(audit_keygen(kd, &f->key, &f->pub, id, &err), &err);
    assert_ok(audit_keygen(kd2, &f->key2, &f->pub2, f->key2_id, &err), &err);
    free(kd);
    free(kd2);
    struct store *st = store_open(f->base, STORE_CREATE, &err);
    assert_non_null(st);
    for (int half = 0; half < 2; half++) {
        assert_ok(store_begin(st), store_err(st));
        for (int i = 1; i <= NENT / 2; i++)
            append_entry(st, half * NENT / 2 + i);
        assert_ok(store_commit(st), store_err(st));
        assert_ok(audit_checkpoint(st, f->key, T0 + 86400 * (half + 1),
                                   NULL, &err), &err);
    }
    int64_t n = 0;
    assert_ok(audit_checkpoint_export(st, f->note, &n, &err), &err);
    assert_int_equal(n, 2);
    store_close(st);
}

static void drop(struct fx *f)
{
    harness_rmdir(f->dir);
    free(f->dir);
    free(f->base);
    free(f->work);
    free(f->note);
    free(f->key);
    free(f->pub);
    free(f->key2);
    free(f->pub2);
}

/* ---- C steps ---- */

static struct fx *cur;   /* the fixture the C steps work on */

/* Recomputes prev_hash and hash of every entry from id `from` on, as a
 * forger who knows the encoding would. */
static void rechain(sqlite3 *db, int64_t from)
{
    unsigned char prev[32] = {0};
    sqlite3_stmt *s = NULL, *u = NULL;
    if (from > 1) {
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT hash FROM audit "
                         "WHERE id<? ORDER BY id DESC LIMIT 1", -1, &s,
                         NULL), SQLITE_OK);
        sqlite3_bind_int64(s, 1, from);
        if (sqlite3_step(s) == SQLITE_ROW)
            memcpy(prev, sqlite3_column_blob(s, 0), 32);
        sqlite3_finalize(s);
    }
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id,at,user_id,action,"
                     "plate,case_number,reason,results,verdict,rules,profile,"
                     "manual,session_id,detail FROM audit WHERE id>=? ORDER "
                     "BY id", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "UPDATE audit SET prev_hash=?,"
                     "hash=? WHERE id=?", -1, &u, NULL), SQLITE_OK);
    sqlite3_bind_int64(s, 1, from);
    while (sqlite3_step(s) == SQLITE_ROW) {
#define T(i) ((const char *)sqlite3_column_text(s, i))
        struct audit_entry e = {
            .at = sqlite3_column_int64(s, 1), .user_id = T(2),
            .action = T(3), .plate = T(4), .case_number = T(5),
            .reason = T(6), .results = T(7), .verdict = T(8), .rules = T(9),
            .profile = T(10), .manual = sqlite3_column_int(s, 11),
            .session_id = sqlite3_column_int64(s, 12), .detail = T(13),
        };
#undef T
        unsigned char h[32];
        int64_t id = sqlite3_column_int64(s, 0);
        audit_hash(prev, id, &e, NULL, h);
        sqlite3_bind_blob(u, 1, prev, 32, SQLITE_TRANSIENT);
        sqlite3_bind_blob(u, 2, h, 32, SQLITE_TRANSIENT);
        sqlite3_bind_int64(u, 3, id);
        assert_int_equal(sqlite3_step(u), SQLITE_DONE);
        sqlite3_reset(u);
        memcpy(prev, h, 32);
    }
    sqlite3_finalize(s);
    sqlite3_finalize(u);
}

static sqlite3 *open_work(void)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(cur->work, &db, SQLITE_OPEN_READWRITE,
                                     NULL), SQLITE_OK);
    /* a throw-away copy: no fsync (the suite ran a minute on a busy disk) */
    assert_int_equal(sqlite3_exec(db, "PRAGMA synchronous=OFF", NULL, NULL,
                                  NULL), SQLITE_OK);
    return db;
}

/* Re-chains the log from entry arg on (after the SQL changed it). */
static void fn_rechain(struct fx *f, int arg)
{
    (void)f;
    sqlite3 *db = open_work();
    rechain(db, arg);
    sqlite3_close(db);
}

/* Appends a well-formed, correctly chained entry after the last one (the
 * id counter moved along). */
static void fn_forge_append(struct fx *f, int arg)
{
    (void)f;
    sqlite3 *db = open_work();
    char q[300];
    snprintf(q, sizeof q, "INSERT INTO audit(id,at,user_id,action,plate,"
             "results,verdict,rules,profile,manual,prev_hash,hash) "
             "VALUES(%d,%d,'alice','query','FORGED1','0 reads','allow','',"
             "'ice-2017@1',0,zeroblob(32),zeroblob(32))", NENT + 1 + arg,
             T0 + 99999);
    assert_int_equal(sqlite3_exec(db, q, NULL, NULL, NULL), SQLITE_OK);
    rechain(db, NENT + 1);
    sqlite3_close(db);
}

/* Signs the (possibly doctored) log with the second key: the forger's own
 * checkpoint; arg 1 also drops the first key's checkpoints. */
static void fn_sign_key2(struct fx *f, int arg)
{
    if (arg) {
        sqlite3 *db = open_work();
        assert_int_equal(sqlite3_exec(db, "DELETE FROM audit_checkpoints;"
                         "DELETE FROM sqlite_sequence WHERE "
                         "name='audit_checkpoints'", NULL, NULL, NULL),
                         SQLITE_OK);
        sqlite3_close(db);
    }
    struct lp_err err = {0};
    struct store *st = store_open(f->work, 0, &err);
    assert_non_null(st);
    assert_ok(audit_checkpoint(st, f->key2, T0 + 999999, NULL, &err), &err);
    store_close(st);
}

/* ---- the mutations ---- */

static const char *const text_cols[] = {"user_id", "action", "verdict",
                                        "rules", "profile"};
static const char *const null_cols[] = {"plate", "case_number", "reason",
                                        "results", "detail"};

static void make_mutations(struct fx *f)
{
    char n[80];
    nmut = 0;
    /* every field of every entry */
    for (int i = 1; i <= NENT; i++) {
        snprintf(n, sizeof n, "entry %d at", i);
        add(n, 1, "UPDATE audit SET at=at+1 WHERE id=%d", i);
        for (size_t c = 0; c < 5; c++) {
            snprintf(n, sizeof n, "entry %d %s", i, text_cols[c]);
            add(n, 1, "UPDATE audit SET %s=%s||'x' WHERE id=%d",
                text_cols[c], text_cols[c], i);
        }
        for (size_t c = 0; c < 5; c++) {
            snprintf(n, sizeof n, "entry %d %s (NULL and '' too)", i,
                     null_cols[c]);
            add(n, 1, "UPDATE audit SET %s=CASE WHEN %s IS NULL THEN '' "
                "ELSE %s||'x' END WHERE id=%d", null_cols[c], null_cols[c],
                null_cols[c], i);
        }
        snprintf(n, sizeof n, "entry %d manual", i);
        add(n, 1, "UPDATE audit SET manual=1-manual WHERE id=%d", i);
        snprintf(n, sizeof n, "entry %d session_id", i);
        add(n, 1, "UPDATE audit SET session_id=CASE WHEN session_id IS NULL "
            "THEN 1 ELSE NULL END WHERE id=%d", i);
        snprintf(n, sizeof n, "entry %d prev_hash", i);
        add(n, 1, "UPDATE audit SET prev_hash=hash WHERE id=%d", i);
        snprintf(n, sizeof n, "entry %d hash", i);
        add(n, 1, "UPDATE audit SET hash=prev_hash WHERE id=%d", i);
    }
    /* type tricks: in the STRICT table (refused or caught) ... */
    add("time as text with a suffix", 1,
        "UPDATE audit SET at=CAST(at AS TEXT)||'x' WHERE id=3");
    add("time with a fraction", 1, "UPDATE audit SET at=at+0.5 WHERE id=3");
    add("user as a blob", 1,
        "UPDATE audit SET user_id=CAST(user_id AS BLOB) WHERE id=3");
    add("flag plus 2^32", 1,
        "UPDATE audit SET manual=manual+4294967296 WHERE id=3");
    add("session 0", 1, "UPDATE audit SET session_id=0 WHERE id=3");
    add("user with a NUL byte", 1,
        "UPDATE audit SET user_id=user_id||char(0)||'x' WHERE id=4");
    add("reason with text after a NUL", 1,
        "UPDATE audit SET reason=reason||char(0)||'hidden' WHERE id=5");
    add("plate as a number", 1, "UPDATE audit SET plate=1234 WHERE id=2");
    add("hash of the wrong size", 1,
        "UPDATE audit SET hash=substr(hash,1,31) WHERE id=2");
    /* ... and in a table made loose again (writable_schema, or rebuilt) */
    static const char *const loose[] = {
        "UPDATE audit SET at=CAST(at AS TEXT)||'x' WHERE id=3",
        "UPDATE audit SET user_id=CAST(user_id AS BLOB) WHERE id=3",
        "UPDATE audit SET manual=manual+4294967296 WHERE id=3",
        "UPDATE audit SET session_id=0 WHERE id=3",
        "UPDATE audit SET at=CAST(at AS REAL) WHERE id=3"};
    for (size_t i = 0; i < sizeof loose / sizeof loose[0]; i++) {
        snprintf(n, sizeof n, "loose table (writable_schema), trick %zu",
                 i + 1);
        add(n, 0, "PRAGMA writable_schema=ON;"
            "UPDATE sqlite_schema SET sql=replace(sql,') STRICT',')') "
            "WHERE name='audit';PRAGMA writable_schema=RESET;%s", loose[i]);
    }
    add("audit table rebuilt without STRICT", 0,
        "CREATE TABLE a2 AS SELECT * FROM audit; DROP TABLE audit;"
        "CREATE TABLE audit(id INTEGER PRIMARY KEY, at INTEGER, user_id TEXT,"
        " action TEXT, plate TEXT, case_number TEXT, reason TEXT,"
        " results TEXT, verdict TEXT, rules TEXT, profile TEXT,"
        " manual INTEGER, session_id INTEGER, detail TEXT, prev_hash BLOB,"
        " hash BLOB); INSERT INTO audit SELECT * FROM a2; DROP TABLE a2;"
        "CREATE INDEX audit_at ON audit(at)");
    /* deletes */
    for (int i = 1; i <= NENT; i++) {
        snprintf(n, sizeof n, "entry %d deleted", i);
        add(n, 1, "DELETE FROM audit WHERE id=%d", i);
    }
    for (int i = 1; i <= NENT; i++) {
        snprintf(n, sizeof n, "tail cut from %d, counter reset", i);
        add(n, 1, "DELETE FROM audit WHERE id>=%d; UPDATE sqlite_sequence "
            "SET seq=%d WHERE name='audit'", i, i - 1);
    }
    for (int i = 2; i < NENT; i++) {
        snprintf(n, sizeof n, "entry %d deleted, later ones renumbered", i);
        add(n, 1, "DELETE FROM audit WHERE id=%d; UPDATE audit SET id=id-1 "
            "WHERE id>%d; UPDATE sqlite_sequence SET seq=%d WHERE "
            "name='audit'", i, i, NENT - 1);
    }
    for (int i = 7; i <= NENT; i++) {
        snprintf(n, sizeof n, "cut from %d, its checkpoint and counters too",
                 i);
        add(n, 1, "DELETE FROM audit WHERE id>=%d; DELETE FROM "
            "audit_checkpoints WHERE id=2; UPDATE sqlite_sequence SET "
            "seq=%d WHERE name='audit'; UPDATE sqlite_sequence SET seq=1 "
            "WHERE name='audit_checkpoints'", i, i - 1);
    }
    add("everything deleted, counters reset", 1,
        "DELETE FROM audit; DELETE FROM audit_checkpoints; DELETE FROM "
        "sqlite_sequence");
    /* rewritten and re-chained (the encoding is public) */
    for (int i = 1; i <= NENT; i++) {
        snprintf(n, sizeof n, "entry %d rewritten and re-chained", i);
        struct mut *m = add(n, 1, "UPDATE audit SET reason='Owner asked' "
                            "WHERE id=%d", i);
        m->fn = fn_rechain;
        m->arg = i;
    }
    for (int i = 2; i <= NENT; i += 2) {
        snprintf(n, sizeof n, "entry %d deleted, renumbered, re-chained", i);
        struct mut *m = add(n, 1, "DELETE FROM audit WHERE id=%d; UPDATE "
                            "audit SET id=id-1 WHERE id>%d; UPDATE "
                            "sqlite_sequence SET seq=%d WHERE name='audit'",
                            i, i, NENT - 1);
        m->fn = fn_rechain;
        m->arg = i;
    }
    /* forged inserts */
    for (int k = 0; k < 3; k++) {
        snprintf(n, sizeof n, "forged entry appended (gap %d)", k);
        struct mut *m = add(n, 0, NULL);
        m->fn = fn_forge_append;
        m->arg = k;
    }
    for (int i = 2; i <= NENT; i += 3) {
        snprintf(n, sizeof n, "forged entry slipped in before %d", i);
        struct mut *m = add(n, 1, "UPDATE audit SET id=id+1000 WHERE id>=%d;"
                            "UPDATE audit SET id=id-999 WHERE id>=1000;"
                            "INSERT INTO audit(id,at,user_id,action,results,"
                            "verdict,rules,profile,manual,prev_hash,hash) "
                            "VALUES(%d,%d,'alice','query','0 reads','allow',"
                            "'','ice-2017@1',0,zeroblob(32),zeroblob(32))",
                            i, i, T0 + i * 60 - 1);
        m->fn = fn_rechain;
        m->arg = i;
    }
    /* key swaps */
    add("checkpoint key id swapped", 1,
        "UPDATE audit_checkpoints SET key_id='%s'", f->key2_id);
    add("checkpoint signatures swapped", 1,
        "UPDATE audit_checkpoints SET signature=(SELECT signature FROM "
        "audit_checkpoints c WHERE c.id=3-audit_checkpoints.id)");
    struct mut *m = add("forger's key signs a doctored log", 1,
                        "UPDATE audit SET reason='Owner asked' WHERE id=9");
    m->fn = fn_rechain;
    m->arg = 9;
    m = add("forger's key signs after a cut (own checkpoints only)", 1,
            "DELETE FROM audit WHERE id>=8; UPDATE sqlite_sequence SET seq=7 "
            "WHERE name='audit'");
    m->fn = fn_sign_key2;
    m->arg = 1;
    m = add("forger's key adds a checkpoint beside the real ones", 0, NULL);
    m->fn = fn_sign_key2;
    m->arg = 0;
    m = add("forger's key alone after an appended entry", 0, NULL);
    m->fn = fn_forge_append;
    /* checkpoint edits */
    for (int c = 1; c <= 2; c++) {
        snprintf(n, sizeof n, "checkpoint %d: count raised", c);
        add(n, 1, "UPDATE audit_checkpoints SET entries=entries+1 WHERE "
            "id=%d", c);
        snprintf(n, sizeof n, "checkpoint %d: count lowered", c);
        add(n, 1, "UPDATE audit_checkpoints SET entries=entries-1 WHERE "
            "id=%d", c);
        snprintf(n, sizeof n, "checkpoint %d: head replaced", c);
        add(n, 1, "UPDATE audit_checkpoints SET head_hash=(SELECT hash FROM "
            "audit WHERE id=1) WHERE id=%d", c);
        snprintf(n, sizeof n, "checkpoint %d: signature replaced", c);
        add(n, 1, "UPDATE audit_checkpoints SET signature=zeroblob(64) "
            "WHERE id=%d", c);
        snprintf(n, sizeof n, "checkpoint %d: key id changed", c);
        add(n, 1, "UPDATE audit_checkpoints SET key_id='0000000000000000' "
            "WHERE id=%d", c);
        snprintf(n, sizeof n, "checkpoint %d deleted", c);
        add(n, 1, "DELETE FROM audit_checkpoints WHERE id=%d", c);
    }
    add("log origin changed", 1,
        "UPDATE meta SET value='lprsim.local/audit/0000' WHERE "
        "key='audit.origin'");
    add("schema version made negative", 0, "PRAGMA user_version=-1");
    /* foreign schema objects */
    add("trigger deleting a user's entries as they are written", 0,
        "CREATE TRIGGER hide AFTER INSERT ON audit WHEN new.user_id='bob' "
        "BEGIN DELETE FROM audit WHERE id=new.id; END");
    add("trigger rewriting entries", 0,
        "CREATE TRIGGER fix BEFORE UPDATE ON audit BEGIN SELECT 1; END");
    add("trigger on the checkpoints", 0,
        "CREATE TRIGGER ck AFTER INSERT ON audit_checkpoints BEGIN DELETE "
        "FROM audit_checkpoints WHERE id=new.id; END");
    add("trigger on the reads", 0,
        "CREATE TRIGGER rd AFTER INSERT ON reads BEGIN SELECT 1; END");
    add("trigger on the settings", 0,
        "CREATE TRIGGER mt AFTER UPDATE ON meta BEGIN SELECT 1; END");
    add("view over the log", 0,
        "CREATE VIEW audit_clean AS SELECT * FROM audit WHERE user_id<>'bob'");
    add("index on the log", 0, "CREATE INDEX audit_user ON audit(user_id)");
    add("expression index", 0,
        "CREATE INDEX reads_x ON reads(lower(plate))");
    add("foreign table", 0, "CREATE TABLE shadow(x)");
    add("audit reviews dropped", 0, "DROP TABLE audit_reviews");
    add("checkpoints dropped", 0, "DROP TABLE audit_checkpoints");
    add("append-only trigger dropped", 0,
        "DROP TRIGGER certificates_no_delete");
    add("a check dropped (writable_schema)", 0,
        "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET "
        "sql=replace(sql,'CHECK(manual IN(0,1))','') WHERE name='audit';"
        "PRAGMA writable_schema=RESET");
}

/* 1 when verification in the promised mode (pinned key, the witness
 * note, --require-covered) sees the work file as tampered. */
static int detected(struct fx *f, int pinned, char *why, size_t wn)
{
    struct lp_err err = {0};
    struct audit_verify_report rep;
    struct store *st = store_open(f->work, STORE_READONLY, &err);
    if (!st) {
        snprintf(why, wn, "open: %.500s", err.msg);
        return err.status == LP_VERIFY;
    }
    const char *files[] = {f->note};
    struct audit_verify_opts o = {.pubkey = pinned ? f->pub : NULL,
                                  .files = files, .nfiles = pinned};
    int rc = audit_verify(st, &o, &rep, &err);
    int bad = rc == -LP_VERIFY ||
              (rc == 0 && (!rep.ok || (pinned && rep.uncovered > 0)));
    snprintf(why, wn, "%.500s", rc ? err.msg : !rep.ok ? rep.problem
                                 : rep.uncovered ? "uncovered entries"
                                                 : "passes verify");
    audit_verify_report_free(&rep);
    store_close(st);
    return bad;
}

static void test_tamper_suite(void **state)
{
    (void)state;
    struct fx f;
    memset(&f, 0, sizeof f);
    build(&f);
    cur = &f;
    char why[600];
    /* the untouched copy passes, fully covered */
    copy_file(f.base, f.work);
    if (detected(&f, 1, why, sizeof why))
        fail_msg("the untouched log fails: %s", why);
    make_mutations(&f);
    int found = 0, refused = 0, alone = 0, missed = 0;
    for (int i = 0; i < nmut; i++) {
        struct mut *m = &muts[i];
        copy_file(f.base, f.work);
        sqlite3 *db = open_work();
        int rc = m->sql[0] ? sqlite3_exec(db, m->sql, NULL, NULL, NULL)
                           : SQLITE_OK;
        int changes = sqlite3_total_changes(db);
        sqlite3_close(db);
        if (rc != SQLITE_OK) {
            refused++;   /* STRICT, a CHECK or NOT NULL stopped it */
            found++;
            alone++;
            continue;
        }
        if (m->dml && changes == 0)
            fail_msg("mutation '%s' changed nothing (test bug)", m->name);
        if (m->fn)
            m->fn(&f, m->arg);
        if (detected(&f, 1, why, sizeof why)) {
            found++;
        } else {
            missed++;
            print_message("tamper: NOT detected: %s (%s)\n", m->name, why);
        }
        alone += detected(&f, 0, why, sizeof why);
    }
    print_message("tamper: %d mutations, %d detected (%d refused by the "
                  "STRICT schema itself); the database alone, without the "
                  "pinned key and the note, catches %d\n", nmut, found,
                  refused, alone);
    assert_true(nmut >= 200);
    assert_int_equal(missed, 0);
    drop(&f);
}

/* Every open for writing refuses a foreign trigger, naming it; and the
 * trigger attack (delete as written, reuse the id) never gets that far. */
static void test_write_open_refuses_foreign_schema(void **state)
{
    (void)state;
    struct fx f;
    memset(&f, 0, sizeof f);
    build(&f);
    copy_file(f.base, f.work);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f.work, &db, SQLITE_OPEN_READWRITE,
                                     NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER hide AFTER INSERT ON "
                     "audit BEGIN DELETE FROM audit WHERE id=new.id; END",
                     NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct lp_err err = {0};
    struct store *st = store_open(f.work, 0, &err);
    assert_null(st);
    assert_int_equal(err.status, LP_VERIFY);
    assert_non_null(strstr(err.msg, "foreign trigger 'hide' on audit"));
    /* read-only opens still work, for verify to say what is wrong */
    st = store_open(f.work, STORE_READONLY, &err);
    assert_non_null(st);
    store_close(st);
    drop(&f);
}

const char harness_name[] = "tamper";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_tamper_suite),
    cmocka_unit_test(test_write_open_refuses_foreign_schema),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
