/*
 * cli_json.c - the one way a command prints a JSON document: jansson does
 * the building and escaping, core/io/jsonout the shortest round-trip
 * numbers; one document, one line.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "core/io/jsonout.h"

void cli_json_print(json_t *doc)
{
    char *t = doc ? jsonout_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER)
                  : NULL;
    if (t) {
        fputs(t, stdout);
        putchar('\n');
        free(t);
    } else {
        fputs("lprsim: cannot write the JSON document (text that is not "
              "UTF-8?)\n", stderr);
    }
    json_decref(doc);
}
