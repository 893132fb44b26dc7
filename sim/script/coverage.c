/*
 * coverage.c - which scenarios of a track teach which rule (see
 * scenario_coverage in scenario.h): every scenario file of the track is
 * loaded and linted, and the rule ids of its objectives are counted.
 * `scenario check --coverage` prints the matrix and fails when a rule of
 * the catalogue has fewer scenarios than the track asks for, or a module
 * has fewer than two.
 */
#include "script/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/learn/curriculum.h"
#include "core/policy/rules.h"

/* Adds scenario id to the list of every rule its objectives teach. */
static void count_rules(json_t *rules, const json_t *doc, const char *id)
{
    size_t i, j;
    json_t *o, *r;
    json_array_foreach(json_object_get(doc, "objectives"), i, o) {
        json_array_foreach(json_object_get(o, "rules"), j, r) {
            json_t *list = json_object_get(rules, json_string_value(r));
            if (!list)
                continue;
            size_t k;
            json_t *x;
            int have = 0;
            json_array_foreach(list, k, x)
                have |= strcmp(json_string_value(x), id) == 0;
            if (!have)
                json_array_append_new(list, json_string(id));
        }
    }
}

int scenario_coverage(const char *root, const char *track_id, json_t **out,
                      struct lp_err *err)
{
    *out = NULL;
    struct curriculum_track *t = NULL;
    int rc = curriculum_track_load(root, track_id, &t, err);
    if (rc)
        return rc;
    json_t *rules = json_object();
    for (size_t i = 0; i < rule_count(); i++)
        json_object_set_new(rules, rule_at(i)->id, json_array());
    json_t *mods = json_array(), *problems = json_array();
    for (size_t m = 0; m < t->nmods; m++) {
        const struct curriculum_module *cm = &t->mods[m];
        json_t *ids = json_array();
        for (size_t k = 0; k < cm->nscn; k++) {
            char *path = xasprintf("%s/scenarios/%s", root, cm->scn[k].file);
            struct scenario *sc = NULL;
            rc = scenario_load(path, 1, &sc, err);
            free(path);
            if (rc) {
                json_decref(ids);
                goto out;
            }
            json_array_append_new(ids, json_string(scenario_id(sc)));
            count_rules(rules, scenario_doc(sc), scenario_id(sc));
            scenario_free(sc);
        }
        if (cm->nscn < 2)
            json_array_append_new(problems, json_sprintf(
                "module %s has %zu scenario%s (at least 2)", cm->id,
                cm->nscn, cm->nscn == 1 ? "" : "s"));
        json_array_append_new(mods, json_pack("{s:s,s:o}", "module", cm->id,
                                              "scenarios", ids));
    }
    for (size_t i = 0; i < rule_count(); i++) {
        const char *id = rule_at(i)->id;
        size_t n = json_array_size(json_object_get(rules, id));
        if ((int)n < t->min_per_rule)
            json_array_append_new(problems, json_sprintf(
                "rule %s is taught by %zu scenario%s (the track asks for %d)",
                id, n, n == 1 ? "" : "s", t->min_per_rule));
    }
    *out = json_pack("{s:s,s:i,s:O,s:O,s:O}", "track", t->id, "min",
                     t->min_per_rule, "modules", mods, "rules", rules,
                     "problems", problems);
out:
    json_decref(rules);
    json_decref(mods);
    json_decref(problems);
    curriculum_track_free(t);
    return rc;
}
