/*
 * store_audit.c - the audit tables (audit, audit_checkpoints,
 * audit_reviews): head lookup and append for the hash chain, ordered walks
 * for verify, filtered selects for list/export, the joins and groupings
 * the quarterly review needs (see store_audit.h, core/audit/audit.h).
 */
#include "core/store/store_audit.h"
#include "core/store/store_int.h"

#include <string.h>

#define ROW_COLS                                                           \
    "a.id,a.at,a.user_id,a.action,a.plate,a.case_number,a.reason,"         \
    "a.results,a.verdict,a.rules,a.profile,a.manual,a.session_id,"         \
    "a.detail,a.prev_hash,a.hash,a.login"

int store_audit_snapshot_begin(struct store *st)
{
    return store_exec(st, "BEGIN");
}

void store_audit_snapshot_end(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

int store_audit_in_tx(struct store *st)
{
    return !sqlite3_get_autocommit(st->db);
}

/* Column i as stored. */
static void col_val(sqlite3_stmt *s, int i, struct store_val *v)
{
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER:
        v->type = STORE_VAL_INT;
        v->i = sqlite3_column_int64(s, i);
        break;
    case SQLITE_FLOAT:
        v->type = STORE_VAL_REAL;
        v->r = sqlite3_column_double(s, i);
        break;
    case SQLITE_TEXT:
        v->type = STORE_VAL_TEXT;
        v->p = sqlite3_column_text(s, i);
        v->n = (size_t)sqlite3_column_bytes(s, i);
        break;
    case SQLITE_BLOB:
        v->type = STORE_VAL_BLOB;
        v->p = sqlite3_column_blob(s, i);
        v->n = (size_t)sqlite3_column_bytes(s, i);
        break;
    default:
        v->type = STORE_VAL_NULL;
        break;
    }
}

static const char *val_text(const struct store_val *v)
{
    return v->type == STORE_VAL_TEXT ? (const char *)v->p : NULL;
}

/* Fills r from the ROW_COLS columns starting at 0. */
static void fill_row(sqlite3_stmt *s, struct store_audit_row *r)
{
    memset(r, 0, sizeof *r);
    /* the stored values first: text is read as text before any numeric
     * read could convert it */
    r->id_type = sqlite3_column_type(s, 0);
    for (int i = 0; i < STORE_AUDIT_NVALS; i++)
        col_val(s, i + 1, &r->val[i]);
    r->id = sqlite3_column_int64(s, 0);
    /* the C view of the same values: text only when stored as text (a
     * BLOB read as text could move the bytes val points to) */
    const struct store_val *v = r->val;
    r->at = v[0].type == STORE_VAL_INT ? v[0].i : 0;
    r->user_id = val_text(&v[1]);
    r->action = val_text(&v[2]);
    r->plate = val_text(&v[3]);
    r->case_number = val_text(&v[4]);
    r->reason = val_text(&v[5]);
    r->results = val_text(&v[6]);
    r->verdict = val_text(&v[7]);
    r->rules = val_text(&v[8]);
    r->profile = val_text(&v[9]);
    r->manual = v[10].type == STORE_VAL_INT ? (int)v[10].i : 0;
    r->session_id = v[11].type == STORE_VAL_INT ? v[11].i : 0;
    r->detail = val_text(&v[12]);
    r->prev_hash = sqlite3_column_blob(s, 14);
    r->prev_len = (size_t)sqlite3_column_bytes(s, 14);
    r->hash = sqlite3_column_blob(s, 15);
    r->hash_len = (size_t)sqlite3_column_bytes(s, 15);
    col_val(s, 16, &r->login_val);
    r->login = val_text(&r->login_val);
}

/* Steps s to the end calling fn per row; finalizes s. */
static int each_row(struct store *st, sqlite3_stmt *s, store_audit_fn fn,
                    void *arg, int with_case)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_audit_row r;
        fill_row(s, &r);
        if (with_case) {
            r.case_known = sqlite3_column_type(s, 17) != SQLITE_NULL;
            r.case_type = store_col_text(s, 17);
            r.case_status = store_col_text(s, 18);
            r.case_opened_at = sqlite3_column_int64(s, 19);
            r.case_closed_at = sqlite3_column_int64(s, 20);
            r.limitation_years = sqlite3_column_int64(s, 21);
        }
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read audit log");
    sqlite3_finalize(s);
    return rc;
}

