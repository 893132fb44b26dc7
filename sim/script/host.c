/*
 * host.c - the sandboxed Lua state of the scenario engine (see host.h):
 * allocator with a cap, count hook with a budget, allow-listed libraries,
 * wrappers for pcall/xpcall/patterns/string.rep, sorted pairs, and the
 * Lua <-> JSON conversions (the `sim` table is in host_api.c).
 */
#include "script/host_int.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script/child.h"

#define JSON_DEPTH_MAX 32

struct host *host_of(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

static void *host_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct host *h = ud;
    if (!ptr)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        h->used -= osize;
        return NULL;
    }
    if (nsize > osize && h->used + (nsize - osize) > HOST_MEM_CAP) {
        h->mem_hit = 1;
        return NULL;
    }
    void *q = realloc(ptr, nsize);
    if (!q) {
        h->mem_hit = 1;
        return NULL;
    }
    h->used = h->used - osize + nsize;
    return q;
}

static void host_hook(lua_State *L, lua_Debug *ar)
{
    struct host *h = host_of(L);
    h->instr += 1000;
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        snprintf(h->where, sizeof h->where, "%s:%d", ar->short_src,
                 ar->currentline);
    if (h->instr > HOST_INSTR_BUDGET || h->exhausted) {
        h->exhausted = 1;
        lua_pushfstring(L, "%s: instruction budget exceeded (endless "
                        "loop?)", h->where[0] ? h->where : h->path);
        lua_error(L);
    }
}

/* ---- wrappers of base and string functions ---- */

static int sticky(struct host *h)
{
    return h->exhausted || h->mem_hit;
}

static int l_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int st = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (st != LUA_OK && sticky(host_of(L)))
        return lua_error(L);
    lua_pushboolean(L, st == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

/* xpcall rebuilt on pcall: the handler runs after unwinding, under the
 * hook (the stock xpcall runs it with hooks off: TRAPS.md). */
static int l_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    for (int i = 3; i <= n; i++)
        lua_pushvalue(L, i);
    int st = lua_pcall(L, n - 2, LUA_MULTRET, 0);
    if (st != LUA_OK) {
        if (sticky(host_of(L)))
            return lua_error(L);
        lua_pushvalue(L, 2);
        lua_insert(L, -2);
        int st2 = lua_pcall(L, 1, 1, 0);
        if (st2 != LUA_OK && sticky(host_of(L)))
            return lua_error(L);
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, n + 1);
    return lua_gettop(L) - n;
}

static int l_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "count");
    if (strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage: only \"count\" is allowed in "
                          "scenarios");
    lua_pushnumber(L, (lua_Number)host_of(L)->used / 1024.0);
    return 1;
}

/* Notes the calling Lua line where a killed child can be placed. */
static void note_where(lua_State *L)
{
    lua_Debug ar;
    if (child_where && lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) &&
        ar.currentline > 0)
        snprintf(child_where, CHILD_WHERE_MAX, "%s:%d", ar.short_src,
                 ar.currentline);
}

static int pattern_guard(lua_State *L)
{
    note_where(L);
    size_t ls = 0, lp = 0;
    luaL_checklstring(L, 1, &ls);
    luaL_checklstring(L, 2, &lp);
    if (ls > HOST_SUBJECT_MAX)
        return luaL_error(L, "pattern subject too long (%d bytes max)",
                          HOST_SUBJECT_MAX);
    if (lp > HOST_PATTERN_MAX)
        return luaL_error(L, "pattern too long (%d bytes max)",
                          HOST_PATTERN_MAX);
    return 0;
}

static int l_pattern(lua_State *L)
{
    pattern_guard(L);
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

static int l_rep(lua_State *L)
{
    size_t l = 0, lsep = 0;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n > 0 && (double)(l + lsep) * (double)n > (double)HOST_REP_MAX)
        return luaL_error(L, "string.rep: result too large (%d bytes max)",
                          (int)HOST_REP_MAX);
    int k = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, k, 1);
    return 1;
}

/* ---- deterministic iteration ---- */

static int key_cmp(lua_State *L, int a, int b)
{
    int ta = lua_type(L, a), tb = lua_type(L, b);
    if (ta != tb)
        return ta == LUA_TNUMBER ? -1 : tb == LUA_TNUMBER ? 1 : ta - tb;
    if (ta == LUA_TNUMBER)
        return lua_compare(L, a, b, LUA_OPLT) ? -1
               : lua_compare(L, a, b, LUA_OPEQ) ? 0 : 1;
    if (ta == LUA_TSTRING) {
        size_t la, lb;
        const char *sa = lua_tolstring(L, a, &la);
        const char *sb2 = lua_tolstring(L, b, &lb);
        int c = memcmp(sa, sb2, la < lb ? la : lb);
        return c ? c : (la < lb ? -1 : la > lb);
    }
    if (ta == LUA_TBOOLEAN)
        return lua_toboolean(L, a) - lua_toboolean(L, b);
    return luaL_error(L, "pairs: a key of type %s has no stable order",
                      lua_typename(L, ta));
}

