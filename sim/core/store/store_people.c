/*
 * store_people.c - the roster table (see store_people.h): people, their
 * role in the sandbox, and on a training host the Unix login bound to each.
 */
#include "core/store/store_people.h"
#include "core/store/store_int.h"

#include <stdlib.h>
#include <string.h>

#define PERSON_COLS "id,name,role,trained,created_at,login"

int store_person_add(struct store *st, const struct lp_person *p)
{
    sqlite3_stmt *s = store_prepare(
        st, "INSERT INTO people(" PERSON_COLS ") VALUES(?,?,?,?,?,?)");
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, p->id);
    store_bind_text(s, 2, p->name);
    store_bind_text(s, 3, p->role);
    sqlite3_bind_int(s, 4, p->trained);
    sqlite3_bind_int64(s, 5, p->created_at);
    store_bind_text(s, 6, p->login);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE &&
             p->login && sqlite3_errmsg(st->db) &&
             strstr(sqlite3_errmsg(st->db), "login"))
        rc = lp_errf(&st->err, LP_USAGE, "login '%s' is already bound to "
                     "another person on the roster", p->login);
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
}

/* One person by column (id or login): 1 found, 0 not, negative error. */
static int person_get(struct store *st, const char *sql, const char *key,
                      struct lp_person *p)
{
    sqlite3_stmt *s = store_cached(st, sql);   /* keyed by the literal */
    if (!s)
        return -st->err.status;
    store_bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        fill(s, p);
        static const int cols[4] = {0, 1, 2, 5};
        for (int i = 0; i < 4; i++) {
            const char *t = (const char *)sqlite3_column_text(s, cols[i]);
            free(st->person_strs[i]);
            st->person_strs[i] = t ? xstrdup(t) : NULL;
        }
        p->id = st->person_strs[0];
        p->name = st->person_strs[1];
        p->role = st->person_strs[2];
        p->login = st->person_strs[3];
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, "read person");
    }
    store_release(st, s);
    return rc;
}

int store_person_get(struct store *st, const char *id, struct lp_person *p)
{
    return person_get(st, "SELECT " PERSON_COLS " FROM people WHERE id=?",
                      id, p);
}

int store_person_by_login(struct store *st, const char *login,
                          struct lp_person *p)
{
    return person_get(st, "SELECT " PERSON_COLS " FROM people WHERE login=?",
                      login, p);
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