int store_audit_head(struct store *st, int64_t *id,
                     unsigned char hash[STORE_AUDIT_HASH])
{
    if (!st->audit_head) {
        st->audit_head = store_prepare(
            st, "SELECT id,hash FROM audit ORDER BY id DESC LIMIT 1");
        if (!st->audit_head)
            return -st->err.status;
    }
    sqlite3_stmt *s = st->audit_head;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        const void *h = sqlite3_column_blob(s, 1);
        if (!h || sqlite3_column_bytes(s, 1) != STORE_AUDIT_HASH)
            rc = lp_errf(&st->err, LP_VERIFY, "%s: audit entry %lld has a "
                         "damaged hash (run 'lprsim audit verify')",
                         st->path, (long long)*id);
        else {
            memcpy(hash, h, STORE_AUDIT_HASH);
            rc = 1;
        }
    } else if (rc == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = store_fail(st, "read audit head");
    }
    sqlite3_reset(s);
    return rc;
}

int store_audit_seq(struct store *st, const char *table, int64_t *seq)
{
    *seq = 0;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT seq FROM sqlite_sequence WHERE name=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(s, 0);
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read id counter");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_audit_insert(struct store *st, const struct store_audit_row *r,
                       int64_t *id)
{
    if (!st->audit_ins) {
        st->audit_ins = store_prepare(
            st, "INSERT INTO audit(id,at,user_id,action,plate,case_number,"
                "reason,results,verdict,rules,profile,manual,session_id,"
                "detail,prev_hash,hash,login) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (!st->audit_ins)
            return -st->err.status;
    }
    sqlite3_stmt *s = st->audit_ins;
    sqlite3_bind_int64(s, 1, r->id);
    sqlite3_bind_int64(s, 2, r->at);
    store_bind_text(s, 3, r->user_id);
    store_bind_text(s, 4, r->action);
    store_bind_text(s, 5, r->plate);
    store_bind_text(s, 6, r->case_number);
    store_bind_text(s, 7, r->reason);
    store_bind_text(s, 8, r->results);
    store_bind_text(s, 9, r->verdict);
    store_bind_text(s, 10, r->rules);
    store_bind_text(s, 11, r->profile);
    sqlite3_bind_int(s, 12, r->manual);
    if (r->session_id)
        sqlite3_bind_int64(s, 13, r->session_id);
    else
        sqlite3_bind_null(s, 13);
    store_bind_text(s, 14, r->detail);
    sqlite3_bind_blob(s, 15, r->prev_hash, (int)r->prev_len,
                      SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 16, r->hash, (int)r->hash_len, SQLITE_TRANSIENT);
    store_bind_text(s, 17, r->login);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "append audit entry");
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int store_audit_each(struct store *st, store_audit_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " ROW_COLS " FROM audit a ORDER BY a.id");
    if (!s)
        return -st->err.status;
    return each_row(st, s, fn, arg, 0);
}

int64_t store_audit_count(struct store *st)
{
    int64_t n = -1;
    sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM audit");
    if (!s)
        return -st->err.status;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    else
        n = store_fail(st, "count audit entries");
    sqlite3_finalize(s);
    return n;
}

int store_audit_hash_of(struct store *st, int64_t id,
                        unsigned char hash[STORE_AUDIT_HASH], int *ok)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT hash FROM audit WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const void *h = sqlite3_column_blob(s, 0);
        *ok = h && sqlite3_column_bytes(s, 0) == STORE_AUDIT_HASH;
        if (*ok)
            memcpy(hash, h, STORE_AUDIT_HASH);
        else
            memset(hash, 0, STORE_AUDIT_HASH);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read audit entry");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_audit_select(struct store *st, const struct store_audit_filter *f,
                       store_audit_fn fn, void *arg)
{
    /* The newest `limit` matching rows, given oldest first; limit -1 in
     * SQLite means no limit. */
    sqlite3_stmt *s = store_prepare(
        st, "SELECT * FROM (SELECT " ROW_COLS " FROM audit a WHERE"
            " (?1 IS NULL OR a.user_id=?1)"
            " AND (?2 IS NULL OR upper(a.plate)=upper(?2))"
            " AND (?3 IS NULL OR a.case_number=?3)"
            " AND (?4 IS NULL OR a.at>=?4)"
            " AND (?5 IS NULL OR a.at<=?5)"
            " ORDER BY a.id DESC LIMIT ?6) ORDER BY 1");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, f ? f->user : NULL);
    store_bind_text(s, 2, f ? f->plate : NULL);
    store_bind_text(s, 3, f ? f->case_number : NULL);
    if (f && f->has_from)
        sqlite3_bind_int64(s, 4, f->from);
    if (f && f->has_to)
        sqlite3_bind_int64(s, 5, f->to);
    sqlite3_bind_int64(s, 6, f && f->limit > 0 ? f->limit : -1);
    return each_row(st, s, fn, arg, 0);
}

