/*
 * host_api.c - the `sim` table of the scenario sandbox: variants drawn
 * from the seed (plates, codes, names, places, dates), sim.act (actions
 * the world's people ran before the trainee arrives, run later by the
 * action layer) and sim.match for Lua check functions.  Registered from one list, host_sim_api.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/world/dataset.h"
#include "script/check.h"
#include "script/host_int.h"
#include "core/action/action.h"
#include "core/policy/policy.h"
#include "core/policy/rules.h"
#include "util/paths.h"
#include "util/lptime.h"
#include "util/rng.h"
#include "util/words.h"

/* ---- the sim API: variants from the seed ---- */

/* The variants' stream: util/rng's splitmix64 over the scenario seed. */
static uint64_t draw(struct host *h)
{
    return rng_splitmix64(&h->rng);
}

/* A number in [0, n) by modulo, as scenarios have always drawn them: the
 * same seed must keep giving the same variants (replay, re-scoring). */
static uint64_t draw_below(struct host *h, uint64_t n)
{
    return n ? draw(h) % n : 0;
}

static const char plate_letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";

static void fill_format(struct host *h, const char *fmt, luaL_Buffer *b)
{
    for (const char *p = fmt; *p; p++) {
        if (*p == '@')
            luaL_addchar(b, plate_letters[draw_below(h, sizeof plate_letters
                                                         - 1)]);
        else if (*p == '#')
            luaL_addchar(b, (char)('0' + draw_below(h, 10)));
        else
            luaL_addchar(b, *p);
    }
}

/* sim.code(fmt): '@' a letter (no I, O, Q), '#' a digit, others kept. */
static int l_code(lua_State *L)
{
    size_t n;
    const char *fmt = luaL_checklstring(L, 1, &n);
    if (n > 64)
        return luaL_error(L, "sim.code: format too long (64 max)");
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    fill_format(host_of(L), fmt, &b);
    luaL_pushresult(&b);
    return 1;
}

/* sim.plate([fmt]): a synthetic plate; default one of a few formats. */
static int l_plate(lua_State *L)
{
    static const char *const fmts[] = {"@@@####", "@@@-####", "###-@@@",
                                       "#@@@###", "@@#-####"};
    struct host *h = host_of(L);
    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_pushstring(L, fmts[draw_below(h, sizeof fmts / sizeof fmts[0])]);
    }
    return l_code(L);
}

/* sim.state_plate(state): a plate in one of that state's real formats
 * (datasets/plate_formats.csv), drawn from the seed by weight. */
static int l_state_plate(lua_State *L)
{
    const char *st = luaL_checkstring(L, 1);
    struct host *h = host_of(L);
    struct dataset *ds = NULL;
    struct lp_err err = {0};
    if (dataset_load_default(&ds, &err))
        return luaL_error(L, "sim.state_plate: %s", err.msg);
    double total = 0;
    for (size_t i = 0; i < ds->n_formats; i++)
        if (strcmp(ds->formats[i].state, st) == 0)
            total += ds->formats[i].weight;
    if (total <= 0) {
        dataset_free(ds);
        return luaL_error(L, "sim.state_plate: no plate format for state "
                          "'%s'", st);
    }
    double u = (double)(draw(h) >> 11) / 9007199254740992.0 * total;
    const char *pat = NULL;
    for (size_t i = 0; i < ds->n_formats && !pat; i++) {
        if (strcmp(ds->formats[i].state, st) != 0)
            continue;
        u -= ds->formats[i].weight;
        if (u < 0)
            pat = ds->formats[i].pattern;
    }
    for (size_t i = ds->n_formats; !pat && i-- > 0;)
        if (strcmp(ds->formats[i].state, st) == 0)
            pat = ds->formats[i].pattern;
    char fmt[32];
    size_t k = 0;
    for (const char *p = pat; *p && k + 1 < sizeof fmt; p++)
        fmt[k++] = *p == 'L' ? '@' : *p == 'N' ? '#' : *p;
    fmt[k] = '\0';
    dataset_free(ds);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    fill_format(h, fmt, &b);
    luaL_pushresult(&b);
    return 1;
}

