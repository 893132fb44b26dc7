/*
 * scenario.h - the scenario engine's core API, shared by the CLI
 * (`lprsim scenario ...`), the terminal application and the certificate
 * issuer: load and lint a scenario file, build its sandbox world, run a
 * session one action line at a time (with practice feedback), resume it
 * after any interruption, finish it (the transcript is replayed in a fresh
 * sandbox and scored), replay any transcript, and run a scenario's
 * self-tests.  Format and vocabulary: scenarios/README.md.
 */
#ifndef LPRSIM_SCENARIO_H
#define LPRSIM_SCENARIO_H

#include <jansson.h>
#include <stdint.h>

#include "core/store/store.h"
#include "util/util.h"

struct scenario;

/* Reads the file, evaluates it in a sandboxed child with this seed (the
 * variant) and lints the result.  Returns 0 with *out (free with
 * scenario_free), or negative with err as "file.lua:LINE: message". */
int scenario_load(const char *path, int64_t seed, struct scenario **out,
                  struct lp_err *err);
void scenario_free(struct scenario *sc);

/* The evaluated scenario document (borrowed): id, title, briefing, inbox,
 * objectives (checks as JSON), hints, debrief, pass, solution, pitfalls. */
const json_t *scenario_doc(const struct scenario *sc);
const char *scenario_id(const struct scenario *sc);
const char *scenario_title(const struct scenario *sc);
const char *scenario_path(const struct scenario *sc);
/* SHA-256 of the source, hex (borrowed). */
const char *scenario_hash(const struct scenario *sc);
int64_t scenario_seed(const struct scenario *sc);
/* What an exam shows instead of the objectives: the scenario's "task",
 * else a general one; never the answer (borrowed). */
const char *scenario_task(const struct scenario *sc);
/* The sandbox clock of the scenario. */
int64_t scenario_now(const struct scenario *sc);

/* Builds the scenario's sandbox world into st (an empty store) in one
 * transaction: clock, roster (the trainee user plus the scenario's
 * people), places, cameras, cases, hotlists, reads, audit history, the
 * background traffic, and a session row with session_id.  Returns 0 or
 * negative with err; nothing is written on failure. */
int scenario_world_build(const struct scenario *sc, struct store *st,
                         const char *user, int64_t session_id,
                         struct lp_err *err);

/* Lua function checks of the scenario evaluated against facts in a
 * sandboxed child.  Returns 0 with *fnres ({path:{ok,note}}; caller
 * decrefs) or negative with err. */
int scenario_eval_functions(const struct scenario *sc, const json_t *facts,
                            json_t **fnres, struct lp_err *err);

/* One step of a session. */
struct scenario_step {
    int status;          /* exit status of the action (LP_OK, LP_REFUSED..) */
    int recorded;        /* 1 when it went into the transcript */
    json_t *doc;         /* the action's JSON document, owned; may be NULL */
    char *text;          /* what the action printed for a person; owned */
    char *feedback;      /* practice-mode explanation; NULL in exam mode */
};
void scenario_step_free(struct scenario_step *s);

struct scenario_session;

/* Starts a practice session for user (on the roster of main; mode
 * "practice" or NULL; an exam goes through scenario_exam_start): loads the scenario, records the session in main, and builds its
 * sandbox (a database file beside main's, or in memory when main is
 * ":memory:").  Returns 0 with *out, or negative with err. */
int scenario_session_start(struct store *main, const char *path,
                           int64_t seed, const char *mode, const char *user,
                           struct scenario_session **out, struct lp_err *err);
/* Starts an exam session of the scenario at path for user in track (its
 * id is recorded; the certificate counts only that track's exams).  The
 * seed is drawn here, never given: it differs from practice_seed and from
 * every seed the person had in this scenario.  Refused (LP_USAGE) while an
 * exam of the same scenario is in progress.  time_limit_min > 0 sets a
 * deadline after which no action is recorded. */
int scenario_exam_start(struct store *main, const char *path,
                        const char *track, int time_limit_min,
                        const char *user, int64_t practice_seed,
                        struct scenario_session **out, struct lp_err *err);
/* The person whose session it is (borrowed). */
const char *scenario_session_user(const struct scenario_session *s);
/* The wall-clock deadline of an exam session, or 0. */
int64_t scenario_session_deadline(const struct scenario_session *s);
/* Reopens an active session where it stopped (after a quit, a crash or a
 * kill -9): nothing acknowledged is lost. */
int scenario_session_resume(struct store *main, int64_t id,
                            struct scenario_session **out,
                            struct lp_err *err);
