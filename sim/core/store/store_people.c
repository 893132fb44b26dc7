/*
 * store_people.c - the roster table (see store_people.h).
 */
#include "core/store/store_people.h"
#include "core/store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_person_add(struct store *st, const struct lp_person *p)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO people(id,name,role,trained,created_at,login,unit,"
            "email) VALUES(?,?,?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, p->id);
    store_bind_text(s, 2, p->name);
    store_bind_text(s, 3, p->role);
    sqlite3_bind_int(s, 4, p->trained);
    sqlite3_bind_int64(s, 5, p->created_at);
    store_bind_text(s, 6, p->login);
    store_bind_text(s, 7, p->unit);
    store_bind_text(s, 8, p->email);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        rc = 0;
    else if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
        rc = lp_errf(&st->err, LP_USAGE, "person '%s' is already on the "
                     "roster", p->id);
    else
        rc = store_fail(st, "add person");
    sqlite3_finalize(s);
    return rc;
}

static void fill(sqlite3_stmt *s, struct lp_person *p)
{
    p->id = (const char *)sqlite3_column_text(s, 0);
    p->name = (const char *)sqlite3_column_text(s, 1);
    p->role = (const char *)sqlite3_column_text(s, 2);
    p->trained = sqlite3_column_int(s, 3);
    p->created_at = sqlite3_column_int64(s, 4);
    p->login = (const char *)sqlite3_column_text(s, 5);
    p->unit = (const char *)sqlite3_column_text(s, 6);
    p->email = (const char *)sqlite3_column_text(s, 7);
}

#define PERSON_COLS "id,name,role,trained,created_at,login,unit,email"

int store_person_get(struct store *st, const char *id, struct lp_person *p)
{
    sqlite3_stmt *s = store_cached(
        st, "SELECT " PERSON_COLS " FROM people WHERE id=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        fill(s, p);
        static const int cols[6] = {0, 1, 2, 5, 6, 7};
        for (int i = 0; i < 6; i++) {
            free(st->person_strs[i]);
            st->person_strs[i] = store_col_dup(s, cols[i]);
        }
        p->id = st->person_strs[0];
        p->name = st->person_strs[1];
        p->role = st->person_strs[2];
        p->login = st->person_strs[3];
        p->unit = st->person_strs[4];
        p->email = st->person_strs[5];
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read person");
    }
    store_release(st, s);
    return rc;
}

int store_people_each(struct store *st, store_person_fn fn, void *arg)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " PERSON_COLS " FROM people ORDER BY id");
    if (!s)
        return -st->err.status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct lp_person p;
        fill(s, &p);
        int r = fn(arg, &p);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(st, "list people");
    sqlite3_finalize(s);
    return rc;
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int store_person_upsert(struct store *st, const struct lp_person *p,
                        int *what)
{
    *what = 0;
    if (p->login) {
        struct lp_person other;
        int rc = store_person_by_login(st, p->login, &other);
        if (rc < 0)
            return rc;
        if (rc == 1 && strcmp(other.id, p->id) != 0)
            return lp_errf(&st->err, LP_USAGE, "login '%s' belongs to '%s'",
                           p->login, other.id);
    }
    sqlite3_stmt *s = store_prepare(
        st, "SELECT name,role,login,unit,email FROM people WHERE id=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, p->id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_finalize(s);
        rc = store_person_add(st, p);
        if (!rc)
            *what = 1;
        return rc;
    }
    if (rc != SQLITE_ROW) {
        rc = store_fail(st, "read person");
        sqlite3_finalize(s);
        return rc;
    }
    int changed = !same(store_col_text(s, 0), p->name) ||
                  !same(store_col_text(s, 1), p->role) ||
                  !same(store_col_text(s, 2), p->login) ||
                  !same(store_col_text(s, 3), p->unit) ||
                  !same(store_col_text(s, 4), p->email);
    sqlite3_finalize(s);
    if (!changed)
        return 0;
    s = store_prepare(st, "UPDATE people SET name=?,role=?,login=?,unit=?,"
                          "email=? WHERE id=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, p->name);
    store_bind_text(s, 2, p->role);
    store_bind_text(s, 3, p->login);
    store_bind_text(s, 4, p->unit);
    store_bind_text(s, 5, p->email);
    store_bind_text(s, 6, p->id);
    rc = store_step_done(st, s, "update person");
    if (!rc)
        *what = 2;
    return rc;
}

int store_person_by_login(struct store *st, const char *login,
                          struct lp_person *p)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT " PERSON_COLS " FROM people WHERE login=?");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, login);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        fill(s, p);
        static const int cols[6] = {0, 1, 2, 5, 6, 7};
        for (int i = 0; i < 6; i++) {
            free(st->person_strs[i]);
            st->person_strs[i] = store_col_dup(s, cols[i]);
        }
        p->id = st->person_strs[0];
        p->name = st->person_strs[1];
        p->role = st->person_strs[2];
        p->login = st->person_strs[3];
        p->unit = st->person_strs[4];
        p->email = st->person_strs[5];
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read person");
    }
    sqlite3_finalize(s);
    return rc;
}

int store_person_set_trained(struct store *st, const char *id, int trained)
{
    sqlite3_stmt *s = store_prepare(
        st, "UPDATE people SET trained=? WHERE id=?");
    if (!s)
        return -st->err.status;
    sqlite3_bind_int(s, 1, trained != 0);
    store_bind_text(s, 2, id);
    if (store_step_done(st, s, "mark person"))
        return -st->err.status;
    return sqlite3_changes(st->db) > 0;
}
