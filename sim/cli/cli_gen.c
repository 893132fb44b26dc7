/*
 * cli_gen.c - options, clock and progress shared by init and generate
 * (see cli_gen.h).
 */
#include "cli/cli_gen.h"
#include "core/action/action.h"

#include <time.h>

#include "util/lptime.h"

static int int_opt(const struct opts *o, const char *name, int64_t lo,
                   int64_t hi, int64_t *out)
{
    const char *v = opts_get(o, name);
    if (!v)
        return 0;
    if (lp_parse_i64(v, lo, hi, out))
        return cli_fail(LP_USAGE, "--%s '%s' must be a whole number from "
                        "%lld to %lld", name, v, (long long)lo,
                        (long long)hi);
    return 0;
}

static int rate_opt(const struct opts *o, const char *name, double *out)
{
    const char *v = opts_get(o, name);
    if (!v)
        return 0;
    if (lp_parse_double(v, 0, 0.5, out))
        return cli_fail(LP_USAGE, "--%s '%s' must be a rate from 0 to 0.5",
                        name, v);
    return 0;
}

int cli_gen_options(const struct opts *o, struct gen_params *p)
{
    int64_t seed = (int64_t)p->seed;
    if (int_opt(o, "seed", 0, INT64_MAX, &seed) ||
        int_opt(o, "vehicles", 1, 2000000, &p->vehicles) ||
        int_opt(o, "days", 1, 36500, &p->days) ||
        int_opt(o, "reads", 0, 2000000000, &p->reads) ||
        rate_opt(o, "fault-ocr", &p->fault_ocr) ||
        rate_opt(o, "fault-partial", &p->fault_partial) ||
        rate_opt(o, "fault-state", &p->fault_state) ||
        rate_opt(o, "fault-dup", &p->fault_dup))
        return LP_USAGE;
    p->seed = (uint64_t)seed;
    return 0;
}

int cli_gen_now(const struct cli *c, int64_t *now)
{
    if (c->now_text && *c->now_text) {
        if (lptime_parse(c->now_text, now))
            return cli_fail(LP_USAGE, "bad time '%s' for --now (use "
                            "2026-03-02 or 2026-03-02T09:00:00Z)",
                            c->now_text);
        return 0;
    }
    int64_t t = (int64_t)time(NULL);
    *now = t - t % LPTIME_DAY;
    return 0;
}

static int progress_drawn;

void cli_gen_progress(void *arg, int64_t done, int64_t total)
{
    const struct cli *c = arg;
    static int last = -1;
    if (!cli_progress_on(c) || total <= 0)
        return;
    int pct = (int)(done * 100 / total);
    if (pct == last && done != total)
        return;
    last = pct;
    fprintf(stderr, "\rgenerating reads: %lld of %lld (%d%%)",
            (long long)done, (long long)total, pct);
    progress_drawn = 1;
}

void cli_gen_progress_end(const struct cli *c)
{
    (void)c;
    if (progress_drawn)
        fputc('\n', stderr);
    progress_drawn = 0;
}

int64_t cli_gen_scan_hits(struct cli *c)
{
    struct lp_ctx ctx = {.st = c->st, .now = c->now, .user = c->user};
    int64_t n = action_scan_hits(&ctx);
    if (n < 0)
        cli_fail_err(store_err(c->st));
    return n < 0 ? -1 : n;
}
