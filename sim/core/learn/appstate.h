/*
 * appstate.h - the flow of the trainee application, shared by the
 * terminal screens (sim/tui) and the plain line mode (sim/cli/plain.c):
 * sign-in, tracks and progress for the dashboard, what to do next, lesson
 * check results, and the place to resume at.  No terminal code here.
 */
#ifndef LPRSIM_APPSTATE_H
#define LPRSIM_APPSTATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/learn/lesson.h"
#include "core/store/store.h"
#include "core/store/store_people.h"
#include "util/util.h"

/* Percentage of right answers that passes a knowledge check. */
#define APP_LESSON_PASS 80

struct app_scn {
    char *file;                       /* "q1.lua", relative to scenarios/ */
    int pass;                         /* pass mark, percent */
    struct lp_scenario_progress practice; /* practice sessions */
    struct lp_scenario_progress exam; /* exams taken for this track */
    /* what the application offers next, filled by app_refresh: the
     * practice until it is passed (a practice track), then the exam (the
     * certificate counts exams only) */
    struct lp_scenario_progress prog;
    int prog_exam;                    /* 1: prog is the exam */
};

struct app_module {
    char *id, *title;
    char *lesson;                     /* "lessons/queries.md" */
    char *lesson_id;                  /* "queries" */
    struct app_scn *scn;
    size_t nscn;
    int has_result;                   /* a check was answered */
    struct lp_lesson_result lres;
    int done;                         /* lesson read and passed, exams
                                         passed */
    int read;                         /* lesson read to its end */
};

struct app_track {
    char *id, *title, *version, *profile;
    struct app_module *mods;
    size_t nmods;
    size_t done_mods;
    int cert;                         /* 1: a certificate exists */
    int64_t cert_serial, cert_issued, cert_expires;
    int cert_revoked;
};

struct app {
    struct store *st;                 /* borrowed */
    int64_t now;
    char *root;                       /* data root: curriculum/, scenarios/ */
    char *user, *user_name;           /* signed in (NULL before) */
    struct app_track *tracks;
    size_t ntracks;
    struct sb problems;               /* lines: broken track files ... */
};

/* Loads the tracks from root/curriculum/tracks/NAME.json (broken files are
 * listed in a->problems, not fatal).  Returns 0 or negative with err. */
int app_init(struct app *a, struct store *st, int64_t now, const char *root,
             struct lp_err *err);
void app_free(struct app *a);

/* ---- sign-in ---- */
struct app_person {
    char *id, *name, *role;
};
/* The roster, ordered by id; free with app_people_free. */
int app_people(struct app *a, struct app_person **v, size_t *n,
               struct lp_err *err);
void app_people_free(struct app_person *v, size_t n);
/* Signs id in: 0 when on the roster, 1 when the id is valid but unknown
 * (ask for a name, then app_register), negative with err when invalid. */
int app_signin(struct app *a, const char *id, struct lp_err *err);
/* Adds id as a trainee with name and signs in.  0 or negative. */
int app_register(struct app *a, const char *id, const char *name,
                 struct lp_err *err);
/* The last person who signed in on this database (caller frees), or NULL. */
char *app_last_user(struct app *a);

/* ---- dashboard ---- */
/* Reloads the signed-in person's progress in every track. */
int app_refresh(struct app *a, struct lp_err *err);

enum app_step_kind { STEP_DONE = 0, STEP_LESSON, STEP_SCENARIO };
struct app_step {
    int kind;
    size_t track, module, scn;
};
/* The next thing to do in a track: the first lesson not passed or
 * scenario not passed, in module order. */
void app_next(const struct app *a, size_t track, struct app_step *out);
/* One line on the next step ("Next: read lesson 'Hotlists (IV.K)'");
 * caller frees. */
char *app_step_text(const struct app *a, const struct app_step *s);
/* The variant seed of a scenario for a person (1..999999): variants differ
 * between people and stay the same for one person across attempts. */
int64_t app_seed(const char *user, const char *file);
/* The scenario mode of a track: "exam" for the yearly refresher (verdicts
 * explained at the end), "practice" otherwise.  Progress in a track counts
 * only sessions of its mode. */
const char *app_track_mode(const struct app_track *t);
/* Where a person's certificate of a track stands (the trainee's
 * certificate screen). */
