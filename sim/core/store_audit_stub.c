/*
 * store_audit_stub.c - TEMPORARY stand-in for audit_append (audit.h) until
 * the audit part's sim/core/audit.c lands: inserts the row with zero
 * hashes.  Delete this file when merging main brings the real one.
 */
#include "core/store_int.h"

#include "core/audit.h"

int audit_append(struct store *st, const struct audit_entry *e, int64_t *id,
                 struct lp_err *err)
{
    static const unsigned char zero[32] = {0};
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO audit(at,user_id,action,plate,case_number,reason,"
            "results,verdict,rules,profile,manual,session_id,detail,"
            "prev_hash,hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s) {
        *err = *store_err(st);
        return -err->status;
    }
    sqlite3_bind_int64(s, 1, e->at);
    store_bind_text(s, 2, e->user_id);
    store_bind_text(s, 3, e->action);
    store_bind_text(s, 4, e->plate);
    store_bind_text(s, 5, e->case_number);
    store_bind_text(s, 6, e->reason);
    store_bind_text(s, 7, e->results);
    store_bind_text(s, 8, e->verdict);
    store_bind_text(s, 9, e->rules);
    store_bind_text(s, 10, e->profile);
    sqlite3_bind_int(s, 11, e->manual);
    if (e->session_id)
        sqlite3_bind_int64(s, 12, e->session_id);
    store_bind_text(s, 13, e->detail);
    sqlite3_bind_blob(s, 14, zero, 32, SQLITE_STATIC);
    sqlite3_bind_blob(s, 15, zero, 32, SQLITE_STATIC);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, "audit");
    sqlite3_finalize(s);
    if (rc) {
        *err = *store_err(st);
        return rc;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}
