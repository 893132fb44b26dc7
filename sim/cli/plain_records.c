/*
 * plain_records.c - the records in the plain line mode: the trainee's
 * certificate expiry line on the dashboard (core/learn/report.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/plain.h"
#include "core/learn/report.h"

void plain_expiry_line(struct plain *p)
{
    int urgent = 0;
    char *line = report_expiry_line(p->app.st, p->app.user, p->app.now,
                                    &urgent);
    if (line)
        printf("%s%s\n", urgent > 0 ? "Attention: " : "", line);
    free(line);
}
