/*
 * store.c - opening, schema migrations, transactions, settings and
 * integrity checks of the SQLite store (see store.h).
 */
#include "core/store/store_int.h"
#include "core/store/store_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 'LPRS' */
#define STORE_APP_ID 0x4C505253

/* Migration 1: the whole data model of DESIGN.md. */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    /* people on the roster */
    "CREATE TABLE people("
    " id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK(role IN('trainee','instructor')),"
    " trained INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);"
    /* the synthetic metro area */
    "CREATE TABLE places("
    " id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " category TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,"
    " radius_m INTEGER NOT NULL DEFAULT 0,"
    " sensitive INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE cameras("
    " id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " owner TEXT NOT NULL CHECK(owner IN('agency','partner','commercial')),"
    " source TEXT NOT NULL, type TEXT NOT NULL CHECK(type IN('fixed','mobile')),"
    " lat REAL NOT NULL, lon REAL NOT NULL, adjacent TEXT,"
    " keeps_audit INTEGER NOT NULL DEFAULT 1);"
    /* ground truth: never shown to trainees */
    "CREATE TABLE vehicles("
    " id INTEGER PRIMARY KEY, plate TEXT NOT NULL, state TEXT NOT NULL,"
    " make TEXT NOT NULL, model TEXT NOT NULL, color TEXT NOT NULL,"
    " home_place INTEGER REFERENCES places(id),"
    " work_place INTEGER REFERENCES places(id));"
    "CREATE INDEX vehicles_plate ON vehicles(plate);"
    /* camera reads; vehicle_id and fault are ground truth */
    "CREATE TABLE reads("
    " id INTEGER PRIMARY KEY, plate TEXT NOT NULL, state TEXT NOT NULL,"
    " observed_at INTEGER NOT NULL, camera_id TEXT NOT NULL,"
    " lat REAL NOT NULL, lon REAL NOT NULL, make TEXT, model TEXT,"
    " confidence REAL NOT NULL, source TEXT NOT NULL, image_ref TEXT,"
    " vehicle_id INTEGER, fault INTEGER NOT NULL DEFAULT 0,"
    " on_device INTEGER NOT NULL DEFAULT 1,"
    " evidence_hold INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX reads_plate_time ON reads(plate, observed_at);"
    /* the case registry */
    "CREATE TABLE cases("
    " number TEXT PRIMARY KEY,"
    " type TEXT NOT NULL CHECK(type IN('criminal','civil')),"
    " violation TEXT, limitation_years INTEGER,"
    " status TEXT NOT NULL DEFAULT 'open' CHECK(status IN('open','closed')),"
    " opened_at INTEGER NOT NULL, closed_at INTEGER, owner TEXT,"
    " title TEXT, target TEXT);"
    "CREATE TABLE statutes("
    " code TEXT PRIMARY KEY, citation TEXT NOT NULL,"
    " description TEXT NOT NULL, limitation_years INTEGER);"
    /* hotlists, their entries, the ledger of additions, hits */
    "CREATE TABLE hotlists("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " created_at INTEGER NOT NULL, last_review_at INTEGER);"
    "CREATE TABLE hotlist_entries("
    " id INTEGER PRIMARY KEY,"
    " hotlist_id INTEGER NOT NULL REFERENCES hotlists(id),"
    " plate TEXT NOT NULL, state TEXT, case_number TEXT NOT NULL,"
    " tracking TEXT NOT NULL, note TEXT, added_by TEXT NOT NULL,"
    " added_at INTEGER NOT NULL, reviewed_at INTEGER,"
    " removed_at INTEGER, removed_by TEXT, removed_reason TEXT);"
    "CREATE INDEX hotlist_entries_plate ON hotlist_entries(plate);"
    "CREATE TABLE hotlist_ledger("
    " id INTEGER PRIMARY KEY, hotlist_id INTEGER NOT NULL,"
    " event TEXT NOT NULL CHECK(event IN('add','remove','review')),"
    " plate TEXT NOT NULL, state TEXT, case_number TEXT,"
    " tracking TEXT, by_user TEXT NOT NULL, at INTEGER NOT NULL,"
    " keep_until INTEGER NOT NULL, detail TEXT);"
    "CREATE TABLE hits("
    " id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL,"
    " read_id INTEGER NOT NULL, at INTEGER NOT NULL,"
    " seen INTEGER NOT NULL DEFAULT 0);"
    /* case files: reads uploaded to a case (IV.F, IV.G) */
    "CREATE TABLE case_files("
    " id INTEGER PRIMARY KEY, case_number TEXT NOT NULL,"
    " read_id INTEGER NOT NULL, uploaded_by TEXT NOT NULL,"
    " at INTEGER NOT NULL, UNIQUE(case_number, read_id));"
    /* the tamper-evident audit log (IV.M) */
    "CREATE TABLE audit("
    " id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user_id TEXT NOT NULL,"
    " action TEXT NOT NULL, plate TEXT, case_number TEXT, reason TEXT,"
    " results TEXT, verdict TEXT NOT NULL, rules TEXT NOT NULL,"
    " profile TEXT NOT NULL, manual INTEGER NOT NULL DEFAULT 0,"
    " session_id INTEGER, detail TEXT,"
    " prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
    "CREATE INDEX audit_at ON audit(at);"
    "CREATE TABLE audit_checkpoints("
    " id INTEGER PRIMARY KEY, entries INTEGER NOT NULL,"
    " head_hash BLOB NOT NULL, at INTEGER NOT NULL, key_id TEXT NOT NULL,"
    " signature BLOB NOT NULL);"
    "CREATE TABLE audit_reviews("
    " id INTEGER PRIMARY KEY, quarter TEXT NOT NULL, reviewer TEXT NOT NULL,"
    " at INTEGER NOT NULL, findings TEXT NOT NULL, audit_id INTEGER);"
    /* scenario sessions and their transcripts */
    "CREATE TABLE sessions("
    " id INTEGER PRIMARY KEY, user_id TEXT NOT NULL,"
    " scenario_id TEXT NOT NULL, scenario_file TEXT,"
    " scenario_hash TEXT, seed INTEGER NOT NULL,"
    " mode TEXT NOT NULL CHECK(mode IN('practice','exam')),"
    " status TEXT NOT NULL DEFAULT 'active'"
    "  CHECK(status IN('active','done','abandoned')),"
    " started_at INTEGER NOT NULL, finished_at INTEGER,"
    " score REAL, passed INTEGER, report TEXT, sandbox TEXT);"
    "CREATE TABLE transcript("
    " id INTEGER PRIMARY KEY,"
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " seq INTEGER NOT NULL, at INTEGER NOT NULL, line TEXT NOT NULL,"
    " verdict TEXT, rules TEXT, audit_id INTEGER,"
    " UNIQUE(session_id, seq));"
    /* the trainee application: knowledge checks passed per lesson */
    "CREATE TABLE lesson_progress("
    " user_id TEXT NOT NULL, lesson TEXT NOT NULL,"
    " right_answers INTEGER NOT NULL, questions INTEGER NOT NULL,"
    " passed INTEGER NOT NULL, at INTEGER NOT NULL,"
    " PRIMARY KEY(user_id, lesson));"
    /* certificates and revocations */
    "CREATE TABLE certificates("
    " serial INTEGER PRIMARY KEY, user_id TEXT NOT NULL,"
    " track TEXT NOT NULL, curriculum_version TEXT NOT NULL,"
    " profile_version TEXT NOT NULL, score REAL NOT NULL,"
    " issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
    " key_id TEXT NOT NULL, token TEXT NOT NULL,"
    " jwt TEXT NOT NULL, summary TEXT);"
    "CREATE INDEX certificates_user ON certificates(user_id, serial);"
    "CREATE TABLE revocations("
    " serial INTEGER PRIMARY KEY, reason TEXT NOT NULL,"
    " at INTEGER NOT NULL, by_user TEXT NOT NULL);"
    /* issuance and revocation are append-only */
    "CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates"
    " BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;"
    "CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates"
    " BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;"
    "CREATE TRIGGER revocations_no_update BEFORE UPDATE ON revocations"
    " BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END;"
    "CREATE TRIGGER revocations_no_delete BEFORE DELETE ON revocations"
    " BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END;";

