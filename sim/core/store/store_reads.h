/*
 * store_reads.h - the reads table: bulk loading, counting, iteration, and
 * the plate, pattern and area queries of the action layer (store_reads.c).
 */
#ifndef LPRSIM_STORE_READS_H
#define LPRSIM_STORE_READS_H

#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"

/* Reads.  For bulk loads call store_reads_bulk_begin(), then
 * store_read_add() many times inside a transaction, then
 * store_reads_bulk_end() which (re)builds the (plate, time) index. */
int store_reads_bulk_begin(struct store *st);
int store_read_add(struct store *st, const struct lp_read *r, int64_t *id);
int store_reads_bulk_end(struct store *st);
int64_t store_reads_count(struct store *st);

/* Calls fn for every read in id order (strings borrowed for the call);
 * stops when fn returns non-zero and returns that value. */
typedef int (*store_read_fn)(void *arg, const struct lp_read *r);
int store_reads_each(struct store *st, store_read_fn fn, void *arg);

typedef int (*store_read_info_fn)(void *arg, const struct lp_read_info *ri);
/* Reads of exactly plate (and state when not NULL) observed in [from, to],
 * oldest first, at most limit rows (limit <= 0: no cap).  Uses the
 * (plate, time) index.  fn's strings are borrowed for the call. */
int store_reads_by_plate(struct store *st, const char *plate,
                         const char *state, int64_t from, int64_t to,
                         int limit, store_read_info_fn fn, void *arg);
/* The same for a GLOB pattern of plates ('*', '?'), for profiles that
 * allow wildcard or partial plates. */
int store_reads_by_glob(struct store *st, const char *pattern,
                        const char *state, int64_t from, int64_t to,
                        int limit, store_read_info_fn fn, void *arg);
/* Reads inside a lat/lon box in [from, to] (no index: area queries are
 * refused under the default profile). */
int store_reads_in_box(struct store *st, double lat0, double lat1,
                       double lon0, double lon1, int64_t from, int64_t to,
                       int limit, store_read_info_fn fn, void *arg);
/* 1 when some read holds exactly this plate, 0 when none, negative. */
int store_plate_seen(struct store *st, const char *plate);
/* Calls fn for read id: returns 1 when found, 0 when not, negative. */
int store_read_get(struct store *st, int64_t id, store_read_info_fn fn,
                   void *arg);
/* Marks the reads of an agency camera as wiped from its device (keeps
 * those on evidence hold); *n gets how many. */
int store_camera_wipe(struct store *st, const char *camera_id, int64_t *n);

#endif
