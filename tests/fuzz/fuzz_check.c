/*
 * fuzz_check.c - libFuzzer target of the scenario checks and scoring: any
 * JSON document {"check":..,"facts":..,"scenario":..} is linted, evaluated
 * and scored; nothing may crash, leak or read out of bounds whatever the
 * types.  (The Lua loader itself is bounded by a child process and tested
 * in tests/unit/script/test_script.c.)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "script/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t je;
    json_t *doc = json_loadb((const char *)data, size, 0, &je);
    if (!doc)
        return 0;
    json_t *check = json_object_get(doc, "check");
    json_t *facts = json_object_get(doc, "facts");
    json_t *scn = json_object_get(doc, "scenario");
    struct lp_err err = {0};
    struct sb why;
    sb_init(&why);
    if (check) {
        check_lint(check, "check", &err);
        check_eval(check, facts, json_object_get(doc, "fnres"), &why, &err);
        json_t *fns = json_array();
        check_functions(check, fns);
        json_decref(fns);
    }
    if (scn) {
        json_t *rep = score_report(scn, facts, json_object_get(doc, "fnres"),
                                   "exam", 1, &err);
        if (rep) {
            char *s = report_dump(rep);
            report_tripped(rep, "IV.A.1");
            free(s);
            json_decref(rep);
        }
    }
    sb_free(&why);
    json_decref(doc);
    return 0;
}