/* Migration 2: the audit tables become STRICT (a stored value has exactly
 * its declared type, so what SQL filters on is what the chain hashes),
 * with ids that are never reused (AUTOINCREMENT) and checks on the flag
 * and the hash sizes.  Rows are copied as they are: a value of another
 * type (text in an integer column, a blob for a name) makes the copy fail
 * and the migration is refused.  The entries written before it keep their
 * v1 hashes (meta audit.v1_entries says how many; audit.c verifies them
 * with the v1 encoding, which is exact once types are strict). */
static const char schema_v2[] =
    "CREATE TABLE audit_v2("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
    " user_id TEXT NOT NULL, action TEXT NOT NULL, plate TEXT,"
    " case_number TEXT, reason TEXT, results TEXT, verdict TEXT NOT NULL,"
    " rules TEXT NOT NULL, profile TEXT NOT NULL,"
    " manual INTEGER NOT NULL DEFAULT 0 CHECK(manual IN(0,1)),"
    " session_id INTEGER CHECK(session_id > 0), detail TEXT,"
    " prev_hash BLOB NOT NULL CHECK(length(prev_hash)=32),"
    " hash BLOB NOT NULL CHECK(length(hash)=32)) STRICT;"
    "INSERT INTO audit_v2 SELECT id,at,user_id,action,plate,case_number,"
    " reason,results,verdict,rules,profile,manual,nullif(session_id,0),"
    " detail,prev_hash,hash FROM audit ORDER BY id;"
    "INSERT INTO meta(key,value) SELECT 'audit.v1_entries',"
    " CAST(coalesce(max(id),0) AS TEXT) FROM audit;"
    "DROP TABLE audit;"
    "ALTER TABLE audit_v2 RENAME TO audit;"
    "CREATE INDEX audit_at ON audit(at);"
    "CREATE TABLE audit_checkpoints_v2("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, entries INTEGER NOT NULL"
    " CHECK(entries >= 0), head_hash BLOB NOT NULL"
    " CHECK(length(head_hash)=32), at INTEGER NOT NULL,"
    " key_id TEXT NOT NULL, signature BLOB NOT NULL"
    " CHECK(length(signature)=64)) STRICT;"
    "INSERT INTO audit_checkpoints_v2 SELECT * FROM audit_checkpoints"
    " ORDER BY id;"
    "DROP TABLE audit_checkpoints;"
    "ALTER TABLE audit_checkpoints_v2 RENAME TO audit_checkpoints;"
    "CREATE TABLE audit_reviews_v2("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, quarter TEXT NOT NULL,"
    " reviewer TEXT NOT NULL, at INTEGER NOT NULL, findings TEXT NOT NULL,"
    " audit_id INTEGER) STRICT;"
    "INSERT INTO audit_reviews_v2 SELECT * FROM audit_reviews ORDER BY id;"
    "DROP TABLE audit_reviews;"
    "ALTER TABLE audit_reviews_v2 RENAME TO audit_reviews;";

