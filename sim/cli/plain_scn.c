/*
 * plain_scn.c - the scenario console in plain mode (placeholder until the
 * scenario engine lands).
 */
#include <stdio.h>

#include "cli/plain.h"

void plain_scenario(struct plain *p, size_t ti, size_t mi, size_t k)
{
    printf("Scenario %s cannot be run yet.\n",
           p->app.tracks[ti].mods[mi].scn[k].file);
}

void plain_scn_free(struct plain *p)
{
    (void)p;
}
