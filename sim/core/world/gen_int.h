/*
 * gen_int.h - internals shared by the generator's files (gen.c builds the
 * world, gen_reads.c streams the reads).  Nothing else includes this.
 */
#ifndef LPRSIM_GEN_INT_H
#define LPRSIM_GEN_INT_H

#include "core/world/gen.h"

#define ROUTE_M 700.0          /* a camera this close to a trip sees it */
#define MAX_STOPS 12           /* cameras on one route at most */
#define MOBILE_RANGE_M 6000.0  /* places a mobile unit visits */
#define MAX_PLATE 10

enum { R_WORK, R_FAV0, R_FAV1, R_FAV2, R_WORSHIP, R_SPECIAL, NROUTES };

struct stop {
    uint16_t cam;
    uint16_t at;               /* seconds after departure */
};

struct route {
    uint32_t off;              /* into stops */
    uint16_t n;
    uint16_t dur;              /* seconds from door to door */
};

struct gv {
    char plate[MAX_PLATE + 1];
    char state[3];
    uint16_t model, color;
    int32_t home, work, worship, special;
    int32_t fav[3];
    uint16_t depart, shift;    /* minutes */
    uint8_t commuter, owl, worship_dow;
};

/* A potential read: a vehicle passing a camera at a time of the day. */
struct cand {
    int32_t t;                 /* seconds after the day's midnight */
    uint32_t v;
    uint16_t cam;
    int32_t place;             /* mobile read at a place, else -1 */
};

/* A read of the day, before sorting by time. */
struct out {
    int64_t t;
    uint32_t seq, v;
    uint16_t cam;
    uint8_t fault;
    char plate[MAX_PLATE + 1];
    char state[3];
    double conf, lat, lon;
};

struct gen_world {
    const struct dataset *ds;
    struct gv *v;
    size_t nv;
    struct route *routes;      /* nv * NROUTES */
    struct stop *stops;
    size_t nstops, capstops;
    double *px, *py, *cx, *cy; /* metres from the metro centre */
    int *adj;                  /* adjacent camera, else itself */
    uint32_t *fixed;
    size_t nfixed;
    uint32_t *mobile;
    size_t nmobile;
    uint32_t *mob_off, *mob_place;         /* CSR: places near unit m */
    uint32_t *home_off, *home_v;           /* CSR: vehicles by home */
    uint32_t *work_off, *work_v;           /* CSR: vehicles by work */
    char (*states)[3];
    size_t nstates;
    uint64_t digest;
    /* per-day buffers, O(vehicles) */
    struct cand *cand;
    size_t ncand, capcand;
    struct out *out;
    size_t capout;
    uint32_t *active;          /* per vehicle: tag of the day it is seen */
};

#endif
