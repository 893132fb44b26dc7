/*
 * roster.h - the people who may act in the sandbox: ids, names, roles,
 * and whether a scenario marked them untrained (IV.H).
 */
#ifndef LPRSIM_ROSTER_H
#define LPRSIM_ROSTER_H

#include <stdio.h>

#include "core/store/model.h"
#include "core/store/store.h"

/* Validates and adds a person (id: 1-32 of [A-Za-z0-9._-]; name: 1-100
 * printable characters; role trainee or instructor).  One transaction.
 * Returns 0, or negative with err (LP_USAGE for bad values). */
int roster_add(struct store *st, const char *id, const char *name,
               const char *role, int64_t now, struct lp_err *err);

/* Returns 0 if id is a valid personnel id, else fills err (LP_USAGE). */
int roster_check_id(const char *id, struct lp_err *err);

/* Returns 0 for a valid name (1-100 characters of UTF-8 text, no control
 * character) or role (trainee, instructor), else fills err (LP_USAGE). */
int roster_check_name(const char *name, struct lp_err *err);
int roster_check_role(const char *role, struct lp_err *err);

/* Looks a user up for an action: 0 when known, -LP_USAGE ("unknown user")
 * when not on the roster or id is NULL/empty. */
int roster_require(struct store *st, const char *id, struct lp_person *p,
                   struct lp_err *err);

/* What a roster import did. */
struct roster_import_result {
    int64_t rows, added, updated, unchanged;
};

/* Imports the roster CSV at path ("-": stdin): a header "id,name,login,
 * role,unit,email" (UTF-8, a BOM allowed), then one person a row.  Every
 * cell is checked first (id as roster_add, name 1-100 characters, login
 * 1-32 of [A-Za-z0-9._-], role trainee or instructor (empty: trainee),
 * unit up to 64 characters, e-mail local@domain); an id or login twice in
 * the file, or a login held by someone else, is an error.  Then all rows
 * go in one transaction: a new id is added, a known one updated (never
 * duplicated).  On any error nothing changes and err says
 * "file:line:column: problem".  Returns 0 or negative. */
int roster_import(struct store *st, const char *path, int64_t now,
                  struct roster_import_result *res, struct lp_err *err);

/* Writes the roster as CSV with the import's header, ordered by id, text
 * cells guarded against formula injection; *n gets the rows written.
 * Returns 0 or negative with err. */
int roster_export(struct store *st, FILE *out, const char *name, int64_t *n,
                  struct lp_err *err);

#endif
