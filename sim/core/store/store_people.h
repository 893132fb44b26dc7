/*
 * store_people.h - the roster (store_people.c) and what each trainee has
 * done: knowledge-check results, scenario attempts (store_progress.c).
 */
#ifndef LPRSIM_STORE_PEOPLE_H
#define LPRSIM_STORE_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"

/* Adds a person; a duplicate id gives LP_USAGE with a clear message. */
int store_person_add(struct store *st, const struct lp_person *p);
/* Returns 1 and fills p (strings valid until the next call on st) when the
 * id exists, 0 when not, negative on error. */
int store_person_get(struct store *st, const char *id, struct lp_person *p);
typedef int (*store_person_fn)(void *arg, const struct lp_person *p);
/* Calls fn for each person ordered by id; stops on non-zero. */
int store_people_each(struct store *st, store_person_fn fn, void *arg);
/* Adds a person or updates the name, login, role, unit and e-mail of the
 * one with that id (trained and created_at stay).  Sets *what to 1 added,
 * 2 updated, 0 unchanged.  A login held by another person gives LP_USAGE. */
int store_person_upsert(struct store *st, const struct lp_person *p,
                        int *what);
/* Returns 1 and fills p (strings valid until the next call on st) when
 * someone has this login, 0 when nobody has, negative on error. */
int store_person_by_login(struct store *st, const char *login,
                          struct lp_person *p);
/* Marks a person trained or untrained (IV.H); 1 done, 0 unknown id. */
int store_person_set_trained(struct store *st, const char *id, int trained);

/* A knowledge check result for one lesson of one person. */
struct lp_lesson_result {
    int right, questions, passed;
    int64_t at;
};
/* Records a check result; a passed result is never replaced by a failed
 * one.  Runs in its own transaction.  Returns 0 or negative status. */
int store_lesson_result_set(struct store *st, const char *user,
                            const char *lesson,
                            const struct lp_lesson_result *r);
/* Returns 1 and fills r when the person has a result for the lesson, 0
 * when not, negative on error. */
int store_lesson_result_get(struct store *st, const char *user,
                            const char *lesson, struct lp_lesson_result *r);

/* ---- the assessment (store_learn.c) ---- */

/* Records that user read lesson to its end at time at; the first time is
 * kept (later reads change nothing).  Returns 0 or negative. */
int store_lesson_read_mark(struct store *st, const char *user,
                           const char *lesson, int64_t at);
/* 1 and *at (the first read to the end) when read, 0 when not, negative
 * on error. */
int store_lesson_read_get(struct store *st, const char *user,
                          const char *lesson, int64_t *at);
/* A knowledge check in progress: its variant seed and the answers given
 * so far (text, the caller's format).  Set replaces. */
int store_check_state_set(struct store *st, const char *user,
                          const char *lesson, int64_t seed,
                          const char *answers, int64_t at);
/* 1 with *seed and *answers (caller frees) when a check is in progress, 0
 * when not, negative on error. */
int store_check_state_get(struct store *st, const char *user,
                          const char *lesson, int64_t *seed, char **answers);
int store_check_state_clear(struct store *st, const char *user,
                            const char *lesson);
/* Finished attempts of a lesson's check (0 when none). */
int store_lesson_attempts(struct store *st, const char *user,
                          const char *lesson, int *attempts);
/* A trainee's request for a certificate of a track. */
struct store_cert_request {
    int64_t id, at;
    const char *user_id, *track;     /* borrowed for the call */
};
int store_cert_request_add(struct store *st, const char *user,
                           const char *track, int64_t at, int64_t *id);
typedef int (*store_cert_request_fn)(void *arg,
                                     const struct store_cert_request *r);
/* Calls fn for the requests of user (NULL: everyone), oldest first. */
int store_cert_requests_each(struct store *st, const char *user,
                             store_cert_request_fn fn, void *arg);

/* What a person did with one scenario (matched by its file name). */
struct lp_scenario_progress {
    int attempts;            /* finished sessions */
    double best;             /* best score of a finished session, or -1 */
    int passed;              /* 1 if any finished session passed */
    int64_t active_session;  /* an unfinished session to resume, or 0 */
};
/* mode "practice"/"exam" counts only sessions of that mode; NULL: any. */
int store_scenario_progress(struct store *st, const char *user,
                            const char *file, const char *mode,
                            struct lp_scenario_progress *p);

/* The same, counting only sessions of mode taken for track (NULL: any):
 * the exams of one track. */
int store_exam_progress(struct store *st, const char *user, const char *file,
                        const char *mode, const char *track,
                        struct lp_scenario_progress *p);

/* Sets an unfinished (active) session aside as 'abandoned', so that the
 * scenario can start afresh (its file changed, say).  Returns 0 or
 * negative; a session that is not active is left as it is. */
int store_progress_abandon(struct store *st, int64_t session_id);

#endif