/* Iterator: upvalue 1 the sorted key list, 2 the table, 3 the position. */
static int sorted_next(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(3)) + 1;
    lua_pushinteger(L, i);
    lua_replace(L, lua_upvalueindex(3));
    if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
        return 1;
    lua_pushvalue(L, -1);
    lua_gettable(L, lua_upvalueindex(2));
    return 2;
}

/* sorted_pairs(t): like pairs but numbers first in order, then strings in
 * byte order, whatever the state's string hash seed. */
int host_sorted_pairs(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_newtable(L);
    int keys = lua_gettop(L);
    lua_Integer n = 0;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        /* insertion sort into keys: scenario tables are small */
        lua_Integer j = n;
        while (j > 0) {
            lua_rawgeti(L, keys, j);
            int c = key_cmp(L, -1, -2);
            if (c <= 0) {
                lua_pop(L, 1);
                break;
            }
            lua_rawseti(L, keys, j + 1);
            j--;
        }
        lua_pushvalue(L, -1);
        lua_rawseti(L, keys, j + 1);
        n++;
    }
    lua_pushvalue(L, keys);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, sorted_next, 3);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int l_scenario(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_pushvalue(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "lprsim.scenario");
    lua_pushvalue(L, 1);
    return 1;
}

static void wrap_field(lua_State *L, int tbl, const char *name,
                       lua_CFunction fn)
{
    lua_getfield(L, tbl, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, tbl, name);
}

/* ---- nothing that shows a memory address ---- */

/* Pushes the text of value idx as tostring would, but a table, function,
 * thread or userdata without __tostring becomes its type name alone
 * ("table"), never "table: 0x55d0…": an address differs between runs and
 * would make a replay differ from the run it replays. */
static void push_safe_text(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    int t = lua_type(L, idx);
    if ((t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TTHREAD ||
         t == LUA_TUSERDATA || t == LUA_TLIGHTUSERDATA) &&
        luaL_getmetafield(L, idx, "__tostring") == LUA_TNIL) {
        lua_pushstring(L, lua_typename(L, t));
        return;
    }
    if (t == LUA_TTABLE || t == LUA_TUSERDATA)
        lua_pop(L, 1);              /* the __tostring field fetched above */
    luaL_tolstring(L, idx, NULL);
}

/* tostring(v) without addresses. */
static int l_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    push_safe_text(L, 1);
    return 1;
}

/* string.format: %p refused (an address), and a %s of a table or function
 * given as its type name; everything else as the library does it. */
static int l_format(lua_State *L)
{
    size_t n;
    const char *f = luaL_checklstring(L, 1, &n);
    int arg = 1;
    for (size_t i = 0; i < n; i++) {
        if (f[i] != '%')
            continue;
        if (++i < n && f[i] == '%')
            continue;
        while (i < n && strchr("-+ #0123456789.", f[i]))
            i++;
        if (i >= n)
            break;
        arg++;
        if (f[i] == 'p')
            return luaL_error(L, "string.format: %%p is not allowed in "
                              "scenarios (it shows a memory address)");
        if (f[i] == 's' && arg <= lua_gettop(L) &&
            lua_type(L, arg) != LUA_TSTRING && lua_type(L, arg) != LUA_TNUMBER) {
            push_safe_text(L, arg);
            lua_replace(L, arg);
        }
    }
    int k = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, k, LUA_MULTRET);
    return lua_gettop(L);
}

/* next(t [, k]) in the order of pairs (numbers, then text in byte order),
 * whatever the state's string hash seed: the smallest key greater than k
 * (any key when k is nil).  A full scan per call: scenario tables are
 * small, and the child's CPU limit bounds a large one. */
static int l_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    int have = 0;                   /* best key so far at index 3 */
    lua_pushnil(L);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        if ((lua_isnil(L, 2) || key_cmp(L, -1, 2) > 0) &&
            (!have || key_cmp(L, -1, 3) < 0)) {
            lua_pushvalue(L, -1);
            lua_replace(L, 3);
            have = 1;
        }
    }
    if (!have) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushvalue(L, 3);
    lua_pushvalue(L, 3);
    lua_rawget(L, 1);
    return 2;
}