static int l_int(lua_State *L)
{
    lua_Integer a = luaL_checkinteger(L, 1), b = luaL_checkinteger(L, 2);
    luaL_argcheck(L, a <= b, 2, "empty interval");
    /* unsigned arithmetic: b - a of extreme integers overflows a signed
     * type (undefined behaviour, a SIGFPE once the compiler assumed the
     * span is never zero); the full range draws the raw generator */
    uint64_t span = (uint64_t)b - (uint64_t)a;
    struct host *h = host_of(L);
    uint64_t off = span == UINT64_MAX ? draw(h) : draw_below(h, span + 1);
    lua_pushinteger(L, (lua_Integer)((uint64_t)a + off));
    return 1;
}

static int l_pick(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, n > 0, 1, "empty list");
    lua_rawgeti(L, 1, 1 + (lua_Integer)draw_below(host_of(L), (uint64_t)n));
    return 1;
}

static int l_shuffle(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, i);
        lua_rawseti(L, -2, i);
    }
    struct host *h = host_of(L);
    for (lua_Integer i = n; i > 1; i--) {
        lua_Integer j = 1 + (lua_Integer)draw_below(h, (uint64_t)i);
        lua_rawgeti(L, -1, i);
        lua_rawgeti(L, -2, j);
        lua_rawseti(L, -3, i);
        lua_rawseti(L, -2, j);
    }
    return 1;
}

static int64_t check_time(lua_State *L, int arg, int *date_only)
{
    size_t n;
    const char *s = luaL_checklstring(L, arg, &n);
    int64_t t;
    if (lptime_parse(s, &t))
        luaL_error(L, "bad time '%s' (use 2026-03-02 or "
                   "2026-03-02T09:00:00Z)", s);
    *date_only = n == 10;
    return t;
}

static int push_time(lua_State *L, int64_t t, int date_only)
{
    char buf[32];
    if (date_only)
        lptime_format_date(t, buf, sizeof buf);
    else
        lptime_format(t, buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

/* sim.date(t [, dmin, dmax]): t moved by a random number of days. */
static int l_date(lua_State *L)
{
    int d;
    int64_t t = check_time(L, 1, &d);
    if (!lua_isnoneornil(L, 2)) {
        lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3);
        luaL_argcheck(L, a >= -400000 && b < 400000 && a <= b &&
                             b - a < 100000, 3,
                      "bad interval (days from -400000 to 400000, at most "
                      "100000 apart)");
        t += (a + (lua_Integer)draw_below(host_of(L), (uint64_t)(b - a) + 1)) *
             LPTIME_DAY;
    }
    return push_time(L, t, d);
}

static int l_days(lua_State *L)
{
    int d;
    int64_t t = check_time(L, 1, &d);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n > -400000 && n < 400000, 2, "out of range");
    return push_time(L, t + n * LPTIME_DAY, d);
}

static int l_years(lua_State *L)
{
    int d;
    int64_t t = check_time(L, 1, &d);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n > -1000 && n < 1000, 2, "out of range");
    return push_time(L, lptime_add_years(t, (int)n), d);
}

static int l_hours(lua_State *L)
{
    int d;
    int64_t t = check_time(L, 1, &d);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n > -10000000 && n < 10000000, 2, "out of range");
    return push_time(L, t + n * 3600, 0);
}

/* sim.lookback_start(now, "civil" | "criminal" [, limitation_years [,
 * profile]]): the earliest start of a query window that the policy engine
 * allows at now (policy_lookback, the profile's numbers), as a date, or
 * nil when there is no limit.  Briefs and debriefs quote it, so a text
 * can never disagree with what the engine enforces. */