/* The newest active session of user, or 0 in *id when none. */
int scenario_session_latest(struct store *main, const char *user,
                            int64_t *id, struct lp_err *err);

/* Runs one action line ("query --plate ..." or "reply --request r1 ...");
 * the action, its audit entry and its transcript row are one transaction.
 * Returns 0 (see step->status for the verdict) or negative with err for a
 * failure of the engine itself. */
int scenario_session_act(struct scenario_session *s, const char *line,
                         struct scenario_step *step, struct lp_err *err);
/* Live state of the objectives (practice mode): [{id,text,met}]; caller
 * decrefs.  NULL with err on failure. */
json_t *scenario_session_objectives(struct scenario_session *s,
                                    struct lp_err *err);
/* Finishes: replays the transcript in a fresh sandbox, scores it, signs
 * an audit checkpoint of main (scenario_audit_checkpoint, in the report as
 * "audit_checkpoint"), stores the report in main and removes the sandbox.
 * *report (caller decrefs). */
int scenario_session_finish(struct scenario_session *s, json_t **report,
                            struct lp_err *err);
/* Signs a checkpoint of main's audit log (entry count and head hash)
 * with the instructor's secret key named by $LPRSIM_AUDIT_KEY (the
 * convention of 'audit checkpoint'), unless the log fails 'audit verify'
 * (a broken chain, or a log cut below an earlier checkpoint).  Returns {"signed":true, checkpoint,
 * entries, head (hex), at, key_id, signature (base64)} or, without a key
 * or when signing fails, {"signed":false, "note": why}: never NULL;
 * caller decrefs. */
json_t *scenario_audit_checkpoint(struct store *main);
/* Closes the session, leaving it resumable.  NULL does nothing. */
void scenario_session_close(struct scenario_session *s);

int64_t scenario_session_id(const struct scenario_session *s);
const char *scenario_session_mode(const struct scenario_session *s);
const struct scenario *scenario_session_scenario(
    const struct scenario_session *s);
/* The session's sandbox store (borrowed), for read-only views such as the
 * terminal application's audit pane. */
struct store *scenario_session_store(struct scenario_session *s);
/* How many actions the transcript holds. */
int64_t scenario_session_actions(const struct scenario_session *s);

/* Replays action lines into a fresh in-memory sandbox of the scenario and
 * scores them.  Returns 0 with *report (caller decrefs). */
int scenario_replay(const struct scenario *sc, const char *mode,
                    const char *user, char *const *lines, size_t n,
                    json_t **report, struct lp_err *err);
/* Replays a recorded session of main (finished or not).  path overrides
 * the scenario file recorded in the session (NULL: the recorded one). */
int scenario_replay_session(struct store *main, int64_t id, const char *path,
                            json_t **report, struct lp_err *err);
/* Writes a session's transcript as a JSON document {scenario, file, hash,
 * seed, mode, user, actions:[lines]} (caller decrefs). */
int scenario_transcript(struct store *main, int64_t id, json_t **out,
                        struct lp_err *err);
/* Replays a transcript document as written by scenario_transcript. */
int scenario_replay_doc(const json_t *doc, const char *path, json_t **report,
                        struct lp_err *err);

/* Lints the file and runs its self-tests (the solution must score full
 * marks; each pitfall must fail and trip its rule) for seeds 1 and 2.  Appends one line per finding to out.  Returns 0 when all
 * pass, -LP_FAIL when a self-test fails, -LP_USAGE for a lint error. */
int scenario_check(const char *path, struct sb *out, struct lp_err *err);
/* The same for seeds 1..seeds. */
int scenario_check_seeds(const char *path, int seeds, struct sb *out,
                         struct lp_err *err);

/* Human text of a report (caller frees). */
char *scenario_report_text(const json_t *report);
/* The report's actions, each with its verdict, rules and reason: the
 * explanations an exam keeps for the end (caller frees). */
char *scenario_report_actions(const json_t *report);

/* The rule-by-scenario matrix of track track_id (root/curriculum/tracks):
 * {"track":..,"min":N,"modules":[{"module":..,"scenarios":[ids]}],
 * "rules":{"IV.A.1":[scenario ids],..} (every rule of the catalogue),
 * "problems":[texts]} where a problem is a rule with fewer than min
 * scenarios or a module with fewer than two.  *out is the caller's to
 * decref.  Returns 0, or negative with err (a track or scenario that does
 * not load). */
int scenario_coverage(const char *root, const char *track_id, json_t **out,
                      struct lp_err *err);

#endif