static int open_sandbox(lua_State *L)
{
    struct host *h = host_of(L);
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(L, 0);
    /* math.random seeded from the scenario seed; randomseed removed */
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, (lua_Integer)h->rng);
    lua_call(L, 1, 0);
    lua_pushnil(L);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);
    static const char *const drop[] = {"dofile", "loadfile", "load",
                                       "loadstring", "require", "print",
                                       "warn", "module", NULL};
    for (int i = 0; drop[i]; i++) {
        lua_pushnil(L);
        lua_setglobal(L, drop[i]);
    }
    lua_pushglobaltable(L);
    lua_pushcfunction(L, l_pcall);
    lua_setfield(L, -2, "pcall");
    lua_pushcfunction(L, l_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_pushcfunction(L, l_collectgarbage);
    lua_setfield(L, -2, "collectgarbage");
    lua_pushcfunction(L, host_sorted_pairs);
    lua_setfield(L, -2, "pairs");
    lua_pushcfunction(L, l_next);
    lua_setfield(L, -2, "next");
    lua_pushcfunction(L, l_tostring);
    lua_setfield(L, -2, "tostring");
    lua_pushcfunction(L, l_scenario);
    lua_setfield(L, -2, "scenario");
    lua_pop(L, 1);
    lua_getglobal(L, "string");
    int s = lua_gettop(L);
    lua_pushnil(L);
    lua_setfield(L, s, "dump");
    wrap_field(L, s, "find", l_pattern);
    wrap_field(L, s, "match", l_pattern);
    wrap_field(L, s, "gmatch", l_pattern);
    wrap_field(L, s, "gsub", l_pattern);
    wrap_field(L, s, "rep", l_rep);
    wrap_field(L, s, "format", l_format);
    lua_pop(L, 1);
    lua_newtable(L);
    luaL_setfuncs(L, host_sim_api, 0);
    lua_pushinteger(L, (lua_Integer)h->rng);
    lua_setfield(L, -2, "seed");
    lua_setglobal(L, "sim");
    return 0;
}

struct host *host_new(int64_t seed)
{
    struct host *h = xcalloc(1, sizeof *h);
    h->rng = (uint64_t)seed;
    h->path = "scenario";
    h->L = lua_newstate(host_alloc, h);
    if (!h->L) {
        free(h);
        return NULL;
    }
    lua_pushcfunction(h->L, open_sandbox);
    if (lua_pcall(h->L, 0, 0, 0) != LUA_OK) {
        host_free(h);
        return NULL;
    }
    /* the sim.seed is the seed; the generator state starts from it */
    lua_sethook(h->L, host_hook, LUA_MASKCOUNT, 1000);
    return h;
}

void host_free(struct host *h)
{
    if (!h)
        return;
    if (h->L)
        lua_close(h->L);
    json_decref(h->acts);
    free(h);
}

json_t *host_act_requests(struct host *h)
{
    return h->acts ? json_incref(h->acts) : NULL;
}

/* ---- conversions ---- */

static int json_err(struct sb *e, const char *path, const char *what)
{
    sb_reset(e);
    sb_printf(e, "%s: %s", path, what);
    return -1;
}

