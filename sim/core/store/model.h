/*
 * model.h - plain records of the synthetic LPR world and its cases, shared
 * by the store, the generator, the CSV layer, the policy engine and the
 * actions, which include them without the store API.  Strings are
 * borrowed unless a function says otherwise.
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

/* One audit log entry (IV.M.1's six fields and what the engine decided);
 * the chain and its checks are in core/audit/audit.h. */
struct audit_entry {
    int64_t at;               /* sandbox time of the action */
    const char *user_id;      /* (1) who */
    const char *action;       /* "query", "hotlist add" ... */
    const char *plate;        /* (2) the plate entered, may be NULL */
    const char *case_number;  /* (5) may be NULL */
    const char *reason;       /* (6) may be NULL */
    const char *results;      /* (4) summary: "3 reads: 12,15,19" */
    const char *verdict;      /* allow, warn, deny */
    const char *rules;        /* comma-separated rule ids, may be "" */
    const char *profile;      /* policy profile in force */
    int manual;               /* written by hand (source kept no audit) */
    int64_t session_id;       /* scenario session or 0 */
    const char *detail;       /* JSON text with the full request, or NULL:
                               * the action's words as typed (["query",
                               * "--plate","ABC1234","--from",..]) or an
                               * object of its options ({"plate":..,"from":
                               * ..,"to":..,"case":..,"reason":..}); "from"
                               * is what the quarterly review checks
                               * windows with. */
};

/* A statute of the criminal violations table. */
struct lp_statute {
    const char *code, *citation, *description;
    int limitation_years;   /* 0 = no limitation */
};

/* People on the roster. */
struct lp_person {
    const char *id, *name, *role;
    int trained;          /* 0: a scenario marked this person untrained */
    int64_t created_at;
    const char *login, *unit, *email;   /* NULL when not known */
};

/* One case of the registry.  From store_case_get (store_cases.h) the
 * strings are owned by the record: free them with store_case_clear(). */
struct lp_case {
    char *number, *type;      /* type: criminal or civil */
    char *violation;          /* statute code or NULL */
    int64_t limitation_years; /* explicit override, -1 when none */
    char *status;             /* open or closed */
    int64_t opened_at, closed_at;  /* closed_at 0 while open */
    char *owner, *title, *target;  /* may be NULL */
};

/* A read with what the query layer needs from its camera. */
struct lp_read_info {
    struct lp_read r;
    const char *cam_owner;   /* agency, partner, commercial; NULL unknown */
    int keeps_audit;         /* the source keeps its own audit (IV.M.1) */
    int on_device;           /* raw data still on the camera's device */
    int evidence_hold;
};

/* A hotlist. */
struct lp_hotlist {
    int64_t id, created_at, last_review_at;   /* last_review_at 0: never */
};

/* One entry of a hotlist. */
struct lp_hotlist_entry {
    int64_t id, hotlist_id;
    const char *plate, *state, *case_number, *tracking, *note, *added_by;
    int64_t added_at, reviewed_at, removed_at;  /* 0 when unset */
    const char *case_status;   /* status of its case, NULL if unknown */
    int64_t case_closed_at;
};

/* One ledger row (IV.K.3). */
struct lp_ledger {
    int64_t id, hotlist_id;
    const char *event;        /* add, remove, review */
    const char *plate, *state, *case_number, *tracking, *by_user;
    int64_t at, keep_until;
    const char *detail;
};

/* A hotlist hit: a read of an active entry's plate. */
struct lp_hit {
    int64_t id, entry_id, read_id, at;
    int seen;
    const char *plate, *case_number, *tracking, *camera_id;
    int64_t observed_at;
};

#endif