/* Migration 3: the partner registry (IV.C) and referrals of misuse for
 * investigation (IV.M.2). */
static const char schema_v3[] =
    "CREATE TABLE partners("
    " name TEXT PRIMARY KEY COLLATE NOCASE,"
    " kind TEXT NOT NULL CHECK(kind IN('federal','state','local','tribal',"
    "'task-force','prosecutor','commercial')),"
    " jurisdiction TEXT NOT NULL, added_by TEXT NOT NULL,"
    " added_at INTEGER NOT NULL) STRICT;"
    "CREATE TABLE referrals("
    " id INTEGER PRIMARY KEY, subject TEXT NOT NULL, by_user TEXT NOT NULL,"
    " at INTEGER NOT NULL, reason TEXT NOT NULL, entries TEXT) STRICT;";

/* Migration 4 (the assessment): the track and deadline of an exam session, the
 * first time a person read each lesson to its end, a half-done knowledge
 * check, check attempts, and certificate requests. */
static const char schema_v4[] =
    "ALTER TABLE sessions ADD COLUMN track TEXT;"
    "ALTER TABLE sessions ADD COLUMN deadline INTEGER;"
    "ALTER TABLE lesson_progress ADD COLUMN attempts INTEGER NOT NULL"
    " DEFAULT 0;"
    "CREATE TABLE lesson_reads("
    " user_id TEXT NOT NULL, lesson TEXT NOT NULL, at INTEGER NOT NULL,"
    " PRIMARY KEY(user_id, lesson));"
    "CREATE TABLE check_state("
    " user_id TEXT NOT NULL, lesson TEXT NOT NULL, seed INTEGER NOT NULL,"
    " answers TEXT NOT NULL, at INTEGER NOT NULL,"
    " PRIMARY KEY(user_id, lesson));"
    "CREATE TABLE cert_requests("
    " id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, track TEXT NOT NULL,"
    " at INTEGER NOT NULL);";

