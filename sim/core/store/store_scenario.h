/*
 * store_scenario.h - scenario sessions, their transcripts, the world setup
 * of a scenario sandbox and the final state read for scoring
 * (store_scenario.c).
 */
#ifndef LPRSIM_STORE_SCENARIO_H
#define LPRSIM_STORE_SCENARIO_H

#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"

/* A scenario session row.  Strings are owned by the record after
 * store_session_get (free with store_session_clear). */
struct store_session {
    int64_t id;
    char *user_id, *scenario_id, *scenario_file, *scenario_hash, *mode;
    char *status, *report, *sandbox;
    char *track;           /* exam sessions: the track taken, else NULL */
    int64_t seed, started_at, finished_at;
    int64_t deadline;      /* exam time limit (wall clock), or 0 */
    double score;
    int passed;            /* -1 when not scored */
};
void store_session_clear(struct store_session *s);
/* Inserts a session (s->id 0: a new id, else that id); sets *id. */
int store_session_add(struct store *st, const struct store_session *s,
                      int64_t *id);
/* Sets the sandbox path of a session. */
int store_session_set_sandbox(struct store *st, int64_t id,
                              const char *sandbox);
/* 1 and fills s when found, 0 when not, negative on error. */
int store_session_get(struct store *st, int64_t id, struct store_session *s);
/* Removes a session that never got its sandbox (a failed start), with any
 * transcript rows. */
int store_session_delete(struct store *st, int64_t id);
/* Marks a session done with its score and report. */
int store_session_finish(struct store *st, int64_t id, int64_t at,
                         double score, int passed, const char *report);
/* Calls fn for each session (of user when not NULL, of scenario id when not
 * NULL, with status when not NULL) ordered by id; stops on non-zero. */
typedef int (*store_session_fn)(void *arg, const struct store_session *s);
int store_sessions_each(struct store *st, const char *user,
                        const char *scenario_id, const char *status,
                        store_session_fn fn, void *arg);

/* One transcript row. */
struct store_tline {
    int64_t seq, at, audit_id;
    const char *line, *verdict, *rules;
};
/* The one transcript writer: adds a row inside the caller's transaction
 * with seq t->seq, or the session's next seq when t->seq is 0; *seq (may
 * be NULL) gets the seq used.  The action layer writes trainee steps
 * through action_transcript_add (core/action/action.h). */
int store_scn_transcript_add(struct store *st, int64_t session_id,
                             const struct store_tline *t, int64_t *seq);
/* Calls fn for each row of a session in seq order (strings borrowed). */
typedef int (*store_tline_fn)(void *arg, const struct store_tline *t);
int store_scn_transcript_each(struct store *st, int64_t session_id,
                              store_tline_fn fn, void *arg);
/* The next free seq of a session (1 for none). */
int store_scn_transcript_next(struct store *st, int64_t session_id,
                              int64_t *seq);

/* World setup of a scenario sandbox (inside one transaction): cases and
 * hotlists go through store_case_add, store_hotlist_get,
 * store_hotlist_entry_add and store_ledger_add (store_cases.h). */
/* A read with a chosen id (0: the next one); sets *id. */
int store_scn_read_put(struct store *st, const struct lp_read *r,
                       int64_t want_id, int64_t *id);
/* Marks whether a camera's source keeps its own audit (IV.M.1). */
int store_scn_camera_audit(struct store *st, const char *camera_id,
                           int keeps_audit);

/* Final state for scoring.  Hotlist entries (active, or removed when
 * removed is set), with their list name; strings borrowed for the call. */
typedef int (*store_hot_fn)(void *arg, const char *hotlist,
                            const struct lp_hotlist_entry *e,
                            const char *removed_reason);
int store_scn_hotlist_each(struct store *st, int removed, store_hot_fn fn,
                           void *arg);

#endif
