/*
 * clock.c - the sandbox clock (see clock.h).
 */
#include "core/world/clock.h"

#include <time.h>

#include "util/lptime.h"

int clock_resolve(struct store *st, const char *text, int64_t *now,
                  struct lp_err *err)
{
    if (text && *text) {
        if (lptime_parse(text, now))
            return lp_errf(err, LP_USAGE, "bad time '%s' for --now (use "
                           "2026-03-02 or 2026-03-02T09:00:00Z)", text);
        return 0;
    }
    if (st) {
        int64_t t = 0;
        if (store_meta_get_i64(st, "clock", 0, &t)) {
            return store_err_copy(st, err);
        }
        if (t > 0) {
            *now = t;
            return 0;
        }
    }
    *now = (int64_t)time(NULL);
    return 0;
}

int clock_set(struct store *st, int64_t t)
{
    return store_meta_set_i64(st, "clock", t);
}