/* Migration 5: instructor and coordinator records.  The roster gets a
 * login (unique when set), a unit and an e-mail; finished sessions are
 * summed up per rule and per missed objective (from their report, by a
 * trigger, so every way of finishing a session fills them) for the class
 * and rule reports; statements acknowledged by a learning record store are
 * remembered so that a repeated post sends nothing twice. */
static const char schema_v5[] =
    "ALTER TABLE people ADD COLUMN login TEXT;"
    "ALTER TABLE people ADD COLUMN unit TEXT;"
    "ALTER TABLE people ADD COLUMN email TEXT;"
    "CREATE UNIQUE INDEX people_login ON people(login);"
    "CREATE INDEX people_unit ON people(unit, id);"
    "CREATE INDEX sessions_exam ON sessions(mode, status, user_id,"
    " scenario_id, score, passed);"
    "CREATE INDEX lesson_progress_user ON lesson_progress(user_id, passed);"
    "CREATE TABLE session_rules("
    " session_id INTEGER NOT NULL, rule TEXT NOT NULL,"
    " user_id TEXT NOT NULL, mode TEXT NOT NULL,"
    " finished_at INTEGER NOT NULL, earned REAL NOT NULL,"
    " possible REAL NOT NULL, PRIMARY KEY(session_id, rule)) WITHOUT ROWID;"
    "CREATE INDEX session_rules_rule ON session_rules(mode, rule,"
    " finished_at, earned, possible, user_id);"
    "CREATE TABLE session_misses("
    " session_id INTEGER NOT NULL, rule TEXT NOT NULL,"
    " objective TEXT NOT NULL, text TEXT, user_id TEXT NOT NULL,"
    " mode TEXT NOT NULL, finished_at INTEGER NOT NULL,"
    " PRIMARY KEY(session_id, rule, objective)) WITHOUT ROWID;"
    "CREATE INDEX session_misses_rule ON session_misses(mode, rule,"
    " objective, finished_at, user_id);"
    "CREATE TRIGGER sessions_done_rules AFTER UPDATE OF status ON sessions"
    " WHEN NEW.status='done' AND json_valid(NEW.report) BEGIN"
    " DELETE FROM session_rules WHERE session_id=NEW.id;"
    " DELETE FROM session_misses WHERE session_id=NEW.id;"
    " INSERT OR IGNORE INTO session_rules(session_id,rule,user_id,mode,"
    "  finished_at,earned,possible)"
    "  SELECT NEW.id, json_extract(r.value,'$.rule'), NEW.user_id, NEW.mode,"
    "   coalesce(NEW.finished_at,0),"
    "   coalesce(json_extract(r.value,'$.earned'),0),"
    "   coalesce(json_extract(r.value,'$.possible'),0)"
    "  FROM json_each(NEW.report,'$.rules') r"
    "  WHERE json_type(r.value,'$.rule')='text';"
    " INSERT OR IGNORE INTO session_misses(session_id,rule,objective,text,"
    "  user_id,mode,finished_at)"
    "  SELECT NEW.id, q.value, json_extract(o.value,'$.id'),"
    "   json_extract(o.value,'$.text'), NEW.user_id, NEW.mode,"
    "   coalesce(NEW.finished_at,0)"
    "  FROM json_each(NEW.report,'$.objectives') o,"
    "   json_each(o.value,'$.rules') q"
    "  WHERE json_type(o.value,'$.met')='false'"
    "   AND json_type(o.value,'$.id')='text' AND q.type='text';"
    " END;"
    /* sessions finished before this migration */
    "UPDATE sessions SET status='done' WHERE status='done';"
    "CREATE TABLE xapi_sent("
    " lrs TEXT NOT NULL, id TEXT NOT NULL, at INTEGER NOT NULL,"
    " PRIMARY KEY(lrs, id)) WITHOUT ROWID;";

