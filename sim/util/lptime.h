/*
 * lptime.h - ISO 8601 times for the sandbox clock.  Times are int64
 * seconds since the Unix epoch, UTC.
 */
#ifndef LPRSIM_LPTIME_H
#define LPRSIM_LPTIME_H

#include <stddef.h>
#include <stdint.h>

#define LPTIME_DAY 86400

/* Parses "2026-03-02", "2026-03-02T09:00", "2026-03-02T09:00:00Z" (a space
 * may stand for the T; a trailing Z or +00:00 is accepted).  Returns 0 and
 * sets *out, or -1 for anything else. */
int lptime_parse(const char *s, int64_t *out);

/* Writes t as "2026-03-02T09:00:00Z" into buf (at least 21 bytes). */
void lptime_format(int64_t t, char *buf, size_t n);
/* Writes the date part "2026-03-02" into buf (at least 11 bytes). */
void lptime_format_date(int64_t t, char *buf, size_t n);

/* Adds years to t keeping the calendar date (Feb 29 becomes Feb 28). */
int64_t lptime_add_years(int64_t t, int years);

/* The start (00:00:00 UTC) of the day that holds t, also before 1970. */
int64_t lptime_day_start(int64_t t);

#endif
