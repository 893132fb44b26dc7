/*
 * store_world.c - store functions of the world generator and the CSV
 * import (see store.h, section "World generation").
 */
#include "core/store/store_int.h"

int store_statute_add(struct store *st, const struct lp_statute *s)
{
    sqlite3_stmt *q = store_prepare(
        st, "INSERT INTO statutes(code,citation,description,"
            "limitation_years) VALUES(?,?,?,?)");
    if (!q)
        return -st->err.status;
    store_bind_text(q, 1, s->code);
    store_bind_text(q, 2, s->citation);
    store_bind_text(q, 3, s->description);
    if (s->limitation_years > 0)
        sqlite3_bind_int(q, 4, s->limitation_years);
    int rc = sqlite3_step(q) == SQLITE_DONE ? 0
                                            : store_fail(st, "add statute");
    sqlite3_finalize(q);
    return rc;
}
