/*
 * store_world.h - the tables of the synthetic world the generator and the
 * CSV import fill: places, cameras, vehicles, statutes (store_world.c).
 */
#ifndef LPRSIM_STORE_WORLD_H
#define LPRSIM_STORE_WORLD_H

#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"

/* True (1) if the world tables already hold data (store.c). */
int store_has_world(struct store *st);

int store_place_add(struct store *st, const struct lp_place *p, int64_t *id);
int store_camera_add(struct store *st, const struct lp_camera *c);
int store_vehicle_add(struct store *st, const struct lp_vehicle *v,
                      int64_t *id);
/* Returns 1 and fills the camera (strings owned by the store until the next
 * call) if the id exists, 0 if not, negative on error. */
int store_camera_get(struct store *st, const char *id, struct lp_camera *c);

/* Calls fn for every place ordered by id (sensitive_only: just sensitive
 * ones); strings borrowed for the call; stops when fn returns non-zero. */
typedef int (*store_place_fn)(void *arg, const struct lp_place *p);
int store_places_each(struct store *st, int sensitive_only,
                      store_place_fn fn, void *arg);

/* Adds a statute of the criminal violations table. */
int store_statute_add(struct store *st, const struct lp_statute *s);
/* Returns 1 and sets *years (-1: no limitation) when the code exists,
 * 0 when not, negative on error. */
int store_statute_limit(struct store *st, const char *code, int64_t *years);

#endif