/* The schema is the migrations, in order: a database and the expected
 * schema (store_schema_check) are both made by running them. */
static const char *const migrations[] = {schema_v1, schema_v2, schema_v3,
                                          schema_v4, schema_v5};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_fail(struct store *st, const char *what)
{
    int code = sqlite3_extended_errcode(st->db) & 0xff;
    int status = (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
                     ? LP_VERIFY : LP_FAIL;
    const char *m = sqlite3_errmsg(st->db);
    if (code == SQLITE_CORRUPT)
        m = "database file is damaged (run: sqlite3 DB 'PRAGMA integrity_check')";
    else if (code == SQLITE_NOTADB)
        m = "file is not a database";
    return lp_errf(&st->err, status, "%s: %s: %s", st->path, what, m);
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_fail(st, "prepare");
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

sqlite3_stmt *store_cached(struct store *st, const char *sql)
{
    int known = 0;
    for (size_t i = 0; i < st->ncached; i++) {
        struct store_cached_stmt *c = &st->cached[i];
        if (c->sql != sql)
            continue;
        known = 1;
        if (!c->busy) {
            c->busy = 1;
            return c->s;
        }
    }
    sqlite3_stmt *s = store_prepare(st, sql);
    if (s && !known && st->ncached < STORE_CACHE_MAX)
        st->cached[st->ncached++] = (struct store_cached_stmt){sql, s, 1};
    return s;
}

void store_release(struct store *st, sqlite3_stmt *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < st->ncached; i++)
        if (st->cached[i].s == s) {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            st->cached[i].busy = 0;
            return;
        }
    sqlite3_finalize(s);
}

int store_step_release(struct store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, what);
    store_release(st, s);
    return rc;
}

int store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT)
             : sqlite3_bind_null(s, i);
}

int store_exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_free(msg);
        return store_fail(st, "exec");
    }
    return 0;
}

static int pragma_int(struct store *st, const char *sql, int64_t *out)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return -st->err.status;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE) {
        sqlite3_finalize(s);
        return store_fail(st, "read header");
    }
    sqlite3_finalize(s);
    return 0;
}

static int migrate(struct store *st, int readonly, int *needs)
{
    int64_t ver = 0, app = 0, tables = 0;
    int n = NMIGRATIONS;
    if (pragma_int(st, "PRAGMA user_version", &ver) ||
        pragma_int(st, "PRAGMA application_id", &app) ||
        pragma_int(st, "SELECT count(*) FROM sqlite_master", &tables))
        return -st->err.status;
    if (app != STORE_APP_ID && (app != 0 || tables != 0 || ver != 0))
        return lp_errf(&st->err, LP_FAIL,
                       "%s: not an lprsim database (foreign tables or "
                       "application id)", st->path);
    if (ver < 0 || (ver == 0 && tables != 0))
        return lp_errf(&st->err, LP_VERIFY,
                       "%s: schema version %lld is not one lprsim writes "
                       "(PRAGMA user_version was altered)", st->path,
                       (long long)ver);
    if (ver > n)
        return lp_errf(&st->err, LP_FAIL,
                       "%s: made by a newer lprsim (schema %lld; this one "
                       "knows up to %d): upgrade lprsim", st->path,
                       (long long)ver, n);
    if (ver == n)
        return 0;
    if (readonly && needs)
        *needs = 1;
    if (readonly)
        return lp_errf(&st->err, LP_FAIL,
                       "%s: made by an older lprsim (schema %lld): it is "
                       "upgraded when opened for writing (run any lprsim "
                       "command as the user who may write it)",
                       st->path, (long long)ver);
    if (store_begin(st))
        return -st->err.status;
    for (int v = (int)ver; v < n; v++) {
        if (store_exec(st, migrations[v])) {
            if (v == 1 && ver >= 1 &&
                (sqlite3_extended_errcode(st->db) & 0xff) ==
                    SQLITE_CONSTRAINT)
                lp_errf(&st->err, LP_VERIFY, "%s: cannot move the audit "
                        "log to strict tables: %s: a stored value has "
                        "another type than its column (the log was altered); "
                        "lprsim will not carry it over: restore a backup",
                        st->path, sqlite3_errmsg(st->db));
            goto fail;
        }
    }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d;"
             "PRAGMA application_id=%d;", n, STORE_APP_ID);
    if (store_exec(st, sql))
        goto fail;
    return store_commit(st);
