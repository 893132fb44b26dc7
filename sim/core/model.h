/*
 * model.h - plain records of the synthetic LPR world, shared by the store,
 * the generator, the CSV layer and the actions.  Strings are borrowed unless
 * a function says otherwise.
 */
#ifndef LPRSIM_MODEL_H
#define LPRSIM_MODEL_H

#include <stdint.h>

/* Fault codes kept in ground truth for each read. */
enum read_fault {
    FAULT_NONE = 0,
    FAULT_OCR = 1,      /* one character confused (0/O, 1/I, 8/B, 5/S, 2/Z) */
    FAULT_PARTIAL = 2,  /* characters missing from the plate */
    FAULT_STATE = 3,    /* wrong state read */
    FAULT_DUP = 4       /* near-duplicate from an adjacent camera */
};

/* One camera read, as the LPR system stores it. */
struct lp_read {
    int64_t id;            /* 0 before insertion */
    const char *plate;     /* as read */
    const char *state;     /* as read */
    int64_t observed_at;   /* seconds, UTC */
    const char *camera_id;
    double lat, lon;
    const char *make, *model;
    double confidence;     /* 0..1 */
    const char *source;    /* agency, lea, toll, parking, repossession */
    const char *image_ref;
    /* ground truth, never shown to trainees */
    int64_t vehicle_id;    /* 0 = unknown (imported) */
    int fault;             /* enum read_fault */
};

struct lp_camera {
    const char *id, *name;
    const char *owner;     /* agency, partner, commercial */
    const char *source;
    const char *type;      /* fixed, mobile */
    double lat, lon;
    const char *adjacent;  /* may be NULL */
};

struct lp_place {
    int64_t id;
    const char *slug, *name, *category;
    double lat, lon;
    int radius_m;
    int sensitive;
};

struct lp_vehicle {
    int64_t id;
    const char *plate, *state, *make, *model, *color;
    int64_t home_place, work_place;
};

#endif
