/*
 * scenario_int.h - internals shared by the scenario engine's files
 * (scenario.c, world.c, session.c).
 */
#ifndef LPRSIM_SCENARIO_INT_H
#define LPRSIM_SCENARIO_INT_H

#include <ctype.h>
#include <stdarg.h>

#include "script/scenario.h"

struct scenario {
    char *path;
    char *src;             /* the source text, NUL-terminated */
    size_t n;
    char hash[65];
    int64_t seed;          /* the variant */
    int64_t now;
    json_t *doc;
};

/* 1 if a camera id is one of the world's default cameras. */
int world_default_camera(const char *id);
/* 1 if the action name ("hotlist add") is known to checks. */
int scenario_action_known(const char *name);
/* 1 if arr (a JSON array of strings) holds s. */
int list_contains(const json_t *arr, const char *s);

/* The best line of the source for a dotted path and an identifying hint
 * text (for messages). */
int scenario_line(const struct scenario *sc, const char *path,
                  const char *hint);

#endif
