/*
 * store_effects.c - the partner registry, device wipes, evidence holds,
 * case file contents, the ledger's expiry, referrals and the review's
 * multi-case look-ups (see store_effects.h).
 */
#include "core/store/store_effects.h"

#include <stdlib.h>
#include <string.h>

#include "core/store/store_int.h"

/* ---- partners ---- */

int store_partner_add(struct store *st, const struct lp_partner *p)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO partners(name,kind,jurisdiction,added_by,added_at) "
            "VALUES(?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, p->name);
    store_bind_text(s, 2, p->kind);
    store_bind_text(s, 3, p->jurisdiction);
    store_bind_text(s, 4, p->added_by);
    sqlite3_bind_int64(s, 5, p->added_at);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        rc = 0;
    else if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
        rc = lp_errf(&st->err, LP_USAGE, "partner '%s' is already in the "
                     "registry (or its kind is not known)", p->name);
    else
        rc = store_fail(st, "add partner");
    sqlite3_finalize(s);
    return rc;
}

static int partners_run(struct store *st, sqlite3_stmt *s,
                        store_partner_fn fn, void *arg)
{
    int rc, found = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_partner p = {
            .name = store_col_text(s, 0), .kind = store_col_text(s, 1),
            .jurisdiction = store_col_text(s, 2),
            .added_by = store_col_text(s, 3),
            .added_at = sqlite3_column_int64(s, 4),
        };
        found = 1;
        int r = fn(arg, &p);
        if (r) {
            sqlite3_finalize(s);
            return r < 0 ? r : 1;
        }
    }
    rc = rc == SQLITE_DONE ? found : store_fail(st, "read partners");
    sqlite3_finalize(s);
    return rc;
}

int store_partner_find(struct store *st, const char *name,
                       store_partner_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT name,kind,jurisdiction,added_by,added_at FROM partners "
            "WHERE name=? COLLATE NOCASE");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, name);
    return partners_run(st, s, fn, arg);
}

int store_partners_each(struct store *st, store_partner_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT name,kind,jurisdiction,added_by,added_at FROM partners "
            "ORDER BY name COLLATE NOCASE");
    if (!s)
        return -st->err.status;
    int rc = partners_run(st, s, fn, arg);
    return rc < 0 ? rc : 0;
}

/* ---- device wipes and evidence holds ---- */

int store_read_hold(struct store *st, int64_t id)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE reads SET evidence_hold=1 WHERE id=? AND "
            "evidence_hold=0");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, id);
    if (store_step_done(st, s, "hold read"))
        return -st->err.status;
    return sqlite3_changes(st->db) > 0;
}

/* Runs a one-column id query for camera_id; counts rows and lists the
 * first 20 ids in out. */
static int ids_of(struct store *st, const char *sql, const char *camera_id,
                  int64_t *n, struct sb *out)
{
    sqlite3_stmt *s = store_prepare(st, sql);
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, camera_id);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n < 20)
            sb_printf(out, "%s%lld", *n ? "," : "",
                      (long long)sqlite3_column_int64(s, 0));
        else if (*n == 20)
            sb_puts(out, ",...");
        (*n)++;
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list device reads");
    sqlite3_finalize(s);
    return rc;
}

int store_camera_purge(struct store *st, const char *camera_id,
                       int64_t *deleted, int64_t *kept_uploaded,
                       int64_t *kept_held, struct sb *uploaded_ids,
                       struct sb *held_ids)
{
    *deleted = 0;
    if (ids_of(st, "SELECT r.id FROM reads r WHERE r.camera_id=?1 AND "
                   "r.on_device=1 AND EXISTS(SELECT 1 FROM case_files f "
                   "WHERE f.read_id=r.id) ORDER BY r.id", camera_id,
               kept_uploaded, uploaded_ids) ||
        ids_of(st, "SELECT r.id FROM reads r WHERE r.camera_id=?1 AND "
                   "r.on_device=1 AND r.evidence_hold=1 AND NOT EXISTS("
                   "SELECT 1 FROM case_files f WHERE f.read_id=r.id) "
                   "ORDER BY r.id", camera_id, kept_held, held_ids))
        return -st->err.status;
    sqlite3_stmt *s = store_prepare(
        st, "DELETE FROM hits WHERE read_id IN (SELECT r.id FROM reads r "
            "WHERE r.camera_id=?1 AND r.evidence_hold=0 AND NOT EXISTS("
            "SELECT 1 FROM case_files f WHERE f.read_id=r.id))");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, camera_id);
    if (store_step_done(st, s, "wipe device hits"))
        return -st->err.status;
    s = store_prepare(
        st, "DELETE FROM reads WHERE camera_id=?1 AND evidence_hold=0 AND "
            "NOT EXISTS(SELECT 1 FROM case_files f WHERE "
            "f.read_id=reads.id)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, camera_id);
    if (store_step_done(st, s, "wipe device"))
        return -st->err.status;
    *deleted = sqlite3_changes(st->db);
    s = store_prepare(
        st, "UPDATE reads SET on_device=0 WHERE camera_id=?1 AND "
            "evidence_hold=0 AND on_device=1");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, camera_id);
    return store_step_done(st, s, "wipe device");
}