fail:
    store_rollback(st);
    return -st->err.status;
}

/* ---- the schema check ---- */

/* sql with every run of white space made one space, trimmed (caller
 * frees); NULL stays NULL. */
static char *norm_sql(const char *sql)
{
    if (!sql)
        return NULL;
    char *o = xmalloc(strlen(sql) + 1), *q = o;
    int space = 0;
    for (const char *p = sql; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = q != o;
            continue;
        }
        if (space)
            *q++ = ' ';
        space = 0;
        *q++ = *p;
    }
    *q = '\0';
    return o;
}

struct schema_obj {
    char *type, *name, *tbl, *sql;
};

struct schema_list {
    struct schema_obj *v;
    size_t n;
};

static void schema_free(struct schema_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].type);
        free(l->v[i].name);
        free(l->v[i].tbl);
        free(l->v[i].sql);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* Reads sqlite_schema of db into l; SQLITE_OK or an SQLite code. */
static int schema_read(sqlite3 *db, struct schema_list *l)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT type,name,tbl_name,sql FROM "
                                "sqlite_schema ORDER BY name", -1, &s, NULL);
    size_t cap = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (l->n == cap) {
            cap = cap ? cap * 2 : 64;
            l->v = xrealloc(l->v, cap * sizeof *l->v);
        }
        struct schema_obj *o = &l->v[l->n++];
        o->type = store_col_dup(s, 0);
        o->name = store_col_dup(s, 1);
        o->tbl = store_col_dup(s, 2);
        o->sql = norm_sql(store_col_text(s, 3));
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const struct schema_obj *schema_find(const struct schema_list *l,
                                            const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].name && name && strcmp(l->v[i].name, name) == 0)
            return &l->v[i];
    return NULL;
}

static int str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int store_schema_check(struct store *st)
{
    struct schema_list want = {0}, have = {0};
    sqlite3 *mem = NULL;
    int rc = 0;
    if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK) {
        rc = lp_errf(&st->err, LP_FAIL, "schema check: out of memory");
        goto out;
    }
    for (int v = 0; v < NMIGRATIONS; v++)
        if (sqlite3_exec(mem, migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
            rc = lp_errf(&st->err, LP_FAIL, "schema check: %s",
                         sqlite3_errmsg(mem));
            goto out;
        }
    if (schema_read(mem, &want) != SQLITE_OK) {
        rc = lp_errf(&st->err, LP_FAIL, "schema check: %s",
                     sqlite3_errmsg(mem));
        goto out;
    }
    if (schema_read(st->db, &have) != SQLITE_OK) {
        rc = store_fail(st, "read schema");
        goto out;
    }
    for (size_t i = 0; i < have.n; i++) {
        const struct schema_obj *h = &have.v[i];
        const struct schema_obj *w = schema_find(&want, h->name);
        if (!w || !str_eq(w->type, h->type) || !str_eq(w->tbl, h->tbl) ||
            !str_eq(w->sql, h->sql)) {
            rc = lp_errf(&st->err, LP_VERIFY, "%s: %s %s '%s'%s%s is not "
                         "in the schema lprsim made: refused (remove it "
                         "with sqlite3 or restore a backup)", st->path,
                         w ? "changed" : "foreign", h->type ? h->type : "?",
                         h->name ? h->name : "?",
                         h->tbl && h->name && strcmp(h->tbl, h->name) ? " on "
                                                                      : "",
                         h->tbl && h->name && strcmp(h->tbl, h->name)
                             ? h->tbl : "");
            goto out;
        }
    }
    for (size_t i = 0; i < want.n; i++) {
        const struct schema_obj *w = &want.v[i];
        /* a missing index costs speed only (the generator drops and
         * rebuilds reads_plate_time around a load) */
        if (w->type && strcmp(w->type, "index") == 0)
            continue;
        if (!schema_find(&have, w->name)) {
            rc = lp_errf(&st->err, LP_VERIFY, "%s: %s '%s' is missing from "
                         "the database (dropped): refused", st->path,
                         w->type ? w->type : "?", w->name ? w->name : "?");
            goto out;
        }
    }
out:
    schema_free(&want);
    schema_free(&have);
    sqlite3_close(mem);
    return rc;
}

