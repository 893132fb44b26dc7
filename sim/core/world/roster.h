/*
 * roster.h - the people who may act in the sandbox: ids, names, roles,
 * and whether a scenario marked them untrained (IV.H).
 */
#ifndef LPRSIM_ROSTER_H
#define LPRSIM_ROSTER_H

#include "core/store/model.h"
#include "core/store/store.h"

/* Validates and adds a person (id: 1-32 of [A-Za-z0-9._-]; name: 1-100
 * printable characters; role trainee or instructor).  One transaction.
 * Returns 0, or negative with err (LP_USAGE for bad values). */
int roster_add(struct store *st, const char *id, const char *name,
               const char *role, int64_t now, struct lp_err *err);

/* The same, binding the person to a Unix login (NULL: none).  On a
 * training host only an instructor may add (LP_REFUSED otherwise); a
 * login bound to someone else is refused (LP_USAGE). */
int roster_add_login(struct store *st, const char *id, const char *name,
                     const char *role, const char *login, int64_t now,
                     struct lp_err *err);

/* Returns 0 if login is a valid Unix login name, else fills err. */
int roster_check_login(const char *login, struct lp_err *err);

/* Returns 0 if id is a valid personnel id, else fills err (LP_USAGE). */
int roster_check_id(const char *id, struct lp_err *err);

/* Looks a user up for an action: 0 when known, -LP_USAGE ("unknown user")
 * when not on the roster or id is NULL/empty. */
int roster_require(struct store *st, const char *id, struct lp_person *p,
                   struct lp_err *err);

#endif