int host_to_json(lua_State *L, int idx, const char *path, int depth,
                 json_t **out, struct sb *e)
{
    idx = lua_absindex(L, idx);
    *out = NULL;
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
        *out = json_boolean(lua_toboolean(L, idx));
        return 0;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            *out = json_integer((json_int_t)lua_tointeger(L, idx));
        } else {
            double d = lua_tonumber(L, idx);
            if (!isfinite(d))
                return json_err(e, path, "number is not finite");
            if (d == floor(d) && fabs(d) < 9e15)
                *out = json_integer((json_int_t)d);
            else
                *out = json_real(d);
        }
        return 0;
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        if (!lp_utf8_valid(s, n, NULL))
            return json_err(e, path, "text is not valid UTF-8");
        size_t at;
        if (lp_text_has_ctrl(s, n, &at)) {
            unsigned cc = (unsigned char)s[at] == 0xc2
                              ? (unsigned char)s[at + 1]
                              : (unsigned char)s[at];
            sb_reset(e);
            sb_printf(e, "%s: text holds control character 0x%02x at byte "
                      "%zu (only tab and newline are allowed: a terminal "
                      "would act on it)", path, cc, at);
            return -1;
        }
        *out = json_stringn(s, n);
        return 0;
    }
    case LUA_TFUNCTION:
        *out = json_pack("{s:s}", "$fn", path);
        return 0;
    case LUA_TTABLE:
        break;
    default:
        return json_err(e, path, "value of a type a scenario cannot hold");
    }
    if (depth >= JSON_DEPTH_MAX)
        return json_err(e, path, "tables nested too deep (a cycle?)");
    lua_checkstack(L, 8);
    /* an array when the keys are exactly 1..n */
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx), count = 0;
    int ints = 1;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        count++;
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 ||
            lua_tointeger(L, -1) > n)
            ints = 0;
        else if (lua_type(L, -1) != LUA_TNUMBER)
            ints = 0;
    }
    json_t *j = NULL;
    if (ints && count == n) {
        j = json_array();
        for (lua_Integer i = 1; i <= n; i++) {
            char *p = xasprintf("%s.%lld", path, (long long)i);
            json_t *v = NULL;
            lua_rawgeti(L, idx, i);
            int rc = host_to_json(L, -1, p, depth + 1, &v, e);
            lua_pop(L, 1);
            free(p);
            if (rc) {
                json_decref(j);
                return rc;
            }
            json_array_append_new(j, v);
        }
        *out = j;
        return 0;
    }
    j = json_object();
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pop(L, 2);
            json_decref(j);
            return json_err(e, path, "a table mixes a list with named "
                            "fields (or has a non-text key)");
        }
        size_t kl;
        const char *k = lua_tolstring(L, -2, &kl);
        if (!lp_utf8_valid(k, kl, NULL) || strlen(k) != kl) {
            lua_pop(L, 2);
            json_decref(j);
            return json_err(e, path, "a key is not valid text");
        }
        char *p = xasprintf("%s%s%s", path, *path ? "." : "", k);
        json_t *v = NULL;
        int rc = host_to_json(L, -1, p, depth + 1, &v, e);
        free(p);
        lua_pop(L, 1);
        if (rc) {
            lua_pop(L, 1);
            json_decref(j);
            return rc;
        }
        json_object_set_new(j, k, v);
    }
    *out = j;
    return 0;
}

static void json_to_lua(lua_State *L, const json_t *j, int depth)
{
    lua_checkstack(L, 6);
    if (depth > JSON_DEPTH_MAX) {
        lua_pushnil(L);
        return;
    }
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *v;
        lua_createtable(L, 0, (int)json_object_size(j));
        json_object_foreach((json_t *)j, k, v) {
            if (json_is_null(v))
                continue;
            json_to_lua(L, v, depth + 1);
            lua_setfield(L, -2, k);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *v;
        lua_createtable(L, (int)json_array_size(j), 0);
        json_array_foreach(j, i, v) {
            json_to_lua(L, v, depth + 1);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    }
    case JSON_STRING:
        lua_pushlstring(L, json_string_value(j), json_string_length(j));
        break;
    case JSON_INTEGER:
        lua_pushinteger(L, (lua_Integer)json_integer_value(j));
        break;
    case JSON_REAL:
        lua_pushnumber(L, json_real_value(j));
        break;
    case JSON_TRUE:
        lua_pushboolean(L, 1);
        break;
    case JSON_FALSE:
        lua_pushboolean(L, 0);
        break;
    default:
        lua_pushnil(L);
    }
}

/* ---- running ---- */

static void lua_fail(struct host *h, struct lp_err *err)
{
    const char *m = lua_tostring(h->L, -1);
    if (h->mem_hit)
        lp_errf(err, LP_USAGE, "%s: memory cap of %u MB exceeded",
                h->where[0] ? h->where : h->path, HOST_MEM_CAP >> 20);
    else
        lp_errf(err, LP_USAGE, "%s", m ? m : "error object is not text");
    lua_settop(h->L, 0);
}

/* host_to_json under a protected call: a memory error (the heap cap) or
 * anything else Lua raises while the host reads the returned table ends
 * as an error of the scenario, never as a panic of the evaluator.
 * Arguments: the table, a light userdata to_json_job. */
struct to_json_job {
    json_t **out;
    struct sb *e;
    int rc;
};

static int to_json_protected(lua_State *L)
{
    struct to_json_job *job = lua_touserdata(L, 2);
    lua_settop(L, 1);
    job->rc = host_to_json(L, 1, "", 0, job->out, job->e);
    return 0;
}