/* ---- case files ---- */

int store_case_file_each(struct store *st, const char *case_number,
                         store_case_file_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT r.id,r.plate,r.state,r.observed_at,r.camera_id,r.lat,"
            "r.lon,r.make,r.model,r.confidence,r.source,r.image_ref,"
            "r.vehicle_id,r.fault,c.owner,coalesce(c.keeps_audit,1),"
            "r.on_device,r.evidence_hold,f.uploaded_by,f.at "
            "FROM case_files f JOIN reads r ON r.id=f.read_id "
            "LEFT JOIN cameras c ON c.id=r.camera_id "
            "WHERE f.case_number=? ORDER BY f.at, f.id");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, case_number);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_read_info ri;
        memset(&ri, 0, sizeof ri);
        ri.r.id = sqlite3_column_int64(s, 0);
        ri.r.plate = store_col_text(s, 1);
        ri.r.state = store_col_text(s, 2);
        ri.r.observed_at = sqlite3_column_int64(s, 3);
        ri.r.camera_id = store_col_text(s, 4);
        ri.r.lat = sqlite3_column_double(s, 5);
        ri.r.lon = sqlite3_column_double(s, 6);
        ri.r.make = store_col_text(s, 7);
        ri.r.model = store_col_text(s, 8);
        ri.r.confidence = sqlite3_column_double(s, 9);
        ri.r.source = store_col_text(s, 10);
        ri.r.image_ref = store_col_text(s, 11);
        ri.r.vehicle_id = sqlite3_column_int64(s, 12);
        ri.r.fault = sqlite3_column_int(s, 13);
        ri.cam_owner = store_col_text(s, 14);
        ri.keeps_audit = sqlite3_column_int(s, 15);
        ri.on_device = sqlite3_column_int(s, 16);
        ri.evidence_hold = sqlite3_column_int(s, 17);
        int r = fn(arg, &ri, store_col_text(s, 18),
                   sqlite3_column_int64(s, 19));
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list case file");
    sqlite3_finalize(s);
    return rc;
}

/* ---- the ledger's expiry ---- */

int store_ledger_expired(struct store *st, int64_t at, int64_t *n)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT count(*) FROM hotlist_ledger WHERE keep_until<=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *n = sqlite3_column_int64(s, 0);
        rc = 0;
    } else {
        rc = store_fail(st, "count expired ledger rows");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_ledger_purge(struct store *st, int64_t at, int64_t *n)
{
    sqlite3_stmt *s = store_prepare(
        st, "DELETE FROM hotlist_ledger WHERE keep_until<=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, at);
    if (store_step_done(st, s, "purge ledger"))
        return -st->err.status;
    *n = sqlite3_changes(st->db);
    return 0;
}

/* ---- referrals ---- */

int store_referral_add(struct store *st, const char *subject,
                       const char *by, int64_t at, const char *reason,
                       const char *entries_json, int64_t *id)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO referrals(subject,by_user,at,reason,entries) "
            "VALUES(?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, subject);
    store_bind_text(s, 2, by);
    sqlite3_bind_int64(s, 3, at);
    store_bind_text(s, 4, reason);
    store_bind_text(s, 5, entries_json);
    if (store_step_done(st, s, "add referral"))
        return -st->err.status;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

/* ---- IV.M.2: one plate under several unrelated cases ---- */

int store_audit_multicase(struct store *st, int64_t from, int64_t to,
                          const char *actions_json, int64_t min_cases,
                          store_audit_repeat_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT a.user_id, upper(a.plate), count(*),"
            " count(DISTINCT lower(trim(coalesce(a.reason,'')))),"
            " count(DISTINCT a.case_number), min(a.at), max(a.at),"
            " json_group_array(a.id),"
            " json_group_array(DISTINCT a.case_number)"
            " FROM audit a WHERE a.at>=?1 AND a.at<?2"
            " AND a.plate IS NOT NULL AND trim(a.plate)<>''"
            " AND a.case_number IS NOT NULL AND a.verdict<>'deny'"
            " AND (a.manual=1 OR a.action IN (SELECT value FROM"
            " json_each(?3)))"
            " AND NOT EXISTS(SELECT 1 FROM cases c WHERE"
            " c.number=a.case_number AND upper(c.target)=upper(a.plate))"
            " AND NOT EXISTS(SELECT 1 FROM hotlist_entries e WHERE"
            " e.case_number=a.case_number AND e.plate=upper(a.plate))"
            " GROUP BY a.user_id, upper(a.plate)"
            " HAVING count(DISTINCT a.case_number)>=?4"
            " ORDER BY a.user_id, upper(a.plate)");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    store_bind_text(s, 3, actions_json);
    sqlite3_bind_int64(s, 4, min_cases);
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
