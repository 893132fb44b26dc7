/*
 * clock.h - the sandbox clock ("now").  Every window, age, review and
 * expiry reads it: --now, else LPRSIM_NOW, else the database's clock
 * (setting "clock"), else the wall clock.
 */
#ifndef LPRSIM_CLOCK_H
#define LPRSIM_CLOCK_H

#include <stdint.h>

#include "core/store/store.h"

/* Resolves "now": text (--now or LPRSIM_NOW, may be NULL) wins, else the
 * store's clock setting (st may be NULL), else the wall clock truncated to
 * the second.  Returns 0 or -LP_USAGE with err for unparseable text. */
int clock_resolve(struct store *st, const char *text, int64_t *now,
                  struct lp_err *err);

/* Stores t as the database clock. */
int clock_set(struct store *st, int64_t t);

#endif
