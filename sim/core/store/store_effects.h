/*
 * store_effects.h - the tables and statements behind the effects the
 * guidance requires beyond a verdict: the partner registry (IV.C),
 * device wipes that delete raw reads and evidence holds (IV.F, IV.G),
 * case file contents, the ledger's expiry (IV.K.3), referrals of misuse
 * and the review's look-ups of one plate under several cases (IV.M.2).
 */
#ifndef LPRSIM_STORE_EFFECTS_H
#define LPRSIM_STORE_EFFECTS_H

#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"
#include "core/store/store_audit.h"

/* One agency (or company) of the partner registry. */
struct lp_partner {
    const char *name, *kind, *jurisdiction, *added_by;
    int64_t added_at;
};
typedef int (*store_partner_fn)(void *arg, const struct lp_partner *p);
/* Adds a partner; a name already there (any case) gives LP_USAGE. */
int store_partner_add(struct store *st, const struct lp_partner *p);
/* Calls fn for the partner called name (compared without case): 1 when
 * found, 0 when not, negative on error. */
int store_partner_find(struct store *st, const char *name,
                       store_partner_fn fn, void *arg);
int store_partners_each(struct store *st, store_partner_fn fn, void *arg);

/* Puts read id on evidence hold (kept on its device by a wipe): 1 newly
 * held, 0 already held, negative on error. */
int store_read_hold(struct store *st, int64_t id);

/* Wipes an agency camera's device: deletes its raw reads (and their hits)
 * except those uploaded to a case file or on evidence hold; uploaded
 * reads are marked off the device.  Sets how many were deleted and kept
 * (uploaded, held), and the kept ids as comma-separated text into the
 * caller's buffers (at most 20 each, "..." after). */
int store_camera_purge(struct store *st, const char *camera_id,
                       int64_t *deleted, int64_t *kept_uploaded,
                       int64_t *kept_held, struct sb *uploaded_ids,
                       struct sb *held_ids);

/* The reads in case_number's case file, oldest upload first: fn gets the
 * read with who uploaded it and when. */
typedef int (*store_case_file_fn)(void *arg, const struct lp_read_info *ri,
                                  const char *uploaded_by,
                                  int64_t uploaded_at);
int store_case_file_each(struct store *st, const char *case_number,
                         store_case_file_fn fn, void *arg);

/* Ledger rows whose keep-until date is at or before `at`: count, or
 * delete them (IV.K.3's five years are over). */
int store_ledger_expired(struct store *st, int64_t at, int64_t *n);
int store_ledger_purge(struct store *st, int64_t at, int64_t *n);

/* Records a referral of misuse for investigation; *id set. */
int store_referral_add(struct store *st, const char *subject,
                       const char *by, int64_t at, const char *reason,
                       const char *entries_json, int64_t *id);

/* One person's look-ups of one plate in [from, to) under at least
 * min_cases case numbers to which the plate does not pertain (not the
 * case's target, not on the hotlist for it), whatever the reasons say.
 * fn gets the group with cases set to that number and reasons_json the
 * case numbers.  actions_json: the action names that count as look-ups. */
int store_audit_multicase(struct store *st, int64_t from, int64_t to,
                          const char *actions_json, int64_t min_cases,
                          store_audit_repeat_fn fn, void *arg);

#endif