int store_audit_review_each(struct store *st, int64_t from, int64_t to,
                            store_audit_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " ROW_COLS ",c.type,c.status,c.opened_at,c.closed_at,"
            " coalesce(nullif(c.limitation_years,0),"
            "nullif(t.limitation_years,0),-1)"
            " FROM audit a LEFT JOIN cases c ON c.number=a.case_number"
            " LEFT JOIN statutes t ON t.code=c.violation"
            " WHERE a.at>=?1 AND a.at<?2 ORDER BY a.id");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    return each_row(st, s, fn, arg, 1);
}

int store_audit_repeats(struct store *st, int64_t from, int64_t to,
                        const char *actions_json, int64_t min_count,
                        int64_t min_reasons, store_audit_repeat_fn fn,
                        void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT user_id, upper(plate), count(*),"
            " count(DISTINCT lower(trim(coalesce(reason,'')))),"
            " count(DISTINCT case_number), min(at), max(at),"
            " json_group_array(id),"
            " json_group_array(DISTINCT coalesce(reason,''))"
            " FROM audit WHERE at>=?1 AND at<?2 AND plate IS NOT NULL"
            " AND trim(plate)<>''"
            " AND (manual=1 OR action IN (SELECT value FROM json_each(?3)))"
            " GROUP BY user_id, upper(plate)"
            " HAVING count(*)>=?4"
            " AND count(DISTINCT lower(trim(coalesce(reason,''))))>=?5"
            " ORDER BY user_id, upper(plate)");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    store_bind_text(s, 3, actions_json);
    sqlite3_bind_int64(s, 4, min_count);
    sqlite3_bind_int64(s, 5, min_reasons);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_audit_repeat r = {
            .user_id = store_col_text(s, 0), .plate = store_col_text(s, 1),
            .count = sqlite3_column_int64(s, 2),
            .reasons = sqlite3_column_int64(s, 3),
            .cases = sqlite3_column_int64(s, 4),
            .first_at = sqlite3_column_int64(s, 5),
            .last_at = sqlite3_column_int64(s, 6),
            .ids_json = store_col_text(s, 7),
            .reasons_json = store_col_text(s, 8),
        };
        int r2 = fn(arg, &r);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "group audit entries");
    sqlite3_finalize(s);
    return rc;
}

