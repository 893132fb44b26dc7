/*
 * store_people.h - the roster (store_people.c) and what each trainee has
 * done: knowledge-check results, scenario attempts (store_progress.c).
 */
#ifndef LPRSIM_STORE_PEOPLE_H
#define LPRSIM_STORE_PEOPLE_H

#include <stdint.h>

#include "core/store/model.h"
#include "core/store/store.h"

/* Adds a person; a duplicate id gives LP_USAGE with a clear message. */
int store_person_add(struct store *st, const struct lp_person *p);
/* Returns 1 and fills p (strings valid until the next call on st) when the
 * id exists, 0 when not, negative on error. */
int store_person_get(struct store *st, const char *id, struct lp_person *p);
/* The same by the bound Unix login. */
int store_person_by_login(struct store *st, const char *login,
                          struct lp_person *p);
typedef int (*store_person_fn)(void *arg, const struct lp_person *p);
/* Calls fn for each person ordered by id; stops on non-zero. */
int store_people_each(struct store *st, store_person_fn fn, void *arg);
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

/* Sets an unfinished (active) session aside as 'abandoned', so that the
 * scenario can start afresh (its file changed, say).  Returns 0 or
 * negative; a session that is not active is left as it is. */
int store_progress_abandon(struct store *st, int64_t session_id);

#endif
