/*
 * roster.c - the roster of people (see roster.h).
 */
#include "core/world/roster.h"

#include <string.h>

#include "core/store/store_people.h"

int roster_check_id(const char *id, struct lp_err *err)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n > 32)
        return lp_errf(err, LP_USAGE, "personnel id must be 1 to 32 "
                       "characters");
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
              *p == '-'))
            return lp_errf(err, LP_USAGE, "personnel id '%s' may hold only "
                           "letters, digits, '.', '_' and '-'", id);
    return 0;
}

int roster_check_name(const char *name, struct lp_err *err)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 100 || !lp_utf8_valid(name, n, NULL))
        return lp_errf(err, LP_USAGE, "name must be 1 to 100 characters of "
                       "UTF-8 text");
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
            return lp_errf(err, LP_USAGE, "name holds a control character");
    return 0;
}

int roster_check_role(const char *role, struct lp_err *err)
{
    if (!role || (strcmp(role, "trainee") != 0 &&
                  strcmp(role, "instructor") != 0))
        return lp_errf(err, LP_USAGE, "role must be trainee or instructor, "
                       "not '%s'", role ? role : "");
    return 0;
}

int roster_add(struct store *st, const char *id, const char *name,
               const char *role, int64_t now, struct lp_err *err)
{
    if (roster_check_id(id, err) || roster_check_name(name, err))
        return -LP_USAGE;
    if (!role)
        role = "trainee";
    if (roster_check_role(role, err))
        return -LP_USAGE;
    struct lp_person p = {.id = id, .name = name, .role = role,
                          .trained = 1, .created_at = now};
    if (store_begin(st) || store_person_add(st, &p) || store_commit(st)) {
        store_rollback(st);
        return store_err_copy(st, err);
    }
    return 0;
}

int roster_require(struct store *st, const char *id, struct lp_person *p,
                   struct lp_err *err)
{
    if (!id || !*id)
        return lp_errf(err, LP_USAGE, "no user: give --user ID or set "
                       "LPRSIM_USER (see 'lprsim roster list')");
    int rc = store_person_get(st, id, p);
    if (rc < 0) {
        return store_err_copy(st, err);
    }
    if (rc == 0)
        return lp_errf(err, LP_USAGE, "unknown user '%s': not on the roster "
                       "(add with 'lprsim roster add')", id);
    return 0;
}
