/*
 * rng.h - the deterministic pseudo-random generator of the synthetic world:
 * xoshiro256** seeded through splitmix64.  Independent sub-streams come
 * from (seed, stream id), so that one vehicle's day never depends on how
 * many numbers another part of the generator drew before it.
 */
#ifndef LPRSIM_RNG_H
#define LPRSIM_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
    uint64_t s[4];
};

/* One splitmix64 step: advances *state and returns the next output. */
uint64_t rng_splitmix64(uint64_t *state);

/* Seeds r from one 64-bit seed (all seeds are valid, 0 too). */
void rng_seed(struct rng *r, uint64_t seed);

/* Seeds r as sub-stream `stream` of `seed`: streams of one seed, and the
 * same stream of different seeds, are independent. */
void rng_stream(struct rng *r, uint64_t seed, uint64_t stream);

/* Mixes two ids into one stream id (e.g. vehicle and day). */
uint64_t rng_mix(uint64_t a, uint64_t b);

/* A uniform 64-bit number. */
uint64_t rng_u64(struct rng *r);

/* A uniform number in [0, n); n == 0 gives 0.  Unbiased (Lemire). */
uint64_t rng_below(struct rng *r, uint64_t n);

/* A uniform double in [0, 1) with 53 random bits. */
double rng_double(struct rng *r);

/* 1 with probability p, else 0. */
int rng_chance(struct rng *r, double p);

/* A weighted table for rng_pick: cumulative weights. */
struct rng_table {
    double *cum;    /* cum[i] = sum of weights 0..i */
    size_t n;
    double total;
};

/* Builds a table from n weights (each >= 0, at least one > 0); returns 0,
 * or -1 when no weight is positive.  Free with rng_table_free. */
int rng_table_init(struct rng_table *t, const double *w, size_t n);
void rng_table_free(struct rng_table *t);

/* Picks an index with probability weight/total (binary search). */
size_t rng_pick(struct rng *r, const struct rng_table *t);

#endif