/* "file:PATH?immutable=1" with PATH percent-escaped (caller frees). */
static char *immutable_uri(const char *path)
{
    struct sb b;
    sb_init(&b);
    sb_puts(&b, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            sb_printf(&b, "%%%02X", (unsigned char)*p);
        else
            sb_putc(&b, *p);
    }
    sb_puts(&b, "?immutable=1");
    return sb_steal(&b);
}

/* A read-only open of a WAL database needs its -shm file: where it is
 * gone (the last writer closed) and cannot be made (a read-only folder),
 * a database without a -wal file is read as immutable. */
static int reopen_immutable(struct store *st)
{
    char *wal = xasprintf("%s-wal", st->path);
    int have_wal = access(wal, F_OK) == 0;
    free(wal);
    if (have_wal || strcmp(st->path, ":memory:") == 0)
        return -1;
    char *uri = immutable_uri(st->path);
    sqlite3_close(st->db);
    st->db = NULL;
    int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
                             SQLITE_OPEN_URI, NULL);
    free(uri);
    if (rc != SQLITE_OK)
        return -1;
    sqlite3_extended_result_codes(st->db, 1);
    lp_err_clear(&st->err);
    return 0;
}

/* 1 when this process may write the database file and its folder (for
 * the journal). */
static int may_write(const char *path)
{
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    int ok = access(path, W_OK) == 0 &&
             access(slash ? dir : ".", W_OK | X_OK) == 0;
    free(dir);
    return ok;
}

