/*
 * store_cases.h - the tables the policy engine and the action layer keep
 * about investigations: the case registry, hotlists with their entries,
 * ledger and hits, and case files (store_cases.c).
 */
#ifndef LPRSIM_STORE_CASES_H
#define LPRSIM_STORE_CASES_H

#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"

/* Frees the strings of a case filled by store_case_get; zeroes nothing
 * else.  NULL does nothing. */
void store_case_clear(struct lp_case *c);
/* Adds a case (strings borrowed); a duplicate number gives LP_USAGE. */
int store_case_add(struct store *st, const struct lp_case *c);
/* Returns 1 and fills c (caller clears), 0 when absent, negative on error. */
int store_case_get(struct store *st, const char *number, struct lp_case *c);
/* Closes an open case: 1 done, 0 when absent or already closed. */
int store_case_close(struct store *st, const char *number, int64_t at);
typedef int (*store_case_fn)(void *arg, const struct lp_case *c);
/* Calls fn for each case ordered by number (strings borrowed). */
int store_cases_each(struct store *st, store_case_fn fn, void *arg);

/* Gets the hotlist called name, creating it at `at` when create is set;
 * returns 1 found/created, 0 absent, negative on error. */
int store_hotlist_get(struct store *st, const char *name, int create,
                      int64_t at, struct lp_hotlist *h);
int store_hotlist_reviewed(struct store *st, int64_t id, int64_t at);
typedef int (*store_hotlist_entry_fn)(void *arg,
                                      const struct lp_hotlist_entry *e);
/* Entries of a hotlist (active_only: not removed), for plate when not
 * NULL, ordered by id. */
int store_hotlist_entries_each(struct store *st, int64_t hotlist_id,
                               int active_only, const char *plate,
                               store_hotlist_entry_fn fn, void *arg);
int store_hotlist_entry_add(struct store *st,
                            const struct lp_hotlist_entry *e, int64_t *id);
int store_hotlist_entry_remove(struct store *st, int64_t id, const char *by,
                               int64_t at, const char *reason);
int store_hotlist_entry_reviewed(struct store *st, int64_t id, int64_t at);
/* One ledger row (IV.K.3). */
int store_ledger_add(struct store *st, const struct lp_ledger *l);
typedef int (*store_ledger_fn)(void *arg, const struct lp_ledger *l);
int store_ledger_each(struct store *st, store_ledger_fn fn, void *arg);

/* Hits: reads of an active hotlist entry's plate observed after it was
 * added.  scan adds hits for reads with id > since_read_id and sets
 * *added and *max_read_id (the highest read id now in the store). */
int store_hits_scan(struct store *st, int64_t since_read_id, int64_t at,
                    int64_t *added, int64_t *max_read_id);
typedef int (*store_hit_fn)(void *arg, const struct lp_hit *h);
/* Hits (unseen_only: not yet shown; plate: only that plate when not NULL),
 * ordered by id. */
int store_hits_each(struct store *st, int unseen_only, const char *plate,
                    store_hit_fn fn, void *arg);
int store_hits_mark_seen(struct store *st);

/* Case files (IV.F, IV.G): 1 added, 0 already there. */
int store_case_file_add(struct store *st, const char *case_number,
                        int64_t read_id, const char *by, int64_t at);
/* 1 when plate pertains to the case: its target, one of its hotlist
 * entries, or an allowed query or analysis under the case. */
int store_case_pertains(struct store *st, const char *case_number,
                        const char *plate);
int64_t store_case_files_count(struct store *st, const char *case_number);

#endif
