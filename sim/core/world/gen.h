/*
 * gen.h - the generator of the synthetic LPR world.  From the datasets and
 * a seed it builds vehicles (plates in real state formats, make, model,
 * colour, home, work and favourite places, routines) and then streams
 * camera reads day by day, with faults recorded as ground truth.  The
 * same seed and parameters give the same reads, byte for byte; memory is
 * O(vehicles), never O(reads).  The core never prints: progress goes to a
 * callback.
 */
#ifndef LPRSIM_GEN_H
#define LPRSIM_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/world/dataset.h"
#include "core/store/model.h"
#include "core/store/store.h"
#include "util/util.h"

/* The home state of the metro area: most plates come from here. */
#define GEN_HOME_STATE "KS"

struct gen_params {
    uint64_t seed;          /* world seed: vehicles, homes, routines */
    uint64_t read_seed;     /* seed of this batch of reads */
    int64_t vehicles;       /* how many vehicles (>= 1) */
    int64_t days;           /* reads spread over [now - days, now) */
    int64_t reads;          /* exactly this many reads */
    int64_t now;            /* end of the window (the sandbox clock) */
    double fault_ocr;       /* share of reads with one OCR confusion */
    double fault_partial;   /* share of partial plates */
    double fault_state;     /* share of wrong-state reads */
    double fault_dup;       /* share of near-duplicate reads */
    double home_share;      /* share of plates from GEN_HOME_STATE */
};

/* Defaults: seed 1, 2000 vehicles, 1095 days, 300000 reads, faults
 * 3% OCR, 1% partial, 1% state, 2% duplicates, 85% home-state plates;
 * now is left 0 for the caller to set. */
void gen_params_default(struct gen_params *p);

/* Checks ranges and their combination; returns 0 or -LP_USAGE with a
 * message naming the option (--reads, --fault-ocr ...). */
int gen_params_check(const struct gen_params *p, struct lp_err *err);

/* The parameters as one JSON object (for the meta table); caller frees. */
char *gen_params_to_json(const struct gen_params *p);
/* Parses what gen_params_to_json wrote; returns 0 or -LP_FAIL. */
int gen_params_from_json(const char *text, struct gen_params *p,
                         struct lp_err *err);

/* ---- the world ---- */

struct gen_world;

/* Builds the world (vehicles, routes) for p->seed and p->vehicles from
 * the dataset, which must outlive the world.  Returns 0 and *out (free
 * with gen_world_free) or a negative status with err. */
int gen_world_new(const struct dataset *ds, const struct gen_params *p,
                  struct gen_world **out, struct lp_err *err);
void gen_world_free(struct gen_world *w);

/* Number of vehicles, and vehicle i as a record (strings borrowed from
 * the world; home_place and work_place are 1-based place row numbers in
 * dataset order, 0 for none; id is i + 1). */
size_t gen_world_vehicle_count(const struct gen_world *w);
void gen_world_vehicle(const struct gen_world *w, size_t i,
                       struct lp_vehicle *v);

/* A fingerprint of the vehicles (plates and states), to tell whether a
 * database's world was built from the same datasets and seed. */
uint64_t gen_world_digest(const struct gen_world *w);

/* ---- streaming reads ---- */

struct gen_sink {
    /* Called for each read in order (strings valid for the call). */
    int (*read)(void *arg, const struct lp_read *r);
    /* Called after each calendar day: next_day is the index of the day
     * to generate next, done the reads emitted so far.  May be NULL. */
    int (*day_done)(void *arg, int64_t next_day, int64_t done);
    /* Progress: done of total reads.  May be NULL. */
    void (*progress)(void *arg, int64_t done, int64_t total);
    void *arg;
};

/* Number of calendar days the window [now - days, now) touches. */
int64_t gen_day_count(const struct gen_params *p);

/* Streams the reads of p (p->read_seed) over the world, starting at day
 * index first_day with done reads already emitted before it (0, 0 for a
 * fresh run; the values of a day_done call to resume).  A non-zero return
 * of a sink function stops the run and is returned.  Returns 0 or a
 * negative status with err. */
int gen_run(struct gen_world *w, const struct gen_params *p,
            int64_t first_day, int64_t done, const struct gen_sink *sink,
            struct lp_err *err);

/* ---- into a database ---- */

/* Progress callback of the database helpers (may be NULL). */
typedef void (*gen_progress_fn)(void *arg, int64_t done, int64_t total);

/* Writes a new world into an empty store in one transaction: places,
 * cameras, statutes, vehicles, the clock (p->now) and the settings seed,
 * params, policy_profile ("ice-2017" unless already set), world_digest,
 * with p's reads marked as an unfinished generation (gen_store_reads or
 * gen_store_resume then makes them).  Returns 0 or a negative status. */
int gen_store_world(struct store *st, const struct dataset *ds,
                    const struct gen_world *w, const struct gen_params *p,
                    struct lp_err *err);

/* Generates the reads of p into the store, committing every chunk reads
 * (at day ends) with the progress in the settings (gen_state, gen_batch,
 * gen_next_day, gen_done), so that a killed run leaves a consistent
 * database that gen_store_resume() finishes with the same final result.
 * The (plate, time) index is built at the end.  chunk 0 means 200000. */
int gen_store_reads(struct store *st, struct gen_world *w,
                    const struct gen_params *p, int64_t chunk,
                    gen_progress_fn progress, void *arg, struct lp_err *err);

/* Finishes an interrupted gen_store_reads.  *params receives the batch's
 * parameters.  Returns 1 when there was something to finish (and it is
 * now finished), 0 when there was nothing, or a negative status. */
int gen_store_resume(struct store *st, const struct dataset *ds,
                     int64_t chunk, gen_progress_fn progress, void *arg,
                     struct gen_params *params, struct lp_err *err);

/* Reads the world's parameters (setting "params") into p.  Returns 0, or
 * a negative status with err when the store holds no world. */
int gen_store_world_params(struct store *st, struct gen_params *p,
                           struct lp_err *err);

/* 1 when the store holds an unfinished generation, 0 when not,
 * negative on error (message in store_errmsg). */
int gen_store_unfinished(struct store *st);

#endif