enum app_cert_state {
    CERT_NONE = 0,        /* nothing done yet */
    CERT_LEFT,            /* requirements left (listed) */
    CERT_READY,           /* every requirement met: ready to request */
    CERT_REQUESTED,       /* requested; an instructor issues it */
    CERT_ISSUED,          /* valid */
    CERT_EXPIRING,        /* valid, expiring within APP_CERT_WARN_DAYS */
    CERT_EXPIRED,
    CERT_REVOKED,
};
#define APP_CERT_WARN_DAYS 30
struct app_cert_status {
    int state;            /* enum app_cert_state */
    int days_left;        /* CERT_EXPIRING: days to expiry */
    int64_t serial;       /* of the newest certificate, or 0 */
    char *left;           /* CERT_LEFT: one requirement a line (owned) */
};
/* The status of the signed-in person's certificate of track ti from the
 * application's records (the issuer replays the exams before signing).
 * Free st->left with free().  Returns 0 or negative with err. */
int app_cert_status(struct app *a, size_t ti, struct app_cert_status *st,
                    struct lp_err *err);
/* Words for a state ("ready to request"). */
const char *app_cert_state_name(int state);
/* Records the signed-in person's request for a certificate of track ti,
 * only when its status is CERT_READY (LP_USAGE otherwise, saying why). */
int app_cert_request(struct app *a, size_t ti, struct lp_err *err);

/* Certificate status of a track in words ("none yet", "valid until
 * 2027-03-02", "expired on ...", "revoked"); caller frees. */
char *app_cert_text(const struct app *a, size_t track);
/* Where a track stands after a scenario: modules done, and when the
 * track is complete every module's lesson and best scores and the
 * certificate status.  Caller frees. */
char *app_track_summary(const struct app *a, size_t track);
/* Lesson state in words ("passed 3/3", "tried 1/3", "not read"); writes
 * into buf. */
void app_lesson_state(const struct app_module *m, char *buf, size_t n);
/* Scenario state in words ("passed, best 92%", "best 40%, not passed",
 * "in progress", "not started"). */
void app_scn_state(const struct app_scn *s, char *buf, size_t n);

/* Sets an unfinished attempt of scenario s aside (when it cannot be
 * resumed, e.g. its file changed) so the next open starts afresh.
 * Returns 0 or negative with err. */
int app_scenario_restart(struct app *a, struct app_scn *s,
                         struct lp_err *err);

/* ---- lessons ---- */
/* Path of a module's lesson file; caller frees. */
char *app_lesson_path(const struct app *a, const struct app_module *m);
/* Records a knowledge-check result (passed at APP_LESSON_PASS percent);
 * returns 0 or negative with err. *passed tells the outcome. */
int app_lesson_record(struct app *a, struct app_module *m, int right,
                      int questions, int *passed, struct lp_err *err);

/* Records that the signed-in person read a module's lesson to its end
 * (the first time counts: a certificate needs it, and exams count only
 * after it).  Returns 0 or negative with err. */
int app_lesson_read(struct app *a, const struct app_module *m,
                    struct lp_err *err);

/* A knowledge check attempt: questions drawn from the lesson's bank with
 * their options shuffled from a seed lprsim draws, the answers given so
 * far.  Saved after every answer, so a quit or a crash resumes it. */
struct app_check {
    const struct lesson *l;            /* borrowed */
    struct lesson_attempt at;
    int answer[LESSON_MAX_DRAW];       /* shown option chosen, -1: none */
    size_t answered;                   /* questions answered so far */
    int attempt;                       /* this attempt's number, from 1 */
    int resumed;                       /* 1: continued from a saved state */
};
/* Starts the check of module m (lesson l) or resumes the one in
 * progress.  Returns 0 or negative with err. */
int app_check_begin(struct app *a, const struct app_module *m,
                    const struct lesson *l, struct app_check *c,
                    struct lp_err *err);
/* Answers the next question with shown option k and saves the attempt. */
int app_check_answer(struct app *a, const struct app_module *m,
                     struct app_check *c, size_t k, struct lp_err *err);
/* Forgets the answers (before submitting) and saves. */
int app_check_clear(struct app *a, const struct app_module *m,
                    struct app_check *c, struct lp_err *err);
/* Submits a fully answered attempt: records the result (passed at
 * APP_LESSON_PASS %), ends the saved attempt.  *right, *passed; *reveal
 * 1 when the right answers may now be shown (passed, or the lesson's
 * attempts are used up).  Returns 0 or negative with err. */
int app_check_submit(struct app *a, struct app_module *m, struct app_check *c,
                     size_t *right, int *passed, int *reveal,
                     struct lp_err *err);

/* ---- resume ---- */
/* Saves where the signed-in person is ("lesson initial queries 12");
 * one small transaction.  Returns 0 or negative with err. */
int app_place_save(struct app *a, const char *place, struct lp_err *err);
/* The saved place of the signed-in person (caller frees), or NULL. */
char *app_place_load(struct app *a);
/* Finds track and module by ids; returns 0 and sets indexes, or -1. */
int app_find(const struct app *a, const char *track, const char *module,
             size_t *ti, size_t *mi);

#endif