int host_eval(struct host *h, const char *path, const char *src, size_t n,
              json_t **out, struct lp_err *err)
{
    *out = NULL;
    h->path = path;
    if (n > HOST_FILE_MAX)
        return lp_errf(err, LP_USAGE, "%s: file larger than %u bytes", path,
                       HOST_FILE_MAX);
    char *chunk = xasprintf("@%s", path);
    lua_State *L = h->L;
    lua_settop(L, 0);
    int st = luaL_loadbufferx(L, src, n, chunk, "t");
    free(chunk);
    if (st != LUA_OK) {
        lua_fail(h, err);
        if (strncmp(err->msg, path, strlen(path)) != 0) {
            char m[sizeof err->msg];
            snprintf(m, sizeof m, "%s", err->msg);
            lp_errf(err, LP_USAGE, "%s:1: %s", path, m);
        }
        return -LP_USAGE;
    }
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
        lua_fail(h, err);
        return -LP_USAGE;
    }
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_getfield(L, LUA_REGISTRYINDEX, "lprsim.scenario");
    }
    if (!lua_istable(L, -1)) {
        lua_settop(L, 0);
        return lp_errf(err, LP_USAGE, "%s:1: the file must return the "
                       "scenario table (return {...}) or call scenario{...}",
                       path);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "lprsim.scenario");
    struct sb e;
    sb_init(&e);
    struct to_json_job job = {.out = out, .e = &e};
    lua_pushcfunction(L, to_json_protected);
    lua_insert(L, -2);
    lua_pushlightuserdata(L, &job);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        json_decref(*out);
        *out = NULL;
        lua_fail(h, err);
        sb_free(&e);
        return -LP_USAGE;
    }
    if (job.rc) {
        lp_errf(err, LP_USAGE, "%s: %s", path, e.buf);
        sb_free(&e);
        lua_settop(L, 0);
        return -LP_USAGE;
    }
    sb_free(&e);
    lua_settop(L, 0);
    /* the actions requested with sim.act(), after any declared ones */
    json_t *acts = host_act_requests(h);
    if (acts && json_is_object(*out)) {
        json_t *have = json_object_get(*out, "setup_actions");
        if (!have)
            json_object_set(*out, "setup_actions", acts);
        else if (json_is_array(have))
            json_array_extend(have, acts);
    }
    json_decref(acts);
    return 0;
}

/* Finds the check function fnpath ("objectives.2.check") in the scenario
 * table with raw lookups (no metamethod of the scenario runs) and pushes
 * it and the facts as a Lua table: under a protected call, so that a
 * memory error cannot abort the evaluator.  Argument: a light userdata
 * call_job; leaves the function (or nil) and the facts. */
struct call_job {
    const char *fnpath;
    const json_t *facts;
};

static int call_prepare(lua_State *L)
{
    struct call_job *job = lua_touserdata(L, 1);
    lua_settop(L, 0);
    lua_getfield(L, LUA_REGISTRYINDEX, "lprsim.scenario");
    const char *tok = job->fnpath;
    while (lua_istable(L, -1)) {
        const char *dot = strchr(tok, '.');
        size_t len = dot ? (size_t)(dot - tok) : strlen(tok);
        char part[64];
        if (len == 0 || len >= sizeof part) {
            lua_pop(L, 1);
            lua_pushnil(L);
            break;
        }
        memcpy(part, tok, len);
        part[len] = '\0';
        int64_t i;
        if (lp_parse_i64(part, 1, INT32_MAX, &i) == 0)
            lua_rawgeti(L, -1, (lua_Integer)i);
        else {
            lua_pushstring(L, part);
            lua_rawget(L, -2);
        }
        lua_remove(L, -2);
        if (!dot)
            break;
        tok = dot + 1;
    }
    json_to_lua(L, job->facts, 0);
    return 2;
}

int host_call(struct host *h, const char *fnpath, json_t *facts, int *ok,
              char **note, struct lp_err *err)
{
    lua_State *L = h->L;
    *ok = 0;
    *note = NULL;
    lua_settop(L, 0);
    struct call_job job = {.fnpath = fnpath, .facts = facts};
    lua_pushcfunction(L, call_prepare);
    lua_pushlightuserdata(L, &job);
    if (lua_pcall(L, 1, 2, 0) != LUA_OK) {
        lua_fail(h, err);
        return -LP_USAGE;
    }
    if (!lua_isfunction(L, -2)) {
        lua_settop(L, 0);
        return lp_errf(err, LP_USAGE, "%s: %s is not a function", h->path,
                       fnpath);
    }
    h->facts = facts;
    int st = lua_pcall(L, 1, 2, 0);
    h->facts = NULL;
    if (st != LUA_OK) {
        lua_fail(h, err);
        return -LP_USAGE;
    }
    *ok = lua_toboolean(L, -2);
    if (lua_type(L, -1) == LUA_TSTRING)
        *note = xstrdup(lua_tostring(L, -1));
    lua_settop(L, 0);
    return 0;
}