int store_audit_ckpt_add(struct store *st, const struct store_audit_ckpt *c,
                         int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO audit_checkpoints(entries,head_hash,at,key_id,"
            "signature) VALUES(?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, c->entries);
    sqlite3_bind_blob(s, 2, c->head, (int)c->head_len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, c->at);
    store_bind_text(s, 4, c->key_id);
    sqlite3_bind_blob(s, 5, c->sig, (int)c->sig_len, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0
                                             : store_fail(st, "add checkpoint");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(st->db);
    sqlite3_finalize(s);
    return rc;
}

int store_audit_ckpts_each(struct store *st, store_audit_ckpt_fn fn,
                           void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT id,entries,at,head_hash,key_id,signature "
            "FROM audit_checkpoints ORDER BY id");
    if (!s)
        return -st->err.status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_audit_ckpt c = {
            .id = sqlite3_column_int64(s, 0),
            .entries = sqlite3_column_int64(s, 1),
            .at = sqlite3_column_int64(s, 2),
            .head = sqlite3_column_blob(s, 3),
            .head_len = (size_t)sqlite3_column_bytes(s, 3),
            .key_id = store_col_text(s, 4),
            .sig = sqlite3_column_blob(s, 5),
            .sig_len = (size_t)sqlite3_column_bytes(s, 5),
        };
        int r2 = fn(arg, &c);
        if (r2) {
            sqlite3_finalize(s);
            return r2;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read checkpoints");
    sqlite3_finalize(s);
    return rc;
}

int store_audit_review_add(struct store *st, const char *quarter,
                           const char *reviewer, int64_t at,
                           const char *findings_json, int64_t audit_id,
                           int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO audit_reviews(quarter,reviewer,at,findings,"
            "audit_id) VALUES(?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, quarter);
    store_bind_text(s, 2, reviewer);
    sqlite3_bind_int64(s, 3, at);
    store_bind_text(s, 4, findings_json);
    if (audit_id)
        sqlite3_bind_int64(s, 5, audit_id);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0
                                             : store_fail(st, "record review");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(st->db);
    sqlite3_finalize(s);
    return rc;
}

int store_audit_review_last(struct store *st, int64_t *at, char **quarter)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT at,quarter FROM audit_reviews ORDER BY at DESC, id DESC "
            "LIMIT 1");
    if (!s)
        return -st->err.status;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *at = sqlite3_column_int64(s, 0);
        if (quarter)
            *quarter = xstrdup(store_col_text(s, 1));
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read reviews");
    }
    sqlite3_finalize(s);
    return rc;
}

static void copy_text(char *dst, size_t n, const char *src)
{
    size_t len = src ? strlen(src) : 0;
    if (len >= n)
        len = n - 1;
    if (len)
        memcpy(dst, src, len);
    dst[len] = '\0';
}

int store_audit_case(struct store *st, const char *number,
                     struct store_audit_case *c)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT c.type,c.status,c.opened_at,coalesce(c.closed_at,0),"
            " coalesce(nullif(c.limitation_years,0),"
            "nullif(t.limitation_years,0),-1)"
            " FROM cases c LEFT JOIN statutes t ON t.code=c.violation"
            " WHERE c.number=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, number);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        copy_text(c->type, sizeof c->type, store_col_text(s, 0));
        copy_text(c->status, sizeof c->status, store_col_text(s, 1));
        c->opened_at = sqlite3_column_int64(s, 2);
        c->closed_at = sqlite3_column_int64(s, 3);
        c->limitation_years = sqlite3_column_int64(s, 4);
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read case");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_audit_row_get(struct store *st, int64_t id, store_audit_row_fn fn,
                        void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT at,user_id,action,plate,case_number,reason,results,"
            "verdict,rules,profile,manual,coalesce(session_id,0),detail,"
            "login FROM audit WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        struct audit_entry e = {
            .at = sqlite3_column_int64(s, 0),
            .user_id = store_col_text(s, 1),
            .action = store_col_text(s, 2),
            .plate = store_col_text(s, 3),
            .case_number = store_col_text(s, 4),
            .reason = store_col_text(s, 5),
            .results = store_col_text(s, 6),
            .verdict = store_col_text(s, 7),
            .rules = store_col_text(s, 8),
            .profile = store_col_text(s, 9),
            .manual = sqlite3_column_int(s, 10),
            .session_id = sqlite3_column_int64(s, 11),
            .detail = store_col_text(s, 12),
            .login = store_col_text(s, 13),
        };
        int r = fn(arg, id, &e);
        rc = r < 0 ? r : 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read audit entry");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_audit_review_times(struct store *st, int64_t *last_review,
                             int64_t *first_entry)
{
    sqlite3_stmt *s = store_cached(
        st, "SELECT (SELECT coalesce(max(at),0) FROM audit_reviews),"
            "coalesce((SELECT at FROM audit ORDER BY id LIMIT 1),0)");
    if (!s)
        return -st->err.status;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *last_review = sqlite3_column_int64(s, 0);
        *first_entry = sqlite3_column_int64(s, 1);
        rc = 0;
    } else {
        rc = store_fail(st, "read audit reviews");
    }
    store_release(st, s);
    return rc;
}