static int l_lookback_start(lua_State *L)
{
    int d;
    int64_t now = check_time(L, 1, &d);
    const char *type = luaL_checkstring(L, 2);
    luaL_argcheck(L, strcmp(type, "civil") == 0 ||
                         strcmp(type, "criminal") == 0, 2,
                  "'civil' or 'criminal'");
    lua_Integer years = luaL_optinteger(L, 3, -1);
    luaL_argcheck(L, years >= -1 && years <= 200, 3, "out of range");
    const char *prof = luaL_optstring(L, 4, "ice-2017");
    luaL_argcheck(L, strlen(prof) <= 64 && strspn(prof,
                  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789-_") == strlen(prof), 4, "not a profile name");
    struct policy *p = NULL;
    struct lp_err err = {0};
    char msg[sizeof err.msg];
    if (policy_load(paths_root(), prof, &p, &err)) {
        snprintf(msg, sizeof msg, "%s", err.msg);
        return luaL_error(L, "sim.lookback_start: %s", msg);
    }
    int64_t earliest = 0;
    const char *rule = NULL;
    char why[200];
    policy_lookback(p, type, (int64_t)years, now, &earliest, &rule, why,
                    sizeof why);
    policy_free(p);
    if (earliest == INT64_MIN) {
        lua_pushnil(L);
        return 1;
    }
    return push_time(L, earliest, 1);
}

/* sim.rule_text(id): the rule's text from the catalogue the engine cites
 * (core/policy/rules), so a brief quotes the rule as the engine does. */
static int l_rule_text(lua_State *L)
{
    const char *id = luaL_checkstring(L, 1);
    const char *t = rule_text(id);
    luaL_argcheck(L, t != NULL, 1, "not a rule id of the guidance");
    lua_pushstring(L, t);
    return 1;
}

static const char *const place_a[] = {
    "Harbor", "Cedar", "Maple", "Granite", "Willow", "Beacon", "Juniper",
    "Lantern", "Copper", "Falcon", "Heron", "Quarry", "Orchard", "Signal"};
static const char *const place_b[] = {
    "Plaza", "Market", "Commons", "Crossing", "Park", "Yard", "Square",
    "Depot", "Terrace", "Landing", "Row", "Court"};
static const char *const first_names[] = {
    "Avery", "Jordan", "Rowan", "Casey", "Emery", "Harper", "Kendall",
    "Marlow", "Quinn", "Reese", "Sawyer", "Tatum", "Blair", "Devon"};
static const char *const last_names[] = {
    "Ashgrove", "Brindle", "Calloway", "Dunmore", "Everly", "Fairbrook",
    "Galloway", "Hollis", "Kestrel", "Lindqvist", "Marwick", "Northcote",
    "Pemberton", "Quillfeather", "Rosslyn", "Stanwick"};

#define NELEM(a) (sizeof a / sizeof a[0])

static int l_place(lua_State *L)
{
    struct host *h = host_of(L);
    lua_pushfstring(L, "%s %s", place_a[draw_below(h, NELEM(place_a))],
                    place_b[draw_below(h, NELEM(place_b))]);
    return 1;
}

static int l_person(lua_State *L)
{
    struct host *h = host_of(L);
    lua_pushfstring(L, "%s %s", first_names[draw_below(h, NELEM(first_names))],
                    last_names[draw_below(h, NELEM(last_names))]);
    return 1;
}

/* sim.confuse(plate, from, to): the plate with the first `from` character
 * read as `to` (an OCR misread). */
static int l_confuse(lua_State *L)
{
    size_t n, lf, lt;
    const char *p = luaL_checklstring(L, 1, &n);
    const char *f = luaL_checklstring(L, 2, &lf);
    const char *t = luaL_checklstring(L, 3, &lt);
    luaL_argcheck(L, lf == 1 && lt == 1, 2, "one character each");
    const char *at = memchr(p, f[0], n);
    if (!at)
        return luaL_error(L, "sim.confuse: '%s' has no '%s'", p, f);
    lua_pushlstring(L, p, (size_t)(at - p));
    lua_pushlstring(L, t, 1);
    lua_pushlstring(L, at + 1, n - (size_t)(at - p) - 1);
    lua_concat(L, 3);
    return 1;
}

/* sim.match(check): a declarative check over the facts (checks only). */
static int l_match(lua_State *L)
{
    struct host *h = host_of(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    if (!h->facts)
        return luaL_error(L, "sim.match: only inside a check function");
    json_t *chk = NULL;
    struct sb ep;
    sb_init(&ep);
    if (host_to_json(L, 1, "check", 0, &chk, &ep)) {
        lua_pushstring(L, ep.buf ? ep.buf : "bad check");
        sb_free(&ep);
        return luaL_error(L, "sim.match: %s", lua_tostring(L, -1));
    }
    sb_free(&ep);
    struct sb why;
    struct lp_err err = {0};
    sb_init(&why);
    int r = check_eval(chk, h->facts, NULL, &why, &err);
    json_decref(chk);
    sb_free(&why);
    if (r < 0)
        return luaL_error(L, "sim.match: %s", err.msg);
    lua_pushboolean(L, r);
    return 1;
}

/* A text argument of sim.act (not a number: luaL_checkstring would turn
 * one into text). */
static const char *act_text(lua_State *L, int arg, const char *what,
                            size_t max, size_t *n)
{
    if (lua_type(L, arg) != LUA_TSTRING)
        luaL_error(L, "sim.act: %s must be text, not %s", what,
                   luaL_typename(L, arg));
    const char *s = lua_tolstring(L, arg, n);
    if (*n == 0 || *n > max)
        luaL_error(L, "sim.act: %s must be 1 to %d bytes", what, (int)max);
    return s;
}

/* sim.act(user, at, line): records that user ran the action line at time
 * at, before the trainee starts.  Nothing runs here (the scenario is
 * evaluated in a sandboxed child without a database): the engine runs
 * every request through the action layer when it builds the sandbox.
 * The line must name a known action; at most HOST_ACT_MAX requests. */
static int l_act(lua_State *L)
{
    struct host *h = host_of(L);
    if (h->facts)
        return luaL_error(L, "sim.act: only while the scenario is set up, "
                          "not inside a check function");
    size_t lu, la, ll;
    const char *user = act_text(L, 1, "the user (a roster id)", 64, &lu);
    const char *at = act_text(L, 2, "the time", 32, &la);
    const char *line = act_text(L, 3, "the action line", HOST_ACT_LINE_MAX,
                                &ll);
    if (lua_gettop(L) > 3)
        return luaL_error(L, "sim.act: takes three arguments (user, time, "
                          "action line)");
    int64_t t;
    if (lptime_parse(at, &t))
        return luaL_error(L, "sim.act: bad time '%s' (use 2026-03-02 or "
                          "2026-03-02T09:00:00Z)", at);
    if (!lp_utf8_valid(user, lu, NULL) || !lp_utf8_valid(line, ll, NULL))
        return luaL_error(L, "sim.act: text is not valid UTF-8");
    struct words w;
    struct lp_err err = {0};
    if (words_split(line, &w, &err)) {
        lua_pushstring(L, err.msg);
        return luaL_error(L, "sim.act: %s", lua_tostring(L, -1));
    }
    int known = w.argc > 0 && action_known(w.argc, w.argv);
    words_free(&w);
    if (!known)
        return luaL_error(L, "sim.act: '%s' is not an action (see "
                          "'lprsim --help')", line);
    if (!h->acts)
        h->acts = json_array();
    if (json_array_size(h->acts) >= HOST_ACT_MAX)
        return luaL_error(L, "sim.act: more than %d actions",
                          HOST_ACT_MAX);
    lua_Debug ar;
    int src_line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        src_line = ar.currentline;
    json_array_append_new(h->acts, json_pack(
        "{s:s%,s:s%,s:s%,s:i}", "user", user, lu, "at", at, la, "line",
        line, ll, "src_line", src_line));
    return 0;
}

const luaL_Reg host_sim_api[] = {
    {"code", l_code},       {"plate", l_plate},     {"int", l_int},
    {"state_plate", l_state_plate},
    {"pick", l_pick},       {"shuffle", l_shuffle}, {"date", l_date},
    {"days", l_days},       {"years", l_years},     {"hours", l_hours},
    {"place", l_place},     {"person", l_person},   {"confuse", l_confuse},
    {"match", l_match},     {"sorted_pairs", host_sorted_pairs},
    {"act", l_act},         {"lookback_start", l_lookback_start},
    {"rule_text", l_rule_text},
    {NULL, NULL},
};

const char *const host_sim_names[] = {
    "seed", "code", "plate", "state_plate", "int", "pick", "shuffle", "date",
    "days", "years", "hours", "place", "person", "confuse", "match",
    "sorted_pairs", "act", "lookback_start", "rule_text", NULL};

