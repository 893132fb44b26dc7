/*
 * console.h - the logic of the scenario console shared by the TUI and the
 * plain mode: action lines built from form fields (quoted as an action
 * file would), field checks, the verdict as one line of feedback, query
 * results as rows to sort, and the map of a plate's reads.  Everything the
 * console does runs through the action layer (core/action/action.h).
 */
#ifndef LPRSIM_CONSOLE_H
#define LPRSIM_CONSOLE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/action/action.h"
#include "core/store/store.h"

/* One read of a query or analysis result. */
struct con_read {
    int64_t id;
    char plate[24], state[8], camera[40], make[32], model[32], source[24];
    int64_t at;
    double lat, lon, conf;
    char flags[160];      /* the flags joined by ", " */
    char alternatives[80];/* possible true plates of a misread, ", " */
    char place[80];       /* the sensitive place nearby, "" when none */
    int place_m;          /* its distance in metres */
    int64_t age_days;     /* -1 when unknown */
    char owner[24];       /* camera owner: agency, partner, commercial */
};

enum con_col {
    COL_ID, COL_PLATE, COL_STATE, COL_TIME, COL_CAMERA, COL_CONF,
    COL_SOURCE, COL_FLAGS, COL_N
};
extern const char *const con_col_names[COL_N];

/* Reads doc["results"] (objects of the query contract) into rows; missing
 * members stay empty.  Returns the count; *v is the caller's to free. */
size_t con_reads_from_doc(const json_t *doc, struct con_read **v);
/* Sorts rows by a column (enum con_col), descending when desc; ties keep
 * read id order. */
void con_reads_sort(struct con_read *v, size_t n, int col, int desc);
/* One cell of a row as text (time as ISO 8601, confidence as 0.00). */
void con_read_cell(const struct con_read *r, int col, char *buf, size_t n);

/* A read's details in a few lines (caller's sb, appended): the read, its
 * time, camera and source; the vehicle, confidence, age and place; its
 * quality flags and possible true plates; a sensitive place nearby. The
 * TUI and the plain mode show the same text. */
void con_read_details(const struct con_read *r, struct sb *out);

/* When line is a reply to an inbox request ("reply --request r1 ..."),
 * copies the request id into id (n bytes) and returns 1; else 0. */
int con_reply_request(const char *line, char *id, size_t n);

/* Builds one action line: cmd then "--opt value" for each non-empty
 * value, quoted so that util/words.h splits it back.  Caller frees. */
char *con_line(const char *cmd, const char *const *opts,
               const char *const *vals, size_t n);

/* Checks a time field: NULL when empty or valid, else the reason. */
const char *con_check_time(const char *v);

/* The verdict of an action in one line for a trainee ("Allowed: 3 reads.",
 * "Refused under IV.J.2: ..."), and its kind. */
enum con_kind { CON_ALLOW, CON_WARN, CON_DENY, CON_ERROR };
void con_feedback(const struct action_result *r, char *buf, size_t n,
                  int *kind);

/* A sensitive place to mark on the map. */
struct con_place {
    double lat, lon;
    int radius_m;
    char name[64];
};
/* Sensitive places of the world, at most max; returns the count or
 * negative on a store error. */
int con_places(struct store *st, struct con_place *v, size_t max);

/* Plots reads (in time order: 1..9 then a..z, '*' when several share a
 * cell) and sensitive places ('S') into a w x h grid of chars (grid has
 * w*h bytes, no NULs).  The box is the reads' extent, padded. */
void con_map(const struct con_read *v, size_t n, const struct con_place *pl,
             size_t np, int w, int h, char *grid);

/* The newest max audit entries (oldest first), one line each, appended
 * to out as text.  Returns the count or negative with err. */
int con_audit_lines(struct store *st, int max, struct sb *out,
                    struct lp_err *err);

#endif
