/*
 * host.h - the sandboxed Lua host of the scenario engine, the only code
 * that includes Lua headers (with its siblings in sim/script/).  A fresh
 * state per evaluation with only base, string, table, math and utf8; no
 * io, os, package, debug, load, dofile, loadfile, require, string.dump;
 * an instruction budget, a memory cap, capped pattern functions, a seeded
 * math.random, sorted pairs(), and one `sim` table registered from one list.
 * Callers run it inside child_run() (child.h): the host alone cannot stop a
 * runaway pattern.
 */
#ifndef LPRSIM_HOST_H
#define LPRSIM_HOST_H

#include <jansson.h>
#include <stdint.h>

#include "util/util.h"

#define HOST_MEM_CAP (64u << 20)          /* bytes of Lua heap */
#define HOST_INSTR_BUDGET 20000000L       /* VM instructions per state */
#define HOST_SUBJECT_MAX 16384            /* pattern subject bytes */
#define HOST_PATTERN_MAX 128              /* pattern bytes */
#define HOST_REP_MAX (1u << 20)           /* string.rep result bytes */
#define HOST_FILE_MAX (1u << 20)          /* scenario source bytes */
#define HOST_ACT_MAX 200                  /* sim.act requests per scenario */
#define HOST_ACT_LINE_MAX 1000            /* bytes of one sim.act line */

struct host;

/* A fresh sandboxed state whose randomness comes from seed.  Free with
 * host_free(); host_free(NULL) does nothing. */
struct host *host_new(int64_t seed);
void host_free(struct host *h);

/* Runs the scenario source src (n bytes, read by the caller, at most
 * HOST_FILE_MAX) as a text chunk named path, and converts the scenario table it returns (or passes to
 * scenario{...}) to JSON: Lua functions become {"$fn":"objectives.2.check"}.
 * Returns 0 with *out (caller decrefs), or -LP_USAGE with err as
 * "file.lua:LINE: message". */
int host_eval(struct host *h, const char *path, const char *src, size_t n,
              json_t **out, struct lp_err *err);

/* After host_eval: calls the function at fnpath (as given in a $fn
 * marker) with the facts table t (converted from facts).  Sets *ok from
 * the first result and *note (caller frees, may be NULL) from the second.
 * Returns 0, or -LP_USAGE with err on a Lua error. */
int host_call(struct host *h, const char *fnpath, json_t *facts, int *ok,
              char **note, struct lp_err *err);

/* The names in the `sim` table, NULL-terminated (for the authoring guide
 * and the tests). */
extern const char *const host_sim_names[];

#endif
