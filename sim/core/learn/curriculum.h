/*
 * curriculum.h - tracks of the curriculum (curriculum/tracks/<id>.json):
 * modules, each with a lesson and scenarios with their pass marks.  The
 * certificate issuer and the scenario engine read a track from here.
 */
#ifndef LPRSIM_CURRICULUM_H
#define LPRSIM_CURRICULUM_H

#include <stddef.h>

#include "util/util.h"

struct curriculum_scn {
    char *file;              /* relative to scenarios/ */
    int pass;                /* pass mark, percent */
    int time_limit;          /* exam time limit in minutes, 0: none */
};

struct curriculum_module {
    char *id, *title, *lesson;
    struct curriculum_scn *scn;
    size_t nscn;
};

/* What a certificate of the track requires (the track's "certificate"
 * object; every field defaults to the strict value). */
struct curriculum_req {
    int lessons_read;        /* every lesson read to its end */
    int checks_passed;       /* every knowledge check passed */
    int exam;                /* scenarios count only in exam mode ... */
    int same_track;          /* ... taken in this track */
    int after_lesson;        /* ... started after the module's lesson */
    int window_days;         /* > 0: only sessions started in the window
                                before the current certificate expires,
                                or after it lapsed (the refresher) */
};

struct curriculum_track {
    char *id, *title, *version, *profile;
    int min_per_rule;        /* scenarios each rule needs ("coverage"
                              * min_scenarios_per_rule, default 2) */
    struct curriculum_req req;
    struct curriculum_module *mods;
    size_t nmods;
};

/* Loads root/curriculum/tracks/<id>.json (id: letters, digits, - and _).
 * Returns 0 with *out (free with curriculum_track_free), or negative with
 * err naming the file and the problem (LP_USAGE for an unknown id or a
 * malformed file). */
int curriculum_track_load(const char *root, const char *id,
                          struct curriculum_track **out, struct lp_err *err);
/* Frees a track; NULL does nothing. */
void curriculum_track_free(struct curriculum_track *t);

#endif