struct store *store_open(const char *path, int flags, struct lp_err *err)
{
    struct store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY
                                          : SQLITE_OPEN_READWRITE;
    if (flags & STORE_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &st->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_CANTOPEN && !(flags & STORE_CREATE))
            lp_errf(err, LP_FAIL, "%s: no such database (create one with "
                    "'lprsim init')", path);
        else
            lp_errf(err, LP_FAIL, "%s: cannot open: %s", path,
                    st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    /* Touch the header first: this is where a foreign file shows. */
    int needs = 0;
    if (migrate(st, flags & STORE_READONLY, &needs)) {
        int code = sqlite3_extended_errcode(st->db) & 0xff;
        if (needs && (flags & STORE_UPGRADE) && may_write(path)) {
            /* an older schema: upgrade it once (read-write) if we may */
            store_close(st);
            return store_open(path, flags & ~(STORE_READONLY | STORE_UPGRADE),
                              err);
        }
        if (!(flags & STORE_READONLY) ||
            (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) ||
            reopen_immutable(st) || migrate(st, 1, NULL))
            goto fail_err;
    }
    /* Every open for writing checks that no foreign trigger, view, index
     * or table rides along (a trigger could delete entries as they are
     * written). */
    if (!(flags & STORE_READONLY) && store_schema_check(st))
        goto fail_err;
    if (!(flags & STORE_READONLY) && strcmp(path, ":memory:") != 0 &&
        store_exec(st, "PRAGMA journal_mode=WAL"))
        goto fail_err;
    if (store_exec(st, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"))
        goto fail_err;
    return st;
fail_err:
    if (err)
        *err = st->err;
fail:
    store_close(st);
    return NULL;
}

const char *store_col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

char *store_col_dup(sqlite3_stmt *s, int i)
{
    const char *t = store_col_text(s, i);
    return t ? xstrdup(t) : NULL;
}

int store_step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, what);
    sqlite3_finalize(s);
    return rc;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->ncached; i++)
        sqlite3_finalize(st->cached[i].s);
    sqlite3_finalize(st->read_ins);
    sqlite3_finalize(st->audit_head);
    sqlite3_finalize(st->audit_ins);
    for (size_t i = 0; i < sizeof st->cam_strs / sizeof st->cam_strs[0]; i++)
        free(st->cam_strs[i]);
    for (size_t i = 0; i < 6; i++)
        free(st->person_strs[i]);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

const char *store_errmsg(const struct store *st)
{
    return st->err.msg;
}

const struct lp_err *store_err(const struct store *st)
{
    return &st->err;
}

int store_err_copy(const struct store *st, struct lp_err *err)
{
    *err = st->err;
    if (!err->status)
        err->status = LP_FAIL;
    if (!err->msg[0])
        snprintf(err->msg, sizeof err->msg, "%s: database error", st->path);
    return -err->status;
}

const char *store_path(const struct store *st)
{
    return st->path;
}

/* One cached statement with no result rows (BEGIN, COMMIT). */
static int exec_cached(struct store *st, const char *sql)
{
    sqlite3_stmt *s = store_cached(st, sql);
    if (!s)
        return -st->err.status;
    return store_step_release(st, s, "exec");
}

int store_begin(struct store *st)
{
    if (exec_cached(st, "BEGIN IMMEDIATE"))
        return -st->err.status;
    st->in_tx = 1;
    return 0;
}

int store_commit(struct store *st)
{
    if (exec_cached(st, "COMMIT")) {
        store_rollback(st);
        return -st->err.status;
    }
    st->in_tx = 0;
    return 0;
}

void store_rollback(struct store *st)
{
    if (st->in_tx || !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
}

char *store_meta_get(struct store *st, const char *key)
{
    char *v = NULL;
    sqlite3_stmt *s = store_cached(st, "SELECT value FROM meta WHERE key=?");
    if (!s)
        return NULL;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = xstrdup((const char *)sqlite3_column_text(s, 0));
    else if (rc != SQLITE_DONE)
        store_fail(st, "read setting");
    else
        lp_err_clear(&st->err);
    store_release(st, s);
    return v;
}

int store_meta_set(struct store *st, const char *key, const char *value)
{
    sqlite3_stmt *s = store_cached(
        st, "INSERT INTO meta(key,value) VALUES(?,?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    if (!s)
        return -st->err.status;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    return store_step_release(st, s, "write setting");
}

int store_meta_get_i64(struct store *st, const char *key, int64_t dflt,
                       int64_t *out)
{
    char *v = store_meta_get(st, key);
    if (!v) {
        if (st->err.msg[0])
            return -st->err.status;
        *out = dflt;
        return 0;
    }
    int rc = lp_parse_i64(v, INT64_MIN, INT64_MAX, out);
    free(v);
    if (rc)
        return lp_errf(&st->err, LP_FAIL, "%s: setting %s is not a number",
                       st->path, key);
    return 0;
}

int store_meta_set_i64(struct store *st, const char *key, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return store_meta_set(st, key, buf);
}

int store_has_world(struct store *st)
{
    int64_t n = 0;
    if (pragma_int(st, "SELECT (SELECT count(*) FROM places)+"
                       "(SELECT count(*) FROM cameras)", &n))
        return -st->err.status;
    return n > 0;
}

int store_check(struct store *st, int full)
{
    sqlite3_stmt *s = store_prepare(st, full ? "PRAGMA integrity_check"
                                             : "PRAGMA quick_check");
    if (!s)
        return -st->err.status;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        rc = store_fail(st, "check");
    } else {
        const char *r = (const char *)sqlite3_column_text(s, 0);
        if (r && strcmp(r, "ok") == 0)
            rc = 0;
        else
            rc = lp_errf(&st->err, LP_VERIFY, "%s: damaged: %s", st->path,
                         r ? r : "?");
    }
    sqlite3_finalize(s);
    return rc;
}
