/*
 * view_scenario.c - the scenario console (placeholder until the scenario
 * engine lands): says so and returns to the dashboard.
 */
#include <curses.h>

#include "tui/tui.h"

void tui_open_scenario(struct tui *t, size_t ti, size_t mi, size_t k)
{
    const struct app_scn *s = &t->app.tracks[ti].mods[mi].scn[k];
    tui_msg(t, 1, "Scenario %s cannot be run yet.", s->file);
}

void tui_scn_free(struct tui *t)
{
    (void)t;
}

static void scn_draw(struct tui *t)
{
    tui_frame(t, "Scenario", " Esc dashboard");
}

static int scn_key(struct tui *t, int ch)
{
    if (ch == 27) {
        tui_switch(t, &view_dashboard);
        return 1;
    }
    return 0;
}

const struct view view_scenario = {
    .name = "Scenario",
    .help = "The scenario console.",
    .draw = scn_draw,
    .key = scn_key,
};

const struct view view_results = {
    .name = "Results",
    .help = "Scenario results.",
    .draw = scn_draw,
    .key = scn_key,
};
