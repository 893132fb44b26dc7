/*
 * host_int.h - internals shared by the Lua host's files (host.c: the
 * sandboxed state; host_api.c: the `sim` table).
 */
#ifndef LPRSIM_HOST_INT_H
#define LPRSIM_HOST_INT_H

#include <jansson.h>
#include <lauxlib.h>
#include <lua.h>

#include "script/host.h"

struct host {
    lua_State *L;
    size_t used;
    int mem_hit;          /* sticky: the cap was reached */
    int exhausted;        /* sticky: the budget was spent */
    long instr;
    uint64_t rng;
    char where[96];       /* last file:line seen by the hook */
    const char *path;
    json_t *facts;        /* borrowed during host_call */
    json_t *acts;         /* owned: sim.act() requests, NULL when none */
};

/* The host of a state (its allocator's user data). */
struct host *host_of(lua_State *L);
/* Converts the value at idx to JSON (functions become {"$fn": path});
 * returns 0 with *out, or -1 with the problem in e. */
int host_to_json(lua_State *L, int idx, const char *path, int depth,
                 json_t **out, struct sb *e);
/* pairs() in a fixed order: numbers, then text in byte order. */
int host_sorted_pairs(lua_State *L);
/* The sim.act() requests so far as a JSON list (new reference), or NULL
 * when there were none. */
json_t *host_act_requests(struct host *h);
/* The `sim` table's functions, registered from this one list. */
extern const luaL_Reg host_sim_api[];

#endif
